"""Quotes on AllSides articles annotated by hand for every attribution (#23): a blind set and a tuning set.

Data: ../shared/eval/allsides_baly2020/articles.jsonl.gz (the articles' text, which never enters
the project) and bench/eval/allsides_quotes.tsv (ours: article id, character offsets into
``content_original``, short hashes of the first content part and of the speaker span, and the
labels, annotated before running crosswire on these articles or reading its quote code; see
the file's header for the sample rule and the conventions). PolNeAR (quotes.py) is the set the
rules were written on; these articles come from 16 other outlets.

Reporting split: that blind set. Nothing was tuned on it, and nothing may be: only figures are
returned and nothing else is printed, whatever is asked (an error read there would make it a
tuning set). Tuning split: bench/eval/allsides_quotes_tuning.tsv, 30 other articles (10 whole
stories of the comparison's tuning set, allsides_compare_tuning.tsv) annotated the same way, by
the same conventions; no article of it is in the blind set. Its individual errors are for reading:
``errors(limit, split="tuning")`` lists them (missed quotes, false quotes, wrong speakers and
vias, each with its text), and so does ``run(limit, "tuning")`` on stderr when
``CROSSWIRE_EVAL_VERBOSE=1``, or ``python -m bench.eval.quotes_allsides [--limit N]``.

The pipeline runs as ingest runs it (``load_nlp``, ``annotate`` with ``add_sentences``,
``add_mentions``, ``clean_mentions``, ``add_quotes``). Matching, as in quotes.py:

* a gold utterance's characters are its parts (for a direct quote, the text inside the marks,
  one part per stretch; a quote split by its attribution is one utterance); a predicted
  quote's characters are its ``parts`` when it has them, else ``start``-``end``;
* recall: a gold utterance is found when predicted quotes (of any kind) together cover >= 50%
  of its characters; it counts once however many predictions cover it.
  ``direct_recall`` on direct utterances, ``reported_recall`` on indirect and mixed ones;
* precision: a predicted quote is right when >= 50% of its characters lie inside gold
  utterances of any kind (every attribution of these articles is annotated).
  ``quote_precision`` over every predicted quote, ``reported_precision`` over the predicted
  indirect and mixed ones;
* speaker, on found utterances whose gold speaker is named: the prediction covering the most
  of the utterance has a speaker whose span overlaps the gold speaker span, or whose resolved
  name shares a capitalised name word with the gold speaker text read at the stored offsets
  (the rule of quotes.py). A prediction with no speaker, or with an ``unknown`` one (a
  description, not a name), abstains: ``speaker_accuracy`` = right / answered,
  ``speaker_coverage`` = answered / judged; ``direct_`` and ``reported_speaker_accuracy``
  split the same count by the gold kind;
* ``via_accuracy``, on found utterances whose gold has a via: one of the best prediction's via
  links overlaps a gold via span or shares a capitalised name word with one (none = wrong).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.eval.common import SHARED_EVAL, baly_records, check_split
from bench.eval.quotes import _NAME_WORD, _NOT_NAMES, Spans, _covered, _overlap, _size

NAME = "quotes_allsides"
TUNING = "30 other AllSides articles, 10 stories (allsides_quotes_tuning.tsv)"
REPORTING = "30 AllSides articles annotated blind (allsides_quotes.tsv)"
ARTICLES = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
ANNOTATION = Path(__file__).with_name("allsides_quotes.tsv")
TUNING_ANNOTATION = Path(__file__).with_name("allsides_quotes_tuning.tsv")
VERBOSE = "CROSSWIRE_EVAL_VERBOSE"  # =1: the tuning split's errors on stderr
KINDS = ("direct", "indirect", "mixed")
REPORTED = ("indirect", "mixed")
STATUSES = ("named", "unnamed", "none")
COLUMNS = (
    "article_id", "utt_id", "kind", "parts", "content_sha1_8", "speaker_status",
    "speaker_start", "speaker_end", "speaker_sha1_8", "via", "cue_start", "cue_end",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the annotation, as stored (no text)."""

    article_id: str
    utt_id: str
    kind: str  # direct | indirect | mixed, or "none" for an article with no attribution
    parts: Spans
    content_sha1_8: str
    speaker_status: str
    speaker: tuple[int, int] | None
    speaker_sha1_8: str
    via: Spans
    cue: tuple[int, int] | None


