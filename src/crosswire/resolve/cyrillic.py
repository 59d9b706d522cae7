"""Russian names in Latin letters: the transliteration schemes, the press's spellings, and the
nominative a name in an oblique case stands for.

* ``romanizations(name)`` — the name under the schemes the press and the state use (iuliia:
  BGN/PCGN, Wikipedia, ICAO Doc 9303 as in passports, Moscow Metro, Yandex Maps), each with its
  scheme's name, plus the press forms of given names no scheme gives ("Alexander":
  ``lexicon/data/russian_press_names.tsv``).
* ``loose(latin)`` — one key for the Latin spellings of one Russian name: lower case, no
  spaces or hyphens, and what the schemes and the press write differently collapsed (y/i/j,
  "-iy"/"-yy"/"-y" endings, ye/e and yo/e, kh/h, x/ks, c/k, tz/ts, doubled letters). The
  consonants and the other vowels stay: "Aleksandr" ≠ "Aleksei", "Ivanov" ≠ "Ivanova".
* ``nominative(name)`` — "Владимира Путина" → "Владимир Путин", "Ким Чен Ыном" → "Ким Чен
  Ын": pymorphy2 (through natasha's ``MorphVocab``, loaded on the first Cyrillic name) with the
  given name's gender and case deciding the surname's; a small suffix rule when it is absent.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Any

from crosswire.lexicon import read_table
from crosswire.mentions.entities.places import fold

# iuliia's scheme names, with how the evidence names them.
SCHEMES: dict[str, str] = {
    "bgn_pcgn": "BGN/PCGN", "wikipedia": "Wikipedia", "icao_doc_9303": "ICAO Doc 9303",
    "mosmetro": "Moscow Metro", "yandex_maps": "Yandex Maps",
}
PRESS = "press spelling"
# Cyrillic given name (lower case) → the press's Latin forms of it.
PRESS_NAMES: dict[str, tuple[str, ...]] = {
    cyrillic: tuple(latin.split("|")) for cyrillic, latin in read_table("russian_press_names")}

# "kkh": Russian writes a "k" before an "h" sound as "кх" (Мокхва, "Mokkhva" for "Mokhwa").
_LOOSE_REWRITES: tuple[tuple[str, str], ...] = (
    ("x", "ks"), ("tch", "ch"), ("kkh", "kh"), ("kh", "h"), ("tz", "ts"), ("ck", "k"), ("dzh", "j"),
    ("dj", "j"),
    ("yo", "e"), ("jo", "e"), ("ye", "e"), ("je", "e"), ("w", "v"), ("j", "i"), ("y", "i"),
)
_C_NOT_CH = re.compile(r"c(?!h)")
_DOUBLED = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]")


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


@lru_cache(maxsize=1 << 14)
def loose(latin: str) -> str:
    """The loose key of a Latin spelling: "Zelenskyy", "Zelenskiy", "Zelensky" → "zelenski"."""
    text = _NOT_LETTER.sub("", fold(latin.replace("ʹ", "").replace("’", "").replace("'", "")))
    for old, new in _LOOSE_REWRITES:
        text = text.replace(old, new)
    return _DOUBLED.sub(r"\1", _C_NOT_CH.sub("k", text))


@lru_cache(maxsize=1 << 14)
def romanizations(name: str) -> tuple[tuple[str, str], ...]:
    """(Latin spelling, scheme) of a Cyrillic name, one per scheme and press form."""
    import iuliia  # type: ignore[import-untyped]  # on the first Cyrillic name only; no type hints

    found: dict[str, str] = {}
    for scheme_id, label in SCHEMES.items():
        # BGN/PCGN writes ё as ë, which iuliia leaves as the Cyrillic letter.
        latin = iuliia.schemas.get(scheme_id).translate(name).replace("ё", "ë").replace("Ё", "Ë")
        found.setdefault(latin, label)
    words = name.split()
    if words and (press := PRESS_NAMES.get(words[0].lower())):
        rest = iuliia.schemas.get("bgn_pcgn").translate(" ".join(words[1:])).replace("ё", "ë")
        for form in press:
            found.setdefault(f"{form} {rest}".strip(), PRESS)
    return tuple(found.items())


# A patronymic ends so; the English-language press leaves it out ("Sergei Lavrov").
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|овна|евна|инична)$")


def name_orders(name: str) -> list[tuple[str, str]]:
    """The forms of a Russian person's name the English-language press may print, each with
    a note for the evidence: as written, without its patronymic ("Сергей Викторович Лавров"),
    and given name first when written surname first ("Лавров Сергей", as in lists)."""
    words = name.split()
    forms = [(name, "")]
    bare = [w for w in words if not _PATRONYMIC.search(w.lower())]
    if len(bare) != len(words) and len(bare) >= 2:
        forms.append((" ".join(bare), ", patronymic dropped"))
    if len(bare) == 2:
        forms.append((f"{bare[1]} {bare[0]}", ", surname first"))
    return forms


@lru_cache(maxsize=1 << 14)
def nominative(name: str) -> str:
    """The name in the nominative case ("Путина" → "Путин"); unchanged when not Cyrillic."""
    if not is_cyrillic(name):
        return name
    morph = _morph()
    words = name.split()
    normal = _by_morphology(words, morph) if morph is not None else [_by_suffix(w) for w in words]
    return " ".join(normal)


@lru_cache(maxsize=1 << 14)
def place_nominative(name: str) -> str:
    """A place's name in the nominative ("Южной Кореи" → "Южная Корея"), the last word's
    place reading leading the rest; unchanged without morphology (cases of places are too
    many for a suffix rule) or when no word reads as a place."""
    morph = _morph() if is_cyrillic(name) else None
    words = name.split()
    if morph is None or not words:
        return name
    last = [p for p in morph.parse(words[-1]) if "Geox" in p.tag.grammemes]
    if not last:
        return name
    lead, out = last[0], []
    for word in words:
        fits = [p for p in morph.parse(word) if p.tag.case == lead.tag.case and _same_gender(p.tag, lead.tag)]
        inflected = fits[0].inflect({"Nom"}) if fits else None
        out.append(_like(word, inflected.word) if inflected is not None else word)
    return " ".join(out)


MAX_PLACE_FORMS = 3


@lru_cache(maxsize=1 << 14)
def place_forms(name: str) -> tuple[str, ...]:
    """The nominatives a place's name may stand for: ``place_nominative``'s and, for a last
    word the dictionary does not know as a place (a village, an invented port: "Тавринке"),
    the nouns the morphology guesses it is a form of ("тавринк", "тавринка"), which the
    Latin spelling then tells apart. A few forms only, for keys across scripts."""
    forms = [place_nominative(name)]
    morph = _morph() if is_cyrillic(name) else None
    words = name.split()
    if morph is None or not words or forms[0] != name:
        return tuple(forms)
    head = " ".join(words[:-1])
    for parse in morph.parse(words[-1]):
        if "NOUN" in parse.tag.grammemes and parse.tag.case != "nomn":
            forms.append(f"{head} {_like(words[-1], parse.normal_form)}".strip())
    return tuple(dict.fromkeys(forms))[:MAX_PLACE_FORMS + 1]


_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def _by_morphology(words: list[str], morph: Any) -> list[str]:
    """Each word put in the nominative of the case and gender the name is in: the given
    name's when it has one (it tells "Людмила Путина" from "Владимира Путина"), else the last
    word's (a Korean or foreign first word may not decline: "Ким Чен Ыном")."""
    parses = [[p for p in morph.parse(w) if _NAME_TAGS & p.tag.grammemes] for w in words]
    given = next((ps for ps in parses if ps and "Name" in ps[0].tag.grammemes), None)
    lead = given[0] if given else (parses[-1][0] if parses and parses[-1] else None)
    if lead is None:
        return words
    out = []
    for word, options in zip(words, parses, strict=True):
        fits = [p for p in options if p.tag.case == lead.tag.case and _same_gender(p.tag, lead.tag)]
        inflected = fits[0].inflect({"Nom"}) if fits else None  # natasha takes UD features
        out.append(_like(word, inflected.word) if inflected is not None else word)
    return out


