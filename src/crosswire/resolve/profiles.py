"""Who is in an article, and what is known of an entity: the two records resolution compares.

A ``LocalEntity`` is one referent inside one article: its mentions grouped by the name they
stand for (``Mention.canonical``, set by the cast and the acronym linker, else the text), with
the evidence around them — role words ("professor", "foreign minister"), affiliations (the
organisations and places named next to a person: "a professor at Korea University"), and the
other entities of the article (its context). An ``EntityProfile`` sums the locals resolved to
one entity, capped so that a profile stays small however often an entity is named.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from crosswire.lexicon import ADDRESS_FORMS, PERSON_NOUNS, PERSON_TITLES
from crosswire.resolve.matching import (
    GENERATIONS,
    family_of,
    index_keys,
    name_key,
    person_parts,
    surname_fits,
)
from crosswire.types import Article, Mention

# Role words read around a person's mentions: the lexicon's person nouns and titles, less the
# forms of address and the nouns too common to tell two people apart. Titles that only modify
# ("former") are no roles; neither are role parts such as "press" (they need their noun).
ROLES_AROUND_PEOPLE: frozenset[str] = (PERSON_NOUNS | PERSON_TITLES) - ADDRESS_FORMS - frozenset(
    {"member", "leader", "official", "resident"}
)
WINDOW_BEFORE, WINDOW_AFTER = 60, 90
# Profile caps: enough to recognise an entity, bounded so a resolution step stays flat.
MAX_CONTEXT, MAX_ROLES, MAX_NAMES = 100, 30, 30

_WORDS = re.compile(r"[a-z][a-z\-]+")


@dataclass(slots=True)
class LocalEntity:
    article_id: str
    key: str
    family: str
    label: str
    names: Counter[str]
    mentions: list[Mention]
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    published: str | None = None
    # Words of its full name that another person of the article bears too ("Halvorsen" for
    # Dagny when Petter Halvorsen is there): a bare "Halvorsen" elsewhere is not surely hers.
    namesakes: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return display_name(self.names, self.family)


@dataclass(slots=True)
class Evidence:
    """What an entity's members said around its names: the part of a profile that only a
    candidate whose name matches is ever read for."""

    roles: Counter[str] = field(default_factory=Counter)
    affiliations: Counter[str] = field(default_factory=Counter)
    context: Counter[str] = field(default_factory=Counter)
    first_seen: str | None = None
    last_seen: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(Counter(data.get("roles", {})), Counter(data.get("affiliations", {})),
                   Counter(data.get("context", {})), data.get("first_seen"), data.get("last_seen"))


@dataclass(slots=True)
class EntityProfile:
    """What is known of one entity: its names and the evidence of its members.

    ``members`` holds (article id, local key) pairs: all of them for entities resolved in this
    batch, and at least those that user overrides name for entities read from the store.

    An entity read from the store keeps its evidence as the stored JSON (``stored``) until
    something reads it: most candidates a lookup key brings (every John S. for "John Smith")
    are dropped on their names alone, and parsing their evidence was most of what a growing
    store cost per article.
    """

    id: str
    family: str
    label: str
    names: Counter[str] = field(default_factory=Counter)
    member_keys: set[str] = field(default_factory=set)
    members: set[tuple[str, str]] = field(default_factory=set)
    article_count: int = 0
    stored: str | None = None
    _evidence: Evidence | None = None

    @property
    def evidence(self) -> Evidence:
        if self._evidence is None:
            self._evidence = Evidence.from_json(json.loads(self.stored)) if self.stored else Evidence()
            self.stored = None
        return self._evidence

    @property
    def roles(self) -> Counter[str]:
        return self.evidence.roles

    @property
    def affiliations(self) -> Counter[str]:
        return self.evidence.affiliations

    @property
    def context(self) -> Counter[str]:
        return self.evidence.context

    @property
    def first_seen(self) -> str | None:
        return self.evidence.first_seen

    @property
    def last_seen(self) -> str | None:
        return self.evidence.last_seen

    @property
    def name(self) -> str:
        return display_name(self.names, self.family)

    def keys(self) -> set[str]:
        """The index keys of every alias (one-word aliases of full names excepted)."""
        has_full = self.family == "person" and any(len(person_parts(n)) > 1 for n in self.names)
        return {k for n in self.names for k in index_keys(n, self.family, not has_full)}

    def absorb(self, local: LocalEntity) -> None:
        self.names.update(local.names)
        self.roles.update(local.roles)
        self.affiliations.update(local.affiliations)
        self.context.update(local.context)
        self.member_keys.add(local.key)
        self.members.add((local.article_id, local.key))
        self.article_count += 1
        self._seen(local.published, local.published)
        self._cap()

    def absorb_entity(self, other: EntityProfile) -> None:
        for mine, theirs in ((self.names, other.names), (self.roles, other.roles),
                             (self.affiliations, other.affiliations), (self.context, other.context)):
            mine.update(theirs)
        self.member_keys |= other.member_keys
        self.members |= other.members
        self.article_count += other.article_count
        self._seen(other.first_seen, other.last_seen)
        self._cap()

    def _seen(self, first: str | None, last: str | None) -> None:
        evidence = self.evidence
        if first and (evidence.first_seen is None or first < evidence.first_seen):
            evidence.first_seen = first
        if last and (evidence.last_seen is None or last > evidence.last_seen):
            evidence.last_seen = last

    def _cap(self) -> None:
        for counter, limit in ((self.context, MAX_CONTEXT), (self.roles, MAX_ROLES),
                               (self.affiliations, MAX_ROLES), (self.names, MAX_NAMES)):
            if len(counter) > limit:
                kept = most_common(counter, limit)
                counter.clear()
                counter.update(kept)

    def to_json(self) -> dict[str, Any]:
        # Sorted, so the stored profile is the same text whatever order the keys came in.
        return {"roles": dict(sorted(self.roles.items())),
                "affiliations": dict(sorted(self.affiliations.items())),
                "context": dict(sorted(self.context.items())), "member_keys": sorted(self.member_keys),
                "first_seen": self.first_seen, "last_seen": self.last_seen}

    @classmethod
    def from_json(cls, id: str, family: str, label: str, data: dict[str, Any],
                  names: Counter[str], article_count: int) -> EntityProfile:
        return cls(id, family, label, names, set(data.get("member_keys", [])), set(), article_count,
                   _evidence=Evidence.from_json(data))

    @classmethod
    def from_stored(cls, id: str, family: str, label: str, profile: str, member_keys: list[str],
                    names: Counter[str], article_count: int) -> EntityProfile:
        """An entity as the store keeps it, its evidence (``profile``, JSON) read on first use."""
        return cls(id, family, label, names, set(member_keys), set(), article_count, stored=profile)


def most_common(counter: Counter[str], limit: int) -> dict[str, int]:
    """The ``limit`` most frequent keys, ties broken by the key itself.

    Not ``Counter.most_common``: it breaks ties by insertion order, and a profile's roles,
    affiliations and context are inserted from sets, in an order that changes with the
    process's hash seed — which keys survive a cap (and so which entity a later referent
    joins) would differ between two runs on the same input.
    """
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit])


def display_name(names: Counter[str], family: str) -> str:
    """The most used full name: for people the most frequent name of two words or more."""
    if family == "person":
        full = Counter({n: c for n, c in names.items() if len(n.split()) > 1})
        names = full or names
    return max(names.items(), key=lambda item: (item[1], len(item[0]), item[0]))[0]


def local_entities(article: Article) -> list[LocalEntity]:
    """The referents of one article, with the evidence resolution needs."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in article.mentions:
        family = family_of(mention.label)
        if family is not None:
            groups[name_key(_name_of(mention), family)].append(mention)
    locals_ = [_local(article, key, mentions) for key, mentions in groups.items()]
    locals_ = _fold_surnames(locals_)
    _mark_namesakes([x for x in locals_ if x.family == "person" and len(person_parts(x.name)) > 1])
    for local in locals_:
        local.context = {other.key for other in locals_ if other is not local}
        if local.family == "person":
            local.roles, local.affiliations = _person_evidence(article, local, locals_)
    return locals_


