"""Writes for ``crosswire watch``: feed state, items taken, alert rules, alerts, deliveries.

Times the watcher schedules by (next poll, next delivery attempt) are seconds on the
watcher's clock (``crosswire.watch.clock``), so tests and the soak can run on a clock they
move by hand. An item is recorded as taken in the transaction that stores its article
(``Watcher`` opens it), so a killed watcher neither loses nor doubles one. An alert is unique
per rule and fact (the table's UNIQUE key): evaluating the same facts again fires nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.store.db import Database

# A page that failed is tried again at later polls, this many times in all, then given up:
# a page that timed out once may answer next time; one that is refused every time will not.
MAX_ITEM_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    interval: float
    etag: str | None
    last_modified: str | None
    last_poll: float | None
    last_success: float | None
    last_error: str | None
    last_error_at: float | None
    failures: int
    polls: int
    items_seen: int
    next_poll: float


@dataclass(frozen=True, slots=True)
class AlertRule:
    name: str
    kind: str  # quoted | mentions | story-sources | conflict | variant | quote-matches
    arg: str | None = None
    story_id: str | None = None
    webhook: str | None = None
    secret: str | None = None
    email: str | None = None
    cursor: int = 0


@dataclass(frozen=True, slots=True)
class Firing:
    """An alert a rule would fire: ``fact_key`` makes it unique per rule."""

    fact_key: str
    summary: str
    facts: dict[str, Any]
    article_id: str | None = None
    story_id: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    alert_id: int
    channel: str
    target: str
    attempts: int


def _feed(row: Any) -> FeedState:
    return FeedState(**{name: row[name] for name in FeedState.__slots__})


def _state(reason: str | None, final: bool, attempts: int) -> str:
    if reason is None:
        return "stored"
    return "gave-up" if final or attempts >= MAX_ITEM_ATTEMPTS else "failed"


class WatchStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- feeds -------------------------------------------------------------------------------
    def add_feeds(self, feeds: Iterable[tuple[str, float]]) -> None:
        """Follow these feeds; a feed already followed keeps its state and takes the new interval."""
        with self.db.atomic():
            self.db.executemany(
                "INSERT INTO watch_feeds (url, interval) VALUES (?, ?)"
                " ON CONFLICT(url) DO UPDATE SET interval = excluded.interval",
                list(feeds),
            )

    def feed(self, url: str) -> FeedState | None:
        rows = self.db.query("SELECT * FROM watch_feeds WHERE url = ?", (url,))
        return _feed(rows[0]) if rows else None

    def feeds(self, urls: Sequence[str] | None = None) -> list[FeedState]:
        rows = self.db.query("SELECT * FROM watch_feeds ORDER BY next_poll, url")
        return [_feed(r) for r in rows if urls is None or r["url"] in urls]

    def record_success(
        self, url: str, now: float, next_poll: float, etag: str | None, last_modified: str | None
    ) -> None:
        self.db.execute(
            "UPDATE watch_feeds SET last_poll = ?, last_success = ?, failures = 0, polls = polls + 1,"
            " next_poll = ?, etag = ?, last_modified = ? WHERE url = ?",
            (now, now, next_poll, etag, last_modified, url),
        )

    def record_failure(self, url: str, now: float, next_poll: float, reason: str) -> None:
        self.db.execute(
            "UPDATE watch_feeds SET last_poll = ?, last_error = ?, last_error_at = ?,"
            " failures = failures + 1, polls = polls + 1, next_poll = ? WHERE url = ?",
            (now, reason, now, next_poll, url),
        )

    # -- items -------------------------------------------------------------------------------
    def known_item(self, keys: Sequence[str]) -> tuple[int, str, int] | None:
        """(item id, state, attempts) of the item any of ``keys`` names, else None."""
        marks = ",".join("?" * len(keys))
        row = self.db.query(
            f"SELECT i.id, i.state, i.attempts FROM watch_item_keys k JOIN watch_items i ON i.id = k.item_id"
            f" WHERE k.key IN ({marks}) ORDER BY i.state = 'failed' LIMIT 1",
            list(keys),
        )
        return (row[0]["id"], row[0]["state"], row[0]["attempts"]) if row else None

    def add_keys(self, item_id: int, keys: Sequence[str]) -> None:
        """An item seen again under a new GUID or link: known by that name too from now on."""
        self.db.executemany(
            "INSERT OR IGNORE INTO watch_item_keys (key, item_id) VALUES (?, ?)", [(k, item_id) for k in keys]
        )

    def record_item(
        self, feed_url: str, keys: Sequence[str], link: str | None, now: float,
        article_id: str | None, reason: str | None = None, final: bool = False,
    ) -> None:  # fmt: skip
        """The item's outcome: stored (with its article), failed (tried again at later polls), or
        given up (``final``: e.g. an image, which no retry turns into an article)."""
        found = self.known_item(keys)
        if found is None:
            state = _state(reason, final, attempts=1)
            cursor = self.db.execute(
                "INSERT INTO watch_items (feed_url, link, state, article_id, reason, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (feed_url, link, state, article_id, reason, now),
            )
            item_id = int(cursor.lastrowid or 0)
            self.db.execute("UPDATE watch_feeds SET items_seen = items_seen + 1 WHERE url = ?", (feed_url,))
        else:
            item_id, _, attempts = found
            state = _state(reason, final, attempts + 1)
            self.db.execute(
                "UPDATE watch_items SET state = ?, article_id = ?, reason = ?, attempts = attempts + 1,"
                " seen_at = ? WHERE id = ?",
                (state, article_id, reason, now, item_id),
            )
        self.add_keys(item_id, keys)

    def article_read_from(self, source: str) -> str | None:
        """The stored article read from ``source`` (a page's URL), if any."""
        found = self.db.scalar("SELECT article_id FROM article_sources WHERE source = ? LIMIT 1", (source,))
        return None if found is None else str(found)

    # -- alert rules -------------------------------------------------------------------------
    def add_rule(self, rule: AlertRule, backfill: bool = False) -> None:
        """A new rule sees articles stored from now on (``backfill``: every stored article)."""
        cursor = 0 if backfill else int(self.db.scalar("SELECT coalesce(max(rowid), 0) FROM articles"))
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO alert_rules (name, kind, arg, story_id, webhook, secret, email, cursor)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rule.name,
                    rule.kind,
                    rule.arg,
                    rule.story_id,
                    rule.webhook,
                    rule.secret,
                    rule.email,
                    cursor,
                ),
            )

    def remove_rule(self, name: str) -> bool:
        with self.db.atomic():
            return self.db.execute("DELETE FROM alert_rules WHERE name = ?", (name,)).rowcount > 0

    def rules(self) -> list[AlertRule]:
        rows = self.db.query("SELECT * FROM alert_rules ORDER BY name")
        return [AlertRule(**{name: r[name] for name in AlertRule.__slots__}) for r in rows]

    def fire(self, rule: AlertRule, firings: Sequence[Firing], cursor: int) -> list[int]:
        """Record what ``rule`` fired, queue its deliveries and move its cursor, in one
        transaction; returns the ids of the alerts that are new (a fact fires once)."""
        new = []
        with self.db.atomic():
            for f in firings:
                row = self.db.execute(
                    "INSERT OR IGNORE INTO alerts (rule, fact_key, summary, facts, article_id, story_id)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (rule.name, f.fact_key, f.summary, json.dumps(f.facts), f.article_id, f.story_id),
                )
                if row.rowcount:
                    new.append(int(row.lastrowid or 0))
            targets = [("webhook", rule.webhook), ("email", rule.email)]
            self.db.executemany(
                "INSERT OR IGNORE INTO alert_deliveries (alert_id, channel, target) VALUES (?, ?, ?)",
                [(alert, channel, target) for alert in new for channel, target in targets if target],
            )
            self.db.execute(
                "UPDATE alert_rules SET cursor = max(cursor, ?) WHERE name = ?", (cursor, rule.name)
            )
        return new

    # -- deliveries --------------------------------------------------------------------------
    def due_deliveries(self, now: float) -> list[Delivery]:
        rows = self.db.query(
            "SELECT id, alert_id, channel, target, attempts FROM alert_deliveries"
            " WHERE state = 'pending' AND next_attempt <= ? ORDER BY id",
            (now,),
        )
        return [Delivery(r["id"], r["alert_id"], r["channel"], r["target"], r["attempts"]) for r in rows]

    def record_delivery(self, delivery_id: int, status: str, now: float, next_attempt: float | None) -> None:
        """``next_attempt`` None: delivered (when ``status`` says so) or given up."""
        delivered = status.startswith("delivered")
        state = "delivered" if delivered else "pending" if next_attempt is not None else "failed"
        with self.db.atomic():
            self.db.execute(
                "UPDATE alert_deliveries SET state = ?, attempts = attempts + 1, last_status = ?,"
                " next_attempt = ?, delivered_at = ? WHERE id = ?",
                (state, status, next_attempt or 0, now if delivered else None, delivery_id),
            )
