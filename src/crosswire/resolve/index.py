"""What resolution reads from and writes to the entities already resolved: two protocols.

Resolution never runs SQL. ``EntityIndex`` is what the pure core (``resolve_entities``) looks
up; ``EntityTables`` adds what resolving a new batch against a store needs (``resolve_new``
and the pipeline's writer). The store (``crosswire.store.entities.EntityStore``) implements
both with indexed lookups; tests and evaluations may pass any object that does.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

from crosswire.resolve.evidence import Overrides
from crosswire.resolve.profiles import EntityProfile

if TYPE_CHECKING:  # entities.py imports this module: the name is for annotations only
    from crosswire.resolve.entities import Resolution


class EntityIndex(Protocol):
    """Entities already resolved, found by index key (``matching.lookup_keys``)."""

    def candidates(self, keys: Iterable[str]) -> list[EntityProfile]:
        """The entities filed under any of ``keys``, each once, in a fixed order."""
        ...


class EntityTables(EntityIndex, Protocol):
    """The index, the user's overrides, and where a ``Resolution`` is written."""

    def overrides_for_batch(self) -> AbstractContextManager[Overrides]:
        """The user's overrides, read once and used by every lookup of one batch."""
        ...

    def save(self, resolution: Resolution, *, mentions_stored: bool = True) -> None:
        """Write what ``resolution`` changed, in one transaction."""
        ...
