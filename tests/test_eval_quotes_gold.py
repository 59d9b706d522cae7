"""How bench/eval/quotes.py reads PolNeAR's gold: which Content spans are direct quotes and
which characters of them are judged. Made-up sentences; no evaluation data is read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval.quotes import (
    Article,
    Gold,
    Predicted,
    _gold,
    article_errors,
    errors,
    is_speech_cue,
    quoted_part,
    score,
)


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


@pytest.mark.parametrize(
    ("cue", "speech"),
    [("said", True), ("has repeatedly denied", True), ("according to", True), ("tweeted", True),
     ("wants", False), ("believes", False), ("polls show", False), ("sees", False)],
)
def test_a_cue_is_speech_when_it_holds_a_verb_of_communication(cue: str, speech: bool) -> None:
    assert is_speech_cue(cue) is speech


def test_recall_counts_gold_quotes_not_the_predictions_inside_them() -> None:
    text = "Officials said the road will close on Monday and reopen in June. Nothing else."
    gold = Gold([(15, 63)], [(0, 9)], "Officials", False, [(15, 63)], True)
    two_halves = [Predicted(15, 40, "indirect"), Predicted(41, 63, "indirect")]
    outside = Predicted(65, 77, "indirect")
    figures = score([Article("a", text, [gold], [*two_halves, outside])])
    assert figures["indirect_recall"] == 1.0
    assert figures["speech_indirect_recall"] == 1.0
    assert figures["indirect_precision"] == pytest.approx(2 / 3)


def test_the_dev_error_listing_names_missed_direct_and_false_quotes() -> None:
    text = 'Rao said "the pier is safe" on Monday. The "best" ferry ran late.'
    gold = Gold([(9, 27)], [(0, 3)], "Rao", True, [(10, 26)], True)
    lines = article_errors(Article("a", text, [gold], [Predicted(44, 48, "direct")]))
    assert lines == [
        'missed direct: Rao said " [[the pier is safe]] " on Monday. The "best" ferry ran late.',
        'false direct: Rao said "the pier is safe" on Monday. The " [[best]] " ferry ran late.',
    ]


def test_the_reporting_split_errors_are_never_listed() -> None:
    with pytest.raises(ValueError, match="never listed"):
        errors(split="reporting")
