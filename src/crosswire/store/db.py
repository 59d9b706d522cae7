"""The one Database: a SQLite file, small helpers on one ``execute``, numbered migrations.

SQLite is opened in WAL mode with foreign keys on. crosswire has one writer: workers return
records and only the process holding the ``Database`` writes them, one transaction per batch,
so a run killed at any point leaves the file at the last committed batch.
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


class Database:
    def __init__(self, path: Path | str = ":memory:", cache_mb: int = CACHE_MB) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA cache_size = -{int(cache_mb) * 1024}")  # negative: KiB
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across a process kill in WAL mode; only a power loss can
            # drop the last transactions, never corrupt the file.
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # -- the one place SQL runs ---------------------------------------------------------
    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

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
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- schema ---------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this crosswire "
                f"({len(MIGRATIONS)}): upgrade crosswire"
            )
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            # executescript commits first, so the script runs in its own explicit transaction.
            self.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
