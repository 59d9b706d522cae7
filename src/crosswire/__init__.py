"""crosswire: news articles in, a source-attributed, cross-checked knowledge base out.

    >>> import crosswire
    >>> [article] = crosswire.analyze(["Storm closes port\\n\\nThe port of Adley closed on Monday."])
    >>> article.title
    'Storm closes port'

For a store on disk, use ``Pipeline`` with a ``Database``; the CLI (``crosswire --help``)
is a thin layer over the same calls.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.config import Settings
from crosswire.errors import CrosswireError, FetchError, InputError, StoreError
from crosswire.ingest.extract import extract_article
from crosswire.pipeline import IngestReport, Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.types import (
    Article,
    Entity,
    IngestProblem,
    Mention,
    Quote,
    RawDocument,
    Sentence,
    Speaker,
    TimeExpr,
)

__version__ = "0.1.0"


def analyze(texts: Iterable[str], settings: Settings | None = None) -> list[Article]:
    """Clean and analyse plain-text articles in memory, without a store."""
    settings = settings or Settings()
    articles = [extract_article(RawDocument(f"text:{i}", text, "text")) for i, text in enumerate(texts)]
    failed = Pipeline(settings, ArticleStore(Database(":memory:"))).analyse(articles)
    if failed:
        raise CrosswireError("; ".join(f"{p.source}: {p.reason}" for p in failed))
    return articles


__all__ = [
    "Article",
    "ArticleStore",
    "CrosswireError",
    "Database",
    "Entity",
    "FetchError",
    "IngestProblem",
    "IngestReport",
    "InputError",
    "Mention",
    "Pipeline",
    "Quote",
    "RawDocument",
    "Sentence",
    "Settings",
    "Speaker",
    "StoreError",
    "TimeExpr",
    "analyze",
    "extract_article",
]
