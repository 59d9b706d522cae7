"""Storage: one SQLite Database and the queries over it."""

from crosswire.store.articles import ArticleStore
from crosswire.store.db import Database

__all__ = ["ArticleStore", "Database"]
