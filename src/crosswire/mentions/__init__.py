"""Inside one article: quotes, entity mentions, dates, one package and one stage each.

``quotes.add_quotes`` finds who said what, ``dates.add_times`` normalizes every time
expression, ``entities.clean_mentions`` corrects the entity mentions spaCy found. Work across
articles belongs to ``crosswire.resolve``; the word tables these read live in
``crosswire.lexicon`` when more than one part of the project needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.lazy import names_on_first_use

if TYPE_CHECKING:
    from crosswire.mentions.dates import add_times
    from crosswire.mentions.entities import clean_mentions
    from crosswire.mentions.quotes import add_quotes

__all__ = ["add_quotes", "add_times", "clean_mentions"]

# Loaded on first use: importing one family's module should not import the other two.
__getattr__ = names_on_first_use(__name__, {
    "add_quotes": "crosswire.mentions.quotes.stage",
    "add_times": "crosswire.mentions.dates.stage",
    "clean_mentions": "crosswire.mentions.entities.stage",
})
