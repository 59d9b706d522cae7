"""Reading stories: the newest-first list, one story, its members, the stories of an article.

A story's comparison record is computed by ``crosswire.stories.record`` and cached by
``crosswire.store.stories_cache``; this module only reads the stories stage's tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from crosswire.store.db import Database
from crosswire.store.queries.records import StoryMember, StorySummary

# Stories listed with one article: enough to see where else it was covered.
STORIES_PER_ARTICLE = 20


def count_stories(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM stories"))


def list_stories(db: Database, limit: int = 50, offset: int = 0) -> list[StorySummary]:
    """Stories by their newest article, newest first, with outlets and dates."""
    return story_summaries(db, newest_story_ids(db, limit, offset))


def newest_story_ids(db: Database, limit: int, offset: int = 0) -> list[str]:
    """Story ids by their newest article, newest first, reading articles newest first.

    Walks the published index and stops once the page is full, instead of aggregating every
    story to sort them (which reads all of ``story_articles``).
    """
    cursor = db.execute(
        "SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id"
        " ORDER BY a.published DESC, a.rowid DESC"
    )
    seen: dict[str, None] = {}
    while len(seen) < offset + limit and (rows := cursor.fetchmany(500)):
        seen.update(dict.fromkeys(str(r[0]) for r in rows))
    cursor.close()
    return list(seen)[offset : offset + limit]


def story_summaries(db: Database, story_ids: Sequence[str]) -> list[StorySummary]:
    """Stories with their article count, outlets and date range, in the order given."""
    if not story_ids:
        return []
    marks = ",".join("?" * len(story_ids))
    rows = db.query(
        "SELECT s.id, s.title, s.source_count, count(a.id) AS n, min(a.published) AS first,"
        " max(a.published) AS last FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
        f" JOIN articles a ON a.id = sa.article_id WHERE s.id IN ({marks}) GROUP BY s.id",
        list(story_ids),
    )
    by_id = {str(r["id"]): r for r in rows}
    outlets = _story_outlets(db, [i for i in story_ids if i in by_id])
    return [_summary(r, outlets.get(i, [])) for i in story_ids if (r := by_id.get(i)) is not None]


def _summary(row: sqlite3.Row, outlets: list[str]) -> StorySummary:
    return StorySummary(
        id=str(row["id"]), title=row["title"], articles=row["n"], outlets=tuple(outlets),
        first_published=row["first"], last_published=row["last"], sources=row["source_count"],
    )  # fmt: skip


def _story_outlets(db: Database, story_ids: list[str]) -> dict[str, list[str]]:
    # A second query rather than group_concat: outlet names may contain the separator.
    if not story_ids:
        return {}
    marks = ",".join("?" * len(story_ids))
    outlets: dict[str, list[str]] = {}
    for r in db.query(
        "SELECT sa.story_id, a.outlet FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        f" WHERE sa.story_id IN ({marks}) AND a.outlet IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
        story_ids,
    ):
        outlets.setdefault(str(r["story_id"]), []).append(r["outlet"])
    return outlets


def stories_of_article(db: Database, article_id: str) -> list[StorySummary]:
    rows = db.query(
        "SELECT story_id FROM story_articles WHERE article_id = ? LIMIT ?", (article_id, STORIES_PER_ARTICLE)
    )
    return story_summaries(db, [str(r[0]) for r in rows])


def find_story(db: Database, story_id: str) -> str | None:
    """The story named by an id or a unique id prefix (as ``crosswire show`` takes articles)."""
    # A range on the primary key, not LIKE: no character of the prefix is a wildcard.
    rows = db.query(
        "SELECT id FROM stories WHERE id = ? OR (id >= ? AND id < ?) LIMIT 2",
        (story_id, story_id, story_id + "\U0010ffff"),
    )
    exact = [r[0] for r in rows if r[0] == story_id]
    return exact[0] if exact else (rows[0][0] if len(rows) == 1 else None)


def story_row(db: Database, story_id: str) -> dict[str, object] | None:
    """The stories stage's row for one story (exact id), as a dict."""
    row = db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else dict(row)


def story_members(db: Database, story_id: str, limit: int = -1) -> list[StoryMember]:
    """The story's articles in publication order (undated last), with their scores."""
    rows = db.query(
        "SELECT sa.article_id, sa.score, sa.independent FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
        " ORDER BY a.published IS NULL, a.published, a.id LIMIT ?",
        (story_id, limit),
    )
    return [StoryMember(r["article_id"], r["score"], bool(r["independent"])) for r in rows]


def largest_story(db: Database) -> str | None:
    """The story with the most independent sources (then articles, then the latest): the one
    `make demo` ends on."""
    row = db.execute(
        "SELECT id FROM stories ORDER BY source_count DESC, article_count DESC, last_published DESC, id"
        " LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])


def story_ids(db: Database) -> list[str]:
    """Every story, earliest first (the export's order)."""
    return [str(r[0]) for r in db.query("SELECT id FROM stories ORDER BY first_published, id")]
