"""RSS and Atom files on disk: one document per entry, read from the entry's own content.

A feed named by URL is read by ``fetch.Fetcher``, which downloads each entry's linked page.
A feed file is read offline: an entry's text is its content or summary (RSS <description>,
Atom <content>/<summary>), its link kept as the article's URL, its title, author and date as
hints, the feed's title as the outlet — the same hints a fetched feed gives.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import feedparser  # type: ignore[import-untyped]

from crosswire.ingest.fetch import entry_content, entry_hints
from crosswire.types import IngestProblem, RawDocument

FEED_SUFFIXES = (".xml", ".rss", ".atom")


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | IngestProblem]:
    """Each entry of the feed in ``data`` as a document, or one problem for the file."""
    # Bytes in a file object: given bytes, feedparser would first try them as a file name.
    # The declared type is XML so the <?xml encoding?> declaration decides the charset.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-type": "application/xml"})
    if not parsed.entries:
        yield _no_entries(parsed, source)
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_document(entry, f"{source}#entry-{number}", outlet)


def _no_entries(parsed: Any, source: str) -> IngestProblem:
    if parsed.get("version"):  # feedparser recognised RSS or Atom: an empty feed is no error
        return IngestProblem(source, "the feed has no entries", skipped=True)
    error = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
    return IngestProblem(source, f"not an RSS or Atom feed{error}", skipped=not error)


def _entry_document(entry: Any, source: str, outlet: str | None) -> RawDocument | IngestProblem:
    # feedparser puts an Atom entry's id (e.g. urn:uuid:…) in ``link`` when it has no web link
    given = str(entry.get("link") or "")
    link = given if urlsplit(given).scheme in ("http", "https") else None
    content = entry_content(entry)
    if content is None:  # said with the way out: the linked page can be fetched by URL
        hint = f": `crosswire ingest {link}` fetches its page" if link else ""
        return IngestProblem(source, f"feed entry without content{hint}")
    text, media_type = content
    return RawDocument(source, text, media_type, url=link, hints=entry_hints(entry, outlet))