@dataclass(slots=True)
class Utterance:
    """A gold utterance with the texts a scorer needs, read from the article."""

    kind: str
    parts: Spans
    named: bool = False
    speaker: tuple[int, int] | None = None
    speaker_text: str = ""
    via: Spans = field(default_factory=list)
    via_texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Predicted:
    kind: str
    parts: Spans
    speaker: tuple[int, int] | None = None
    speaker_name: str | None = None  # None: no speaker, or an unknown one (abstains)
    via: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    article_id: str
    text: str
    gold: list[Utterance]
    predicted: list[Predicted] = field(default_factory=list)


def sha1_8(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _spans(field_text: str) -> Spans:
    if field_text == "-":
        return []
    spans = [(int(a), int(b)) for a, b in (p.split("-") for p in field_text.split(";"))]
    if any(b <= a for a, b in spans):
        raise ValueError(f"empty or reversed span in {field_text!r}")
    return spans


def _pair(start: str, end: str) -> tuple[int, int] | None:
    return None if start == "-" else (int(start), int(end))


def parse_row(line: str) -> Row:
    """One data line of the TSV; raises ValueError on a malformed one."""
    f = line.split("\t")
    if len(f) != len(COLUMNS):
        raise ValueError(f"{len(f)} columns, not {len(COLUMNS)}: {line!r}")
    article_id, utt_id, kind, parts, digest, status, s_start, s_end, s_digest, via, c_start, c_end = f
    if kind == "none":
        if set(f[1:]) - {"-", "none"}:
            raise ValueError(f"a `none` row carries labels: {line!r}")
        return Row(article_id, utt_id, kind, [], "-", "none", None, "-", [], None)
    if kind not in KINDS or status not in STATUSES:
        raise ValueError(f"kind {kind!r} / speaker status {status!r}: {line!r}")
    speaker = _pair(s_start, s_end)
    if (status == "none") != (speaker is None) or (speaker is None) != (s_digest == "-"):
        raise ValueError(f"speaker fields disagree with status {status!r}: {line!r}")
    row = Row(
        article_id, utt_id, kind, _spans(parts), digest, status, speaker, s_digest, _spans(via),
        _pair(c_start, c_end),
    )  # fmt: skip
    if not row.parts or any(b[0] < a[1] for a, b in zip(row.parts, row.parts[1:], strict=False)):
        raise ValueError(f"parts must be present, in order, apart: {line!r}")
    return row


def annotation_of(split: str) -> Path:
    """The annotation file a split scores."""
    return TUNING_ANNOTATION if check_split(split) == "tuning" else ANNOTATION


def read_annotation(path: Path = ANNOTATION) -> dict[str, list[Row]]:
    """Article id -> its rows, in file order (articles in sample order)."""
    rows: dict[str, list[Row]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("article_id\t"):
            continue
        row = parse_row(line)
        rows.setdefault(row.article_id, []).append(row)
    return rows


def read_records(ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """The wanted articles' records."""
    return baly_records(ids, ARTICLES)


def gold_of(text: str, rows: list[Row]) -> list[Utterance]:
    """The rows' utterances with their texts; raises when a stored hash no longer matches."""
    gold = []
    for row in rows:
        if row.kind == "none":
            continue
        where = f"{row.article_id} {row.utt_id}"
        first = text[row.parts[0][0] : row.parts[0][1]]
        if sha1_8(first) != row.content_sha1_8:
            raise ValueError(f"{where}: content does not match {row.content_sha1_8}")
        if any(b > len(text) for _, b in row.parts + row.via):
            raise ValueError(f"{where}: a span runs past the article")
        speaker_text = ""
        if row.speaker is not None:
            speaker_text = text[row.speaker[0] : row.speaker[1]]
            if sha1_8(speaker_text) != row.speaker_sha1_8:
                raise ValueError(f"{where}: speaker does not match {row.speaker_sha1_8}")
        gold.append(
            Utterance(
                row.kind, row.parts, row.speaker_status == "named", row.speaker, speaker_text,
                row.via, [text[a:b] for a, b in row.via],
            )
        )  # fmt: skip
    return gold


def load_documents(limit: int | None = None, path: Path = ANNOTATION) -> list[Document]:
    annotation = read_annotation(path)
    wanted = list(annotation)[:limit]
    records = read_records(wanted)
    documents = []
    for article_id in wanted:
        if article_id not in records:
            raise ValueError(f"{ARTICLES}: article {article_id} is not there")
        text = records[article_id]["content_original"]
        documents.append(Document(article_id, text, gold_of(text, annotation[article_id])))
    return documents


def _name_words(text: str) -> set[str]:
    return set(_NAME_WORD.findall(text)) - _NOT_NAMES


def _same_source(
    span: tuple[int, int] | None, name: str | None, gold_spans: Spans, gold_texts: list[str]
) -> bool:
    if span is not None and any(_overlap(span, g) for g in gold_spans):
        return True
    words = _name_words(name or "")
    return bool(words) and any(words & _name_words(t) for t in gold_texts)


@dataclass(slots=True)
class _Counts:
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    judged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    answered: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    speaker_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    via_judged: int = 0
    via_right: int = 0

    def add(self, document: Document) -> None:
        every_gold = [s for g in document.gold for s in g.parts]
        for p in document.predicted:
            self.predicted[p.kind] += 1
            self.right[p.kind] += _is_right(p, every_gold)
        for g in document.gold:
            self.total[g.kind] += 1
            best = _best_for(g, document.predicted)
            if best is None:
                continue
            self.found[g.kind] += 1
            if g.named:
                self.judged[g.kind] += 1
                if best.speaker_name is not None:
                    self.answered[g.kind] += 1
                    self.speaker_right[g.kind] += _speaker_right(best, g)
            if g.via:
                self.via_judged += 1
                self.via_right += _via_right(best, g)


def _is_right(p: Predicted, every_gold: Spans) -> bool:
    """A predicted quote is right when at least half its characters lie inside gold utterances."""
    return _covered(p.parts, every_gold) * 2 >= _size(p.parts)


def _best_for(g: Utterance, predicted: list[Predicted]) -> Predicted | None:
    """The prediction covering most of ``g``, or None when all of them cover less than half of it."""
    near = [p for p in predicted if any(_overlap(a, b) for a in p.parts for b in g.parts)]
    if _covered(g.parts, [s for p in near for s in p.parts]) * 2 < _size(g.parts):
        return None
    return max(near, key=lambda p: _covered(g.parts, p.parts))


def _speaker_right(best: Predicted, g: Utterance) -> bool:
    return _same_source(best.speaker, best.speaker_name, [g.speaker] if g.speaker else [], [g.speaker_text])


def _via_right(best: Predicted, g: Utterance) -> bool:
    return any(_same_source((a, b), name, g.via, g.via_texts) for a, b, name in best.via)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def score(documents: list[Document]) -> dict[str, float]:
    """The figures of the module docstring."""
    c = _Counts()
    for document in documents:
        c.add(document)
    reported = list(REPORTED)
    every = list(KINDS)

    def total(counter: dict[str, int], kinds: list[str]) -> int:
        return sum(counter[k] for k in kinds)

    answered, judged = total(c.answered, every), total(c.judged, every)
    return {
        "direct_recall": _share(c.found["direct"], c.total["direct"]),
        "quote_precision": _share(total(c.right, every), total(c.predicted, every)),
        "reported_recall": _share(total(c.found, reported), total(c.total, reported)),
        "reported_precision": _share(total(c.right, reported), total(c.predicted, reported)),
        "speaker_accuracy": _share(total(c.speaker_right, every), answered),
        "speaker_coverage": _share(answered, judged),
        "direct_speaker_accuracy": _share(c.speaker_right["direct"], c.answered["direct"]),
        "reported_speaker_accuracy": _share(total(c.speaker_right, reported), total(c.answered, reported)),
        "via_accuracy": _share(c.via_right, c.via_judged),
    }


def predict_crosswire(documents: list[Document]) -> None:
    """Run the document stages as ingest does and fill ``predicted`` from the Quote records."""
    from crosswire.mentions import add_quotes, clean_mentions
    from crosswire.nlp import add_mentions, add_sentences, annotate, load_nlp
    from crosswire.types import Article as Record

    records = [Record(id=d.article_id, text=d.text, source="allsides") for d in documents]
    annotate(records, load_nlp(), [add_sentences, add_mentions, clean_mentions, add_quotes])
    for document, record in zip(documents, records, strict=True):
        for q in record.quotes:
            s = q.speaker
            knows = s is not None and s.kind != "unknown"
            span = (s.start, s.end) if s and s.start is not None and s.end is not None else None
            document.predicted.append(
                Predicted(
                    q.kind, list(q.parts) or [(q.start, q.end)], span if knows else None,
                    s.name if s is not None and knows else None, [(v.start, v.end, v.name) for v in q.via],
                )
            )  # fmt: skip


# -- the tuning split's errors, for reading (never the reporting split's) -------------------------


def _shown(text: str, spans: Spans) -> str:
    words = " | ".join(" ".join(text[a:b].split()) for a, b in spans)
    return repr(words if len(words) <= 240 else words[:237] + "...")


def document_errors(document: Document) -> list[str]:
    """One line per error of one article, by the scorer's own rules, with the spans' text."""
    text, lines = document.text, []
    every_gold = [s for g in document.gold for s in g.parts]
    for p in document.predicted:
        if not _is_right(p, every_gold):
            lines.append(f"false quote ({p.kind}, speaker {p.speaker_name!r}): {_shown(text, p.parts)}")
    for g in document.gold:
        best = _best_for(g, document.predicted)
        source = repr(g.speaker_text or "-")
        if best is None:
            lines.append(f"missed {g.kind} quote (speaker {source}): {_shown(text, g.parts)}")
            continue
        if g.named and best.speaker_name is None:
            lines.append(f"no speaker (gold {source}): {_shown(text, g.parts)}")
        elif g.named and not _speaker_right(best, g):
            lines.append(f"wrong speaker {best.speaker_name!r} (gold {source}): {_shown(text, g.parts)}")
        if g.via and not _via_right(best, g):
            said = [name for _, _, name in best.via] or "none"
            lines.append(f"wrong via {said} (gold {g.via_texts}): {_shown(text, g.parts)}")
    return lines


def _error_report(documents: list[Document]) -> list[str]:
    lines = []
    for document in documents:
        lines.append(f"== {document.article_id}")
        lines += document_errors(document) or ["no errors"]
    return lines


def errors(limit: int | None = None, split: str = "tuning") -> list[str]:
    """The tuning split's individual errors, article by article (there is no such listing for the
    reporting split: reading its errors would make it a tuning set)."""
    if annotation_of(split) != TUNING_ANNOTATION:
        raise ValueError("the reporting split's errors are never listed: use split='tuning'")
    documents = load_documents(limit, TUNING_ANNOTATION)
    predict_crosswire(documents)
    return _error_report(documents)


def run(limit: int | None, split: str = "reporting") -> dict[str, float]:
    path = annotation_of(split)
    documents = load_documents(limit, path)
    predict_crosswire(documents)
    if path == TUNING_ANNOTATION and os.environ.get(VERBOSE) == "1":
        print("\n".join(_error_report(documents)), file=sys.stderr)
    return score(documents)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="List the quote errors on the TUNING split.")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    print("\n".join(errors(parser.parse_args().limit)))
