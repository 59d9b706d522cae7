"""What resolution reads from the entities already resolved: the ``EntityIndex`` protocol.

Resolution never runs SQL: the store (``crosswire.store.entities.EntityStore``) implements this
protocol with indexed lookups, and tests or evaluations may pass any object that does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from crosswire.resolve.profiles import EntityProfile


class EntityIndex(Protocol):
    """Entities already resolved, found by index key (``matching.lookup_keys``)."""

    def candidates(self, keys: Iterable[str]) -> list[EntityProfile]:
        """The entities filed under any of ``keys``, each once, in a fixed order."""
        ...
