"""Names across articles: normalization keys, and when two names may be the same referent.

Pure functions, no store. Three questions:

* ``name_key(name, family)`` — the exact key: case, diacritics, hyphens, spaces and periods
  folded ("Kim Jong-un" = "Kim Jong Un" = "KIM JONG UN"; "Tomás" = "Tomas"; "U.N." = "UN"),
  countries mapped to one name ("DPRK" = "N. Korea" = "North Korea"), leading titles of
  people dropped ("Dr. Sanjay Gupta"), and the forms of ``resolve.forms``: company suffixes
  ("Brinmoor Holdings Ltd.", "Ford Motor Company"), ordinals ("Fifth" = "5th") and world
  institutions by their acronym ("Soviet Union" = "USSR").
* ``index_keys`` / ``lookup_keys`` — the blocking keys that find candidates with an index
  lookup instead of a scan: the exact key, and for people the surname with the initial of
  the given name ("kim|d"), so "Kim Dong-yup" finds "Kim Dong-yub" without reading every Kim.
* ``name_rule(a, b, family)`` — how two names relate: the same key (strong), a one-letter
  difference in the given name, a given name or a generation left out ("Ilka Moor Brenk",
  "W. Mark Felt Sr.": medium, merged only with evidence from context), initials or a bare
  surname, "Lo Presti" from its particle on included (weak: merged only with evidence and a
  single candidate).

A capital is not its country ("Pyongyang" ≠ North Korea): it is a place of its own. An
acronym is the same organisation as a name when an article spells it out (the mention's
``canonical``: every later article's bare acronym then finds it as an alias), when the
gazetteer says so, or when its letters fit and the context confirms (a medium rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from crosswire.lexicon import ADDRESS_FORMS, TITLES
from crosswire.mentions.entities.acronyms import acronym_fits, is_acronym
from crosswire.mentions.entities.places import country_name, fold
from crosswire.mentions.entities.vocab import NAME_PARTICLES, words
from crosswire.resolve.forms import gazetteer_acronym, us_state, with_numbers, without_suffixes
from crosswire.resolve.given_names import formal_names, variant_given_names
from crosswire.resolve.scripts import (
    english_place,
    index_keys_across,
    inflection_rule,
    lookup_keys_across,
    native_form,
    phonetic_rule,
    readings,
    translation_rule,
    transliteration_rule,
)
from crosswire.resolve.short_forms import leading_acronym, without_leading_place

# What can be the same as what: GPE, LOC and FAC are all places (spaCy hesitates between
# them for one name); amounts and dates are not entities.
FAMILIES: dict[str, str] = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "PRODUCT": "other", "EVENT": "other", "WORK_OF_ART": "other",
    "LAW": "other", "LANGUAGE": "other",
}

STRONG, MEDIUM, WEAK = 3.0, 2.0, 1.0

# Titles before a person's name, as they are spelled in bylines and headlines too.
_LEADING_TITLES = TITLES | ADDRESS_FORMS | words("sgt lt rep sen prof supt insp det")
_SMALL_WORDS = words("of the and for on in at to de des du la le del &")
# Words that begin a surname of several words ("Lo Presti", "von der Leyen", "de la Cruz"):
# such a surname alone is the short form of the full name it ends.
SURNAME_PARTICLES = NAME_PARTICLES | words("lo")
_POSSESSIVE = re.compile(r"\s?['’][sS]?$")
# Generations after a name: "W. Mark Felt Sr." is "W. Mark Felt", but never "W. Mark Felt Jr.".
GENERATIONS = words("jr sr ii iii iv")
# A given name shorter than this is too short for a one-letter difference to mean a typo
# ("Jon" and "John" are two names).
MIN_FUZZY_LENGTH = 5
# The functions below are pure and called for every alias of every candidate on every lookup
# (the same few thousand names over and over): memoized, they cost a dict lookup. Bounded, so
# a long ingest keeps the names in use, not every name it ever saw.
NAME_CACHE = 1 << 16


def family_of(label: str) -> str | None:
    return FAMILIES.get(label)


@lru_cache(maxsize=NAME_CACHE)
def person_parts(name: str) -> tuple[str, ...]:
    """The words of a person's name, folded, each with its hyphens and apostrophes taken
    out: "Kim Dong-yub" → ("kim", "dongyub"); "J. Vaughan" → ("j", "vaughan"). Leading
    titles are no part of a name ("Dr. Sanjay Gupta" is "Sanjay Gupta") unless nothing
    else is left ("President" alone)."""
    name = _POSSESSIVE.sub("", native_form(name, "person"))  # "Obama's" is Obama; "Путина" Путин
    words = [w for w in fold(name.replace("-", "").replace("'", "").replace("’", "")).split() if w]
    first = 0
    while first < len(words) - 1 and words[first].rstrip(".") in _LEADING_TITLES:
        first += 1
    return tuple(words[first:])


@lru_cache(maxsize=NAME_CACHE)
def name_key(name: str, family: str) -> str:
    """The exact key of a name within its family, prefixed by it: "person:kimjongun"."""
    if family == "person":
        return "person:" + "".join(person_parts(name))
    folded = fold(name).removesuffix(" 's").removesuffix("'s")  # "AMD's" is AMD
    if family == "place":
        english = english_place(native_form(name, family))  # "России", "Russie", "러시아": Russia
        name = english[0] if english else name
        folded = fold(country_name(name) or (name if english else folded))
        folded = us_state(name) or folded  # "Ariz." is Arizona
    folded = gazetteer_acronym(folded) or folded
    words = with_numbers(folded.split())
    if family == "org":
        words = without_suffixes(words)
        folded = gazetteer_acronym(" ".join(words)) or " ".join(words)
    else:
        folded = " ".join(words)
    return f"{family}:" + folded.replace(" ", "").replace("'", "")


def initials(name: str) -> str | None:
    """"Advanced Micro Devices" → "amd" (small words and company suffixes skipped); None for
    a one-word name."""
    words = without_suffixes([w for w in re.split(r"[\s\-]+", fold(name)) if w])
    parts = [w for w in words if w not in _SMALL_WORDS]
    return "".join(w[0] for w in parts) if len(parts) > 1 else None


@lru_cache(maxsize=NAME_CACHE)
def index_keys(name: str, family: str, single_allowed: bool = True) -> frozenset[str]:
    """Keys under which an entity with this alias is found. A one-word alias of a person who
    has a full name ("Kim" of "Kim Dong-yub") gets none: every Kim would find it. Keys of
    its script that names in other scripts look up (``scripts``) come with the others."""
    return _own_keys(name, family, single_allowed) | index_keys_across(_plain(name, family), family)


@lru_cache(maxsize=NAME_CACHE)
def cross_script_keys(name: str, family: str) -> frozenset[str]:
    """Keys a name shares with its spellings in other scripts, for what compares articles
    across languages (stories): its exact key ("place:russia" for "Россия" too) and its
    script-free transliteration keys ("person~ko:김|jeoNeun" for "김정은", "Kim Jong Un" and
    "Ким Чен Ын" alike). Two names sharing one are the same or close; ``name_rule`` decides."""
    across = readings(_plain(name, family), family)
    return frozenset({name_key(name, family), *(f"{family}~{key}" for key in across)})


def _plain(name: str, family: str) -> str:
    """What ``scripts`` reads of a name: a person's parts (titles dropped, nominative)."""
    return " ".join(person_parts(name)) if family == "person" else name


