"""The cast of an article: names, shortened names, shared surnames, pronouns, descriptions, roles.

Pure cases build a ``Cast`` by hand; the others read fictional sentences with the real model.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.mentions.quotes.cast import Cast, clean_name, name_parts, role_words, same_person
from crosswire.mentions.quotes.stage import add_quotes
from crosswire.nlp import add_mentions, add_sentences
from crosswire.types import Article


@pytest.mark.parametrize(("short", "full", "same"), [
    ("Kim", "Kim Jong-sik", True),  # a Korean surname comes first
    ("Varga", "Elias Varga", True),  # a Western one last
    ("Kim Jong Sik", "Kim Jong-sik", True),  # hyphen or not
    ("Donald Trask", "Donald J. Trask", True),  # a middle initial dropped
    ("Kim Dae-ho", "Kim Jong-sik", False),
    ("Elias", "Elias Varga", True),
    ("Varga", "Anna Vargas", False),
])
def test_same_person(short: str, full: str, same: bool) -> None:
    assert same_person(name_parts(short), name_parts(full)) is same


@pytest.mark.parametrize(("text", "name"), [
    ("Varga’s", "Varga"), ("Kim's", "Kim"), ("― Kwame Boateng", "Kwame Boateng"), ("Hill,", "Hill"),
])
def test_clean_name(text: str, name: str) -> None:
    assert clean_name(text) == name


def test_role_words_know_synonyms_and_places() -> None:
    words = role_words("Kremlin press secretary")
    assert "spokesperson" in words and "kremlin" in words
    assert "russia" in role_words("Russian President")


def test_a_demonym_and_its_place_of_two_words_match() -> None:
    # the lexicon names places as the gazetteer does: "American" is the United States
    assert "united states" in role_words("American ambassador")
    assert "united states" in role_words("United States ambassador")


def _cast() -> Cast:
    """A leader and an analyst sharing a surname, then a spokeswoman, in one article."""
    cast = Cast(paragraph_starts=[0, 100, 200, 300])
    leader = cast.introduce("Kim Jong-sik", 10)
    cast.note_mention(leader, 10, 22, subject=True, quoted=False)
    leader.give_role("Velmar leader", 0, 13)
    analyst = cast.introduce("Kim Dae-ho", 110)
    cast.note_mention(analyst, 110, 120, subject=True, quoted=False)
    analyst.give_role("a professor at Karsk University", 122, 153)
    spokeswoman = cast.introduce("Sunita Rao", 210)
    cast.note_mention(spokeswoman, 210, 220, subject=True, quoted=False)
    spokeswoman.give_role("the port spokeswoman", 222, 242)
    return cast


def test_introduce_merges_a_short_name_into_the_full_one() -> None:
    cast = Cast([0])
    headline = cast.introduce("Varga", 0)
    full = cast.introduce("Elias Varga", 50)
    assert full is headline and full.name == "Elias Varga"
    assert cast.introduce("Varga", 90) is full


def test_shared_surname_follows_the_press_cue() -> None:
    cast = _cast()
    kim_jong_sik = cast.person_named("Kim Jong-sik", 400)
    assert kim_jong_sik is not None
    cast.note_mention(kim_jong_sik, 350, 361, subject=False, quoted=False)  # the leader, latest
    told_paper = cast.person_named("Kim", 400, to_press=True)
    plain = cast.person_named("Kim", 400)
    assert told_paper is not None and told_paper.name == "Kim Dae-ho"
    assert plain is not None and plain.name == "Kim Jong-sik"  # no cue: the latest mentioned


def test_shared_surname_prefers_who_already_spoke() -> None:
    cast = _cast()
    analyst = cast.person_named("Kim Dae-ho", 150)
    assert analyst is not None
    cast.note_speech(analyst, 150, to_press=False)
    chosen = cast.person_named("Kim", 400)
    assert chosen is analyst


def test_pronoun_goes_to_the_speaker_of_that_gender() -> None:
    cast = _cast()
    analyst, spokeswoman = cast.people[1], cast.people[2]
    analyst.gender = "male"  # as "Mr. Kim" would have told
    cast.note_speech(analyst, 230, to_press=True)  # the analyst spoke after she was named
    assert spokeswoman.gender == "female"  # from "spokeswoman"
    assert cast.person_for_pronoun("female", 240) is spokeswoman
    assert cast.person_for_pronoun("male", 240) is analyst


def test_pronoun_moves_on_with_a_new_paragraph_subject() -> None:
    cast = _cast()
    leader, analyst = cast.people[0], cast.people[1]
    cast.note_speech(analyst, 130, to_press=False)
    cast.note_mention(leader, 305, 317, subject=True, quoted=False)  # next paragraphs: the leader
    assert cast.person_for_pronoun("male", 150) is analyst
    assert cast.person_for_pronoun("male", 330) is leader


def test_description_finds_the_role() -> None:
    cast = _cast()
    found = cast.person_described(["the", "velmar", "leader"], "leader", 400)
    assert found is not None and found.name == "Kim Jong-sik"
    found = cast.person_described(["the", "professor"], "professor", 400)
    assert found is not None and found.name == "Kim Dae-ho"
    assert cast.person_described(["the", "mayor"], "mayor", 400) is None


# --- with the model -------------------------------------------------------------------------
def analysed(nlp: Language, text: str) -> Article:
    article = Article(id="t", text=text, source="test")
    with nlp.memory_zone():
        doc = nlp(text)
        for stage in (add_sentences, add_mentions, add_quotes):
            stage(doc, article)
    return article


@pytest.mark.slow
def test_canonical_names_of_person_mentions(nlp: Language) -> None:
    text = ("Mayor Tobias Wren opened the ferry terminal in Port Adley on Monday. "
            "Wren said the terminal would serve 2,000 passengers a day. "
            "Critics of Wren’s plan gathered outside.")
    article = analysed(nlp, text)
    persons = {m.text: m.canonical for m in article.mentions if m.label == "PERSON"}
    assert persons.get("Wren") == "Tobias Wren"
    assert all(c == "Tobias Wren" for c in persons.values())
    assert all(m.canonical is None for m in article.mentions if m.label != "PERSON")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "role"), [
    ("Hugh Hill, a doctor, said the clinic would close.", "a doctor"),
    ("Kremlin-style press secretary Dmitry Ostrov said the visit was planned.", "press secretary"),
    ("Ostranian President Elias Varga said the talks were useful.", "Ostranian President"),
])
def test_role_given_at_introduction(nlp: Language, text: str, role: str) -> None:
    [quote] = analysed(nlp, text).quotes
    assert quote.speaker is not None and quote.speaker.role is not None
    assert quote.speaker.role.endswith(role)
    assert text[quote.speaker.role_start:quote.speaker.role_end] == quote.speaker.role
