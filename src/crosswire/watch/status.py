"""What the watcher shows while it runs: a rich live view for a person at a terminal, or one
JSON object per line (``--log-json``) for journald and log shippers."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import IO

from rich.console import Group
from rich.table import Table
from rich.text import Text

from crosswire.store.watch import FeedState
from crosswire.watch.poller import WatchEvent, WatchStats


def iso(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_line(event: WatchEvent) -> str:
    record = {"at": iso(event.at), "event": event.kind, "feed": event.feed, "detail": event.detail}
    return json.dumps({**record, **event.data}, ensure_ascii=False)


class JsonLog:
    """An event hook writing one JSON line per event."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, event: WatchEvent) -> None:
        self.stream.write(json_line(event) + "\n")
        self.stream.flush()


def status_view(feeds: list[FeedState], stats: WatchStats, now: float, started: float) -> Group:
    """Feeds (due first) with their health, then the counts since the watch started."""
    table = Table("feed", "next poll", "failures", "items", "last error", box=None, expand=True)
    for feed in sorted(feeds, key=lambda f: f.next_poll)[:25]:
        due = "due" if feed.next_poll <= now else f"in {int(feed.next_poll - now)}s"
        style = "red" if feed.failures else ""
        table.add_row(Text(feed.url, overflow="fold"), due, str(feed.failures), str(feed.items_seen),
                      Text((feed.last_error or "")[:80], style=style))  # fmt: skip
    minutes = (time.monotonic() - started) / 60
    summary = Text(
        f"{stats.articles} article(s) added, {stats.known} already stored, {stats.alerts} alert(s), "
        f"{stats.deliveries} delivered, {stats.feed_errors} feed error(s), {stats.item_errors} page "
        f"error(s), {stats.polls} poll(s) ({stats.not_modified} not modified) in {minutes:.1f} min"
    )
    return Group(table, summary)
