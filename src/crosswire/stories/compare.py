"""Fact alignment within a story: claims per article, aligned across outlets, and coverage.

A claim is a sentence (the article's stored sentences, or a regex split when it has none).
Claims of different independent articles are aligned when they say the same thing:
embedding cosine (or a rapidfuzz token-set ratio without a model), nudged up by shared
numbers and entities. A *fact* is a group of aligned claims with at most one claim per
article; the coverage matrix says which outlet carries which fact, and a fact carried by
one outlet only is that outlet's unique report. Syndicated copies are left out: a copy is
the same source again, not a second outlet confirming the fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.types import Article

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’]?|$)")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


@dataclass(slots=True)
class Claim:
    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    entities: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()


@dataclass(slots=True)
class Fact:
    claims: list[Claim] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({c.outlet for c in self.claims})


@dataclass(slots=True)
class Coverage:
    outlets: list[str]
    facts: list[Fact]

    def matrix(self) -> list[list[bool]]:
        return [[o in f.outlets for o in self.outlets] for f in self.facts]

    def unique(self) -> list[Fact]:
        """Facts only one outlet reports (meaningful once the story has two outlets)."""
        return [f for f in self.facts if len(f.outlets) == 1] if len(self.outlets) > 1 else []


def outlet_of(article: Article) -> str:
    # An article with no known outlet is its own source: never merged with another unknown.
    return article.outlet or f"(unknown {article.id[:6]})"


def numbers_in(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in NUMBER.findall(text))


def extract_claims(article: Article, settings: StorySettings) -> list[Claim]:
    spans = [(s.start, s.end) for s in article.sentences]
    if not spans:
        spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(article.text)]
    claims = []
    for start, end in spans:
        text = article.text[start:end].strip()
        if len(text.split()) < 4:  # datelines, bylines, "Read more." carry no claim
            continue
        start = article.text.index(text, start)
        entities = frozenset(m.entity_id or m.text.lower() for m in article.mentions
                             if start <= m.start < start + len(text))
        claims.append(Claim(article.id, outlet_of(article), start, start + len(text), text, entities,
                            numbers_in(text)))
        if len(claims) >= settings.max_claims_per_article:
            break
    return claims


def similarity_matrix(claims: Sequence[Claim], embedder: Embedder | None) -> np.ndarray:
    if embedder is not None:
        vectors = embedder.embed([c.text for c in claims])
        return np.asarray(vectors @ vectors.T, dtype=np.float32)
    n = len(claims)
    sims = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            sims[i, j] = sims[j, i] = fuzz.token_set_ratio(claims[i].text, claims[j].text) / 100.0
    return sims


def _bonus(a: Claim, b: Claim) -> float:
    """Shared specifics make an alignment likelier (two claims about the same 14 people)."""
    return 0.05 * bool(a.entities & b.entities) + 0.05 * bool(a.numbers & b.numbers)


def align(claims: Sequence[Claim], sims: np.ndarray, threshold: float) -> list[Fact]:
    """Greedy: best pairs first; a fact holds at most one claim per article."""
    pairs = sorted(((float(sims[i, j]) + _bonus(claims[i], claims[j]), i, j)
                    for i in range(len(claims)) for j in range(i + 1, len(claims))
                    if claims[i].article_id != claims[j].article_id), reverse=True)
    group = list(range(len(claims)))
    members: dict[int, set[str]] = {i: {c.article_id} for i, c in enumerate(claims)}
    for score, i, j in pairs:
        if score < threshold:
            break
        gi, gj = _root(group, i), _root(group, j)
        if gi == gj or members[gi] & members[gj]:
            continue
        group[gj] = gi
        members[gi] |= members.pop(gj)
    facts: dict[int, Fact] = {}
    for i, claim in enumerate(claims):
        facts.setdefault(_root(group, i), Fact()).claims.append(claim)
    return sorted(facts.values(), key=lambda f: (-len(f.outlets), f.claims[0].article_id, f.claims[0].start))


def _root(group: list[int], i: int) -> int:
    while group[i] != i:
        group[i] = group[group[i]]
        i = group[i]
    return i


def independent(articles: Sequence[Article], limit: int = 12) -> list[Article]:
    """The story's independent articles (no syndicated copies), one per outlet first, capped."""
    ids = {a.id for a in articles}
    sources = [a for a in articles if not (a.near_duplicate_of and a.near_duplicate_of in ids)]
    first: dict[str, Article] = {}
    for article in sources:
        first.setdefault(outlet_of(article), article)
    chosen = list(first.values())
    return (chosen + [a for a in sources if a not in chosen])[:limit]


def compare(articles: Sequence[Article], embedder: Embedder | None = None,
            settings: StorySettings | None = None) -> Coverage:
    """Claims of the story's independent articles, aligned into facts, with their outlets."""
    settings = settings or StorySettings()
    sources = independent(articles, settings.max_articles_compared)
    claims = [c for a in sources for c in extract_claims(a, settings)]
    threshold = settings.claim_similarity if embedder is not None else settings.claim_fuzzy_similarity
    facts = align(claims, similarity_matrix(claims, embedder), threshold) if claims else []
    return Coverage(sorted({outlet_of(a) for a in sources}), facts)
