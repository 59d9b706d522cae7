"""Incremental story clustering: a new article joins the best candidate story or starts one.

The pure core. An article is reduced to a ``Signal`` (title+lead embedding, hashed TF-IDF
terms, resolved entity ids, day); a story to a ``StoryState`` (sums of its articles'
embeddings and terms, entity counts, first and last day). Candidates never come from a scan:
a ``StoryIndex`` returns the stories filed under the article's keys — its rarest terms, its
entities, the days of its time window — at most ``candidates_per_key`` a key, the most
recently active first, so one article costs the same whatever the store holds.

``MemoryIndex`` keeps everything in dicts (evaluation, tests); ``stories.store`` keeps it in
SQLite. Both run the same ``assign_one``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from crosswire.stories.features import (
    Terms,
    Vector,
    cosine,
    cosine_terms,
    idf,
    merge_terms,
    simhash_keys,
    term_counts,
    tfidf,
    top_terms,
)
from crosswire.stories.settings import StorySettings


@dataclass(slots=True)
class StoryInput:
    """What clustering needs of an article (built from an ``Article`` or an eval record)."""

    id: str
    lead: str  # title + lead paragraph
    published: str | None = None
    outlet: str | None = None
    entities: frozenset[str] = frozenset()
    duplicate_of: str | None = None


@dataclass(slots=True)
class Signal:
    id: str
    day: date | None
    outlet: str | None
    counts: Counter[int]
    entities: frozenset[str]
    embedding: Vector | None
    terms: Terms = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StoryState:
    id: str
    title: str
    first_day: date | None = None
    last_day: date | None = None
    articles: int = 0
    sources: int = 0  # independent articles: syndicated copies do not count
    embedding: Vector | None = None  # sum of member unit vectors
    terms: Terms = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    story_id: str
    score: float
    new_story: bool
    independent: bool


class StoryIndex(Protocol):
    """Where story states live and how candidates are found (memory or SQLite)."""

    def story_of(self, article_id: str) -> str | None: ...

    def load(self, story_id: str) -> StoryState | None: ...

    def candidates(self, keys: Sequence[str], per_key: int) -> list[StoryState]: ...

    def frequencies(self, terms: Iterable[int]) -> tuple[dict[int, int], int]: ...

    def save(self, story: StoryState, signal: Signal | None, assignment: Assignment) -> None: ...


def parse_day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:  # an unparseable date is no date: the article matches on content alone
        return None


def story_id_for(article_id: str) -> str:
    return hashlib.sha256(f"story:{article_id}".encode()).hexdigest()[:16]


def make_signal(item: StoryInput, embedding: Vector | None, index: StoryIndex,
                settings: StorySettings) -> Signal:
    counts = term_counts(item.lead, settings.name_boost)
    df, documents = index.frequencies(counts)
    signal = Signal(item.id, parse_day(item.published), item.outlet, counts, item.entities, embedding)
    signal.terms = tfidf(counts, df, documents)
    # The rarest terms make the best keys: "the" would file every story under one key.
    rare = sorted(counts, key=lambda t: (-idf(df.get(t, 0), documents), t))[: settings.key_terms]
    entities = sorted(item.entities)[: settings.key_entities]
    signal.keys = [f"t:{t}" for t in rare] + [f"e:{e}" for e in entities]
    if embedding is not None:
        signal.keys += simhash_keys(embedding, settings.lsh_bands, settings.lsh_bits)
    return signal


def lookup_keys(signal: Signal, settings: StorySettings) -> list[str]:
    """The signal's own keys plus every day of its window: a story is filed under its days."""
    days = []
    if signal.day is not None:
        days = [f"d:{signal.day + timedelta(days=d)}" for d in range(-settings.window_days,
                                                                     settings.window_days + 1)]
    return signal.keys + days


def in_window(signal: Signal, story: StoryState, settings: StorySettings) -> bool:
    if signal.day is None or story.first_day is None or story.last_day is None:
        return True
    window = timedelta(days=settings.window_days)
    return story.first_day - window <= signal.day <= story.last_day + window


def score(signal: Signal, story: StoryState, settings: StorySettings) -> float:
    """Weighted mean of the signals both sides have, each in [0, 1]."""
    parts: list[tuple[float, float]] = [(settings.weight_terms, max(0.0, cosine_terms(signal.terms,
                                                                                      story.terms)))]
    emb = cosine(signal.embedding, story.embedding)
    if emb is not None:
        parts.append((settings.weight_embedding, max(0.0, emb)))
    if signal.entities:
        shared = sum(1 for e in signal.entities if story.entities.get(e))
        parts.append((settings.weight_entities, min(1.0, shared / min(len(signal.entities), 3))))
    total = sum(w for w, _ in parts)
    combined = sum(w * s for w, s in parts) / total if total else 0.0
    # A story that already has this outlet is a weaker match: the same event is usually
    # told once per outlet, and a second same-outlet piece is as often a neighbouring story.
    if signal.outlet and story.outlets.get(signal.outlet):
        combined -= settings.same_outlet_penalty
    return combined


