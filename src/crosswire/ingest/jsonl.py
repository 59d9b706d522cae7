"""JSON Lines: one article per line, with text or html and whatever metadata it carries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from crosswire.types import IngestProblem, RawDocument

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
}


def read_jsonl(
    lines: Iterable[bytes], source: str, max_line_bytes: int
) -> Iterator[RawDocument | IngestProblem]:
    """Line by line, so a dump of any size streams; the size limit applies to each line."""
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if len(line) > max_line_bytes:
            yield IngestProblem(where, f"line over the {max_line_bytes:,}-byte limit")
        elif line.strip():
            yield parse_record(line.decode("utf-8", "replace"), where)


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
