"""The entity-correction stage: spaCy's mentions with labels and spans fixed from context.

``stage`` runs the corrections; ``spans`` trims titles and punctuation, ``context`` scores a
name as person or place from the words around it, ``places`` reads gazetteers and demonyms,
``acronyms`` links "UN" to "United Nations"; ``vocab`` holds the word lists only they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.lazy import names_on_first_use

if TYPE_CHECKING:
    from crosswire.mentions.entities.stage import clean_mentions

__all__ = ["clean_mentions"]

# The stage imports spaCy; a caller that needs one rule module of the family (resolution
# reads the entity word lists, the evaluation the date rules) should not pay for it.
__getattr__ = names_on_first_use(__name__, {"clean_mentions": "crosswire.mentions.entities.stage"})
