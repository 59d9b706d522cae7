"""The typed records every read returns: frozen dataclasses, JSON-ready through ``as_json``.

Plain dataclasses rather than pydantic models: the store is imported by the CLI and the
export, which do not depend on the ``[web]`` extra. The web builds its page models from
these (adding links); the CLI prints them; the export writes ``as_json`` of them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

from crosswire.mentions.quotes.labels import speaker_label


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str | None
    outlet: str | None
    byline: str | None
    published: str | None
    word_count: int | None
    language: str | None = None  # ISO 639-1; None when too short or ambiguous to tell


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article matching a full-text search, with its snippet (matches between two marks)."""

    article: ArticleSummary
    snippet: str | None


@dataclass(frozen=True, slots=True)
class OutletCount:
    outlet: str
    articles: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quote with the article it is in."""

    speaker: str | None
    entity_id: str | None
    role: str | None
    kind: str
    text: str
    start: int
    end: int
    inherited: bool
    article_id: str
    outlet: str | None
    article_title: str | None
    published: str | None
    copies: int = 0  # syndicated copies repeating it, where a read counts copies once
    speaker_kind: str | None = None  # "unknown": an unnamed speaker ("a senior official")
    confidence: float | None = None
    via: tuple[str, ...] = ()  # the source chain's names, outermost first

    @property
    def who(self) -> str:
        """The speaker as people read it: "Putin (via TASS)", "unknown (a senior official)"."""
        return speaker_label(self.speaker, self.speaker_kind, self.via)


@dataclass(frozen=True, slots=True)
class TimePoint:
    """A normalized point in time (or range), the sentence it anchors and the event it dates.

    ``event`` is the head word of the clause dated ("resigned", "the summit"); ``reference``
    the time a relative value was counted from, in words; ``duration`` the length a point was
    counted by ("20 years ago": P20Y).
    """

    value: str
    text: str
    type: str
    article_id: str
    outlet: str | None
    article_title: str | None
    published: str | None
    sentence: str | None
    event: str | None = None
    reference: str | None = None
    duration: str | None = None


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    name: str
    label: str
    article_count: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityArticle:
    id: str
    outlet: str | None
    title: str | None
    published: str | None
    names: str
    mentions: int


@dataclass(frozen=True, slots=True)
class RoleCount:
    outlet: str | None
    role: str
    quotes: int


@dataclass(frozen=True, slots=True)
class AliasCount:
    text: str
    label: str
    mentions: int


@dataclass(frozen=True, slots=True)
class TopEntity:
    name: str
    label: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    title: str | None
    articles: int
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    sources: int | None = None


@dataclass(frozen=True, slots=True)
class StoryMember:
    """An article of a story, as the stories stage scored it."""

    article_id: str
    score: float | None
    independent: bool


T = TypeVar("T")


def as_json(record: Any) -> dict[str, Any]:
    """A record as a dict of plain JSON values: tuples become lists, nested records dicts."""
    return dict(_plain(asdict(record)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def from_row(cls: type[T], row: sqlite3.Row) -> T:
    """``cls`` from the row's columns of the same names (columns the row lacks are None)."""
    keys = set(row.keys())
    return cls(**{f.name: row[f.name] if f.name in keys else None for f in fields(cls)})  # type: ignore[arg-type]
