"""Who a pronoun or a description at a cue is, and the chain it keeps, on sentences of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from quote_analysis import analysed

pytestmark = pytest.mark.slow


def test_they_is_the_institution_its_sentence_made_the_subject(nlp: Language) -> None:
    text = ("The Karsk Tribune endorsed the plan. Velmar's campaign is seeking to contrast her "
            "plan with what they call the mayor's “selfish message.”")
    [quote] = analysed(nlp, text).quotes
    assert quote.speaker is not None and quote.speaker.name == "Velmar's campaign"
    assert text[quote.speaker.start:quote.speaker.end] == "they"


def test_a_subject_that_only_describes_leaves_they_to_the_organisation_named(nlp: Language) -> None:
    text = ("The Harbor Union and the Karsk Riders Club won a ruling in March. The two groups have "
            "filed suits in Velmar, they said in a statement on Friday.")
    quotes = analysed(nlp, text).quotes
    assert quotes and all(q.speaker is not None and q.speaker.name != "The two groups" for q in quotes)


def test_a_paragraph_goes_on_quoting_the_same_statement(nlp: Language) -> None:
    text = ("Dana Whitby said in a statement that the port would stay open. “We will not close "
            "it,” Whitby added.\n\n“Fares will rise,” Whitby said on Tuesday.")
    article = analysed(nlp, text)
    assert [[v.name for v in q.via] for q in article.quotes] == [["a statement"], ["a statement"], []]
