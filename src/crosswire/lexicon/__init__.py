"""Every word table the project shares, once: ingest, mentions, resolve and stories read these.

The data sits in ``lexicon/data/*.tsv`` (one entry a line, ``#`` comments saying where a
convention comes from), read once at import and exposed read-only: a ``MappingProxyType`` or
a ``frozenset``. A table lives here when more than one part of the project needs it; the word
lists only one module reads stay beside that module.

* ``TIMEZONES``: abbreviation as printed ("KST") → UTC offset ("+09:00").
* ``MONTHS``, ``WEEKDAYS``: lower-case name or abbreviation → month number, ISO weekday.
* ``DEMONYMS``: lower-case demonym ("french", "britons") → the place as the gazetteer names it.
"""

from __future__ import annotations

from importlib import resources
from types import MappingProxyType

__all__ = ["DEMONYMS", "MONTHS", "TIMEZONES", "WEEKDAYS", "read_table"]


def read_table(name: str) -> list[tuple[str, ...]]:
    """The rows of ``data/NAME.tsv``: tab-separated fields, comments and blank lines left out."""
    text = resources.files(__package__).joinpath("data", f"{name}.tsv").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return [tuple(field.strip() for field in line.split("\t")) for line in lines]


def _numbers(name: str) -> MappingProxyType[str, int]:
    return MappingProxyType({word: int(number) for word, number in read_table(name)})


TIMEZONES: MappingProxyType[str, str] = MappingProxyType(
    {abbreviation: offset for abbreviation, offset, _zone in read_table("timezones")}
)
MONTHS: MappingProxyType[str, int] = _numbers("months")
WEEKDAYS: MappingProxyType[str, int] = _numbers("weekdays")
DEMONYMS: MappingProxyType[str, str] = MappingProxyType(
    {demonym: place for demonym, place in read_table("demonyms")}
)
