"""Korean: kiwipiepy's morphemes into a spaCy Doc, and names found in its proper nouns.

kiwipiepy splits a text into morphemes with Sejong tags; those that share characters (a
contracted verb ending, "했" = 하 + 었) are one Doc token, so the Doc's text is the input's.
Each token's part of speech is the UD tag for its Sejong tag and its lemma kiwipiepy's.

kiwipiepy has no NER: a run of adjacent proper nouns (NNP) is a name, and rules kept as data
(``lexicon/data/korean_names.tsv``) say which kind, first that applies:

1. a title after it (김철수 위원장, 박 씨) -> PERSON;
2. a known place, a country or region in pycountry's Korean names, or a place ending
   (부산시, 강원도) -> GPE;
3. an organisation ending (연합통신, 외교부) -> ORG;
4. two or three Hangul syllables starting with a common surname -> PERSON;
5. otherwise ``DEFAULT_LABEL``, the label most unmarked proper nouns in Korean news have.
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
DEFAULT_LABEL = ORG
_HANGUL_SYLLABLES = ("\uac00", "\ud7a3")


@dataclass(frozen=True, slots=True)
class NameRules:
    titles: frozenset[str]
    places: frozenset[str]
    place_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    surnames: frozenset[str]


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
    """Each run of adjacent NNP morphemes with the label the rules give it."""
    rules = name_rules()
    i = 0
    while i < len(morphemes):
        if morphemes[i].tag != "NNP":
            i += 1
            continue
        j = i + 1
        while j < len(morphemes) and _continues_name(morphemes[j], morphemes[j - 1]):
            j += 1
        start, end = morphemes[i].start, _end(morphemes[j - 1])
        following = morphemes[j].form if j < len(morphemes) else ""
        yield start, end, label_name(text[start:end], following, rules)
        i = j


def label_name(name: str, following: str, rules: NameRules | None = None) -> str:
    """The label of a proper-noun run ``name`` followed by the morpheme ``following``."""
    rules = rules or name_rules()
    if following in rules.titles:
        return PERSON
    if name in rules.places or (len(name) > 1 and name.endswith(rules.place_suffixes)):
        return GPE
    if len(name) > 1 and name.endswith(rules.org_suffixes):
        return ORG
    if 2 <= len(name) <= 3 and name[0] in rules.surnames and all(_is_hangul(c) for c in name):
        return PERSON
    return DEFAULT_LABEL


def _continues_name(morpheme: Any, before: Any) -> bool:
    return bool(morpheme.tag == "NNP" and morpheme.start == _end(before))


def _end(morpheme: Any) -> int:
    return int(morpheme.start + morpheme.len)


def _ud(tag: str) -> str:
    tag = tag.split("-")[0]  # kiwipiepy marks irregular verbs "VV-I"
    for length in (3, 2, 1):
        if tag[:length] in _UD:
            return _UD[tag[:length]]
    return "X"


def _is_hangul(char: str) -> bool:
    return _HANGUL_SYLLABLES[0] <= char <= _HANGUL_SYLLABLES[1]
