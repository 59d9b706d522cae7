"""Content ids: what makes two readings of an article the same article.

A leaf module (standard library only), so the store, ingest and the CLI can name an article
without importing each other. The id hashes the *normalized* cleaned text (case, spacing,
quote styles folded): the same article read from another file or URL, or re-encoded, gets
the same id. Ids are stored, so the normalization is fixed: changing it re-keys every store.
"""

from __future__ import annotations

import hashlib
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def normalize_for_identity(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(folded.split())


def article_id(text: str) -> str:
    return hashlib.sha256(normalize_for_identity(text).encode("utf-8")).hexdigest()[:16]


def raw_id(content: str) -> str:
    """The id of an input as read (bytes decoded, not cleaned): a source's raw copy is stored once."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()
