"""Quotes against PolNeAR: direct and reported speech, and who said it.

Data: ``../shared/eval/polnear/data/{dev,train}`` — US political news articles in brat
standoff, with Attribution events (Source / Cue / Content). One annotator per article: the
first ``.ann`` file by name. Articles run through the real pipeline pieces: ``load_nlp()``,
``nlp.pipe`` via ``annotate``, ``add_sentences``, ``add_mentions``, then ``add_quotes``.

Splits:
  * TUNING — PolNeAR dev (84 articles): the quote rules were written and tuned on it.
  * REPORTING — one PolNeAR train article in 4, chosen by the sha1 of its name (about 210
    of 840): no rule was written while looking at train. Pinned.

Gold:
  * a **direct** gold quote is a Content span containing a double quotation mark (“ ” ", or
    two apostrophes '' as PolNeAR's New York Times articles write it);
    what is compared is its *quoted part*, the characters between pairs of marks inside the
    Content span (so ``that fraud is "a big problem"`` is judged on ``a big problem``);
  * an **indirect** gold quote is a Content span with no double quotation mark;
  * PolNeAR annotates every attribution, speech or not: beliefs ("X believes"), wishes,
    plans, perception ("polls show"), acts ("X attacked Y"). ``speech_indirect_recall`` is
    the indirect recall on the gold quotes whose Cue holds a verb of communication
    (``SPEECH_CUES``, after Levin's 1993 verb classes 37.x: say, tell, report, claim, argue …)
    or "according to": the reported speech crosswire counts (the stance verbs it leaves out
    on purpose). ``indirect_recall`` stays the recall on all of them.

A second, blind reporting set with the same matching rule: ``quotes_allsides`` (30 AllSides
articles from other outlets, annotated by hand before crosswire ran on them).

Matching rule (the same for both kinds, and for ``quotes_textacy``):
  * recall — a gold quote is found when the predicted quotes of its kind together cover
    ≥ 50% of its characters (its quoted part for direct quotes; split quotes, which PolNeAR
    annotates as one discontinuous Content, may so be found by two linked predictions);
    recall is found gold quotes / gold quotes (it once divided correct *predictions* by
    correct predictions + missed gold quotes, which two predictions inside one gold quote,
    or an indirect one inside a direct quote's Content, inflated);
  * precision — a predicted quote is correct when ≥ 50% of its characters lie inside gold
    Content spans of any kind (PolNeAR annotates every attribution, so a quote outside all
    of them, a scare quote taken for speech say, is a false positive).

The tuning split's individual errors are for reading: ``errors(limit)`` (or ``python -m
bench.eval.quotes [--limit N]``) lists, article by article, the direct gold quotes missed and the
predicted quotes outside every gold Content, each with its words around it, by the rules above
(the rules as shipped). There is no such listing for the reporting split.

Every figure is given twice: for crosswire as it ships (the rules: the learned model is off
by default, see ``Settings.quote_model``) and, prefixed ``model_``, with the learned model of
``crosswire.mentions.quotes.model`` on (``CROSSWIRE_QUOTE_MODEL=1``), from the same parse.
``quote_precision`` is the precision of all predicted quotes together;
``{kind}_speaker_answered`` the share of found quotes given a speaker (the rest are
"unknown"), and ``{kind}_speaker_accuracy_answered`` the accuracy on those.

Speaker accuracy, on found gold quotes that have a Source: the prediction overlapping the
gold quote most has a speaker whose span overlaps the gold Source span (``speaker_span_*``),
or — ``speaker_*`` — also one whose resolved name shares a capitalised name word with the
gold Source text (gold "Mr. Trump" or "Trump" and a predicted "Donald Trump" resolved from
"he"); a gold Source that is only a pronoun can then be matched by span alone. A found
quote with no predicted speaker counts as wrong.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.eval.common import PRF, SHARED_EVAL, Skip, check_split, hash_bucket, require

NAME = "quotes"
TUNING = "PolNeAR dev"
REPORTING = "PolNeAR train, 1 article in 4 by name hash"
POLNEAR = SHARED_EVAL / "polnear" / "data"
# One train article in REPORTING_EVERY (209 of 840): about a minute of parsing on two cores.
REPORTING_EVERY = 4
# PolNeAR's New York Times articles write double quotation marks as two apostrophes (''…'').
DOUBLE_MARKS = re.compile(r"[“”\"]|''")
_NAME_WORD = re.compile(r"\b[A-Z][\w’'-]+")
_NOT_NAMES = frozenset({"The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "President", "Sen", "Gov", "Rep"})

# Verbs of communication (Levin 1993, classes 37.1-37.8: transfer of a message, tell, manner
# of speaking, say, complain, advise, and the verbs of stating that take a "that" clause), as
# lemmas; a gold Cue holding one of them (any inflection, see ``_forms``) is speech.
SPEECH_CUES = frozenset({
    "say", "tell", "report", "state", "announce", "declare", "claim", "argue", "assert",
    "write", "add", "note", "explain", "insist", "suggest", "warn", "admit", "acknowledge",
    "deny", "confirm", "reveal", "disclose", "mention", "remark", "comment", "reply",
    "respond", "answer", "ask", "inquire", "tweet", "post", "testify", "allege", "contend",
    "maintain", "predict", "promise", "vow", "pledge", "threaten", "urge", "advise",
    "recommend", "propose", "complain", "boast", "brag", "joke", "quip", "concede", "repeat",
    "reiterate", "stress", "emphasize", "emphasise", "observe", "recall", "describe", "call",
    "charge", "accuse", "blame", "criticize", "criticise", "praise", "cite", "quote",
    "dismiss", "reject", "question", "demand", "inform", "notify", "assure", "shout", "yell",
    "whisper", "speak", "talk", "discuss", "conclude", "estimate", "agree", "object",
    "protest", "counter", "retort", "concur", "proclaim", "publish", "release", "issue",
})  # fmt: skip
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write",
              "spoke": "speak", "spoken": "speak", "according": "according"}
_SPEECH_FORMS = frozenset(_IRREGULAR.keys())

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from crosswire.types import Article as Record
    from crosswire.types import Quote

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class Gold:
    content: Spans
    source: Spans
    source_text: str
    direct: bool
    target: Spans  # what recall is measured on: the quoted part of a direct quote, else content
    speech: bool = False  # the Cue is a verb of communication or "according to"


@dataclass(slots=True)
class Predicted:
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None = None
    speaker_name: str | None = None


@dataclass(slots=True)
class Article:
    name: str
    text: str
    gold: list[Gold]
    predicted: list[Predicted] = field(default_factory=list)


def read_ann(path: Path) -> tuple[dict[str, tuple[str, Spans, str]], list[dict[str, str]]]:
    """The brat reader of ../shared/eval/README.md: text-bound annotations and events."""
    spans: dict[str, tuple[str, Spans, str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 2:
            continue  # the rest of a span text that holds a line break
        if f[0].startswith("T"):
            label, offsets = f[1].split(" ", 1)
            parts = [(int(a), int(b)) for a, b in (s.split() for s in offsets.split(";"))]
            spans[f[0]] = (label, parts, f[2] if len(f) > 2 else "")
        elif f[0].startswith("E"):
            events.append(dict(kv.split(":", 1) for kv in f[1].split()))
    return spans, events


def quoted_part(text: str, content: Spans) -> Spans:
    """The characters between pairs of double marks inside a Content span (marks alternate)."""
    marks = [m.span() for a, b in content for m in DOUBLE_MARKS.finditer(text, a, b)]
    # From the end of an opening mark to the start of its closing one (a mark is 1 or 2 chars).
    pairs = [(o[1], c[0]) for o, c in zip(marks[::2], marks[1::2], strict=False)]
    if len(marks) % 2:  # a quote running past the span: it goes to the span's end
        pairs.append((marks[-1][1], content[-1][1]))
    inside = [(max(o, a), min(c, b)) for o, c in pairs for a, b in content]
    return [(a, b) for a, b in inside if b > a]


def _forms(lemma: str) -> set[str]:
    """The regular inflections of a verb: say -> says, saying; note -> noted, noting; deny -> denied."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, f"{lemma}s", f"{lemma}es", f"{stem}ed", f"{stem}ing", f"{lemma}ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {f"{lemma[:-1]}ies", f"{lemma[:-1]}ied"}
    return forms


