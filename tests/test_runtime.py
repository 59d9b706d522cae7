"""crosswire.runtime: the collector's settings during runs are raised and then put back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.runtime import RUN_THRESHOLD, collect_less_often, fewer_collections


@pytest.fixture
def thresholds() -> Iterator[None]:
    old = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*old)


def test_a_run_collects_less_often_then_restores_the_thresholds(thresholds: None) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (RUN_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_are_restored_when_the_run_fails(thresholds: None) -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a run that fails")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_set_by_the_user_is_kept(thresholds: None) -> None:
    gc.set_threshold(RUN_THRESHOLD * 5, 10, 10)
    assert collect_less_often() == (RUN_THRESHOLD * 5, 10, 10)
    assert gc.get_threshold() == (RUN_THRESHOLD * 5, 10, 10)


def test_the_model_is_left_out_of_collections() -> None:
    from crosswire.nlp import load_nlp

    nlp = load_nlp()
    assert gc.get_freeze_count() > 0
    assert not any(o is nlp for o in gc.get_objects())  # frozen objects are not listed


def test_ingest_collects_less_often_while_it_runs(tmp_path: Path, thresholds: None) -> None:
    from crosswire.config import Settings
    from crosswire.pipeline import Pipeline
    from crosswire.store import ArticleStore, Database

    article = tmp_path / "a.txt"
    article.write_text("A Title\n\nThe council met on Monday. \"We agreed,\" said Jane Doe, its chair.\n")
    during = []
    with Database(tmp_path / "s.db") as db:
        pipeline = Pipeline(Settings(db_path=tmp_path / "s.db", story_embeddings=False), ArticleStore(db))
        report = pipeline.ingest([str(article)], on_progress=lambda *_: during.append(gc.get_threshold()))
    assert report.added == 1
    assert during and all(t[0] == RUN_THRESHOLD for t in during)
    assert gc.get_threshold() == (700, 10, 10)
