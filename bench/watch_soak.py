"""A bounded soak of ``crosswire watch``: 50 local feeds publishing on different schedules,
some failing, on a simulated clock; the real fetcher, pipeline, store, rules and webhooks.

    PYTHONPATH=src:. python bench/watch_soak.py [--feeds 50] [--hours 8] [--seed 1]

One local HTTP server (127.0.0.1) serves every feed and page and reads the simulated clock, so
each feed publishes a new item every ``period`` simulated seconds. Faults, by feed number:

    0 mod 10   answers 503 with Retry-After: 3600 for its first simulated hours
    1 mod 10   answers 500 one poll in three
    2 mod 10   serves a truncated (malformed) feed one poll in four
    3 mod 10   gives every item a new GUID at every poll (same link)
    4 mod 10   adds a tracking parameter to every link one poll in two
    5 mod 10   one page in five answers 404 (given up after 3 attempts)

A rule (quote-matches) fires on some pages' quotes and posts to a local webhook that fails its
first requests. Printed: items published and ingested, duplicates, polls and the shortest gap
between two polls of one feed against the interval asked, alerts fired and delivered, and the
resident memory at each simulated hour. Nothing leaves the machine; nothing is timed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from crosswire.config import Settings
from crosswire.ingest.fetch import Fetcher, FetchPolicy
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database, queries
from crosswire.store.queries import watch as reads
from crosswire.store.watch import AlertRule, WatchStore
from crosswire.watch import ManualClock, Watcher
from crosswire.watch.deliver import DELIVERY_HEADER, Deliverer

START = 1_800_000_000.0
PLACES = ["Velmar", "Karsk", "Tirrell", "Brinmoor", "Hollis Bay", "Port Adley", "Calder"]
TOPICS = ["ferry timetable", "grain silo", "flood barrier", "tram depot", "fish market", "bridge toll"]
PEOPLE = ["Ines Marlowe", "Otto Brandvik", "Selma Okoro", "Rui Castanho", "Petra Lindqvist"]


@dataclass
class FeedPlan:
    number: int
    period: float  # seconds between two items
    interval: float  # seconds asked between polls
    polls: list[float] = field(default_factory=list)


def page_text(feed: int, item: int) -> tuple[str, str]:
    """A short article of our own making; one in three quotes someone on the harbour."""
    rng = random.Random(feed * 100_003 + item)
    place, topic, person = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(PEOPLE)
    title = f"{place} council debates the {topic} (report {feed}-{item})"
    quote = "The harbour must stay open all winter" if item % 3 == 0 else f"The {topic} needs more money"
    body = (
        f"{place} councillors spent {rng.randint(2, 9)} hours on the {topic} on Tuesday, and the "
        f"vote was put off to next month after {rng.randint(10, 900)} residents wrote in.\n\n"
        f'"{quote}," said {person}, who chairs the works committee in {place}.\n\n'
        f"Officials said report {feed}-{item} would be published before the next meeting, "
        f"and that the budget for the {topic} was {rng.randint(2, 90)} million."
    )
    return title, body


class SoakSite:
    """Feeds and pages on the simulated clock, with the faults listed in the module docstring."""

    def __init__(self, plans: list[FeedPlan], clock: ManualClock) -> None:
        self.plans = {p.number: p for p in plans}
        self.clock = clock
        self.page_hits: Counter[str] = Counter()
        self.shown: set[tuple[int, int]] = set()  # items a successful poll listed
        self.lock = threading.Lock()
        self.base = ""  # set once the server listens

    def feed(self, number: int) -> tuple[int, bytes, dict[str, str]]:
        plan = self.plans[number]
        with self.lock:
            plan.polls.append(self.clock.now())
            poll = len(plan.polls)
        elapsed = self.clock.now() - START
        if number % 10 == 0 and elapsed < 3 * 3600:
            return 503, b"busy", {"Retry-After": "3600"}
        if number % 10 == 1 and poll % 3 == 0:
            return 500, b"oops", {}
        published = int(elapsed // plan.period) + 1
        items = range(max(0, published - 15), published)
        if number % 10 == 2 and poll % 4 == 0:
            return 200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>cut', {}
        with self.lock:
            self.shown.update((number, n) for n in items)
        return 200, self._rss(number, poll, items), {}

    def _rss(self, number: int, poll: int, items: range) -> bytes:
        entries = []
        for n in items:
            guid = f"urn:soak:{number}:{n}" + (f":{poll}" if number % 10 == 3 else "")
            link = f"/p/{number}/{n}" + ("?utm_source=rss" if number % 10 == 4 and poll % 2 else "")
            title, _ = page_text(number, n)
            entries.append(
                f"<item><guid>{guid}</guid><link>{{base}}{link}</link><title>{escape(title)}</title></item>"
            )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak feed {number}</title>'
            f"<link>http://soak.invalid/</link><description>d</description>{''.join(entries)}</channel></rss>"
        ).encode()

    def page(self, number: int, item: int) -> tuple[int, bytes]:
        with self.lock:
            self.page_hits[f"{number}/{item}"] += 1
        if number % 10 == 5 and item % 5 == 0:
            return 404, b"gone"
        title, body = page_text(number, item)
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
        html = f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
        return 200, (html + paragraphs + "</article></body></html>").encode()


def serve_site(site: SoakSite) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = self.path.split("?")[0].strip("/").split("/")
            headers: dict[str, str] = {}
            if parts[0] == "f":
                status, body, headers = site.feed(int(parts[1]))
                body = body.replace(b"{base}", site.base.encode())
                kind = "application/rss+xml"
            else:
                status, body = site.page(int(parts[1]), int(parts[2]))
                kind = "text/html; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Hook:
    """A webhook receiver that fails its first ``failures`` requests."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.accepted: Counter[str] = Counter()
        self.requests = 0

    def serve(self) -> ThreadingHTTPServer:
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                hook.requests += 1
                ok = hook.requests > hook.failures
                if ok:
                    hook.accepted[self.headers[DELIVERY_HEADER]] += 1
                self.send_response(200 if ok else 503)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def soak(feeds: int, hours: float, seed: int, folder: Path) -> dict[str, object]:
    rng = random.Random(seed)
    clock = ManualClock(START)
    plans = [FeedPlan(n, rng.choice([1800.0, 2700.0, 3600.0, 5400.0]), rng.choice([600.0, 900.0, 1200.0]))
             for n in range(feeds)]  # fmt: skip
    site, hook = SoakSite(plans, clock), Hook(failures=4)
    server, hook_server = serve_site(site), hook.serve()
    base = site.base
    settings = Settings(db_path=folder / "soak.db", story_embeddings=False, allow_private_urls=True)
    webhook = f"http://127.0.0.1:{hook_server.server_address[1]}/hook"
    try:
        return _run(settings, base, webhook, plans, site, hook, clock, hours, seed)
    finally:
        server.shutdown()
        hook_server.shutdown()


