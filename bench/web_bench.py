"""Time every web page and its .json twin on a large store: python bench/web_bench.py

Builds (once, then reuses) a store of generated articles written straight into SQLite with
the store's own schema (migrations), FTS index and annotation tables, skipping spaCy: this
measures the web layer, not the pipeline. Then it starts ``crosswire.web.serve`` with
uvicorn on 127.0.0.1 in a subprocess and times ~20 requests per URL with httpx, first
without stories, then after adding ``stories``/``story_articles`` tables (the pages light
up). Prints median and p95 per URL; the target is under 200 ms.

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

from crosswire.ingest.identity import raw_id
from crosswire.store import Database

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
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, label
    quotes: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # + speaker, role
    times: list[tuple[int, int, str, str]] = field(default_factory=list)  # + value

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
            g.quotes.append((q, q + len(content), content, name, rng.choice(ROLES)))
        else:
            s = g.add(name)
            g.add(f" {rng.choice(VERBS)} {vocab.prose(rng.randint(10, 22))} in ")
            p = g.add(place)
            g.add(" on ")
            day = published - timedelta(days=rng.randint(0, 6))
            t = g.add(WEEKDAYS[day.weekday()])
            g.add(".")
            g.mentions.append((p, p + len(place), place, "GPE"))
            g.times.append(
                (t, t + len(WEEKDAYS[day.weekday()]), WEEKDAYS[day.weekday()], day.date().isoformat())
            )
        g.mentions.append((s, s + len(name), name, "PERSON"))
        g.sentences.append((start, len(g.text)))
        g.add("\n\n" if n % 2 else " ")
    return g


def article_rows(vocab: Vocabulary, count: int) -> Iterator[tuple[str, str, str, datetime, Generated]]:
    first = datetime(2023, 1, 1, 6, 0, tzinfo=timezone(timedelta(hours=-5)))
    weights = _zipf(len(vocab.outlets))
    for i in range(count):
        published = first + timedelta(minutes=i * 7 + vocab.rng.randint(0, 6))
        outlet = vocab.rng.choices(vocab.outlets, cum_weights=weights, k=1)[0]
        title = f"{vocab.rng.choice(vocab.places)} {vocab.prose(6)} ({i})"
        yield f"{i:016x}", outlet, title, published, generate_article(vocab, published)


def build_store(path: Path, count: int, seed: int = 7) -> None:
    """Generated articles with sentences, mentions, quotes and times, in batches of 2,000."""
    vocab = Vocabulary(random.Random(seed))
    started = time.perf_counter()
    with Database(path) as db:
        batch: list[tuple[str, str, str, datetime, Generated]] = []
        for row in article_rows(vocab, count):
            batch.append(row)
            if len(batch) == 2000:
                _write(db, batch)
                batch = []
                print(f"\r  {row[0]}: {int(row[0], 16) + 1:,} articles", end="", file=sys.stderr, flush=True)
        _write(db, batch)
        db.execute("ANALYZE")
    print(f"\r  built {count:,} articles in {time.perf_counter() - started:.0f}s: {path}", file=sys.stderr)


def _write(db: Database, batch: list[tuple[str, str, str, datetime, Generated]]) -> None:
    with db.atomic():
        for aid, outlet, title, published, g in batch:
            rid = raw_id(g.text + aid)
            db.execute(
                "INSERT INTO raw_inputs (id, media_type, content) VALUES (?, 'text', ?)", (rid, g.text)
            )
            db.execute(
                "INSERT INTO articles (id, raw_id, source, url, outlet, title, byline, published, text,"
                " word_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    aid,
                    rid,
                    f"bench:{aid}",
                    f"https://news.example/{aid}",
                    outlet,
                    title,
                    "Staff reporter",
                    published.isoformat(),
                    g.text,
                    len(g.text.split()),
                ),
            )
            db.executemany(
                'INSERT INTO sentences (article_id, start, "end") VALUES (?, ?, ?)',
                [(aid, s, e) for s, e in g.sentences],
            )
            db.executemany(
                'INSERT INTO mentions (article_id, start, "end", text, label, canonical)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(aid, s, e, t, label, t) for s, e, t, label in g.mentions],
            )
            db.executemany(
                'INSERT INTO quotes (article_id, start, "end", text, kind, cue, speaker, speaker_kind, role)'
                " VALUES (?, ?, ?, ?, 'direct', 'said', ?, 'person', ?)",
                [(aid, s, e, t, who, role) for s, e, t, who, role in g.quotes],
            )
            db.executemany(
                'INSERT INTO times (article_id, start, "end", text, value, type) VALUES (?, ?, ?, ?, ?, ?)',
                [(aid, s, e, t, v, "DATE") for s, e, t, v in g.times],
            )


def add_later_stages(path: Path, per_story: int = 5) -> None:
    """What later stages add: consecutive articles grouped into stories, and one entity (the
    most quoted person) resolved, so that entity pages follow ``mentions.entity_id``."""
    _resolve_one(path)
    with Database(path) as db, db.atomic():
        db.execute("CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, title TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS story_articles (story_id TEXT, article_id TEXT,"
            " PRIMARY KEY (story_id, article_id))"
        )
        db.execute("CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id)")
        db.execute("DELETE FROM story_articles")
        db.execute("DELETE FROM stories")
        db.execute(
            f"INSERT INTO stories SELECT 's' || (rowid / {per_story}), title FROM articles"
            f" WHERE rowid % {per_story} = 0"
        )
        db.execute(f"INSERT INTO story_articles SELECT 's' || (rowid / {per_story}), id FROM articles")
        db.execute("DELETE FROM story_articles WHERE story_id NOT IN (SELECT id FROM stories)")


def _resolve_one(path: Path) -> None:
    with Database(path) as db, db.atomic():
        name = db.scalar("SELECT speaker FROM quotes GROUP BY speaker ORDER BY count(*) DESC LIMIT 1")
        db.execute(
            "INSERT OR REPLACE INTO entities (id, name, label, family)"
            " VALUES ('E-top', ?, 'PERSON', 'person')",
            (name,),
        )
        db.execute("UPDATE mentions SET entity_id = 'E-top' WHERE text = ?", (name,))


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


def bench_urls(db: Path, with_stories: bool) -> list[str]:
    with Database(db) as d:
        total = int(d.scalar("SELECT count(*) FROM articles"))
        some = d.scalar("SELECT id FROM articles WHERE rowid = ?", (total // 2,))
        outlet = d.scalar("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 1")
        popular = d.scalar("SELECT speaker FROM quotes GROUP BY speaker ORDER BY count(*) DESC LIMIT 1")
        rare = d.scalar("SELECT speaker FROM quotes GROUP BY speaker ORDER BY count(*), speaker LIMIT 1")
        word = d.scalar("SELECT substr(text, 1, instr(text, ' ') - 1) FROM quotes WHERE rowid = 7")
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
    if with_stories:
        pages.append(f"/stories/s{total // 10}")
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
    db = args.db or Path(tempfile.gettempdir()) / f"crosswire-web-bench-{args.articles}.db"
    if args.rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        build_store(db, args.articles)
    for with_stories in (False, True):
        if with_stories:
            add_later_stages(db)
        else:
            with Database(db) as d, d.atomic():  # a reused store may have them from a last run
                d.execute("DROP TABLE IF EXISTS story_articles")
                d.execute("DROP TABLE IF EXISTS stories")
                d.execute("UPDATE mentions SET entity_id = NULL WHERE entity_id = 'E-top'")
                d.execute("DELETE FROM entities WHERE id = 'E-top'")
        port = free_port()
        server = start_server(db, port)
        try:
            rows = time_urls(f"http://127.0.0.1:{port}", bench_urls(db, with_stories), args.requests)
        finally:
            server.terminate()
            server.wait(10)
        report(f"{args.articles:,} articles, stories {'present' if with_stories else 'absent'}", rows)


if __name__ == "__main__":
    main()
