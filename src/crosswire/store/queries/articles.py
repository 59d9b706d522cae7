"""Reading articles: the newest-first list, counts, one article, its sources and raw input.

Every list takes a limit and is shaped to use the store's indexes, so a page costs the same
on eight articles and on a hundred thousand (bench/web_bench.py measures it).
"""

from __future__ import annotations

from crosswire.store.articles import ArticleStore
from crosswire.store.db import Database
from crosswire.store.queries.records import ArticleSummary, OutletCount, from_row
from crosswire.types import Article

SUMMARY_COLUMNS = "a.id, a.title, a.outlet, a.byline, a.published, a.word_count, a.language"
# Outlets with more articles than this are listed by walking the published index.
BIG_OUTLET = 2000


def list_articles(
    db: Database,
    limit: int = 50,
    offset: int = 0,
    outlet: str | None = None,
    outlet_size: int = 0,
    language: str | None = None,
) -> list[ArticleSummary]:
    """Newest first, a page at a time, without sorting the store.

    ``ORDER BY published DESC`` walks the ``articles_published`` index and stops after the
    page (a ``coalesce(published, '')`` sort would read every row). For one outlet, SQLite
    prefers the outlet index and sorts all that outlet's rows: right for a small outlet, slow
    for a big one, whose first pages are found sooner by walking the published index and
    skipping other outlets (the unary ``+`` keeps SQLite off the outlet index).

    ``language`` (ISO 639-1) has no index of its own: a store holds a few languages, each a
    large share of it, so walking the published index and skipping the others finds a page
    soonest.
    """
    walk = outlet_size > BIG_OUTLET and offset < BIG_OUTLET
    conditions, params = [], []
    if outlet:
        conditions.append(f"{'+' if walk else ''}a.outlet = ?")
        params.append(outlet)
    if language:
        conditions.append("a.language = ?")
        params.append(language)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.query(
        f"SELECT {SUMMARY_COLUMNS} FROM articles a {where}"
        " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [from_row(ArticleSummary, r) for r in rows]


def count_articles(db: Database, outlet: str | None = None, language: str | None = None) -> int:
    if language and outlet:
        sql = "SELECT count(*) FROM articles WHERE outlet = ? AND language = ?"
        return int(db.scalar(sql, (outlet, language)))
    if language:
        return int(db.scalar("SELECT count(*) FROM articles WHERE language = ?", (language,)))
    if outlet:
        return int(db.scalar("SELECT count(*) FROM articles WHERE outlet = ?", (outlet,)))
    return int(db.scalar("SELECT count(*) FROM articles"))


def language_counts(db: Database) -> list[tuple[str | None, int]]:
    """Each stored language (None: unknown) with its number of articles, most first."""
    rows = db.query("SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC")
    return [(r["language"], int(r["n"])) for r in rows]


def outlet_counts(db: Database, limit: int = 50) -> list[OutletCount]:
    """Outlets by their number of articles, most first; articles without one as '(unknown)'."""
    rows = db.query(
        "SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS n FROM articles"
        " GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?",
        (limit,),
    )
    return [OutletCount(outlet=r["outlet"], articles=r["n"]) for r in rows]


def article(db: Database, article_id: str) -> Article | None:
    """One article with its annotations, by exact id, without its raw input (a page view)."""
    return ArticleStore(db).article(article_id, with_raw=False)


def find_article(db: Database, id_or_prefix: str) -> Article | None:
    """One article with its annotations by id or unique id prefix (``crosswire show``)."""
    return ArticleStore(db).get(id_or_prefix)


def article_sources(db: Database, article_id: str, limit: int = 50) -> list[str]:
    """Every place the article was read from, first seen first."""
    rows = db.query(
        "SELECT source FROM article_sources WHERE article_id = ? ORDER BY seen_at, source LIMIT ?",
        (article_id, limit),
    )
    return [r["source"] for r in rows]


def raw_content(db: Database, article_id: str) -> str | None:
    """The article's input as it was read, or None for no such article."""
    return db.scalar(  # type: ignore[no-any-return]
        "SELECT r.content FROM articles a JOIN raw_inputs r ON r.id = a.raw_id WHERE a.id = ?",
        (article_id,),
    )


def raw_input(db: Database, article_id: str) -> tuple[str, str] | None:
    """The article's input as it was read with its media type ("text" or "html"), or None."""
    row = db.execute(
        "SELECT r.media_type, r.content FROM articles a JOIN raw_inputs r ON r.id = a.raw_id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def article_ids(db: Database, limit: int, offset: int = 0) -> list[str]:
    """Article ids in id order: a short walk of the primary key however deep the page."""
    return [r[0] for r in db.query("SELECT id FROM articles ORDER BY id LIMIT ? OFFSET ?", (limit, offset))]


def problem_count(db: Database) -> int:
    """Inputs that could not be read, recorded at ingest."""
    return int(db.scalar("SELECT count(*) FROM ingest_errors"))


def near_duplicate_of(db: Database, article_id: str) -> str | None:
    """The article this one is a near-duplicate (syndicated copy) of, if any."""
    return db.scalar(  # type: ignore[no-any-return]
        "SELECT duplicate_of FROM near_duplicates WHERE article_id = ?", (article_id,)
    )
