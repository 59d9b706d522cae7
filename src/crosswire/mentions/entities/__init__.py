"""The entity-correction stage: spaCy's mentions with labels and spans fixed from context.

``stage`` runs the corrections; ``spans`` trims titles and punctuation, ``context`` scores a
name as person or place from the words around it, ``places`` reads gazetteers and demonyms,
``acronyms`` links "UN" to "United Nations"; ``vocab`` holds the word lists only they read.
"""

from crosswire.mentions.entities.stage import clean_mentions

__all__ = ["clean_mentions"]
