"""The same full name typed differently in two articles: one referent, when context agrees.

Types come from the entity stage, one article at a time, and a name's type can waver
between outlets: spaCy and the learned tagger read "Delmont Foods" as an organisation in one
article and as a person in the next, a building as a place or an organisation. Resolution
keeps people, organisations and places in families of their own, so such a wavering split
one referent into two entities. Here a type disagreement is weak evidence against the merge
rather than a wall:

* only between the families a name's type wavers between (person, organisation, place);
* only for the same name (the same key in both families) of two words or more: a bare word
  is where two referents really share a name ("Ford" the person, "Ford" the company;
  "Jordan" the country and the player);
* only when the referent joins no entity of its own family, and fits exactly one in the others;
* only with support from context, as for a medium name rule: a shared role or affiliation,
  or two other entities of its articles in common (the same story told by another outlet).
"""

from __future__ import annotations

from crosswire.mentions.entities.places import fold
from crosswire.resolve.evidence import NEEDED, Match, support
from crosswire.resolve.matching import MEDIUM, name_key
from crosswire.resolve.profiles import EntityProfile, LocalEntity

# The families whose types spaCy and the tagger confuse for one name.
WAVERING = ("person", "org", "place")
RULE = "type-disagreement"


def other_family_keys(local: LocalEntity) -> set[str]:
    """The keys of the referent's full names in the other wavering families."""
    if local.family not in WAVERING:
        return set()
    return {name_key(name, family) for name in local.names if _is_full(name)
            for family in WAVERING if family != local.family}


def across_types(local: LocalEntity, candidates: list[EntityProfile]) -> tuple[EntityProfile, Match] | None:
    """The one entity of another family bearing one of the referent's full names, with
    enough shared context to join it; None when there is none, or more than one."""
    keys = other_family_keys(local)
    fitting = []
    for entity in candidates:
        if entity.family == local.family or entity.family not in WAVERING:
            continue
        names = sorted(n for n in entity.names if _is_full(n) and name_key(n, entity.family) in keys)
        if names:
            fitting.append((entity, names[0]))
    if len(fitting) != 1:
        return None
    entity, matched = fitting[0]
    score, shared = support(local, entity)
    if score < NEEDED[MEDIUM]:
        return None
    alias = sorted(n for n in local.names if name_key(n, entity.family) == name_key(matched, entity.family))
    detail = "; ".join([f"{local.label} here, {entity.label} there", *shared])
    return entity, Match(RULE, MEDIUM, alias[0] if alias else local.name, matched, MEDIUM + score, detail)


def _is_full(name: str) -> bool:
    return len(fold(name).split()) >= 2
