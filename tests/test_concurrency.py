"""Processes that share a store, or lose their parent: real ``crosswire`` commands in subprocesses.

- two ``crosswire ingest`` runs into one new store, on overlapping inputs, both finish and
  store every article once with every source (issue #22, case 8);
- a write lock held too long is one clear line, not a traceback (case 8);
- ``kill -9`` of the parent of ``ingest --workers 2`` or ``run --engine local`` leaves no
  worker behind (case 9).

Each test bounds its work (a few dozen short articles, a few rounds, polls with a count).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.ingest.extract import extract_article
from crosswire.ingest.sources import InputRef, expand_inputs, read_input
from crosswire.store import Database
from crosswire.types import RawDocument

CLI = [sys.executable, "-m", "crosswire.cli"]
DEMO_CORPUS = Path(__file__).resolve().parents[1] / "src" / "crosswire" / "demo" / "corpus"
ROUNDS = 3
# x 0.1 s: how long workers may take to end once their parent is gone. A worker still starting
# (importing spaCy: seconds on a busy machine) ends when it reaches its initializer.
POLLS = 600
START_POLLS = 900  # x 0.1 s: how long the workers may take to start on a busy machine

pytestmark = pytest.mark.slow


def _env(db: Path, **extra: str) -> dict[str, str]:
    """Small batches so that the runs write often and interleave; no embedding model (cheap)."""
    return {
        **os.environ,
        "CROSSWIRE_DB": str(db),
        "CROSSWIRE_STORY_EMBEDDINGS": "0",
        "CROSSWIRE_ANALYSIS_BATCH_SIZE": "2",
        "CROSSWIRE_WRITE_BATCH_SIZE": "4",
        **extra,
    }


def _articles_in(folder: Path) -> set[tuple[str, str]]:
    """(article id, source) of every article ``folder`` holds, read as ingest reads them."""
    pairs = set()
    for ref in expand_inputs([str(folder)]):
        assert isinstance(ref, InputRef), ref
        for item in read_input(ref, Settings(), None):
            assert isinstance(item, RawDocument), item
            article = extract_article(item)
            pairs.add((article.id, article.source))
    return pairs


def _inputs(folder: Path, make_article: Callable[..., str], shared: range, own: range) -> Path:
    """Articles both runs read (first, in the same order, so that both analyse them before
    either has stored them), the demo corpus, then articles only this run reads."""
    folder.mkdir(parents=True)
    for i in shared:
        (folder / f"a-shared-{i:02}.txt").write_text(make_article(3000 + i), encoding="utf-8")
    shutil.copytree(DEMO_CORPUS, folder / "b-demo")
    for i in own:
        (folder / f"c-own-{i:02}.txt").write_text(make_article(3100 + i), encoding="utf-8")
    return folder


def test_two_ingests_into_one_new_store_both_finish_and_store_each_article_once(
    tmp_path: Path, make_article: Callable[..., str]
) -> None:
    first = _inputs(tmp_path / "first", make_article, range(6), range(0, 3))
    second = _inputs(tmp_path / "second", make_article, range(6), range(3, 6))
    expected = _articles_in(first) | _articles_in(second)
    for round_ in range(ROUNDS):  # the race is on timing: a few rounds, each on a new store
        db = tmp_path / f"round-{round_}.db"
        runs = [
            subprocess.Popen(
                [*CLI, "ingest", "-q", str(folder)], env=_env(db), text=True, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for folder in (first, second)
        ]
        outputs = [run.communicate(timeout=600) for run in runs]
        for run, (_, err) in zip(runs, outputs, strict=True):
            assert run.returncode == 0, err
            assert "Traceback" not in err and "error" not in err, err
        added = sum(_added(out) for out, _ in outputs)
        with sqlite3.connect(db) as conn:
            stored = [r[0] for r in conn.execute("SELECT id FROM articles")]
            sources = set(conn.execute("SELECT article_id, source FROM article_sources").fetchall())
        assert sorted(stored) == sorted({article_id for article_id, _ in expected})
        assert added == len(stored)  # each article added by exactly one of the two runs
        assert sources == expected  # every place each was read from, from both runs


def _added(summary: str) -> int:
    found = re.search(r"added (\d+) article", summary)
    assert found, summary
    return int(found.group(1))


def test_a_write_lock_held_too_long_ends_the_ingest_with_one_line(
    tmp_path: Path, make_article: Callable[..., str], nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from crosswire.cli import app
    from crosswire.store import db as db_module

    store = tmp_path / "held.db"
    Database(store).close()
    (tmp_path / "one.txt").write_text(make_article(3200), encoding="utf-8")
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, and writing, and writing
    try:
        result = CliRunner().invoke(
            app, ["ingest", "-q", str(tmp_path / "one.txt")], env=_env(store, COLUMNS="250")
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "held.db is locked" in lines[0], result.output
    with sqlite3.connect(store) as conn:  # nothing half-written
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


# -- workers whose parent is killed ------------------------------------------------------------


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state) of a process, from /proc; None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command name) "
    return int(fields[1]), fields[0]


def _workers_of(parent: int) -> Iterator[int]:
    """Pool workers started by ``parent`` (multiprocessing's spawn: ``spawn_main`` on their command line)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = _stat(int(entry.name))
        try:
            command = (entry / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if stat is not None and stat[0] == parent and b"spawn_main" in command:
            yield int(entry.name)


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[1] != "Z"  # a zombie has ended; only its exit status is left


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("command", ["ingest", "run"])
def test_workers_end_when_their_parent_is_killed(
    tmp_path: Path, make_article: Callable[..., str], command: str
) -> None:
    folder = _inputs(tmp_path / "in", make_article, range(0), range(12))
    db, shards = tmp_path / "k.db", tmp_path / "shards"
    arguments = ["--workers", "2", "-q"]
    if command == "run":
        arguments += ["--engine", "local", "--out", str(shards)]

    def analysing() -> bool:  # a worker has sent a batch back: the run is under way
        return _stored(db) > 0 if command == "ingest" else any(shards.glob("*.parquet"))

    # '-' last: once the files are handed to the workers, the parent waits on a stdin that we
    # keep open, so it is surely alive, with its workers, when it is killed.
    parent = subprocess.Popen(
        [*CLI, command, *arguments, str(folder), "-"], env=_env(db),
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers: list[int] = []
    try:
        for _ in range(START_POLLS):
            workers = list(_workers_of(parent.pid))
            if (len(workers) == 2 and analysing()) or parent.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) == 2 and analysing(), "the run never got its two workers going"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        for _ in range(POLLS):
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "workers outlived their killed parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers:  # left behind by a failing run of this test: end them, by pid
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if parent.stdin is not None:
            parent.stdin.close()
