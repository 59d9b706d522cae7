"""Incremental story clustering: a new article joins the best candidate story or starts one.

The pure core. An article is reduced to a ``Signal`` (title+lead embedding, hashed TF-IDF
terms, resolved entity ids, day); a story to a ``StoryState`` (sums of its articles'
embeddings and terms, entity counts, first and last day, and the signals of its first
``member_cap`` articles). Candidates never come from a scan: a ``StoryIndex`` returns the
stories filed under the article's keys — its rarest terms, its entities, the days of its
time window — at most ``candidates_per_key`` a key, the most recently active first, so one
article costs the same whatever the store holds.

An article in another language than a story's is not compared by embedding or terms (both
English-only in effect) but by the entity ids, event dates and figures the two share
(``stories.crosslang``), against its own threshold; a story counts its members per language.

A join decided on one or two articles is thin evidence, and two events of one kind ("a quake
in Papua", "a quake in Aceh") often share enough words to merge early; later articles then
follow whichever half they resemble. So when a story grows, its members are checked: if they
fall into two groups that resemble each other much less than each resembles itself, the
smaller group becomes a story of its own (``split_story``). The check reads only that
story's members (at most ``member_cap``), never the store.

``MemoryIndex`` keeps everything in dicts (evaluation, tests); ``store.stories`` keeps it in
SQLite. Both run the same ``assign_one``; an index that can also ``regroup`` (move a story's
members to a new story) gets the split check.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from crosswire.stories.crosslang import Evidence, is_english, language_key, other_languages, overlap
from crosswire.stories.features import (
    Terms,
    Vector,
    idf,
    merge_terms,
    simhash_keys,
    term_counts,
    terms_matrix,
    tfidf,
    top_terms,
    unit,
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
    language: str | None = None  # ISO 639-1; None (unknown) counts as English
    dates: frozenset[str] = frozenset()  # ISO values of its dated expressions
    figures: frozenset[str] = frozenset()  # quantities it gives (``crosslang.figures_in``)


@dataclass(slots=True)
class Signal:
    id: str
    day: date | None
    outlet: str | None
    counts: Counter[int]
    entities: frozenset[str]
    embedding: Vector | None
    terms: Terms = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # what the article's story is filed under
    probes: list[str] = field(default_factory=list)  # term keys that can find a stored story
    title: str = ""  # names the story this article starts (or the one split off around it)
    language: str = "en"
    dates: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.entities, self.dates, self.figures)


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
    # Independent articles per language, and the event dates and figures they give: what an
    # article in another language is compared with.
    languages: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    figures: Counter[str] = field(default_factory=Counter)
    # Signals of the first ``member_cap`` independent articles, in arrival order: what the
    # split check compares. Empty when the index does not keep them (no split check then).
    members: list[Signal] = field(default_factory=list)

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.entities, self.dates, self.figures)

    def sources_in(self, language: str) -> int:
        """Independent articles in ``language`` (a state older than languages was all English)."""
        return self.languages.get(language, 0) if self.languages else self.sources * (language == "en")


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

    def candidates(self, keys: Sequence[str], per_key: int, limit: int) -> list[StoryState]:
        """At most ``per_key`` stories a key (most recently active first), the ``limit`` best by
        ``most_shared``."""
        ...

    def frequencies(self, terms: Iterable[int]) -> tuple[dict[int, int], int]: ...

    def save(self, story: StoryState, signal: Signal | None, assignment: Assignment) -> None: ...


@runtime_checkable
class Regrouping(Protocol):
    """An index that can carry out a split: only such an index gets the split check."""

    def members(self, story: StoryState) -> list[Signal]:
        """The member signals kept for ``story`` (a store keeps them apart from its state)."""
        ...

    def regroup(self, kept: StoryState, moved: StoryState) -> None:
        """Write both states; point ``moved.members``' articles at ``moved`` and file it under their keys.

        ``kept`` is the story as it stays (same id, fewer members); ``moved`` is new. No
        term frequencies change: the articles were counted when they arrived.
        """
        ...


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
    foreign = not is_english(item.language)
    # The embedding model reads English: another language's vector would match at random.
    signal = Signal(item.id, parse_day(item.published), item.outlet, counts, item.entities,
                    None if foreign else embedding, language=language_key(item.language),
                    dates=item.dates, figures=item.figures)
    signal.title = item.lead[:120]
    signal.terms = tfidf(counts, df, documents)
    # The rarest terms make the best keys: "the" would file every story under one key.
    rare = sorted(counts, key=lambda t: (-idf(df.get(t, 0), documents), t))[: settings.key_terms]
    entities = sorted(item.entities)[: settings.key_entities]
    signal.keys = [f"t:{t}" for t in rare] + [f"e:{e}" for e in entities]
    # Looking up, a word no stored article has used finds nothing: probe with the rarest
    # words already seen (a long lead's first-seen words would take every probe slot).
    seen = sorted((t for t in counts if df.get(t, 0) > 0), key=lambda t: (df[t], t))
    signal.probes = [f"t:{t}" for t in seen[: settings.key_terms]]
    # No date or figure keys for the join across languages: its entity keys and the days of
    # its window find the stories it could join (in a busy store, those sharing an entity
    # first), and an English-only store files nothing more than before.
    if signal.embedding is not None:
        signal.keys += simhash_keys(signal.embedding, settings.lsh_bands, settings.lsh_bits)
    return signal


def lookup_keys(signal: Signal, settings: StorySettings) -> list[str]:
    """Probes, entities, LSH bands and every day of the window (a story is filed under its days)."""
    days = []
    if signal.day is not None:
        days = [f"d:{signal.day + timedelta(days=d)}" for d in range(-settings.window_days,
                                                                     settings.window_days + 1)]
    others = [k for k in signal.keys if not k.startswith("t:")]
    return list(dict.fromkeys(signal.probes + others + days))


def most_shared(hits: Iterable[tuple[str, int]], limit: int) -> list[str]:
    """The ``limit`` stories found under most of an article's keys, from (story id, activity) hits.

    Reading and scoring a story costs far more than finding it under a key, and a story that
    shares one day or one common word with the article is rarely the one it joins: the one it
    joins shares its rare words, its entities and its embedding's buckets. On a tie the most
    recently active story comes first.
    """
    count: Counter[str] = Counter()
    latest: dict[str, int] = {}
    for story_id, seen in hits:
        count[story_id] += 1
        latest[story_id] = max(seen, latest.get(story_id, seen))
    return sorted(count, key=lambda s: (-count[s], -latest[s], s))[:limit]


def in_window(signal: Signal, story: StoryState, settings: StorySettings) -> bool:
    if signal.day is None or story.first_day is None or story.last_day is None:
        return True
    window = timedelta(days=settings.window_days)
    return story.first_day - window <= signal.day <= story.last_day + window


def score(signal: Signal, story: StoryState, settings: StorySettings) -> float:
    """Weighted mean of the signals both sides have, each in [0, 1].

    Terms and embedding are compared with the story's members on average, not with its
    centroid: the sums a story keeps make that one dot product (sum . article / sources).
    A centroid's cosine grows as its members spread (it divides by their cohesion), so a
    loose story of two same-kind events would draw in more of both; the mean does not.
    """
    members = max(1, story.sources_in(signal.language))
    terms = sum(w * story.terms.get(t, 0.0) for t, w in signal.terms.items()) / members
    parts: list[tuple[float, float]] = [(settings.weight_terms, min(1.0, max(0.0, terms)))]
    if signal.embedding is not None and story.embedding is not None:
        emb = float(np.dot(unit(signal.embedding), story.embedding)) / members
        parts.append((settings.weight_embedding, min(1.0, max(0.0, emb))))
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
    """The candidate scoring highest against its threshold, if it reaches it.

    Each score is taken relative to its threshold: the score within a language, or the
    overlap with a story that holds articles in other languages (``cross_language_score``).
    """
    threshold = settings.join_threshold if signal.embedding is not None else settings.join_threshold_terms
    best: StoryState | None = None
    best_score = best_ratio = 0.0
    for story in candidates:
        if not in_window(signal, story, settings):
            continue
        s, ratio = _relative_score(signal, story, threshold, settings)
        if ratio > best_ratio or (ratio == best_ratio and best is not None and story.id < best.id):
            best, best_score, best_ratio = story, s, ratio
    return (best, best_score) if best is not None and best_ratio >= 1.0 else (None, best_score)


def _relative_score(signal: Signal, story: StoryState, threshold: float,
                    settings: StorySettings) -> tuple[float, float]:
    """(score, score / its threshold): the better of the same-language score and the cross-language one."""
    s, ratio = 0.0, 0.0
    # Words and embeddings meet only within a language: a story with no article in this
    # one is compared by shared evidence alone (its entities would otherwise join on their own).
    if story.sources_in(signal.language) or not story.sources:
        s = score(signal, story, settings)
        # Exactly 1.0 at the threshold: a division could round a score just under it up to 1.0.
        ratio = 1.0 if s == threshold else s / threshold
    if other_languages(signal.language, story.languages or ["en"]):
        x = cross_language_score(signal, story)
        x_ratio = 1.0 if x == settings.cross_language_threshold else x / settings.cross_language_threshold
        if x_ratio > ratio:
            return x, x_ratio
    return s, ratio


def cross_language_score(signal: Signal, story: StoryState) -> float:
    """The entities, event dates and figures an article shares with a story (``crosslang.overlap``)."""
    return overlap(signal.evidence, story.evidence)


def absorb(story: StoryState, signal: Signal, settings: StorySettings) -> None:
    """Add an independent article's signal to a story's sums."""
    if signal.embedding is not None:  # unit vectors, so that sum . article / n is a mean cosine
        vec = unit(signal.embedding)
        story.embedding = vec.copy() if story.embedding is None else story.embedding + vec
    story.terms = merge_terms(story.terms, signal.terms.items(), settings.centroid_terms)
    story.entities.update(signal.entities)
    story.languages[signal.language] += 1
    story.dates.update(signal.dates)
    story.figures.update(signal.figures)
    for values in (story.dates, story.figures):  # bounded like the term centroid: a state is stored
        if len(values) > settings.centroid_terms:
            kept = values.most_common(settings.centroid_terms)
            values.clear()
            values.update(dict(kept))
    if signal.outlet:
        story.outlets[signal.outlet] += 1
    story.sources += 1
    _extend_days(story, signal.day)
    if len(story.members) < settings.member_cap and story.sources == len(story.members) + 1:
        story.members.append(signal)


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
    if title:
        signal.title = title
    candidates = index.candidates(lookup_keys(signal, settings), settings.candidates_per_key,
                                  settings.candidates_scored)
    found, best = best_story(signal, candidates, settings)
    regrouper = index if isinstance(index, Regrouping) else None
    if found is not None and regrouper is not None:
        found.members = regrouper.members(found)
    story = found or StoryState(story_id_for(item.id), signal.title)
    story.articles += 1
    absorb(story, signal, settings)
    moved = split_story(story, settings) if found and regrouper is not None else None
    home = moved if moved is not None and any(m.id == item.id for m in moved.members) else story
    done = Assignment(item.id, home.id, best if found else 1.0, found is None, True)
    index.save(home, signal, done)
    if moved is not None and regrouper is not None:
        regrouper.regroup(story, moved)
    return done


# -- the split check -------------------------------------------------------------------------
def split_story(story: StoryState, settings: StorySettings) -> StoryState | None:
    """Split a grown story in two when its members form two clearly separate groups.

    Returns the new story (the smaller group) and rebuilds ``story`` from the rest, or None.
    Stories past ``member_cap`` are settled: by then a wrong early merge would have shown.
    """
    members = story.members
    if len(members) < 2 * settings.split_min_part or story.sources != len(members):
        return None
    similarity = pair_scores(members, settings)
    second = two_groups(similarity)
    first = ~second
    if min(int(first.sum()), int(second.sum())) < settings.split_min_part:
        return None
    between = float(similarity[np.ix_(first, second)].mean())
    within = min(_mean_off_diagonal(similarity[np.ix_(first, first)]),
                 _mean_off_diagonal(similarity[np.ix_(second, second)]))
    if between >= settings.split_between or within - between < settings.split_margin:
        return None
    # The larger group (on a tie, the one holding the first article) keeps the story's id.
    if second.sum() > first.sum() or (second.sum() == first.sum() and second[0]):
        first, second = second, first
    kept = [m for m, f in zip(members, first, strict=True) if f]
    gone = [m for m, f in zip(members, first, strict=True) if not f]
    copies = story.articles - story.sources  # syndicated copies stay with the story they joined
    _rebuild(story, kept, settings)
    story.articles += copies
    moved = StoryState(story_id_for(gone[0].id), gone[0].title or story.title)
    _rebuild(moved, gone, settings)
    return moved


def _rebuild(story: StoryState, members: Sequence[Signal], settings: StorySettings) -> None:
    story.first_day = story.last_day = story.embedding = None
    story.articles = story.sources = 0
    story.terms, story.entities, story.outlets, story.members = {}, Counter(), Counter(), []
    story.languages, story.dates, story.figures = Counter(), Counter(), Counter()
    for signal in members:
        story.articles += 1
        absorb(story, signal, settings)


def pair_scores(members: Sequence[Signal], settings: StorySettings) -> npt.NDArray[np.float64]:
    """The join score between every two members (same signals, weights and renormalization)."""
    n = len(members)
    terms = terms_matrix([m.terms for m in members])
    weighted = settings.weight_terms * np.maximum(terms @ terms.T, 0.0)
    total = np.full((n, n), settings.weight_terms)
    has = np.array([m.embedding is not None for m in members])
    if has.any():
        rows = np.stack([m.embedding if m.embedding is not None else np.zeros_like(_first_vector(members))
                         for m in members]).astype(np.float64)
        norms = np.linalg.norm(rows, axis=1)
        rows /= np.where(norms > 0, norms, 1.0)[:, None]
        both = np.outer(has, has)
        weighted += np.where(both, settings.weight_embedding * np.maximum(rows @ rows.T, 0.0), 0.0)
        total += np.where(both, settings.weight_embedding, 0.0)
    if any(m.entities for m in members):
        weighted += settings.weight_entities * _entity_overlap(members)
        total += np.array([[settings.weight_entities if a.entities and b.entities else 0.0
                            for b in members] for a in members])
    result: npt.NDArray[np.float64] = weighted / total
    return _across_languages(result, members, settings)


def _across_languages(similarity: npt.NDArray[np.float64], members: Sequence[Signal],
                      settings: StorySettings) -> npt.NDArray[np.float64]:
    """Pairs in two languages scored by their shared evidence too, on the split check's scale.

    Their words and embeddings never meet, so without this every story told in two languages
    would look like two groups. An overlap at the join threshold counts as ``split_between``
    (no clear separation), more overlap as more.
    """
    if len({m.language for m in members}) < 2:
        return similarity
    scale = settings.split_between / settings.cross_language_threshold
    adjusted = similarity.copy()
    for i, a in enumerate(members):
        for j, b in enumerate(members):
            if i != j and a.language != b.language:
                adjusted[i, j] = max(adjusted[i, j], min(1.0, scale * overlap(a.evidence, b.evidence)))
    return adjusted


def _first_vector(members: Sequence[Signal]) -> Vector:
    return next(m.embedding for m in members if m.embedding is not None)


def _entity_overlap(members: Sequence[Signal]) -> npt.NDArray[np.float64]:
    """Shared entities over the smaller set (at most 3), as the join score counts them."""
    return np.array([[len(a.entities & b.entities) / min(len(a.entities), len(b.entities), 3)
                      if a.entities and b.entities else 0.0 for b in members] for a in members])


def two_groups(similarity: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Average-linkage agglomeration down to two groups; True marks the second group.

    Average linkage (not single) so that one bridging article cannot hold two groups together.
    """
    n = len(similarity)
    link = similarity.astype(np.float64).copy()
    np.fill_diagonal(link, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    group = np.arange(n)
    for _ in range(n - 2):
        masked = np.where(np.outer(alive, alive), link, -np.inf)
        a, b = divmod(int(np.argmax(masked)), n)
        merged = (size[a] * link[a] + size[b] * link[b]) / (size[a] + size[b])
        link[a, :], link[:, a] = merged, merged
        link[a, a] = -np.inf
        size[a] += size[b]
        alive[b] = False
        group[group == b] = a
    second: npt.NDArray[np.bool_] = group != group[0]
    return second


def _mean_off_diagonal(block: npt.NDArray[np.float64]) -> float:
    n = len(block)
    return float((block.sum() - np.trace(block)) / (n * (n - 1))) if n > 1 else 1.0


def member_json(member: Signal) -> dict[str, Any]:
    """A story member as a store keeps it: JSON-safe, the embedding as base64 little-endian float32."""
    vector = None if member.embedding is None else base64.b64encode(
        np.asarray(member.embedding, dtype="<f4").tobytes()).decode("ascii")
    return {"id": member.id, "day": None if member.day is None else member.day.isoformat(),
            "outlet": member.outlet, "entities": sorted(member.entities), "embedding": vector,
            "terms": {str(t): round(w, 5) for t, w in member.terms.items()},
            "keys": list(member.keys), "title": member.title, "language": member.language,
            "dates": sorted(member.dates), "figures": sorted(member.figures)}


def member_from_json(data: Mapping[str, Any]) -> Signal:
    """The inverse of ``member_json`` (term counts are not kept: they only serve arrival)."""
    blob = data.get("embedding")
    vector = None if not blob else np.frombuffer(base64.b64decode(blob), dtype="<f4").astype(np.float32)
    member = Signal(str(data["id"]), parse_day(data.get("day")), data.get("outlet"), Counter(),
                    frozenset(data.get("entities", ())), vector)
    member.terms = {int(t): float(w) for t, w in data.get("terms", {}).items()}
    member.keys = list(data.get("keys", ()))
    member.title = str(data.get("title", ""))
    member.language = str(data.get("language", "en"))
    member.dates = frozenset(data.get("dates", ()))
    member.figures = frozenset(data.get("figures", ()))
    return member


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

    def candidates(self, keys: Sequence[str], per_key: int, limit: int) -> list[StoryState]:
        hits: list[tuple[str, int]] = []
        for key in keys:
            posting = self.postings.get(key, {})
            hits += [(s, posting[s]) for s in sorted(posting, key=lambda s: -posting[s])[:per_key]]
        return [self.stories[s] for s in most_shared(hits, limit)]

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

    def members(self, story: StoryState) -> list[Signal]:
        return story.members  # kept on the state itself

    def regroup(self, kept: StoryState, moved: StoryState) -> None:
        self._tick += 1
        self.stories[kept.id] = kept
        self.stories[moved.id] = moved
        for member in moved.members:
            self.article_story[member.id] = moved.id
            for key in member.keys + ([f"d:{member.day}"] if member.day else []):
                self.postings.setdefault(key, {})[moved.id] = self._tick


def cluster_stream(items: Sequence[StoryInput], embeddings: Sequence[Vector | None] | None = None,
                   settings: StorySettings | None = None,
                   index: StoryIndex | None = None) -> list[Assignment]:
    """Cluster a stream in order (the pure core end to end): one assignment per item."""
    settings = settings or StorySettings()
    index = index or MemoryIndex()
    vectors = embeddings if embeddings is not None else [None] * len(items)
    done = [assign_one(item, vec, index, settings) for item, vec in zip(items, vectors, strict=True)]
    return settled(done, index)


def settled(done: Sequence[Assignment], index: StoryIndex) -> list[Assignment]:
    """The assignments with each article's story as it ends up (a later split may have moved it)."""
    return [replace(d, story_id=index.story_of(d.article_id) or d.story_id) for d in done]


__all__ = ["Assignment", "MemoryIndex", "Regrouping", "Signal", "StoryIndex", "StoryInput", "StoryState",
           "assign_one", "cluster_stream", "member_from_json", "member_json", "most_shared", "settled",
           "split_story", "top_terms"]
