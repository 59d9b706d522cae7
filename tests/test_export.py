"""The export schema: documented names, and every span pointing at exactly its text."""

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no type hints

from crosswire.export import write_json, write_jsonl, write_parquet
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.types import Article, Quote, Speaker, TimeExpr, Via

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


def test_quotes_and_times_export_with_spans(tmp_path: Path) -> None:
    text = "“We will rebuild,” said Mayor Dana Okafor on Monday."
    article = Article(
        id="q1", text=text, source="t.txt", raw=text,
        quotes=[Quote("We will rebuild,", 1, 17, "direct", cue="said", cue_start=19, cue_end=23,
                      speaker=Speaker("Dana Okafor", None, "Mayor", "person", 30, 41, 24, 29))],
        times=[TimeExpr("Monday", 45, 51, "2025-03-03", "DATE", 0, len(text))],
    )  # fmt: skip
    store = ArticleStore(Database())
    store.save_batch([NewArticle(article, np.zeros(4, dtype=np.uint64), [(0, 1)])])
    buffer = io.StringIO()
    write_json(store, buffer)
    path = tmp_path / "q.parquet"
    write_parquet(store, str(path))
    for record in (json.loads(buffer.getvalue())["articles"][0], pq.read_table(path).to_pylist()[0]):
        [quote], [time] = record["quotes"], record["times"]
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert text[quote["cue_span"]["start"] : quote["cue_span"]["end"]] == quote["cue"]
        speaker = quote["speaker"]
        assert (speaker["name"], speaker["role"], speaker["entity_id"]) == ("Dana Okafor", "Mayor", None)
        assert text[speaker["span"]["start"] : speaker["span"]["end"]] == "Dana Okafor"
        assert text[speaker["role_span"]["start"] : speaker["role_span"]["end"]] == "Mayor"
        anchor = {"start": 0, "end": len(text)}
        assert (time["value"], time["type"], time["anchor"]) == ("2025-03-03", "DATE", anchor)


def test_chains_unknown_speakers_and_utterances_export(tmp_path: Path) -> None:
    """#23: `speaker` plus a `via` list; an unnamed speaker is `speaker: null` with its
    description; `confidence`, `parts` and `fragments` as spans, in JSON and Parquet alike."""
    text = ("Velmar Radio quoted Dana Okafor as saying the bridge was “sound”. "
            "“It will hold,” an aide said, “for years.”")
    aide = text.index("an aide")
    article = Article(
        id="q2", text=text, source="t.txt", raw=text,
        quotes=[
            Quote("the bridge was “sound”", 42, 64, "mixed", cue="saying", confidence=0.9,
                  speaker=Speaker("Dana Okafor", None, None, "person", 20, 31),
                  via=(Via("Velmar Radio", 0, 12, "media"),), fragments=((58, 63),)),
            Quote("It will hold for years.", 67, len(text) - 1, "direct", cue="said",
                  speaker=Speaker("an aide", kind="unknown", start=aide, end=aide + 7),
                  parts=((67, 79), (text.index("for years"), len(text) - 1))),
        ],
    )  # fmt: skip
    store = ArticleStore(Database())
    store.save_batch([NewArticle(article, np.zeros(4, dtype=np.uint64), [(0, 1)])])
    buffer = io.StringIO()
    write_json(store, buffer)
    path = tmp_path / "q.parquet"
    write_parquet(store, str(path))
    for record in (json.loads(buffer.getvalue())["articles"][0], pq.read_table(path).to_pylist()[0]):
        mixed, split = record["quotes"]
        assert mixed["speaker"]["name"] == "Dana Okafor" and mixed["confidence"] == 0.9
        assert [(v["name"], v["kind"], v["span"]) for v in mixed["via"]] == [
            ("Velmar Radio", "media", {"start": 0, "end": 12})]
        assert [text[f["start"]:f["end"]] for f in mixed["fragments"]] == ["sound"]
        assert split["speaker"] is None and split["confidence"] is None
        assert split["speaker_description"]["text"] == "an aide"
        assert [text[p["start"]:p["end"]] for p in split["parts"]] == ["It will hold", "for years."]
