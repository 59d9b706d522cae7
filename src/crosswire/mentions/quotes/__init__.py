"""The quote stage: who said what inside one article, direct and reported.

``stage`` runs the cascade; ``marks`` pairs quotation marks, ``cues`` finds reporting verbs,
``reported`` finds indirect speech, ``speakers`` and ``roles`` name the speaker, and ``cast``
tells who a surname, a pronoun or a description stands for. ``vocab`` holds the quote
finder's own word lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.lazy import names_on_first_use

if TYPE_CHECKING:
    from crosswire.mentions.quotes.stage import add_quotes

__all__ = ["add_quotes"]

# The stage imports spaCy; a caller that needs one rule module of the family (resolution
# reads the entity word lists, the evaluation the date rules) should not pay for it.
__getattr__ = names_on_first_use(__name__, {"add_quotes": "crosswire.mentions.quotes.stage"})
