"""Reads for ``crosswire watch`` and its alerts: what rules look at, the alert log, feed
health and "what's new" since a time.

Rules read only articles past their cursor (``articles.rowid``, which only grows), so each
evaluation costs what arrived since the last one, not the whole store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.store.db import Database


@dataclass(frozen=True, slots=True)
class NewQuote:
    rowid: int  # the article's
    article_id: str
    outlet: str | None
    title: str | None
    speaker: str | None
    entity_id: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NewMention:
    rowid: int
    article_id: str
    outlet: str | None
    title: str | None
    entity_id: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    rule: str
    fact_key: str
    summary: str
    facts: dict[str, Any]
    article_id: str | None
    story_id: str | None
    fired_at: str


def last_article_rowid(db: Database) -> int:
    return int(db.scalar("SELECT coalesce(max(rowid), 0) FROM articles"))


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def quotes_since(db: Database, cursor: int, upto: int) -> list[NewQuote]:
    """Quotes of the articles stored after ``cursor`` (up to ``upto``), in storing order."""
    rows = db.query(
        "SELECT a.rowid AS rowid, q.article_id, a.outlet, a.title, q.speaker, q.entity_id, q.text, q.start,"
        ' q."end"'
        " FROM articles a JOIN quotes q ON q.article_id = a.id WHERE a.rowid > ? AND a.rowid <= ?"
        " ORDER BY a.rowid, q.start",
        (cursor, upto),
    )
    return [NewQuote(**dict(r)) for r in rows]


def mentions_since(db: Database, cursor: int, upto: int, entity_ids: Sequence[str]) -> list[NewMention]:
    """Mentions of ``entity_ids`` in the articles stored after ``cursor``."""
    if not entity_ids:
        return []
    rows = db.query(
        'SELECT a.rowid AS rowid, m.article_id, a.outlet, a.title, m.entity_id, m.text, m.start, m."end"'
        " FROM articles a JOIN mentions m ON m.article_id = a.id WHERE a.rowid > ? AND a.rowid <= ?"
        f" AND m.entity_id IN ({_marks(entity_ids)}) ORDER BY a.rowid, m.start",
        (cursor, upto, *entity_ids),
    )
    return [NewMention(**dict(r)) for r in rows]


def stories_touched_since(db: Database, cursor: int, upto: int) -> list[tuple[str, int, str]]:
    """(story id, independent sources, title) of the stories the new articles joined."""
    rows = db.query(
        "SELECT DISTINCT s.id, s.source_count, s.title FROM articles a"
        " JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id"
        " WHERE a.rowid > ? AND a.rowid <= ? ORDER BY s.id",
        (cursor, upto),
    )
    return [(r["id"], r["source_count"], r["title"]) for r in rows]


def entity_ids_named(db: Database, name: str, label: str | None = None) -> list[str]:
    """Entities one of whose aliases (or whose id) is ``name``, case-insensitively."""
    rows = db.query(
        "SELECT DISTINCT e.id FROM entities e LEFT JOIN entity_aliases al ON al.entity_id = e.id"
        " WHERE (e.id = ? OR lower(e.name) = lower(?) OR lower(al.alias) = lower(?))"
        " AND (? IS NULL OR e.label = ?) ORDER BY e.id",
        (name, name, name, label, label),
    )
    return [r["id"] for r in rows]


def _alert(row: Any) -> AlertRow:
    return AlertRow(
        id=row["id"], rule=row["rule"], fact_key=row["fact_key"], summary=row["summary"],
        facts=json.loads(row["facts"]), article_id=row["article_id"], story_id=row["story_id"],
        fired_at=row["fired_at"],
    )  # fmt: skip


def alert_log(
    db: Database, since: str | None = None, rule: str | None = None, limit: int = 100
) -> list[AlertRow]:
    """Alerts fired, newest first; ``since`` an ISO time (UTC)."""
    rows = db.query(
        "SELECT * FROM alerts WHERE (? IS NULL OR fired_at >= ?) AND (? IS NULL OR rule = ?)"
        " ORDER BY id DESC LIMIT ?",
        (since, since, rule, rule, limit),
    )
    return [_alert(r) for r in rows]


def alert(db: Database, alert_id: int) -> AlertRow | None:
    rows = db.query("SELECT * FROM alerts WHERE id = ?", (alert_id,))
    return _alert(rows[0]) if rows else None


def alert_counts(db: Database) -> dict[str, int]:
    """How many alerts each rule has fired."""
    return {r["rule"]: r["n"] for r in db.query("SELECT rule, count(*) AS n FROM alerts GROUP BY rule")}


def rule_names(db: Database) -> list[str]:
    return [r["name"] for r in db.query("SELECT name FROM alert_rules ORDER BY name")]


def deliveries(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    """The delivery log, newest first."""
    rows = db.query(
        "SELECT d.*, a.rule FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
        " ORDER BY d.id DESC LIMIT ?",
        (limit,),
    )
    return [dict(r) for r in rows]


def feed_health(db: Database) -> list[dict[str, Any]]:
    """Every watched feed's state, failing feeds first."""
    rows = db.query("SELECT * FROM watch_feeds ORDER BY failures DESC, url")
    return [dict(r) for r in rows]


def whats_new(db: Database, since: str, limit: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Articles, stories, quotes and alerts since ``since`` (an ISO UTC time)."""
    articles = db.query(
        "SELECT id, title, outlet, published, url, ingested_at FROM articles WHERE ingested_at >= ?"
        " ORDER BY rowid DESC LIMIT ?",
        (since, limit),
    )
    stories = db.query(
        "SELECT id, title, article_count, source_count, updated_at FROM stories WHERE updated_at >= ?"
        " ORDER BY updated_at DESC LIMIT ?",
        (since, limit),
    )
    quotes = db.query(
        'SELECT q.article_id, q.speaker, q.text, q.start, q."end", a.outlet FROM quotes q'
        " JOIN articles a ON a.id = q.article_id WHERE a.ingested_at >= ?"
        " ORDER BY a.rowid DESC, q.start LIMIT ?",
        (since, limit),
    )
    conflicts = db.query(
        "SELECT a.* FROM alerts a JOIN alert_rules r ON r.name = a.rule"
        " WHERE r.kind = 'conflict' AND a.fired_at >= ? ORDER BY a.id DESC LIMIT ?",
        (since, limit),
    )
    return {
        "articles": [dict(r) for r in articles],
        "stories": [dict(r) for r in stories],
        "quotes": [dict(r) for r in quotes],
        "conflicts": [{**dict(r), "facts": json.loads(r["facts"])} for r in conflicts],
    }


def rules_shown(db: Database) -> list[dict[str, Any]]:
    """The rules as the web shows them: no webhook, secret or address."""
    return [dict(r) for r in db.query("SELECT name, kind, arg, story_id FROM alert_rules ORDER BY name")]
