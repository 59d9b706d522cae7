"""Date and time normalization: TempEval-3 to tune on, 30 blind AllSides articles to report.

Splits:
  * TUNING — ../shared/eval/tempeval3/TBAQ-cleaned (TimeBank + AQUAINT, 256 TimeML news
    documents, 1,855 TIMEX3 with a type and a value; each document's creation time, DCT,
    stands for the publication date): the date rules were written against it. Its figures
    and what its misses are made of are printed for that work, never pinned.
  * REPORTING — bench/eval/allsides_dates.tsv over ../shared/eval/allsides_baly2020: 363
    expressions in 30 articles annotated before the stage's output was looked at, scored by
    the same rules (dates_allsides.py). Pinned; its misses are never printed.

The figures below are the same on both splits.

* ``value_accuracy*``: every gold TIMEX3 text is normalized with the DCT as publication date,
  the tense of the verb its span hangs on in spaCy's parse of the document (the stage's own
  ``tense_of``) and the article's previous expression as anchor for anaphora, in document
  order: exact match of the value, overall and per gold type. A time zone offset we add is
  dropped and week numbers unpadded before comparing (TimeBank writes neither). ``value_accuracy_plain`` is
  ``normalize(text, dct)`` alone (past tense, no anchor): what context adds.
* ``detection_*``: the full stage on each document's text; a gold span counts as found when a
  predicted span overlaps it, and vice versa for precision. ``detected_value_accuracy``: value
  match on the overlapping pairs.
* ``value_precision/recall/f1`` (TempEval-3's value F1, overlap-matched): a prediction is right
  when it overlaps a gold span with its value, a gold span found when an overlapping prediction
  has its value; ``duration_value_*`` the same for DURATION alone, ``range_value_*`` for gold
  RANGE spans (value "2009/2011") against our ranges, where a gold set has them. A range we find
  agrees with a gold point at either of its ends (TimeBank annotates each end apart).
* ``event_attachment`` (TempEval-3 only, whose TLINKs tie times to events): of the gold spans
  we found that a dating TLINK (INCLUDES, IS_INCLUDED, DURING, SIMULTANEOUS, BEGINS, ENDS, …)
  ties to events, the share whose event word is one of those events. Lenient (any of them).

Our own case table (tests/mentions/dates/date_cases.tsv) is not scored here: it was written with
the rules, so every case passes by construction; tests/mentions/dates/test_dates.py checks each.

The stage's cost next to spaCy's is printed, not returned (timings are not a quality floor), and so
is what the value misses are made of: the same value in TimeBank's notation ("T17", "1968-XX",
"198X"), gold leaving an X where we name the value ("1989-WXX"), or another value.
"""

from __future__ import annotations

import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from bench.eval.common import PRF, SHARED_EVAL, check_split, require
from crosswire.mentions.dates.rules import Context, context_for, normalize
from crosswire.mentions.dates.stage import Anchor, add_times, resolve_in_context, resolve_range_in_context
from crosswire.nlp import load_nlp
from crosswire.types import Article, TimeExpr

NAME = "dates"
TUNING = "TempEval-3 TBAQ"
REPORTING = "30 AllSides articles annotated blind"
TEMPEVAL = SHARED_EVAL / "tempeval3" / "TBAQ-cleaned"
_OFFSET = re.compile(r"(?:[+-]\d{2}:\d{2}|(?<=\d)Z)$")
_WEEK = re.compile(r"-W0(\d)")


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str
    # TimeBank only: the spans of the events a TLINK says this expression dates (it includes
    # them, or they it, or they coincide); empty when no such link was annotated.
    events: tuple[tuple[int, int], ...] = ()
    tid: str = ""


# TLINK relations by which a time dates an event (BEFORE/AFTER order them, they do not date).
_DATING = frozenset({"INCLUDES", "IS_INCLUDED", "DURING", "DURING_INV", "SIMULTANEOUS", "BEGINS", "ENDS",
                     "BEGUN_BY", "ENDED_BY", "IDENTITY"})


def read_tml(path: Path) -> tuple[str, str, list[Gold]]:
    """(DCT, text, TIMEX3s with offsets into the text) of one TimeML document."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    parts: list[str] = []
    gold: list[Gold] = []
    events: dict[str, tuple[int, int]] = {}
    _walk(body, parts, gold, events)
    dated = _dated_events(root, events)
    gold = [replace(g, events=tuple(dated.get(g.tid, ()))) for g in gold]
    return dct.get("value", ""), "".join(parts), gold


def _walk(element: ET.Element, parts: list[str], gold: list[Gold],
          events: dict[str, tuple[int, int]]) -> None:
    parts.append(element.text or "")
    for child in element:
        start = sum(map(len, parts))
        _walk(child, parts, gold, events)
        text = "".join(child.itertext())
        if child.tag == "TIMEX3":
            gold.append(Gold(start, start + len(text), text, child.get("type", ""), child.get("value", ""),
                             tid=child.get("tid", "")))
        elif child.tag == "EVENT":
            events[child.get("eid", "")] = (start, start + len(text))
        parts.append(child.tail or "")


def _dated_events(root: ET.Element, events: dict[str, tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Time id -> spans of the events a dating TLINK ties it to."""
    instance = {m.get("eiid", ""): m.get("eventID", "") for m in root.iter("MAKEINSTANCE")}
    dated: dict[str, list[tuple[int, int]]] = {}
    for link in root.iter("TLINK"):
        if link.get("relType") not in _DATING:
            continue
        time_id = link.get("timeID") or link.get("relatedToTime")
        event = instance.get(link.get("relatedToEventInstance") or link.get("eventInstanceID") or "")
        if time_id and event in events:
            dated.setdefault(time_id, []).append(events[event])
    return dated


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    if check_split(split) == "reporting":
        # Imported here: dates_allsides scores with this module's helpers.
        from bench.eval.dates_allsides import run_blind

        return run_blind(limit)
    root = require(TEMPEVAL)
    paths = sorted((root / "TimeBank").glob("*.tml")) + sorted((root / "AQUAINT").glob("*.tml"))
    return _tempeval([read_tml(p) for p in paths[:limit]], load_nlp())


def _tempeval(documents: list[tuple[str, str, list[Gold]]], nlp: Language) -> dict[str, float]:
    right, plain, total, misses = Counter[str](), Counter[str](), Counter[str](), Counter[str]()
    detection = Detection()
    spacy_seconds = stage_seconds = 0.0
    for dct, text, gold in documents:
        started = time.perf_counter()
        doc = nlp(text)
        spacy_seconds += time.perf_counter() - started
        base, anchor = context_for(dct), Anchor.of(doc)
        for g in gold:
            value = value_in_place(doc, g, base, anchor)
            total[g.type] += 1
            right[g.type] += _same(value, g.value)
            if not _same(value, g.value):
                misses[_miss_kind(value, g.value)] += 1
            plain[g.type] += _same(normalize(g.text, dct)[0], g.value)
        article = Article(id="eval", text=text, source="tempeval3", published=dct)
        started = time.perf_counter()
        add_times(doc, article)
        stage_seconds += time.perf_counter() - started
        detection.add(article.times, gold)
    print(
        f"  (stage {stage_seconds:.2f}s = {100 * stage_seconds / spacy_seconds:.1f}% of spaCy's "
        f"{spacy_seconds:.2f}s on {len(documents)} documents)",
        file=sys.stderr,
    )
    _print_misses(misses, sum(total.values()))
    return _figures(right, plain, total, detection)


_HOUR_ONLY = re.compile(r"(T\d{2})$")


# --- reporting only: what the value misses are made of (not scored) ------------------------------

