"""Read-only access to the store: ``mode=ro`` connections, a deadline, and a small pool.

Nothing read through here can write, because SQLite itself refuses (``mode=ro`` plus
``PRAGMA query_only``). Connections are opened with ``check_same_thread=False`` because a
web server runs sync views in a thread pool: that is safe since a connection is only ever
used by the one request that borrowed it.

Each borrowed connection carries a deadline enforced by SQLite's progress handler, so a
query that would read far more of the store than a page should (a pathological search, a
missing index) is interrupted instead of holding a worker.

A file that is not a store this version can read (missing, not SQLite, not crosswire's, a
newer schema) raises ``UnreadableStore`` with what to do, never a bare SQLite error.
"""

from __future__ import annotations

import queue
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

from crosswire.errors import StoreError
from crosswire.store.db import Database
from crosswire.store.migrations import MIGRATIONS

# Seconds one request may spend in SQLite. Pages measure in milliseconds (bench/web_bench.py);
# this only stops a runaway query.
QUERY_DEADLINE = 5.0
# SQLite calls the progress handler every this many virtual-machine instructions.
PROGRESS_STEPS = 20_000


class QueryTooSlow(Exception):
    """A request's queries ran past ``QUERY_DEADLINE`` and were interrupted."""


class UnreadableStore(StoreError):
    """The file is not a crosswire store this version can read; the message says why."""


def _connect(path: Path | str) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise UnreadableStore(f"no store at {path}: `crosswire ingest --db {path} FILES` creates one")
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5.0)


def schema_problem(conn: sqlite3.Connection, path: Path | str) -> str | None:
    """Why ``conn`` is not a store of this version's schema, or None when it is."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        return f"{path} is not a readable SQLite file ({exc}): was it damaged, or is it another file?"
    current = len(MIGRATIONS)
    if version == 0:
        return f"{path} is not a crosswire store: point --db at the file `crosswire ingest` wrote"
    if version > current:
        return (
            f"{path} has schema version {version}, newer than this crosswire ({current}): upgrade crosswire"
        )
    if version < current:
        return f"{path} has an older schema ({version}): `crosswire summary --db {path}` upgrades it"
    return None


def prepare_store(path: Path | str) -> None:
    """Create a missing store and migrate an older one; leave any other file untouched.

    A file that is not a crosswire store is never written to: readers report it instead.
    """
    if not Path(path).exists():
        # A store that cannot be created here (no such folder): readers say there is none.
        with suppress(StoreError):
            Database(path).close()
        return
    with closing(_connect(path)) as conn:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError:
            return  # not SQLite: readers say so
    if 0 < version < len(MIGRATIONS):
        Database(path).close()


class ReadOnlyDatabase(Database):
    """A ``Database`` that can only read: never migrates, never writes.

    It subclasses ``Database`` so that every read in ``crosswire.store.queries`` takes it.
    """

    def __init__(self, path: Path | str) -> None:  # no super().__init__: it would migrate
        self.path = str(path)
        try:
            self.conn = _connect(path)
        except sqlite3.Error as exc:
            raise UnreadableStore(f"cannot open {path}: {exc}") from exc
        problem = schema_problem(self.conn, path)
        if problem is not None:
            self.conn.close()
            raise UnreadableStore(problem)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA query_only = ON")
        self.deadline = float("inf")
        self.conn.set_progress_handler(self._past_deadline, PROGRESS_STEPS)

    def _past_deadline(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0


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
            try:
                db = ReadOnlyDatabase(self.path)
            except BaseException:
                self._slots.put(None)
                raise
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
