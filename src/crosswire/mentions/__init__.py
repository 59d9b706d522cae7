"""Inside one article: quotes, entity mentions, dates, one package and one stage each.

``quotes.add_quotes`` finds who said what, ``dates.add_times`` normalizes every time
expression, ``entities.clean_mentions`` corrects the entity mentions spaCy found. Work across
articles belongs to ``crosswire.resolve``; the word tables these read live in
``crosswire.lexicon`` when more than one part of the project needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosswire.mentions.dates import add_times
    from crosswire.mentions.entities import clean_mentions
    from crosswire.mentions.quotes import add_quotes

__all__ = ["add_quotes", "add_times", "clean_mentions"]

_FAMILY_OF = {"add_quotes": "quotes", "add_times": "dates", "clean_mentions": "entities"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: importing one family's module should not import the other two.
    if name in _FAMILY_OF:
        return getattr(import_module(f"{__name__}.{_FAMILY_OF[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
