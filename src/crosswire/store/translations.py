"""Renderings of titles and quotes in another language, stored beside the originals.

A rendering never replaces what an article says: the ``translations`` table holds it apart,
keyed by the article, what was rendered (its title, or the quote starting at ``start``) and
the target language, with the original text it was made from and the server that made it.
Rendering again replaces the earlier rendering only (a newer server, a fixed quote).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from crosswire.store.db import Database

RenderedKind = Literal["title", "quote"]


@dataclass(frozen=True, slots=True)
class Rendering:
    article_id: str
    kind: RenderedKind
    start: int  # the quote's start offset in the article text; 0 for the title
    language: str  # the rendering's language (ISO 639-1)
    source_language: str
    original: str
    text: str
    translator: str


def save_renderings(db: Database, renderings: Iterable[Rendering]) -> None:
    db.executemany(
        "INSERT INTO translations (article_id, kind, start, language, source_language, original, text,"
        " translator) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, kind, start, language)"
        " DO UPDATE SET source_language = excluded.source_language, original = excluded.original,"
        " text = excluded.text, translator = excluded.translator,"
        " created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        [(r.article_id, r.kind, r.start, r.language, r.source_language, r.original, r.text, r.translator)
         for r in renderings],
    )


def unrendered_articles(db: Database, language: str = "en", limit: int = 1000) -> list[str]:
    """Ids of stored articles in another language than ``language`` with no rendering in it yet."""
    rows = db.query(
        "SELECT id FROM articles a WHERE a.language IS NOT NULL AND a.language != '' AND a.language != ?"
        " AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.article_id = a.id AND t.language = ?)"
        " ORDER BY a.rowid LIMIT ?",
        (language, language, limit),
    )
    return [r[0] for r in rows]


def renderings_of(db: Database, article_ids: Sequence[str],
                  language: str = "en") -> dict[str, list[Rendering]]:
    """Each article's renderings in ``language``: its title first, then its quotes in text order."""
    found: dict[str, list[Rendering]] = {}
    for start in range(0, len(article_ids), 500):  # SQLite's bound-parameter limit
        chunk = list(article_ids[start:start + 500])
        marks = ", ".join("?" * len(chunk))
        rows = db.query(
            "SELECT article_id, kind, start, language, source_language, original, text, translator"
            f" FROM translations WHERE language = ? AND article_id IN ({marks})"
            " ORDER BY article_id, kind = 'quote', start",
            [language, *chunk],
        )
        for r in rows:
            found.setdefault(r[0], []).append(Rendering(*r))
    return found
