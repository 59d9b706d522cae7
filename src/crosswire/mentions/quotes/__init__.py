"""The quote stage: who said what inside one article, direct and reported.

``stage`` runs the cascade; ``marks`` pairs quotation marks, ``cues`` finds reporting verbs,
``reported`` finds indirect speech, ``speakers`` and ``roles`` name the speaker, and ``cast``
tells who a surname, a pronoun or a description stands for. ``vocab`` holds the quote
finder's own word lists.
"""

from crosswire.mentions.quotes.stage import add_quotes

__all__ = ["add_quotes"]
