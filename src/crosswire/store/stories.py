"""Stories in the store: every SQL statement on the story tables.

``StoryStore`` implements the stories stage's ``StoryTables`` (``stories.assign``), which is
the clustering core's ``StoryIndex`` and ``Regrouping`` plus the few reads and writes placing
a batch needs: candidates come from ``story_keys`` by indexed lookups capped per key, IDF
from ``story_term_df``, so the cost of one article stays flat as the store grows
(``bench/stories_bench.py``). ``StoryStore(db).assign(batch)`` runs the stage on it.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date

import numpy as np

from crosswire.store.db import Database
from crosswire.stories.assign import Auto, StoryAssigner
from crosswire.stories.cluster import (
    Assignment,
    Signal,
    StoryState,
    member_from_json,
    member_json,
    most_shared,
    parse_day,
)
from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.types import Article


class StoryStore:
    """The story tables. ``assign`` runs the stories stage (``StoryAssigner``) on them with
    ``settings`` and ``embedder`` ("auto": the model, loaded on first use; None: terms and
    entities only)."""

    def __init__(self, db: Database, settings: StorySettings | None = None,
                 embedder: Embedder | Auto | None = "auto") -> None:
        self.db = db
        # Stories read or written inside ``states_cached``, parsed once. Only within the
        # batch's transaction, so no other writer can make an entry stale.
        self._batch_states: dict[str, StoryState] | None = None
        self.stage = StoryAssigner(self, settings, embedder)

    def assign(self, articles: Sequence[Article]) -> list[Assignment]:
        """Place each article of a just-written batch in a story (``StoryAssigner.assign``)."""
        return self.stage.assign(articles)

    # -- what placing a batch reads and writes (``stories.assign.StoryTables``) -----------------
    def transaction(self) -> AbstractContextManager[Database]:
        return self.db.atomic()

    @contextmanager
    def states_cached(self) -> Iterator[None]:
        self._batch_states = {}
        try:
            yield
        finally:
            self._batch_states = None

    def placed(self, article_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.query(
                f"SELECT article_id FROM story_articles WHERE article_id IN ({marks})", chunk))
        return found

    def resolved_entities(self, article_ids: Sequence[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            rows = self.db.query(f"SELECT DISTINCT article_id, entity_id FROM mentions WHERE entity_id "
                                 f"IS NOT NULL AND article_id IN ({','.join('?' * len(chunk))})", chunk)
            for row in rows:
                found.setdefault(row[0], set()).add(row[1])
        return found

    def make_original(self, article_id: str, copy_id: str) -> bool:
        if not self.db.scalar("SELECT 1 FROM near_duplicates WHERE article_id = ? AND duplicate_of = ?",
                              (copy_id, article_id)):
            return False
        self.db.execute("UPDATE story_articles SET independent = 0 WHERE article_id = ?", (copy_id,))
        self.db.execute("UPDATE story_articles SET independent = 1 WHERE article_id = ?", (article_id,))
        return True

    def forget_comparisons(self, story_ids: Sequence[str]) -> None:
        self.db.executemany("DELETE FROM story_comparisons WHERE story_id = ?", [(s,) for s in story_ids])

    # -- the StoryIndex protocol ------------------------------------------------------------
    def story_of(self, article_id: str) -> str | None:
        value = self.db.scalar("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return None if value is None else str(value)

    def load(self, story_id: str) -> StoryState | None:
        found = self._states([story_id])
        return found[0] if found else None

    def candidates(self, keys: Sequence[str], per_key: int, limit: int) -> list[StoryState]:
        hits: list[tuple[str, int]] = []
        for key in keys:  # one indexed range read per key, newest first, capped
            rows = self.db.query("SELECT story_id, seen FROM story_keys WHERE key = ? ORDER BY seen DESC "
                                 "LIMIT ?", (key, per_key))
            hits += [(r[0], r[1]) for r in rows]
        return self._states(most_shared(hits, limit))

    def _states(self, ids: list[str]) -> list[StoryState]:
        known = self._batch_states if self._batch_states is not None else {}
        unread = [i for i in ids if i not in known]
        read: dict[str, StoryState] = {}
        for start in range(0, len(unread), 500):
            chunk = unread[start:start + 500]
            read.update((r["id"], _state(r)) for r in self.db.query(
                f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        if self._batch_states is not None:
            self._batch_states.update(read)
        return [known[i] if i in known else read[i] for i in ids if i in known or i in read]

    def frequencies(self, terms: Iterable[int]) -> tuple[dict[int, int], int]:
        wanted = list(terms)
        df: dict[int, int] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            df.update((r[0], r[1]) for r in self.db.query(
                f"SELECT term, df FROM story_term_df WHERE term IN ({','.join('?' * len(chunk))})", chunk))
        return df, self._stat("documents")

    def save(self, story: StoryState, signal: Signal | None, assignment: Assignment) -> None:
        tick = self._next_tick()
        self._write_story(story)
        self.db.execute("INSERT OR REPLACE INTO story_articles (article_id, story_id, score, independent) "
                        "VALUES (?, ?, ?, ?)", (assignment.article_id, story.id, assignment.score,
                                                int(assignment.independent)))
        if signal is None:
            return
        if story.members and story.members[-1].id == signal.id:  # absorb() kept it as a member
            self._write_members(story, start=len(story.members) - 1)
        self._file(story.id, [signal], tick)
        self.db.executemany("INSERT INTO story_term_df (term, df) VALUES (?, 1) "
                            "ON CONFLICT(term) DO UPDATE SET df = df + 1", [(t,) for t in signal.counts])
        self._set_stat("documents", self._stat("documents") + 1)

    # -- the Regrouping protocol: the split check in the store ---------------------------------
    def members(self, story: StoryState) -> list[Signal]:
        rows = self.db.query("SELECT signal FROM story_members WHERE story_id = ? ORDER BY position",
                             (story.id,))
        return [member_from_json(json.loads(r[0])) for r in rows]

    def regroup(self, kept: StoryState, moved: StoryState) -> None:
        """Carry out a split: ``moved.members`` (and their syndicated copies) go to the new story."""
        tick = self._next_tick()
        copies = self._copies_in(kept.id, [m.id for m in moved.members])
        kept.articles -= len(copies)  # a copy follows its original (split_story left it behind)
        moved.articles += len(copies)
        for story in (kept, moved):
            self._write_story(story)
            self.db.execute("DELETE FROM story_members WHERE story_id = ?", (story.id,))
            self._write_members(story, start=0)
            self.db.execute("DELETE FROM story_comparisons WHERE story_id = ?", (story.id,))
        self.db.executemany("UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                            [(moved.id, a) for a in [m.id for m in moved.members] + copies])
        # The kept story stays filed under the moved members' keys too: a stale key costs one
        # candidate read, and the score, not the key, decides.
        self._file(moved.id, moved.members, tick)

    def _copies_in(self, story_id: str, originals: Sequence[str]) -> list[str]:
        marks = ",".join("?" * len(originals))
        return [r[0] for r in self.db.query(
            f"SELECT nd.article_id FROM near_duplicates nd JOIN story_articles sa ON sa.article_id = "
            f"nd.article_id WHERE nd.duplicate_of IN ({marks}) AND sa.story_id = ? AND sa.independent = 0",
            [*originals, story_id])]

    def _write_members(self, story: StoryState, start: int) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO story_members (story_id, position, article_id, signal) "
            "VALUES (?, ?, ?, ?)",
            [(story.id, n, m.id, json.dumps(member_json(m))) for n, m in enumerate(story.members)
             if n >= start])

    def _file(self, story_id: str, signals: Sequence[Signal], tick: int) -> None:
        """File a story under the keys of its articles' signals (and their days), as active now."""
        keys = dict.fromkeys(k for s in signals for k in s.keys + ([f"d:{s.day}"] if s.day else []))
        self.db.executemany("INSERT INTO story_keys (key, story_id, seen) VALUES (?, ?, ?) "
                            "ON CONFLICT(key, story_id) DO UPDATE SET seen = excluded.seen",
                            [(k, story_id, tick) for k in keys])

    def _next_tick(self) -> int:
        tick = self._stat("tick") + 1
        self._set_stat("tick", tick)
        return tick

    def _write_story(self, story: StoryState) -> None:
        # The state exactly as stored (weights to 5 places, float32): a story kept for the
        # rest of the batch scores as it would read back from the store.
        story.terms = {t: round(w, 5) for t, w in story.terms.items()}
        if story.embedding is not None:
            story.embedding = story.embedding.astype(np.float32)
        if self._batch_states is not None:
            self._batch_states[story.id] = story
        state = json.dumps({"terms": {str(t): w for t, w in story.terms.items()},
                            "entities": dict(story.entities), "outlets": dict(story.outlets),
                            "languages": dict(story.languages), "dates": dict(story.dates),
                            "figures": dict(story.figures)})
        blob = None if story.embedding is None else story.embedding.tobytes()
        self.db.execute(
            "INSERT INTO stories (id, title, first_published, last_published, article_count, source_count, "
            "embedding, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "first_published = excluded.first_published, last_published = excluded.last_published, "
            "article_count = excluded.article_count, source_count = excluded.source_count, "
            "embedding = excluded.embedding, state = excluded.state, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            (story.id, story.title, _iso(story.first_day), _iso(story.last_day), story.articles,
             story.sources, blob, state))

    def _stat(self, name: str) -> int:
        value = self.db.scalar("SELECT value FROM story_stats WHERE name = ?", (name,))
        return 0 if value is None else int(value)

    def _set_stat(self, name: str, value: int) -> None:
        self.db.execute("INSERT INTO story_stats (name, value) VALUES (?, ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _state(row: sqlite3.Row) -> StoryState:
    state = json.loads(row["state"] or "{}")
    blob = row["embedding"]
    return StoryState(
        row["id"], row["title"], parse_day(row["first_published"]), parse_day(row["last_published"]),
        row["article_count"], row["source_count"],
        None if blob is None else np.frombuffer(blob, dtype=np.float32).copy(),
        {int(t): float(w) for t, w in state.get("terms", {}).items()},
        Counter(state.get("entities", {})), Counter(state.get("outlets", {})),
        # A story stored before languages were counted was English throughout.
        Counter(state.get("languages", {"en": row["source_count"]})),
        Counter(state.get("dates", {})), Counter(state.get("figures", {})))
