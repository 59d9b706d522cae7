"""The store's records as the pages' models: the same fields, plus links to follow.

Every read is a ``crosswire.store.queries`` function; this module only shapes what they
return into ``crosswire.web.models``.
"""

from __future__ import annotations

from typing import Any

from crosswire.export import article_record
from crosswire.mentions.quotes.labels import is_named
from crosswire.store.queries import records
from crosswire.types import Article
from crosswire.web.models import ArticleRecord, ArticleSummary, OutletCount, QuoteItem, StorySummary
from crosswire.web.render import article_url, shown_source


def summary(a: records.ArticleSummary) -> ArticleSummary:
    return ArticleSummary(
        id=a.id, url=article_url(a.id), title=a.title, outlet=a.outlet, byline=a.byline,
        published=a.published, word_count=a.word_count, language=a.language,
    )  # fmt: skip


def outlet_count(o: records.OutletCount) -> OutletCount:
    return OutletCount(outlet=o.outlet, articles=o.articles)


def quote_item(q: records.QuoteRow) -> QuoteItem:
    return QuoteItem(
        speaker=q.speaker, who=q.who, named=is_named(q.speaker, q.speaker_kind), via=list(q.via),
        confidence=q.confidence,
        role=q.role, kind=q.kind, text=q.text, inherited=q.inherited,
        outlet=q.outlet, article_id=q.article_id, article_url=article_url(q.article_id),
        article_title=q.article_title, published=q.published,
    )  # fmt: skip


def story_summary(s: records.StorySummary) -> StorySummary:
    return StorySummary(
        id=s.id, url=f"/stories/{s.id}", title=s.title, articles=s.articles, outlets=list(s.outlets),
        first_published=s.first_published, last_published=s.last_published,
    )  # fmt: skip


def public_record(article: Article) -> dict[str, Any]:
    """The export record (docs/export.md) as the web serves it: the source without its folders."""
    return {**article_record(article), "source": shown_source(article.source)}


def record(article: Article) -> ArticleRecord:
    """The web's export record, validated into its documented model."""
    return ArticleRecord.model_validate(public_record(article))
