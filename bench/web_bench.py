"""Time every web page and its .json twin on a large store: python bench/web_bench.py

Builds (once, then reuses) a store of generated, already annotated articles written by the
store's own write functions (``ArticleStore.save_batch``, then ``StoryStore.assign`` places
them in stories as the pipeline does), skipping spaCy: this measures the web layer, not the
analysis. Then it starts ``crosswire.web.serve`` with uvicorn on 127.0.0.1 in a subprocess
and times ~20 requests per URL with httpx. Prints median and p95 per URL; the target is
under 200 ms.

    python bench/web_bench.py --articles 100000 --requests 20 [--db FILE] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

import httpx
import numpy as np

from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.stories import StoryStore
from crosswire.types import Article, Mention, Quote, Sentence, Speaker, TimeExpr

TARGET_MS = 200
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERBS = ["said", "announced", "warned", "confirmed", "denied", "argued", "proposed", "rejected"]
ROLES = ["minister", "spokesperson", "analyst", "mayor", "chief executive", "professor", "envoy"]
SYLLABLES = ["ka", "ro", "mi", "te", "lu", "sa", "na", "vo", "di", "pe", "ra", "to", "ne", "li", "ma", "su"]


@dataclass
class Vocabulary:
    """Made-up words, people, places and outlets, with skewed (Zipf-like) frequencies."""

    rng: random.Random
    words: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words = [self._word(2 + i % 3) for i in range(4000)]
        self.people = [f"{self._word(2).title()} {self._word(3).title()}" for _ in range(3000)]
        self.places = [self._word(3).title() for _ in range(400)]
        self.outlets = [
            f"The {self._word(2).title()} {kind}" for kind in ["Times", "Herald", "Wire", "Post"] * 10
        ]
        self._word_weights = _zipf(len(self.words))
        self._people_weights = _zipf(len(self.people))

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables))

    def prose(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self._word_weights, k=n))

    def person(self) -> str:
        return self.rng.choices(self.people, cum_weights=self._people_weights, k=1)[0]


def _zipf(n: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return cumulative


@dataclass
class Generated:
    """An article's text being written, with the annotations found in it so far."""

    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)

    def add(self, piece: str) -> int:
        start = len(self.text)
        self.text += piece
        return start


def generate_article(vocab: Vocabulary, published: datetime, sentences: int = 14) -> Generated:
    g, rng = Generated(), vocab.rng
    for n in range(sentences):
        start = len(g.text)
        name, place = vocab.person(), rng.choice(vocab.places)
        if rng.random() < 0.3:
            g.add('"')
            content = vocab.prose(rng.randint(8, 20))
            q = g.add(content)
            g.add(f'," {rng.choice(VERBS)} ')
            s = g.add(name)
            g.add(".")
            speaker = Speaker(name, None, rng.choice(ROLES), "person", s, s + len(name))
            g.quotes.append(Quote(content, q, q + len(content), "direct", cue="said", speaker=speaker))
        else:
            s = g.add(name)
            g.add(f" {rng.choice(VERBS)} {vocab.prose(rng.randint(10, 22))} in ")
            p = g.add(place)
            g.add(" on ")
            day = published - timedelta(days=rng.randint(0, 6))
            weekday = WEEKDAYS[day.weekday()]
            t = g.add(weekday)
            g.add(".")
            g.mentions.append(Mention(place, p, p + len(place), "GPE", canonical=place))
            g.times.append(
                TimeExpr(weekday, t, t + len(weekday), day.date().isoformat(), "DATE", start, len(g.text))
            )
        g.mentions.append(Mention(name, s, s + len(name), "PERSON", canonical=name))
        g.sentences.append(Sentence(start, len(g.text)))
        g.add("\n\n" if n % 2 else " ")
    return g


def generated_articles(vocab: Vocabulary, count: int) -> Iterator[Article]:
    first = datetime(2023, 1, 1, 6, 0, tzinfo=timezone(timedelta(hours=-5)))
    weights = _zipf(len(vocab.outlets))
    for i in range(count):
        published = first + timedelta(minutes=i * 7 + vocab.rng.randint(0, 6))
        outlet = vocab.rng.choices(vocab.outlets, cum_weights=weights, k=1)[0]
        title = f"{vocab.rng.choice(vocab.places)} {vocab.prose(6)} ({i})"
        g = generate_article(vocab, published)
        aid = f"{i:016x}"
        yield Article(
            id=aid, text=g.text, source=f"bench:{aid}", raw=g.text, url=f"https://news.example/{aid}",
            outlet=outlet, title=title, byline="Staff reporter", published=published.isoformat(),
            sentences=g.sentences, mentions=g.mentions, quotes=g.quotes, times=g.times,
        )  # fmt: skip


# Articles per transaction, as the pipeline writes them.
WRITE_BATCH = 256


