"""Dates with their events on AllSides news (issue #28): a blind reporting set and three tuning twins.

Data: ../shared/eval/allsides_baly2020/articles.jsonl.gz (the articles' text, which never enters
the project) and three annotations of ours, each expression with its TIMEX3 type, including RANGE,
its value, and the head word of the clause it dates (see each file's header for its sample rule;
the conventions are the same):

* REPORTING: bench/eval/allsides_dates2.tsv, 231 expressions in 30 articles of outlets and years
  that allsides_dates.tsv does not have, annotated blind (before crosswire was run on them or its
  date code read). Nothing is tuned on it: only its figures are returned, nothing else is printed.
* TUNING: three TSVs read together, in this order: bench/eval/allsides_dates_tuning.tsv, 176
  expressions in the 21 articles of the last seven stories of allsides_compare_tuning.tsv,
  bench/eval/allsides_dates_tuning2.tsv, 206 expressions in the 24 articles of its first eight
  stories, and bench/eval/allsides_dates_tuning3.tsv, 272 expressions in the 30 articles of its
  stories 9 to 18 (tuning data already, none in a blind dates set, none in two TSVs), annotated
  the same way. Their individual misses are for reading: ``errors(limit)`` lists them
  (missed and spurious expressions, wrong values and wrong event heads, each with its words), and
  so does ``run(limit, "tuning")`` on stderr when ``CROSSWIRE_EVAL_VERBOSE=1``, or
  ``python -m bench.eval.dates_events [--limit N]``. Rules are also tuned on TempEval-3
  (``dates --split tuning``), whose conventions differ.

Every figure comes from the full stage (``add_times``) on each whole article, the article's
``date`` as publication date. A predicted expression and a gold one *overlap* when their
character spans share a character.

* ``detection_*``: a gold expression is found when a predicted one overlaps it, a predicted one
  is right when it overlaps a gold one (every expression of these articles is annotated).
* ``value_accuracy``: of the found gold expressions, those an overlapping prediction gives the
  gold value (dates.py's ``_same``: a predicted zone offset dropped, weeks unpadded).
  ``value_accuracy_<type>``: the same per gold type (DATE, TIME, DURATION, SET, RANGE).
* ``value_*`` (precision, recall, f1): a predicted expression is right when it overlaps a gold one
  AND gives its value; a gold one is recalled when such a prediction exists.
* ``event_attachment``: of the found gold expressions that date an event (the annotation's
  ``-`` rows date none), those an overlapping prediction attaches to a span overlapping the gold
  event head. Read from ``TimeExpr.event_start``/``event_end``; 0.0 while the stage has none.

A gold RANGE "a/b" is matched by a predicted value "a/b", or by a prediction whose
``range_start`` (or else ``value``) is a and whose ``range_end`` is b (both read with
``getattr``: the fields are the implementer's to add).

On the reporting split only the figures are returned and nothing else is printed: a miss read
there would make it a tuning one.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.eval.common import SHARED_EVAL, baly_records, check_split
from bench.eval.dates import _same

NAME = "dates_events"
TUNING = "75 AllSides articles of the comparison's tuning stories 19-25, 1-8 and 9-18, annotated with events"
REPORTING = "30 AllSides articles of other outlets and years, annotated blind with events"
ARTICLES = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
ANNOTATION = Path(__file__).with_name("allsides_dates2.tsv")
TUNING_ANNOTATION = Path(__file__).with_name("allsides_dates_tuning.tsv")
SECOND_TUNING_ANNOTATION = Path(__file__).with_name("allsides_dates_tuning2.tsv")
THIRD_TUNING_ANNOTATION = Path(__file__).with_name("allsides_dates_tuning3.tsv")
TUNING_ANNOTATIONS = (TUNING_ANNOTATION, SECOND_TUNING_ANNOTATION, THIRD_TUNING_ANNOTATION)
VERBOSE = "CROSSWIRE_EVAL_VERBOSE"  # =1: the tuning split's errors on stderr
TYPES = ("DATE", "TIME", "DURATION", "SET", "RANGE")


@dataclass(frozen=True, slots=True)
class GoldTime:
    start: int
    end: int
    type: str
    value: str
    event_start: int | None = None
    event_end: int | None = None


@dataclass(frozen=True, slots=True)
class PredictedTime:
    start: int
    end: int
    value: str | None
    range_start: str | None = None
    range_end: str | None = None
    event_start: int | None = None
    event_end: int | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the TSV: a gold expression with the short hashes of its span and event head."""

    article_id: str
    gold: GoldTime
    span_sha1: str
    event_sha1: str | None


# (article id, publication date, text, gold in document order)
Document = tuple[str, str, str, list[GoldTime]]


