"""The polling loop against a local site: new items taken once, conditional GET, backoff and
Retry-After, faults of feeds and pages, stopping and restarting, a locked store."""

from __future__ import annotations

import itertools
import random
import sqlite3
import threading
from collections.abc import Callable

import httpx
import pytest
from watchsite import FEED_TYPE, Reply, Site, page, rss

from crosswire.ingest.fetch import Fetcher, FetchPolicy, default_resolve
from crosswire.pipeline import Pipeline
from crosswire.store import queries
from crosswire.store.queries import watch as reads
from crosswire.store.watch import MAX_ITEM_ATTEMPTS, AlertRule, WatchStore
from crosswire.watch import ManualClock, Watcher, WatchEvent
from crosswire.watch.deliver import DELIVERY_HEADER, Deliverer

pytestmark = pytest.mark.slow  # the spaCy model analyses each page

MakeText = Callable[..., str]


def _publish(site: Site, make_article: MakeText, count: int, first: int = 0) -> list[tuple[str, str, str]]:
    items = []
    for n in range(first, first + count):
        link = site.set(f"/news/{n}", Reply(page(f"Ferry story {n}", make_article(500 + n))))
        items.append((f"urn:item:{n}", link, f"Ferry story {n}"))
    return items


def _watcher(pipeline: Pipeline, fetcher: Fetcher, clock: ManualClock, **kw: object) -> Watcher:
    return Watcher(pipeline, fetcher, clock=clock, rng=random.Random(7), **kw)  # type: ignore[arg-type]


def _follow(pipeline: Pipeline, url: str, interval: float = 600.0) -> WatchStore:
    store = WatchStore(pipeline.store.db)
    store.add_feeds([(url, interval)])
    return store


def test_new_items_are_ingested_once_and_a_304_adds_nothing(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    items = _publish(site, make_article, 3)
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE, etag='"v1"'))
    pipeline, clock = open_pipeline(), ManualClock()
    store = _follow(pipeline, feed)
    watcher = _watcher(pipeline, fetcher, clock)
    watcher.run_once(threading.Event())
    assert queries.count_articles(pipeline.store.db) == 3 and watcher.stats.articles == 3
    state = store.feed(feed)
    assert state is not None and state.etag == '"v1"' and state.items_seen == 3 and state.failures == 0
    assert state.next_poll >= clock.now() + 600  # jitter only ever adds
    watcher.run_once(threading.Event())
    assert site.headers_of("/feed.xml")[-1].get("If-None-Match") == '"v1"'
    assert watcher.stats.not_modified == 1 and queries.count_articles(pipeline.store.db) == 3
    assert all(site.hits(f"/news/{n}") == 1 for n in range(3))


def test_same_items_under_new_guids_or_links_are_not_taken_again(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    items = _publish(site, make_article, 2)
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE))
    pipeline = open_pipeline()
    _follow(pipeline, feed)
    watcher = _watcher(pipeline, fetcher, ManualClock())
    watcher.run_once(threading.Event())
    renamed = [(f"urn:other:{n}", link, title) for n, (_, link, title) in enumerate(items)]
    moved = [(guid, f"{link}?utm_source=rss#top", title) for guid, link, title in items]
    relinked = [(guid, f"{link}-corrected-slug", title) for guid, link, title in items]
    for republished in (renamed, moved, relinked):
        site.set("/feed.xml", Reply(rss(republished), FEED_TYPE))
        watcher.run_once(threading.Event())
    assert queries.count_articles(pipeline.store.db) == 2
    assert (
        site.hits("/news/0") == 1 and site.hits("/news/1") == 1 and site.hits("/news/0-corrected-slug") == 0
    )


def test_a_feed_that_is_down_backs_off_and_respects_retry_after(
    site: Site, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    feed = site.set("/down.xml", Reply(b"busy", "text/plain", 503, {"Retry-After": "7200"}))
    pipeline, clock = open_pipeline(), ManualClock()
    store = _follow(pipeline, feed, interval=300)
    watcher = _watcher(pipeline, fetcher, clock)
    watcher.run_once(threading.Event())
    state = store.feed(feed)
    assert state is not None and state.failures == 1 and "503" in (state.last_error or "")
    assert state.next_poll >= clock.now() + 7200
    site.set("/down.xml", Reply(b"broken", "text/plain", 500))
    waits = []
    for _ in range(3):
        watcher.run_once(threading.Event())
        state = store.feed(feed)
        assert state is not None
        waits.append(state.next_poll - clock.now())
    assert waits[0] >= 300 * 4 and waits[1] >= 300 * 8 and waits[2] >= 300 * 16  # doubling per failure


@pytest.mark.parametrize(
    ("reply", "policy", "words"),
    [
        (Reply(b"<rss><chan&&<<", FEED_TYPE), FetchPolicy(allow_private=True), "could not parse"),
        (Reply(b"<rss>" + b"x" * 5000, FEED_TYPE), FetchPolicy(allow_private=True, max_bytes=1000), "larger"),
        (
            Reply(b"<rss></rss>" * 10, FEED_TYPE, drip=0.2),
            FetchPolicy(allow_private=True, timeout=0.5),
            "timed out",
        ),
    ],
    ids=["malformed", "huge", "one-byte-at-a-time"],
)
def test_bad_feeds_are_failures_with_their_reason(
    site: Site, open_pipeline: Callable[..., Pipeline], reply: Reply, policy: FetchPolicy, words: str
) -> None:
    feed = site.set("/bad.xml", reply)
    pipeline = open_pipeline()
    store = _follow(pipeline, feed)
    with Fetcher(policy) as fetcher:
        _watcher(pipeline, fetcher, ManualClock()).run_once(threading.Event())
    state = store.feed(feed)
    assert state is not None and state.failures == 1 and words in (state.last_error or "")


def test_a_feed_redirecting_to_a_private_address_is_refused(
    site: Site, open_pipeline: Callable[..., Pipeline]
) -> None:
    secret = site.set("/private.xml", Reply(rss([]), FEED_TYPE))

    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34"] if host == "feeds.example" else default_resolve(host, port)

    transport = httpx.MockTransport(lambda request: httpx.Response(302, headers={"Location": secret}))
    pipeline = open_pipeline()
    store = _follow(pipeline, "http://feeds.example/rss")
    with Fetcher(FetchPolicy(), transport=transport, resolve=resolve) as fetcher:
        _watcher(pipeline, fetcher, ManualClock()).run_once(threading.Event())
    state = store.feed("http://feeds.example/rss")
    assert state is not None and "refused redirect" in (state.last_error or "")
    assert site.hits("/private.xml") == 0


def test_a_page_that_times_out_is_retried_then_taken_once(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline]
) -> None:
    items = _publish(site, make_article, 2)
    site.set("/news/1", Reply(page("Slow", make_article(77)), drip=0.05))
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE, etag='"v1"'))
    pipeline = open_pipeline()
    store = _follow(pipeline, feed)
    with Fetcher(FetchPolicy(allow_private=True, timeout=0.3)) as fetcher:
        watcher = _watcher(pipeline, fetcher, ManualClock())
        watcher.run_once(threading.Event())
        assert watcher.stats.item_errors == 1 and queries.count_articles(pipeline.store.db) == 1
        state = store.feed(feed)
        assert state is not None and state.etag is None  # so the next poll gets the whole feed
        site.set("/news/1", Reply(page("Slow", make_article(77))))
        watcher.run_once(threading.Event())
    assert queries.count_articles(pipeline.store.db) == 2 and site.hits("/news/0") == 1


def test_a_page_that_always_fails_is_given_up(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    feed = site.set("/feed.xml", Reply(rss([("urn:gone", site.base + "/gone", "Gone story")]), FEED_TYPE))
    pipeline = open_pipeline()
    _follow(pipeline, feed)
    watcher = _watcher(pipeline, fetcher, ManualClock())
    for _ in range(MAX_ITEM_ATTEMPTS + 2):
        watcher.run_once(threading.Event())
    assert site.hits("/gone") == MAX_ITEM_ATTEMPTS


def test_stopping_mid_feed_then_restarting_takes_every_item_once(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    items = _publish(site, make_article, 4)
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE, etag='"v1"'))
    pipeline = open_pipeline()
    store = _follow(pipeline, feed)
    stop = threading.Event()

    def stop_after_two(event: WatchEvent) -> None:
        if event.kind == "article" and queries.count_articles(pipeline.store.db) >= 2:
            stop.set()  # what SIGTERM does: the item in hand is finished, then the loop ends

    _watcher(pipeline, fetcher, ManualClock(), on_event=stop_after_two).run(stop)
    state = store.feed(feed)
    assert queries.count_articles(pipeline.store.db) == 2
    assert state is not None and state.etag is None and state.polls == 0  # still due: polled in full
    restarted = open_pipeline()
    _watcher(restarted, fetcher, ManualClock()).run_once(threading.Event())
    assert queries.count_articles(restarted.store.db) == 4
    assert all(site.hits(f"/news/{n}") == 1 for n in range(4))


def test_a_crash_between_storing_and_recording_loses_and_doubles_nothing(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    items = _publish(site, make_article, 2)
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE))
    pipeline = open_pipeline()
    _follow(pipeline, feed)

    def killed(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed")  # as kill -9 would, after the article is written, before the commit

    monkeypatch.setattr(WatchStore, "record_item", killed)
    with pytest.raises(SystemExit):
        _watcher(pipeline, fetcher, ManualClock()).run_once(threading.Event())
    monkeypatch.undo()
    assert queries.count_articles(pipeline.store.db) == 0  # rolled back with the item
    restarted = open_pipeline()
    _watcher(restarted, fetcher, ManualClock()).run_once(threading.Event())
    assert queries.count_articles(restarted.store.db) == 2


def test_a_locked_store_is_waited_out_and_nothing_is_lost(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    items = _publish(site, make_article, 1)
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE))
    pipeline = open_pipeline(busy_timeout=0.05)
    _follow(pipeline, feed)
    other = sqlite3.connect(pipeline.store.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    events: list[WatchEvent] = []
    clock = ManualClock()
    _watcher(pipeline, fetcher, clock, on_event=events.append).run(threading.Event(), until=clock.now() + 1)
    assert any(e.kind == "locked" for e in events)
    other.execute("ROLLBACK")
    other.close()
    _watcher(pipeline, fetcher, clock).run_once(threading.Event())
    assert queries.count_articles(pipeline.store.db) == 1


def test_the_loop_never_polls_more_often_than_asked(
    site: Site, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    feed = site.set("/feed.xml", Reply(rss([]), FEED_TYPE, etag='"empty"'))
    pipeline, clock = open_pipeline(), ManualClock()
    _follow(pipeline, feed, interval=600)
    polls: list[float] = []

    def note(event: WatchEvent) -> None:
        if event.kind in ("poll", "not-modified"):
            polls.append(event.at)

    start = clock.now()
    _watcher(pipeline, fetcher, clock, on_event=note).run(threading.Event(), until=start + 6 * 3600)
    gaps = [b - a for a, b in itertools.pairwise(polls)]
    assert 30 <= len(polls) <= 37 and min(gaps) >= 600


def test_the_loop_fires_and_delivers_each_alert_once(
    site: Site, make_article: MakeText, open_pipeline: Callable[..., Pipeline], fetcher: Fetcher
) -> None:
    hook = "http://hooks.example/alerts"  # answered by a MockTransport: nothing leaves the machine
    items = _publish(site, make_article, 2)
    feed = site.set("/feed.xml", Reply(rss(items), FEED_TYPE))
    pipeline, clock = open_pipeline(), ManualClock()
    store = _follow(pipeline, feed)
    store.add_rule(AlertRule("any-petition", "quote-matches", "residents petition", webhook=hook))
    received: list[str] = []
    deliverer = Deliverer(pipeline.store.db)
    deliverer.client = httpx.Client(transport=httpx.MockTransport(lambda r: _accept(r, received)))
    watcher = _watcher(pipeline, fetcher, clock, deliverer=deliverer)
    watcher.run(threading.Event(), until=clock.now() + 3 * 3600)
    fired = reads.alert_log(pipeline.store.db, rule="any-petition")
    assert fired and watcher.stats.alerts == len(fired)
    assert sorted(received) == sorted({str(d["id"]) for d in reads.deliveries(pipeline.store.db)})
    assert len(received) == len(fired)  # each alert delivered once, though the loop ran for hours


def _accept(request: httpx.Request, received: list[str]) -> httpx.Response:
    received.append(request.headers[DELIVERY_HEADER])
    return httpx.Response(200)