def _own_keys(name: str, family: str, single_allowed: bool) -> frozenset[str]:
    if family == "org" and (letters := initials(name)):
        return frozenset({name_key(name, family), f"org/acr:{letters}", *short_form_keys(name)})
    if family != "person":
        return frozenset({name_key(name, family)})
    parts = without_generation(person_parts(name))[0]  # "Felt Sr." is found under "felt"
    if len(parts) < 2:
        return frozenset({name_key(name, family)} if single_allowed and parts else ())
    first, last = parts[0], parts[-1]
    return frozenset({name_key(name, family), f"person/i:{first}|{last[0]}",
                      f"person/i:{last}|{first[0]}", f"person/s:{first}", f"person/s:{last}",
                      *_past_initials(parts), *formal_name_keys(parts)})


@lru_cache(maxsize=NAME_CACHE)
def lookup_keys(name: str, family: str) -> frozenset[str]:
    """Keys to look up to find the candidates for a name found in a new article: its own
    script's, and the other scripts' (``scripts``)."""
    return _own_lookup_keys(name, family) | lookup_keys_across(_plain(name, family), family)


def _own_lookup_keys(name: str, family: str) -> frozenset[str]:
    if family == "org":
        letters = initials(name)
        keys = {name_key(name, family)} | ({f"org:{letters}"} if letters else set())
        keys |= {"org/acr:" + name_key(name, family)[4:]} if is_acronym(name) else set()
        return frozenset(keys | short_form_keys(name) | {"org/short:" + name_key(name, family)[4:]})
    if family != "person":
        return frozenset({name_key(name, family)})
    parts = without_generation(person_parts(name))[0]
    if len(parts) == 1:
        return frozenset({f"person/s:{parts[0]}", name_key(name, family)})
    if not parts:
        return frozenset()
    first, last = parts[0], parts[-1]
    # "Lo Presti" may be the surname of "Gaetano Lo Presti", found under its last word.
    surname = {f"person/s:{last}"} if first in SURNAME_PARTICLES else set()
    return frozenset({name_key(name, family), f"person/i:{first}|{last[0]}",
                      f"person/i:{last}|{first[0]}", f"person:{first}", f"person:{last}",
                      *_past_initials(parts), *surname, *formal_name_keys(parts)})


