"""Translation as an optional seam: an English rendering beside each non-English title and quote.

Nothing here runs unless the user names a translation server (``CROSSWIRE_TRANSLATE_URL``,
a LibreTranslate-compatible one they run themselves: docs/multilingual.md). Everything else
(languages, per-language analysis, stories across languages) works without it.

    Translator        the protocol: ``translate(texts, source, target) -> list[str]``
    LibreTranslate    the HTTP adapter (``translate.http``)
    translate_articles  render a written batch's non-English titles and quotes in English, store
                        them beside the originals (``store.translations``), never replacing them

A translation failure never loses stored data: the articles are written before anything is
sent, and a failure is reported as a problem naming the server and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from crosswire.errors import CrosswireError

if TYPE_CHECKING:
    from crosswire.config import Settings
    from crosswire.store.db import Database
    from crosswire.types import Article, IngestProblem

ENGLISH = "en"


class TranslateError(CrosswireError):
    """The translation server could not be reached, refused, or answered something unreadable."""


class Translator(Protocol):
    """Anything that renders texts from one language in another, one output per input, in order."""

    name: str  # recorded with each rendering: which server made it

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


def translator_from_settings(settings: Settings) -> Translator | None:
    """The configured translator, or None when no server is named (the default)."""
    if not settings.translate_url:
        return None
    from crosswire.translate.http import LibreTranslate

    return LibreTranslate(settings.translate_url, settings.translate_key or None, settings.translate_timeout)


def translate_articles(db: Database, translator: Translator, articles: Sequence[Article],
                       target: str = ENGLISH) -> list[IngestProblem]:
    """Store ``target`` renderings of the titles and quotes of ``articles`` not written in it.

    One request per source language. What a failed request would have rendered is left
    unrendered and reported; what was stored before stays as it is.
    """
    from crosswire.store.translations import Rendering, save_renderings
    from crosswire.types import IngestProblem

    problems = []
    for language, items in _by_language(articles, target).items():
        try:
            texts = translator.translate([text for _, _, _, text in items], language, target)
        except TranslateError as exc:
            # Skipped, not failed: the articles are stored; only their renderings are missing.
            problems.append(IngestProblem(f"translation ({language} to {target})",
                                          f"{exc}; the articles are stored without renderings: "
                                          "`crosswire translate` renders them later", skipped=True))
            continue
        rendered = [Rendering(article_id, kind, start, target, language, original, text, translator.name)
                    for (article_id, kind, start, original), text in zip(items, texts, strict=True)]
        with db.atomic():
            save_renderings(db, rendered)
    return problems


Item = tuple[str, Literal["title", "quote"], int, str]  # article id, what, the quote's start (0: title), text


def _by_language(articles: Sequence[Article], target: str) -> dict[str, list[Item]]:
    """The titles and quotes to render, by the language of their article (unknown ones skipped)."""
    todo: dict[str, list[Item]] = {}
    for article in articles:
        language = (article.language or "").lower()
        if not language or language == target:
            continue
        items = todo.setdefault(language, [])
        if article.title and article.title.strip():
            items.append((article.id, "title", 0, article.title.strip()))
        items += [(article.id, "quote", q.start, q.text) for q in article.quotes if q.text.strip()]
    return {language: items for language, items in todo.items() if items}


__all__ = ["ENGLISH", "TranslateError", "Translator", "translate_articles", "translator_from_settings"]
