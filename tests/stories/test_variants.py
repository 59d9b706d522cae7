"""Quote variants whose speakers do not match: the same words (or a cut of them) in two
outlets are one utterance even when one outlet names no speaker; a few shared words are not;
one sentence cut at two places is shared."""

from __future__ import annotations

import pytest

from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import quote_variants, same_speaker, shared_sentence
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


def _said(outlet: str, words: str, speaker: Speaker, indirect: bool = False) -> Article:
    article = _quoting(outlet, words, speaker)
    quote = article.quotes[0]
    article.quotes = [Quote(quote.text, quote.start, quote.end, "indirect" if indirect else "direct",
                            quote.cue, speaker)]
    return article


def _person(name: str, entity_id: str) -> Speaker:
    return Speaker(name, entity_id, None, "person")


BRANDT = Speaker("Lena Brandt", "E-b", None, "person")
WHOLE = "This toll plan is a reckless gamble with the savings of every commuter in the valley"


@pytest.mark.parametrize(("a", "b", "speaker_b", "linked"), [
    # a phrase of one speaker's sentence, quoted by another outlet: a cut of it
    (WHOLE, "reckless gamble", BRANDT, True),
    # the same, inflected otherwise ("gambles")
    (WHOLE, "reckless gambles", BRANDT, True),
    # one word in common is chance, even from one speaker
    (WHOLE, "reckless", BRANDT, False),
    # the phrase from someone else is someone else's
    (WHOLE, "reckless gamble", Speaker("Tomas Vey", "E-v", None, "person"), False),
])  # fmt: skip
def test_a_phrase_of_one_speakers_sentence_is_a_cut_of_it(a: str, b: str, speaker_b: Speaker,
                                                          linked: bool) -> None:
    found = quote_variants([_said("One", a, BRANDT), _said("Two", b, speaker_b)])
    assert [v.kind for v in found] == (["truncated"] if linked else [])


def test_two_paraphrases_of_one_speaker_are_no_rendering_of_her_words() -> None:
    said = "the toll plan would be dropped before the vote on the valley budget next month"
    story = [_said("One", said, BRANDT, indirect=True), _said("Two", said, BRANDT, indirect=True)]
    assert quote_variants(story) == []
    assert len(quote_variants([_said("One", said, BRANDT), _said("Two", said, BRANDT)])) == 1


@pytest.mark.parametrize(("a", "b", "same"), [
    # two entities (resolution links a bare surname only when sure): one speaker in a story
    (_person("Okafor-Reyes", "E-1"), _person("Dana Okafor-Reyes", "E-2"), True),
    # one first name, two surnames: two people
    (_person("Dana Okafor-Reyes", "E-2"), _person("Dana Lindqvist", "E-3"), False),
    # two full names ending alike are two entities resolution chose to keep apart
    (_person("Dana Okafor", "E-2"), _person("Ruth Okafor", "E-4"), False),
])  # fmt: skip
def test_a_surname_alone_names_the_speaker_resolution_kept_apart(a: Speaker, b: Speaker, same: bool) -> None:
    words = "We will not reopen the depot until the inspectors sign it off"
    assert same_speaker(_said("One", words, a).quotes[0], _said("Two", words, b).quotes[0]) is same
