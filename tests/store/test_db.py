from pathlib import Path

import pytest

from crosswire.errors import StoreError
from crosswire.store import ArticleStore, Database
from crosswire.store.db import CACHE_MB
from crosswire.store.migrations import MIGRATIONS


def test_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    with Database(tmp_path / "x.db") as db:
        assert db.version == len(MIGRATIONS)
        assert db.scalar("PRAGMA journal_mode") == "wal"
        assert db.scalar("PRAGMA foreign_keys") == 1


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    with Database(tmp_path / "x.db") as db:
        db.execute("INSERT INTO ingest_errors (source, reason) VALUES ('a', 'b')")
    with Database(tmp_path / "x.db") as db:
        assert db.scalar("SELECT count(*) FROM ingest_errors") == 1


def test_a_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    with Database(tmp_path / "x.db") as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="upgrade crosswire"):
        Database(tmp_path / "x.db")


def test_atomic_rolls_back_everything_on_error() -> None:
    db = Database()
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO ingest_errors (source, reason) VALUES ('a', 'b')")
        raise RuntimeError("boom")
    assert db.scalar("SELECT count(*) FROM ingest_errors") == 0


def test_foreign_keys_are_enforced() -> None:
    db = Database()
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.execute("INSERT INTO sentences (article_id, start, \"end\") VALUES ('nope', 0, 1)")


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Database(tmp_path / "missing-dir" / "x.db")


def test_the_page_cache_is_sized_for_a_grown_store(tmp_path: Path) -> None:
    # SQLite's 2 MB default re-read the writer's index pages from disk on every batch.
    with Database(tmp_path / "a.db") as db:
        assert db.scalar("PRAGMA cache_size") == -CACHE_MB * 1024
    with Database(tmp_path / "a.db", cache_mb=8) as db:
        assert db.scalar("PRAGMA cache_size") == -8 * 1024


def test_a_loaded_shard_is_remembered_with_its_latest_digest() -> None:
    store = ArticleStore(Database())
    assert store.loaded_shard_digest("shard-0001") is None
    store.mark_shard_loaded("shard-0001", "aaaa", articles=3)
    store.mark_shard_loaded("shard-0001", "bbbb", articles=5)  # the file changed and was loaded again
    assert store.loaded_shard_digest("shard-0001") == "bbbb"
    assert store.loaded_shard_digest("shard-0002") is None
