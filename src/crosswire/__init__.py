"""crosswire: news articles in, a source-attributed, cross-checked knowledge base out.

    >>> import crosswire
    >>> [article] = crosswire.analyze(["Storm closes port\\n\\nThe port of Adley closed on Monday."])
    >>> article.title
    'Storm closes port'

For a store on disk, use ``Pipeline`` with a ``Database``; the CLI (``crosswire --help``)
is a thin layer over the same calls.

The pipeline and the store are imported on first use (PEP 562), so that importing a light
module (``crosswire.config``, ``crosswire.types``) does not load spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from crosswire.config import Settings
from crosswire.errors import CrosswireError, FetchError, InputError, StoreError
from crosswire.lazy import names_on_first_use
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

if TYPE_CHECKING:
    from crosswire.ingest.extract import extract_article
    from crosswire.pipeline import IngestReport, Pipeline
    from crosswire.store import ArticleStore, Database

__version__ = "0.1.0"

# The heavy names, by the module each lives in.
_LAZY = {
    "ArticleStore": "crosswire.store",
    "Database": "crosswire.store",
    "IngestReport": "crosswire.pipeline",
    "Pipeline": "crosswire.pipeline",
    "extract_article": "crosswire.ingest.extract",
}

__getattr__ = names_on_first_use(__name__, _LAZY)


def analyze(texts: Iterable[str], settings: Settings | None = None) -> list[Article]:
    """Clean and analyse plain-text articles in memory, without a store."""
    from crosswire.ingest.extract import extract_article
    from crosswire.pipeline import Pipeline
    from crosswire.store import ArticleStore, Database

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
