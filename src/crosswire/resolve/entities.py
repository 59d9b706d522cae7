"""Resolve article-local referents into entities across articles: the pure core.

``resolve_entities(articles, known=..., overrides=...)`` takes analysed articles and returns a
``Resolution``: the entities touched (new or grown), which local referent joined which entity,
and the evidence of every merge (which alias matched which, by which rule, with what score
and what shared context). It reads nothing but its arguments: the store
(``store.entities``) passes ``known``, an ``EntityIndex`` of the entities found by index keys,
so a new batch never re-resolves the store.

How a referent finds its entity (``decide``):

1. candidates: the entities under its lookup keys (exact name, surname + initial, …); a
   person with a full name that some entity already bears is looked up by that name only;
2. each candidate is scored: a name rule (``matching.name_rule``) and the context both share
   — role words, affiliations, other entities of the articles, dates within a month;
3. a strong name match (same key) joins unless the two people clearly differ (roles or
   affiliations that clash, contexts with nothing in common: two John Smiths in unrelated
   stories); a one-letter given-name difference joins only with shared evidence; a bare
   surname or initials only with more evidence and a single such candidate — so two people
   who merely share a surname are never merged;
4. a referent that joins no entity of its own type may join the one entity bearing its full
   name under another type (person, organisation, place) when context agrees: outlets'
   articles type a name differently, and that must not split it (``across_types``);
5. user overrides come last and win: pairs forced apart are never joined, pairs forced
   together always are (they survive re-analysis because they name keys, not entity ids);
6. once the batch is placed, an entity known only by a bare name ("Obama", from articles
   that never gave the full name) joins the one full name of its story that it is the
   short form of (``evidence.bare_owner``: something shared, no clash, a single such name).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.resolve.across_types import across_types, other_family_keys
from crosswire.resolve.evidence import Match, Overrides, bare_owner, is_bare_person, score_match
from crosswire.resolve.index import EntityIndex, EntityTables
from crosswire.resolve.matching import MEDIUM, STRONG, lookup_keys, name_key, person_parts
from crosswire.resolve.profiles import EntityProfile, LocalEntity, local_entities
from crosswire.resolve.speakers import link_speakers
from crosswire.types import Article


@dataclass(frozen=True, slots=True)
class MergeEvidence:
    """Why a referent (or a whole entity, for ``bridge`` and ``user-together``) joined."""

    entity_id: str
    article_id: str | None
    local_key: str | None
    alias: str
    matched: str
    rule: str
    score: float
    detail: str = ""
    merged_entity_id: str | None = None


@dataclass(slots=True)
class Resolution:
    entities: dict[str, EntityProfile] = field(default_factory=dict)
    members: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, key) → entity
    locals: dict[tuple[str, str], LocalEntity] = field(default_factory=dict)
    merges: list[MergeEvidence] = field(default_factory=list)
    absorbed: dict[str, str] = field(default_factory=dict)  # entity id → the one it joined
    new_ids: set[str] = field(default_factory=set)


def resolve_entities(articles: Sequence[Article], *, known: EntityIndex | None = None,
                     overrides: Overrides | None = None) -> Resolution:
    """Resolve every referent of ``articles``; sets ``Mention.entity_id`` on their mentions
    and ``Speaker.entity_id`` on their quotes' speakers (``speakers.link_speakers``)."""
    run = _Run(known, overrides or Overrides())
    referents = [local for article in articles for local in local_entities(article)]
    run.fetch(referents)
    for local in referents:
        run.place(local)
    run.join_bare_names()
    for local in run.result.locals.values():
        entity_id = run.result.members[(local.article_id, local.key)]
        for mention in local.mentions:
            mention.entity_id = entity_id
    for article in articles:
        link_speakers(article)
    return run.result


def resolve_new(articles: Sequence[Article], tables: EntityTables) -> Resolution:
    """Resolve ``articles`` against the entities in ``tables``, writing nothing: sets
    ``Mention.entity_id`` on their mentions, so articles stored after carry it."""
    with tables.overrides_for_batch() as overrides:
        return resolve_entities(articles, known=tables, overrides=overrides)


