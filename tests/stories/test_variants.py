"""Quote variants whose speakers do not match: the same words (or a cut of them) in two
outlets are one utterance even when one outlet names no speaker; a few shared words are not."""

from __future__ import annotations

import pytest

from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import quote_variants
from crosswire.types import Article, Quote, Speaker


def _quoting(outlet: str, words: str, speaker: Speaker | None) -> Article:
    text = f"\u201c{words},\u201d the statement read."
    quote = Quote(words, 1, 1 + len(words), "direct", "read", speaker)
    return Article(id=outlet, text=text, source="x", outlet=outlet, quotes=[quote])


LONG = "The river crossing stays closed until engineers have checked every single pier"


@pytest.mark.parametrize(("a", "b", "kind"), [
    (LONG, LONG, "verbatim"),
    (LONG, LONG.split(" until")[0] + " until engineers have checked", "truncated"),
    ("The crossing stays closed", "The crossing stays closed", None),  # too short for chance to be ruled out
    (LONG, "Engineers will check every pier before the river crossing opens again", None),  # reworded
])  # fmt: skip
def test_unattributed_renderings_link_only_when_the_words_match(a: str, b: str, kind: str | None) -> None:
    story = [_quoting("One", a, Speaker("Lena Brandt", "E-b", None, "person")), _quoting("Two", b, None)]
    found = quote_variants(story)
    assert [v.kind for v in found] == ([kind] if kind else [])


def test_the_unattributed_pass_can_be_turned_off() -> None:
    story = [_quoting("One", LONG, None), _quoting("Two", LONG, None)]
    assert quote_variants(story, StorySettings(quote_unattributed_min_words=0)) == []
    assert len(quote_variants(story)) == 1
