"""Errors crosswire raises, one tree so callers can catch what they mean.

    CrosswireError
    ├── InputError        an input cannot be read: binary, too large, undecodable, malformed
    ├── FetchError        a URL or feed could not be fetched, or was refused (private address…)
    └── StoreError        the database is missing, locked, or of a newer schema
        └── StoreLockedError  another process held the write lock past the busy timeout
                              (crosswire.store.db)

Ingest never lets one bad input stop a batch: readers turn these into ``IngestProblem``
records that are reported and counted, and the rest goes on.
"""


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""


class InputError(CrosswireError):
    """An input that cannot be turned into an article."""


class FetchError(CrosswireError):
    """A URL that could not be fetched or was refused."""


class StoreError(CrosswireError):
    """The database cannot be opened or used."""
