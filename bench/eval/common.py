"""What every evaluation shares: where the data is, how to skip, how to split, how to score.

Every evaluation scores one of two splits of its data, named in its module docstring:

* the **tuning** split is the data rules and thresholds were written and tuned against: its
  figures are printed to guide that work and never pinned (a rule fitted to a sentence scores
  that sentence right, which says nothing about the next article);
* the **reporting** split is data nobody looked at while writing rules: its figures are the
  project's quality, pinned in ``baseline.json``. Its individual errors are never printed,
  read or debugged: the moment they are, it becomes a tuning split.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# ../shared beside the repository, as on a developer's machine and in CI; a git worktree
# elsewhere names it with CROSSWIRE_SHARED.
SHARED = Path(os.environ.get("CROSSWIRE_SHARED") or Path(__file__).resolve().parents[3] / "shared")
SHARED_EVAL = SHARED / "eval"
SPLITS = ("reporting", "tuning")
BALY_ARTICLES = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"


class Skip(Exception):
    """The data this evaluation needs is not here: reported, never a failure."""


def require(path: Path) -> Path:
    if not path.exists():
        raise Skip(f"{path} is not here")
    return path


def baly_records(ids: Iterable[str], path: Path = BALY_ARTICLES) -> dict[str, dict[str, Any]]:
    """Article id -> its AllSides record, for each wanted id the file holds. Only the lines that
    can hold a wanted id are parsed (the file has 37k articles); raises Skip when it is absent."""
    wanted = set(ids)
    found: dict[str, dict[str, Any]] = {}
    with gzip.open(require(path), "rt", encoding="utf-8") as handle:
        for line in handle:
            if not any(article_id in line for article_id in wanted - found.keys()):
                continue
            record = json.loads(line)
            if record.get("ID") in wanted:
                found[record["ID"]] = record
            if len(found) == len(wanted):
                break
    return found


def check_split(split: str) -> str:
    if split not in SPLITS:
        raise ValueError(f"split {split!r}: use one of {', '.join(SPLITS)}")
    return split


def hash_bucket(key: str, buckets: int) -> int:
    """A document's bucket, the same on every machine and run (sha1: ``hash()`` is salted per process)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % buckets


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
