"""Article text with quotes, names and dates marked, built safely from character offsets.

Spans from the quotes, mentions and times tables may overlap and cross paragraphs (a quote
over two paragraphs, a name inside a quote, a date inside both). Instead of nesting tags,
the text is cut at every span boundary and every paragraph break into flat segments; each
segment carries the classes and hover titles of all spans covering it. Templates print a
segment's text through autoescaping, so every character of the article is escaped and no
offset, however wrong, can open or close a tag.

A cited span (a brief's or a story page's citation link, ``?start=S&end=E``) is one more
mark: its segments are shown as ``<mark>``, the first one carrying the anchor the link
scrolls to.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from crosswire.mentions.quotes.labels import speaker_label
from crosswire.web.models import ArticleRecord

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_CLASS_UNSAFE = re.compile(r"[^a-z0-9_-]")
# Mention labels that name something: marked in the text and linked to entity pages.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to mark: offsets, CSS classes, and what hovering it tells."""

    start: int
    end: int
    classes: str
    title: str
    kind: Literal["quote", "name", "date", "cited"]


@dataclass(slots=True)
class Segment:
    text: str
    classes: str = ""
    title: str = ""
    cited: bool = False
    anchor: str = ""


@dataclass(slots=True)
class Paragraph:
    segments: list[Segment] = field(default_factory=list)


def speaker_classes(article: ArticleRecord) -> dict[str, str]:
    """``spk-N`` per speaker name in order of first quote, so colours match the legend."""
    classes: dict[str, str] = {}
    for quote in sorted(article.quotes, key=lambda q: q.start):
        name = quote.speaker.name if quote.speaker and quote.speaker.name else ""
        if name not in classes:
            classes[name] = f"spk-{len(classes) % 8}" if name else "spk-unknown"
    return classes


def marks_for(article: ArticleRecord) -> list[Mark]:
    """Every quote, name and date of ``article`` as a Mark.

    Dates come from the times table (normalized values). While an article has none (the
    dates stage has not run on it), spaCy's DATE and TIME mentions are marked instead, and
    say that they are not normalized. Numbers (CARDINAL, MONEY, …) are not marked: noise.
    """
    speakers = speaker_classes(article)
    marks = []
    for q in article.quotes:
        name = q.speaker.name if q.speaker and q.speaker.name else ""
        role = q.speaker.role if q.speaker and q.speaker.role else None
        unnamed = q.speaker_description.text if q.speaker_description else None
        who = speaker_label(name or unnamed, q.speaker.kind if q.speaker else "unknown" if unnamed else None,
                            [v.name for v in q.via], role)
        # A split quote is marked part by part: the attribution between is not its words.
        for start, end in [(p.start, p.end) for p in q.parts] or [(q.start, q.end)]:
            marks.append(Mark(start, end, f"q q-{q.kind} {speakers[name]}", f"{q.kind} quote — {who}",
                              "quote"))
    for m in article.mentions:
        if m.label in NAME_LABELS:
            marks.append(
                Mark(
                    m.start, m.end, f"m m-{css_token(m.label)}", f"{m.label}: {m.canonical or m.text}", "name"
                )
            )
        elif m.label in ("DATE", "TIME") and not article.times:
            marks.append(Mark(m.start, m.end, "t t-raw", f"{m.label} (not normalized): {m.text}", "date"))
    for t in article.times:
        note = f" — {t.note}" if t.note else ""
        marks.append(Mark(t.start, t.end, "t", f"{t.type}: {t.value or 'unknown'}{note}", "date"))
    return marks


def css_token(label: str) -> str:
    return _CLASS_UNSAFE.sub("", label.lower()) or "other"


def highlight(text: str, marks: Iterable[Mark], anchor: str | None = None) -> list[Paragraph]:
    """Cut ``text`` into paragraphs of flat segments, each with the marks that cover it;
    the first segment of a "cited" mark carries ``anchor``."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]  # never trust offsets blindly
    breaks = {b.start(): b.end() for b in _PARAGRAPH_BREAK.finditer(text)}
    starting: dict[int, list[Mark]] = {}
    for m in valid:
        starting.setdefault(m.start, []).append(m)
    cuts = sorted({0, len(text), *starting, *(m.end for m in valid), *breaks, *breaks.values()})
    paragraphs, active, skip_until = [Paragraph()], list[Mark](), -1
    for left, right in itertools.pairwise(cuts):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        if left in breaks:  # the blank lines between paragraphs are not text
            skip_until = breaks[left]
            paragraphs.append(Paragraph())
        if left >= skip_until:
            paragraphs[-1].segments.append(_segment(text[left:right], active))
    kept = [p for p in paragraphs if any(s.text.strip() for s in p.segments)]
    first_cited = next((s for p in kept for s in p.segments if s.cited), None)
    if first_cited is not None and anchor:
        first_cited.anchor = anchor
    return kept


def _segment(text: str, active: list[Mark]) -> Segment:
    if not active:
        return Segment(text)
    cited = any(m.kind == "cited" for m in active)
    active = [m for m in active if m.kind != "cited"]
    classes = " ".join(dict.fromkeys(" ".join(m.classes for m in active).split()))
    titles = " · ".join(dict.fromkeys(m.title for m in active))
    return Segment(text, classes, titles, cited)
