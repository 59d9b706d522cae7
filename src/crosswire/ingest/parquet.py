"""Parquet files: one article per row, with a text or html column and metadata columns.

The one Parquet reader, shared by ``crosswire ingest`` (through ``sources.read_input``) and
``crosswire run`` (through ``scale/shards.py``), so both read the same rows the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from crosswire.types import IngestProblem, RawDocument

# The first of these columns present in the file is the body, read as the given media type.
PARQUET_BODY = (("text", "text"), ("content", "text"), ("content_original", "text"), ("html", "html"))
PARQUET_HINTS = ("title", "byline", "outlet", "published")
# Rows are read a batch at a time, so a file of any size streams.
_BATCH_ROWS = 256


def read_parquet(path: Path) -> Iterator[RawDocument | IngestProblem]:
    """Rows of a Parquet file with a text or html column; the other columns become hints."""
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:  # not Parquet at all, or cut short
        yield IngestProblem(str(path), f"not a readable Parquet file ({exc})")
        return
    body = next(((c, kind) for c, kind in PARQUET_BODY if c in parquet.schema_arrow.names), None)
    if body is None:
        yield IngestProblem(str(path), "a Parquet input needs a 'text', 'content' or 'html' column")
        return
    number = 0
    for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
        for row in batch.to_pylist():
            number += 1
            yield _parquet_row(row, body, f"{path}:{number}")


def _parquet_row(row: dict[str, Any], body: tuple[str, str], where: str) -> RawDocument | IngestProblem:
    column, kind = body
    content = row.get(column)
    if not isinstance(content, str) or not content.strip():
        return IngestProblem(where, f"empty '{column}' column")
    hints = {k: str(row[k]) for k in PARQUET_HINTS if row.get(k)}
    url = row.get("url")
    return RawDocument(where, content, "html" if kind == "html" else "text", url=url or None, hints=hints)
