"""From what the user named (files, folders, '-', URLs) to a stream of raw documents.

Files are read by their suffix: text, HTML, JSON Lines, WARC, Parquet (``parquet.py``, the
reader ``crosswire run`` uses too) and RSS/Atom feed files (``feeds.py``, one document per
entry); URLs through ``fetch.py``, which also reads feeds served over HTTP.

Each input becomes RawDocument records or IngestProblem records; nothing here raises for a
bad input, so one broken file never stops a batch, and a reader that fails part way (out of
memory, a library choking on odd bytes) ends its input with a problem, keeping what it read.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crosswire.config import Settings
from crosswire.ingest.decode import binary_reason, decode, sniff_media_type
from crosswire.ingest.feeds import FEED_SUFFIXES, read_feed
from crosswire.ingest.fetch import Fetcher
from crosswire.ingest.jsonl import read_jsonl
from crosswire.ingest.parquet import read_parquet
from crosswire.ingest.warc import read_warc
from crosswire.types import IngestProblem, RawDocument

Item = RawDocument | IngestProblem

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)
READABLE_SUFFIXES = (
    TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + PARQUET_SUFFIXES + FEED_SUFFIXES
)


@dataclass(frozen=True, slots=True)
class InputRef:
    """One thing to read: a file path, a URL, or '-' for standard input."""

    name: str
    kind: str  # "file" | "url" | "stdin"


def expand_inputs(inputs: list[str]) -> Iterator[InputRef | IngestProblem]:
    """Folders are walked recursively (readable suffixes only); missing paths are problems."""
    for name in inputs:
        if name == "-":
            yield InputRef("-", "stdin")
        elif name.startswith(("http://", "https://")):
            yield InputRef(name, "url")
        elif Path(name).is_dir():
            found = False
            for path in sorted(Path(name).rglob("*")):
                if path.is_file() and not path.name.startswith(".") and _suffix(path) in READABLE_SUFFIXES:
                    found = True
                    yield InputRef(str(path), "file")
            if not found:  # said, not silent: an empty folder is usually a wrong path
                yield IngestProblem(name, f"no readable file in this folder ({', '.join(READABLE_SUFFIXES)})",
                                    skipped=True)
        elif Path(name).is_file():
            yield InputRef(name, "file")
        else:
            yield IngestProblem(name, "no such file or folder (URLs must start with http:// or https://)")


def read_input(ref: InputRef, settings: Settings, fetcher: Fetcher | None) -> Iterator[Item]:
    """The documents of one input, then a problem if its reader failed part way."""
    try:
        yield from _read_input(ref, settings, fetcher)
    except Exception as exc:  # MemoryError included: the documents before it are good, and
        # the run must go on to store them and read the other inputs.
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        yield IngestProblem(ref.name, f"reading stopped here ({detail})")


def _read_input(ref: InputRef, settings: Settings, fetcher: Fetcher | None) -> Iterator[Item]:
    if ref.kind == "url":
        if fetcher is None:
            yield IngestProblem(ref.name, "URL ingest is not available here")
            return
        yield from fetcher.fetch_all(ref.name)
    elif ref.kind == "stdin":
        yield from _read_stream(sys.stdin.buffer, "-", "", settings)
    else:
        yield from _read_file(Path(ref.name), settings)


def _read_file(path: Path, settings: Settings) -> Iterator[Item]:
    suffix = _suffix(path)
    if suffix not in READABLE_SUFFIXES:
        yield IngestProblem(
            str(path),
            f"unsupported file type '{suffix or path.name}' (crosswire reads {', '.join(READABLE_SUFFIXES)})",
            skipped=True,
        )
        return
    size = path.stat().st_size
    if size == 0:
        yield IngestProblem(str(path), "empty file")
        return
    if suffix in WARC_SUFFIXES:  # archives hold many articles: the limit is per record
        with path.open("rb") as stream:
            yield from read_warc(stream, str(path), settings.max_input_bytes)
        return
    if suffix in PARQUET_SUFFIXES:  # read in row batches, so no whole-file limit either
        yield from read_parquet(path)
        return
    if size > settings.max_input_bytes and suffix not in JSONL_SUFFIXES:
        yield IngestProblem(
            str(path),
            f"file of {size:,} bytes is over the "
            f"{settings.max_input_bytes:,}-byte limit (CROSSWIRE_MAX_INPUT_BYTES)",
        )
        return
    try:
        with open_input(path) as stream:
            yield from _read_stream(stream, str(path), suffix, settings)
    except (OSError, EOFError, zlib.error) as exc:  # a corrupt or cut .gz fails mid-stream
        # What was read before the damage has been yielded and stays good.
        yield IngestProblem(str(path), f"unreadable from this point on ({type(exc).__name__}: {exc})")


def _read_stream(stream: BinaryIO, source: str, suffix: str, settings: Settings) -> Iterator[Item]:
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_stream(stream, source, settings)
        return
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        yield IngestProblem(source, f"input over the {settings.max_input_bytes:,}-byte limit")
        return
    if suffix in FEED_SUFFIXES:  # feedparser reads the XML's own encoding declaration
        yield from read_feed(data, source)
        return
    # Only markup may declare its charset in a <meta>; in a .txt that is just words. Stdin has
    # no suffix: sniff its head, read as latin-1 (byte for byte) since the tags sought are ASCII.
    sniffed = "" if suffix else sniff_media_type(data[:20000].decode("latin-1"))
    markup = suffix in HTML_SUFFIXES or sniffed == "html"
    binary = binary_reason(data)
    if binary:
        yield IngestProblem(source, binary)
        return
    decoded = decode(data, markup=markup)
    if not decoded.text.strip():
        yield IngestProblem(source, "empty input")
        return
    media_type = "html" if suffix in HTML_SUFFIXES else "text" if suffix else sniff_media_type(decoded.text)
    yield RawDocument(source, decoded.text, media_type, notes=decoded.notes)


def _read_jsonl_stream(stream: BinaryIO, source: str, settings: Settings) -> Iterator[Item]:
    yield from read_jsonl(stream, source, settings.max_input_bytes)


def open_input(path: Path) -> BinaryIO:
    """A file's bytes, decompressed when it is gzipped; read in bounded pieces by every reader."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".jsonl.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()
