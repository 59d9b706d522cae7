"""Every word table the project shares, once: ingest, mentions, resolve and stories read these.

The data sits in ``lexicon/data/*.tsv`` (one entry a line, ``#`` comments saying where a
convention comes from), read once at import and exposed read-only: a ``MappingProxyType`` or
a ``frozenset``. A table lives here when more than one part of the project needs it; the word
lists only one module reads stay beside that module.

* ``TIMEZONES``: abbreviation as printed ("KST") → UTC offset ("+09:00").
* ``MONTHS``, ``WEEKDAYS``: lower-case name or abbreviation → month number, ISO weekday.
* ``DEMONYMS``: lower-case demonym ("french", "britons") → the place as the gazetteer names it.
* ``TITLES``: every title that stands before a name ("mr", "president", "prime", "former");
  ``PERSON_TITLES`` those that alone mark a person, ``ADDRESS_FORMS`` those that say nothing
  of what the person does, ``TITLE_MODIFIERS`` those that only qualify another title.
* ``ROLE_WORDS``: the words a role is made of ("analyst", "spokesman", "press");
  ``PERSON_NOUNS`` those that in apposition ("X, a professor") say X is a person.
* ``FUNCTION_WORDS``: English function words ("the", "of", "would"), left out of word counts.
* ``NUMBERS``: numbers written as words → their value ("twelve" → 12, "million" → 1000000).
* ``NEWS_ORGANISATIONS``: agencies and outlets as written ("Reuters", "dpa");
  ``NEWS_ORGANISATIONS_IN_TEXT`` those whose name alone in running text is surely the outlet.
* ``MASTHEAD_WORDS``, ``PRESS_SPEAKER_WORDS``, ``PRESS_AUDIENCE_WORDS``: words of the press
  ("herald", "media", "reporters"), by where they say "a publication": ending a masthead, heading
  a speaker phrase, or as the one a speaker told.
"""

from __future__ import annotations

from importlib import resources
from types import MappingProxyType

__all__ = [
    "ADDRESS_FORMS",
    "DEMONYMS",
    "FUNCTION_WORDS",
    "MASTHEAD_WORDS",
    "MONTHS",
    "NEWS_ORGANISATIONS",
    "NEWS_ORGANISATIONS_IN_TEXT",
    "NUMBERS",
    "PERSON_NOUNS",
    "PERSON_TITLES",
    "PRESS_AUDIENCE_WORDS",
    "PRESS_SPEAKER_WORDS",
    "ROLE_WORDS",
    "TIMEZONES",
    "TITLES",
    "TITLE_MODIFIERS",
    "WEEKDAYS",
    "read_table",
]


def read_table(name: str) -> list[tuple[str, ...]]:
    """The rows of ``data/NAME.tsv``: tab-separated fields, comments and blank lines left out."""
    text = resources.files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [tuple(field.strip() for field in line.split("\t")) for line in lines]


def _words_of_kind(name: str, *kinds: str) -> frozenset[str]:
    """The words of ``data/NAME.tsv`` whose second field is one of ``kinds`` (all when none)."""
    return frozenset(word for word, kind in read_table(name) if not kinds or kind in kinds)


def _words_tagged(name: str, tag: str) -> frozenset[str]:
    """The words of ``data/NAME.tsv`` whose comma-separated tags include ``tag``."""
    return frozenset(word for word, tags in read_table(name) if tag in tags.split(","))


def _numbers(name: str) -> MappingProxyType[str, int]:
    return MappingProxyType({word: int(number) for word, number in read_table(name)})


TIMEZONES: MappingProxyType[str, str] = MappingProxyType(
    {abbreviation: offset for abbreviation, offset, _zone in read_table("timezones")}
)
MONTHS: MappingProxyType[str, int] = _numbers("months")
WEEKDAYS: MappingProxyType[str, int] = _numbers("weekdays")
NUMBERS: MappingProxyType[str, int] = _numbers("numbers")
DEMONYMS: MappingProxyType[str, str] = MappingProxyType(
    {demonym: place for demonym, place in read_table("demonyms")}
)

TITLES: frozenset[str] = _words_of_kind("titles")
ADDRESS_FORMS: frozenset[str] = _words_of_kind("titles", "address")
PERSON_TITLES: frozenset[str] = _words_of_kind("titles", "address", "title")
TITLE_MODIFIERS: frozenset[str] = _words_of_kind("titles", "modifier")
ROLE_WORDS: frozenset[str] = _words_of_kind("role_words")
PERSON_NOUNS: frozenset[str] = _words_of_kind("role_words", "yes")
FUNCTION_WORDS: frozenset[str] = frozenset(word for (word,) in read_table("function_words"))
NEWS_ORGANISATIONS: frozenset[str] = _words_of_kind("news_organisations")
NEWS_ORGANISATIONS_IN_TEXT: frozenset[str] = _words_of_kind("news_organisations", "yes")

# A news organisation known by one word ("Reuters", "AFP") is the press wherever a press word is.
_AGENCY_WORDS = frozenset(name.lower() for name in NEWS_ORGANISATIONS_IN_TEXT if " " not in name)
MASTHEAD_WORDS: frozenset[str] = _words_tagged("press_words", "masthead")
PRESS_SPEAKER_WORDS: frozenset[str] = _words_tagged("press_words", "speaker") | _AGENCY_WORDS
PRESS_AUDIENCE_WORDS: frozenset[str] = _words_tagged("press_words", "audience") | _AGENCY_WORDS
