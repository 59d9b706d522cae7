"""Forms of one name that resolution reads as one: the words a name may gain or lose.

Pure functions over folded names (``places.fold``: lower case, no diacritics or periods,
no leading "the"), used by ``matching.name_key`` for organisations, places and other
non-person names:

* ``without_suffixes`` — an organisation's legal form, trading words and national arm
  ("Brinmoor Holdings Ltd.", "Ford Motor Company", "T-Mobile US": lexicon ``org_suffixes``);
* ``with_numbers`` — ordinals as numbers ("Fifth Circuit" = "5th Circuit" = "5 Circuit");
* ``gazetteer_acronym`` — a world institution's expansion as its acronym ("Union of Soviet
  Socialist Republics" and "Soviet Union" are "USSR": lexicon ``acronyms``);
* ``us_state`` — a US state by the news agencies' abbreviation or its postal code ("Ariz.",
  "N.M.", "TN"), for places only.

The word tables are data (``lexicon/data/*.tsv``), read once.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from crosswire.lexicon import read_table
from crosswire.mentions.entities.places import fold

ORG_SUFFIXES: frozenset[str] = frozenset(word for word, _kind in read_table("org_suffixes"))
ORDINALS: MappingProxyType[str, str] = MappingProxyType(
    {word: number for word, number in read_table("ordinals")})
# Folded expansion (and folded acronym) → folded acronym.
ACRONYMS: MappingProxyType[str, str] = MappingProxyType({
    fold(form): fold(acronym)
    for acronym, expansions in read_table("acronyms") for form in (acronym, *expansions.split("|"))
})
# An acronym's expansion, by folded acronym: what the letters stand for.
EXPANSIONS: MappingProxyType[str, str] = MappingProxyType({
    fold(acronym): expansions.split("|")[0] for acronym, expansions in read_table("acronyms")
})

_NUMBERED = re.compile(r"(\d+)(?:st|nd|rd|th)")


def without_suffixes(words: list[str]) -> list[str]:
    """The words of an organisation's name without the ones that end names of any company
    ("inc", "corporation", "group", "us"); never the name's only word."""
    words = list(words)
    while len(words) > 1 and words[-1] in ORG_SUFFIXES:
        words.pop()
    return words


def with_numbers(words: list[str]) -> list[str]:
    """Ordinals written as numbers: "fifth" and "5th" are both "5"."""
    return [ORDINALS.get(w) or (m.group(1) if (m := _NUMBERED.fullmatch(w)) else w) for w in words]


def gazetteer_acronym(folded: str) -> str | None:
    """The acronym of a world institution this folded name spells out or is, or None."""
    return ACRONYMS.get(folded)


# US states by their news-agency (AP) abbreviation and by their postal code, both folded
# (no periods, lower case). "LA" is left out: news writes it for Los Angeles.
_STATES = {
    "alabama": "ala al", "alaska": "ak", "arizona": "ariz az", "arkansas": "ark ar",
    "california": "calif ca", "colorado": "colo co", "connecticut": "conn ct",
    "delaware": "del de", "florida": "fla fl", "georgia": "ga", "hawaii": "hi", "idaho": "id",
    "illinois": "ill il", "indiana": "ind in", "iowa": "ia", "kansas": "kan ks",
    "kentucky": "ky", "louisiana": "la", "maine": "me", "maryland": "md",
    "massachusetts": "mass ma", "michigan": "mich mi", "minnesota": "minn mn",
    "mississippi": "miss ms", "missouri": "mo", "montana": "mont mt", "nebraska": "neb ne",
    "nevada": "nev nv", "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm",
    "new york": "ny", "north carolina": "nc", "north dakota": "nd", "ohio": "oh",
    "oklahoma": "okla ok", "oregon": "ore or", "pennsylvania": "pa", "rhode island": "ri",
    "south carolina": "sc", "south dakota": "sd", "tennessee": "tenn tn", "texas": "tex tx",
    "utah": "ut", "vermont": "vt", "virginia": "va", "washington": "wash wa",
    "west virginia": "wva wv", "wisconsin": "wis wi", "wyoming": "wyo wy",
}
US_STATES: MappingProxyType[str, str] = MappingProxyType({
    short: state for state, forms in _STATES.items() for short in forms.split()
})


def us_state(name: str) -> str | None:
    """The US state ``name`` abbreviates ("Ariz." → "arizona", "TN" → "tennessee"), or
    None. A code without periods counts only in capitals: "Me" or "Or" is no state."""
    compact = name.strip().replace(".", "").replace(" ", "")
    if not compact or ("." not in name and (not compact.isupper() or compact == "LA")):
        return None
    return US_STATES.get(compact.lower())
