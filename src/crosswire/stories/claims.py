"""The frame of a claim: who did what to whom, how much of what and when, where, said by whom.

A claim (``compare.Claim``: a sentence of an article, cut at paragraph breaks) is read into a
``Frame`` from what the article already carries, without spaCy (the comparison runs on stored
articles): its entity mentions, its normalized time expressions with the event each dates, its
quotes, and the figures the disagreement check reads (``disagree.values_in``).

- actor: the first person, organisation or place the claim names outside a quotation;
- predicate: the event word the dates stage found for a time in the claim, else the first
  content word after the actor (a crude verb: no tagger runs here);
- object: the first name after the predicate, else the content words that follow it;
- quantities: each figure with its unit (the noun it counts), the words that say what it
  measures, and the day the claim gives, if any;
- dates: each stated day with the event it dates;
- places; and the attribution: the speaker of the quote covering most of the claim.

Frames say what a claim is about in a form an editor (and the brief) can read; the alignment
and the conflict check read the same values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from crosswire.lexicon import FUNCTION_WORDS
from crosswire.stories.compare import Claim
from crosswire.stories.disagree import PLACES, Value, values_in
from crosswire.types import Article, Mention

ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
OBJECT_WORDS = 3  # content words kept as the object when no name follows the predicate


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    amount: float
    unit: str  # the counted noun, crudely stemmed ("passeng"), "%" or ""
    measures: str  # the value's frame: what the figure is of ("# passengers were injured")
    bound: str  # "" exact, "min", "max", "about"
    when: str | None  # the day the claim gives, if any
    revised: bool


@dataclass(frozen=True, slots=True)
class Dated:
    text: str
    value: str
    event: str | None  # the word of the event it dates ("signed"), None when none was found


@dataclass(slots=True)
class Frame:
    actor: str | None = None
    predicate: str | None = None
    object: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[Dated] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    attribution: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def frame_of(article: Article, claim: Claim) -> Frame:
    """The claim's frame, one field at a time."""
    mentions = [m for m in article.mentions if claim.start <= m.start < claim.end]
    quoted = _quoted_spans(article, claim)
    actor = next((m for m in mentions if m.label in ACTORS and not _inside(m, quoted)), None)
    predicate, after = _predicate(article, claim, actor)
    values = values_in(article, claim)
    day = next((v.key for v in values if v.kind == "date"), None)
    return Frame(
        actor=actor.canonical or actor.text if actor else None,
        predicate=predicate,
        object=_object(article, claim, mentions, after) if predicate else None,
        quantities=[_quantity(v, day) for v in values if v.kind == "number"],
        dates=[Dated(v.span.text, v.key, _event_text(article, v)) for v in values if v.kind == "date"],
        places=sorted({m.canonical or m.text for m in mentions if m.label in PLACES}),
        attribution=_attribution(article, claim),
    )


def _quoted_spans(article: Article, claim: Claim) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in article.quotes if q.kind == "direct" and q.start < claim.end
            and claim.start < q.end]


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(s <= m.start < e for s, e in spans)


def _predicate(article: Article, claim: Claim, actor: Mention | None) -> tuple[str | None, int]:
    """The predicate word and where it ends: a dated event's word first (the dates stage read
    it from the parse), else the first content word after the actor."""
    for t in article.times:
        if claim.start <= t.start < claim.end and t.event_start is not None and t.event_end is not None:
            return article.text[t.event_start : t.event_end], t.event_end
    at = actor.end if actor else claim.start
    for word, end in _words(article.text, at, claim.end):
        if word.islower() and word not in FUNCTION_WORDS and word.isalpha():
            return word, end
    return None, claim.end


def _object(article: Article, claim: Claim, mentions: list[Mention], after: int) -> str | None:
    named = next((m for m in mentions if m.start >= after), None)
    if named is not None:
        return named.canonical or named.text
    content = [w for w, _ in _words(article.text, after, claim.end)
               if w.isalpha() and w.lower() not in FUNCTION_WORDS][:OBJECT_WORDS]
    return " ".join(content) or None


def _words(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """Words of text[start:end] stripped of punctuation, each with its end offset."""
    out, at = [], start
    for raw in text[start:end].split():
        at = text.index(raw, at) + len(raw)
        out.append((raw.strip(".,;:!?\"'“”‘’()"), at))
    return out


def _quantity(v: Value, day: str | None) -> Quantity:
    return Quantity(v.span.text, v.amount, v.unit, v.frame, v.bound, day, v.revised)


def _event_text(article: Article, v: Value) -> str | None:
    for t in article.times:
        if t.start == v.span.start and t.event_start is not None and t.event_end is not None:
            return article.text[t.event_start : t.event_end]
    return None


def _attribution(article: Article, claim: Claim) -> str | None:
    """The speaker of the quote covering most of the claim (a claim that is someone's words)."""
    best, covered = None, 0
    for q in article.quotes:
        inside = min(claim.end, q.end) - max(claim.start, q.start)
        if inside > covered and q.speaker is not None and q.speaker.name:
            best, covered = q.speaker.name, inside
    return best if covered > 0.3 * (claim.end - claim.start) else None
