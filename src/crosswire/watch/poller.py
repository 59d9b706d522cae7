"""The polling loop of ``crosswire watch``: poll due feeds, take their new items, fire and
deliver alerts, wait for the next feed to be due.

One item is the unit of work. Its page is fetched (through ``Fetcher``, with every guard of
``crosswire ingest``), then, in ONE transaction, ingested by the pipeline and recorded as
taken: a watcher killed at any point has either stored the article and recorded the item, or
neither, so a restart takes it again and the store's content ids keep it single anyway.

A feed's validators (ETag, Last-Modified) and next poll are written only once all its items
were dealt with. A watcher stopped in the middle of a feed (SIGTERM, Ctrl-C: the item in hand
is finished first) leaves the feed due, and a restart polls it again in full.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.ingest.fetch import FeedPoll, Fetcher
from crosswire.pipeline import Pipeline
from crosswire.store.db import StoreLockedError
from crosswire.store.watch import FeedState, WatchStore
from crosswire.types import IngestProblem, RawDocument
from crosswire.watch.clock import Clock, SystemClock
from crosswire.watch.deliver import Deliverer
from crosswire.watch.items import item_keys
from crosswire.watch.rules import StoryRecords, evaluate_rules
from crosswire.watch.schedule import next_after_failure, next_after_success

# The longest the loop sleeps at once, so that a delivery retry or a feed added by another
# process is never waited on for long.
MAX_WAIT = 60.0
# After the store was locked by another writer for the whole busy timeout: wait this long
# before trying again (nothing was recorded, so the feed is still due).
LOCKED_RETRY = 30.0


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """Something the watcher did, for the live view and ``--log-json``."""

    kind: str  # poll | not-modified | feed-error | article | known | item-error | alert | delivery | locked
    at: float
    feed: str | None = None
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)


EventHook = Callable[[WatchEvent], None]


@dataclass(slots=True)
class WatchStats:
    polls: int = 0
    not_modified: int = 0
    feed_errors: int = 0
    articles: int = 0
    known: int = 0
    item_errors: int = 0
    alerts: int = 0
    deliveries: int = 0
    last_errors: dict[str, str] = field(default_factory=dict)


def _ignore(event: WatchEvent) -> None:
    pass


class Watcher:
    def __init__(
        self,
        pipeline: Pipeline,
        fetcher: Fetcher,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        deliverer: Deliverer | None = None,
        story_records: StoryRecords | None = None,
        on_event: EventHook = _ignore,
        feeds: Sequence[str] | None = None,
    ) -> None:
        """``feeds``: poll only these of the store's feeds (the FEEDS file given); all by default."""
        self.pipeline = pipeline
        self.db = pipeline.store.db
        self.store = WatchStore(self.db)
        self.fetcher = fetcher
        self.clock = clock or SystemClock()
        self.rng = rng or random.Random()
        self.deliverer = deliverer
        self.story_records = story_records or (lambda story_id: None)
        self.on_event = on_event
        self.stats = WatchStats()
        self.feeds = None if feeds is None else list(feeds)

    # -- the loop ------------------------------------------------------------------------------
    def run(self, stop: threading.Event, until: float | None = None) -> None:
        """Poll until ``stop`` is set (or the clock passes ``until``: the soak, tests)."""
        while not stop.is_set() and (until is None or self.clock.now() < until):
            try:
                self.poll(stop, due_only=True)
                self.after_batch()
                wait = self._until_next()
            except StoreLockedError as exc:
                self._emit("locked", None, str(exc))
                wait = LOCKED_RETRY
            if until is not None:
                wait = min(wait, max(0.0, until - self.clock.now()))
            if not stop.is_set():
                self.clock.wait(wait, stop)

    def run_once(self, stop: threading.Event, due_only: bool = False) -> None:
        """One pass, then alerts and deliveries: every feed (``due_only``: the feeds whose next
        poll has come, which is what ``--once`` polls, so that cron keeps each interval)."""
        self.poll(stop, due_only=due_only)
        self.after_batch()

    def poll(self, stop: threading.Event, due_only: bool) -> int:
        polled = 0
        for feed in self.store.feeds(self.feeds):
            if stop.is_set():
                break
            if due_only and feed.next_poll > self.clock.now():
                continue
            self.poll_feed(feed, stop)
            polled += 1
        return polled

    def after_batch(self) -> None:
        """Alerts on what the batch stored, then the deliveries that are due."""
        fired = evaluate_rules(self.db, self.story_records)
        self.stats.alerts += len(fired)
        for alert_id in fired:
            self._emit("alert", None, f"alert {alert_id}", {"alert_id": alert_id})
        if self.deliverer is not None:
            for delivery, status in self.deliverer.deliver_due(self.clock.now()):
                self.stats.deliveries += status.startswith("delivered")
                data = {
                    "delivery_id": delivery.id,
                    "alert_id": delivery.alert_id,
                    "channel": delivery.channel,
                }
                self._emit("delivery", None, status, data)

    def _until_next(self) -> float:
        feeds = self.store.feeds(self.feeds)
        if not feeds:
            return MAX_WAIT
        return min(MAX_WAIT, max(0.0, min(f.next_poll for f in feeds) - self.clock.now()))

    # -- one feed ------------------------------------------------------------------------------
    def poll_feed(self, feed: FeedState, stop: threading.Event) -> None:
        now = self.clock.now()
        result = self.fetcher.poll_feed(feed.url, feed.etag, feed.last_modified)
        self.stats.polls += 1
        if result.problem is not None:
            self._feed_failed(feed, now, result)
            return
        if result.not_modified:
            self.stats.not_modified += 1
            self._emit("not-modified", feed.url, "not modified")
        else:
            self._emit("poll", feed.url, f"{len(result.entries)} entries")
        complete = self._take_entries(feed, result, stop)
        if complete is None:
            return  # stopped part way: the feed stays due, and is polled again in full
        # A failed page is tried again at the next poll: no validators then, so that the
        # server sends the whole feed again instead of a 304.
        etag, modified = (result.etag, result.last_modified) if complete else (None, None)
        self.store.record_success(
            feed.url, now, next_after_success(now, feed.interval, self.rng), etag, modified
        )

    def _feed_failed(self, feed: FeedState, now: float, result: FeedPoll) -> None:
        reason = result.problem.reason if result.problem else "unknown"
        next_poll = next_after_failure(now, feed.interval, feed.failures + 1, result.retry_after, self.rng)
        self.store.record_failure(feed.url, now, next_poll, reason)
        self.stats.feed_errors += 1
        self.stats.last_errors[feed.url] = reason
        self._emit("feed-error", feed.url, reason, {"next_poll": next_poll, "failures": feed.failures + 1})

    def _take_entries(self, feed: FeedState, result: FeedPoll, stop: threading.Event) -> bool | None:
        """Take every new entry; True if all went in, False if a page failed, None if stopped."""
        complete = True
        for number, entry in enumerate(result.entries, start=1):
            if stop.is_set():
                return None
            complete &= self._take(feed.url, number, entry, result.outlet)
        return complete

    def _take(self, feed_url: str, number: int, entry: Any, outlet: str | None) -> bool:
        """One entry: skipped if known, else its page fetched, ingested and recorded."""
        keys = item_keys(entry)
        if not keys:
            self._emit("item-error", feed_url, f"entry {number} has no id, link or text: skipped")
            return True
        known = self.store.known_item(keys)
        if known is not None and known[1] != "failed":
            with self.db.atomic():
                self.store.add_keys(known[0], keys)  # e.g. the same item under a new GUID
            return True
        document = self.fetcher.fetch_entry(feed_url, number, entry, outlet)
        link = str(entry.get("link") or "") or None
        with self.db.atomic():
            outcome = self._ingest(document)
            if isinstance(outcome, IngestProblem):
                self.store.record_item(feed_url, keys, link, self.clock.now(), None, outcome.reason,
                                       final=outcome.skipped)  # fmt: skip
            else:
                self.store.record_item(feed_url, keys, link, self.clock.now(), outcome)
        return self._report_item(feed_url, outcome)

    def _ingest(self, document: RawDocument | IngestProblem) -> str | IngestProblem:
        """The stored article's id, or the problem; inside the caller's transaction."""
        if isinstance(document, IngestProblem):
            return document
        report = self.pipeline.ingest_documents([document])
        if report.problems:
            return report.problems[0]
        article_id = self.store.article_read_from(document.source)
        if article_id is None:
            return IngestProblem(document.source, "the page was read but no article was stored")
        self.stats.articles += report.added
        self.stats.known += report.already_stored
        return article_id

    def _report_item(self, feed_url: str, outcome: str | IngestProblem) -> bool:
        if isinstance(outcome, IngestProblem):
            self.stats.item_errors += 1
            self.stats.last_errors[outcome.source] = outcome.reason
            self._emit("item-error", feed_url, outcome.reason, {"source": outcome.source})
            return outcome.skipped
        self._emit("article", feed_url, outcome, {"article_id": outcome})
        return True

    def _emit(self, kind: str, feed: str | None, detail: str, data: dict[str, Any] | None = None) -> None:
        self.on_event(WatchEvent(kind, self.clock.now(), feed, detail, data or {}))
