"""Fixtures for the web tests: a store filled by the real pipeline, and apps over it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from webdata import PAYLOAD, TestClient, annotate_by_hand

from crosswire.cli import DEMO_CORPUS
from crosswire.config import Settings
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.store.migrations import MIGRATIONS
from crosswire.stories import story_record
from crosswire.web import create_app

# The stories stage's tables (migration 5), dropped from the base store: the web tests see
# the store as it was before stories were computed, then ``lit_store`` adds stories by hand.
STORY_TABLES = (
    "story_comparisons",
    "story_keys",
    "story_term_df",
    "story_stats",
    "story_articles",
    "stories",
)
STORIES_SCHEMA = next(m for m in MIGRATIONS if "CREATE TABLE stories" in m)


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
    annotate_by_hand(path)
    with sqlite3.connect(path) as conn:
        conn.executescript("".join(f"DROP TABLE IF EXISTS {t};" for t in STORY_TABLES))
    return path


@pytest.fixture(scope="session")
def client(web_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=web_store))) as c:
        yield c


@pytest.fixture(scope="session")
def ids(web_store: Path) -> dict[str, str]:
    """Article ids by a short name: bridge (HL-A1), okafor (NG-A1), payload."""
    with sqlite3.connect(web_store) as conn:
        find: Callable[[str], str] = lambda pattern: conn.execute(  # noqa: E731
            "SELECT id FROM articles WHERE source LIKE ?", (pattern,)
        ).fetchone()[0]
        return {
            "bridge": find("%calder-bridge-collapse.txt"),
            "okafor": find("%calder-river-bridge-collapse.html"),
            "payload": find("%payload.jsonl:1"),
        }


def copy_of(web_store: Path, folder: Path, script: str) -> Path:
    """A copy of the store with ``script`` run on it (the backup API: writes may sit in the WAL)."""
    path = folder / "copy.db"
    with sqlite3.connect(web_store) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
        copy.executescript(script)
    return path


@pytest.fixture(scope="session")
def lit_store(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store as later stages will leave it: stories grouped, Dana Okafor resolved."""
    path = copy_of(
        web_store,
        tmp_path_factory.mktemp("lit"),
        STORIES_SCHEMA
        + """
        INSERT INTO stories (id, title) VALUES ('s-bridge', 'Fenwick Street Bridge collapse'),
                                               ('s-water', 'Velmar–Ostrania water talks');
        INSERT INTO story_articles (story_id, article_id, score)
            SELECT 's-bridge', id, 1.0 FROM articles WHERE text LIKE '%Fenwick Street%';
        INSERT INTO story_articles (story_id, article_id, score)
            SELECT 's-water', id, 1.0 FROM articles WHERE text LIKE '%Serrin%';
        UPDATE stories SET article_count = (SELECT count(*) FROM story_articles WHERE story_id = stories.id);
        """,
    )
    # The water talks compared, as `crosswire brief` leaves them (no embedder: fast, same
    # shapes); the bridge story is left uncomputed.
    with Database(path) as db:
        assert story_record(db, "s-water", embedder=None) is not None
    with sqlite3.connect(path) as conn:
        okafor = conn.execute("SELECT id FROM entities WHERE name = 'Dana Okafor'").fetchone()
        assert okafor, "entity resolution is expected to find Dana Okafor in the demo corpus"
        # "Okafor" alone, as resolution would link it (the model does not tag it here), and
        # her quotes linked to her entity as the quotes stage will.
        conn.execute(
            'INSERT INTO mentions (article_id, start, "end", text, label, entity_id, canonical)'
            " SELECT id, instr(text, 'Okafor said') - 1, instr(text, 'Okafor said') + 5, 'Okafor',"
            " 'PERSON', ?, 'Dana Okafor' FROM articles WHERE source LIKE '%calder-bridge-collapse.txt'",
            okafor,
        )
        conn.execute("UPDATE quotes SET entity_id = ? WHERE speaker = 'Dana Okafor'", okafor)
    return path


@pytest.fixture(scope="session")
def okafor_id(lit_store: Path) -> str:
    with sqlite3.connect(lit_store) as conn:
        return str(conn.execute("SELECT id FROM entities WHERE name = 'Dana Okafor'").fetchone()[0])


@pytest.fixture(scope="session")
def unresolved_store(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store as it was before entity resolution: entity pages are keyed by name."""
    script = "UPDATE mentions SET entity_id = NULL; UPDATE quotes SET entity_id = NULL; DELETE FROM entities;"
    return copy_of(web_store, tmp_path_factory.mktemp("unresolved"), script)


@pytest.fixture(scope="session")
def lit_client(lit_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=lit_store))) as c:
        yield c


@pytest.fixture(scope="session")
def unresolved_client(unresolved_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=unresolved_store))) as c:
        yield c
