"""Bounded read queries shared by the pages: article lists, one article, quotes by speaker.

Every query here takes a limit (or reads one article) and is shaped to use the store's
indexes, so a page costs the same on eight articles and on a hundred thousand
(bench/web_bench.py measures it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from crosswire.export import article_record
from crosswire.store.articles import ArticleStore
from crosswire.store.db import Database
from crosswire.types import Article
from crosswire.web.models import (
    ArticleRecord,
    ArticleSummary,
    OutletCount,
    QuoteItem,
    SpeakerQuotes,
    StorySummary,
)
from crosswire.web.readonly import ReadOnlyDatabase
from crosswire.web.render import article_url, entity_url

SUMMARY_COLUMNS = "a.id, a.title, a.outlet, a.byline, a.published, a.word_count"
# Outlets with more articles than this are listed by walking the published index.
BIG_OUTLET = 2000
# Stories shown with one article: enough to see where else it was covered.
_STORIES_PER_ARTICLE = 20


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE … ESCAPE '\\'``, with the user's own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def summary(row: sqlite3.Row) -> ArticleSummary:
    keys = row.keys()
    return ArticleSummary(
        id=row["id"],
        url=article_url(row["id"]),
        title=row["title"],
        outlet=row["outlet"],
        byline=row["byline"] if "byline" in keys else None,
        published=row["published"],
        word_count=row["word_count"] if "word_count" in keys else None,
    )


def list_articles(
    db: Database, limit: int, offset: int, outlet: str | None = None, outlet_size: int = 0
) -> list[ArticleSummary]:
    """Newest first, a page at a time, without sorting the store.

    ``ORDER BY published DESC`` walks the ``articles_published`` index and stops after the
    page (a ``coalesce(published, '')`` sort would read every row). For one outlet, SQLite
    prefers the outlet index and sorts all that outlet's rows: right for a small outlet, slow
    for a big one, whose first pages are found sooner by walking the published index and
    skipping other outlets (the unary ``+`` keeps SQLite off the outlet index).
    """
    walk = outlet_size > BIG_OUTLET and offset < BIG_OUTLET
    where, params = (f"WHERE {'+' if walk else ''}a.outlet = ?", [outlet]) if outlet else ("", [])
    rows = db.query(
        f"SELECT {SUMMARY_COLUMNS} FROM articles a {where}"
        " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [summary(r) for r in rows]


def count_articles(db: Database, outlet: str | None = None) -> int:
    if outlet:
        return int(db.scalar("SELECT count(*) FROM articles WHERE outlet = ?", (outlet,)))
    return int(db.scalar("SELECT count(*) FROM articles"))


def outlet_counts(db: Database, limit: int = 50) -> list[OutletCount]:
    rows = db.query(
        "SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS n FROM articles"
        " GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?",
        (limit,),
    )
    return [OutletCount(outlet=r["outlet"], articles=r["n"]) for r in rows]


def load_article(db: Database, article_id: str) -> Article | None:
    """One article with its annotations, by exact id, without its raw input."""
    return ArticleStore(db).article(article_id, with_raw=False)


def record(article: Article) -> ArticleRecord:
    """The export record (docs/export.md), validated into its documented model."""
    return ArticleRecord.model_validate(article_record(article))


def article_sources(db: Database, article_id: str, limit: int = 50) -> list[str]:
    rows = db.query(
        "SELECT source FROM article_sources WHERE article_id = ? ORDER BY seen_at, source LIMIT ?",
        (article_id, limit),
    )
    return [r["source"] for r in rows]


def raw_content(db: Database, article_id: str) -> str | None:
    return db.scalar(  # type: ignore[no-any-return]
        "SELECT r.content FROM articles a JOIN raw_inputs r ON r.id = a.raw_id WHERE a.id = ?",
        (article_id,),
    )


def quote_item(row: sqlite3.Row) -> QuoteItem:
    """A row of ``q.*`` joined with the article's outlet, title and published."""
    return QuoteItem(
        speaker=row["speaker"],
        role=row["role"],
        kind=row["kind"],
        text=row["text"],
        inherited=bool(row["inherited"]),
        outlet=row["outlet"],
        article_id=row["article_id"],
        article_url=article_url(row["article_id"]),
        article_title=row["title"],
        published=row["published"],
    )