_SPEECH_WORDS = _SPEECH_FORMS | {form for lemma in SPEECH_CUES for form in _forms(lemma)}


def is_speech_cue(cue_text: str) -> bool:
    """Does a gold Cue hold a verb of communication (any inflection) or "according to"?"""
    return any(word in _SPEECH_WORDS for word in re.findall(r"[a-z]+", cue_text.lower()))


def in_reporting_split(name: str) -> bool:
    return hash_bucket(name, REPORTING_EVERY) == 0


def load_articles(limit: int | None, split: str = "tuning") -> list[Article]:
    """PolNeAR articles of a split (see the module docstring) with their gold quotes."""
    folder = require(POLNEAR / ("dev" if check_split(split) == "tuning" else "train"))
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if split == "tuning" or in_reporting_split(name):
            chosen.setdefault(name, ann)
    articles = []
    for name, ann in sorted(chosen.items())[:limit]:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(name, text, list(_gold(text, *read_ann(ann)))))
    if not articles:
        raise Skip(f"no PolNeAR articles in {folder}")
    return articles


def _gold(
    text: str, spans: dict[str, tuple[str, Spans, str]], events: list[dict[str, str]]
) -> Iterable[Gold]:
    for event in events:
        if "Content" not in event:
            continue
        content = spans[event["Content"]][1]
        source = spans[event["Source"]][1] if "Source" in event else []
        source_text = spans[event["Source"]][2] if "Source" in event else ""
        direct = any(DOUBLE_MARKS.search(text, a, b) for a, b in content)
        target = quoted_part(text, content) if direct else content
        speech = "Cue" in event and is_speech_cue(spans[event["Cue"]][2])
        yield Gold(content, source, source_text, direct, target or content, speech)


