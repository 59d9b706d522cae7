"""What clustering compares: hashed term vectors with incremental IDF, and title+lead text.

Term vectors are hashed (no vocabulary, no global refit), and IDF comes from document
frequencies counted as articles arrive, so an article's vector is computed once, at its
arrival, against what the store had seen then: the incremental analogue of TF-IDF.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

from crosswire.lexicon import FUNCTION_WORDS

Vector = npt.NDArray[np.float32]
Terms = dict[int, float]

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
# Function words and newsroom filler: they would make every story a candidate of every other.
_NEWSROOM_FILLER = """
    says said say told according report reports reported new news mr mrs ms one two first last year
    years week day days monday tuesday wednesday thursday friday saturday sunday today yesterday
    tomorrow while during against between through amid
"""
STOPWORDS = FUNCTION_WORDS | frozenset(_NEWSROOM_FILLER.split())
BUCKETS = 1 << 22


def tokens(text: str) -> list[str]:
    """Lower-cased content words, crudely singularized so "votes" meets "vote"."""
    out = []
    for word in _WORD.findall(text.lower()):
        word = word.strip("'’-")
        if len(word) < 3 or word in STOPWORDS:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def term_hash(word: str) -> int:
    # crc32 is stable across processes (``hash`` is salted), so stored vectors stay valid.
    return zlib.crc32(word.encode("utf-8")) % BUCKETS


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")


def term_counts(text: str, name_boost: int = 1) -> Counter[int]:
    """Hashed term counts; capitalized words inside a sentence (names) count extra.

    Names are what tell two events of one kind apart ("Tara Reid enters rehab" and
    "Lindsay Lohan enters rehab" share every other word).
    """
    counts = Counter(term_hash(w) for w in tokens(text))
    for name in _NAME.findall(text) if name_boost > 0 else ():
        for word in tokens(name):
            counts[term_hash(word)] += name_boost
    return counts


def simhash_keys(vector: Vector, bands: int, bits: int) -> list[str]:
    """Random-hyperplane LSH bands of a unit vector: near vectors share a band key."""
    planes = _planes(vector.shape[0], bands * bits)
    signs = (planes @ vector) > 0
    return [f"h:{b}:{int(''.join('1' if x else '0' for x in signs[b * bits:(b + 1) * bits]), 2)}"
            for b in range(bands)]


@lru_cache(maxsize=4)
def _planes(dim: int, count: int) -> npt.NDArray[np.float32]:
    # A fixed seed: keys stored yesterday must match keys computed today (PCG64 is stable).
    return np.random.default_rng(7).standard_normal((count, dim)).astype(np.float32)


def idf(df: int, documents: int) -> float:
    return math.log((documents + 1) / (df + 1)) + 1.0


def tfidf(counts: Mapping[int, int], df: Mapping[int, int], documents: int) -> Terms:
    """Sublinear TF times IDF, L2-normalized."""
    weights = {t: (1.0 + math.log(c)) * idf(df.get(t, 0), documents) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def terms_matrix(rows: Sequence[Mapping[int, float]]) -> npt.NDArray[np.float64]:
    """Term dicts as dense rows over their joint vocabulary (L2-normalized): row products are cosines."""
    column: dict[int, int] = {}
    for row in rows:
        for t in row:
            column.setdefault(t, len(column))
    matrix = np.zeros((len(rows), max(1, len(column))))
    for n, row in enumerate(rows):
        for t, w in row.items():
            matrix[n, column[t]] = w
    norms = np.linalg.norm(matrix, axis=1)
    matrix /= np.where(norms > 0, norms, 1.0)[:, None]
    return matrix


def top_terms(terms: Mapping[int, float], n: int) -> Terms:
    return dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def lead_text(title: str | None, text: str, lead_words: int) -> str:
    """Title and the first ``lead_words`` words of the body: what clustering looks at."""
    words = text.split()[:lead_words]
    head = (title or "").strip()
    body = " ".join(words)
    if head and body.startswith(head):  # plain-text articles often repeat the title
        return body
    return f"{head}. {body}" if head else body


class Embedder(Protocol):
    """Anything that turns texts into L2-normalized vectors (one row per text)."""

    def embed(self, texts: Sequence[str]) -> Vector: ...


def unit(vector: Vector) -> Vector:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def cosine(a: Vector | None, b: Vector | None) -> float | None:
    if a is None or b is None:
        return None
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(np.dot(a, b) / (na * nb)) if na and nb else 0.0


def merge_terms(total: Mapping[int, float], add: Iterable[tuple[int, float]], keep: int) -> Terms:
    merged = dict(total)
    for t, w in add:
        merged[t] = merged.get(t, 0.0) + w
    return top_terms(merged, keep)
