"""Boundary repairs across spaCy's mentions (``joins``) and the short forms of names given in
full (``repeats``). Sentences and names are our own; spaCy's mentions are written by hand
(as ``test_entities`` does) so that a model update cannot hide a rule."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.mentions.entities.joins import (
    abbreviation_runs,
    headline_cuts,
    hyphen_splits,
    org_of_place,
    party_states,
    possessive_splits,
    slashed,
    unglued,
    without_trailing_words,
)
from crosswire.mentions.entities.repeats import publication_short_forms, with_repeated_surnames
from crosswire.mentions.entities.stage import clean_mentions
from crosswire.types import Article, Mention


def _mentions(text: str, tagged: list[tuple[str, str]]) -> list[Mention]:
    mentions, at = [], 0
    for name, label in tagged:
        start = text.index(name, at)
        mentions.append(Mention(name, start, start + len(name), label))
        at = start + len(name)
    return mentions


def _spans(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return sorted(((m.text, m.label) for m in mentions), key=lambda pair: text.index(pair[0]))


def test_an_organisation_of_a_place_is_one_organisation() -> None:
    text = "The CLDF of Nevada sued, and Nevada answered."
    found = org_of_place(text, _mentions(text, [("CLDF", "ORG"), ("Nevada", "GPE"), ("Nevada", "GPE")]))
    assert ("CLDF of Nevada", "ORG") in _spans(text, found)
    assert sum(m.text == "Nevada" for m in found) == 1  # the state itself stays a place


def test_an_organisation_and_a_place_on_two_lines_stay_apart() -> None:
    text = "Velmar Bank of\nNevada"
    found = org_of_place(text, _mentions(text, [("Velmar Bank", "ORG"), ("Nevada", "GPE")]))
    assert len(found) == 2


def test_a_glued_caption_is_cut_and_a_repeated_full_name_made_two_mentions() -> None:
    text = "President Brenk Ada Lynn BrenkGOP senators balk at the plan."
    found = unglued(text, _mentions(text, [("Brenk Ada", "PERSON"), ("Lynn BrenkGOP", "PERSON")]))
    assert _spans(text, found) == [("Brenk", "PERSON"), ("Ada Lynn Brenk", "PERSON")]


@pytest.mark.parametrize("name", ["Ada McAdams", "Lio DeVries", "Tomás Erevan"])
def test_names_with_inner_capitals_are_not_glue(name: str) -> None:
    text = f"Yesterday {name} spoke."
    assert _spans(text, unglued(text, _mentions(text, [(name, "PERSON")]))) == [(name, "PERSON")]


def test_an_abbreviation_run_into_a_surname_is_two_mentions() -> None:
    text = "Odile Brisk was named envoy to the U.N. Brisk was an aide before."
    tagged = [("Odile Brisk", "PERSON"), ("U.N. Brisk", "ORG")]
    found = abbreviation_runs(text, _mentions(text, tagged))
    assert ("U.N.", "ORG") in _spans(text, found) and ("Brisk", "PERSON") in _spans(text, found)


def test_an_abbreviation_before_an_unknown_word_is_left_alone() -> None:
    text = "He joined the U.S. Navy in 1990."
    assert len(abbreviation_runs(text, _mentions(text, [("U.S. Navy", "ORG")]))) == 1


def test_a_possessive_inside_a_name_splits_two_known_names() -> None:
    text = "Velmar News reported it. Velmar News' Ada Brenk asked the first question."
    tagged = [("Velmar News", "ORG"), ("Velmar News' Ada Brenk", "ORG")]
    found = possessive_splits(text, _mentions(text, tagged))
    assert ("Ada Brenk", "PERSON") in _spans(text, found)


def test_a_possessive_before_a_head_word_stays_one_name() -> None:
    text = "Tolley's said so. Tolley's Investors Service cut the rating."
    tagged = [("Tolley", "ORG"), ("Tolley's Investors Service", "ORG")]
    found = possessive_splits(text, _mentions(text, tagged))
    assert ("Tolley's Investors Service", "ORG") in _spans(text, found)


def test_a_headline_name_is_cut_into_the_names_the_body_uses() -> None:
    text = "Brisk Picks Velmar Bank Chief For The Board\n\nOdile Brisk named a chief of Velmar Bank."
    tagged = [("Brisk Picks Velmar Bank Chief", "ORG"), ("Odile Brisk", "PERSON"), ("Velmar Bank", "ORG")]
    found = headline_cuts(text, _mentions(text, tagged))
    # "Brisk" alone is not named in the body (only "Odile Brisk"): only the bank is kept.
    assert [(m.text, m.label) for m in found if m.start < 40] == [("Velmar Bank", "ORG")]


def test_a_headline_committee_keeps_its_head_word() -> None:
    text = "Velmar Committee Meets Again Today\n\nThe hearing in Velmar went on."
    tagged = [("Velmar Committee", "ORG"), ("Velmar", "GPE")]
    assert ("Velmar Committee", "ORG") in _spans(text, headline_cuts(text, _mentions(text, tagged)))


def test_bare_surnames_spacy_missed_become_mentions(nlp: Language) -> None:
    text = ("The governor named Odile Brisk as her deputy on Monday. Critics of Brisk said the "
            "choice was rushed, and the wheat harvest was ignored.")
    mentions = _mentions(text, [("Odile Brisk", "PERSON")])
    found = with_repeated_surnames(nlp(text), text, mentions)
    assert [(m.text, m.label) for m in found] == [("Odile Brisk", "PERSON"), ("Brisk", "PERSON")]


def test_a_surname_inside_another_name_is_not_a_mention(nlp: Language) -> None:
    text = "Odile Brisk spoke at Brisk Hall on Monday, a reporter said."
    mentions = _mentions(text, [("Odile Brisk", "PERSON")])
    assert len(with_repeated_surnames(nlp(text), text, mentions)) == 1


def test_a_publication_short_form_stands_for_its_full_name() -> None:
    text = "The Velmar Gazette first reported it; the Gazette later added details."
    mentions = _mentions(text, [("Velmar Gazette", "ORG"), ("Gazette", "PERSON")])
    publication_short_forms(mentions)
    assert (mentions[1].canonical, mentions[1].label) == ("Velmar Gazette", "ORG")


def test_two_publications_ending_alike_leave_the_short_form_alone() -> None:
    text = "The Velmar Times and the Ostrania Times differ; the Times did not say which."
    mentions = _mentions(text, [("Velmar Times", "ORG"), ("Ostrania Times", "ORG"), ("Times", "ORG")])
    publication_short_forms(mentions)
    assert mentions[2].canonical is None


def test_the_stage_repairs_and_propagates(nlp: Language) -> None:
    text = ("Ada Lynn Brenk, a senator, met the CLDF of Nevada on Monday. Reporters asked whether "
            "Brenk would run again.")
    mentions = _mentions(text, [("Ada Lynn Brenk", "PERSON"), ("CLDF", "ORG"), ("Nevada", "GPE")])
    article = Article(id="t", text=text, source="t", mentions=mentions, language="en")
    clean_mentions(nlp(text), article, model=False)
    found = _spans(text, article.mentions)
    assert ("CLDF of Nevada", "ORG") in found
    assert ("Brenk", "PERSON") in found


def test_a_credit_line_run_together_over_slashes_is_one_mention_a_part() -> None:
    text = "caption Ada Brenk / U.N. /VNA /Kestrel Images"
    found = slashed(text, _mentions(text, [("U.N. /VNA /Kestrel Images", "ORG")]))
    assert [m.text for m in found] == ["U.N.", "VNA", "Kestrel Images"]


@pytest.mark.parametrize(("text", "state"), [
    ("said Sen. Ada Brenk (D-N.M.) on Monday.", "N.M."),
    ("Rep. Odile Brisk, R-Texas, said so.", "Texas"),
    ("Rep. Odile Brisk, R-N.M. told the panel.", "N.M."),
])
def test_a_party_tag_names_a_state(text: str, state: str) -> None:
    tag = text[text.index(state) - 2:text.index(state) + len(state)]
    found = party_states(text, _mentions(text, [(tag, "PERSON")]))
    assert [(m.text, m.label) for m in found] == [(state, "GPE")]


def test_d_day_is_no_party_tag() -> None:
    assert party_states("Veterans marked D-Day in June.", []) == []


def test_two_names_at_a_hyphen_are_two_mentions() -> None:
    text = "Brenk spoke. Quillon answered. The Brenk-Quillon talks ended."
    tagged = [("Brenk", "PERSON"), ("Quillon", "PERSON"), ("Brenk-Quillon", "ORG")]
    found = hyphen_splits(text, _mentions(text, tagged))
    assert [(m.text, m.label) for m in found][2:] == [("Brenk", "PERSON"), ("Quillon", "PERSON")]


def test_a_hyphenated_company_stays_whole() -> None:
    text = "Tolley-Vance cars sold well; Vance said so."
    tagged = [("Tolley-Vance", "ORG"), ("Vance", "PERSON")]
    assert _spans(text, hyphen_splits(text, _mentions(text, tagged)))[0] == ("Tolley-Vance", "ORG")


@pytest.mark.parametrize(("tagged", "name"), [
    ("Velmar Institute criminal justice reform group", "Velmar Institute"),
    ("Velmar Institute’s 2016", "Velmar Institute"),
    ("Department of Velmar Affairs", "Department of Velmar Affairs"),  # small words stay
])
def test_a_name_ends_before_the_sentence_words(tagged: str, name: str) -> None:
    text = f"A report by the {tagged} said so."
    found = without_trailing_words(text, _mentions(text, [(tagged, "ORG")]))
    assert [m.text for m in found] == [name]


def test_a_surname_in_a_title_case_headline_is_read_when_never_a_word(nlp: Language) -> None:
    text = "Brisk Names New Chief Of Staff Today\n\nOdile Brisk named a chief on Monday."
    mentions = _mentions(text, [("Odile Brisk", "PERSON")])
    found = with_repeated_surnames(nlp(text), text, mentions)
    assert ("Brisk", 0) in {(m.text, m.start) for m in found}


@pytest.mark.parametrize(("org", "place"), [
    ("Tolley Motor Corp", "Nevada"),     # a company from a place
    ("Velmar United", "Nevada"),        # a club: no head word of chapters
    ("CLDF", "France"),                 # a country: where it is from
])
def test_an_organisation_from_a_place_stays_apart(org: str, place: str) -> None:
    text = f"Shares of {org} of {place} rose."
    found = org_of_place(text, _mentions(text, [(org, "ORG"), (place, "GPE")]))
    assert len(found) == 2


def test_two_names_of_several_words_at_a_hyphen_are_two_mentions() -> None:
    text = "A Velmar Post-Ostrania School poll found it."
    found = hyphen_splits(text, _mentions(text, [("Velmar Post-Ostrania School", "ORG")]))
    assert [(m.text, m.label) for m in found] == [("Velmar Post", "ORG"), ("Ostrania School", "ORG")]


def test_a_name_glued_after_a_persons_word_is_cut_in_any_name() -> None:
    text = "Counsel Ada Quillon said so. Lynn QuillonSpeaks out again, a site wrote."
    found = unglued(text, _mentions(text, [("Ada Quillon", "PERSON"), ("Lynn QuillonSpeaks", "ORG")]))
    assert ("Lynn Quillon", "ORG") in _spans(text, found)


def test_a_companys_own_capitals_are_no_glue() -> None:
    text = "Shares of BlackHarbor fell; Ada Black said so."
    found = unglued(text, _mentions(text, [("BlackHarbor", "ORG"), ("Ada Black", "PERSON")]))
    assert ("BlackHarbor", "ORG") in _spans(text, found)


def test_a_surname_after_a_sentences_first_word_is_read(nlp: Language) -> None:
    text = "Odile Brisk opposed the plan on Monday. Like Brisk, the mayor voted against it."
    found = with_repeated_surnames(nlp(text), text, _mentions(text, [("Odile Brisk", "PERSON")]))
    assert [m.text for m in found] == ["Odile Brisk", "Brisk"]
