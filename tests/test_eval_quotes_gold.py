"""How bench/eval/quotes.py reads PolNeAR's gold: which Content spans are direct quotes and
which characters of them are judged. Made-up sentences; no evaluation data is read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval.quotes import _gold, quoted_part


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ('She said "the bridge is safe" today.', "the bridge is safe"),
        ("She said “the bridge is safe” today.", "the bridge is safe"),
        ("She said ''the bridge is safe'' today.", "the bridge is safe"),
        ("She said ''the bridge is safe", "the bridge is safe"),  # runs past the span
    ],
)
def test_the_quoted_part_lies_between_the_marks(text: str, inside: str) -> None:
    [(a, b)] = quoted_part(text, [(9, len(text))])
    assert text[a:b] == inside


def test_two_apostrophes_make_a_quote_direct_and_one_does_not() -> None:
    text = "The mayor said ''it is over.'' The mayor's aide said it was not over."
    spans = {"T1": ("Content", [(15, 30)], ""), "T2": ("Content", [(53, 69)], "")}
    events = [{"Content": "T1"}, {"Content": "T2"}]
    first, second = _gold(text, spans, events)
    assert first.direct and text[slice(*first.target[0])] == "it is over."
    assert not second.direct