def short_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def read_annotation(path: Path = ANNOTATION) -> list[Row]:
    """The TSV's rows in file order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("article_id\t"):
            continue
        article_id, start, end, digest, kind, value, event_start, event_end, event_digest = line.split("\t")
        attached = event_start != "-"
        gold = GoldTime(
            int(start),
            int(end),
            kind,
            value,
            int(event_start) if attached else None,
            int(event_end) if attached else None,
        )
        rows.append(Row(article_id, gold, digest, event_digest if attached else None))
    return rows


def read_articles(wanted: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Article id -> (publication date, text) for each wanted id found in the AllSides file."""
    return {i: (r["date"], r["content_original"]) for i, r in baly_records(wanted, ARTICLES).items()}


def annotations_of(split: str) -> tuple[Path, ...]:
    """The TSVs a split scores: the blind set for reporting, the three twins for tuning."""
    return TUNING_ANNOTATIONS if check_split(split) == "tuning" else (ANNOTATION,)


def load_documents(limit: int | None = None, path: Path = ANNOTATION) -> list[Document]:
    """(article id, publication date, text, gold in document order) of each article of ``path``.

    Raises when a span's or an event head's hash no longer matches: the shared text changed."""
    rows = read_annotation(path)
    wanted = list(dict.fromkeys(row.article_id for row in rows))[:limit]
    found = read_articles(wanted)
    documents = []
    for article_id in wanted:
        if article_id not in found:
            raise ValueError(f"{ARTICLES}: article {article_id} is not there")
        published, text = found[article_id]
        gold = []
        for row in rows:
            if row.article_id != article_id:
                continue
            g = row.gold
            if short_sha1(text[g.start : g.end]) != row.span_sha1:
                raise ValueError(f"{article_id} {g.start}-{g.end}: the span does not match {row.span_sha1}")
            head = text[g.event_start : g.event_end] if g.event_start is not None else None
            if head is not None and short_sha1(head) != row.event_sha1:
                raise ValueError(f"{article_id} {g.event_start}-{g.event_end}: the event head does not match")
            gold.append(g)
        documents.append((article_id, published, text, sorted(gold, key=lambda g: (g.start, g.end))))
    return documents


def load_split(split: str, limit: int | None = None) -> list[Document]:
    """``load_documents`` of each TSV of the split, in turn; ``limit`` counts articles over all."""
    documents: list[Document] = []
    for path in annotations_of(split):
        if limit is not None and len(documents) >= limit:
            break
        documents += load_documents(None if limit is None else limit - len(documents), path)
    return documents


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def value_matches(predicted: PredictedTime, gold: GoldTime) -> bool:
    """The prediction gives gold's value; a gold RANGE "a/b" also as ``range_start``/``range_end``."""
    if _same(predicted.value, gold.value):
        return True
    if gold.type != "RANGE" or "/" not in gold.value:
        return False
    first, last = gold.value.split("/", 1)
    start = predicted.range_start if predicted.range_start is not None else predicted.value
    return _same(start, first) and _same(predicted.range_end, last)


def event_matches(predicted: PredictedTime, gold: GoldTime) -> bool:
    if None in (predicted.event_start, predicted.event_end, gold.event_start, gold.event_end):
        return False
    assert predicted.event_start is not None and predicted.event_end is not None
    assert gold.event_start is not None and gold.event_end is not None
    return _overlap(predicted.event_start, predicted.event_end, gold.event_start, gold.event_end)


def score(documents: Iterable[tuple[list[GoldTime], list[PredictedTime]]]) -> dict[str, float]:
    """The figures (module docstring) over (gold, predicted) pairs of documents."""
    counts = Counter[str]()
    found, right = Counter[str](), Counter[str]()
    for gold, predicted in documents:
        counts["gold"] += len(gold)
        counts["predicted"] += len(predicted)
        for p in predicted:
            touched = [g for g in gold if _overlap(p.start, p.end, g.start, g.end)]
            counts["predicted_overlapping"] += bool(touched)
            counts["predicted_valued"] += any(value_matches(p, g) for g in touched)
        for g in gold:
            hits = [p for p in predicted if _overlap(p.start, p.end, g.start, g.end)]
            if not hits:
                continue
            found[g.type] += 1
            right[g.type] += any(value_matches(p, g) for p in hits)
            if g.event_start is not None:
                counts["found_with_event"] += 1
                counts["event_right"] += any(event_matches(p, g) for p in hits)
    all_found, all_right = sum(found.values()), sum(right.values())
    figures = {
        "detection_precision": _ratio(counts["predicted_overlapping"], counts["predicted"]),
        "detection_recall": _ratio(all_found, counts["gold"]),
    }
    figures["detection_f1"] = _f1(figures["detection_precision"], figures["detection_recall"])
    figures["value_accuracy"] = _ratio(all_right, all_found)
    for kind in TYPES:
        figures[f"value_accuracy_{kind.lower()}"] = _ratio(right[kind], found[kind])
    figures["value_precision"] = _ratio(counts["predicted_valued"], counts["predicted"])
    figures["value_recall"] = _ratio(all_right, counts["gold"])
    figures["value_f1"] = _f1(figures["value_precision"], figures["value_recall"])
    figures["event_attachment"] = _ratio(counts["event_right"], counts["found_with_event"])
    return figures


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def predicted_of(time: object) -> PredictedTime:
    """A stage ``TimeExpr`` as the scorer reads it; fields the stage does not have yet are None."""

    def field(name: str) -> object:
        return getattr(time, name, None)

    def text_or_none(name: str) -> str | None:
        value = field(name)
        return value if isinstance(value, str) else None

    def int_or_none(name: str) -> int | None:
        value = field(name)
        return value if isinstance(value, int) else None

    start, end = int_or_none("start"), int_or_none("end")
    assert start is not None and end is not None
    return PredictedTime(
        start,
        end,
        text_or_none("value"),
        text_or_none("range_start"),
        text_or_none("range_end"),
        int_or_none("event_start"),
        int_or_none("event_end"),
    )


