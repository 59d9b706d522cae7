"""Across articles: one entity per real-world referent, with its aliases and articles.

``resolve_entities`` is the pure core (articles in, entities and merge evidence out);
``EntityStore`` keeps entities in the database and resolves each new batch against them by
index lookups; overrides are the user's merges and splits, applied after the automatic rules.
"""

from crosswire.resolve.entities import MergeEvidence, Resolution, resolve_entities
from crosswire.resolve.evidence import Override, Overrides
from crosswire.resolve.profiles import EntityProfile, LocalEntity, local_entities

__all__ = [
    "EntityProfile", "LocalEntity", "MergeEvidence", "Override", "Overrides", "Resolution",
    "local_entities", "resolve_entities",
]