# TimeBank writes some values in a notation of its own: an hour without minutes ("T17"), a
# year or month with its unknown parts spelled out ("1968-XX"), a decade with a trailing X
# ("198X", where TIMEX3 writes "198"), a century as "19XX".
_GOLD_NOTATIONS = [
    (re.compile(r"(T\d{2})$"), r"\1:00"),
    (re.compile(r"^(\d{4}(?:-\d{2})?)(?:-XX)+$"), r"\1"),
    (re.compile(r"^(\d{3})X$"), r"\1"),
    (re.compile(r"^(\d{2})XX$"), r"\1"),
]


def value_in_place(doc: Doc, gold: Gold, base: Context, anchor: Anchor) -> str | None:
    """A gold span's value as the stage reads it where it stands: its verb's tense, the
    article's previous expression as anchor (``anchor`` moves on to it)."""
    if gold.type == "RANGE":
        reading = resolve_range_in_context(doc, gold.start, gold.text, base, anchor)
        return reading.value if reading is not None else None
    span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
    return resolve_in_context(span, gold.text, base, anchor)[0] if span is not None else None


def _miss_kind(predicted: str | None, gold: str) -> str:
    """"notation": the same value written otherwise; "gold unspecified": gold leaves an X
    where we name it ("1989-WXX" for our "1989-W43"); "other": a different value."""
    if predicted is None:
        return "other"
    ours = _WEEK.sub(r"-W\1", _OFFSET.sub("", predicted))
    for pattern, replacement in _GOLD_NOTATIONS:
        if pattern.search(gold) and pattern.sub(replacement, gold) == ours:
            return "notation"
    unspecified = re.escape(gold).replace("X", "[0-9A-Z]+")
    if "X" in gold and not gold.startswith("P") and re.fullmatch(unspecified, ours):
        return "gold unspecified"
    return "other"


def _print_misses(misses: Counter[str], total: int) -> None:
    kinds = ", ".join(f"{kind} {count}" for kind, count in misses.most_common())
    lenient = total - misses["other"]
    print(
        f"  (value misses: {sum(misses.values())} of {total}: {kinds}; counting the first two as "
        f"right: {lenient / total:.3f})",
        file=sys.stderr,
    )


_COUNTED_LONG_UNIT = re.compile(r"^P(\d+)(DE|CE|ML)$")
_YEARS_IN = {"DE": 10, "CE": 100, "ML": 1000}


def _in_years(value: str) -> str:
    """A counted decade, century or millennium in years: TimeML allows both notations for one
    length ("P2DE" and "P20Y"), and the annotation sets do not all write the same one."""
    counted = _COUNTED_LONG_UNIT.match(value)
    return f"P{int(counted[1]) * _YEARS_IN[counted[2]]}Y" if counted else value


def _same(predicted: str | None, gold: str) -> bool:
    """Equal values; TimeBank writes weeks unpadded ("2000-W7"), never a zone offset, and a
    clock time on the hour without its minutes ("T17" for our "T17:00"); a counted decade or
    century is compared in years."""
    if predicted is None:
        return False
    ours = _in_years(_WEEK.sub(r"-W\1", _OFFSET.sub("", predicted)))
    theirs = _in_years(_HOUR_ONLY.sub(r"\1:00", _WEEK.sub(r"-W\1", gold)))
    return ours == theirs


def overlaps(predicted: TimeExpr, gold: Gold) -> bool:
    return predicted.start < gold.end and gold.start < predicted.end


def agrees(predicted: TimeExpr, gold: Gold) -> bool:
    """The same value; a range we found agrees with a gold point at either of its ends (TimeML
    annotates "from 2009 to 2011" as two points)."""
    if _same(predicted.value, gold.value):
        return True
    ends = (predicted.range_start, predicted.range_end)
    return gold.type != "RANGE" and any(_same(end, gold.value) for end in ends if end)


