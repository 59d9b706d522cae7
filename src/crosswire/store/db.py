"""The one Database: a SQLite file, small helpers on one ``execute``, numbered migrations.

SQLite is opened in WAL mode with foreign keys on. crosswire has one writer: workers return
records and only the process holding the ``Database`` writes them, one transaction per batch,
so a run killed at any point leaves the file at the last committed batch.

Two processes may still open one store at once (two ``crosswire ingest`` runs, ``serve``
beside an ingest). Each write transaction starts with ``BEGIN IMMEDIATE``, which takes
SQLite's write lock or waits for it (``BUSY_TIMEOUT``), so what a writer reads inside its
transaction no other process can change before it commits. Migrations run in such a
transaction too, and read the schema version again once they hold the lock. A lock held
longer than the timeout is a ``StoreLockedError``: one line, not a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.store.migrations import MIGRATIONS

Params = Sequence[Any] | dict[str, Any]

# SQLite's page cache per connection (its default is 2 MB). The writer's lookups (entity
# keys, near-duplicate bands, story keys) land on index pages all over a store that grows to
# gigabytes; with 2 MB it read them again and again from disk, or from an OS page cache a
# VM reclaims within a minute: 1.5 GB read for 320 articles into a 5k store, 0.4 GB with
# 256 MB. Pages are allocated as used, so a small store or a short command costs nothing.
CACHE_MB = 256

# Seconds a statement waits for another process's write lock. Another ingest holds it while
# it writes one batch (seconds), a migration of a large store for a minute or more; a lock
# held longer than this is a stuck process or a file system without working locks.
BUSY_TIMEOUT = 300.0


class StoreLockedError(StoreError):
    """Another process held the store's write lock for longer than the busy timeout."""


class Database:
    def __init__(
        self, path: Path | str = ":memory:", cache_mb: int = CACHE_MB, busy_timeout: float | None = None
    ) -> None:
        self.path = str(path)
        self.busy_timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=self.busy_timeout)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self.execute("PRAGMA foreign_keys = ON")
        self.execute(f"PRAGMA cache_size = -{int(cache_mb) * 1024}")  # negative: KiB
        if self.path != ":memory:":
            self.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across a process kill in WAL mode; only a power loss can
            # drop the last transactions, never corrupt the file.
            self.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # -- the one place SQL runs ---------------------------------------------------------
    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            self._raise_if_locked(exc)
            raise

    def executemany(self, sql: str, rows: Iterable[Params]) -> sqlite3.Cursor:
        try:
            return self.conn.executemany(sql, rows)
        except sqlite3.OperationalError as exc:
            self._raise_if_locked(exc)
            raise

    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return self.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction: everything inside commits together or not at all."""
        if self.conn.in_transaction:  # nested: the outer transaction decides
            yield self
            return
        # IMMEDIATE takes the write lock now (waiting for another process to commit), so
        # everything read inside is current until this transaction commits.
        self.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def _raise_if_locked(self, exc: sqlite3.OperationalError) -> None:
        # The low byte is the primary code: BUSY, and its extended codes (BUSY_SNAPSHOT…).
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY:
            raise StoreLockedError(
                f"{self.path} is locked: another process (crosswire ingest, load or run --load?) "
                f"held its write lock for over {self.busy_timeout:g}s; try again once it has finished"
            ) from exc

    # -- schema ---------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def migrate(self) -> None:
        """Apply the migrations this store lacks, each in its own write transaction."""
        while self._check_version() < len(MIGRATIONS):
            with self.atomic():
                # Read again under the write lock: another process opening this store at the
                # same time may have applied this very migration since the read above.
                current = self._check_version()
                if current == len(MIGRATIONS):
                    return
                for statement in sql_statements(MIGRATIONS[current]):
                    self.execute(statement)
                self.execute(f"PRAGMA user_version = {current + 1}")

    def _check_version(self) -> int:
        current = self.version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this crosswire "
                f"({len(MIGRATIONS)}): upgrade crosswire"
            )
        return current

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sql_statements(script: str) -> Iterator[str]:
    """The statements of an SQL script one at a time, a trigger's body kept whole.

    ``executescript`` would run the script at once, but it commits any open transaction
    first: it cannot run inside the transaction that holds the migration's lock.
    """
    statement = ""
    for piece in script.split(";"):
        statement += piece + ";"
        if sqlite3.complete_statement(statement):  # false inside a trigger's BEGIN ... END
            if statement.strip(" \t\n;"):
                yield statement
            statement = ""
    if statement.strip(" \t\n;"):
        yield statement
