"""Entity pages: one person, organisation or place across every outlet.

A name or id found in ``entities`` is followed through ``mentions.entity_id`` and
``quotes.entity_id``; quotes also match by speaker name, for speakers resolution left
unlinked. A name resolution never saw is matched as written, or as the name a short
mention was resolved to inside its article.

A page reads a window of the entity's latest mentions and quotes
(``crosswire.store.queries.entities``) and says when the window was full.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from crosswire.store.queries import entities as reads
from crosswire.web.convert import quote_item
from crosswire.web.models import Alias, Appearance, EntityPage, RoleByOutlet
from crosswire.web.readonly import ReadDB
from crosswire.web.render import Limit, Offset, article_url, pagination, twin
from crosswire.web.timeline_svg import Point, chart, parse_day

router = APIRouter()

_MAX_ALIASES = 50
_MAX_ROLES = 50


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
    key = reads.entity_key(db, name)
    aliases = [
        Alias(text=a.text, label=a.label, mentions=a.mentions)
        for a in reads.window_aliases(db, key, _MAX_ALIASES)
    ]
    quotes = [quote_item(q) for q in reads.window_quotes(db, key, limit, offset)]
    if not aliases and not quotes and key.entity_id is None:
        raise HTTPException(404, f"No mention of {name!r}: entity pages are keyed by the name as written.")
    appearances = _appearances(db, key, limit, offset)
    return EntityPage(
        name=key.name,
        entity_id=key.entity_id,
        resolved=key.entity_id is not None,
        labels=sorted({a.label for a in aliases}),
        aliases=aliases,
        roles_by_outlet=[
            RoleByOutlet(outlet=r.outlet, role=r.role, quotes=r.quotes)
            for r in reads.window_roles(db, key, _MAX_ROLES)
        ],
        quotes=quotes,
        appearances=appearances,
        window=reads.WINDOW,
        window_full=reads.window_full(db, key),
        pagination=pagination(request, limit, offset, max(len(quotes), len(appearances))),
    )


def _appearances(db: ReadDB, key: reads.EntityKey, limit: int, offset: int) -> list[Appearance]:
    """Articles naming the entity, newest first, with how often each names it."""
    return [
        Appearance(
            article_id=a.id,
            url=article_url(a.id),
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            mentions=a.mentions,
        )
        for a in reads.window_articles(db, key, limit, offset)
    ]