def _covered(spans: Spans, by: Iterable[tuple[int, int]]) -> int:
    chars = {i for a, b in spans for i in range(a, b)}
    return len(chars & {i for a, b in by for i in range(a, b)})


def _size(spans: Spans) -> int:
    return sum(b - a for a, b in spans)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_right(article: Article, gold: Gold, pred: Predicted, *, by_name: bool) -> bool:
    if pred.speaker and any(_overlap(pred.speaker, s) for s in gold.source):
        return True
    if not by_name or not pred.speaker_name:
        return False
    gold_words = set(_NAME_WORD.findall(gold.source_text)) - _NOT_NAMES
    return bool(gold_words & (set(_NAME_WORD.findall(pred.speaker_name)) - _NOT_NAMES))


def score(articles: list[Article]) -> dict[str, float]:
    """Precision/recall per kind and speaker accuracy, by the rule in the module docstring."""
    figures: dict[str, float] = {}
    right = wrong = 0
    for kind in ("direct", "indirect"):
        counts = _Counts()
        for article in articles:
            counts.add(article, kind)
        right, wrong = right + counts.tp_pred, wrong + counts.fp
        answered = counts.judged - counts.unanswered
        figures[f"{kind}_speaker_answered"] = answered / counts.judged if counts.judged else 0.0
        figures[f"{kind}_speaker_accuracy_answered"] = counts.right / answered if answered else 0.0
        precision = PRF.from_counts(counts.tp_pred, counts.fp, 0).precision
        recall = counts.found / (counts.found + counts.fn) if counts.found + counts.fn else 0.0
        figures[f"{kind}_precision"] = precision
        figures[f"{kind}_recall"] = recall
        figures[f"{kind}_f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures[f"{kind}_speaker_accuracy"] = counts.right / counts.judged if counts.judged else 0.0
        figures[f"{kind}_speaker_span_accuracy"] = counts.right_span / counts.judged if counts.judged else 0.0
        if kind == "indirect":
            figures["speech_indirect_recall"] = counts.speech_found / counts.speech if counts.speech else 0.0
    figures["quote_precision"] = right / (right + wrong) if right + wrong else 0.0
    return figures


@dataclass(slots=True)
class _Counts:
    tp_pred: int = 0  # predictions inside gold content (precision counts predictions)
    fp: int = 0
    found: int = 0  # gold quotes found (recall counts gold quotes)
    fn: int = 0
    speech: int = 0  # gold quotes whose cue is a verb of communication, and those found
    speech_found: int = 0
    judged: int = 0
    right: int = 0
    right_span: int = 0
    unanswered: int = 0  # found quotes the system named no speaker for

    def add(self, article: Article, kind: str) -> None:
        preds = [p for p in article.predicted if p.kind == kind]
        golds = [g for g in article.gold if g.direct == (kind == "direct")]
        every_content = [s for g in article.gold for s in g.content]
        for p in preds:
            inside = _covered([(p.start, p.end)], every_content)
            if inside * 2 >= p.end - p.start:
                self.tp_pred += 1
            else:
                self.fp += 1
        for g in golds:
            near = [p for p in preds if any(_overlap((p.start, p.end), t) for t in g.target)]
            hit = _covered(g.target, [(p.start, p.end) for p in near]) * 2 >= _size(g.target)
            self.speech += g.speech
            self.speech_found += g.speech and hit
            if not hit:
                self.fn += 1
                continue
            self.found += 1
            if g.source:
                best = max(near, key=lambda p: _covered(g.target, [(p.start, p.end)]))
                self.judged += 1
                self.unanswered += best.speaker is None and best.speaker_name is None
                self.right += _speaker_right(article, g, best, by_name=True)
                self.right_span += _speaker_right(article, g, best, by_name=False)


Predictor = Callable[[list[Article]], None]


def predict_crosswire(articles: list[Article], with_model: list[Article] | None = None) -> None:
    """Run the pipeline pieces and fill ``predicted`` from the Quote records, as shipped (the
    rules; the model is off by default); with ``with_model`` (copies of ``articles``), also
    the quotes with the learned model on, from the same parse."""
    from crosswire.mentions.quotes import add_quotes
    from crosswire.nlp import add_mentions, add_sentences, annotate, load_nlp
    from crosswire.types import Article as Record

    records = [Record(id="x", text=a.text, source="polnear") for a in articles]
    by_model: list[list[Quote]] = []

    def quotes_both_ways(doc: Doc, record: Record) -> None:
        if with_model is not None:
            with model_switched(on=True):
                add_quotes(doc, record)
            by_model.append(record.quotes)
        with model_switched(on=False):
            add_quotes(doc, record)

    annotate(records, load_nlp(), [add_sentences, add_mentions, quotes_both_ways])
    for article, record in zip(articles, records, strict=True):
        article.predicted.extend(_predicted(record.quotes))
    for article, quotes in zip(with_model or [], by_model, strict=True):
        article.predicted.extend(_predicted(quotes))


def _predicted(quotes: Iterable[Quote]) -> list[Predicted]:
    """One prediction per piece of each utterance (``pieces``): PolNeAR scores a split quote's
    parts and a mixed quote's clause and fragments the way it annotates them."""
    from crosswire.mentions.quotes.utterances import pieces

    found = []
    for q in quotes:
        s = q.speaker
        span = (s.start, s.end) if s and s.start is not None and s.end is not None else None
        for start, end, kind in pieces(q):
            found.append(Predicted(start, end, kind, span, s.name if s else None))
    return found


@contextmanager
def model_switched(*, on: bool) -> Iterator[None]:
    """``CROSSWIRE_QUOTE_MODEL`` set for the duration (the quote stage reads it per article)."""
    before = os.environ.get("CROSSWIRE_QUOTE_MODEL")
    os.environ["CROSSWIRE_QUOTE_MODEL"] = "true" if on else "false"
    try:
        yield
    finally:
        if before is None:
            del os.environ["CROSSWIRE_QUOTE_MODEL"]
        else:
            os.environ["CROSSWIRE_QUOTE_MODEL"] = before


def run(limit: int | None, split: str = "reporting") -> dict[str, float]:
    articles = load_articles(limit, split)
    with_model = [Article(a.name, a.text, a.gold) for a in articles]
    predict_crosswire(articles, with_model)
    return score(articles) | {f"model_{k}": v for k, v in score(with_model).items()}


def cost(limit: int | None = None, repeat: int = 3) -> dict[str, float]:
    """Seconds spent in spaCy's parse and in each stage over the tuning texts (best of ``repeat``)."""
    from crosswire.mentions.quotes import add_quotes
    from crosswire.nlp import add_mentions, add_sentences, load_nlp
    from crosswire.types import Article as Record

    nlp = load_nlp()
    texts = [a.text for a in load_articles(limit)]
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent = {"spacy": 0.0, "sentences+mentions": 0.0, "quotes": 0.0}
        with nlp.memory_zone():
            started = time.perf_counter()
            docs = list(nlp.pipe(texts, batch_size=16))
            spent["spacy"] = time.perf_counter() - started
            for text, doc in zip(texts, docs, strict=True):
                record = Record(id="x", text=text, source="polnear")
                started = time.perf_counter()
                add_sentences(doc, record)
                add_mentions(doc, record)
                spent["sentences+mentions"] += time.perf_counter() - started
                started = time.perf_counter()
                add_quotes(doc, record)
                spent["quotes"] += time.perf_counter() - started
        best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
    best["quotes_share_of_spacy"] = best["quotes"] / best["spacy"]
    return best


# -- the tuning split's errors, for reading (never the reporting split's) -------------------------


def _in_context(text: str, start: int, end: int, width: int = 100) -> str:
    def squeeze(part: str) -> str:
        return " ".join(part.split())

    before, after = squeeze(text[max(start - width, 0):start]), squeeze(text[end:end + width])
    return f"{before} [[{squeeze(text[start:end])}]] {after}"


def article_errors(article: Article) -> list[str]:
    """The direct gold quotes ``article`` misses and its false quotes, by the scorer's rules."""
    lines = []
    every_content = [s for g in article.gold for s in g.content]
    direct = [(p.start, p.end) for p in article.predicted if p.kind == "direct"]
    for g in article.gold:
        if g.direct and _covered(g.target, direct) * 2 < _size(g.target):
            lines.append(f"missed direct: {_in_context(article.text, g.target[0][0], g.target[-1][1])}")
    for p in article.predicted:
        if _covered([(p.start, p.end)], every_content) * 2 < p.end - p.start:
            lines.append(f"false {p.kind}: {_in_context(article.text, p.start, p.end)}")
    return lines


def errors(limit: int | None = None, split: str = "tuning") -> list[str]:
    """PolNeAR dev's errors, article by article (the reporting split's are never listed)."""
    if check_split(split) != "tuning":
        raise ValueError("the reporting split's errors are never listed: use split='tuning'")
    articles = load_articles(limit, "tuning")
    with model_switched(on=False):
        predict_crosswire(articles)
    lines = []
    for article in articles:
        found = article_errors(article)
        if found:
            lines += [f"== {article.name}", *found]
    return lines


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="List the quote errors on PolNeAR dev (the TUNING split).")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    print("\n".join(errors(parser.parse_args().limit)))
