"""The learned entity tagger: a crfsuite BIO tagger over CoNLL's four types, read from spaCy's parse.

It tags each sentence's tokens ``B-``/``I-`` PER, ORG, LOC, MISC or ``O`` from the features in
``features`` (spaCy's own OntoNotes entity label among them), and gives each tag its
marginal probability, so the stage can let it overrule spaCy only where it is sure. The
weights (``crosswire/models/entities/tagger.crfsuite``) are written by ``make
train-entities`` (``training/entities.py``) and loaded once per process, the first time an
article is tagged; nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pycrfsuite
from spacy.tokens import Doc, Token

from crosswire.errors import CrosswireError
from crosswire.mentions.entities.features import sentences, sequence_features

MODEL_DIR = Path(str(resources.files("crosswire.models").joinpath("entities")))
WEIGHTS = MODEL_DIR / "tagger.crfsuite"
OUTSIDE = "O"
TYPES = ("PER", "ORG", "LOC", "MISC")


class Tagged(NamedTuple):
    """One token as the tagger saw it: character offsets, its tag, and how sure it was (the
    marginal probability of the tag, computed where a name is, the tagger's or spaCy's: the
    only tokens the stage asks about; 1.0 elsewhere). A tuple: an article makes thousands."""

    start: int
    end: int
    tag: str
    confidence: float


class Found(NamedTuple):
    """A name the tagger found: character offsets, a CoNLL type, and its least sure token."""

    start: int
    end: int
    kind: str
    confidence: float


@lru_cache(maxsize=1)
def load_tagger() -> pycrfsuite.Tagger:
    if not WEIGHTS.exists():
        raise CrosswireError(
            f"entity model weights missing at {WEIGHTS}: run `make train-entities`, or set "
            "CROSSWIRE_ENTITY_MODEL=0 CROSSWIRE_ENTITY_ADDITIONS=0 to correct entities with rules alone"
        )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(WEIGHTS))
    return tagger


def tag_doc(doc: Doc, tagger: pycrfsuite.Tagger | None = None) -> list[list[Tagged]]:
    """Every sentence's tokens with their tags and marginal probabilities."""
    tagger = tagger or load_tagger()
    tagged = []
    for tokens in sentences(doc):
        if not _may_hold_a_name(tokens):
            tagged.append([Tagged(t.idx, t.idx + len(t.text), OUTSIDE, 1.0) for t in tokens])
            continue
        tags = tagger.tag(sequence_features(tokens))
        tagged.append([
            Tagged(t.idx, t.idx + len(t.text), tag,
                   tagger.marginal(tag, i) if tag != OUTSIDE or t.ent_type else 1.0)
            for i, (t, tag) in enumerate(zip(tokens, tags, strict=True))
        ])
    return tagged


def _may_hold_a_name(tokens: list[Token]) -> bool:
    """A sentence with no entity of spaCy's and no capital but a function word's at its start
    holds no name the tagger would find: most of an article's sentences are not tagged."""
    if any(t.ent_type for t in tokens) or any(t.text[:1].isupper() for t in tokens[1:]):
        return True
    return tokens[0].text[:1].isupper() and not tokens[0].is_stop


def found_names(tagged: list[list[Tagged]]) -> list[Found]:
    """The names in BIO-tagged sentences (an ``I-`` after another type starts a new one)."""
    found: list[Found] = []
    for sentence in tagged:
        current: list[Tagged] = []
        for token in sentence:
            kind = token.tag[2:]
            if current and (token.tag.startswith("I-") and kind == current[0].tag[2:]):
                current.append(token)
                continue
            if current:
                found.append(_name(current))
            current = [token] if token.tag != OUTSIDE else []
        if current:
            found.append(_name(current))
    return found


def _name(tokens: list[Tagged]) -> Found:
    return Found(tokens[0].start, tokens[-1].end, tokens[0].tag[2:], min(t.confidence for t in tokens))