@dataclass(frozen=True, slots=True)
class Scored:
    """One article as the stage read it: its text, gold and predicted expressions."""

    article_id: str
    published: str
    text: str
    gold: list[GoldTime]
    predicted: list[PredictedTime]


def predict(documents: Iterable[Document]) -> list[Scored]:
    """Run the full stage (``add_times``) on each whole article, its ``date`` as publication date."""
    # Imported here: a skip for absent data needs no spaCy model.
    from crosswire.mentions.dates.stage import add_times
    from crosswire.nlp import load_nlp
    from crosswire.types import Article

    nlp = load_nlp()
    scored = []
    for article_id, published, text, gold in documents:
        article = Article(id=article_id, text=text, source="allsides", published=published)
        add_times(nlp(text), article)
        scored.append(Scored(article_id, published, text, gold, [predicted_of(t) for t in article.times]))
    return scored


def _quoted(text: str, start: int | None, end: int | None) -> str:
    return "none" if start is None or end is None else repr(" ".join(text[start:end].split()))


def _gold_errors(doc: Scored, g: GoldTime) -> list[str]:
    """What went wrong with one gold expression, as the scores count it (empty when nothing did)."""
    where = f"{g.start}-{g.end} {_quoted(doc.text, g.start, g.end)}"
    hits = [p for p in doc.predicted if _overlap(p.start, p.end, g.start, g.end)]
    if not hits:
        return [f"missed {g.type} {g.value}: {where}"]
    lines = []
    if not any(value_matches(p, g) for p in hits):
        shown = ", ".join(_shown_value(p) for p in hits)
        lines.append(f"wrong value {g.type}: {where} predicted {shown} gold {g.value}")
    if g.event_start is not None and not any(event_matches(p, g) for p in hits):
        shown = ", ".join(_quoted(doc.text, p.event_start, p.event_end) for p in hits)
        gold_head = _quoted(doc.text, g.event_start, g.event_end)
        lines.append(f"wrong event: {where} predicted {shown} gold {gold_head}")
    return lines


def _shown_value(p: PredictedTime) -> str:
    if p.range_end is not None:
        return f"{p.range_start or p.value}..{p.range_end}"
    return str(p.value)


def article_errors(doc: Scored) -> list[str]:
    """One tuning article's misses: each gold expression's, then the spurious predictions."""
    lines = [line for g in doc.gold for line in _gold_errors(doc, g)]
    for p in doc.predicted:
        if not any(_overlap(p.start, p.end, g.start, g.end) for g in doc.gold):
            lines.append(f"spurious {p.value}: {p.start}-{p.end} {_quoted(doc.text, p.start, p.end)}")
    return lines


def _error_report(scored: Sequence[Scored]) -> list[str]:
    lines = []
    for doc in scored:
        lines.append(f"== {doc.article_id} (published {doc.published})")
        lines += article_errors(doc) or ["no errors"]
    return lines


def errors(limit: int | None = None, split: str = "tuning") -> list[str]:
    """The tuning split's individual misses, article by article. There is no such listing for the
    reporting split: reading its errors would make it a tuning set."""
    if check_split(split) != "tuning":
        raise ValueError("errors are listed for the tuning split only: the reporting split is blind")
    return _error_report(predict(load_split("tuning", limit)))


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    scored = predict(load_split(split, limit))
    if check_split(split) == "tuning" and os.environ.get(VERBOSE) == "1":
        print("\n".join(_error_report(scored)), file=sys.stderr)
    return score((doc.gold, doc.predicted) for doc in scored)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="List the dates' misses on the TUNING split.")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    print("\n".join(errors(parser.parse_args().limit)))
