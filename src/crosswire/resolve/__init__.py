"""Across articles: one entity per real-world referent, with its aliases and articles.

``resolve_entities`` is the pure core (articles in, entities and merge evidence out); it reads
the entities already resolved through an ``EntityIndex`` (``resolve.index``).
``resolve_new(articles, tables)`` resolves a new batch against a store's ``EntityTables``,
which ``crosswire.store.entities.EntityStore`` implements with index lookups; overrides are
the user's merges and splits, applied after the automatic rules.
"""

from crosswire.resolve.entities import MergeEvidence, Resolution, resolve_entities, resolve_new
from crosswire.resolve.evidence import Override, Overrides
from crosswire.resolve.index import EntityIndex, EntityTables
from crosswire.resolve.profiles import EntityProfile, LocalEntity, local_entities

__all__ = [
    "EntityIndex", "EntityProfile", "EntityTables", "LocalEntity", "MergeEvidence", "Override", "Overrides",
    "Resolution", "local_entities", "resolve_entities", "resolve_new",
]
