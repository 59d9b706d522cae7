"""Reading entities: the list, finding one by name, its articles, roles, aliases and quotes.

A name in the news can have hundreds of thousands of mentions, so an entity page reads a
window: the entity's latest ``WINDOW`` mentions and quotes (by ingest order), each found
through an index seek (every column matched here is indexed by the migrations).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from crosswire.store.db import Database
from crosswire.store.queries.quotes import ESCAPE, QUOTE_SELECT, like_pattern, quote_row
from crosswire.store.queries.records import (
    AliasCount,
    EntityArticle,
    EntityRow,
    QuoteRow,
    RoleCount,
    TopEntity,
)

WINDOW = 2000
# Labels the store summary ranks: names of people, organisations and places.
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def _entity_rows(db: Database, sql: str, params: list[object]) -> list[EntityRow]:
    rows = db.query(
        "SELECT e.id, e.name, e.label, e.article_count,"
        " (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases a"
        "   WHERE a.entity_id = e.id ORDER BY count DESC, alias LIMIT 8)) AS aliases" + sql,
        params,
    )
    return [
        EntityRow(r["id"], r["name"], r["label"], r["article_count"], tuple(json.loads(r["aliases"])))
        for r in rows
    ]


def list_entities(
    db: Database, label: str | None = None, limit: int = 100, offset: int = 0
) -> list[EntityRow]:
    """Entities, most widely reported first, with their most used aliases."""
    where, params = ("WHERE e.label = ?", [label.upper()]) if label else ("", [])
    return _entity_rows(
        db, f" FROM entities e {where} ORDER BY e.article_count DESC, e.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )  # fmt: skip


def find_entities(db: Database, name: str, limit: int = 20) -> list[EntityRow]:
    """Entities whose id is ``name``, or that went by that name (exactly first, then in part)."""
    return _entity_rows(
        db,
        " FROM entities e JOIN (SELECT entity_id, max(alias = ? COLLATE NOCASE) AS exact"
        f"  FROM entity_aliases WHERE entity_id = ? OR alias LIKE ?{ESCAPE} GROUP BY entity_id) x"
        " ON x.entity_id = e.id ORDER BY x.exact DESC, e.article_count DESC LIMIT ?",
        [name, name, like_pattern(name), limit],
    )


def top_entities(db: Database, limit: int = 10) -> list[TopEntity]:
    """The names reported by the most articles (``crosswire summary``)."""
    marks = ",".join("?" * len(NAME_LABELS))
    rows = db.query(
        "SELECT name, label, article_count AS articles,"
        " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n FROM entities e"
        f" WHERE label IN ({marks}) ORDER BY article_count DESC, n DESC, name LIMIT ?",
        (*NAME_LABELS, limit),
    )
    return [TopEntity(r["name"], r["label"], r["articles"], r["n"]) for r in rows]


def entity_records(db: Database, batch: int = 500) -> Iterator[dict[str, object]]:
    """Every entity with its aliases and articles, streamed in id order (the export)."""
    last = ""
    while rows := db.query(
        "SELECT id, name, label FROM entities WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
    ):
        for row in rows:
            yield {
                "id": row["id"], "name": row["name"], "label": row["label"],
                "aliases": _column(db, "SELECT alias FROM entity_aliases WHERE entity_id = ?"
                                   " ORDER BY count DESC, alias", row["id"]),
                "articles": _column(db, "SELECT DISTINCT article_id FROM entity_members WHERE entity_id = ?"
                                    " ORDER BY article_id", row["id"]),
            }  # fmt: skip
        last = rows[-1]["id"]


def _column(db: Database, sql: str, *params: object) -> list[object]:
    return [r[0] for r in db.query(sql, params)]


# -- the entity page's window --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """SQL selecting the rowids of an entity's latest rows in one table, and its parameters."""

    sql: str
    params: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class EntityKey:
    """What an entity page reads: the name shown, the entity id once resolved, its windows."""

    name: str
    entity_id: str | None
    mentions: Window
    quotes: Window


def latest(table: str, pairs: list[tuple[str, object]]) -> Window:
    """Rowids of the latest WINDOW rows of ``table`` where any ``column = value`` of ``pairs`` holds."""
    parts = [
        f"SELECT * FROM (SELECT rowid FROM {table} WHERE {column} = ? ORDER BY rowid DESC LIMIT {WINDOW})"
        for column, _ in pairs
    ]
    return Window(" UNION ".join(parts), tuple(value for _, value in pairs))


def entity_key(db: Database, name: str) -> EntityKey:
    """A resolved entity by id or name; otherwise the name as written or as resolved in-article."""
    rows = db.query("SELECT id, name FROM entities WHERE id = ? OR name = ? LIMIT 1", (name, name))
    if rows:
        eid, display = str(rows[0]["id"]), str(rows[0]["name"])
        return EntityKey(
            display,
            eid,
            latest("mentions", [("entity_id", eid)]),
            latest("quotes", [("speaker", display), ("entity_id", eid)]),
        )
    mentions = latest("mentions", [("text", name), ("canonical", name)])
    return EntityKey(name, None, mentions, latest("quotes", [("speaker", name)]))


def window_full(db: Database, key: EntityKey) -> bool:
    """Whether the entity has more mentions or quotes than the window reads."""
    mentions = db.scalar(f"SELECT count(*) FROM ({key.mentions.sql})", key.mentions.params)
    quotes = db.scalar(f"SELECT count(*) FROM ({key.quotes.sql})", key.quotes.params)
    return max(int(mentions), int(quotes)) >= WINDOW


def window_aliases(db: Database, key: EntityKey, limit: int = 50) -> list[AliasCount]:
    rows = db.query(
        f"SELECT text, label, count(*) AS n FROM mentions WHERE rowid IN ({key.mentions.sql})"
        " GROUP BY text, label ORDER BY n DESC, text LIMIT ?",
        (*key.mentions.params, limit),
    )
    return [AliasCount(r["text"], r["label"], r["n"]) for r in rows]


def window_roles(db: Database, key: EntityKey, limit: int = 50) -> list[RoleCount]:
    rows = db.query(
        "SELECT a.outlet, q.role, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.rowid IN ({key.quotes.sql}) AND q.role IS NOT NULL"
        " GROUP BY a.outlet, q.role ORDER BY n DESC, a.outlet LIMIT ?",
        (*key.quotes.params, limit),
    )
    return [RoleCount(r["outlet"], r["role"], r["n"]) for r in rows]


def window_quotes(db: Database, key: EntityKey, limit: int, offset: int) -> list[QuoteRow]:
    rows = db.query(
        f"{QUOTE_SELECT} WHERE q.rowid IN ({key.quotes.sql})"
        " ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        (*key.quotes.params, limit, offset),
    )
    return [quote_row(r) for r in rows]


def window_articles(db: Database, key: EntityKey, limit: int, offset: int) -> list[EntityArticle]:
    """Articles naming the entity, newest first, with how often each names it."""
    rows = db.query(
        "SELECT a.id, a.title, a.outlet, a.published, count(*) AS n, group_concat(DISTINCT m.text) AS names"
        f" FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.rowid IN ({key.mentions.sql})"
        " GROUP BY m.article_id ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        (*key.mentions.params, limit, offset),
    )
    return [EntityArticle(r["id"], r["outlet"], r["title"], r["published"], r["names"], r["n"]) for r in rows]
