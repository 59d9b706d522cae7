"""The spaCy side: load the pipeline once, parse articles in batches, run document stages.

Docs never leave this package and ``mentions/``: stages copy character offsets onto the
Article dataclasses inside ``nlp.memory_zone()``.
"""

from crosswire.nlp.annotate import DocStage, add_mentions, add_sentences, annotate
from crosswire.nlp.model import load_nlp

__all__ = ["DocStage", "add_mentions", "add_sentences", "annotate", "load_nlp"]
