"""Search: full text over articles (FTS5) and quotes, with outlet, date and speaker filters.

The reads are ``crosswire.store.queries.search``'s. Snippet matches come marked by two
control characters and are cut into parts here, so the template can wrap them in ``<mark>``
while escaping everything else.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from crosswire.store import queries
from crosswire.store.queries import search as fts
from crosswire.store.queries.search import BadDate, Filters
from crosswire.web.convert import outlet_count, quote_item, summary
from crosswire.web.models import ArticleHit, SearchPage, SnippetPart
from crosswire.web.readonly import ReadDB
from crosswire.web.render import Limit, Offset, pagination, twin

router = APIRouter()

_OPEN, _CLOSE = "\x02", "\x03"
MAX_QUERY_CHARS = 500

Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
DAY_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"  # empty: the form's date field was left blank


@twin(router, "/search", "search.html")
def search(
    request: Request,
    db: ReadDB,
    q: Text = None,
    outlet: Text = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DAY_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DAY_PATTERN)] = None,
    speaker: Text = None,
    language: Text = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchPage:
    """Full-text search over articles and quotes, filtered by outlet, dates and speaker."""
    q, speaker = (q or "").strip() or None, (speaker or "").strip() or None
    filters = Filters(outlet or None, date_from or None, date_to or None, language or None)
    # A speaker filter asks for quotes; articles are listed for words, or for filters alone.
    listed = q or (filters.any() and not speaker)
    try:
        articles, matches = _article_hits(db, q, filters, limit, offset) if listed else ([], None)
        found = queries.search_quotes(db, q, speaker, filters, limit, offset) if q or speaker else []
    except BadDate as bad:
        raise HTTPException(422, str(bad)) from None
    quotes = [quote_item(r) for r in found]
    return SearchPage(
        q=q,
        outlet=filters.outlet,
        language=filters.language,
        date_from=filters.date_from,
        date_to=filters.date_to,
        speaker=speaker,
        articles=articles,
        article_matches=matches,
        ranked=matches is None or matches <= fts.RANK_LIMIT,
        quotes=quotes,
        outlets=[outlet_count(o) for o in queries.outlet_counts(db)],
        pagination=pagination(request, limit, offset, max(len(articles), len(quotes))),
    )


def _article_hits(
    db: ReadDB, q: str | None, filters: Filters, limit: int, offset: int
) -> tuple[list[ArticleHit], int | None]:
    """Matching articles, and how many articles contain the words (None without words)."""
    hits, matches = queries.search_articles(db, q, filters, limit, offset, marks=(_OPEN, _CLOSE))
    return [
        ArticleHit(**summary(h.article).model_dump(), snippet=snippet_parts(h.snippet) if q else [])
        for h in hits
    ], matches


def snippet_parts(snippet: str | None) -> list[SnippetPart]:
    parts: list[SnippetPart] = []
    for i, chunk in enumerate((snippet or "").split(_OPEN)):
        matched, _, rest = chunk.partition(_CLOSE) if i else ("", "", chunk)
        parts += [SnippetPart(text=t, match=m) for t, m in ((matched, True), (rest, False)) if t]
    return parts