def best_story(signal: Signal, candidates: Sequence[StoryState],
               settings: StorySettings) -> tuple[StoryState | None, float]:
    best: StoryState | None = None
    best_score = 0.0
    for story in candidates:
        if not in_window(signal, story, settings):
            continue
        s = score(signal, story, settings)
        if s > best_score or (s == best_score and best is not None and story.id < best.id):
            best, best_score = story, s
    threshold = settings.join_threshold if signal.embedding is not None else settings.join_threshold_terms
    return (best, best_score) if best_score >= threshold else (None, best_score)


def absorb(story: StoryState, signal: Signal, settings: StorySettings) -> None:
    """Add an independent article's signal to a story's sums."""
    if signal.embedding is not None:
        vec = signal.embedding
        story.embedding = vec.copy() if story.embedding is None else story.embedding + vec
    story.terms = merge_terms(story.terms, signal.terms.items(), settings.centroid_terms)
    story.entities.update(signal.entities)
    if signal.outlet:
        story.outlets[signal.outlet] += 1
    story.sources += 1
    _extend_days(story, signal.day)


def _extend_days(story: StoryState, day: date | None) -> None:
    if day is not None:
        story.first_day = day if story.first_day is None else min(story.first_day, day)
        story.last_day = day if story.last_day is None else max(story.last_day, day)


def assign_one(item: StoryInput, embedding: Vector | None, index: StoryIndex,
               settings: StorySettings, title: str = "") -> Assignment:
    """Place one article: its original's story if it is a copy, else the best candidate or a new story."""
    if item.duplicate_of:
        story_id = index.story_of(item.duplicate_of)
        story = index.load(story_id) if story_id else None
        if story is not None:  # a copy adds an article, not a source, and leaves the centroid alone
            story.articles += 1
            _extend_days(story, parse_day(item.published))
            done = Assignment(item.id, story.id, 1.0, False, False)
            index.save(story, None, done)
            return done
    signal = make_signal(item, embedding, index, settings)
    found, best = best_story(signal, index.candidates(lookup_keys(signal, settings),
                                                      settings.candidates_per_key), settings)
    story = found or StoryState(story_id_for(item.id), title or item.lead[:120])
    story.articles += 1
    absorb(story, signal, settings)
    done = Assignment(item.id, story.id, best if found else 1.0, found is None, True)
    index.save(story, signal, done)
    return done


class MemoryIndex:
    """A ``StoryIndex`` in dicts: the evaluation's and the unit tests' store."""

    def __init__(self) -> None:
        self.stories: dict[str, StoryState] = {}
        self.article_story: dict[str, str] = {}
        self.postings: dict[str, dict[str, int]] = {}  # key -> story id -> last activity tick
        self.df: Counter[int] = Counter()
        self.documents = 0
        self._tick = 0

    def story_of(self, article_id: str) -> str | None:
        return self.article_story.get(article_id)

    def load(self, story_id: str) -> StoryState | None:
        return self.stories.get(story_id)

    def candidates(self, keys: Sequence[str], per_key: int) -> list[StoryState]:
        found: dict[str, StoryState] = {}
        for key in keys:
            posting = self.postings.get(key, {})
            recent = sorted(posting, key=lambda s: -posting[s])[:per_key]
            found.update((s, self.stories[s]) for s in recent)
        return list(found.values())

    def frequencies(self, terms: Iterable[int]) -> tuple[dict[int, int], int]:
        return {t: self.df[t] for t in terms}, self.documents

    def save(self, story: StoryState, signal: Signal | None, assignment: Assignment) -> None:
        self._tick += 1
        self.stories[story.id] = story
        self.article_story[assignment.article_id] = story.id
        keys = [] if signal is None else signal.keys + ([f"d:{signal.day}"] if signal.day else [])
        for key in keys:
            self.postings.setdefault(key, {})[story.id] = self._tick
        if signal is not None:
            self.df.update(signal.counts.keys())
            self.documents += 1


def cluster_stream(items: Sequence[StoryInput], embeddings: Sequence[Vector | None] | None = None,
                   settings: StorySettings | None = None,
                   index: MemoryIndex | None = None) -> list[Assignment]:
    """Cluster a stream in order (the pure core end to end): one assignment per item."""
    settings = settings or StorySettings()
    index = index or MemoryIndex()
    vectors = embeddings if embeddings is not None else [None] * len(items)
    return [assign_one(item, vec, index, settings) for item, vec in zip(items, vectors, strict=True)]


__all__ = ["Assignment", "MemoryIndex", "Signal", "StoryIndex", "StoryInput", "StoryState",
           "assign_one", "cluster_stream", "top_terms"]
