"""The export schema: documented names, and every span pointing at exactly its text."""

import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from crosswire.export import write_json, write_jsonl, write_parquet
from crosswire.pipeline import Pipeline

ARTICLE_KEYS = {
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "byline",
    "published",
    "text",
    "mentions",
    "quotes",
    "times",
}


def check_article(record: dict[str, Any]) -> None:
    assert record.keys() >= ARTICLE_KEYS
    assert record["mentions"], "the sample articles all name people and places"
    for span in record["mentions"] + record["quotes"] + record["times"]:
        assert record["text"][span["start"] : span["end"]] == span["text"]
    for m in record["mentions"]:
        assert {"text", "start", "end", "label", "entity_id"} <= m.keys()


def test_json_export_has_the_documented_shape(pipeline: Pipeline, article_dir: Path) -> None:
    pipeline.ingest([str(article_dir)])
    buffer = io.StringIO()
    assert write_json(pipeline.store, buffer) == 6
    data = json.loads(buffer.getvalue())
    assert set(data) == {"articles", "entities", "stories"}
    assert len(data["articles"]) == 6
    for record in data["articles"]:
        check_article(record)


def test_jsonl_export_is_one_article_per_line(pipeline: Pipeline, article_dir: Path) -> None:
    pipeline.ingest([str(article_dir)])
    buffer = io.StringIO()
    write_jsonl(pipeline.store, buffer)
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 6
    for line in lines:
        check_article(json.loads(line))


def test_parquet_export_round_trips(pipeline: Pipeline, article_dir: Path, tmp_path: Path) -> None:
    pipeline.ingest([str(article_dir)])
    path = tmp_path / "out.parquet"
    assert write_parquet(pipeline.store, str(path), batch_size=4) == 6
    rows = pq.read_table(path).to_pylist()
    assert len(rows) == 6
    for row in rows:
        check_article(row)


def test_empty_store_exports_an_empty_document(pipeline: Pipeline, tmp_path: Path) -> None:
    buffer = io.StringIO()
    assert write_json(pipeline.store, buffer) == 0
    assert json.loads(buffer.getvalue()) == {"articles": [], "entities": [], "stories": []}
    assert write_parquet(pipeline.store, str(tmp_path / "e.parquet")) == 0
