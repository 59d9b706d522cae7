"""Articles and their annotations in the store: write a batch, read one back, list, search."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from crosswire.ids import raw_id
from crosswire.store.annotations import load_annotations, save_annotations
from crosswire.store.db import Database
from crosswire.types import Article, IngestProblem

ARTICLE_COLUMNS = (
    "id, source, url, outlet, title, dek, byline, published, language, text, captions, notes, raw_id"
)


@dataclass(slots=True)
class NewArticle:
    """An analysed article ready to write, with what identity found about it."""

    article: Article
    signature: np.ndarray
    band_keys: list[tuple[int, int]]


class ArticleStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing ----------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids of ``ids`` already stored: one primary-key lookup per 500 ids.

        Inside ``db.atomic()`` the answer holds until the transaction commits: the write lock
        keeps any other process from storing an article meanwhile.
        """
        ids = list(ids)
        known: set[str] = set()
        for start in range(0, len(ids), 500):  # well under SQLite's limit on bound parameters
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            known.update(r[0] for r in self.db.query(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return known

    def add_source(self, article_id: str, source: str, raw: str, media_type: str) -> bool:
        """Remember another place an article was read from; False when already known."""
        with self.db.atomic():
            rid = self._save_raw(raw, media_type)
            cur = self.db.execute(
                "INSERT OR IGNORE INTO article_sources (article_id, source, raw_id) VALUES (?, ?, ?)",
                (article_id, source, rid),
            )
        return cur.rowcount > 0

    def save_batch(self, batch: Sequence[NewArticle], problems: Sequence[IngestProblem] = ()) -> None:
        """One transaction for the whole batch: a killed run keeps whole batches only."""
        with self.db.atomic():
            for item in batch:
                self._save_article(item)
            self.record_problems(problems)

    def record_problems(self, problems: Sequence[IngestProblem]) -> None:
        self.db.executemany(
            "INSERT INTO ingest_errors (source, reason) VALUES (?, ?)",
            [(p.source, p.reason) for p in problems if not p.skipped],
        )

    def _save_raw(self, content: str, media_type: str) -> str:
        rid = raw_id(content)
        self.db.execute(
            "INSERT OR IGNORE INTO raw_inputs (id, media_type, content) VALUES (?, ?, ?)",
            (rid, media_type, content),
        )
        return rid

    def _save_article(self, item: NewArticle) -> None:
        a = item.article
        rid = self._save_raw(a.raw, a.raw_media_type)
        self.db.execute(
            "INSERT INTO articles (id, raw_id, source, url, outlet, title, dek, byline, published,"
            " language, text, captions, notes, word_count) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id,
                rid,
                a.source,
                a.url,
                a.outlet,
                a.title,
                a.dek,
                a.byline,
                a.published,
                a.language,
                a.text,
                json.dumps(a.captions),
                json.dumps(a.notes),
                len(a.text.split()),
            ),
        )
        self.db.execute(
            "INSERT INTO article_sources (article_id, source, raw_id) VALUES (?, ?, ?)",
            (a.id, a.source, rid),
        )
        save_annotations(self.db, a)
        self._save_signature(item)

    def _save_signature(self, item: NewArticle) -> None:
        aid = item.article.id
        self.db.execute(
            "INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
            (aid, item.signature.tobytes()),
        )
        self.db.executemany(
            "INSERT INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?)",
            [(band, key, aid) for band, key in item.band_keys],
        )
        if item.article.near_duplicate_of:
            self._link_copy(item.article)

    def _link_copy(self, article: Article) -> None:
        """Link a near-duplicate pair with the copy pointing at the original.

        The original is the one published first, whichever was ingested first: a wire story
        read after the paper that republished it is still the original.
        """
        other = article.near_duplicate_of or ""
        other_published = self.db.scalar("SELECT published FROM articles WHERE id = ?", (other,))
        copy, original = article.id, other
        if published_before(article.published, other_published):
            copy, original = other, article.id
        self.db.execute(
            "INSERT OR REPLACE INTO near_duplicates (article_id, duplicate_of, similarity) VALUES (?, ?, ?)",
            (copy, original, article.similarity),
        )

    # -- near-duplicate candidates ------------------------------------------------------------
    def signatures_sharing_a_band(
        self, band_keys: list[tuple[int, int]], limit: int = 50
    ) -> list[tuple[str, np.ndarray]]:
        if not band_keys:
            return []
        # One indexed lookup per band (SQLite's multi-index OR). "(band, key) IN (VALUES …)"
        # reads the same but makes SQLite scan the whole table: 78 ms a query at 5k articles.
        wanted = " OR ".join("(b.band = ? AND b.key = ?)" for _ in band_keys)
        rows = self.db.query(
            f"SELECT DISTINCT s.article_id, s.signature FROM minhash_bands b"
            f" JOIN minhash_signatures s ON s.article_id = b.article_id"
            f" WHERE {wanted} LIMIT ?",
            [v for pair in band_keys for v in pair] + [limit],
        )
        return [(r[0], np.frombuffer(r[1], dtype=np.uint64)) for r in rows]

    # -- shards loaded (``crosswire load``): each file stored once ---------------------------
    def loaded_shard_digest(self, name: str) -> str | None:
        """The digest of shard ``name`` when it was last loaded, or None if it never was."""
        value = self.db.scalar("SELECT digest FROM loaded_shards WHERE name = ?", (name,))
        return None if value is None else str(value)

    def mark_shard_loaded(self, name: str, digest: str, articles: int) -> None:
        with self.db.atomic():
            self.db.execute("INSERT OR REPLACE INTO loaded_shards (name, digest, articles) VALUES (?, ?, ?)",
                            (name, digest, articles))  # fmt: skip

    # -- reading ------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM articles"))

    def get(self, article_id: str) -> Article | None:
        """One article with its annotations; a unique id prefix is enough."""
        # A range on the primary key, not LIKE: ids are hex, and "g" sorts after every hex digit.
        rows = self.db.query(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ? OR (id >= ? AND id < ?) LIMIT 2",
            (article_id, article_id, article_id + "g"),
        )
        exact = [r for r in rows if r["id"] == article_id]
        if exact:
            rows = exact
        return self._hydrate(rows[0]) if len(rows) == 1 else None

    def article(self, article_id: str, *, with_raw: bool = True) -> Article | None:
        """One article by its exact id; ``with_raw=False`` skips the raw input (a page view)."""
        rows = self.db.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return self._hydrate(rows[0], with_raw=with_raw) if rows else None

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every article with annotations, in ingest order, without loading the store at once."""
        last = 0
        while True:
            rows = self.db.query(
                f"SELECT rowid, {ARTICLE_COLUMNS} FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            for row in rows:
                yield self._hydrate(row)
            last = rows[-1]["rowid"]

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[sqlite3.Row]:
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        return self.db.query(
            f"SELECT id, outlet, title, byline, published, word_count FROM articles {where}"
            " ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def problem_count(self) -> int:
        return int(self.db.scalar("SELECT count(*) FROM ingest_errors"))

    def _hydrate(self, row: sqlite3.Row, with_raw: bool = True) -> Article:
        aid = row["id"]
        raw = []
        if with_raw:
            raw = self.db.query("SELECT content, media_type FROM raw_inputs WHERE id = ?", (row["raw_id"],))
        dup = self.db.query(
            "SELECT duplicate_of, similarity FROM near_duplicates WHERE article_id = ?", (aid,)
        )
        article = Article(
            id=aid,
            text=row["text"],
            source=row["source"],
            url=row["url"],
            outlet=row["outlet"],
            title=row["title"],
            dek=row["dek"],
            byline=row["byline"],
            published=row["published"],
            language=row["language"],
            captions=json.loads(row["captions"]),
            notes=json.loads(row["notes"]),
            raw=raw[0]["content"] if raw else "",
            raw_media_type=raw[0]["media_type"] if raw else "text",
            near_duplicate_of=dup[0]["duplicate_of"] if dup else None,
            similarity=dup[0]["similarity"] if dup else None,
        )
        load_annotations(self.db, article)
        return article


def published_before(a: str | None, b: str | None) -> bool:
    """True when ISO 8601 ``a`` is known to be earlier than ``b`` (offsets taken into account)."""
    if not a or not b:
        return False
    try:
        first, second = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return False
    if (first.tzinfo is None) != (second.tzinfo is None) or len(a) <= 10 or len(b) <= 10:
        return first.date() < second.date()  # a day, or naive against aware: compare days
    return first < second


_FTS_TERM = re.compile(r"\w+", re.U)


def plain_fts_query(query: str) -> str:
    return " ".join(f'"{term}"' for term in _FTS_TERM.findall(query)) or '""'