def _run(
    settings: Settings, base: str, webhook: str, plans: list[FeedPlan], site: SoakSite, hook: Hook,
    clock: ManualClock, hours: float, seed: int,
) -> dict[str, object]:  # fmt: skip
    with Database(settings.db_path) as db, Fetcher(FetchPolicy(allow_private=True, timeout=10)) as fetcher:
        store = WatchStore(db)
        store.add_feeds((f"{base}/f/{p.number}", p.interval) for p in plans)
        store.add_rule(AlertRule("harbour", "quote-matches", "harbour winter", webhook=webhook))
        deliverer = Deliverer(db)
        watcher = Watcher(Pipeline(settings, ArticleStore(db)), fetcher, clock=clock, rng=random.Random(seed),
                          deliverer=deliverer)  # fmt: skip
        memory = [round(rss_mb(), 1)]
        stop = threading.Event()
        for hour in range(int(hours)):
            watcher.run(stop, until=START + (hour + 1) * 3600)
            memory.append(round(rss_mb(), 1))
            print(f"hour {hour + 1}: {watcher.stats.articles} articles, {memory[-1]} MB", file=sys.stderr)
        clock.advance(6 * 3600)  # let every delivery's retries come due
        watcher.after_batch()
        deliverer.close()
        return figures(db, site, hook, plans, watcher, memory)


def figures(
    db: Database, site: SoakSite, hook: Hook, plans: list[FeedPlan], watcher: Watcher, memory: list[float]
) -> dict[str, object]:
    gone = {(n, i) for n, i in site.shown if n % 10 == 5 and i % 5 == 0}
    expected = site.shown - gone
    per_page = [site.page_hits[f"{n}/{i}"] for n, i in expected]
    gaps = [(b - a) / p.interval for p in plans for a, b in zip(p.polls, p.polls[1:], strict=False)]
    alerts = reads.alert_log(db, rule="harbour", limit=1_000_000)
    deliveries = reads.deliveries(db, limit=1_000_000)
    return {
        "feeds": len(plans),
        "items_published_and_listed": len(site.shown),
        "items_expected_to_store": len(expected),
        "articles_stored": queries.count_articles(db),
        "items_recorded_stored": int(db.scalar("SELECT count(*) FROM watch_items WHERE state = 'stored'")),
        "pages_fetched_more_than_once": sum(1 for hits in per_page if hits > 1),
        "gone_pages_fetch_attempts_max": max((site.page_hits[f"{n}/{i}"] for n, i in gone), default=0),
        "polls": sum(len(p.polls) for p in plans),
        "shortest_gap_over_interval": round(min(gaps), 3) if gaps else None,
        "feed_errors": watcher.stats.feed_errors,
        "alerts_fired": len(alerts),
        "deliveries_delivered": sum(1 for d in deliveries if d["state"] == "delivered"),
        "webhook_requests": hook.requests,
        "alerts_accepted_more_than_once": sum(1 for n in hook.accepted.values() if n > 1),
        "rss_mb_by_hour": memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--hours", type=float, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = soak(args.feeds, args.hours, args.seed, Path(folder))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
