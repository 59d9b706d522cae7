"""What every evaluation shares: where the data is, how to skip, how to score."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"


class Skip(Exception):
    """The data this evaluation needs is not here: reported, never a failure."""


def require(path: Path) -> Path:
    if not path.exists():
        raise Skip(f"{path} is not here")
    return path


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp: float, fp: float, fn: float) -> PRF:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


_TOKEN = re.compile(r"\w+", re.U)


def token_prf(predicted: str, gold: str) -> tuple[int, int, int]:
    """Bag-of-tokens overlap (the article-extraction benchmark's metric): tp, fp, fn."""
    p, g = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    tp = sum((p & g).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp
