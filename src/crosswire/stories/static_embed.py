"""A static sentence embedding distilled from all-MiniLM-L6-v2, for comparing claims at speed.

The comparison embeds every claim sentence of a story's articles when the story is compared
(about 600 for ten full-length articles): MiniLM takes seconds there, past issue #25's budget
of 2 s per 10-article story. This embedder looks each wordpiece up in a table instead, averages
the rows of a sentence, maps the average into MiniLM's 384 dimensions and normalises it: no
network, no torch, a few milliseconds per hundred sentences.

The table was made from MiniLM itself (``training/claimvec.py``, ``make train-claimvec``; the
method and its figures in ``models/claimvec/MODEL_CARD.md``): its cosines follow MiniLM's
scale, so thresholds set for MiniLM keep their meaning, but word order and negation are lost
(a bag of wordpieces: "A beat B" and "B beat A" are one vector). English only, like MiniLM.

Needs numpy and ``tokenizers`` (MiniLM's own tokenizer file ships beside the table);
``load_static_embedder`` returns None without them. Loaded once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from crosswire.stories.features import Vector

MODEL_DIR = Path(str(resources.files("crosswire") / "models" / "claimvec"))
MAX_PIECES = 256  # MiniLM reads no further either

__all__ = ["MODEL_DIR", "StaticEmbedder", "load_static_embedder"]


class StaticEmbedder:
    """``embed(texts)``: one unit row (float32, 384 wide) per text; a text without a known
    wordpiece gets a zero row, which is similar to nothing."""

    def __init__(self, tokenizer: Any, table: npt.NDArray[np.float32],
                 projection: npt.NDArray[np.float32]) -> None:
        self.tokenizer = tokenizer
        self.table = table
        self.projection = projection

    @property
    def dimensions(self) -> int:
        return int(self.projection.shape[1])

    def embed(self, texts: Sequence[str]) -> Vector:
        averages = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        if not texts:
            return averages @ self.projection
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        pieces = [e.ids[:MAX_PIECES] for e in encodings]
        filled = [n for n, ids in enumerate(pieces) if ids]
        if filled:
            lengths = np.array([len(pieces[n]) for n in filled])
            rows = self.table[np.concatenate([pieces[n] for n in filled])]
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            averages[filled] = np.add.reduceat(rows, starts, axis=0) / lengths[:, None]
        mapped = averages @ self.projection
        norms = np.linalg.norm(mapped, axis=1, keepdims=True)
        return np.asarray(mapped / np.where(norms > 0, norms, 1.0), dtype=np.float32)


@lru_cache(maxsize=1)
def load_static_embedder() -> StaticEmbedder | None:
    """The embedder, or None when ``tokenizers`` is not installed or the weights are not shipped."""
    try:
        from tokenizers import Tokenizer
    except ImportError:
        return None
    if not (MODEL_DIR / "vectors.npy").is_file():
        return None
    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    # float16 on disk halves the package; float32 in memory keeps the sums exact enough and fast.
    table = np.load(MODEL_DIR / "vectors.npy", allow_pickle=False).astype(np.float32)
    projection = np.load(MODEL_DIR / "projection.npy", allow_pickle=False).astype(np.float32)
    return StaticEmbedder(tokenizer, table, projection)