def _same_gender(tag: Any, lead: Any) -> bool:
    if lead.gender is None or tag.gender is None or "ms-f" in tag.grammemes:
        return True
    return bool(tag.gender == lead.gender)


def _like(original: str, word: str) -> str:
    """``word`` written with the capitals of ``original`` ("путин" → "Путин")."""
    if not original[:1].isupper():
        return word
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


# Oblique endings that no nominative of a Russian name has, and what the nominative ends in
# instead: adjectival surnames, the instrumental and dative of men's names and -ов/-ин
# surnames, -ея/-ею of names in -ей; longest first. The genitive in -а/-я is left alone:
# without morphology "Владимира" (of Vladimir) and "Марина" (a woman's name) look alike.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ыным", "ын"),
    ("ову", "ов"), ("еву", "ев"), ("ину", "ин"),
    ("ея", "ей"), ("ею", "ей"), ("еем", "ей"), ("ием", "ий"),
    ("ом", ""), ("ем", ""),
)


def _by_suffix(word: str) -> str:
    lower = word.lower()
    for ending, replacement in _SUFFIXES:
        if lower.endswith(ending) and len(lower) - len(ending) >= 2:
            return word[: len(word) - len(ending)] + replacement
    return word


@lru_cache(maxsize=1)
def _morph() -> Any:
    """natasha's MorphVocab (pymorphy2 with its Russian dictionaries), or None without it."""
    # pymorphy2 imports pkg_resources, which warns that it is deprecated: not ours to fix.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            from natasha import MorphVocab  # untyped: see the mypy overrides
        except ImportError:  # the suffix rule stands in
            return None
        return MorphVocab()