class _Run:
    """One resolution: a pool of entities (from the batch and from ``known``) and an index."""

    def __init__(self, known: EntityIndex | None, overrides: Overrides) -> None:
        self.known = known
        self.overrides = overrides
        self.result = Resolution()
        self.pool: dict[str, EntityProfile] = {}
        self.index: dict[str, set[str]] = defaultdict(set)

    def fetch(self, referents: Sequence[LocalEntity]) -> None:
        """Read the stored candidates of every referent at once: one read per batch instead of
        one per referent, and an entity found under two referents' keys is read once.

        Two reads: the exact names of people first, then every other key of the referents
        that found no one by exact name. "Donald Trump" found under his own name needs no
        "Donald T." or bare "Trump" candidates: dozens each in a large store, and a strong
        exact-name match outranks them (on 200 AllSides articles against 20k stored, not one
        decision changed); "Kim Dong-yup", unknown by that spelling, needs them.
        """
        exact = set().union(*(self._exact_keys(local) or () for local in referents))
        self._read(exact)
        rest = set().union(*(self._lookup_keys(local) | other_family_keys(local) for local in referents
                             if not self._exact_candidates(local)))
        self._read(rest - exact)

    def _read(self, keys: set[str]) -> None:
        if self.known is not None and keys:
            # Keys in a fixed order (a set's order changes with the hash seed).
            for entity in self.known.candidates(sorted(keys)):
                if entity.id not in self.pool:
                    self._add_to_pool(entity)

    def place(self, local: LocalEntity) -> None:
        candidates = self._candidates(local)
        chosen, match, bridges = decide(local, candidates, self.overrides)
        if chosen is None or match is None:
            chosen, match = self._of_another_type(local)
        if chosen is None or match is None:
            chosen = self._new_entity(local)
            match = Match("new", 0.0, local.name, local.name)
        self._join(chosen, local, match)
        for other, why in bridges:
            self._bridge(chosen, other, why)

    def _of_another_type(self, local: LocalEntity) -> tuple[EntityProfile | None, Match | None]:
        """The entity bearing the referent's full name under another type (``across_types``),
        unless the user set the two apart."""
        ids = set().union(*(self.index.get(k, set()) for k in other_family_keys(local)))
        candidates = [self.pool[i] for i in sorted(ids)
                      if i in self.pool and not self.overrides.apart(local, self.pool[i])]
        found = across_types(local, candidates)
        return found if found is not None else (None, None)

    def join_bare_names(self) -> None:
        """Entities known only by one word ("Obama", from articles that never gave the full
        name) join the one full name of the story that bears it, once the whole batch is
        placed: a bare name read before its full name made an entity of its own, and later
        bare mentions joined that one by exact name."""
        for bare in [e for e in self.pool.values() if is_bare_person(e)]:
            if bare.id not in self.pool:
                continue
            owners = [e for e in self._pooled_by_word(bare) if not is_bare_person(e)]
            found = bare_owner(bare, owners)
            if found is not None and not self.overrides.apart_entities(bare, found[0]):
                self._bridge(found[0], bare, found[1])

    def _pooled_by_word(self, bare: EntityProfile) -> list[EntityProfile]:
        keys = {f"person/s:{part}" for name in bare.names for part in person_parts(name)}
        ids = set().union(*(self.index.get(k, set()) for k in keys))
        return [self.pool[i] for i in sorted(ids) if i in self.pool and self.pool[i].family == "person"]

    def _lookup_keys(self, local: LocalEntity) -> set[str]:
        keys = set().union(*(lookup_keys(n, local.family) for n in local.names))
        return keys | self.overrides.partner_keys(local.key)

    def _exact_keys(self, local: LocalEntity) -> set[str] | None:
        """The keys of a person's full names (and the user's ties); None for other referents,
        which are always looked up under all their keys."""
        if local.family != "person":
            return None
        full = {name_key(n, local.family) for n in local.names if len(person_parts(n)) > 1}
        return full | self.overrides.partner_keys(local.key) if full else None

    def _exact_candidates(self, local: LocalEntity) -> list[EntityProfile]:
        return self._pooled(local, self._exact_keys(local) or set())

    def _pooled(self, local: LocalEntity, keys: set[str]) -> list[EntityProfile]:
        ids = set().union(*(self.index.get(k, set()) for k in keys))
        return [self.pool[i] for i in sorted(ids) if i in self.pool and self.pool[i].family == local.family]

    def _candidates(self, local: LocalEntity) -> list[EntityProfile]:
        # Read from the store by ``fetch``, before any placing. Exact-name candidates alone
        # when there are any, stored or made by an earlier referent of this batch: a batch
        # decides as one-article batches would.
        return self._exact_candidates(local) or self._pooled(local, self._lookup_keys(local))

    def _add_to_pool(self, entity: EntityProfile) -> None:
        self.pool[entity.id] = entity
        for key in entity.keys() | entity.member_keys:
            self.index[key].add(entity.id)

    def _new_entity(self, local: LocalEntity) -> EntityProfile:
        digest = hashlib.sha1(f"{local.family}|{local.key}|{local.article_id}".encode()).hexdigest()
        entity = EntityProfile(f"E{digest[:15]}", local.family, local.label)
        self.result.new_ids.add(entity.id)
        return entity

    def _join(self, entity: EntityProfile, local: LocalEntity, match: Match) -> None:
        entity.absorb(local)
        self._add_to_pool(entity)
        self.result.entities[entity.id] = entity
        self.result.members[(local.article_id, local.key)] = entity.id
        self.result.locals[(local.article_id, local.key)] = local
        self.result.merges.append(MergeEvidence(entity.id, local.article_id, local.key, match.alias,
                                                match.matched, match.rule, match.score, match.detail))

    def _bridge(self, keeper: EntityProfile, other: EntityProfile, why: Match) -> None:
        """``other`` is the same referent as ``keeper`` (a referent matched both strongly)."""
        keeper.absorb_entity(other)
        self.pool.pop(other.id, None)
        self.result.entities.pop(other.id, None)
        self.result.absorbed[other.id] = keeper.id
        for member, entity_id in self.result.members.items():
            if entity_id == other.id:
                self.result.members[member] = keeper.id
        self._add_to_pool(keeper)
        self.result.entities[keeper.id] = keeper
        self.result.merges.append(MergeEvidence(keeper.id, None, None, why.alias, why.matched,
                                                "bridge:" + why.rule, why.score, why.detail, other.id))


