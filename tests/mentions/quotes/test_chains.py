"""Source chains and what is not speech, on sentences of our own (fictional people and outlets)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.types import Article, Quote
from quote_analysis import analysed

pytestmark = pytest.mark.slow


def the_quote(article: Article) -> Quote:
    [quote] = article.quotes
    return quote


def via_names(article: Article, quote: Quote) -> list[tuple[str, str]]:
    """Each link as (name, kind), checking that its span is the text it names (or its phrase)."""
    for link in quote.via:
        assert link.name in article.text[link.start:link.end]
    return [(link.name, link.kind) for link in quote.via]


# --- chains: (pattern, text, speaker, via links outermost first) -------------------------------
CHAINS = [
    ("quoted X, speaking on Y, as saying",
     "The Velmar news agency quoted Arvid Lensky, speaking on Channel Nine, as saying that the dam "
     "would open in May.",
     "Arvid Lensky", [("Velmar news agency", "media"), ("Channel Nine", "media")]),
    ("a study by X found", "A study by the Harbor Institute found that rents rose by a third.",
     "Harbor Institute", [("A study", "document")]),
    ("according to emails released by X",
     "According to emails released by the Brinmoor council, the mayor knew about the leak.",
     "Brinmoor council", [("emails", "document")]),
    ("told reporters on a call organised by Y",
     "Tobias Wren told reporters on a conference call hosted by the Calder Transit Authority: "
     "“The line will close.”",
     "Tobias Wren", [("Calder Transit Authority", "organization")]),
    ("X issued a statement saying", "Mara Quillon issued a statement saying the port would stay closed.",
     "Mara Quillon", [("a statement", "document")]),
    ("X posted a video saying", "Kwame Boateng posted a video saying that the vote was rigged.",
     "Kwame Boateng", [("a video", "document")]),
    ("X's remarks", "Oskar Pell's remarks suggested that the club was for sale.",
     "Oskar Pell", [("remarks", "document")]),
]


@pytest.mark.parametrize(("pattern", "text", "speaker", "via"), CHAINS, ids=[c[0] for c in CHAINS])
def test_source_chain(nlp: Language, pattern: str, text: str, speaker: str,
                      via: list[tuple[str, str]]) -> None:
    article = analysed(nlp, text)
    quote = the_quote(article)
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert via_names(article, quote) == via


# --- links beside the verb: an outlet told, a document or a venue spoken in ---------------------
LINKS_BESIDE_THE_VERB = [
    ("told an outlet", "Mayor Lena Ostrova told Velmar News that the bridge would reopen in March.",
     "Lena Ostrova", [("Velmar News", "media")]),
    ("told a newspaper", "“We are not giving up,” Lena Ostrova told the Harbor Courier on Tuesday.",
     "Lena Ostrova", [("Harbor Courier", "media")]),
    ("said in a statement", "Senator Paul Brandt said in a statement that the vote was a disgrace.",
     "Paul Brandt", [("a statement", "document")]),
    ("said at a briefing", "“The numbers are clear,” Tobias Wren said at a press briefing on Monday.",
     "Tobias Wren", [("a press briefing", "media")]),
    ("according to an outlet, X said",
     "According to the Valley Times, spokesman Tom Reyes said the plant would close.",
     "Tom Reyes", [("Valley Times", "media")]),
    ("X said, according to an outlet",
     "“It is over,” Tobias Wren told reporters, according to the Velmar Times.",
     "Tobias Wren", [("Velmar Times", "media")]),
    ("said via a platform", "Mayor Carl Mendez said Friday via Twitter that the fee was only $2 million.",
     "Carl Mendez", [("Twitter", "media")]),
    ("said, sharing it on a platform", "“Oh dear,” Senator Tom Greer said, sharing the clip on Twitter.",
     "Tom Greer", [("Twitter", "media")]),
    ("according to a tally by X",
     "Towns have passed more than 30 new fees, according to a tally by the Kessler Institute.",
     "Kessler Institute", [("a tally", "document")]),
    ("the outlet's writer", "“The port will grow,” writes the Gazette's Nora Vale.",
     "Nora Vale", [("Gazette", "media")]),
    ("X published a story alleging", "Velmar Network published and retracted a story alleging that "
     "the mayor had lied.", "Velmar Network", [("a story", "document")]),
    ("X, which published a story alleging", "Charlie Wren asked about Velmar Network, which "
     "recently published and retracted a story alleging that the council had lied.",
     "Velmar Network", [("a story", "document")]),
    ("X aired anger, issuing posts", "Mayor Dana Whitby aired her anger on Wednesday, issuing a "
     "series of tweets calling out the “greed of big landlords.”", "Dana Whitby", [("tweets", "document")]),
]


@pytest.mark.parametrize(("pattern", "text", "speaker", "via"), LINKS_BESIDE_THE_VERB,
                         ids=[c[0] for c in LINKS_BESIDE_THE_VERB])
def test_links_beside_the_verb(nlp: Language, pattern: str, text: str, speaker: str,
                               via: list[tuple[str, str]]) -> None:
    article = analysed(nlp, text)
    quote = the_quote(article)
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert via_names(article, quote) == via


def test_a_second_verb_is_said_in_the_first_ones_document(nlp: Language) -> None:
    text = ("In her remarks, Dana Whitby said she had pressed the council, and noted that she and "
            "the mayor had already agreed on a budget.")
    article = analysed(nlp, text)
    assert [via_names(article, q) for q in article.quotes] == [[("her remarks", "document")]] * 2


def test_it_also_said_goes_on_with_the_document(nlp: Language) -> None:
    text = ("A Harbor Authority planning memo released in March said the fair would feature a "
            "parade. It also said there would be no trucks at the fair.")
    article = analysed(nlp, text)
    assert len(article.quotes) == 2
    for quote in article.quotes:
        assert quote.speaker is not None and quote.speaker.name == "Harbor Authority"
        assert via_names(article, quote) == [("A Harbor Authority planning memo", "document")]


def test_a_document_with_no_owner_is_the_link_of_an_unknown_speaker(nlp: Language) -> None:
    article = analysed(nlp, "The council approved the plan, according to the lawsuit.")
    quote = the_quote(article)
    assert quote.speaker is not None and quote.speaker.kind == "unknown"
    assert via_names(article, quote) == [("the lawsuit", "document")]


def test_the_name_inside_a_title_speaks(nlp: Language) -> None:
    text = "“We had no part in it,” the paper's Editor in Chief Tom Greer said in a statement."
    quote = the_quote(analysed(nlp, text))
    assert quote.speaker is not None and quote.speaker.name == "Tom Greer"
    assert quote.speaker.role is not None and "Editor in Chief" in quote.speaker.role


@pytest.mark.parametrize("text", [
    "Tobias Wren told reporters that the line would close.",
    "Tobias Wren told Congress that the line would close.",
    "Tobias Wren told Lina Sorel that the line would close.",
], ids=["reporters", "a legislature", "a person"])
def test_a_hearer_that_is_no_outlet_is_no_link(nlp: Language, text: str) -> None:
    assert the_quote(analysed(nlp, text)).via == ()


def test_a_source_inside_the_reported_words_stays_theirs(nlp: Language) -> None:
    text = "Velmar News reports that rents rose by a third, according to the Harbor Institute."
    quotes = analysed(nlp, text).quotes
    assert quotes and all(not any(v.name == "Harbor Institute" for v in q.via) for q in quotes)


def test_a_document_with_no_owner_is_an_unknown_speaker(nlp: Language) -> None:
    quote = the_quote(analysed(nlp, "Reports said that the ferry had sunk near Port Adley."))
    assert quote.speaker is not None and quote.speaker.kind == "unknown"
    assert quote.speaker.name == "Reports"


def test_the_appositive_name_speaks_and_the_descriptor_is_its_role(nlp: Language) -> None:
    text = "The club's manager, Oskar Pell, said the team would not sell its striker."
    quote = the_quote(analysed(nlp, text))
    assert quote.speaker is not None and quote.speaker.name == "Oskar Pell"
    assert quote.speaker.role == "The club's manager"
    assert text[quote.speaker.start:quote.speaker.end] == "Oskar Pell"


def test_a_place_after_said_is_no_medium(nlp: Language) -> None:
    quote = the_quote(analysed(nlp, "Tobias Wren said in Karsk on Monday that the line would close."))
    assert quote.via == ()


# --- not speech --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Police found him lying in the road near the harbour.",
    "Neighbours heard him shouting at the ferry crew.",
    "A reporter asked Mara Quillon whether the port would reopen.",
    "Tobias Wren met the ferry crew on Monday, suggesting that a deal was close.",
    "The harbour closed early, which means that the fish market will lose money.",
], ids=["found him lying", "heard him shouting", "asked X whether", "suggesting that", "which means"])
def test_not_speech(nlp: Language, text: str) -> None:
    assert analysed(nlp, text).quotes == []


def test_a_question_put_to_the_speaker_is_not_their_words(nlp: Language) -> None:
    text = "Asked whether the port would reopen, Mara Quillon said: “Not this year.”"
    quote = the_quote(analysed(nlp, text))
    assert quote.kind == "direct" and quote.text == "Not this year."


def test_a_finding_of_a_study_is_still_reported(nlp: Language) -> None:
    text = "One study found the mayor would raise taxes on ten thousand families."
    quote = the_quote(analysed(nlp, text))
    assert quote.kind == "indirect" and quote.text.startswith("the mayor would raise")


def test_suggesting_after_a_reporting_verb_goes_on_with_the_speaker(nlp: Language) -> None:
    text = "Sunita Rao complained about the ferry, suggesting that the crew had been careless."
    quotes = analysed(nlp, text).quotes
    assert any(q.cue == "suggesting" and q.speaker is not None and q.speaker.name == "Sunita Rao"
               for q in quotes)


def test_it_also_quoted_him_goes_on_with_the_earlier_chain(nlp: Language) -> None:
    text = ("Velmar News quoted remarks made by Arvid Lensky in an appearance on Channel Nine after "
            "the summit. It also quoted him as saying the port “has a great deal to offer” in trade.")
    article = analysed(nlp, text)
    [quote] = article.quotes
    assert quote.speaker is not None and quote.speaker.name == "Arvid Lensky"
    assert via_names(article, quote) == [("Velmar News", "media"), ("Channel Nine", "media")]


def test_a_question_from_reporters_is_cut_from_the_answer(nlp: Language) -> None:
    text = ("Arvid Lensky also answered “We will talk about everything” because “there is time” "
            "when asked by reporters whether the dam would be on the agenda.")
    quotes = analysed(nlp, text).quotes
    assert quotes and all("agenda" not in q.text and "reporters" not in q.text for q in quotes)


def test_the_writers_inference_is_cut_from_reported_speech(nlp: Language) -> None:
    text = ("Arvid Lensky said he means to help the port with its new cranes, "
            "suggesting that a deal was close.")
    [quote] = analysed(nlp, text).quotes
    assert quote.text == "he means to help the port with its new cranes"


@pytest.mark.parametrize("text", [
    "A video released by Velmar News showed Arvid Lensky shaking hands with the mayor.",
    "Lensky's remarks at the dinner are being read as signaling that the port will be sold.",
], ids=["a video showed X doing", "remarks read as signaling"])
def test_pictures_and_readings_are_not_speech(nlp: Language, text: str) -> None:
    assert analysed(nlp, text).quotes == []
