"""WARC archives (.warc, .warc.gz): each HTML or text response record is one input."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from crosswire.ingest.decode import binary_reason, content_type_charset, decode, sniff_media_type
from crosswire.types import IngestProblem, RawDocument

# Records that accompany responses in every crawl and are never articles: not worth a word.
SILENT_RECORD_TYPES = frozenset({"warcinfo", "request", "metadata"})
ARTICLE_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[RawDocument | IngestProblem]:
    if not _starts_like_warc(stream):
        yield IngestProblem(source, "not a readable WARC archive (no 'WARC/' header at the start)")
        return
    records = ArchiveIterator(stream)
    try:
        for record in records:
            yield from _read_record(record, source, max_bytes)
    except ArchiveLoadFailed as exc:
        yield IngestProblem(source, f"not a readable WARC archive ({exc})")
        return
    except Exception as exc:  # warcio fails in odd ways on a damaged record (a header cut, no URI)
        yield IngestProblem(source, f"WARC damaged: the record at byte {records.offset:,} is unreadable "
                                    f"({type(exc).__name__}: {exc})")
        return
    end = _size(stream)
    if end is not None and records.offset < end:
        # warcio stops silently at a record cut short (a crawl killed mid-write): say so.
        yield IngestProblem(source, f"WARC cut short: the record at byte {records.offset:,} is incomplete "
                                    f"({end - records.offset:,} bytes left unread)")


def _size(stream: IO[bytes]) -> int | None:
    try:
        return stream.seek(0, 2)
    except (OSError, ValueError):  # not seekable: nothing to compare with
        return None


def _starts_like_warc(stream: IO[bytes]) -> bool:
    """warcio falls back to the old ARC format on anything else and reads garbage records."""
    head = stream.read(64)
    stream.seek(0)
    if head.startswith(b"\x1f\x8b"):
        with gzip.GzipFile(fileobj=stream) as unzipped:
            try:
                head = unzipped.read(8)
            except (OSError, EOFError, zlib.error):
                head = b""
        stream.seek(0)
    return head.startswith(b"WARC/")


def _read_record(record: object, source: str, max_bytes: int) -> Iterator[RawDocument | IngestProblem]:
    rec_type = record.rec_type  # type: ignore[attr-defined]
    headers = record.rec_headers  # type: ignore[attr-defined]
    where = f"{source}#{headers.get_header('WARC-Record-ID') or '?'}"
    url = headers.get_header("WARC-Target-URI")
    if rec_type in SILENT_RECORD_TYPES:
        return
    if rec_type not in {"response", "resource"}:
        yield IngestProblem(
            where, f"WARC record of type '{rec_type}' is not a response: skipped", skipped=True
        )
        return
    problem = _unusable_response(record, rec_type)
    if problem:
        yield IngestProblem(where, problem, skipped=True)
        return
    data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > max_bytes:
        yield IngestProblem(where, f"record body over the {max_bytes:,}-byte limit")
        return
    missing = getattr(record, "raw_stream", None) and getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:  # the archive ended inside this record: half a page is not the article
        yield IngestProblem(where, f"WARC cut short: the record lacks the last {missing:,} bytes of its body")
        return
    # As in a browser, the HTTP header's charset outranks the page's own <meta>; a resource
    # record has no HTTP headers, its WARC Content-Type plays that part.
    typed_by = record.http_headers if rec_type == "response" else headers  # type: ignore[attr-defined]
    ctype = typed_by.get_header("Content-Type") or ""
    charset, markup = content_type_charset(ctype), not ctype.lower().startswith("text/plain")
    binary = binary_reason(data)
    if binary:
        yield IngestProblem(where, binary)
        return
    decoded = decode(data, charset, markup=markup)
    media_type = sniff_media_type(decoded.text)
    yield RawDocument(url or where, decoded.text, media_type, url=url, notes=decoded.notes)


def _unusable_response(record: object, rec_type: str) -> str | None:
    if rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    else:
        http = record.http_headers  # type: ignore[attr-defined]
        if http is None:
            return "response record without HTTP headers"
        status = http.get_statuscode() or "?"
        if not status.startswith("2"):
            return f"HTTP status {status}, not an article"
        ctype = http.get_header("Content-Type") or ""
    if ctype and not ctype.lower().startswith(ARTICLE_CONTENT_TYPES):
        return f"content type {ctype.split(';')[0]} is not an article"
    return None
