"""The Database: migrations, transactions, and the write lock two processes share."""

import sqlite3
from pathlib import Path

import pytest

from crosswire.errors import StoreError
from crosswire.store import ArticleStore, Database
from crosswire.store.db import BUSY_TIMEOUT, CACHE_MB, StoreLockedError, sql_statements
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


# -- two processes on one store: migrations and the write lock --------------------------------


def test_a_migration_another_process_just_applied_is_not_run_again(tmp_path: Path) -> None:
    """The version read before taking the lock can be stale: another process opening the same
    new store may migrate it in between. The version read under the lock decides."""
    Database(tmp_path / "x.db").close()  # migrated, as by the other process a moment ago

    class StaleFirstRead(Database):
        reads = 0

        @property
        def version(self) -> int:
            self.reads += 1
            return 0 if self.reads == 1 else super().version

    db = StaleFirstRead(tmp_path / "x.db")  # without the second read: "table ... already exists"
    assert db.version == len(MIGRATIONS)
    assert db.reads >= 2
    db.close()


def test_a_write_lock_held_too_long_is_one_clear_store_error(tmp_path: Path) -> None:
    Database(tmp_path / "x.db").close()
    holder = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process, mid-write
    try:
        with Database(tmp_path / "x.db", busy_timeout=0.05) as db:
            locked = pytest.raises(StoreLockedError, match=r"x\.db is locked: another process")
            with locked as caught, db.atomic():
                db.execute("INSERT INTO ingest_errors (source, reason) VALUES ('a', 'b')")
            assert "\n" not in str(caught.value)
            assert isinstance(caught.value, StoreError)  # what the CLI prints as one line
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Database(tmp_path / "x.db") as db:  # nothing half-written, and the store still opens
        assert db.scalar("SELECT count(*) FROM ingest_errors") == 0


def test_the_lock_is_waited_for_by_default(tmp_path: Path) -> None:
    with Database(tmp_path / "x.db") as db:
        assert db.busy_timeout == BUSY_TIMEOUT >= 60
        assert db.scalar("PRAGMA busy_timeout") == int(BUSY_TIMEOUT * 1000)


@pytest.mark.parametrize(
    ("script", "statements"),
    [
        ("CREATE TABLE a (x); CREATE TABLE b (y);", ["CREATE TABLE a (x);", " CREATE TABLE b (y);"]),
        ("INSERT INTO a VALUES (';');", ["INSERT INTO a VALUES (';');"]),
        ("-- one; comment\nCREATE TABLE a (x);", ["-- one; comment\nCREATE TABLE a (x);"]),
        (
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); DELETE FROM b; END;\n  ",
            ["CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); DELETE FROM b; END;"],
        ),
    ],
)
def test_a_script_is_split_into_whole_statements(script: str, statements: list[str]) -> None:
    assert list(sql_statements(script)) == statements


def test_every_migration_splits_into_statements_that_rebuild_the_schema(tmp_path: Path) -> None:
    """The migrations run statement by statement (inside the lock); the schema is exactly what
    SQLite's own script runner makes of them."""
    with Database(tmp_path / "split.db") as db:
        split = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name")
    reference = sqlite3.connect(":memory:")
    for script in MIGRATIONS:
        reference.executescript(script)
    assert [tuple(r) for r in split] == reference.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    ).fetchall()