# -- foreign names in Russian: a sound skeleton ----------------------------------------------
#
# Russian writes a foreign name as it sounds ("Дональд Трамп", "Джо Байден"), which no
# transliteration scheme turns back into its English spelling. What both keep are most
# consonants: each word's consonants in classes (s/z/ц/soft c as one; h, v and w left out, as
# Russian drops or renders them as vowels), and whether it ends in a vowel (which keeps
# "Petrov" from "Petrova"). Too loose to merge on alone: resolution asks for shared context.
_LATIN_SOUNDS = (("sch", "s"), ("tch", "j"), ("ch", "j"), ("sh", "s"), ("ck", "k"), ("ph", "f"),
                 ("th", "t"), ("qu", "k"), ("x", "ks"), ("ts", "s"), ("z", "s"), ("w", ""), ("v", ""),
                 ("h", ""))
_SOFT_C = re.compile(r"c(?=[eiy])")
_CYRILLIC_SOUNDS = dict(zip("бгджзклмнпрстфцчшщ", "bgdjsklmnprstfsjss", strict=True))
_VOWELS = frozenset("aeiouyаеёиоуыэюяй")
MIN_SKELETON = 4


def foreign_skeleton(name: str) -> str | None:
    """The sound skeleton of a person's name of two words or more, Latin or Cyrillic, or None
    when too short to tell names apart: "Donald Trump" and "Дональд Трамп" → "dnld-|trmp-"."""
    words = [w for w in re.split(r"[\s\-]+", fold(name)) if w]
    if len(words) < 2:
        return None
    parts = [_word_skeleton(w) for w in words]
    return "|".join(parts) if sum(len(p) - 1 for p in parts) >= MIN_SKELETON else None


def _word_skeleton(word: str) -> str:
    if is_cyrillic(word):
        text = _DOUBLED.sub(r"\1", word.replace("дж", "ж"))  # "Эммануэль"; never across a vowel
        consonants = "".join(_CYRILLIC_SOUNDS.get(c, "") for c in text)
        ends = word[-1] in _VOWELS if word[-1] not in "ьъ" else False
    else:
        text = _SOFT_C.sub("s", _DOUBLED.sub(r"\1", re.sub(r"[^a-z]", "", word)))
        if len(text) > 2 and text.endswith("e") and text[-2] not in _VOWELS:
            text = text[:-1]  # a silent final e: "Pence", "Mike"
        ends = bool(text) and text[-1] in _VOWELS
        for old, new in _LATIN_SOUNDS:
            text = text.replace(old, new)
        consonants = "".join(c for c in text.replace("c", "k") if c not in _VOWELS)
    return consonants + ("+" if ends else "-")
