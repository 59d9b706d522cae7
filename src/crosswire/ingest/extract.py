"""One raw document to one cleaned Article, whatever it came as."""

from __future__ import annotations

from crosswire.errors import InputError
from crosswire.ingest.html import extract_html, normalize_iso
from crosswire.ingest.identity import article_id
from crosswire.ingest.plaintext import CleanedText, clean_plain_text
from crosswire.ingest.published import parse_published
from crosswire.types import Article, RawDocument


def extract_article(raw: RawDocument) -> Article:
    """Clean the text, find the metadata, and give the article its content id.

    Metadata the container knew (JSONL fields, feed entries) wins over what the text
    suggests: it was written by the publisher, not guessed.
    """
    if raw.media_type == "html":
        cleaned = extract_html(raw.content, raw.url, raw.source)
    else:
        cleaned = clean_plain_text(raw.content, has_title="title" in raw.hints)
    _apply_hints(cleaned, raw.hints)
    text = cleaned.text.strip()
    if not text:
        raise InputError(f"{raw.source}: no article text left after cleaning")
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
    )


def _apply_hints(cleaned: CleanedText, hints: dict[str, str]) -> None:
    cleaned.title = hints.get("title") or cleaned.title
    cleaned.byline = hints.get("byline") or cleaned.byline
    cleaned.outlet = hints.get("outlet") or cleaned.outlet
    if hints.get("published"):
        value = hints["published"]
        cleaned.published = normalize_iso(value) or parse_published(value) or cleaned.published
