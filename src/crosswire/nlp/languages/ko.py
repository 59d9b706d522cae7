"""Korean: kiwipiepy's morphemes into a spaCy Doc, and names found in its proper nouns.

kiwipiepy splits a text into morphemes with Sejong tags; those that share characters (a
contracted verb ending, "했" = 하 + 었) are one Doc token, so the Doc's text is the input's.
Each token's part of speech is the UD tag for its Sejong tag and its lemma kiwipiepy's.

kiwipiepy has no NER: a run of proper nouns (NNP; adjacent, or one space apart as foreign
names are written: 톰 행크스) is a name, as is a word of Latin capitals ("KBS", "A씨") and an
institution noun news uses as a name (경찰, 정부: ORG). Rules kept as data
(``lexicon/data/korean_names.tsv``) say which kind, first that applies:

1. a title after it (김철수 위원장, 박 씨) -> PERSON;
2. a known place, a country or region in pycountry's Korean names, or a place ending
   (부산시, 강원도) -> GPE;
3. an organisation ending (연합통신, 외교부) -> ORG;
4. two or three Hangul syllables starting with a common surname -> PERSON;
5. Latin capitals: an acronym -> ORG, one letter (an anonymised "A씨") -> PERSON;
6. a place's head noun after it (목포 항만, 대곡 발사장, 부산에서) -> GPE;
7. otherwise ``DEFAULT_LABEL``: PERSON, chosen on the tuning half of KLUE-NER
   (bench/eval/ner_ko.py: F1 0.53 against 0.42 for ORG or GPE; unmarked proper nouns in
   Korean news are mostly foreign people's names).

Where a run ends: a foreign name's words are joined across a space, but not a next word that
is a name of its own kind (an organisation or place ending of two syllables or more: "연합",
"위원회"), a place's head noun, or a proper noun glued to the common noun it modifies
(서지훈 한빛우주청장: the agency's head). kiwipiepy often cuts an unknown three-syllable
Korean name as surname + syllable, then a one-syllable noun (한민 + 서): a two-syllable run
starting with a surname takes a one-syllable noun glued to it that ends its word.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from crosswire.lexicon import read_table
from crosswire.nlp.languages.base import GPE, ORG, PERSON, Parser, TokenSpan, doc_from_spans, set_entities

# Sejong tag (first letters) -> UD part of speech.
_UD = {
    "NNP": "PROPN", "NNG": "NOUN", "NNB": "NOUN", "NR": "NUM", "NP": "PRON", "VV": "VERB",
    "VA": "ADJ", "VX": "AUX", "VCP": "AUX", "VCN": "AUX", "MM": "DET", "MAG": "ADV", "MAJ": "CCONJ",
    "IC": "INTJ", "J": "ADP", "E": "PART", "XS": "PART", "XP": "PART", "XR": "NOUN", "SN": "NUM",
    "SF": "PUNCT", "SP": "PUNCT", "SS": "PUNCT", "SE": "PUNCT", "SO": "PUNCT", "SW": "SYM",
    "SL": "X", "SH": "X",
}  # fmt: skip
DEFAULT_LABEL = PERSON
# Join proper nouns one space apart (tuning F1 0.530 joined, 0.493 not).
JOIN_ACROSS_SPACE = True
_HANGUL_SYLLABLES = ("\uac00", "\ud7a3")
# The counters of a numbered vessel or launcher: a name before "3호" is no person's.
_VEHICLE_COUNTERS = frozenset({"호", "호기"})
# Titles written glued to a person's name: forms of address.
_ADDRESS_FORMS = frozenset({"씨", "님", "군", "양", "옹"})


@dataclass(frozen=True, slots=True)
class NameRules:
    titles: frozenset[str]
    places: frozenset[str]
    place_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    surnames: frozenset[str]
    institutions: frozenset[str]
    place_heads: frozenset[str]


@lru_cache(maxsize=1)
def name_rules() -> NameRules:
    rows = read_table("korean_names")

    def kind(name: str) -> list[str]:
        return [word for word, k in rows if k == name]

    return NameRules(
        titles=frozenset(kind("title")),
        places=frozenset(kind("place")) | _pycountry_korean_places(),
        place_suffixes=tuple(kind("place_suffix")),
        org_suffixes=tuple(sorted(kind("org_suffix"), key=len, reverse=True)),
        surnames=frozenset(kind("surname")),
        institutions=frozenset(kind("institution")),
        place_heads=frozenset(kind("place_head")),
    )


def _pycountry_korean_places() -> frozenset[str]:
    import gettext

    import pycountry

    names: set[str] = set()
    countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
    names |= {countries.gettext(c.name) for c in pycountry.countries}
    regions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ko"])
    for code in ("KR", "KP"):
        subdivisions = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
        names |= {regions.gettext(s.name) for s in subdivisions or ()}
    return frozenset(n for n in names if any(_is_hangul(c) for c in n))


def load() -> Parser:
    from kiwipiepy import Kiwi

    with warnings.catch_warnings():  # num_workers' changed meaning: we ask for none explicitly
        warnings.simplefilter("ignore", DeprecationWarning)
        kiwi = Kiwi(num_workers=0)
    nlp = spacy.blank("xx")  # spaCy's own Korean needs mecab; only its vocabulary is used

    def parse(texts: Sequence[str]) -> Iterator[Doc]:
        for text in texts:
            yield to_doc(nlp, text, kiwi.tokenize(text, split_sents=False))

    return Parser("ko", nlp, parse)


def to_doc(nlp: Language, text: str, morphemes: Sequence[Any]) -> Doc:
    """The Doc of ``text`` from kiwipiepy's morphemes (each with form, tag, start, len,
    sent_position, lemma), with the names they hold as ``doc.ents``."""
    tokens = list(_tokens(morphemes))
    doc = doc_from_spans(nlp, text, tokens)
    set_entities(doc, find_names(text, morphemes))
    return doc


def _tokens(morphemes: Sequence[Any]) -> Iterator[TokenSpan]:
    sentence = -1
    for m in morphemes:
        start, end = m.start, m.start + m.len
        yield TokenSpan(start, end, lemma=getattr(m, "lemma", "") or m.form, pos=_ud(m.tag),
                        sent_start=m.sent_position != sentence)  # fmt: skip
        sentence = m.sent_position


def find_names(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int, str]]:
    """Each run of proper nouns with the label the rules give it; an institution noun
    (경찰, 정부) on its own is an organisation."""
    rules = name_rules()
    i = 0
    while i < len(morphemes):
        if not _starts_name(morphemes[i], rules):
            i += 1
            continue
        j = i + 1
        while j < len(morphemes) and _continues_name(text, morphemes, j, rules):
            j += 1
        j += _korean_given_syllable(text, morphemes, i, j, rules)
        start, end = morphemes[i].start, _end(morphemes[j - 1])
        following = morphemes[j].form if j < len(morphemes) else ""
        name = text[start:end]
        if _numbered(morphemes, j):
            pass  # "해솔 2호": a ship, satellite or rocket, which crosswire does not label
        elif morphemes[i].tag == "NNG" or _heads_a_title(name, morphemes, j, rules):
            yield start, end, ORG
        elif not any(_is_jamo(c) for c in name):  # "ㅋㅋ", "ㅡㅡ": chat marks, not names
            yield start, end, label_name(name, following, rules)
        i = j


def _heads_a_title(name: str, morphemes: Sequence[Any], j: int, rules: NameRules) -> bool:
    """A proper noun glued to a title ("청솔우주청장": the agency's head) names the body the
    title is held in; a person's name is written apart from the title (김철수 장관), but for
    a form of address (김철수씨) or a bare surname (문대통령)."""
    if j >= len(morphemes) or morphemes[j].start != _end(morphemes[j - 1]):
        return False
    title = morphemes[j].form
    korean_name = 2 <= len(name) <= 3 and name[0] in rules.surnames
    return title in rules.titles and title not in _ADDRESS_FORMS and len(name) > 1 and not korean_name


def _numbered(morphemes: Sequence[Any], j: int) -> bool:
    """Is the run ending before ``morphemes[j]`` followed by a number and 호 ("N호", "N호기")?"""
    return j + 1 < len(morphemes) and morphemes[j].tag == "SN" and morphemes[j + 1].form in _VEHICLE_COUNTERS


def _starts_name(morpheme: Any, rules: NameRules) -> bool:
    if morpheme.tag == "NNP":
        return morpheme.form not in rules.place_heads  # "발사장" alone heads a place, names none
    if morpheme.tag == "NNG":
        return morpheme.form in rules.institutions
    # Latin capitals: an acronym ("KBS") or an anonymised person ("A씨").
    return bool(morpheme.tag == "SL" and morpheme.form.isupper())


def label_name(name: str, following: str, rules: NameRules | None = None) -> str:
    """The label of a proper-noun run ``name`` followed by the morpheme ``following``."""
    rules = rules or name_rules()
    # "북해연합 의장": the chairman of a body named before the title, not a person's name.
    if (kind := _long_ending_kind(name, rules)) is not None:
        return kind
    if following in rules.titles:
        return PERSON
    if name in rules.places or (len(name) > 1 and name.endswith(rules.place_suffixes)):
        return GPE
    if len(name) > 1 and name.endswith(rules.org_suffixes):
        return ORG
    if 2 <= len(name) <= 3 and name[0] in rules.surnames and all(_is_hangul(c) for c in name):
        return PERSON
    if name.isascii():
        return ORG if len(name) > 1 else PERSON  # "KBS"; "A" stands for a person's name
    if following in rules.place_heads:
        return GPE
    return DEFAULT_LABEL


def _continues_name(text: str, morphemes: Sequence[Any], j: int, rules: NameRules) -> bool:
    """A proper noun right after another, or after one space (foreign names are written
    word by word: 톰 행크스) when that word is no name of its own (see the module docstring)."""
    morpheme, before = morphemes[j], morphemes[j - 1]
    if morpheme.tag != "NNP" or before.tag != "NNP":
        return False
    gap = text[_end(before) : morpheme.start]
    if gap == "":
        return True
    if gap != " " or not JOIN_ACROSS_SPACE:
        return False
    word = morpheme.form
    own_kind = any(word.endswith(s) and len(word) > len(s) for s in _long_endings(rules))
    after = morphemes[j + 1] if j + 1 < len(morphemes) else None
    glued_to_noun = after is not None and after.start == _end(morpheme) and after.tag == "NNG"
    return not (own_kind or word in rules.place_heads or glued_to_noun)


def _long_endings(rules: NameRules) -> tuple[str, ...]:
    # One-syllable endings (구, 부, 원) end foreign names too ("쇼이구"): only longer ones mark a word.
    return tuple(s for s in (*rules.org_suffixes, *rules.place_suffixes) if len(s) > 1)


def _long_ending_kind(name: str, rules: NameRules) -> str | None:
    for suffix in _long_endings(rules):
        if name.endswith(suffix) and len(name) > len(suffix):
            return ORG if suffix in rules.org_suffixes else GPE
    return None


def _korean_given_syllable(text: str, morphemes: Sequence[Any], i: int, j: int, rules: NameRules) -> int:
    """1 when the run ``morphemes[i:j]`` is a surname and one syllable and the next morpheme a
    one-syllable common noun glued to it that ends its word (한민 + 서 + " "): a cut name."""
    run = text[morphemes[i].start : _end(morphemes[j - 1])]
    if j >= len(morphemes) or len(run) != 2 or run[0] not in rules.surnames:
        return 0
    nxt = morphemes[j]
    ends_word = _end(nxt) >= len(text) or not text[_end(nxt)].strip()
    glued = nxt.start == _end(morphemes[j - 1]) and nxt.tag == "NNG" and len(nxt.form) == 1
    return int(glued and ends_word and _is_hangul(nxt.form))


def _end(morpheme: Any) -> int:
    return int(morpheme.start + morpheme.len)


def _ud(tag: str) -> str:
    tag = tag.split("-")[0]  # kiwipiepy marks irregular verbs "VV-I"
    for length in (3, 2, 1):
        if tag[:length] in _UD:
            return _UD[tag[:length]]
    return "X"


def _is_jamo(char: str) -> bool:
    return "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"


def _is_hangul(char: str) -> bool:
    return _HANGUL_SYLLABLES[0] <= char <= _HANGUL_SYLLABLES[1]
