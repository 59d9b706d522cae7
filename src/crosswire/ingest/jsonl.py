"""JSON Lines: one article per line, with text or html and whatever metadata it carries.

Lines are read with a bounded reader: a line longer than the limit is skipped while it is
read, never held whole, so one hostile line (a gzip bomb decompressing to gigabytes) costs
a problem line and no memory, and the lines around it are read as usual.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from crosswire.types import IngestProblem, RawDocument

# How much is asked of the stream at once: with the limit, what bounds the reader's memory.
# Python's own buffer size: a damaged gzip stream then fails at the damaged block, after the
# lines before it were given (a larger read decompresses up to the damage and loses them).
READ_CHUNK_BYTES = io.DEFAULT_BUFFER_SIZE


class ByteStream(Protocol):
    """What the line reader needs of a file, a gzip stream or stdin."""

    def read(self, size: int, /) -> bytes: ...

# Field names seen in the wild for the same thing, first match wins. Kept as data so a
# new dump format is one line here.
BODY_FIELDS = {
    "text": ("text", "content", "body", "content_original", "article"),
    "html": ("html", "raw_html", "page"),
}
HINT_FIELDS = {
    "title": ("title", "headline"),
    "byline": ("byline", "author", "authors"),
    "outlet": ("outlet", "source", "sitename", "site_name", "publisher"),
    "published": ("published", "date", "published_at", "publish_date", "datetime"),
    # What the record says its language is: used only when the text cannot tell (ingest/language.py).
    "language": ("language", "lang", "inLanguage"),
}


def read_jsonl(stream: ByteStream, source: str, max_line_bytes: int) -> Iterator[RawDocument | IngestProblem]:
    """Line by line, so a dump of any size streams; the size limit applies to each line."""
    for number, line in enumerate(bounded_lines(stream, max_line_bytes), start=1):
        where = f"{source}:{number}"
        if isinstance(line, LineTooLong):
            yield IngestProblem(
                where, f"line of {line.size:,} bytes is over the {max_line_bytes:,}-byte limit "
                       "(CROSSWIRE_MAX_INPUT_BYTES): skipped"
            )  # fmt: skip
        elif line.strip():
            yield parse_record(line.decode("utf-8", "replace"), where)


@dataclass(frozen=True, slots=True)
class LineTooLong:
    """A line skipped for its length: only its size was kept."""

    size: int


def bounded_lines(
    stream: ByteStream, max_bytes: int, chunk_bytes: int = READ_CHUNK_BYTES
) -> Iterator[bytes | LineTooLong]:
    """The lines of ``stream`` (with their newline), none held past ``max_bytes``.

    The stream is read ``chunk_bytes`` at a time; a line that grows past the limit is
    dropped at once and only counted until its newline, then given as ``LineTooLong``.
    """
    held = bytearray()
    overlong = 0  # bytes of the line being skipped; 0 while the line is within the limit
    # read1 (one read of the underlying stream) where the stream has it: a buffered read of a
    # whole chunk from a cut .gz raises at the damage and drops the lines decompressed before it.
    read = getattr(stream, "read1", stream.read)
    while chunk := read(chunk_bytes):
        start = 0
        while start < len(chunk):
            newline = chunk.find(b"\n", start)
            stop = len(chunk) if newline < 0 else newline + 1
            if overlong or len(held) + stop - start > max_bytes:
                overlong = (overlong or len(held)) + stop - start
                held = bytearray()
            else:
                held += chunk[start:stop]
            if newline >= 0:
                yield LineTooLong(overlong) if overlong else bytes(held)
                held, overlong = bytearray(), 0
            start = stop
    if overlong or held:
        yield LineTooLong(overlong) if overlong else bytes(held)


def parse_record(line: str, where: str) -> RawDocument | IngestProblem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # json's messages may end in "at" ("Invalid control character at"): the column follows
        return IngestProblem(where, f"not valid JSON ({exc.msg.removesuffix(' at')}, column {exc.colno})")
    if not isinstance(record, dict):
        return IngestProblem(where, "a JSON line must be an object with a 'text' or 'html' field")
    for media_type, names in BODY_FIELDS.items():
        body = _first(record, names)
        if body:
            url = _first(record, ("url", "link", "uri"))
            hints = {k: v for k, names_ in HINT_FIELDS.items() if (v := _first(record, names_))}
            return RawDocument(where, body, media_type, url=url or None, hints=hints)  # type: ignore[arg-type]
    return IngestProblem(where, "no 'text' or 'html' field with content")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return ""
