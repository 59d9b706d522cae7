"""Read-only queries across articles: who said what, and when things happened.

Each returns rows ready to print or serve (the CLI and the web UI share them), and each is
bounded by a limit so no call reads the whole store.
"""

from __future__ import annotations

import sqlite3

from crosswire.store.db import Database


def quotes(
    db: Database,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
    entity_id: str | None = None,
) -> list[sqlite3.Row]:
    """Quotes with their speaker, role and outlet, in article order; filters match loosely."""
    where, params = [], []
    if entity_id:
        where.append("q.entity_id = ?")
        params.append(entity_id)
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


def entities(db: Database, label: str | None = None, limit: int = 100, offset: int = 0) -> list[sqlite3.Row]:
    """Entities, most widely reported first, with their aliases."""
    where, params = ("WHERE e.label = ?", [label.upper()]) if label else ("", [])
    return db.query(
        "SELECT e.id, e.name, e.label, e.article_count,"
        " (SELECT group_concat(alias, ' | ') FROM (SELECT alias FROM entity_aliases a"
        "   WHERE a.entity_id = e.id ORDER BY count DESC, alias LIMIT 8)) AS aliases"
        f" FROM entities e {where} ORDER BY e.article_count DESC, e.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def find_entities(db: Database, name: str, limit: int = 20) -> list[sqlite3.Row]:
    """Entities whose id is ``name``, or that went by that name (exactly, then in part)."""
    return db.query(
        "SELECT e.*, (a.alias = ? COLLATE NOCASE) AS exact FROM entities e"
        " JOIN entity_aliases a ON a.entity_id = e.id"
        " WHERE e.id = ? OR a.alias LIKE ? GROUP BY e.id"
        " ORDER BY max(exact) DESC, e.article_count DESC LIMIT ?",
        (name, name, f"%{name}%", limit),
    )


def entity_articles(db: Database, entity_id: str, limit: int = 200) -> list[sqlite3.Row]:
    """The articles an entity appears in, in publication order, with the name each used."""
    return db.query(
        "SELECT a.id, a.outlet, a.title, a.published, group_concat(DISTINCT m.name) AS names"
        " FROM entity_members m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?"
        " GROUP BY a.id ORDER BY coalesce(a.published, ''), a.id LIMIT ?",
        (entity_id, limit),
    )


def entity_roles(db: Database, entity_id: str) -> list[sqlite3.Row]:
    """The roles outlets gave this entity when quoting it, per outlet."""
    return db.query(
        "SELECT coalesce(a.outlet, '(unknown)') AS outlet, q.role, count(*) AS n"
        " FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE q.entity_id = ? AND q.role IS NOT NULL GROUP BY 1, 2 ORDER BY 1, n DESC",
        (entity_id,),
    )
