"""Quote variants whose speakers do not match: the same words (or a cut of them) in two
outlets are one utterance even when one outlet names no speaker; a few shared words are not;
one sentence cut at two places is shared."""

from __future__ import annotations

import pytest

from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import quote_variants, shared_sentence
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


@pytest.mark.parametrize(("a", "b", "shared"), [
    # one outlet's quote starts mid-sentence: its sentence lies inside the other's
    ("We checked the cables twice. Frankly I believe the north span was never safe for loaded trucks.",
     "the north span was never safe for loaded trucks, and we said so in March.", True),
    # the same words in another order
    ("If the report is right, I think it is a scandal for every council in the region.",
     "I think if the report is right it is a scandal for every council in the region.", True),
    # a short sentence inside a long one is chance, not a cut
    ("It was never safe.", "Engineers said the old tunnel was never safe for the heavy freight it carried.",
     False),
    # one theme, other words
    ("The north span was never safe for loaded trucks.",
     "Loaded trucks should not cross any bridge in winter.", False),
])  # fmt: skip
def test_a_sentence_cut_at_another_place_is_shared(a: str, b: str, shared: bool) -> None:
    assert shared_sentence(a, b, StorySettings()) is shared
