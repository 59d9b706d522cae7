"""Read-only access to the store for the web UI: a small pool of ``mode=ro`` connections.

Every GET request borrows one connection and gives it back; nothing a page does can write,
because SQLite itself refuses (``mode=ro`` plus ``PRAGMA query_only``). Connections are
opened with ``check_same_thread=False`` because FastAPI runs sync views in a thread pool:
that is safe here since a connection is only ever used by the one request that borrowed it.

Each borrowed connection carries a deadline enforced by SQLite's progress handler, so a
query that would read far more of the store than a page should (a pathological search, a
missing index) is interrupted instead of holding a worker.
"""

from __future__ import annotations

import queue
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request

from crosswire.store.db import Database

# Seconds one request may spend in SQLite. Pages measure in milliseconds (bench/web_bench.py);
# this only stops a runaway query.
QUERY_DEADLINE = 5.0
# SQLite calls the progress handler every this many virtual-machine instructions.
PROGRESS_STEPS = 20_000


class QueryTooSlow(Exception):
    """A request's queries ran past ``QUERY_DEADLINE`` and were interrupted."""


class ReadOnlyDatabase(Database):
    """A ``Database`` that can only read: never migrates, never writes.

    It subclasses ``Database`` so that the store's own read helpers (``views.quotes``,
    ``load_annotations``) take it as they are.
    """

    def __init__(self, path: Path | str) -> None:  # no super().__init__: it would migrate
        self.path = str(path)
        uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
        self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5.0)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA query_only = ON")
        self.deadline = float("inf")
        self.conn.set_progress_handler(self._past_deadline, PROGRESS_STEPS)

    def _past_deadline(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0

    def tables(self) -> set[str]:
        """Names of the tables that exist now: later stages light pages up by adding theirs."""
        return {r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    def has_tables(self, *names: str) -> bool:
        return set(names) <= self.tables()

    def columns(self, table: str) -> set[str]:
        return {r["name"] for r in self.query("SELECT name FROM pragma_table_info(?)", (table,))}

    def indexed(self, table: str, column: str) -> bool:
        """Whether some index of ``table`` starts with ``column`` (so ``column = ?`` is a seek)."""
        return bool(
            self.scalar(
                "SELECT 1 FROM pragma_index_list(?) AS l, pragma_index_info(l.name) AS i"
                " WHERE i.seqno = 0 AND i.name = ? LIMIT 1",
                (table, column),
            )
        )


class ReadPool:
    """At most ``size`` open connections, created on first use and reused across requests."""

    def __init__(self, path: Path | str, size: int = 4) -> None:
        self.path = path
        self._idle: queue.LifoQueue[ReadOnlyDatabase] = queue.LifoQueue()
        self._slots = queue.Queue[None]()
        for _ in range(size):
            self._slots.put(None)

    @contextmanager
    def connection(self) -> Iterator[ReadOnlyDatabase]:
        self._slots.get()  # waits while every connection is in use
        try:
            db = self._idle.get_nowait()
        except queue.Empty:
            db = ReadOnlyDatabase(self.path)
        db.deadline = time.monotonic() + QUERY_DEADLINE
        try:
            yield db
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTooSlow(str(exc)) from exc
            raise
        finally:
            db.deadline = float("inf")
            self._idle.put(db)
            self._slots.put(None)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def read_db(request: Request) -> Iterator[ReadOnlyDatabase]:
    """FastAPI dependency: one read-only connection for the duration of a request."""
    pool: ReadPool = request.app.state.pool
    with pool.connection() as db:
        yield db


ReadDB = Annotated[ReadOnlyDatabase, Depends(read_db)]
