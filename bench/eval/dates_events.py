"""Dates with their events: a second blind set of 30 AllSides articles (issue #28), reporting only.

Data: ../shared/eval/allsides_baly2020/articles.jsonl.gz (the articles' text, which never enters
the project) and bench/eval/allsides_dates2.tsv (ours: 231 expressions in 30 articles of outlets
and years that allsides_dates.tsv does not have, each with its TIMEX3 type, including RANGE, its
value, and the head word of the clause it dates; annotated before crosswire was run on them or
its date code read; see the file's header for the sample rule and the conventions).

Splits: REPORTING is the whole set. There is no TUNING split: ``--split tuning`` skips, and rules
are tuned on TempEval-3 (``dates --split tuning``).

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

Only the figures are returned and nothing else is printed: this is a reporting split, and a miss
read here would make it a tuning one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.eval.common import SHARED_EVAL, Skip, check_split, require
from bench.eval.dates import _same

NAME = "dates_events"
TUNING = "none: a blind set (tune on TempEval-3 TBAQ, `dates --split tuning`)"
REPORTING = "30 AllSides articles of other outlets and years, annotated blind with events"
ARTICLES = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
ANNOTATION = Path(__file__).with_name("allsides_dates2.tsv")
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
    wanted = set(wanted)
    found: dict[str, tuple[str, str]] = {}
    with gzip.open(require(ARTICLES), "rt", encoding="utf-8") as handle:
        for line in handle:
            # Parse only the lines that can hold a wanted id: the file has 37k articles.
            if not any(article_id in line for article_id in wanted):
                continue
            record = json.loads(line)
            if record.get("ID") in wanted:
                found[record["ID"]] = (record["date"], record["content_original"])
            if len(found) == len(wanted):
                break
    return found


def load_documents(limit: int | None = None) -> list[tuple[str, str, str, list[GoldTime]]]:
    """(article id, publication date, text, gold in document order) of each annotated article.

    Raises when a span's or an event head's hash no longer matches: the shared text changed."""
    rows = read_annotation()
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


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    if check_split(split) == "tuning":
        raise Skip("blind set: no tuning split; tune on TempEval-3 TBAQ (dates --split tuning)")
    documents = load_documents(limit)
    # Imported here: a skip for absent data needs no spaCy model.
    from crosswire.mentions.dates.stage import add_times
    from crosswire.nlp import load_nlp
    from crosswire.types import Article

    nlp = load_nlp()
    scored = []
    for article_id, published, text, gold in documents:
        article = Article(id=article_id, text=text, source="allsides", published=published)
        add_times(nlp(text), article)
        scored.append((gold, [predicted_of(t) for t in article.times]))
    return score(scored)
