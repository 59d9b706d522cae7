"""Entity pages: one person, organisation or place across every outlet.

Until entity resolution has run there is no ``entities`` table, and an entity is a name:
mentions whose text or in-article canonical name equals it, quotes whose speaker equals it.
Once an ``entities(id, name, …)`` table exists, a name or id found there is followed through
``mentions.entity_id`` (and ``quotes.entity_id`` once indexed) instead; quotes still match
by speaker name too, for speakers resolution left unlinked.

A name in the news can have hundreds of thousands of mentions, so a page reads a window:
the entity's latest ``WINDOW`` mentions and quotes (by ingest order), each found through an
index seek. Aliases, appearances and roles are computed over that window, and the page
says when the window was full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from crosswire.web.models import Alias, Appearance, EntityPage, QuoteItem, RoleByOutlet
from crosswire.web.queries import quote_item
from crosswire.web.readonly import ReadDB, ReadOnlyDatabase
from crosswire.web.render import Limit, Offset, article_url, pagination, twin
from crosswire.web.timeline_svg import Point, chart, parse_day

router = APIRouter()

WINDOW = 2000
_MAX_ALIASES = 50
_MAX_ROLES = 50


@dataclass(frozen=True, slots=True)
class Window:
    """SQL selecting the rowids of an entity's latest rows in one table, and its parameters."""

    sql: str
    params: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class EntityKey:
    name: str
    entity_id: str | None
    mentions: Window
    quotes: Window


def latest(db: ReadOnlyDatabase, table: str, pairs: list[tuple[str, object]]) -> Window:
    """Rowids of the latest WINDOW rows where any indexed ``column = value`` of ``pairs`` holds.

    Columns without an index are skipped rather than scanned: a page never reads a table.
    """
    parts, params = [], []
    for column, value in pairs:
        if db.indexed(table, column):
            newest = f"SELECT rowid FROM {table} WHERE {column} = ? ORDER BY rowid DESC LIMIT {WINDOW}"
            parts.append(f"SELECT * FROM ({newest})")
            params.append(value)
    return Window(" UNION ".join(parts) or "SELECT NULL WHERE 0", tuple(params))


def entity_key(db: ReadOnlyDatabase, name: str) -> EntityKey:
    if db.has_tables("entities") and {"id", "name"} <= db.columns("entities"):
        rows = db.query("SELECT id, name FROM entities WHERE id = ? OR name = ? LIMIT 1", (name, name))
        if rows:
            eid, display = rows[0]["id"], rows[0]["name"]
            return EntityKey(
                display,
                str(eid),
                latest(db, "mentions", [("entity_id", eid)]),
                latest(db, "quotes", [("speaker", display), ("entity_id", eid)]),
            )
    mentions = latest(db, "mentions", [("text", name), ("canonical", name)])
    if not db.indexed("mentions", "canonical"):
        # Without an index on canonical, find short forms ("Okafor" for "Dana Okafor") in the
        # articles that name the entity in full: in-article resolution works from those.
        mentions = Window(
            f"{mentions.sql} UNION SELECT m.rowid FROM mentions m WHERE m.canonical = ? AND m.article_id IN"
            f" (SELECT article_id FROM mentions WHERE text = ? ORDER BY rowid DESC LIMIT {WINDOW})",
            (*mentions.params, name, name),
        )
    return EntityKey(name, None, mentions, latest(db, "quotes", [("speaker", name)]))


def _entity_extras(page: EntityPage) -> dict[str, Any]:
    points = [
        Point(day, a.outlet or "(unknown outlet)", "published", f"{a.title or a.article_id} ({a.mentions}×)")
        for a in page.appearances
        if (day := parse_day(a.published))
    ]
    return {"chart": chart(points)}


@twin(router, "/entities/{name:path}", "entity.html", decorate=_entity_extras)
def entity(request: Request, db: ReadDB, name: str, limit: Limit = 50, offset: Offset = 0) -> EntityPage:
    """One entity: aliases, roles by outlet, every quote, and the articles that name it."""
    key = entity_key(db, name)
    aliases = _aliases(db, key)
    quotes = _quotes(db, key, limit, offset)
    if not aliases and not quotes and key.entity_id is None:
        raise HTTPException(404, f"No mention of {name!r}: entity pages are keyed by the name as written.")
    appearances = _appearances(db, key, limit, offset)
    return EntityPage(
        name=key.name,
        entity_id=key.entity_id,
        resolved=key.entity_id is not None,
        labels=sorted({a.label for a in aliases}),
        aliases=aliases,
        roles_by_outlet=_roles(db, key),
        quotes=quotes,
        appearances=appearances,
        window=WINDOW,
        window_full=_window_full(db, key),
        pagination=pagination(request, limit, offset, max(len(quotes), len(appearances))),
    )


def _window_full(db: ReadOnlyDatabase, key: EntityKey) -> bool:
    mentions = db.scalar(f"SELECT count(*) FROM ({key.mentions.sql})", key.mentions.params)
    quotes = db.scalar(f"SELECT count(*) FROM ({key.quotes.sql})", key.quotes.params)
    return max(int(mentions), int(quotes)) >= WINDOW


def _aliases(db: ReadOnlyDatabase, key: EntityKey) -> list[Alias]:
    rows = db.query(
        f"SELECT text, label, count(*) AS n FROM mentions WHERE rowid IN ({key.mentions.sql})"
        " GROUP BY text, label ORDER BY n DESC, text LIMIT ?",
        (*key.mentions.params, _MAX_ALIASES),
    )
    return [Alias(text=r["text"], label=r["label"], mentions=r["n"]) for r in rows]


def _roles(db: ReadOnlyDatabase, key: EntityKey) -> list[RoleByOutlet]:
    rows = db.query(
        "SELECT a.outlet, q.role, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.rowid IN ({key.quotes.sql}) AND q.role IS NOT NULL"
        " GROUP BY a.outlet, q.role ORDER BY n DESC, a.outlet LIMIT ?",
        (*key.quotes.params, _MAX_ROLES),
    )
    return [RoleByOutlet(outlet=r["outlet"], role=r["role"], quotes=r["n"]) for r in rows]


def _quotes(db: ReadOnlyDatabase, key: EntityKey, limit: int, offset: int) -> list[QuoteItem]:
    rows = db.query(
        "SELECT q.*, a.outlet, a.title, a.published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.rowid IN ({key.quotes.sql})"
        " ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        (*key.quotes.params, limit, offset),
    )
    return [quote_item(r) for r in rows]


def _appearances(db: ReadOnlyDatabase, key: EntityKey, limit: int, offset: int) -> list[Appearance]:
    """Articles naming the entity, newest first, with how often each names it."""
    rows = db.query(
        "SELECT a.id, a.title, a.outlet, a.published, count(*) AS n"
        f" FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.rowid IN ({key.mentions.sql})"
        " GROUP BY m.article_id ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        (*key.mentions.params, limit, offset),
    )
    return [
        Appearance(
            article_id=r["id"],
            url=article_url(r["id"]),
            title=r["title"],
            outlet=r["outlet"],
            published=r["published"],
            mentions=r["n"],
        )
        for r in rows
    ]
