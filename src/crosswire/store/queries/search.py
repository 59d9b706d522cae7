"""Search: full text over articles (FTS5) and quotes, with outlet, date and speaker filters.

Article hits come from the ``articles_fts`` index, ranked, with a snippet whose matches sit
between two marks the caller chooses. Quote hits are a ``LIKE`` over quote text, bounded:
with words to search, only quotes inside the articles the full-text index matches are
scanned (a quote is part of its article's text, so nothing is lost but a scan of every
quote in the store).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from crosswire.store.articles import plain_fts_query
from crosswire.store.db import Database
from crosswire.store.queries.articles import SUMMARY_COLUMNS
from crosswire.store.queries.quotes import (
    ESCAPE,
    QUOTE_SELECT,
    like_pattern,
    quote_row,
    speaker_names,
    where,
)
from crosswire.store.queries.records import ArticleHit, ArticleSummary, QuoteRow, from_row

_COUNT = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
# Matches ranked by relevance; more are listed newest first (ranking them all is the slow part).
RANK_LIMIT = 20_000
# Articles whose quotes are scanned for a text search: the newest this many FTS matches.
QUOTE_CANDIDATES = 5000
# How many of the matching speakers' latest quotes are searched: a much-quoted name has tens
# of thousands.
SPEAKER_WINDOW = 2000


class BadDate(ValueError):
    """A date filter that is not YYYY-MM-DD."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Article filters as SQL over alias ``a``; empty values mean no filter."""

    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    language: str | None = None  # ISO 639-1

    def any(self) -> bool:
        return bool(self.outlet or self.date_from or self.date_to or self.language)

    def sql(self) -> tuple[list[str], list[object]]:
        conditions: list[str] = []
        params: list[object] = []
        if self.outlet:
            conditions.append("a.outlet = ?")
            params.append(self.outlet)
        if self.language:
            conditions.append("a.language = ?")
            params.append(self.language)
        if self.date_from:
            conditions.append("a.published >= ?")
            params.append(self.date_from)
        if self.date_to:  # inclusive: everything published before the next day
            conditions.append("a.published < ?")
            params.append(_next_day(self.date_to))
        return conditions, params


def _next_day(day: str) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except ValueError:
        raise BadDate(f"not a valid date: {day!r} (use YYYY-MM-DD)") from None


def fts_expression(db: Database, q: str) -> tuple[str, int]:
    """The FTS5 expression to run and how many articles it matches.

    ``q`` as FTS5 syntax ("exact phrase", NEAR(a b, 5), OR); when that is not valid syntax
    (a stray quote, a colon), its words as plain terms.
    """
    try:
        return q, int(db.scalar(_COUNT, (q,)))
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
    plain = plain_fts_query(q)
    return plain, int(db.scalar(_COUNT, (plain,)))


def search_articles(
    db: Database,
    q: str | None,
    filters: Filters = Filters(),
    limit: int = 20,
    offset: int = 0,
    marks: tuple[str, str] = ("\x02", "\x03"),
    snippet_tokens: int = 24,
) -> tuple[list[ArticleHit], int | None]:
    """Matching articles, and how many articles contain the words (None without words).

    Without words, the filtered articles newest first, through the published index.
    """
    conditions, params = filters.sql()
    if not q:
        rows = db.query(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a{where(conditions)}"
            " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [ArticleHit(from_row(ArticleSummary, r), None) for r in rows], None
    expression, matches = fts_expression(db, q)
    # bm25 ranks every match before the first row comes out: past RANK_LIMIT matches, newest
    # first (the FTS index walks rowids backwards and stops at the page).
    order = "rank" if matches <= RANK_LIMIT else "articles_fts.rowid DESC"
    opening, closing = (m.replace("'", "''") for m in marks)
    rows = db.query(
        f"SELECT {SUMMARY_COLUMNS},"
        f" snippet(articles_fts, 1, '{opening}', '{closing}', ' … ', {int(snippet_tokens)}) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        f"{where(['articles_fts MATCH ?', *conditions])} ORDER BY {order} LIMIT ? OFFSET ?",
        [expression, *params, limit, offset],
    )
    return [ArticleHit(from_row(ArticleSummary, r), r["snippet"]) for r in rows], matches


def search_quotes(
    db: Database,
    q: str | None,
    speaker: str | None,
    filters: Filters = Filters(),
    limit: int = 20,
    offset: int = 0,
) -> list[QuoteRow]:
    """Quotes containing ``q`` literally, by a speaker whose name contains ``speaker``, newest first."""
    conditions, params = filters.sql()
    if q:
        candidates = (
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
            f" ORDER BY rowid DESC LIMIT {QUOTE_CANDIDATES}"
        )
        conditions += [f"a.rowid IN ({candidates})", "q.text LIKE ?" + ESCAPE]
        params += [plain_fts_query(q), like_pattern(q)]
    if speaker:
        names = speaker_names(db, speaker)
        if not names:
            return []
        marks = ",".join("?" * len(names))
        latest = (
            f"SELECT rowid FROM quotes WHERE speaker IN ({marks}) ORDER BY rowid DESC LIMIT {SPEAKER_WINDOW}"
        )
        conditions.append(f"q.rowid IN ({latest})")
        params += names
    rows = db.query(
        f"{QUOTE_SELECT}{where(conditions)}"
        " ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [quote_row(r) for r in rows]
