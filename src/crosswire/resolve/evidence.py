"""Is this referent that entity? The name rule weighed against shared and clashing context,
and the user's overrides.

Support is what both sides share: role words ("professor"), affiliations ("Korea
University"), other entities of their articles ("North Korea", "Pyongyang"), and dates within
a month when something else is shared too. A clash is two people described differently —
both have role words and none in common ("striker" / "senator"), or both have affiliations
and none in common — with nothing else to bind them; two well-described contexts with
nothing in common are a clash too (the same name in unrelated stories).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crosswire.resolve.matching import (
    MEDIUM,
    STRONG,
    SURNAME_PARTICLES,
    WEAK,
    NameRule,
    name_rule,
    person_parts,
    surname_fits,
)
from crosswire.resolve.profiles import EntityProfile, LocalEntity

# Evidence needed on top of the name: one shared role or affiliation, or two shared context
# entities; a bare surname or initials must also be the only candidate of its kind.
NEEDED = {MEDIUM: 1.0, 1.0: 0.5}
# How many context entities each side must have before "nothing in common" means anything.
WELL_DESCRIBED = 3
SAME_TIME_DAYS = 31


@dataclass(frozen=True, slots=True)
class Match:
    rule: str
    strength: float
    alias: str
    matched: str
    score: float = 0.0
    detail: str = ""
    accepted: bool = True


def score_match(local: LocalEntity, entity: EntityProfile) -> Match | None:
    """The best way ``local`` matches ``entity`` with its evidence, or None for no relation.

    ``accepted`` is False when the names relate but the evidence does not allow the merge
    (the caller still counts such a candidate: a surname fitting two people is ambiguous).
    """
    found = _best_name_rule(local, entity)
    if found is None:
        return None
    (alias, matched), rule = found
    backing, shared = support(local, entity)
    clash = local.family == "person" and _clash(local, entity, shared, full_name=rule.strength >= STRONG)
    # A full name whose surname another person of its article shares cannot claim a bare
    # surname seen elsewhere: which of the two it meant is unknown.
    namesake = rule.rule == "surname-only" and alias not in _one_word(local) \
        and rule.detail in local.namesakes
    accepted = not clash and not namesake and (rule.strength >= STRONG or backing >= NEEDED[rule.strength])
    detail = "; ".join(filter(None, [rule.detail, *shared]))
    return Match(rule.rule, rule.strength, alias, matched, rule.strength + backing, detail, accepted)


def _one_word(local: LocalEntity) -> set[str]:
    return {n for n in local.names if len(person_parts(n)) == 1}


def _best_name_rule(local: LocalEntity, entity: EntityProfile
                    ) -> tuple[tuple[str, str], NameRule] | None:
    best: tuple[tuple[str, str], NameRule] | None = None
    own_full = [n for n in local.names if len(n.split()) > 1] or list(local.names)
    their_full = [n for n in entity.names if len(n.split()) > 1] or list(entity.names)
    # One-word aliases of people with full names ("Kim") are not matched as exact names.
    own = list(local.names) if local.family != "person" else own_full
    theirs = list(entity.names) if entity.family != "person" else their_full
    # Sorted, the first best pair kept: which aliases are reported as matched must not depend
    # on the order the names were read in (store rows, profiles grown in another order).
    for a in sorted(own):
        for b in sorted(theirs):
            rule = name_rule(a, b, local.family)
            if rule is not None and (best is None or rule.strength > best[1].strength):
                best = ((a, b), rule)
    return best


def support(local: LocalEntity, entity: EntityProfile) -> tuple[float, list[str]]:
    """What the referent and the entity share (roles, affiliations, context entities, a
    month), weighed, and said in words for the evidence."""
    roles = sorted(local.roles & entity.roles.keys())
    affiliations = sorted(local.affiliations & entity.affiliations.keys())
    context = sorted(local.context & entity.context.keys())
    score = min(2, len(roles)) + min(2, len(affiliations)) + 0.5 * min(4, len(context))
    shared = [f"roles: {', '.join(roles)}" if roles else "",
              f"affiliations: {', '.join(affiliations)}" if affiliations else "",
              f"context: {', '.join(context[:6])}" if context else ""]
    if score and _same_time(local.published, entity.first_seen, entity.last_seen):
        score += 0.5
        shared.append("within a month")
    return score, [s for s in shared if s]


def _clash(local: LocalEntity, entity: EntityProfile, shared: list[str], *, full_name: bool) -> bool:
    """Do the two sides describe two people? Roles that differ do. Against a weaker name
    match, so do affiliations that differ, or well-described contexts with nothing in
    common. Against the same full name these two are no conflict: the organisations and
    places next to a name change from story to story (a player's old club and his new
    one), and so does everything around it (a source unmasked, then his death)."""
    if shared:  # any shared role, affiliation or context entity binds them
        return False
    roles_clash = bool(local.roles) and bool(entity.roles)
    affiliations_clash = bool(local.affiliations) and bool(entity.affiliations)
    unrelated = len(local.context) >= WELL_DESCRIBED and len(entity.context) >= WELL_DESCRIBED \
        and not (local.context & entity.context.keys())
    if full_name:
        return roles_clash
    return roles_clash or affiliations_clash or unrelated


def is_bare_person(entity: EntityProfile) -> bool:
    """A person known only by one word ("Obama"): no article gave the full name."""
    return entity.family == "person" and bool(entity.names) and all(
        _surname_form(person_parts(n)) for n in entity.names)


def _surname_form(parts: tuple[str, ...]) -> bool:
    """One word, or a surname running from a particle ("Lo Presti", "von der Leyen")."""
    return len(parts) == 1 or (1 < len(parts) <= 3 and parts[0] in SURNAME_PARTICLES)


def bare_owner(bare: EntityProfile, owners: list[EntityProfile]) -> tuple[EntityProfile, Match] | None:
    """The one full name among ``owners`` that the bare name's word begins or ends, in the
    bare entity's story: sharing a role, an affiliation or another entity with it, and not
    described as someone else. Two such full names ("Obama": Barack and Michelle in one
    story) and the bare name stays alone, never guessed; a name the word ends outranks one
    it begins."""
    shorts = {person_parts(n) for n in bare.names}
    in_story = []
    for owner in owners:
        fitting = sorted(n for n in owner.names if any(surname_fits(s, person_parts(n)) for s in shorts))
        support, shared = _entity_support(bare, owner)
        if fitting and support > 0 and not _entities_clash(bare, owner, shared):
            in_story.append((owner, fitting[0], support, shared))
    if len(in_story) > 1:
        # "Brenk" ends "Ada Brenk" and begins "Brenk Quillon": the surname is meant.
        in_story = [o for o in in_story if any(len(person_parts(n)) > 1 and person_parts(n)[-1:] == s[-1:]
                                               for n in o[0].names for s in shorts)]
    if len(in_story) != 1:
        return None
    owner, matched, support, shared = in_story[0]
    return owner, Match("surname-in-story", WEAK, bare.name, matched, WEAK + support, "; ".join(shared))


def _entity_support(a: EntityProfile, b: EntityProfile) -> tuple[float, list[str]]:
    roles = sorted(a.roles.keys() & b.roles.keys())
    affiliations = sorted(a.affiliations.keys() & b.affiliations.keys())
    context = sorted(a.context.keys() & b.context.keys())
    score = min(2, len(roles)) + min(2, len(affiliations)) + 0.5 * min(4, len(context))
    shared = [f"roles: {', '.join(roles)}" if roles else "",
              f"affiliations: {', '.join(affiliations)}" if affiliations else "",
              f"context: {', '.join(context[:6])}" if context else ""]
    return score, [s for s in shared if s]


def _entities_clash(a: EntityProfile, b: EntityProfile, shared: list[str]) -> bool:
    """Role words on both sides and none in common: two people, whatever else they share."""
    return bool(a.roles) and bool(b.roles) and not any(s.startswith("roles") for s in shared)


def _same_time(day: str | None, first: str | None, last: str | None) -> bool:
    if not day or not first or not last:
        return False
    try:
        when, lo, hi = date.fromisoformat(day), date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return False
    return (lo - when).days <= SAME_TIME_DAYS and (when - hi).days <= SAME_TIME_DAYS


@dataclass(frozen=True, slots=True)
class Override:
    """A user's decision: two referents are (``together``) or are not (``apart``) the same.

    Each side is a local key ("person:kimdongyub"), optionally restricted to one article
    ("*" = in any article): "the John Smith of article A is not the John Smith elsewhere"
    is ``apart(("person:johnsmith", A), ("person:johnsmith", "*"))``.
    """

    kind: str
    a_key: str
    b_key: str
    a_article: str = "*"
    b_article: str = "*"


class Overrides:
    def __init__(self, rules: list[Override] | None = None) -> None:
        self.rules = list(rules or [])

    def partner_keys(self, key: str) -> set[str]:
        """Keys a referent must be looked up under because a user tied it to them."""
        return {r.b_key if r.a_key == key else r.a_key for r in self.rules
                if r.kind == "together" and key in (r.a_key, r.b_key)}

    def apart(self, local: LocalEntity, entity: EntityProfile) -> bool:
        return any(self._pairs(rule, local, entity) for rule in self.rules if rule.kind == "apart")

    def apart_entities(self, a: EntityProfile, b: EntityProfile) -> bool:
        """Has the user set a member of ``a`` apart from a member of ``b``?"""
        none = ("", "")
        return any(_holds(x, rule.a_key, rule.a_article, none) and _holds(y, rule.b_key, rule.b_article, none)
                   for rule in self.rules if rule.kind == "apart" for x, y in ((a, b), (b, a)))

    def together(self, local: LocalEntity, entity: EntityProfile) -> bool:
        return any(self._pairs(rule, local, entity) for rule in self.rules if rule.kind == "together")

    @staticmethod
    def _pairs(rule: Override, local: LocalEntity, entity: EntityProfile) -> bool:
        sides = ((rule.a_key, rule.a_article), (rule.b_key, rule.b_article))
        for (key, article), (other_key, other_article) in (sides, sides[::-1]):
            here = key == local.key and article in ("*", local.article_id)
            if here and _holds(entity, other_key, other_article, (local.article_id, local.key)):
                return True
        return False


def _holds(entity: EntityProfile, key: str, article: str, itself: tuple[str, str]) -> bool:
    """Does the entity have a member under ``key`` (in ``article``), other than ``itself``?"""
    if article == "*":
        return any(m[1] == key and m != itself for m in entity.members) or (
            key in entity.member_keys and key != itself[1])
    return (article, key) in entity.members and (article, key) != itself
