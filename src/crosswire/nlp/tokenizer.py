"""Keep spaCy's tokenizer linear in the text, whatever runs of punctuation it holds.

spaCy splits a text at whitespace, then strips prefixes and suffixes off each chunk one at a
time, and every step slices and searches the rest of the chunk: a chunk of n quotation marks
costs n² (ten thousand marks took seconds, forty thousand minutes). ``BoundedTokenizer`` wraps
the model's tokenizer: a text with no long run of punctuation is tokenized exactly as before;
a run longer than ``LONGEST_RUN`` characters is cut into pieces of at most that length, each
piece tokenized by spaCy on its own, and the pieces joined into one ``Doc`` whose text is the
input's, character for character, so every offset stays exact.

A cut only falls between two punctuation characters, which spaCy nearly always splits into
separate tokens anyway (four quotation marks are four tokens); a word is never cut. Prose has
no such runs; a ruler line of dashes longer than the limit becomes two tokens instead of one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# Characters one piece of a run may hold. spaCy's cost on a run is about its length squared,
# so this bounds its work per character of input; far above any run prose has ("?!…").
LONGEST_RUN = 64


def _long_runs(longest: int) -> re.Pattern[str]:
    """Runs of characters that are neither letters, digits nor whitespace, over ``longest``.
    The lookbehind starts a match only at a run's first character, so a search is linear."""
    return re.compile(rf"(?<![^\w\s])[^\w\s]{{{longest + 1},}}")


_LONG_RUN = _long_runs(LONGEST_RUN)


def run_cuts(text: str, longest: int = LONGEST_RUN) -> list[int]:
    """Offsets at which to cut ``text`` so no piece holds a punctuation run over ``longest``."""
    pattern = _LONG_RUN if longest == LONGEST_RUN else _long_runs(longest)
    return [cut for m in pattern.finditer(text) for cut in range(m.start() + longest, m.end(), longest)]


def pieces(text: str, cuts: list[int]) -> Iterator[str]:
    """``text`` cut at ``cuts`` (in order); the pieces join back to ``text``."""
    return (text[a:b] for a, b in pairwise([0, *cuts, len(text)]))


class BoundedTokenizer:
    """spaCy's tokenizer, never handed a punctuation run longer than ``longest`` characters."""

    def __init__(self, tokenizer: Callable[[str], Doc], longest: int = LONGEST_RUN) -> None:
        self.tokenizer = tokenizer
        self.longest = longest

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        # Everything else is the wrapped tokenizer's (vocab, rules, explain, to_disk, and the
        # memory_zone that Language.memory_zone looks for where a spaCy version has one).
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        cuts = run_cuts(text, self.longest)
        if not cuts:
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in pieces(text, cuts)]
        # ensure_whitespace=False: the pieces were cut out of one run, with no space between.
        return Doc.from_docs(docs, ensure_whitespace=False, attrs=["NORM"])


def bound_tokenizer(nlp: Language) -> Language:
    """``nlp`` with its tokenizer wrapped in a ``BoundedTokenizer``, once."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp
