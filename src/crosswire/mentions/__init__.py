"""Inside one article: quotes, entity mentions, dates, one package and one stage each.

``quotes.add_quotes`` finds who said what, ``dates.add_times`` normalizes every time
expression, ``entities.clean_mentions`` corrects the entity mentions spaCy found. Work across
articles belongs to ``crosswire.resolve``; the word tables these read live in
``crosswire.lexicon`` when more than one part of the project needs them.
"""

from crosswire.mentions.dates import add_times
from crosswire.mentions.entities import clean_mentions
from crosswire.mentions.quotes import add_quotes

__all__ = ["add_quotes", "add_times", "clean_mentions"]
