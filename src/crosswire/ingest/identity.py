"""Who is this article? A content hash for identity, MinHash for syndicated near-copies.

The content id (``crosswire.ids``, re-exported here) hashes the *normalized* cleaned text, so
the same article read from another file or URL, or re-encoded, is recognised as itself.
A syndicated copy with a different header or one edited sentence has another id but a
MinHash signature close to the original's: it is stored, and linked to it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]

from crosswire.ids import article_id, normalize_for_identity, raw_id

__all__ = ["Signer", "article_id", "best_match", "normalize_for_identity", "raw_id", "shingles", "similarity"]

_WORD = re.compile(r"\w+", re.U)
# Signatures are stored, so the hashing scheme is fixed: changing it needs a re-signing migration.
MINHASH_SCHEME = "affine64"


def shingles(text: str, size: int) -> list[bytes]:
    words = _WORD.findall(normalize_for_identity(text))
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


class Signer:
    """MinHash signatures with permutations drawn once, not once per article."""

    def __init__(self, num_perm: int, bands: int, shingle_words: int) -> None:
        if num_perm % bands:
            raise ValueError("minhash_permutations must be a multiple of minhash_bands")
        self._template = MinHash(num_perm=num_perm, seed=7, scheme=MINHASH_SCHEME)
        self.rows = num_perm // bands
        self.shingle_words = shingle_words

    def signature(self, text: str) -> np.ndarray:
        mh = MinHash(
            num_perm=len(self._template.hashvalues),
            permutations=self._template.permutations,
            scheme=MINHASH_SCHEME,
        )
        mh.update_batch(shingles(text, self.shingle_words))
        return np.asarray(mh.hashvalues, dtype=np.uint64)

    def band_keys(self, signature: np.ndarray) -> list[tuple[int, int]]:
        """(band, key) pairs; two articles sharing any pair are near-duplicate candidates."""
        keys = []
        for band, start in enumerate(range(0, len(signature), self.rows)):
            digest = hashlib.blake2b(signature[start : start + self.rows].tobytes(), digest_size=8)
            keys.append((band, int.from_bytes(digest.digest(), "big", signed=True)))
        return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def best_match(
    signature: np.ndarray, candidates: Iterable[tuple[str, np.ndarray]], threshold: float
) -> tuple[str, float] | None:
    scored = ((cid, similarity(signature, sig)) for cid, sig in candidates)
    best = max(scored, key=lambda pair: pair[1], default=None)
    return best if best is not None and best[1] >= threshold else None
