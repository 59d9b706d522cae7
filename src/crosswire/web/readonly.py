"""The web's side of reading: one read-only connection per request, as a FastAPI dependency.

The connections themselves (``mode=ro``, the query deadline, the pool) are the store's:
``crosswire.store.readonly``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from crosswire.store.readonly import ReadOnlyDatabase, ReadPool


def read_db(request: Request) -> Iterator[ReadOnlyDatabase]:
    """FastAPI dependency: one read-only connection for the duration of a request."""
    pool: ReadPool = request.app.state.pool
    with pool.connection() as db:
        yield db


ReadDB = Annotated[ReadOnlyDatabase, Depends(read_db)]
