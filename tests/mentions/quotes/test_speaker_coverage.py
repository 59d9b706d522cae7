"""Quotes whose speaker the article tells without a cue of their own (issue #23, round 2).

Sentences of our own (fictional people and places); the parse is the real small model.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.types import Article, Quote
from quote_analysis import analysed

pytestmark = pytest.mark.slow


def direct(article: Article) -> list[Quote]:
    return [q for q in article.quotes if q.kind == "direct"]


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


def test_doubled_apostrophes_going_on_after_the_cue_are_the_same_utterance(nlp: Language) -> None:
    # The small model leaves the second opening mark at the end of "he said." (a sentence
    # of its own): the quote still opens its sentence and goes on with the same speaker.
    text = ("Mr. Ostrow warned that the canal would not be ready.\n\n"
            "''A new lock alone will not fix the harbour,'' he said. ''It won't bring back the ferries.''")
    [quote] = direct(analysed(nlp, text))
    assert speaker_name(quote) == "Ostrow"
    assert [text[a:b] for a, b in quote.parts][-1] == "It won't bring back the ferries."


@pytest.mark.parametrize(("text", "name"), [
    ("Critics call the plan rushed. As Imogen Thale, a geologist at the Calder institute, "
     "recently put it, “Nobody has tested the soil.”", "Imogen Thale"),
    ("As Mr. Wren put it in a letter to the council, the port is “running out of room.”", "Wren"),
    ("Per Lucia Ferrante, the harbour master, “there is no money left for the ferry.”", "Lucia Ferrante"),
])
def test_as_someone_put_it_and_per_someone_name_the_speaker(nlp: Language, text: str, name: str) -> None:
    [quote] = direct(analysed(nlp, text))
    assert speaker_name(quote) == name


def test_per_a_document_is_its_source(nlp: Language) -> None:
    text = "Members may not vote by proxy “to replace a member of the board,” per the club’s charter."
    [quote] = direct(analysed(nlp, text))
    assert quote.cue == "per" and quote.speaker is not None
    assert text[quote.speaker.start:quote.speaker.end] == "the club’s charter"


def test_put_it_elsewhere_is_no_cue(nlp: Language) -> None:
    text = "Tobias Wren put it on the table and left. Then the clerk read out “the final notice.”"
    assert all(q.cue != "put" for q in analysed(nlp, text).quotes)


@pytest.mark.parametrize("between", ["ADVERTISEMENT", "Related: Storm floods the old harbour"])
def test_a_site_line_between_does_not_break_the_speakers_run(nlp: Language, between: str) -> None:
    text = (f"“We will rebuild the pier,” Desmond Achterberg said.\n\n{between}\n\n"
            "“The money is there, and the divers start in June.”")
    _first, second = direct(analysed(nlp, text))
    assert second.inherited and speaker_name(second) == "Desmond Achterberg"


def test_a_paragraph_of_the_article_between_still_does(nlp: Language) -> None:
    text = ("“We will rebuild the pier,” Desmond Achterberg said.\n\nThe council met twice in May.\n\n"
            "“The money is there, and the divers start in June.”")
    _first, second = direct(analysed(nlp, text))
    assert second.speaker is None


def test_a_quote_opening_a_paragraph_is_the_person_the_paragraph_before_was_about(nlp: Language) -> None:
    text = "Lucia Ferrante has run the harbour for a decade.\n\n“Every winter is worse than the one before.”"
    [quote] = direct(analysed(nlp, text))
    assert quote.inherited and speaker_name(quote) == "Lucia Ferrante"


@pytest.mark.parametrize("text", [
    "The harbour has been losing money for a decade.\n\n“Every winter is worse than the one before.”",
    "Lucia Ferrante has run the harbour for a decade.\n\nThe council met twice in May.\n\n"
    "“Every winter is worse than the one before.”",
])
def test_no_person_just_before_leaves_the_quote_unknown(nlp: Language, text: str) -> None:
    [quote] = direct(analysed(nlp, text))
    assert quote.speaker is None


def test_the_second_of_two_joined_fragments_shares_the_cue(nlp: Language) -> None:
    text = ("Mr. Ostrow spoke for an hour. "
            "Harbour workers, he said, can “sail through any storm” and “mend any net.”")
    quotes = direct(analysed(nlp, text))
    assert [q.text for q in quotes] == ["sail through any storm", "mend any net."]
    assert [speaker_name(q) for q in quotes] == ["Ostrow", "Ostrow"]


def test_joined_terms_no_one_said_stay_scare_quotes(nlp: Language) -> None:
    text = "Mr. Ostrow spoke for an hour. The “old guard” and “new money” both came to the launch."
    assert direct(analysed(nlp, text)) == []


def test_a_quote_whose_marks_overlap_the_one_before_is_no_pair(nlp: Language) -> None:
    # the closing mark of one quote opens the next: no fragment pair, and no index past the doc
    article = analysed(nlp, "“0”\"0")
    assert all(q.start < q.end <= len(article.text) for q in article.quotes)
