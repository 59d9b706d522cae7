"""Fixtures for the web tests: a store made by the real pipeline, and apps over it.

The store is what production makes: the bundled demo corpus and one hostile article of our
own (webdata.PAYLOAD), ingested by ``Pipeline``; the water talks compared as ``crosswire
brief`` leaves them (``story_record``), the bridge story left uncompared. Nothing is added,
dropped or overwritten by hand.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from webdata import PAYLOAD, TestClient

from crosswire.cli import DEMO_CORPUS
from crosswire.config import Settings
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.stories import story_record
from crosswire.web import create_app

# Articles by a short name and the end of their source: the two bridge reports the tests
# read closely, the hostile payload, and the water talks' first report.
SOURCES = {
    "bridge": "%calder-bridge-collapse.txt",
    "okafor": "%calder-river-bridge-collapse.html",
    "payload": "%payload.jsonl:1",
    "water": "%serrin-water-talks.txt",
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """The demo corpus and the payload article, through the real pipeline."""
    folder = tmp_path_factory.mktemp("web")
    path = folder / "web.db"
    payload = folder / "payload.jsonl"
    payload.write_text(json.dumps(PAYLOAD) + "\n", encoding="utf-8")
    with Database(path) as db:
        report = Pipeline(Settings(db_path=path), ArticleStore(db), nlp=nlp).ingest(
            [str(DEMO_CORPUS), str(payload)]
        )
        assert report.added == 9 and not report.failed, report.problems
        # The water talks compared as `crosswire brief` leaves them (no embedder: fast, same
        # shapes); the bridge story is left uncompared.
        assert story_record(db, story_of(db, SOURCES["water"]), embedder=None) is not None
    return path


def story_of(db: Database, source_like: str) -> str:
    """The story the article read from ``source_like`` belongs to."""
    return str(
        db.scalar(
            "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE a.source LIKE ?",
            (source_like,),
        )
    )


@pytest.fixture(scope="session")
def client(web_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=web_store))) as c:
        yield c


@pytest.fixture(scope="session")
def ids(web_store: Path) -> dict[str, str]:
    """Article ids by their short name in ``SOURCES``."""
    with sqlite3.connect(web_store) as conn:
        find: Callable[[str], str] = lambda pattern: conn.execute(  # noqa: E731
            "SELECT id FROM articles WHERE source LIKE ?", (pattern,)
        ).fetchone()[0]
        return {name: find(pattern) for name, pattern in SOURCES.items()}


@pytest.fixture(scope="session")
def stories(web_store: Path) -> dict[str, str]:
    """Story ids: the bridge collapse, the water talks, the payload's own story."""
    with Database(web_store) as db:
        return {name: story_of(db, SOURCES[name]) for name in ("bridge", "water", "payload")}


@pytest.fixture(scope="session")
def okafor_id(web_store: Path) -> str:
    with sqlite3.connect(web_store) as conn:
        return str(conn.execute("SELECT id FROM entities WHERE name = 'Dana Okafor'").fetchone()[0])


@pytest.fixture(scope="session")
def empty_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A server started on a store that does not exist yet: it creates an empty one."""
    path = tmp_path_factory.mktemp("empty") / "new.db"
    with TestClient(create_app(Settings(db_path=path))) as c:
        yield c
