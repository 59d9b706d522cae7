"""How bench/eval draws its splits: the same documents on every machine and in every run.

A reporting split that moved between runs would mix in documents someone tuned on; these
tests pin the draw itself, on made-up ids (no evaluation data is read).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval.common import check_split, hash_bucket
from bench.eval.quotes import REPORTING_EVERY, in_reporting_split


@pytest.mark.parametrize(("key", "buckets", "bucket"), [("a", 4, 0), ("e", 4, 3), ("e", 2, 1)])
def test_a_bucket_is_sha1_of_the_id_not_the_salted_hash(key: str, buckets: int, bucket: int) -> None:
    assert hash_bucket(key, buckets) == bucket


def test_the_quotes_reporting_split_is_about_one_document_in_n() -> None:
    ids = [f"outlet_2016-01-{n:04}_headline" for n in range(2000)]
    chosen = sum(in_reporting_split(i) for i in ids)
    assert abs(chosen - len(ids) / REPORTING_EVERY) < 0.1 * len(ids) / REPORTING_EVERY


def test_an_unknown_split_is_refused() -> None:
    with pytest.raises(ValueError, match="reporting, tuning"):
        check_split("dev")
