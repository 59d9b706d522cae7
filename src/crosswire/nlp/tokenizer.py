"""Keep spaCy's tokenizer linear in the text, whatever its unbroken runs of characters.

spaCy splits a text at whitespace, then strips prefixes and suffixes off each chunk one at a
time, and every step slices and searches the rest of the chunk: a chunk of n quotation marks
costs n² (ten thousand marks took seconds, forty thousand minutes), and so does a word with
n suffixes ("a's's's…"). ``BoundedTokenizer`` wraps the model's tokenizer: a text with no
whitespace-free chunk over ``LONGEST_CHUNK`` characters is tokenized exactly as before; a
longer chunk is cut into pieces of at most that length, each piece tokenized by spaCy on its
own, and the pieces joined into one ``Doc`` whose text is the input's, character for
character, so every offset stays exact.

A cut falls next to a character that is not a letter or digit where the end of the piece has
one (a run of marks is cut between marks, which spaCy splits into separate tokens anyway; a
long URL at a "/" or "?"); only a chunk of letters and digits alone is cut anywhere. Prose
has no such chunks: what changes is that a URL over the limit becomes two tokens, not one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# Characters one whitespace-free piece may hold. spaCy's cost on a chunk grows with its length
# squared, so this bounds its work per character of input; far above any word or usual URL.
LONGEST_CHUNK = 256
# How far back from the limit a cut looks for a place that is not inside a word.
_CUT_SLACK = 64


def _long_chunks(longest: int) -> re.Pattern[str]:
    """Whitespace-free chunks over ``longest`` characters. The lookbehind starts a match only
    at a chunk's first character, so a search is linear."""
    return re.compile(rf"(?<!\S)\S{{{longest + 1},}}")


_LONG_CHUNK = _long_chunks(LONGEST_CHUNK)


def chunk_cuts(text: str, longest: int = LONGEST_CHUNK) -> list[int]:
    """Offsets at which to cut ``text`` so that no piece holds a whitespace-free chunk over
    ``longest`` characters."""
    pattern = _LONG_CHUNK if longest == LONGEST_CHUNK else _long_chunks(longest)
    cuts: list[int] = []
    for m in pattern.finditer(text):
        at, end = m.start(), m.end()
        while end - at > longest:
            at = _cut_near(text, at + longest, at + max(longest - _CUT_SLACK, 1))
            cuts.append(at)
    return cuts


def _cut_near(text: str, limit: int, lowest: int) -> int:
    """The last offset in ``lowest..limit`` that is not between two letters or digits."""
    for at in range(limit, lowest - 1, -1):
        if not (text[at - 1].isalnum() and text[at].isalnum()):
            return at
    return limit


def pieces(text: str, cuts: list[int]) -> Iterator[str]:
    """``text`` cut at ``cuts`` (in order); the pieces join back to ``text``."""
    return (text[a:b] for a, b in pairwise([0, *cuts, len(text)]))


class BoundedTokenizer:
    """spaCy's tokenizer, never handed a whitespace-free chunk over ``longest`` characters."""

    def __init__(self, tokenizer: Callable[[str], Doc], longest: int = LONGEST_CHUNK) -> None:
        self.tokenizer = tokenizer
        self.longest = longest

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        # Everything else is the wrapped tokenizer's (vocab, rules, explain, to_disk, and the
        # memory_zone that Language.memory_zone looks for where a spaCy version has one).
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        cuts = chunk_cuts(text, self.longest)
        if not cuts:
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in pieces(text, cuts)]
        # ensure_whitespace=False: the pieces were cut out of one chunk, with no space between.
        return Doc.from_docs(docs, ensure_whitespace=False, attrs=["NORM"])


def bound_tokenizer(nlp: Language) -> Language:
    """``nlp`` with its tokenizer wrapped in a ``BoundedTokenizer``, once."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp
