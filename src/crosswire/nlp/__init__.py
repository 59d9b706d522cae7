"""The spaCy side: load the pipeline once, annotate articles in batches.

Docs never leave this package: annotation copies character offsets onto the Article
dataclasses inside ``nlp.memory_zone()``, so a long run does not grow with every string seen.
"""

from crosswire.nlp.annotate import annotate
from crosswire.nlp.model import load_nlp

__all__ = ["annotate", "load_nlp"]