def build_store(path: Path, count: int, seed: int = 7) -> None:
    """Generated articles saved and placed in stories by the store's own write functions."""
    vocab = Vocabulary(random.Random(seed))
    started = time.perf_counter()
    with Database(path) as db:
        articles, stories = ArticleStore(db), StoryStore(db, embedder=None)
        batch: list[Article] = []
        for article in generated_articles(vocab, count):
            batch.append(article)
            if len(batch) == WRITE_BATCH:
                _write(articles, stories, batch)
                done = int(article.id, 16) + 1
                print(f"\r  {done:,} articles", end="", file=sys.stderr, flush=True)
                batch = []
        _write(articles, stories, batch)
        db.execute("ANALYZE")
    print(f"\r  built {count:,} articles in {time.perf_counter() - started:.0f}s: {path}", file=sys.stderr)


def _write(articles: ArticleStore, stories: StoryStore, batch: list[Article]) -> None:
    # A signature and band keys of the article's own: generated articles are never near-duplicates.
    articles.save_batch(
        [NewArticle(a, np.full(4, int(a.id, 16), dtype=np.uint64), [(0, int(a.id, 16))]) for a in batch]
    )
    stories.assign(batch)


# -- timing ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import sys; from pathlib import Path; from crosswire.config import Settings;"
        " from crosswire.web import serve;"
        " serve(Settings(db_path=Path(sys.argv[1])), '127.0.0.1', int(sys.argv[2]))"
    )
    # Quiet: uvicorn logs every request.
    argv = [sys.executable, "-c", code, str(db), str(port)]
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1.0)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def time_urls(base: str, urls: list[str], requests: int) -> list[tuple[str, int, float, float]]:
    rows = []
    with httpx.Client(base_url=base, timeout=30.0) as client:
        for url in urls:
            status = client.get(url).status_code  # warm-up, and the status shown
            samples = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
            samples.sort()
            p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
            rows.append((url, status, statistics.median(samples), p95))
    return rows


def bench_urls(db: Path) -> list[str]:
    with Database(db) as d:
        total = int(d.scalar("SELECT count(*) FROM articles"))
        some = d.scalar("SELECT id FROM articles WHERE rowid = ?", (total // 2,))
        outlet = d.scalar("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 1")
        popular = d.scalar("SELECT speaker FROM quotes GROUP BY speaker ORDER BY count(*) DESC LIMIT 1")
        rare = d.scalar("SELECT speaker FROM quotes GROUP BY speaker ORDER BY count(*), speaker LIMIT 1")
        word = d.scalar("SELECT substr(text, 1, instr(text, ' ') - 1) FROM quotes WHERE rowid = 7")
        # A story of many articles, the largest page a story has here.
        story = d.scalar("SELECT id FROM stories ORDER BY article_count DESC, id LIMIT 1")
    common = Vocabulary(random.Random(7)).words[0]  # the most frequent word: in every article
    pages = [
        "/stories",
        "/articles",
        f"/articles?offset={min(total - 50, 99_000)}",
        f"/articles?outlet={quote(outlet)}",
        f"/articles/{some}",
        f"/entities/{quote(popular)}",
        f"/entities/{quote(rare)}",
        f"/search?q={quote(word)}",
        "/search?q=rokami%20tesa",
        f"/search?q={quote(word)}&outlet={quote(outlet)}&from=2023-06-01&to=2023-06-30",
        f"/search?speaker={quote(popular.split()[0])}",
        f"/search?q={common}",
        "/search?speaker=Nobody",
    ]
    if story is not None:
        pages.append(f"/stories/{story}")
    urls = [u for p in pages for u in (p, _twin(p))]
    return [
        *urls,
        f"/articles/{some}/raw",
        "/api/export?limit=100",
        f"/api/export?limit=100&offset={total - 100}",
    ]


def _twin(path: str) -> str:
    route, _, query = path.partition("?")
    return f"{route}.json" + (f"?{query}" if query else "")


def report(title: str, rows: list[tuple[str, int, float, float]]) -> None:
    print(f"\n{title}\n{'URL':<78} {'status':>6} {'median':>9} {'p95':>9}")
    for url, status, median, p95 in rows:
        flag = "" if p95 < TARGET_MS else "  over target"
        print(f"{url[:78]:<78} {status:>6} {median:>7.1f}ms {p95:>7.1f}ms{flag}")
    worst = max(r[3] for r in rows)
    print(f"worst p95 {worst:.1f} ms (target < {TARGET_MS} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None, help="store to build or reuse")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"crosswire-web-bench-v2-{args.articles}.db"
    if args.rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        build_store(db, args.articles)
    port = free_port()
    server = start_server(db, port)
    try:
        rows = time_urls(f"http://127.0.0.1:{port}", bench_urls(db), args.requests)
    finally:
        server.terminate()
        server.wait(10)
    report(f"{args.articles:,} articles", rows)


if __name__ == "__main__":
    main()
