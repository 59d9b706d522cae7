"""Watching, on the web: "What's new" since a time, feed health, alert rules with their recent
alerts, and each rule's alerts as an Atom feed (``/alerts/NAME.atom``).

Every page has its ``.json`` twin (``render.twin``); the reads are
``crosswire.store.queries.watch``'s. Text from articles (titles, quotes, alert summaries) is
escaped by the templates' autoescaping and, in the Atom feed, by the XML serializer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from crosswire.store.queries import watch as reads
from crosswire.watch.atom import alerts_atom
from crosswire.web.readonly import ReadDB
from crosswire.web.render import twin

router = APIRouter()

SINCE_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$"
RECENT = 50


class WhatsNewPage(BaseModel):
    since: str
    articles: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


class FeedHealthPage(BaseModel):
    feeds: list[dict[str, Any]]
    failing: int


class AlertItem(BaseModel):
    id: int
    rule: str
    summary: str
    fired_at: str
    article_id: str | None
    story_id: str | None
    facts: dict[str, Any]


class AlertRuleItem(BaseModel):
    name: str
    kind: str
    arg: str | None
    story_id: str | None
    atom: str


class AlertsPage(BaseModel):
    rules: list[AlertRuleItem]
    alerts: list[AlertItem]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _since(given: str | None) -> str:
    """A day or an ISO UTC time as stored (``…Z``); a day ago by default."""
    if not given:
        return _iso(datetime.now(UTC) - timedelta(days=1))
    text = given.removesuffix("Z")
    return _iso(datetime.fromisoformat(text).replace(tzinfo=UTC))


@twin(router, "/new", "whats_new.html")
def whats_new(
    request: Request, db: ReadDB, since: Annotated[str | None, Query(pattern=SINCE_PATTERN)] = None
) -> WhatsNewPage:
    """What's new: articles, stories, quotes and conflicts since a time (a day ago by default)."""
    when = _since(since)
    return WhatsNewPage(since=when, **reads.whats_new(db, when))


@twin(router, "/feeds", "feeds.html")
def feed_health(request: Request, db: ReadDB) -> FeedHealthPage:
    """Every watched feed: last success, last error, items seen, failures in a row, next poll."""
    feeds = reads.feed_health(db)
    for feed in feeds:
        for column in ("last_poll", "last_success", "last_error_at", "next_poll"):
            value = feed.get(column)
            feed[column] = _iso(datetime.fromtimestamp(value, UTC)) if value else None
    return FeedHealthPage(feeds=feeds, failing=sum(1 for f in feeds if f["failures"]))


def _item(row: reads.AlertRow) -> AlertItem:
    return AlertItem(id=row.id, rule=row.rule, summary=row.summary, fired_at=row.fired_at,
                     article_id=row.article_id, story_id=row.story_id, facts=row.facts)  # fmt: skip


@twin(router, "/alerts", "alerts.html")
def alerts(request: Request, db: ReadDB) -> AlertsPage:
    """The alert rules (secrets and delivery targets not shown) and the latest alerts."""
    rules = [
        AlertRuleItem(
            name=r["name"],
            kind=r["kind"],
            arg=r["arg"],
            story_id=r["story_id"],
            atom=f"/alerts/{quote(r['name'], safe='')}.atom",
        )
        for r in reads.rules_shown(db)
    ]
    return AlertsPage(rules=rules, alerts=[_item(a) for a in reads.alert_log(db, limit=RECENT)])


@router.get("/alerts/{name}.atom", tags=["feeds"], summary="A rule's alerts as an Atom feed")
def alerts_feed(request: Request, name: str, db: ReadDB) -> Response:
    if name not in reads.rule_names(db):
        raise HTTPException(404, f"No alert rule named {name!r}.")
    base = str(request.base_url).rstrip("/")
    body = alerts_atom(name, reads.alert_log(db, rule=name, limit=RECENT), base, _iso(datetime.now(UTC)))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