@dataclass(slots=True)
class Detection:
    """The full stage's expressions against gold spans, over every document.

    ``found``: (predicted overlapping a gold span, predicted overlapping none, gold missed).
    Value F1 counts a prediction right when it overlaps a gold span with the same value, and a
    gold span found when an overlapping prediction has its value; also for durations alone
    (predicted DURATION against gold DURATION) and ranges alone (ours against gold RANGE).
    """

    found: list[int] = field(default_factory=lambda: [0, 0, 0])
    pairs: int = 0
    agreeing: int = 0
    values: dict[str, list[int]] = field(default_factory=dict)
    events: list[int] = field(default_factory=lambda: [0, 0])  # (attached right, gold with events)

    def add(self, predicted: list[TimeExpr], gold: list[Gold]) -> None:
        self.found[0] += sum(any(overlaps(p, g) for g in gold) for p in predicted)
        self.found[1] += sum(not any(overlaps(p, g) for g in gold) for p in predicted)
        self.found[2] += sum(not any(overlaps(p, g) for p in predicted) for g in gold)
        pairs = [(p, g) for g in gold for p in predicted if overlaps(p, g)]
        self.pairs += len(pairs)
        self.agreeing += sum(agrees(p, g) for p, g in pairs)
        self._count("all", predicted, gold)
        self._count_events(predicted, gold)
        self._count("duration", [p for p in predicted if p.type == "DURATION"],
                    [g for g in gold if g.type == "DURATION"])
        self._count("range", [p for p in predicted if p.range_start], [g for g in gold if g.type == "RANGE"])

    def _count_events(self, predicted: list[TimeExpr], gold: list[Gold]) -> None:
        """Gold spans with a dated event that we found: is our event one of theirs?"""
        for g in gold:
            ours = [p for p in predicted if overlaps(p, g)]
            if not g.events or not ours:
                continue
            self.events[1] += 1
            p = ours[0]
            if p.event_start is not None and p.event_end is not None:
                self.events[0] += any(p.event_start < e and s < p.event_end for s, e in g.events)

    def _count(self, name: str, predicted: list[TimeExpr], gold: list[Gold]) -> None:
        """(predictions, right predictions, gold spans, gold spans found with their value)."""
        counts = self.values.setdefault(name, [0, 0, 0, 0])
        counts[0] += len(predicted)
        counts[1] += sum(any(overlaps(p, g) and agrees(p, g) for g in gold) for p in predicted)
        counts[2] += len(gold)
        counts[3] += sum(any(overlaps(p, g) and agrees(p, g) for p in predicted) for g in gold)

    def value_prf(self, name: str) -> tuple[float, float, float] | None:
        predicted, right, gold, found = self.values.get(name, [0, 0, 0, 0])
        if not gold:
            return None
        precision, recall = right / predicted if predicted else 0.0, found / gold
        return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _figures(
    right: Counter[str],
    plain: Counter[str],
    total: Counter[str],
    found: Detection,
) -> dict[str, float]:
    figures = {"value_accuracy": sum(right.values()) / sum(total.values())}
    for kind in ("DATE", "TIME", "DURATION", "SET", "RANGE"):
        if total[kind] or kind != "RANGE":  # ranges only where the gold has them
            figures[f"value_accuracy_{kind.lower()}"] = right[kind] / total[kind] if total[kind] else 0.0
    figures["value_accuracy_plain"] = sum(plain.values()) / sum(total.values())
    detection = PRF.from_counts(*found.found)
    figures.update(
        detection_precision=detection.precision,
        detection_recall=detection.recall,
        detection_f1=detection.f1,
        detected_value_accuracy=found.agreeing / found.pairs if found.pairs else 0.0,
    )
    if found.events[1]:  # only where the gold links times to events (TimeBank's TLINKs)
        figures["event_attachment"] = found.events[0] / found.events[1]
    for name, prefix in (("all", "value"), ("duration", "duration_value"), ("range", "range_value")):
        if (prf := found.value_prf(name)) is not None:
            figures.update(zip((f"{prefix}_precision", f"{prefix}_recall", f"{prefix}_f1"), prf, strict=True))
    return figures
