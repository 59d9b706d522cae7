"""The live view and the JSON log lines: what an operator reads while the watcher runs."""

from __future__ import annotations

import io
import json
import time

from rich.console import Console

from crosswire.store.watch import FeedState
from crosswire.watch import WatchEvent, WatchStats
from crosswire.watch.status import JsonLog, status_view

NOW = 1_800_000_000.0


def _feed(url: str, next_poll: float, failures: int = 0, error: str | None = None) -> FeedState:
    return FeedState(url, 600.0, None, None, None, None, error, None, failures, 3, 7, next_poll)


def test_json_log_is_one_object_per_line_with_the_event_data() -> None:
    stream = io.StringIO()
    log = JsonLog(stream)
    log(WatchEvent("article", NOW, "http://a.example/rss", "abc123", {"article_id": "abc123"}))
    log(WatchEvent("feed-error", NOW + 1, "http://b.example/rss", "HTTP 503 “busy”"))
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first == {"at": "2027-01-15T08:00:00Z", "event": "article", "feed": "http://a.example/rss",
                     "detail": "abc123", "article_id": "abc123"}  # fmt: skip
    assert second["event"] == "feed-error" and second["detail"] == "HTTP 503 “busy”"


def test_status_view_shows_due_feeds_errors_and_counts() -> None:
    feeds = [
        _feed("http://later.example/rss", NOW + 300),
        _feed("http://down.example/rss", NOW - 5, 2, "HTTP 500"),
    ]
    stats = WatchStats(polls=9, articles=4, alerts=2, feed_errors=2)
    console = Console(file=io.StringIO(), width=160)
    console.print(status_view(feeds, stats, NOW, time.monotonic()))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert text.index("down.example") < text.index("later.example")  # due first
    assert "due" in text and "in 300s" in text and "HTTP 500" in text
    assert "4 article(s) added" in text and "2 alert(s)" in text
