"""Read-only queries across articles: who said what, and when things happened.

Each returns rows ready to print or serve (the CLI and the web UI share them), and each is
bounded by a limit so no call reads the whole store.
"""

from __future__ import annotations

import sqlite3

from crosswire.store.db import Database


def quotes(
    db: Database, speaker: str | None = None, article: str | None = None, limit: int = 100, offset: int = 0
) -> list[sqlite3.Row]:
    """Quotes with their speaker, role and outlet, in article order; filters match loosely."""
    where, params = [], []
    if speaker:
        where.append("q.speaker LIKE ?")
        params.append(f"%{speaker}%")
    if article:
        where.append("q.article_id LIKE ?")
        params.append(f"{article}%")
    sql = (
        "SELECT q.*, a.outlet, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY coalesce(a.published, ''), q.article_id, q.start LIMIT ? OFFSET ?"
    )
    return db.query(sql, [*params, limit, offset])


def timeline(db: Database, entity: str | None = None, limit: int = 200, offset: int = 0) -> list[sqlite3.Row]:
    """Normalized points in time, earliest first, each with the sentence it anchors.

    With ``entity``, only points whose sentence mentions that name (as written, or as the
    name a short mention was resolved to inside its article).
    """
    params: list[object] = []
    entity_filter = ""
    if entity:
        entity_filter = (
            " AND EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = t.article_id"
            ' AND m.start >= t.anchor_start AND m."end" <= t.anchor_end'
            " AND (m.text LIKE ? OR m.canonical LIKE ?))"
        )
        params += [f"%{entity}%", f"%{entity}%"]
    sql = (
        "SELECT t.*, a.outlet, a.title, a.published,"
        " substr(a.text, t.anchor_start + 1, t.anchor_end - t.anchor_start) AS sentence"
        " FROM times t JOIN articles a ON a.id = t.article_id"
        " WHERE t.value IS NOT NULL AND t.type IN ('DATE', 'TIME')"
        + entity_filter
        + " ORDER BY t.value, a.published LIMIT ? OFFSET ?"
    )
    return db.query(sql, [*params, limit, offset])