def formal_name_keys(parts: tuple[str, ...]) -> set[str]:
    """The surname with the formal name of the first given name ("Bill Tarrow" → "tarrow|william"),
    so that a short form finds the formal one whatever its initial."""
    given = [p for p in parts[:-1] if len(p) > 1]
    return {f"person/f:{parts[-1]}|{formal}" for formal in formal_names(given[0])} if given else set()


def given_name_variant_rule(pa: tuple[str, ...], pb: tuple[str, ...]) -> NameRule | None:
    """Same surname, the first given names two forms of one ("Bill" / "William", a middle
    name perhaps left out): medium, as a short form is not proof (context must confirm)."""
    if pa[-1] != pb[-1] or not variant_given_names(pa[:-1], pb[:-1]):
        return None
    return NameRule("given-name-variant", MEDIUM, f"{' '.join(pa[:-1])} ~ {' '.join(pb[:-1])}")


def _past_initials(parts: tuple[str, ...]) -> set[str]:
    """The surname with the first given name that is not an initial ("W. Mark Felt" →
    "felt|m"), so that the name with and without its leading initial find each other."""
    given = [p for p in parts[:-1] if len(p) > 1]
    return {f"person/i:{parts[-1]}|{given[0][0]}"} if given and given[0] != parts[0] else set()


@dataclass(frozen=True, slots=True)
class NameRule:
    rule: str
    strength: float
    detail: str = ""


