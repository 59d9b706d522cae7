"""One raw document to one cleaned Article, whatever it came as."""

from __future__ import annotations

from crosswire.config import Settings
from crosswire.errors import InputError
from crosswire.ingest.html import extract_html, normalize_iso
from crosswire.ingest.identity import article_id
from crosswire.ingest.language import declared_language, language_notes
from crosswire.ingest.plaintext import CleanedText, clean_plain_text
from crosswire.ingest.published import parse_published
from crosswire.types import Article, RawDocument

_DEFAULTS = Settings()
# Cleaning that keeps under 1% of a large text did not find an article in it (one paragraph
# printed a thousand times, a page of link lists): refused, saying what was removed, rather
# than stored as a stub nobody would recognise.
_LARGE_INPUT_CHARS = 100_000
_MIN_KEPT_SHARE = 0.01


def extract_article(raw: RawDocument, settings: Settings | None = None) -> Article:
    """Clean the text, find the metadata, and give the article its content id.

    Metadata the container knew (JSONL fields, feed entries) wins over what the text
    suggests: it was written by the publisher, not guessed. Raises ``InputError`` when no
    article is left, or one longer than ``settings.max_article_chars``.
    """
    if raw.media_type == "html":
        cleaned = extract_html(raw.content, raw.url, raw.source)
    else:
        cleaned = clean_plain_text(raw.content, has_title="title" in raw.hints)
    _apply_hints(cleaned, raw.hints)
    text = cleaned.text.strip()
    _check_text(text, cleaned, raw.source, (settings or _DEFAULTS).max_article_chars)
    language, mixed = language_notes(text, declared_language(raw))
    return Article(
        id=article_id(text),
        text=text,
        source=raw.source,
        raw=raw.content,
        raw_media_type=raw.media_type,
        url=raw.url,
        outlet=cleaned.outlet,
        title=cleaned.title,
        dek=cleaned.dek,
        byline=cleaned.byline,
        published=cleaned.published,
        captions=cleaned.captions,
        notes=raw.notes + cleaned.notes + mixed,
        language=language,
    )


def _check_text(text: str, cleaned: CleanedText, source: str, max_chars: int) -> None:
    if not text:
        raise InputError(f"{source}: no article text left after cleaning")
    if len(text) > max_chars:
        raise InputError(
            f"{source}: article text of {len(text):,} characters is over the {max_chars:,}-character "
            "limit (CROSSWIRE_MAX_ARTICLE_CHARS)"
        )
    if cleaned.input_chars >= _LARGE_INPUT_CHARS and len(text) < cleaned.input_chars * _MIN_KEPT_SHARE:
        removed = "; ".join(cleaned.notes) or f"{len(cleaned.removed):,} lines of boilerplate or lists"
        raise InputError(
            f"{source}: cleaning left {len(text):,} of {cleaned.input_chars:,} characters ({removed}): "
            "no article in it"
        )


def _apply_hints(cleaned: CleanedText, hints: dict[str, str]) -> None:
    cleaned.title = hints.get("title") or cleaned.title
    cleaned.byline = hints.get("byline") or cleaned.byline
    cleaned.outlet = hints.get("outlet") or cleaned.outlet
    if hints.get("published"):
        value = hints["published"]
        cleaned.published = normalize_iso(value) or parse_published(value) or cleaned.published
