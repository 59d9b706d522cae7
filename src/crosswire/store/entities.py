"""Entities in the store: the tables resolution reads and writes, and the user's merges and splits.

Every SQL statement on the entity tables lives here. ``EntityStore`` implements resolution's
``resolve.index.EntityTables`` (``resolve.resolve_new(articles, store)`` resolves a batch
against it): candidates come from ``entity_keys`` by index lookup, capped per key, so the cost
of resolving one article does not grow with the store; ``save`` writes what a ``Resolution``
changed in one transaction. The tables are migration 3 in ``store.migrations``.

User decisions are kept as overrides (``entity_overrides``) and applied at once:
``merge(a, b)`` moves b's members into a; ``split(e, names=..., articles=...)`` moves the
chosen members into a new entity. Because overrides name local keys and articles, never
entity ids, re-resolving the same articles later reaches the same decisions.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from crosswire.errors import CrosswireError
from crosswire.resolve.entities import MergeEvidence, Resolution
from crosswire.resolve.evidence import Override, Overrides
from crosswire.resolve.matching import family_of, name_key
from crosswire.resolve.profiles import EntityProfile, LocalEntity
from crosswire.store.db import Database
from crosswire.types import Entity

# Candidates read per lookup key: a bare "Kim" must not read every Kim in the store.
CANDIDATES_PER_KEY = 50


class InvalidEntityChange(CrosswireError):
    """A merge or split that cannot be made as asked (an entity merged into itself)."""


class EntityStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._batch_overrides: Overrides | None = None  # read once per batch, not per lookup

    # -- what resolution reads (``resolve.index.EntityTables``) ----------------------------
    @contextmanager
    def overrides_for_batch(self) -> Iterator[Overrides]:
        self._batch_overrides = self.overrides()
        try:
            yield self._batch_overrides
        finally:
            self._batch_overrides = None

    def candidates(self, keys: Iterable[str]) -> list[EntityProfile]:
        keys = sorted(keys)
        if not keys:
            return []
        # Each key's best-known entities, an index range each (entity_keys_ranked): the cost
        # stays flat however many Johns the store holds.
        one_key = "SELECT entity_id FROM (SELECT entity_id FROM entity_keys WHERE key = ? " \
                  "ORDER BY weight DESC, entity_id LIMIT ?)"  # fmt: skip
        found: set[str] = set()
        for start in range(0, len(keys), 100):  # SQLite caps a compound SELECT at 500 parts
            chunk = keys[start:start + 100]
            found.update(r[0] for r in self.db.query(" UNION ".join([one_key] * len(chunk)),
                                                     [v for key in chunk for v in (key, CANDIDATES_PER_KEY)]))
        return self.profiles(sorted(found))

    def profiles(self, ids: Sequence[str]) -> list[EntityProfile]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        names: dict[str, Counter[str]] = {i: Counter() for i in ids}
        # Ordered reads (here and below): a profile is the same whatever order SQLite returns.
        for row in self.db.query(f"SELECT entity_id, alias, count FROM entity_aliases "
                                 f"WHERE entity_id IN ({marks}) ORDER BY entity_id, alias", list(ids)):
            names[row[0]][row[1]] = row[2]
        # The evidence stays JSON until a candidate's name matches (EntityProfile.from_stored);
        # the member keys, which the batch's index needs for every candidate, come out in SQL.
        rows = self.db.query("SELECT id, family, label, article_count, profile, json_extract(profile, "
                             f"'$.member_keys') AS member_keys FROM entities WHERE id IN ({marks}) "
                             "ORDER BY id",
                             list(ids))
        profiles = [EntityProfile.from_stored(r["id"], r["family"], r["label"], r["profile"],
                                              json.loads(r["member_keys"] or "[]"), names[r["id"]],
                                              r["article_count"]) for r in rows]
        self._add_override_members(profiles)
        return profiles

    def _add_override_members(self, profiles: list[EntityProfile]) -> None:
        """Overrides restricted to one article need to see that article's membership."""
        overrides = self._batch_overrides if self._batch_overrides is not None else self.overrides()
        rules = [r for r in overrides.rules if "*" not in (r.a_article, r.b_article)
                 or r.a_key == r.b_key]
        keys = {r.a_key for r in rules} | {r.b_key for r in rules}
        for profile in profiles:
            for key in keys & profile.member_keys:
                profile.members.update((r[0], key) for r in self.db.query(
                    "SELECT article_id FROM entity_members WHERE entity_id = ? AND local_key = ?",
                    (profile.id, key)))

    def overrides(self) -> Overrides:
        return Overrides([Override(r["kind"], r["a_key"], r["b_key"], r["a_article"], r["b_article"])
                          for r in self.db.query("SELECT * FROM entity_overrides ORDER BY id")])

    # -- writing --------------------------------------------------------------------------
    def save(self, resolution: Resolution, *, mentions_stored: bool = True) -> None:
        """Write what ``resolution`` changed. Pass ``mentions_stored=False`` when the resolved
        articles are stored after resolution: their mentions then carry their entity ids
        already, and there is nothing to update."""
        with self.db.atomic():
            # The keepers first: a keeper may be new in this batch (a bare surname stored
            # earlier joins a full name first seen now), and what moves to it needs its row.
            self._save_entities(list(resolution.entities.values()))
            for old, keeper in resolution.absorbed.items():
                self._move_entity(old, keeper)
            self.db.executemany(
                "INSERT OR REPLACE INTO entity_members (article_id, local_key, entity_id, name, "
                "label, mentions, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(a, k, e, resolution.locals[(a, k)].name, resolution.locals[(a, k)].label,
                  len(resolution.locals[(a, k)].mentions), _evidence_json(resolution.locals[(a, k)]))
                 for (a, k), e in resolution.members.items()])
            self._save_merges(resolution.merges)
            if mentions_stored:
                self.db.executemany(
                    "UPDATE mentions SET entity_id = ? WHERE article_id = ? AND start = ? AND \"end\" = ?",
                    [(m.entity_id, local.article_id, m.start, m.end)
                     for local in resolution.locals.values() for m in local.mentions])

    def _save_entity(self, entity: EntityProfile) -> None:
        self._save_entities([entity])

    def _save_entities(self, entities: Sequence[EntityProfile]) -> None:
        """Upsert entities with their aliases and keys: three statements for a whole batch."""
        self.db.executemany(
            "INSERT INTO entities (id, name, label, family, profile, article_count) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
            "label = excluded.label, profile = excluded.profile, article_count = excluded.article_count, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            [(e.id, e.name, e.label, e.family, json.dumps(e.to_json()), e.article_count) for e in entities])
        self.db.executemany(
            "INSERT INTO entity_aliases (entity_id, alias, key, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(entity_id, alias) DO UPDATE SET count = excluded.count",
            [(e.id, n, name_key(n, e.family), c) for e in entities for n, c in sorted(e.names.items())])
        # Keys are sets: written sorted, so two runs write the same rows in the same order.
        self.db.executemany("INSERT INTO entity_keys (key, entity_id, weight) VALUES (?, ?, ?) "
                            "ON CONFLICT(key, entity_id) DO UPDATE SET weight = excluded.weight",
                            [(k, e.id, e.article_count) for e in entities
                             for k in sorted(e.keys() | e.member_keys)])

    def _save_merges(self, merges: Iterable[MergeEvidence]) -> None:
        self.db.executemany(
            "INSERT INTO entity_merges (entity_id, article_id, local_key, merged_entity_id, alias, "
            "matched, rule, score, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.entity_id, m.article_id, m.local_key, m.merged_entity_id, m.alias, m.matched, m.rule,
              m.score, m.detail) for m in merges])

    def _move_entity(self, old: str, keeper: str) -> None:
        """Everything of entity ``old`` now belongs to ``keeper``; ``old`` is gone."""
        for table in ("entity_members", "entity_merges"):
            self.db.execute(f"UPDATE {table} SET entity_id = ? WHERE entity_id = ?", (keeper, old))
        self.db.execute("INSERT OR IGNORE INTO entity_keys (key, entity_id, weight) "
                        "SELECT key, ?, weight FROM entity_keys WHERE entity_id = ?", (keeper, old))
        self.db.execute("INSERT OR IGNORE INTO entity_aliases (entity_id, alias, key, count) "
                        "SELECT ?, alias, key, count FROM entity_aliases WHERE entity_id = ?", (keeper, old))
        # Speakers follow their mentions, so who-said-what agrees with the entity page.
        for table in ("mentions", "quotes"):
            self.db.execute(f"UPDATE {table} SET entity_id = ? WHERE entity_id = ?", (keeper, old))
        self.db.execute("DELETE FROM entities WHERE id = ?", (old,))

    # -- the user's decisions -------------------------------------------------------------
    def merge(self, keeper_id: str, other_id: str, note: str | None = None) -> None:
        """`crosswire entities merge A B`: B is A, now and after any re-analysis."""
        if keeper_id == other_id:  # moving an entity into itself would delete it
            raise InvalidEntityChange(f"cannot merge {keeper_id} into itself: name two different entities")
        keeper, other = self._require(keeper_id), self._require(other_id)
        family = family_of(keeper.label) or "other"
        a_key, b_key = name_key(keeper.name, family), name_key(other.name, family)
        with self.db.atomic():
            self._override("together", (a_key, "*"), (b_key, "*"), note)
            self._move_entity(other.id, keeper.id)
            self._rebuild_profile(keeper.id)
            self._save_merges([MergeEvidence(keeper.id, None, None, other.name, keeper.name,
                                             "user-together", 0.0, note or "", other.id)])

    def split(self, entity_id: str, *, names: Sequence[str] = (), articles: Sequence[str] = (),
              note: str | None = None) -> str:
        """`crosswire entities split E --name N | --article A`: those members become a new
        entity, kept apart from the rest from now on. Returns the new entity's id."""
        entity = self._require(entity_id)
        family = family_of(entity.label) or "other"
        keys = {name_key(n, family) for n in names}
        members = self.db.query("SELECT article_id, local_key FROM entity_members WHERE entity_id = ? "
                                "ORDER BY article_id, local_key", (entity.id,))
        moving = [(r[0], r[1]) for r in members if r[1] in keys or r[0] in articles]
        staying = {r[1] for r in members if (r[0], r[1]) not in moving}
        if not moving or not staying:
            raise CrosswireError(f"split of {entity_id} would leave one side empty: name a part of it")
        new_id = "E" + hashlib.sha1(f"{entity.id}|{sorted(moving)}".encode()).hexdigest()[:15]
        sides = {((key, article_id if articles else "*"), (other, "*"))
                 for article_id, key in moving for other in staying}
        with self.db.atomic():
            for a, b in sorted(sides):
                self._override("apart", a, b, note)
            self.db.execute("INSERT INTO entities (id, name, label, family) VALUES (?, ?, ?, ?)",
                            (new_id, entity.name, entity.label, family))
            self.db.executemany(
                "UPDATE entity_members SET entity_id = ? WHERE article_id = ? AND local_key = ?",
                [(new_id, a, k) for a, k in moving])
            self._move_mentions(entity.id, new_id, entity.label)
            for rebuilt in (entity.id, new_id):
                self._rebuild_profile(rebuilt)
            self._save_merges([MergeEvidence(new_id, a, k, k, entity.name, "user-apart", 0.0, note or "",
                                             entity.id) for a, k in moving])
        return new_id

    def _move_mentions(self, old: str, new: str, label: str) -> None:
        """Mentions and quote speakers of the members now in ``new`` follow them (matched on
        their names: a mention's text, a speaker's full name)."""
        family = family_of(label) or "other"
        for member in self.db.query("SELECT * FROM entity_members WHERE entity_id = ?", (new,)):
            keys = {name_key(n, family) for n in json.loads(member["evidence"])["names"]}
            for table, name in (("mentions", "text"), ("quotes", "speaker")):
                self.db.executemany(f"UPDATE {table} SET entity_id = ? WHERE id = ?", [
                    (new, r["id"]) for r in self.db.query(
                        f"SELECT id, {name} AS name FROM {table} WHERE article_id = ? AND entity_id = ?",
                        (member["article_id"], old)) if name_key(r["name"], family) in keys])

    def _override(self, kind: str, a: tuple[str, str], b: tuple[str, str], note: str | None) -> None:
        """Record a decision; the opposite decision on the same pair is withdrawn."""
        pair = (a[0], a[1], b[0], b[1], b[0], b[1], a[0], a[1])
        self.db.execute("DELETE FROM entity_overrides WHERE (a_key = ? AND a_article = ? AND b_key = ? "
                        "AND b_article = ?) OR (a_key = ? AND a_article = ? AND b_key = ? AND b_article = ?)",
                        pair)
        self.db.execute("INSERT INTO entity_overrides (kind, a_key, a_article, b_key, b_article, note) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (kind, a[0], a[1], b[0], b[1], note))

    def _rebuild_profile(self, entity_id: str) -> None:
        """Recompute an entity's profile, aliases, keys and mentions from its members."""
        row = self.db.query("SELECT * FROM entities WHERE id = ?", (entity_id,))[0]
        profile = EntityProfile(entity_id, row["family"], row["label"])
        for member in self.db.query("SELECT * FROM entity_members WHERE entity_id = ? "
                                    "ORDER BY article_id, local_key", (entity_id,)):
            profile.absorb(_local_from_row(member, row["family"]))
        for table in ("entity_aliases", "entity_keys"):
            self.db.execute(f"DELETE FROM {table} WHERE entity_id = ?", (entity_id,))
        self._save_entity(profile)

    def forget_articles(self, article_ids: Sequence[str]) -> None:
        """Before re-analysing articles: drop their members and rebuild the entities they were in."""
        marks = ",".join("?" * len(article_ids))
        with self.db.atomic():
            touched = [r[0] for r in self.db.query(
                f"SELECT DISTINCT entity_id FROM entity_members WHERE article_id IN ({marks}) "
                "ORDER BY entity_id",
                list(article_ids))]
            self.db.execute(f"DELETE FROM entity_members WHERE article_id IN ({marks})", list(article_ids))
            for entity_id in touched:
                if self.db.scalar("SELECT 1 FROM entity_members WHERE entity_id = ?", (entity_id,)):
                    self._rebuild_profile(entity_id)
                else:
                    self.db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))

    # -- reading --------------------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity | None:
        rows = self.db.query("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            return None
        aliases = [r[0] for r in self.db.query(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias", (entity_id,))]
        articles = [r[0] for r in self.db.query(
            "SELECT DISTINCT article_id FROM entity_members WHERE entity_id = ? ORDER BY article_id",
            (entity_id,))]
        return Entity(entity_id, rows[0]["name"], rows[0]["label"], aliases, articles)

    def evidence(self, entity_id: str) -> list[sqlite3.Row]:
        return self.db.query("SELECT * FROM entity_merges WHERE entity_id = ? ORDER BY id", (entity_id,))

    def _require(self, entity_id: str) -> Entity:
        found = self.entity(entity_id)
        if found is None:
            raise CrosswireError(f"no entity {entity_id}: `crosswire entities` lists them")
        return found


def _evidence_json(local: LocalEntity) -> str:
    return json.dumps({"names": dict(local.names), "roles": sorted(local.roles),
                       "affiliations": sorted(local.affiliations), "context": sorted(local.context),
                       "published": local.published})


def _local_from_row(row: sqlite3.Row, family: str) -> LocalEntity:
    data = json.loads(row["evidence"])
    return LocalEntity(row["article_id"], row["local_key"], family, row["label"], Counter(data["names"]),
                       [], set(data["roles"]), set(data["affiliations"]), set(data["context"]),
                       data.get("published"))