def decide(local: LocalEntity, candidates: list[EntityProfile], overrides: Overrides
           ) -> tuple[EntityProfile | None, Match | None, list[tuple[EntityProfile, Match]]]:
    """The entity ``local`` joins (None: a new one), why, and other entities it proves to be
    the same as (org and place names only: people are never bridged)."""
    allowed = [c for c in candidates if not overrides.apart(local, c)]
    forced = [c for c in allowed if overrides.together(local, c)]
    if forced:
        return forced[0], Match("user-together", STRONG, local.name, forced[0].name), []
    scored = [(c, m) for c in allowed if (m := score_match(local, c)) is not None
              and not (m.rule == "generation-dropped" and _told_apart(local, c))]
    accepted = sorted(((c, m) for c, m in scored if m.accepted),
                      key=lambda cm: (-cm[1].strength, -cm[1].score, cm[0].id))
    if not accepted:
        return None, None, []
    best, match = accepted[0]
    if match.strength < MEDIUM and sum(m.strength < MEDIUM for _, m in scored) > 1:
        return None, None, []  # a bare surname or initials fitting two people: never guess
    bridges = [(c, m) for c, m in accepted[1:]
               if local.family != "person" and match.strength >= STRONG and _bridges(m)]
    return best, match, bridges


def _told_apart(local: LocalEntity, candidate: EntityProfile) -> bool:
    """Does ``candidate`` already hold another person of ``local``'s article? Then a name
    that differs from it by a generation only ("Odell Brisk" and "Odell Brisk Jr.") is the
    other man of the two the article tells apart, not the same one (other medium rules still
    join two forms of one name an article uses: "Ilka Moor Brenk" and "Ilka Brenk")."""
    return local.family == "person" and any(article == local.article_id and key != local.key
                                            for article, key in candidate.members)


# Rules a second candidate may bridge by, besides a strong one: the full name of an
# organisation and its short form ("Red Kites" / "Harlow Red Kites"), both matched with
# context by a referent that bears one of them exactly.
_SHORT_FORM_RULES = frozenset({"place-dropped", "leading-acronym"})


def _bridges(match: Match) -> bool:
    return match.strength >= STRONG or match.rule in _SHORT_FORM_RULES
