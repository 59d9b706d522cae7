"""The Ray runner end to end: same articles as in-process, survives a killed worker, resumes.

One run is shared by the tests below (Ray start-up and model loads are the slow part): it
kills one worker actor midway, through an analysis function that exits its process once.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.ingest.extract import extract_article
from crosswire.ingest.sources import InputRef
from crosswire.pipeline import analyse_articles
from crosswire.scale.cli_commands import load_command, run_command
from crosswire.scale.distributed import RunReport, load_shards, run_distributed, shard_results
from crosswire.scale.shards import iter_shards, read_errors
from crosswire.store import ArticleStore
from crosswire.types import Article, IngestProblem, RawDocument

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.slow
POISON = "SELF-DESTRUCT"


def _fault_injecting(
    marker: str, articles: list[Article], nlp: Language, settings: Settings
) -> list[IngestProblem]:
    """The pipeline's analysis, except that the first call anywhere kills its worker process,
    and an article containing POISON raises outside the stages (the shard's fallback must catch it).
    """
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        os._exit(1)  # a worker dying mid-shard: Ray must restart it and retry the shard
    except FileExistsError:
        pass
    if any(POISON in a.text for a in articles):
        raise RuntimeError("injected stage failure")
    return analyse_articles(articles, nlp, settings)


def _write_inputs(folder: Path, make_article: Callable[..., str]) -> None:
    folder.mkdir()
    for i in range(3):
        (folder / f"story{i}.txt").write_text(make_article(100 + i), encoding="utf-8")
    lines = [json.dumps({"text": make_article(200 + i), "title": f"Harbour dispatch {i}"}) for i in range(4)]
    lines.insert(2, "{this line is not json")
    lines.append(json.dumps({"text": make_article(300) + f"\n\nThe {POISON} clause was invoked.\n"}))
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    # The fault injector lives in this test module, which Ray workers cannot import: ship it by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def run(
    cluster: None, tmp_path_factory: pytest.TempPathFactory, make_article: Callable[..., str]
) -> tuple[Path, Path, RunReport]:
    root = tmp_path_factory.mktemp("ray")
    _write_inputs(root / "in", make_article)
    analyse = partial(_fault_injecting, str(root / "killed-once"))
    report = run_distributed(
        [str(root / "in")], root / "out", Settings(), workers=2, shard_size=3, analyse=analyse
    )
    assert (root / "killed-once").exists(), "the fault was never injected"
    return root / "in", root / "out", report


def _in_process(inputs: Path, nlp: Language) -> dict[str, Article]:
    refs = [InputRef(str(p), "file") for p in sorted(inputs.iterdir())]
    raws = [i for shard in iter_shards(refs, Settings()) for i in shard.items if isinstance(i, RawDocument)]
    articles = [extract_article(r) for r in raws if POISON not in r.content]
    analyse_articles(articles, nlp, Settings())
    return {a.id: a for a in articles}


def _spans(article: Article) -> tuple[object, ...]:
    return (
        [(m.text, m.start, m.end, m.label, m.canonical) for m in article.mentions],
        [(q.text, q.start, q.kind, q.speaker.name if q.speaker else None) for q in article.quotes],
        [(t.text, t.start, t.value) for t in article.times],
        [(s.start, s.end) for s in article.sentences],
    )


def test_ray_output_equals_in_process_despite_a_killed_worker(
    run: tuple[Path, Path, RunReport], nlp: Language
) -> None:
    inputs, out, report = run
    assert report.failed_shards == {}
    produced = {a.id: a for _, articles in shard_results(out) for a in articles}
    expected = _in_process(inputs, nlp)
    assert produced.keys() == expected.keys() and len(produced) == 7
    for article_id, article in expected.items():
        assert _spans(produced[article_id]) == _spans(article), article.source
        assert produced[article_id].title == article.title


def test_bad_records_land_in_the_shard_errors_file(run: tuple[Path, Path, RunReport]) -> None:
    _, out, report = run
    errors = [e for name, _ in shard_results(out) for e in read_errors(out, name)]
    reasons = {e["source"].rsplit("/", 1)[-1]: e["reason"] for e in errors}
    assert reasons.keys() == {"wire.jsonl:3", "wire.jsonl:6"}
    assert "not valid JSON" in reasons["wire.jsonl:3"]
    assert "injected stage failure" in reasons["wire.jsonl:6"]
    assert report.errors == 2


def test_rerun_skips_finished_shards_and_redoes_a_missing_one(run: tuple[Path, Path, RunReport]) -> None:
    inputs, out, first = run
    again = run_distributed([str(inputs)], out, Settings(), workers=2, shard_size=3)
    assert (again.shards_done, again.shards_skipped) == (0, first.shards_done)
    victim = sorted(out.glob("*.parquet"))[0]
    victim.unlink()
    (out / f".{victim.name}.123.tmp").write_bytes(b"half a file")  # a killed write: never taken as done
    redo = run_distributed([str(inputs)], out, Settings(), workers=2, shard_size=3)
    assert (redo.shards_done, redo.shards_skipped) == (1, first.shards_done - 1)
    assert victim.exists()


def test_load_stores_each_article_once_and_a_second_load_is_a_no_op(
    run: tuple[Path, Path, RunReport], fresh_store: ArticleStore, settings: Settings
) -> None:
    _, out, _ = run
    first = load_shards(out, fresh_store, settings)
    assert (first.added, first.errors) == (7, 2)
    assert fresh_store.count() == 7 and fresh_store.problem_count() == 2
    stored = fresh_store.get(next(a.id for _, articles in shard_results(out) for a in articles))
    people = [m for m in stored.mentions if m.label == "PERSON"] if stored else []
    assert people and all(m.entity_id for m in people)  # entity resolution ran at load
    second = load_shards(out, fresh_store, settings)
    assert (second.shards_loaded, second.added) == (0, 0) and fresh_store.count() == 7


def test_the_run_command_resumes_a_finished_run_without_work(run: tuple[Path, Path, RunReport]) -> None:
    inputs, out, first = run
    report = run_command([str(inputs)], out, Settings(), engine="ray", workers=2, shard_size=3, quiet=True)
    assert (report.shards_done, report.shards_skipped, report.failed_shards) == (0, first.shards_done, {})


def test_the_load_command_refuses_a_missing_folder(tmp_path: Path, fresh_store: ArticleStore) -> None:
    with pytest.raises(CrosswireError, match="crosswire run --out"):
        load_command(tmp_path / "nowhere", fresh_store, Settings())


def test_run_with_load_stores_the_shards_an_earlier_run_left_unloaded(
    run: tuple[Path, Path, RunReport], tmp_path: Path
) -> None:
    inputs, out, first = run
    db = tmp_path / "loaded.db"
    command = [sys.executable, "-m", "crosswire.cli", "run", str(inputs), "--out", str(out),
               "--engine", "ray", "--shard-size", "3", "--load", "--db", str(db), "--quiet"]  # fmt: skip
    for loaded, skipped, added in ((first.shards_done, 0, 7), (0, first.shards_done, 0)):
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        said = " ".join(done.stdout.split())  # the summary is on stdout, as ingest's
        assert done.returncode == 0, done.stderr
        assert f"loaded {loaded} shard(s) ({skipped} already loaded): added {added} article(s)" in said
        assert "next: crosswire load" not in said
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (7,)
