"""Story clustering cost per new article as the store grows: 1k, 10k, 50k stored stories.

    python -m bench.stories_bench [--sizes 1000 10000 50000] [--new 200]

The store is filled directly with synthetic stories (state, embedding, index keys, term
frequencies: what ``StoryStore`` would have written), then ``StoryStore.assign`` places
``--new`` articles in batches of 64 and the time per article is printed with the number of
candidate stories scored. The embedder is a stand-in (random unit vectors): the model's cost
is the same per article at any store size (~29 ms, ../shared/PERFORMANCE.md) and would hide
what this measures. Flat figures across sizes are the goal.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from crosswire.ingest.identity import Signer
from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.store.stories import StoryStore
from crosswire.stories.cluster import StoryState
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
    rng, vectors = random.Random(seed), RandomEmbedder(seed)
    rows, keys, df = [], [], dict[int, int]()
    for n in range(stories):
        words = zipf_words(rng, 40)
        terms = {term_hash(w): 1.0 / len(words) for w in words}
        vector = vectors.embed(["x"])[0]
        day = DAYS[n * len(DAYS) // stories]
        sid = f"s{n:08d}"
        state = {"terms": {str(t): w for t, w in terms.items()}, "entities": {}, "outlets": {f"o{n % 7}": 1}}
        rows.append((sid, f"story {n}", day, day, 1, 1, vector.tobytes(), json.dumps(state)))
        story_keys = [f"t:{t}" for t in list(terms)[: settings.key_terms]] + [f"d:{day}"]
        story_keys += simhash_keys(vector, settings.lsh_bands, settings.lsh_bits)
        keys += [(k, sid, n) for k in story_keys]
        for t in terms:
            df[t] = df.get(t, 0) + 1
    with db.atomic():
        db.executemany("INSERT INTO stories (id, title, first_published, last_published, article_count, "
                       "source_count, embedding, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT OR IGNORE INTO story_keys (key, story_id, seen) VALUES (?, ?, ?)", keys)
        db.executemany("INSERT INTO story_term_df (term, df) VALUES (?, ?)", list(df.items()))
        db.executemany("INSERT INTO story_stats (name, value) VALUES (?, ?)",
                       [("documents", stories), ("tick", stories)])


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
