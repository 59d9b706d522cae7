"""Story clustering cost per new article as the store grows: 1k, 10k, 50k stored stories.

    python -m bench.stories_bench [--sizes 1000 10000 50000] [--new 200]

The store is filled with synthetic one-article stories through the store's own write functions
(``ArticleStore.save_batch`` for the founding articles, ``StoryStore.save`` for their stories,
keys and term frequencies), then ``StoryStore.assign`` places
``--new`` articles in batches of 64 and the time per article is printed with the number of
candidate stories scored. The embedder is a stand-in (random unit vectors): the model's cost
is the same per article at any store size (~29 ms, ../shared/PERFORMANCE.md) and would hide
what this measures. Flat figures across sizes are the goal.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from crosswire.ingest.identity import Signer
from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.store.stories import StoryStore
from crosswire.stories.cluster import Assignment, Signal, StoryState
from crosswire.stories.features import Vector, simhash_keys, term_hash
from crosswire.stories.settings import StorySettings
from crosswire.types import Article

VOCABULARY = [f"w{n:05d}" for n in range(20000)]
DAYS = [f"2025-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]


class RandomEmbedder:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)

    def embed(self, texts: Sequence[str]) -> Vector:
        rows = self.rng.standard_normal((len(texts), 384)).astype(np.float32)
        unit: Vector = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return unit


def zipf_words(rng: random.Random, n: int) -> list[str]:
    return [VOCABULARY[min(int(rng.paretovariate(1.1)) - 1, len(VOCABULARY) - 1) * 7 % len(VOCABULARY)]
            for _ in range(n)]


def fill(db: Database, stories: int, settings: StorySettings, seed: int = 1) -> None:
    """``stories`` one-article stories written by the store's own functions: each founder is
    saved as an article, then its story, keys and term counts through ``StoryStore.save``."""
    rng, vectors, signer = random.Random(seed), RandomEmbedder(seed), Signer(128, 32, 5)
    founders, states = [], []
    for n in range(stories):
        words = zipf_words(rng, 40)
        day = DAYS[n * len(DAYS) // stories]
        article = Article(id=f"f{n:08d}", text=" ".join(words), source="bench", title=f"story {n}",
                          outlet=f"o{n % 7}", published=day)
        founders.append(NewArticle(article, signature := signer.signature(article.text),
                                   signer.band_keys(signature)))
        states.append(_founded(article, words, vectors.embed(["x"])[0], settings))
    tables = StoryStore(db, settings, embedder=None)
    with db.atomic():
        ArticleStore(db).save_batch(founders)
        for state, signal in states:
            tables.save(state, signal, Assignment(signal.id, state.id, 1.0, True, True))


def _founded(article: Article, words: list[str], vector: Vector,
             settings: StorySettings) -> tuple[StoryState, Signal]:
    """A story of one article, as the clustering core would start it, and that article's signal."""
    counts = Counter(term_hash(w) for w in words)
    terms = {t: c / len(words) for t, c in counts.items()}
    day = date.fromisoformat(article.published or DAYS[0])
    keys = [f"t:{t}" for t in list(terms)[: settings.key_terms]]
    keys += simhash_keys(vector, settings.lsh_bands, settings.lsh_bits)
    signal = Signal(id=article.id, day=day, outlet=article.outlet, counts=counts, entities=frozenset(),
                    embedding=vector, terms=terms, keys=keys, title=article.title or "")
    state = StoryState(id=f"s{article.id[1:]}", title=article.title or "", first_day=day, last_day=day,
                       articles=1, sources=1, embedding=vector, terms=dict(terms),
                       outlets=Counter({article.outlet or "": 1}))
    return state, signal


def new_articles(count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        text = " ".join(zipf_words(rng, 80))
        out.append(Article(id=f"new{seed}-{n:05d}", text=text, source="bench", title=f"Title {n}",
                           outlet=f"o{n % 7}", published=rng.choice(DAYS)))
    return out


def measure(stories: int, count: int) -> tuple[float, float]:
    settings = StorySettings()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.db")
        fill(db, stories, settings)
        articles = new_articles(count, seed=stories)
        signer = Signer(128, 32, 5)
        with db.atomic():
            ArticleStore(db).save_batch([NewArticle(a, s, signer.band_keys(s))
                                         for a in articles for s in [signer.signature(a.text)]])
        stage = StoryStore(db, settings, embedder=RandomEmbedder(stories))
        scored = _count_candidates(stage)
        started = time.perf_counter()
        for start in range(0, count, 64):
            stage.assign(articles[start:start + 64])
        elapsed = time.perf_counter() - started
        db.close()
    return elapsed / count * 1000, sum(scored) / max(1, len(scored))


def _count_candidates(stage: StoryStore) -> list[int]:
    scored: list[int] = []
    original = stage.candidates

    def counting(keys: Sequence[str], per_key: int, limit: int) -> list[StoryState]:
        found = original(keys, per_key, limit)
        scored.append(len(found))
        return found

    stage.candidates = counting  # type: ignore[method-assign]  # instrumenting one instance
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--new", type=int, default=200)
    args = parser.parse_args()
    print(f"{'stored stories':>15} {'ms / new article':>17} {'candidates scored':>18}")
    for size in args.sizes:
        ms, candidates = measure(size, args.new)
        print(f"{size:>15,} {ms:>17.2f} {candidates:>18.1f}")


if __name__ == "__main__":
    main()