def _name_of(mention: Mention) -> str:
    """The name a mention stands for: its canonical in the article, else its normal form
    when the language's analysis gives one ("Путина" → "Путин"; ``normal`` is optional on
    a Mention), else its text."""
    if mention.canonical and _drops_a_generation(mention.text, mention.canonical):
        return mention.text
    return mention.canonical or getattr(mention, "normal", None) or mention.text


def _drops_a_generation(text: str, canonical: str) -> bool:
    """A full name written without the "Jr." or "III" its canonical adds is the father, not
    the son: "Odell Brisk" in an article that also names "Odell Brisk Jr." is another man.
    A bare surname ("Brisk") keeps the canonical the cast chose for it."""
    written, full = person_parts(text), person_parts(canonical)
    return (len(written) > 1 and len(full) > len(written) and full[-1] in GENERATIONS - {"sr"}
            and written[-1] not in GENERATIONS)


def _local(article: Article, key: str, mentions: list[Mention]) -> LocalEntity:
    labels = Counter(m.label for m in mentions)
    label = labels.most_common(1)[0][0]
    names = Counter(_name_of(m) for m in mentions)
    names.update(m.text for m in mentions if _name_of(m) != m.text)
    return LocalEntity(article.id, key, str(family_of(label)), label, names, list(mentions),
                       published=(article.published or "")[:10] or None)


