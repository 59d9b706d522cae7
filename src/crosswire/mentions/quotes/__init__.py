"""The quote stage: who said what inside one article, direct and reported.

``stage`` runs the cascade; ``marks`` pairs quotation marks, ``cues`` finds reporting verbs,
``reported`` finds indirect speech, ``speakers`` and ``roles`` name the speaker, and ``cast``
tells who a surname, a pronoun or a description stands for. ``vocab`` holds the quote
finder's own word lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosswire.mentions.quotes.stage import add_quotes

__all__ = ["add_quotes"]


def __getattr__(name: str) -> Any:
    # The stage imports spaCy; a caller that needs one rule module of the family (resolution
    # reads the entity word lists, the evaluation the date rules) should not pay for it.
    if name == "add_quotes":
        from crosswire.mentions.quotes.stage import add_quotes

        return add_quotes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
