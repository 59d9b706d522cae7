"""Across articles: one entity per real-world referent, with its aliases and articles.

``resolve_entities`` is the pure core (articles in, entities and merge evidence out); it reads
the entities already resolved through an ``EntityIndex`` (``resolve.index``), which the store
implements (``crosswire.store.entities.EntityStore``) with index lookups; overrides are the
user's merges and splits, applied after the automatic rules.
"""

from crosswire.resolve.entities import MergeEvidence, Resolution, resolve_entities
from crosswire.resolve.evidence import Override, Overrides
from crosswire.resolve.index import EntityIndex
from crosswire.resolve.profiles import EntityProfile, LocalEntity, local_entities

__all__ = [
    "EntityIndex", "EntityProfile", "LocalEntity", "MergeEvidence", "Override", "Overrides", "Resolution",
    "local_entities", "resolve_entities",
]
