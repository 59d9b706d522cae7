"""Export the store as JSON, JSON Lines or Parquet, in the documented schema.

The schema (docs/export.md) keeps its names stable: later stages fill ``quotes``, ``times``,
``entities`` and ``stories`` without renaming anything. Every span satisfies
``text[start:end] == span text``. Articles stream out one at a time, so a large store
exports in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import IO, Any, Literal

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from crosswire.store import ArticleStore, Database, queries
from crosswire.store.queries import entity_records
from crosswire.store.translations import Rendering, renderings_of
from crosswire.stories import story_record
from crosswire.types import Article, Quote, Speaker, TimeExpr

ExportFormat = Literal["json", "jsonl", "parquet"]


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "dek": article.dek,
        "byline": article.byline,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "captions": list(article.captions),
        "notes": list(article.notes),
        "near_duplicate_of": article.near_duplicate_of,
        "sentences": [asdict(s) for s in article.sentences],
        "mentions": [asdict(m) for m in article.mentions],
        "quotes": [quote_record(q) for q in article.quotes],
        "times": [time_record(t) for t in article.times],
    }


def quote_record(q: Quote) -> dict[str, Any]:
    """A quote as exported (docs/export.md): ``speaker`` is null unless the article names who
    spoke; an unnamed one ("a senior official") is ``speaker_description``; ``via`` is the
    source chain, outermost first; ``parts`` and ``fragments`` are spans of one utterance."""
    s = q.speaker
    named = s is not None and s.kind != "unknown"
    return {
        "text": q.text, "start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue,
        "cue_span": _span(q.cue_start, q.cue_end),
        "speaker": _speaker_record(s) if s is not None and named else None,
        "speaker_description": {"text": s.name, "span": _span(s.start, s.end)}
        if s is not None and not named else None,
        "confidence": q.confidence, "inherited": q.inherited,
        "via": [{"name": v.name, "kind": v.kind, "span": _span(v.start, v.end)} for v in q.via],
        "parts": [_span(a, b) for a, b in q.parts],
        "fragments": [_span(a, b) for a, b in q.fragments],
    }  # fmt: skip


def _speaker_record(s: Speaker) -> dict[str, Any]:
    return {"name": s.name, "entity_id": s.entity_id, "role": s.role, "kind": s.kind,
            "span": _span(s.start, s.end), "role_span": _span(s.role_start, s.role_end)}


def time_record(t: TimeExpr) -> dict[str, Any]:
    """One time expression as TIMEX3 (ISO values, never words): a range has both ends, a point
    counted back its ``duration``; ``event`` is the span of the word of the clause it dates."""
    range_ends = {"start": t.range_start, "end": t.range_end} if t.range_start or t.range_end else None
    return {
        "text": t.text, "start": t.start, "end": t.end, "value": t.value, "type": t.type,
        "anchor": _span(t.anchor_start, t.anchor_end), "note": t.note,
        "range": range_ends, "duration": t.duration, "reference": t.reference,
        "event": _span(t.event_start, t.event_end),
    }  # fmt: skip


def _span(start: int | None, end: int | None) -> dict[str, int] | None:
    return None if start is None or end is None else {"start": start, "end": end}


def article_records(store: ArticleStore, language: str | None = None) -> Iterator[dict[str, Any]]:
    """Every article's record; only those in ``language`` (ISO 639-1) when given."""
    for article in store.iter_articles():
        if language is not None and article.language != language:
            continue
        record = article_record(article)
        # English renderings of a non-English title and quotes (crosswire.translate), beside
        # the originals; JSON and JSON Lines only (Parquet keeps its fixed schema).
        record["translations"] = [translation_record(r) for r in
                                  renderings_of(store.db, [article.id]).get(article.id, [])]
        yield record


def translation_record(r: Rendering) -> dict[str, Any]:
    return {"kind": r.kind, "start": r.start, "language": r.language, "source_language": r.source_language,
            "original": r.original, "text": r.text, "translator": r.translator}


def write_json(store: ArticleStore, out: IO[str], language: str | None = None) -> int:
    """The whole store as one JSON object: {"articles": [...], "entities": [...], "stories": [...]}
    (the articles only in ``language`` when given; entities and stories all)."""
    count = _write_list(out, '{"articles": [', article_records(store, language))
    _write_list(out, '\n], "entities": [', entity_records(store.db))
    _write_list(out, '\n], "stories": [', story_records(store.db))
    out.write("\n]}\n")
    return count


def story_records(db: Database) -> Iterator[dict[str, Any]]:
    """Every story with its comparison, earliest first (computed once, then cached)."""
    for story_id in queries.story_ids(db):
        record = story_record(db, story_id)
        if record is not None:
            yield record


def _write_list(out: IO[str], opening: str, records: Iterator[dict[str, Any]]) -> int:
    out.write(opening)
    count = 0
    for count, record in enumerate(records, start=1):
        out.write(("\n" if count == 1 else ",\n") + json.dumps(record, ensure_ascii=False))
    return count


def write_jsonl(store: ArticleStore, out: IO[str], language: str | None = None) -> int:
    """One article object per line."""
    count = 0
    for record in article_records(store, language):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


_SPAN = [("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
_OFFSETS = pa.struct([("start", pa.int64()), ("end", pa.int64())])
_SPEAKER = pa.struct([
    ("name", pa.string()), ("entity_id", pa.string()), ("role", pa.string()), ("kind", pa.string()),
    ("span", _OFFSETS), ("role_span", _OFFSETS),
])  # fmt: skip
PARQUET_SCHEMA = pa.schema([
    *[(name, pa.string()) for name in (
        "id", "source", "url", "outlet", "title", "dek", "byline", "published", "language", "text")],
    ("captions", pa.list_(pa.string())),
    ("notes", pa.list_(pa.string())),
    ("near_duplicate_of", pa.string()),
    ("sentences", pa.list_(_OFFSETS)),
    ("mentions", pa.list_(pa.struct([
        *_SPAN, ("label", pa.string()), ("entity_id", pa.string()), ("canonical", pa.string())]))),
    ("quotes", pa.list_(pa.struct([
        *_SPAN, ("kind", pa.string()), ("cue", pa.string()), ("cue_span", _OFFSETS),
        ("speaker", _SPEAKER),
        ("speaker_description", pa.struct([("text", pa.string()), ("span", _OFFSETS)])),
        ("confidence", pa.float64()), ("inherited", pa.bool_()),
        ("via", pa.list_(pa.struct([("name", pa.string()), ("kind", pa.string()), ("span", _OFFSETS)]))),
        ("parts", pa.list_(_OFFSETS)), ("fragments", pa.list_(_OFFSETS))]))),
    ("times", pa.list_(pa.struct([
        *_SPAN, ("value", pa.string()), ("type", pa.string()), ("anchor", _OFFSETS),
        ("note", pa.string()),
        ("range", pa.struct([("start", pa.string()), ("end", pa.string())])),
        ("duration", pa.string()), ("reference", pa.string()), ("event", _OFFSETS)]))),
])  # fmt: skip


def write_parquet(store: ArticleStore, path: str, batch_size: int = 500, language: str | None = None) -> int:
    """Articles as Parquet rows with nested annotation lists, written in row groups."""
    count = 0
    with pq.ParquetWriter(path, PARQUET_SCHEMA) as writer:
        rows: list[dict[str, Any]] = []
        for record in article_records(store, language):
            rows.append(record)
            if len(rows) >= batch_size:
                writer.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA))
                count, rows = count + len(rows), []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA))
            count += len(rows)
    return count