def quotes_in_articles(db: Database, article_ids: Sequence[str], limit: int = 500) -> list[QuoteItem]:
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = db.query(
        "SELECT q.*, a.outlet, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.article_id IN ({marks}) ORDER BY a.published, q.article_id, q.start LIMIT ?",
        [*article_ids, limit],
    )
    return [quote_item(r) for r in rows]


def by_speaker(quotes: Iterable[QuoteItem]) -> list[SpeakerQuotes]:
    """Who said what: quotes grouped by speaker (most quoted first), each with roles and outlets."""
    groups: dict[str, list[QuoteItem]] = {}
    for q in quotes:
        groups.setdefault(q.speaker or "", []).append(q)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))
    return [
        SpeakerQuotes(
            speaker=name or "(speaker unknown)",
            url=entity_url(name) if name else None,
            css_class=f"spk-{i % 8}" if name else "spk-unknown",
            roles=sorted({q.role for q in items if q.role}),
            outlets=sorted({q.outlet for q in items if q.outlet}),
            quotes=items,
        )
        for i, (name, items) in enumerate(ordered)
    ]


def has_stories(db: ReadOnlyDatabase) -> bool:
    """Stories light up once the stories stage has created its two tables."""
    return db.has_tables("stories", "story_articles")


def newest_story_ids(db: Database, limit: int, offset: int) -> list[object]:
    """Story ids by their newest article, newest first, reading articles newest first.

    Walks the published index and stops once the page is full, instead of aggregating every
    story to sort them (which reads all of ``story_articles``).
    """
    cursor = db.execute(
        "SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id"
        " ORDER BY a.published DESC, a.rowid DESC"
    )
    seen: dict[object, None] = {}
    while len(seen) < offset + limit and (rows := cursor.fetchmany(500)):
        seen.update(dict.fromkeys(r[0] for r in rows))
    cursor.close()
    return list(seen)[offset : offset + limit]


def story_summaries(db: Database, story_ids: Sequence[object]) -> list[StorySummary]:
    """Stories with their article count, outlets and date range, in the order given."""
    if not story_ids:
        return []
    marks = ",".join("?" * len(story_ids))
    rows = db.query(
        "SELECT s.id, s.title, count(a.id) AS n, min(a.published) AS first, max(a.published) AS last"
        " FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id"
        f" WHERE s.id IN ({marks}) GROUP BY s.id",
        list(story_ids),
    )
    by_id = {r["id"]: r for r in rows}
    outlets = _story_outlets(db, [i for i in story_ids if i in by_id])
    return [
        StorySummary(
            id=str(r["id"]),
            url=f"/stories/{r['id']}",
            title=r["title"],
            articles=r["n"],
            outlets=outlets.get(r["id"], []),
            first_published=r["first"],
            last_published=r["last"],
        )
        for i in story_ids
        if (r := by_id.get(i)) is not None
    ]


def _story_outlets(db: Database, story_ids: list[object]) -> dict[object, list[str]]:
    # A second query rather than group_concat: outlet names may contain the separator.
    if not story_ids:
        return {}
    marks = ",".join("?" * len(story_ids))
    outlets: dict[object, list[str]] = {}
    for r in db.query(
        "SELECT sa.story_id, a.outlet FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        f" WHERE sa.story_id IN ({marks}) AND a.outlet IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
        story_ids,
    ):
        outlets.setdefault(r["story_id"], []).append(r["outlet"])
    return outlets


def stories_of_article(db: ReadOnlyDatabase, article_id: str) -> list[StorySummary]:
    if not has_stories(db):
        return []
    rows = db.query(
        "SELECT story_id FROM story_articles WHERE article_id = ? LIMIT ?", (article_id, _STORIES_PER_ARTICLE)
    )
    return story_summaries(db, [r[0] for r in rows])
