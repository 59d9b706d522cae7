"""Analysis per language: which parser turns an article of each language into a spaCy Doc.

English is the project's own pipeline (``nlp.model.load_nlp``). Every other language with a
model has one small module here (``fr``, ``ru``, ``ko``) exposing ``load() -> Parser``; it is
imported, and its model loaded, only when the first article in that language is parsed, and
then kept for the rest of the process. A language with no module gets ``blank_parser``:
tokens and sentences, no entities, and the article says it was not analysed.

Every Doc carries crosswire's English labels (PERSON, ORG, GPE, LOC) on ``doc.ents``,
whatever the model called them, so the stages after it read one vocabulary.
"""

from __future__ import annotations

import importlib
from functools import cache

from crosswire.nlp.languages.base import Parser, blank_parser

__all__ = ["ANALYSED", "Parser", "is_analysed", "parser_for"]

# Language (ISO 639-1) -> the module that analyses it. English is not here: it is the default.
ANALYSED = {
    "fr": "crosswire.nlp.languages.fr",
    "ru": "crosswire.nlp.languages.ru",
    "ko": "crosswire.nlp.languages.ko",
}


def is_analysed(language: str | None) -> bool:
    """Whether articles in ``language`` are analysed (English and unknown are, as English)."""
    return language in (None, "en") or language in ANALYSED


@cache
def parser_for(language: str) -> Parser:
    """The parser for a language other than English, loaded on first use, once per process."""
    module = ANALYSED.get(language)
    if module is None:
        return blank_parser(language)
    loaded: Parser = importlib.import_module(module).load()
    return loaded
