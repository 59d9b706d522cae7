"""Shards without a cluster: naming, chunking, Parquet inputs, atomic files, record round trip."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.export import PARQUET_SCHEMA
from crosswire.ingest.sources import InputRef
from crosswire.pipeline import analyse_articles
from crosswire.scale.distributed import ShardLoader, drive, load_shards
from crosswire.scale.shards import (
    SHARD_SCHEMA,
    Shard,
    ShardResult,
    analyse_shard,
    article_from_record,
    done_shards,
    estimate_shards,
    expand_shard_inputs,
    iter_shards,
    read_errors,
    shard_name,
    shard_record,
    write_shard,
)
from crosswire.store import ArticleStore
from crosswire.types import Article, Mention, Quote, RawDocument, Sentence, Speaker, TimeExpr


def _article() -> Article:
    text = 'Mayor Ilse Brandt said "We will rebuild" on Monday.'
    return Article(
        id="abc", text=text, source="x.txt", raw=text, outlet="The Quay Courier", published="2025-03-04",
        captions=["A pier at dusk."], sentences=[Sentence(0, len(text))],
        mentions=[Mention("Ilse Brandt", 6, 17, "PERSON", canonical="Ilse Brandt")],
        quotes=[Quote("We will rebuild", 24, 39, "direct", "said", Speaker("Ilse Brandt", None, "Mayor",
                      "person", 6, 17, 0, 5), cue_start=18, cue_end=22)],
        times=[TimeExpr("Monday", 44, 50, "2025-03-03", "DATE", 0, len(text))],
    )  # fmt: skip


@pytest.mark.parametrize("vector", [None, bytes(range(16)) * 96])
def test_a_shard_record_round_trips_to_the_same_article(vector: bytes | None) -> None:
    article = _article()
    article.story_vector = vector
    table = pa.Table.from_pylist([shard_record(article)], schema=SHARD_SCHEMA)
    assert article_from_record(table.to_pylist()[0]) == article


def test_the_shard_schema_is_the_export_schema_plus_the_raw_input_and_the_story_vector() -> None:
    assert SHARD_SCHEMA.names == [*PARQUET_SCHEMA.names, "raw", "raw_media_type", "story_vector"]


def test_big_inputs_are_cut_into_stably_named_chunks(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"text": f"Story number {i}."}) + "\n" for i in range(7)))
    shards = list(iter_shards([InputRef(str(dump), "file")], Settings(), shard_size=3))
    assert [len(s.items) for s in shards] == [3, 3, 1]
    assert [s.name for s in shards] == [shard_name(str(dump), i, 3) for i in range(3)]
    assert shards[0].name.startswith("dump_jsonl-") and shards[2].name.endswith("-00002")
    assert estimate_shards(InputRef(str(dump), "file"), shard_size=3) == 3
    assert shard_name(str(dump), 0, 4) != shards[0].name  # another shard size: other chunks


def test_parquet_inputs_are_read_from_their_text_column(tmp_path: Path) -> None:
    path = tmp_path / "crawl.parquet"
    pq.write_table(pa.table({"text": ["First story.", ""], "title": ["One", "Two"]}), path)
    refs = [r for r in expand_shard_inputs([str(tmp_path)]) if isinstance(r, InputRef)]
    [shard] = iter_shards(refs, Settings())
    first, second = shard.items
    assert isinstance(first, RawDocument) and first.hints == {"title": "One"}
    assert not isinstance(second, RawDocument) and "empty" in second.reason


@pytest.mark.parametrize("errors", [[], [{"source": "a.jsonl:2", "reason": "not valid JSON"}]])
def test_a_written_shard_is_done_and_a_stale_errors_file_goes(
    tmp_path: Path, errors: list[dict[str, str]]
) -> None:
    (tmp_path / "s-00000.errors.jsonl").write_text('{"source": "old", "reason": "old"}\n')
    (tmp_path / ".s-00001.parquet.99.tmp").write_bytes(b"half")  # a killed write
    table = pa.Table.from_pylist([shard_record(_article())], schema=SHARD_SCHEMA)
    write_shard(tmp_path, ShardResult("s-00000", table, errors))
    assert done_shards(tmp_path) == {"s-00000"}
    assert read_errors(tmp_path, "s-00000") == errors


def test_run_load_stores_each_shard_as_soon_as_it_is_written(
    tmp_path: Path, make_article: Callable[..., str], nlp: Language, fresh_store: ArticleStore,
    settings: Settings,
) -> None:  # fmt: skip
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(5):
        (inputs / f"story{i}.txt").write_text(make_article(400 + i), encoding="utf-8")
    (inputs / "wire.jsonl").write_text('{"text": "' + "x" * 20 + '"}\n{broken\n', encoding="utf-8")
    loader, stored_after_each = ShardLoader(fresh_store, settings), []

    def load(path: Path) -> None:
        loader.load(path)
        stored_after_each.append(fresh_store.count() + fresh_store.problem_count())

    def analyse_here(shard: Shard) -> Future[ShardResult]:  # no workers: the driver alone
        done: Future[ShardResult] = Future()
        done.set_result(analyse_shard(shard, nlp, settings, analyse_articles))
        return done

    report = drive([str(inputs)], tmp_path / "out", settings, analyse_here, in_flight=1, shard_size=2,
                   on_shard=load)  # fmt: skip
    assert len(stored_after_each) == report.shards_done == loader.report.shards_loaded > 2
    assert stored_after_each == sorted(set(stored_after_each))  # the store grew shard by shard
    assert fresh_store.count() == report.articles and fresh_store.problem_count() == report.errors > 0
    assert load_shards(tmp_path / "out", fresh_store, settings).shards_loaded == 0  # all loaded once
