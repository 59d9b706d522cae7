"""The bounded tokenizer: spaCy's tokens on prose, exact offsets and bounded chunks on the rest.

spaCy's own cost on a whitespace-free chunk (a run of marks, "a's's's…") grows with the square
of its length; these tests pin what keeps it linear without timing anything: no chunk longer
than ``LONGEST_CHUNK`` ever reaches spaCy, and the Doc it returns has the input's characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from crosswire.nlp import load_nlp
from crosswire.nlp.tokenizer import LONGEST_CHUNK, BoundedTokenizer, bound_tokenizer, chunk_cuts, pieces

_CHUNK = re.compile(r"\S+")
L = LONGEST_CHUNK


@pytest.mark.parametrize(("text", "cuts"), [
    ("", []),
    ("He said “no” twice!!! Then left…", []),
    ("-" * L, []),
    ("-" * (L + 1), [L]),
    ("ab" + '"' * (3 * L) + "cd", [L, 2 * L, 3 * L]),
    ("x" * 250 + "/" + "y" * 300, [251, 251 + L]),
    ("a" * 600, [L, 2 * L]),
    ('"' * 10 + " x " + "«" * (L + 5), [13 + L]),
], ids=["empty", "prose", "chunk at the limit", "chunk one over", "marks inside a word",
        "a URL cut at its slash", "letters only", "second chunk"])
def test_chunk_cuts_fall_inside_long_chunks_only(text: str, cuts: list[int]) -> None:
    assert chunk_cuts(text) == cuts
    assert "".join(pieces(text, cuts)) == text


def test_no_piece_holds_a_chunk_over_the_limit() -> None:
    text = ("word " + "“”'\"«»" * 300 + " " + "a's" * 500 + " ") * 5
    longest = max(len(chunk) for piece in pieces(text, chunk_cuts(text)) for chunk in _CHUNK.findall(piece))
    assert longest == LONGEST_CHUNK


def _spied(nlp: Language) -> tuple[BoundedTokenizer, list[str]]:
    """A bounded tokenizer around ``nlp``'s own, recording every text spaCy is handed."""
    bounded = nlp.tokenizer
    assert isinstance(bounded, BoundedTokenizer)
    seen: list[str] = []
    inner: Callable[[str], Doc] = bounded.tokenizer

    def spy(text: str) -> Doc:
        seen.append(text)
        return inner(text)

    return BoundedTokenizer(spy), seen


@pytest.mark.slow
@pytest.mark.parametrize("marks", [1_000, 2_000, 4_000, 8_000])
def test_spacy_never_sees_a_long_run_of_marks(nlp: Language, marks: int) -> None:
    tokenizer, seen = _spied(nlp)
    text = "Kim said " + '"' * marks + " today."
    doc = tokenizer(text)
    assert max(len(chunk) for piece in seen for chunk in _CHUNK.findall(piece)) <= LONGEST_CHUNK
    assert doc.text == text
    quoted = [t for t in doc if t.text == '"']
    assert len(quoted) == marks  # each mark its own token, as spaCy makes a short run
    assert [t.idx for t in quoted] == list(range(9, 9 + marks))


@pytest.mark.slow
def test_spacy_never_sees_a_long_chunk_of_suffixes(nlp: Language) -> None:
    tokenizer, seen = _spied(nlp)
    text = "Kim" + "'s" * 4_000  # each "'s" a suffix spaCy strips off the whole rest, one by one
    doc = tokenizer(text)
    assert max(len(chunk) for piece in seen for chunk in _CHUNK.findall(piece)) <= LONGEST_CHUNK
    assert doc.text == text and [t.text for t in doc[:2]] == ["Kim", "'s"]
    assert sum(t.text == "'s" for t in doc) >= 4_000 - len(seen)  # a cut may split one "'s"


_HOSTILE_RUNS = [
    "“”" * 3_000,
    "".join("'\"“”«»‘’"[i * 7 % 8] for i in range(6_000)),
    "Kim said“" + "a”“" * 2_000 + "end",
    ("“" * 500 + " the plan ") * 8,
    "=" * 5_000 + "\n" + "-" * 5_000,
    "😀" * 3_000 + "ok",
    "a" + "'s" * 3_000,
]


@pytest.mark.slow
@pytest.mark.parametrize("text", _HOSTILE_RUNS, ids=["curly pairs", "mixed marks", "marks between letters",
                                                    "runs and words", "rulers", "emoji",
                                                    "suffixes"])
def test_every_token_keeps_its_exact_offsets(nlp: Language, text: str) -> None:
    doc = nlp.tokenizer(text)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    starts, ends = [t.idx for t in doc], [t.idx + len(t.text_with_ws) for t in doc]
    assert ends == [*starts[1:], len(text)]  # no character lost or doubled


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Mara Quillon didn't say the U.S. plan was “dead” — she said it's on hold... (for now)!",
    "Prices rose 4.5% to $1,200 in Calder; see https://example.org/a?b=c#d.\n\nNext paragraph:  two spaces.",
    "“Why?” she asked.\t‘Because,’ he said -- and left.",
])
def test_prose_is_tokenized_as_spacy_tokenizes_it(nlp: Language, text: str) -> None:
    bounded = nlp.tokenizer
    assert isinstance(bounded, BoundedTokenizer)
    ours, theirs = bounded(text), bounded.tokenizer(text)
    assert [(t.text, t.whitespace_, t.norm_) for t in ours] == [
        (t.text, t.whitespace_, t.norm_) for t in theirs]


@pytest.mark.slow
def test_a_cut_run_keeps_the_norms_of_special_cases(nlp: Language) -> None:
    doc = nlp.tokenizer("don't " + "!" * (3 * L) + " can't")
    assert [t.norm_ for t in doc[:2]] == ["do", "not"]
    assert [t.norm_ for t in doc[-2:]] == ["can", "not"]


@pytest.mark.slow
def test_the_model_is_loaded_with_the_tokenizer_wrapped_once() -> None:
    nlp = load_nlp()
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    inner = nlp.tokenizer.tokenizer
    bound_tokenizer(nlp)
    assert nlp.tokenizer.tokenizer is inner
    assert nlp.tokenizer.vocab is nlp.vocab  # what is not ours is the wrapped tokenizer's
