"""Fixtures for the watch tests: the local site (``watchsite``), a store opened as a pipeline
(again, for a restart), a fetcher allowed to reach 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from watchsite import Site, _Handler, _Server

from crosswire.config import Settings
from crosswire.ingest.fetch import Fetcher, FetchPolicy
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database


@pytest.fixture(scope="session")
def _server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.replies, httpd.requests = {}, []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(_server: _Server) -> Iterator[Site]:
    _server.replies.clear()
    _server.requests.clear()
    yield Site(_server)


@pytest.fixture
def watch_settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "watch.db", story_embeddings=False, allow_private_urls=True)


@pytest.fixture
def open_pipeline(watch_settings: Settings, nlp: Language) -> Iterator[Callable[..., Pipeline]]:
    """Open the test store (again: a restart) as a pipeline; closed at the end of the test."""
    opened: list[Database] = []

    def make(busy_timeout: float | None = None) -> Pipeline:
        db = Database(watch_settings.db_path, busy_timeout=busy_timeout)
        opened.append(db)
        return Pipeline(watch_settings, ArticleStore(db), nlp=nlp)

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchPolicy(allow_private=True, timeout=3.0)) as f:
        yield f
