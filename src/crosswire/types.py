"""The records that flow through crosswire: plain dataclasses, serializable as they are.

Every span is a pair of character offsets into ``Article.text`` (the cleaned text), so that
``article.text[span.start:span.end]`` is exactly the span named. spaCy objects never leave
``nlp/`` and ``mentions/``: what is stored or exported is one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MediaType = Literal["text", "html"]


@dataclass(slots=True)
class RawDocument:
    """One input as read, before any cleaning: what ingest readers yield.

    ``hints`` carries metadata the container already knew (a JSONL field, an RSS item's
    title, a WARC record's URL); extraction prefers it to what it can guess from the text.
    """

    source: str
    content: str
    media_type: MediaType
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    # What reading changed in the input ("replaced 4 invalid UTF-8 bytes with U+FFFD"):
    # carried into ``Article.notes``.
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IngestProblem:
    """An input that could not be read or cleaned, with a reason a user can act on."""

    source: str
    reason: str
    # A clean skip (an image in a WARC, a file type crosswire does not read) rather than
    # a broken input; both are reported, and counted apart.
    skipped: bool = False


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A named-entity mention inside one article.

    ``canonical`` is the name this mention stands for inside its article ("Kim" → "Kim
    Dong-yub", "Comrade Kim Jong-un" → "Kim Jong-un"); ``entity_id`` links it to an Entity
    across articles once resolution has run.
    """

    text: str
    start: int
    end: int
    label: str
    entity_id: str | None = None
    canonical: str | None = None


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to, resolved inside the article.

    ``start``/``end`` is the span that names the speaker at the quote ("he", "Kim", "the
    Russian president"); ``name`` is who that is; ``role`` is the descriptor the article gave
    them ("a professor at Korea University"), with its own span.
    """

    name: str
    entity_id: str | None = None
    role: str | None = None
    kind: Literal["person", "organization", "media", "unknown"] = "person"
    start: int | None = None
    end: int | None = None
    role_start: int | None = None
    role_end: int | None = None


@dataclass(frozen=True, slots=True)
class Via:
    """One link of a quote's source chain: "via TASS", "speaking on Channel One"."""

    name: str
    start: int
    end: int
    kind: Literal["media", "organization", "person", "document", "unknown"] = "media"


@dataclass(slots=True)
class Quote:
    """Direct or reported speech with who said it (filled by the quotes stage).

    ``text``/``start``/``end`` is the quoted content (for direct quotes, inside the marks);
    ``cue`` is the reporting expression ("said", "told The Herald") at ``cue_start``/``cue_end``.
    ``inherited`` marks a quote whose speaker was carried over from the previous quote.
    ``kind`` is ``mixed`` for a paraphrase with quoted fragments (``fragments``: their
    character spans). ``parts`` are the spans of one utterance split by its attribution
    (empty when it is in one piece). ``confidence`` is how sure the speaker is (0-1; None
    when nothing scored it); ``via`` the chain the words came through, outermost first.
    """

    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed"]
    cue: str | None = None
    speaker: Speaker | None = None
    inherited: bool = False
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float | None = None
    via: tuple[Via, ...] = ()
    parts: tuple[tuple[int, int], ...] = ()
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class TimeExpr:
    """A date or time expression normalized to a TIMEX3-style value.

    ``type`` follows TIMEX3 (DATE, TIME, DURATION, SET); ``value`` is e.g. "2023-09-13",
    "2023-09", "2023-09-13T11:43+09:00", "…T18:00Z", "P5Y", or None when it cannot be known (no
    publication date, an impossible date). ``anchor_start``/``anchor_end`` is the sentence
    the expression anchors; ``note`` records an ambiguity instead of guessing silently.

    A range ("from 2009 to 2011") is one expression of the type of its ends, with both ends in
    ``range_start``/``range_end`` and the ISO 8601 interval as its value ("2009/2011").
    ``duration`` is the length a point was counted by ("20 years ago": value "2006", duration
    "P20Y"). ``reference`` says in words which time a relative value was counted from (the
    publication date, or an earlier expression the text moved to). ``event_start``/``event_end``
    is the head word of the clause the expression dates: its verb, or an event noun ("the
    summit"); None when it dates no clause (a headline, a dateline).
    """

    text: str
    start: int
    end: int
    value: str | None = None
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    anchor_start: int | None = None
    anchor_end: int | None = None
    note: str | None = None
    range_start: str | None = None
    range_end: str | None = None
    duration: str | None = None
    reference: str | None = None
    event_start: int | None = None
    event_end: int | None = None


@dataclass(slots=True)
class Article:
    """A cleaned article with its metadata and, once analysed, its annotations.

    ``id`` is a hash of the normalized cleaned text, so the same article read twice (from
    any file or URL) is the same record. ``raw`` keeps the input as it came, so cleaning can
    be redone without fetching again.
    """

    id: str
    text: str
    source: str
    raw: str = ""
    raw_media_type: MediaType = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601, with a UTC offset when the input gave one
    captions: list[str] = field(default_factory=list)
    # What reading and cleaning did to the input beyond ordinary boilerplate removal (bytes
    # replaced, copies of a paragraph dropped), so a surprising text explains itself.
    notes: list[str] = field(default_factory=list)
    language: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    near_duplicate_of: str | None = None
    similarity: float | None = None
    # Title+lead sentence embedding for the stories stage (little-endian float32, unit
    # length), computed where the article is analysed; None without the model.
    story_vector: bytes | None = None


@dataclass(slots=True)
class Entity:
    """One real-world referent across articles (filled by the resolve stage)."""

    id: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