@lru_cache(maxsize=NAME_CACHE)
def name_rule(a: str, b: str, family: str) -> NameRule | None:
    """How name ``a`` relates to name ``b`` (same family), or None when they are unrelated."""
    if name_key(a, family) == name_key(b, family):
        return _same_key_rule(a, b, family)
    plain = (_plain(a, family), _plain(b, family))
    if crossed := transliteration_rule(a, b, family, plain):
        return NameRule(crossed[0], STRONG, crossed[1])  # full names only: see ``scripts``
    if sounded := phonetic_rule(a, b, family, plain):
        return NameRule(sounded[0], MEDIUM, sounded[1])  # merged only with shared context
    if family == "org":
        return _acronym_rule(a, b) or short_form_rule(a, b)
    if family != "person":
        return None
    (pa, gen_a), (pb, gen_b) = without_generation(person_parts(a)), without_generation(person_parts(b))
    if gen_a != gen_b:
        return _generation_rule(pa, pb, gen_a, gen_b)
    for short, full in ((pa, pb), (pb, pa)):
        if surname_fits(short, full):
            return NameRule("surname-only", WEAK, " ".join(short))
    if len(pa) >= 2 and len(pb) >= 2:
        return _given_name_rule(pa, pb) or given_name_variant_rule(pa, pb)
    return None


