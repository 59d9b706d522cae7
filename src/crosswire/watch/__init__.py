"""Watching feeds as they publish (``crosswire watch``) and telling the analyst what changed
(``crosswire alerts``).

    feedlist   the feeds to follow: a text file of URLs (with intervals) or OPML
    schedule   when to poll next: interval + jitter, backoff, Retry-After
    clock      real time, or a hand-moved clock for tests and the soak
    items      what an item is known by (GUID, link, content), so it is taken once
    poller     the loop: poll, ingest new items, fire and deliver alerts
    rules      alert rules and what each fires on
    deliver    webhooks (HMAC-SHA256 signed) and e-mail, with retries and a log
    atom       a rule's alerts as an Atom feed
    status     the live terminal view and JSON logs

Fetching and ingesting are ``crosswire.ingest.fetch`` and ``crosswire.pipeline``: the same
guards as ``crosswire ingest`` (private addresses refused, size and time caps). All SQL is in
``crosswire.store.watch`` and ``crosswire.store.queries.watch``.
"""

from crosswire.watch.clock import Clock, ManualClock, SystemClock
from crosswire.watch.feedlist import FeedSpec, read_feed_list
from crosswire.watch.poller import Watcher, WatchEvent, WatchStats

__all__ = [
    "Clock",
    "FeedSpec",
    "ManualClock",
    "SystemClock",
    "WatchEvent",
    "WatchStats",
    "Watcher",
    "read_feed_list",
]
