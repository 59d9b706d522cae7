"""No statement of the ingest path, and no read a page makes, reads a whole growing table.

Every SQL statement an ingest runs is recorded, and SQLite is asked how it would run each
one: a full ``SCAN`` of a growing table makes the cost of one article grow with the store
(it happened twice: the near-duplicate band lookup and the entity-key ranking).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from crosswire.pipeline import Pipeline
from crosswire.store import queries
from crosswire.store.queries import entities as entity_reads

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


# A full scan: SQLite reads every row of the table, in no index's order. A walk of an index
# ("SCAN a USING INDEX articles_published") stops at the page's LIMIT and is what pages do.
_FULL_SCAN = re.compile(r"\bSCAN (\w+)(?! USING| VIRTUAL)(?:$| \(| \|)")


def test_the_reads_never_scan_a_whole_table(
    pipeline: Pipeline, make_article: Callable[..., str], tmp_path: Path
) -> None:
    """Every read a page or a read command makes, on a store the pipeline filled."""
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(make_article(900 + i), encoding="utf-8")
    assert pipeline.ingest([str(tmp_path)]).added == 6
    db = pipeline.store.db
    some = queries.list_articles(db, limit=1)[0]
    story = queries.list_stories(db, limit=1)[0]
    key = entity_reads.entity_key(db, "Dana Okafor")
    statements: set[str] = set()
    db.conn.set_trace_callback(statements.add)
    try:
        queries.list_articles(db, 10, 0, some.outlet)
        queries.count_articles(db, some.outlet)
        queries.article_sources(db, some.id)
        queries.stories_of_article(db, some.id)
        queries.story_members(db, story.id)
        queries.find_story(db, story.id[:6])
        queries.search_articles(db, "bridge")
        queries.search_quotes(db, "bridge", "Okafor")
        queries.list_quotes(db, speaker="Okafor", article=some.id[:4])
        queries.timeline(db, "Okafor")
        entity_reads.window_quotes(db, key, 10, 0)
        entity_reads.window_articles(db, key, 10, 0)
        entity_reads.window_roles(db, key)
        entity_reads.window_aliases(db, key)
    finally:
        db.conn.set_trace_callback(None)
    scans = {}
    for sql in statements:
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        plan = " | ".join(row[3] for row in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        if _FULL_SCAN.search(plan):
            scans[sql[:160]] = plan
    assert not scans, "\n".join(f"{k}\n   -> {v}" for k, v in scans.items())