def without_generation(parts: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """A person's name parts without a generation after them ("Jr.", "III"), and that."""
    if len(parts) > 2 and parts[-1] in GENERATIONS:
        return parts[:-1], parts[-1]
    return parts, ""


def _generation_rule(pa: tuple[str, ...], pb: tuple[str, ...], gen_a: str, gen_b: str) -> NameRule | None:
    """Names with a generation on one side only: the same name without it needs evidence
    (medium), as the son may share it; a surname keeps its weak rule; two generations that
    differ are two people."""
    if gen_a and gen_b:
        return None
    if pa == pb:
        return NameRule("generation-dropped", MEDIUM, f"{gen_a or gen_b} dropped")
    for short, full in ((pa, pb), (pb, pa)):
        if surname_fits(short, full):
            return NameRule("surname-only", WEAK, " ".join(short))
    found = _given_name_rule(pa, pb) if len(pa) >= 2 and len(pb) >= 2 else None
    return NameRule(found.rule, min(found.strength, MEDIUM), found.detail) if found else None


def surname_fits(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Is ``short`` (person parts) a short form of the full name ``full``: its first or
    last word ("Putin"), or its last words from a particle on ("Lo Presti" of "Gaetano Lo
    Presti", "von der Leyen" of "Ursula von der Leyen")?"""
    full = without_generation(full)[0]
    if len(short) == 1:
        return len(full) >= 2 and short[0] in (full[0], full[-1])
    return len(full) > len(short) and short[0] in SURNAME_PARTICLES and full[-len(short):] == short


def _same_key_rule(a: str, b: str, family: str) -> NameRule:
    """Two names with one key, and which of the key's foldings made them one (the evidence
    ``crosswire entity`` shows for the merge)."""
    if a == b:
        return NameRule("exact", STRONG)
    if across := inflection_rule(a, b, family) or (translation_rule(a, b) if family == "place" else None):
        return NameRule(across[0], STRONG, across[1])
    return NameRule(_folding(a, b, family), STRONG, f"{a} = {b}")


def _folding(a: str, b: str, family: str) -> str:
    fa, fb = fold(a), fold(b)
    if family == "person":
        plain = "".join(fa.replace("-", "").split()) == "".join(fb.replace("-", "").split())
        return "spelling-variant" if plain else "title"
    if fa == fb:
        return "spelling-variant"
    if family == "place" and (country_name(a) or country_name(b)):
        return "country-alias"
    words_a, words_b = fa.split(), fb.split()
    if gazetteer_acronym(fa) or gazetteer_acronym(fb) or gazetteer_acronym(
            " ".join(without_suffixes(words_a))) or gazetteer_acronym(" ".join(without_suffixes(words_b))):
        return "acronym-gazetteer"
    if with_numbers(words_a) != words_a or with_numbers(words_b) != words_b:
        return "ordinal"
    return "org-suffix" if family == "org" else "spelling-variant"


def _acronym_rule(a: str, b: str) -> NameRule | None:
    """"AMD" and "Advanced Micro Devices" in two articles, neither spelling the other out:
    the letters fit, and context must confirm (many things share three letters)."""
    for short, long in ((a, b), (b, a)):
        if is_acronym(short) and not is_acronym(long) and any(
                acronym_fits(short.replace(".", ""), form) for form in (long, _bare(long))):
            return NameRule("acronym", MEDIUM, f"{short} = {long}")
    return None


def short_form_keys(name: str) -> set[str]:
    """Keys under which an organisation's short form finds it ("Red Kites" → "Harlow Red
    Kites"), and by which it finds the short form already known."""
    shorts = [s for s in (without_leading_place(name), leading_acronym(name)) if s]
    return {k for s in shorts for k in ("org/short:" + name_key(s, "org")[4:], name_key(s, "org"))}


def short_form_rule(a: str, b: str) -> NameRule | None:
    """One organisation name the other without its leading town ("Red Kites" / "Harlow Red
    Kites") or only its leading acronym ("QRT" / "QRT Field Systems"): medium, confirmed
    by context."""
    for short, long in ((a, b), (b, a)):
        key = name_key(short, "org")
        if without_leading_place(long) and name_key(without_leading_place(long) or "", "org") == key:
            return NameRule("place-dropped", MEDIUM, f"{short} = {long}")
        if leading_acronym(long) and name_key(leading_acronym(long) or "", "org") == key:
            return NameRule("leading-acronym", MEDIUM, f"{short} = {long}")
    return None


def _bare(name: str) -> str:
    """An organisation's name without its company suffixes, as written ("Hewlett-Packard")."""
    words = name.split()
    kept = len(without_suffixes([fold(w) for w in words]))
    return " ".join(words[:kept])


def _given_name_rule(pa: tuple[str, ...], pb: tuple[str, ...]) -> NameRule | None:
    """Same surname (first or last word); the rest an initial of, or one letter off, the other."""
    for surname_first in (True, False):
        sa, sb = (pa[0], pb[0]) if surname_first else (pa[-1], pb[-1])
        if sa != sb:
            continue
        ga = "".join(pa[1:] if surname_first else pa[:-1])
        gb = "".join(pb[1:] if surname_first else pb[:-1])
        if ga == gb:
            return NameRule("spelling-variant", STRONG, f"{ga} ~ {gb}")
        if (len(ga) == 1 and gb.startswith(ga)) or (len(gb) == 1 and ga.startswith(gb)):
            return NameRule("initials", WEAK, f"{ga} ~ {gb}")
        if _same_but_initials(pa[1:] if surname_first else pa[:-1], pb[1:] if surname_first else pb[:-1]):
            # "W. Mark Felt" / "Mark Felt": medium, as "George W. Bush" is not "George Bush"
            return NameRule("initial-dropped", MEDIUM, f"{ga} ~ {gb}")
        distance = Levenshtein.distance(ga, gb)
        if min(len(ga), len(gb)) >= MIN_FUZZY_LENGTH and distance <= 1:
            return NameRule("given-name-edit", MEDIUM, f"{ga} ~ {gb} (distance {distance})")
        if _one_within(pa[1:] if surname_first else pa[:-1], pb[1:] if surname_first else pb[:-1]):
            # "Diane Crawford Smith" / "Sharron Diane Crawford Smith": medium, as for initials
            return NameRule("given-name-dropped", MEDIUM, f"{ga} ~ {gb}")
    return None


def _one_within(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The shorter list of given names is the longer one with names left out, in order."""
    short, long = sorted((a, b), key=len)
    if not short or len(short) == len(long):
        return False
    rest = iter(long)
    return all(word in rest for word in short)


def _same_but_initials(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names equal once one-letter initials are dropped, and something is left."""
    full_a, full_b = [w for w in a if len(w) > 1], [w for w in b if len(w) > 1]
    return bool(full_a) and full_a == full_b and a != b
