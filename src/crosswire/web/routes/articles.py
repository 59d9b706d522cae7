"""Articles: the paginated list, one article read closely, and its raw original as plain text."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import PlainTextResponse

from crosswire.ingest.provenance import raw_span
from crosswire.store import queries
from crosswire.store.readonly import ReadOnlyDatabase
from crosswire.stories.brief_sections import span_anchor
from crosswire.web.convert import outlet_count, record, story_summary, summary
from crosswire.web.highlight import NAME_LABELS, Mark, highlight, marks_for, speaker_classes
from crosswire.web.models import (
    ArticlePage,
    ArticleRecord,
    ArticlesPage,
    CitedSpan,
    EntityChip,
    LanguageCount,
    RawPlace,
    SpeakerChip,
)
from crosswire.web.readonly import ReadDB
from crosswire.web.render import (
    Limit,
    Offset,
    article_url,
    entity_url,
    http_link,
    pagination,
    shown_source,
    twin,
)

router = APIRouter()

_MAX_CHIPS = 60
# A cited span's offsets (both, or neither): the page marks it and scrolls to it.
SpanOffset = Annotated[int | None, Query(ge=0, description="a cited span's character offset")]


@twin(router, "/articles", "articles.html")
def articles(
    request: Request,
    db: ReadDB,
    limit: Limit = 50,
    offset: Offset = 0,
    outlet: str | None = None,
    language: str | None = None,
) -> ArticlesPage:
    """Articles, newest first, optionally from one outlet or in one language (ISO 639-1)."""
    language = language or None
    total = queries.count_articles(db, outlet, language)
    found = queries.list_articles(db, limit, offset, outlet, outlet_size=total, language=language)
    rows = [summary(a) for a in found]
    return ArticlesPage(
        articles=rows,
        outlet=outlet,
        language=language,
        outlets=[outlet_count(o) for o in queries.outlet_counts(db)],
        languages=[LanguageCount(language=lang, articles=n) for lang, n in queries.language_counts(db)],
        pagination=pagination(request, limit, offset, len(rows), total),
    )


def _article_extras(page: ArticlePage) -> dict[str, Any]:
    article = page.article
    marks = marks_for(article)
    cited = page.cited
    shown = [*marks, Mark(cited.start, cited.end, "cited", "cited span", "cited")] if cited else marks
    return {
        "paragraphs": highlight(article.text, shown, cited.anchor if cited else None),
        "counts": Counter(m.kind for m in marks),
        "times": sorted(article.times, key=lambda t: t.start),
    }


@twin(router, "/articles/{article_id}", "article.html", decorate=_article_extras)
def article(
    request: Request, db: ReadDB, article_id: str, start: SpanOffset = None, end: SpanOffset = None
) -> ArticlePage:
    """One article: cleaned text with quotes, names and dates marked, and its metadata; with
    ``start`` and ``end``, the cited span marked and scrolled to."""
    found = queries.article(db, article_id)
    if found is None:
        raise HTTPException(404, f"No article with id {article_id!r}. Ids are 16 hex characters.")
    rec = record(found)
    return ArticlePage(
        article=rec,
        cited=_cited(db, rec, start, end),
        raw_url=article_url(rec.id) + "/raw",
        link=http_link(rec.url),
        speakers=_speakers(rec),
        entities=_entities(rec),
        sources=[shown_source(s) for s in queries.article_sources(db, rec.id)],
        stories=[story_summary(s) for s in queries.stories_of_article(db, rec.id)],
    )


def _cited(db: ReadOnlyDatabase, rec: ArticleRecord, start: int | None, end: int | None) -> CitedSpan | None:
    """The span a citation link names, with its place in the raw input; None when the link
    names none or offsets outside the text (a stale link: the article is shown unmarked)."""
    if start is None or end is None or not 0 <= start < end <= len(rec.text):
        return None
    raw = queries.raw_input(db, rec.id)
    place = raw_span(raw[0], raw[1], rec.text, start, end) if raw else None
    return CitedSpan(start=start, end=end, text=rec.text[start:end], anchor=span_anchor(start, end),
                     raw=RawPlace(**asdict(place)) if place else None)  # fmt: skip


def _speakers(rec: ArticleRecord) -> list[SpeakerChip]:
    classes = speaker_classes(rec)
    counts = Counter(q.speaker.name if q.speaker else "" for q in rec.quotes)
    roles: dict[str, set[str]] = {}
    for q in rec.quotes:
        if q.speaker and q.speaker.role:
            roles.setdefault(q.speaker.name, set()).add(q.speaker.role)
    return [
        SpeakerChip(
            name=name,
            url=entity_url(name),
            css_class=css,
            roles=sorted(roles.get(name, ())),
            quotes=counts[name],
        )
        for name, css in classes.items()
        if name
    ]


def _entities(rec: ArticleRecord) -> list[EntityChip]:
    """Names in the article, most mentioned first; linked to their entity once resolved."""
    counts: Counter[tuple[str, str]] = Counter()
    names: dict[tuple[str, str], str] = {}
    for m in rec.mentions:
        if m.label in NAME_LABELS:
            name = m.canonical or m.text
            key = (m.entity_id or name, m.label)
            counts[key] += 1
            names[key] = max(names.get(key, ""), name, key=len)  # the fullest form it was given
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))[:_MAX_CHIPS]
    return [
        EntityChip(name=names[key], url=entity_url(key[0]), label=key[1], mentions=n) for key, n in ranked
    ]


@router.get(
    "/articles/{article_id}/raw",
    response_class=PlainTextResponse,
    tags=["pages"],
    summary="The article's input as it was read, as plain text (never rendered as HTML).",
    responses={200: {"content": {"text/plain": {}}}, 404: {"description": "no such article"}},
)
def raw(db: ReadDB, article_id: str) -> PlainTextResponse:
    content = queries.raw_content(db, article_id)
    if content is None:
        raise HTTPException(404, f"No article with id {article_id!r}.")
    # The raw input is a stranger's HTML: served as text/plain, never sniffed, and sandboxed
    # in case a browser renders it anyway.
    return PlainTextResponse(
        content,
        media_type="text/plain; charset=utf-8",
        headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
    )
