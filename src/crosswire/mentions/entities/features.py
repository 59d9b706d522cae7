"""What the entity tagger sees of each token: short feature strings, read from spaCy's parse.

One sequence per sentence of the Doc, whitespace tokens left out, so training (on CoNLL
documents parsed by spaCy) and tagging (on articles) see the same tokens. Each token gives
its own word, shape, affixes, part of speech, spaCy's OntoNotes entity IOB and label, word
lists (titles, organisation and facility heads, name particles, demonyms, places), its
place in the sentence, and the word, shape and entity label of its neighbours. Features are
plain strings (crfsuite's binary features), built once per token and shared by the windows
of its neighbours, because this runs on every article and must stay a small share of
spaCy's own time.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from crosswire.lexicon import DEMONYMS, NEWS_ORGANISATIONS, PERSON_TITLES, TITLES
from crosswire.mentions.entities.places import is_place
from crosswire.mentions.entities.vocab import HEAD_LABELS, NAME_PARTICLES, VEHICLE_NOUNS

Sequence = list[Token]
Features = list[str]

# How far the window reaches on each side, and which of a neighbour's features it copies.
_WINDOW = 2


def sentences(doc: Doc) -> list[Sequence]:
    """The Doc's sentences as token lists, whitespace tokens left out."""
    found = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            found.append(tokens)
    return found


def sequence_features(tokens: Sequence) -> list[Features]:
    """The feature strings of every token of one sentence."""
    headline = _is_headline(tokens)
    # What each token shows its neighbours, per offset; two edge markers padded on each side.
    near = [*_PADDING, *(_near(t.text, t.ent_iob_, t.ent_type_) for t in tokens), *_PADDING]
    features = []
    for i, token in enumerate(tokens):
        kind = token.ent_type_
        row = [
            *_lexical(token.text),
            *_syntax(token.pos_, token.tag_, token.dep_, token.ent_iob_, kind),
            *near[i][0], *near[i + 1][1], *near[i + 3][2], *near[i + 4][3],
        ]
        if i == 0:
            row.append("first")
        if headline:
            row.append("headline")
            if kind:
                row.append(f"hent={kind}")
        features.append(row)
    return features


_OFFSETS = tuple(o for o in range(-_WINDOW, _WINDOW + 1) if o)
_PADDING = [tuple((f"{o}edge",) for o in _OFFSETS)] * _WINDOW


def _is_headline(tokens: Sequence) -> bool:
    """A line in capitals ("LEICESTERSHIRE TAKE OVER"): every word looks like an acronym."""
    letters = [t.text for t in tokens if t.is_alpha]
    return len(letters) >= 2 and all(w.isupper() for w in letters)


# The strings of a word and of a parse label are built once per process and shared by every
# token that has them: news repeats its words, and a parse has few distinct labels.
@lru_cache(maxsize=1 << 16)
def _lexical(text: str) -> tuple[str, ...]:
    lower = text.lower()
    return ("b", f"w={lower}", f"sh={_shape(text)}", f"p3={lower[:3]}", f"s3={lower[-3:]}",
            f"s2={lower[-2:]}", *_word_lists(lower))


@lru_cache(maxsize=1 << 16)
def _near(text: str, iob: str, kind: str) -> tuple[tuple[str, ...], ...]:
    """What each neighbour offset sees of a token: its word, entity label and shape next to
    it, its word and entity label two away."""
    lower, shape = text.lower(), _shape(text)
    return tuple((f"{o}w={lower}", f"{o}ent={iob}-{kind}", f"{o}sh={shape}") if abs(o) == 1
                 else (f"{o}w={lower}", f"{o}ent={iob}-{kind}") for o in _OFFSETS)


@lru_cache(maxsize=1 << 12)
def _syntax(pos: str, tag: str, dep: str, iob: str, kind: str) -> tuple[str, ...]:
    return (f"pos={pos}", f"tag={tag}", f"ent={iob}-{kind}", f"dep={dep}")


@lru_cache(maxsize=1 << 15)
def _shape(text: str) -> str:
    """Letters to X/x, digits to d, runs collapsed: "Leyen" → "Xx", "COVID-19" → "X-d"."""
    out: list[str] = []
    for c in text:
        kind = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


@lru_cache(maxsize=1 << 15)
def _word_lists(lower: str) -> tuple[str, ...]:
    """The word lists a lower-cased word is in; cached, since news repeats its words."""
    found = []
    if lower in TITLES:
        found.append("L:title")
    if lower in PERSON_TITLES:
        found.append("L:ptitle")
    head = HEAD_LABELS.get(lower)
    if head is not None:
        found.append(f"L:head={head}")
    if lower in VEHICLE_NOUNS:
        found.append("L:vehicle")
    if lower in NAME_PARTICLES:
        found.append("L:particle")
    if lower in DEMONYMS:
        found.append("L:demonym")
    if len(lower) > 2 and is_place(lower):
        found.append("L:place")
    if lower in _NEWS_WORDS():
        found.append("L:news")
    return tuple(found)


@lru_cache(maxsize=1)
def _NEWS_WORDS() -> frozenset[str]:  # a constant, built on first use
    return frozenset(name.lower() for name in NEWS_ORGANISATIONS if " " not in name)