def _fold_surnames(locals_: list[LocalEntity]) -> list[LocalEntity]:
    """A bare surname with no canonical ("Presti", "Lo Presti") joins the one full name in
    the article that ends or starts with it (the cast does this when it has run; this is the
    fallback). Two people with that surname in the article: the surname stays alone, never
    guessed."""
    people = [x for x in locals_ if x.family == "person" and person_parts(x.name)]
    owners = {id(x): _owners(x, people) for x in people}
    full = {id(x) for x in people if len(person_parts(x.name)) > 1 and not owners[id(x)]}
    kept = []
    for local in locals_:
        found = _without_sons([f for f in owners.get(id(local), []) if id(f) in full])
        if len(found) == 1:
            found[0].names.update(local.names)
            found[0].mentions.extend(local.mentions)
        else:
            kept.append(local)
    return kept


def _without_sons(owners: list[LocalEntity]) -> list[LocalEntity]:
    """"Odell Brisk" and "Odell Brisk Jr." both own a bare "Brisk": the father is meant, the
    son being the one the article must tell apart with his "Jr."."""
    names = {person_parts(o.name) for o in owners}
    return [o for o in owners if not (person_parts(o.name)[-1] in GENERATIONS
                                      and person_parts(o.name)[:-1] in names)]


def _mark_namesakes(people: list[LocalEntity]) -> None:
    ends = {id(p): {person_parts(p.name)[0], person_parts(p.name)[-1]} for p in people}
    for person in people:
        others = set().union(*(ends[id(o)] for o in people if o is not person))
        person.namesakes = frozenset(ends[id(person)] & others)


def _owners(short: LocalEntity, people: list[LocalEntity]) -> list[LocalEntity]:
    parts = person_parts(short.name)
    return [p for p in people if p is not short and surname_fits(parts, person_parts(p.name))]


def _person_evidence(article: Article, person: LocalEntity,
                     locals_: list[LocalEntity]) -> tuple[set[str], set[str]]:
    """Role words and affiliations next to the person's mentions, never crossing another
    person's mention (those words are theirs)."""
    others = sorted((m.start, m.end) for x in locals_ if x is not person and x.family == "person"
                    for m in x.mentions)
    roles: set[str] = set()
    affiliations: set[str] = set()
    for mention in person.mentions:
        lo, hi = _window(article.text, mention, others)
        roles.update(w for w in _WORDS.findall(article.text[lo:hi].lower()) if w in ROLES_AROUND_PEOPLE)
        affiliations.update(x.key for x in locals_ if x.family in ("org", "place")
                            and any(lo <= m.start and m.end <= hi for m in x.mentions))
    return roles, affiliations


def _window(text: str, mention: Mention, others: list[tuple[int, int]]) -> tuple[int, int]:
    lo = max(0, mention.start - WINDOW_BEFORE, text.rfind("\n", 0, mention.start) + 1)
    hi = min(len(text), mention.end + WINDOW_AFTER)
    newline = text.find("\n", mention.end, hi)
    hi = newline if newline >= 0 else hi
    for start, end in others:
        if end <= mention.start:
            lo = max(lo, end)
        elif start >= mention.end:
            hi = min(hi, start)
    return lo, hi
