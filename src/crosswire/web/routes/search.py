"""Search: full text over articles (FTS5) and quotes, with outlet, date and speaker filters.

Article hits come from the ``articles_fts`` index, ranked, with a snippet whose matches are
marked by two control characters and cut into parts here, so the template can wrap them
in ``<mark>`` while escaping everything else. Quote hits are a ``LIKE`` over quote text,
bounded: with words to search, only quotes inside the articles the full-text index
matches are scanned (a quote is part of its article's text, so nothing is lost but a
scan of every quote in the store).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from crosswire.store.articles import plain_fts_query
from crosswire.web.models import ArticleHit, QuoteItem, SearchPage, SnippetPart
from crosswire.web.queries import SUMMARY_COLUMNS, like_pattern, outlet_counts, quote_item, summary
from crosswire.web.readonly import ReadDB, ReadOnlyDatabase
from crosswire.web.render import Limit, Offset, pagination, twin

router = APIRouter()

_OPEN, _CLOSE = "\x02", "\x03"
_COUNT = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
# Matches ranked by relevance; more are listed newest first (ranking them all is the slow part).
RANK_LIMIT = 20_000
# Articles whose quotes are scanned for a text search: the newest this many FTS matches.
QUOTE_CANDIDATES = 5000
MAX_QUERY_CHARS = 500
# Speakers whose quotes a speaker filter shows ("Kim" may match many people), and how many of
# their latest quotes are searched: a much-quoted name has tens of thousands.
MAX_SPEAKERS = 100
SPEAKER_WINDOW = 2000
_SPEAKERS = "SELECT DISTINCT speaker FROM quotes WHERE speaker LIKE ? ESCAPE '\\' LIMIT ?"

Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
DAY_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"  # empty: the form's date field was left blank


@dataclass(frozen=True, slots=True)
class Filters:
    """Article filters as SQL over alias ``a``; empty form fields mean no filter."""

    outlet: str | None
    date_from: str | None
    date_to: str | None

    def sql(self) -> tuple[list[str], list[object]]:
        where: list[str] = []
        params: list[object] = []
        if self.outlet:
            where.append("a.outlet = ?")
            params.append(self.outlet)
        if self.date_from:
            where.append("a.published >= ?")
            params.append(self.date_from)
        if self.date_to:  # inclusive: everything published before the next day
            where.append("a.published < ?")
            params.append(_next_day(self.date_to))
        return where, params


def _next_day(day: str) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except ValueError:
        raise HTTPException(422, f"not a valid date: {day!r} (use YYYY-MM-DD)") from None


@twin(router, "/search", "search.html")
def search(
    request: Request,
    db: ReadDB,
    q: Text = None,
    outlet: Text = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DAY_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DAY_PATTERN)] = None,
    speaker: Text = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchPage:
    """Full-text search over articles and quotes, filtered by outlet, dates and speaker."""
    q, speaker = (q or "").strip() or None, (speaker or "").strip() or None
    filters = Filters(outlet or None, date_from or None, date_to or None)
    filtering = bool(filters.outlet or filters.date_from or filters.date_to)
    # A speaker filter asks for quotes; articles are listed for words, or for filters alone.
    listed = q or (filtering and not speaker)
    articles, matches = _article_hits(db, q, filters, limit, offset) if listed else ([], None)
    quotes = _quote_hits(db, q, speaker, filters, limit, offset) if q or speaker else []
    return SearchPage(
        q=q,
        outlet=filters.outlet,
        date_from=filters.date_from,
        date_to=filters.date_to,
        speaker=speaker,
        articles=articles,
        article_matches=matches,
        ranked=matches is None or matches <= RANK_LIMIT,
        quotes=quotes,
        outlets=outlet_counts(db),
        pagination=pagination(request, limit, offset, max(len(articles), len(quotes))),
    )


def _article_hits(
    db: ReadOnlyDatabase, q: str | None, filters: Filters, limit: int, offset: int
) -> tuple[list[ArticleHit], int | None]:
    """Matching articles, and how many articles contain the words (None without words)."""
    where, params = filters.sql()
    if not q:  # filters only: newest first, through the published index
        rows = db.query(
            f"SELECT {SUMMARY_COLUMNS} FROM articles a {_where(where)}"
            " ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [ArticleHit(**summary(r).model_dump()) for r in rows], None
    expression, matches = _match(db, q)
    # bm25 ranks every match before the first row comes out: past RANK_LIMIT matches, newest
    # first (the FTS index walks rowids backwards and stops at the page) and the page says so.
    order = "rank" if matches <= RANK_LIMIT else "articles_fts.rowid DESC"
    rows = db.query(
        f"SELECT {SUMMARY_COLUMNS}, snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', ' … ', 24) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        f" {_where(['articles_fts MATCH ?', *where])} ORDER BY {order} LIMIT ? OFFSET ?",
        [expression, *params, limit, offset],
    )
    hits = [ArticleHit(**summary(r).model_dump(), snippet=snippet_parts(r["snippet"])) for r in rows]
    return hits, matches


def _match(db: ReadOnlyDatabase, q: str) -> tuple[str, int]:
    """The FTS5 expression to run and how many articles it matches.

    ``q`` as FTS5 syntax ("exact phrase", NEAR, OR); when that is not valid syntax (a stray
    quote, a colon), its words as plain terms.
    """
    try:
        return q, int(db.scalar(_COUNT, (q,)))
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
    plain = plain_fts_query(q)
    return plain, int(db.scalar(_COUNT, (plain,)))


def snippet_parts(snippet: str | None) -> list[SnippetPart]:
    parts: list[SnippetPart] = []
    for i, chunk in enumerate((snippet or "").split(_OPEN)):
        matched, _, rest = chunk.partition(_CLOSE) if i else ("", "", chunk)
        parts += [SnippetPart(text=t, match=m) for t, m in ((matched, True), (rest, False)) if t]
    return parts


def _quote_hits(
    db: ReadOnlyDatabase, q: str | None, speaker: str | None, filters: Filters, limit: int, offset: int
) -> list[QuoteItem]:
    where, params = filters.sql()
    if q:
        candidates = (
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
            f" ORDER BY rowid DESC LIMIT {QUOTE_CANDIDATES}"
        )
        where += [f"a.rowid IN ({candidates})", "q.text LIKE ? ESCAPE '\\'"]
        params += [plain_fts_query(q), like_pattern(q)]
    if speaker:
        # The matching names first, from the speaker index alone (no quote is read; a LIKE
        # over the quotes table reads every quote), then their latest quotes through it.
        names = [r[0] for r in db.query(_SPEAKERS, (like_pattern(speaker), MAX_SPEAKERS))]
        if not names:
            return []
        marks = ",".join("?" * len(names))
        latest = (
            f"SELECT rowid FROM quotes WHERE speaker IN ({marks}) ORDER BY rowid DESC LIMIT {SPEAKER_WINDOW}"
        )
        where.append(f"q.rowid IN ({latest})")
        params += names
    rows = db.query(
        "SELECT q.*, a.outlet, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" {_where(where)} ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [quote_item(r) for r in rows]


def _where(conditions: list[str]) -> str:
    return "WHERE " + " AND ".join(conditions) if conditions else ""
