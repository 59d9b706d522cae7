"""No statement of the ingest path reads a whole table that grows with the store.

Every SQL statement an ingest runs is recorded, and SQLite is asked how it would run each
one: a full ``SCAN`` of a growing table makes the cost of one article grow with the store
(it happened twice: the near-duplicate band lookup and the entity-key ranking).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from crosswire.pipeline import Pipeline

GROWING = {
    "articles", "sources", "sentences", "mentions", "quotes", "times", "minhash_signatures",
    "minhash_bands", "near_duplicates", "entities", "entity_keys", "entity_aliases",
    "entity_members", "entity_merges", "stories", "story_articles", "story_keys", "story_term_df",
}  # fmt: skip
_SCAN = re.compile(r"\bSCAN (\w+)")


def test_the_ingest_path_never_scans_a_growing_table(
    pipeline: Pipeline, make_article: Callable[..., str], tmp_path: Path
) -> None:
    for i in range(6):  # two batches (write_batch_size 4): the second reads what the first wrote
        (tmp_path / f"{i}.txt").write_text(make_article(900 + i), encoding="utf-8")
    conn = pipeline.store.db.conn
    statements: set[str] = set()
    conn.set_trace_callback(statements.add)
    try:
        report = pipeline.ingest([str(tmp_path)])
    finally:
        conn.set_trace_callback(None)
    assert report.added == 6
    scans = {}
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT")):
            continue
        plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        scanned = set(_SCAN.findall(plan)) & GROWING
        if scanned:
            scans[sql[:160]] = plan
    assert not scans, "\n".join(f"{k}\n   -> {v}" for k, v in scans.items())
