"""What is not a quote on news (#23, quote precision), each shape on a sentence of our own:
questions put to someone, the writer's borrowed words in marks, glosses in a "which" clause."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.mentions.quotes.marks import pair_quote_marks
from crosswire.types import Quote
from quote_analysis import analysed

pytestmark = pytest.mark.slow


def said(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker is not None else None) for q in quotes]


HEARING = ("Senator Ana Morrow turned to the nominee.\n\n"
           "“Have you ever argued an appeal?” Morrow asked.\n\n"
           "“I have not,” Dale Pryce said.\n\n"
           "“Civil?”\n\n"
           "“No.”\n\n"
           "“Criminal?”\n\n"
           "“No.”")


def test_a_question_put_at_a_hearing_is_not_a_quote_the_answers_are(nlp: Language) -> None:
    quotes = said(analysed(nlp, HEARING).quotes)
    assert not any(text.endswith("?") for text, _ in quotes)
    assert ("I have not", "Dale Pryce") in quotes
    assert [speaker for _, speaker in quotes] == ["Dale Pryce"] * len(quotes)


def test_a_question_a_speaker_asks_an_audience_stays(nlp: Language) -> None:
    text = ("Lena Ostrova spoke at the harbour on Friday.\n\n"
            "“Who will pay for the new pier?” Ostrova asked. “The town will, as always.”")
    quotes = said(analysed(nlp, text).quotes)
    assert any("Who will pay for the new pier?" in text for text, _ in quotes)


@pytest.mark.parametrize("text", [
    "Volunteers have taken note, organizing “the longest beach clean-up in the history of the coast” to "
    "raise money for the harbour.",
    "Mayors gathered in the old mill for “Harbour Week,” “to share and spread good ideas about ferries.”",
], ids=["borrowed phrase", "a motto after a title"])
def test_words_in_marks_no_one_is_said_to_say_are_not_quotes(nlp: Language, text: str) -> None:
    assert analysed(nlp, text).quotes == []


def test_words_in_marks_inside_reported_speech_are_its_fragment(nlp: Language) -> None:
    text = ("On a radio show, Rao said he had won the vote and that the council should meet more "
            "often because there is “a great deal going on.”")
    quotes = said(analysed(nlp, text).quotes)
    assert any("a great deal going on" in text and speaker == "Rao" for text, speaker in quotes)


@pytest.mark.parametrize("text", [
    "Rao said the ferry would be called Tidewalker, which is Old Norse for “sea strider”.",
    "The inspector went on to write the report, which is often known as the “blue file.”",
], ids=["a gloss", "known as"])
def test_a_term_glossed_in_a_which_clause_is_not_the_speakers(nlp: Language, text: str) -> None:
    assert all(q.kind != "direct" for q in analysed(nlp, text).quotes)


def test_an_epithet_in_a_who_clause_stays_the_speakers(nlp: Language) -> None:
    text = "Rao called Lee a “harbour pirate” who is “utterly without shame,” a “schemer” and a “bully.”"
    texts = [q.text for q in analysed(nlp, text).quotes]
    assert any("utterly without shame" in t for t in texts)


# --- reported speech -------------------------------------------------------------------------


def reported(nlp: Language, text: str) -> list[str]:
    return [q.text for q in analysed(nlp, text).quotes if q.kind in ("indirect", "mixed")]


@pytest.mark.parametrize("text", [
    "The harbour board has refused to set a date for the inquiry.",
    "Rao declined to offer more detail about the talks with the union.",
    "By signing up you agree to receive our ferry timetable by email.",
    "The forecast calls for calm seas on Tuesday.",
    "Lena Ostrova is also pressing for action on her pier bill.",
    "The council leader also called for new ferry laws, which would let towns buy boats.",
    "Union leaders slammed Rao for not bringing the pier bill to a vote.",
    "Rao cited a newly earned bond rating.",
    "The mayor announced a deal to fund three new ferries.",
    "Rao will introduce a bill with Lee to encourage more towns to adopt ferry laws.",
    "A panel of experts will testify on Monday, explaining exactly what counts as a breach of the code.",
    "The clip shows the mayor saying what many people have been thinking.",
    "The lack of rain over the decade shows that the models do not handle the sea well.",
    "For the council to claim the hearing gives Rao a fair chance is a joke.",
    "It is the first step in what promises to be a long fight over the pier.",
    "Thinking of calling it Harbourline, the mayor smiled.",
    "Years ago, harbour planners found it easier to claim the leak did not exist than to fix it.",
    "People who read the report say that the harbour is safe.",
    "Anyone who rides the ferry says it is always late.",
    "And there are times when senators are thinking, as I described, about, is this going to "
    "cost me the vote?",
], ids=["refused to", "declined to", "agree to", "calls for a noun", "pressing for a noun",
        "called for a noun", "slammed X for", "a rating cited", "a deal announced", "a bill's purpose",
        "explaining what", "saying what", "a thing shows", "for X to claim", "promises to be",
        "calling it a name", "found it easier", "generic people", "generic anyone", "a question"])
def test_not_reported_speech(nlp: Language, text: str) -> None:
    assert reported(nlp, text) == []


@pytest.mark.parametrize(("text", "content"), [
    ("Rao called for closing the old pier.", "closing the old pier"),
    ("Both sides agree that the old harbour master was the best the town ever had.",
     "the old harbour master was the best the town ever had"),
    ("Polling showed that voters were unmoved by the hearings.", "voters were unmoved by the hearings"),
    ("Rao said the ferry would run, which is good news for the town.", "the ferry would run"),
    ("Rao chided the board for meeting on a holiday.", "the board for meeting on a holiday"),
    ("Rao denounced the plan as a giveaway to the ferry firm.", "the plan as a giveaway to the ferry firm"),
], ids=["calls for a gerund", "agree that", "polling showed", "said, which", "chided X for",
        "denounced X as"])
def test_still_reported_speech(nlp: Language, text: str, content: str) -> None:
    assert content in " ".join(reported(nlp, text))


@pytest.mark.parametrize(("text", "content"), [
    ("Rao accused the press of being dishonest and floated the idea of a paper of his own.",
     "the press of being dishonest"),
    ("According to harbour officials, the parade would have cost $9 million, which is more than "
     "three times what the town wanted to spend.", "the parade would have cost $9 million"),
], ids=["the cue's own second verb", "a which gloss at the end"])
def test_reported_speech_stops_where_the_speaker_stops(nlp: Language, text: str, content: str) -> None:
    assert reported(nlp, text) == [content]


# --- quotation marks -------------------------------------------------------------------------


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in pair_quote_marks(text)]


def test_curly_marks_inside_a_straight_quote_are_nested() -> None:
    text = ('Rao went on: "Here is the question they asked: “Do you trust the board?” '
            'Forty said yes; fifty said no."')
    assert quoted(text) == ["Here is the question they asked: “Do you trust the board?” "
                            "Forty said yes; fifty said no."]


def test_a_closing_mark_standing_before_an_ellipsis_opens_a_quote() -> None:
    text = "Rao said the words hurt. ” … what I heard from the families is that they felt blamed,” he said."
    assert quoted(text) == ["… what I heard from the families is that they felt blamed"]


def test_a_curly_quote_opening_after_a_word_inside_a_curly_quote_is_nested() -> None:
    text = "Rao replied, “When anyone blames the board, the board shrieks “You are just like Lee!” Fine.”"
    assert quoted(text) == ["When anyone blames the board, the board shrieks “You are just like Lee!” Fine."]


def test_a_curly_quote_opening_a_sentence_inside_a_quote_restarts_it() -> None:
    text = "“We won the vote, Rao said. “We will win the next one.”"
    assert quoted(text)[-1] == "We will win the next one."


def test_a_headline_run_into_a_sentence_reports_nothing(nlp: Language) -> None:
    text = ("Senator Lena Ostrova Lena Maria OstrovaMayor says the ferry will run again in May Council "
            "votes no MORE (D-Vt.) said on Monday that she will bring the ferry bill to a vote.")
    quotes = analysed(nlp, text).quotes
    assert [q.cue for q in quotes] == ["said"]
    assert "she will bring the ferry bill to a vote" in quotes[0].text


def test_a_clause_in_marks_stays_a_quote_even_where_no_one_is_named(nlp: Language) -> None:
    text = "His answer that night was that the town “would pay for every ferry it ever lost.”"
    assert [q.kind for q in analysed(nlp, text).quotes if q.kind == "direct"] == ["direct"]
