"""The quotes stage on sentences of our own (fictional people, places and outlets).

Each case names the pattern it covers; the parse is the real small model, loaded once.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.mentions.quotes.marks import pair_quote_marks
from crosswire.types import Article, Quote
from quote_analysis import analysed

pytestmark = pytest.mark.slow


def only(article: Article, kind: str = "direct") -> list[Quote]:
    return [q for q in article.quotes if q.kind == kind]


def spoken(article: Article, quote: Quote) -> str:
    assert quote.speaker is not None and quote.speaker.start is not None
    return article.text[quote.speaker.start:quote.speaker.end]


# --- direct quotes: (pattern, text, quoted text, speaker name, role) --------------------------
DIRECT = [
    ("inverted 'said X, a Y at Z'",
     "“The bridge will reopen in May,” said Mara Quillon, a senior engineer at the Calder "
     "Transit Authority.",
     "The bridge will reopen in May", "Mara Quillon", "a senior engineer at the Calder Transit Authority"),
    ("straight marks, name first",
     'Desmond Achterberg said: "The harbour is closed until further notice."',
     "The harbour is closed until further notice.", "Desmond Achterberg", None),
    ("apostrophes are not marks",
     "“Velmar’s ports don’t close on Sundays,” said Lucia Ferrante.",
     "Velmar’s ports don’t close on Sundays", "Lucia Ferrante", None),
    ("nested quote stays inside",
     "“They told us ‘wait’ for a week,” said Tobias Wren.",
     "They told us ‘wait’ for a week", "Tobias Wren", None),
    ("fragment governed by a reporting verb",
     "Lucia Ferrante warned of “tight schedules” at the port.",
     "tight schedules", "Lucia Ferrante", None),
    ("title before the name is the role",
     "Port commissioner Rafael Ostrow said: “Nothing moves until the storm passes.”",
     "Nothing moves until the storm passes.", "Rafael Ostrow", "Port commissioner"),
    ("dash signature",
     "“The water is rising faster than last year.” ― Kwame Boateng\n",
     "The water is rising faster than last year.", "Kwame Boateng", None),
    ("two apostrophes as double marks",
     "''The ferry will not sail before Friday,'' said Ilse Varga.",
     "The ferry will not sail before Friday", "Ilse Varga", None),
]


@pytest.mark.parametrize(("pattern", "text", "said", "name", "role"), DIRECT, ids=[c[0] for c in DIRECT])
def test_direct_quote_and_speaker(nlp: Language, pattern: str, text: str, said: str, name: str,
                                  role: str | None) -> None:
    article = analysed(nlp, text)
    [quote] = only(article)
    assert quote.text == said == text[quote.start:quote.end]
    assert quote.speaker is not None and quote.speaker.name == name
    assert quote.speaker.kind == "person"
    assert quote.speaker.role == role
    if role:
        assert text[quote.speaker.role_start:quote.speaker.role_end] == role
    assert quote.cue and text[quote.cue_start:quote.cue_end] == quote.cue


def test_split_quote_is_one_quote_with_two_parts(nlp: Language) -> None:
    # #23: one utterance is one quote (it used to be two records sharing a cue).
    text = "“We will rebuild,” Desmond Achterberg said, “but not this year.”"
    [quote] = only(analysed(nlp, text))
    assert [text[a:b] for a, b in quote.parts] == ["We will rebuild", "but not this year."]
    assert quote.text == "We will rebuild but not this year."
    assert (quote.start, quote.end) == (quote.parts[0][0], quote.parts[-1][1])
    assert quote.speaker is not None and quote.speaker.name == "Desmond Achterberg"
    assert quote.cue == "said"


def test_a_quote_going_on_after_its_attribution_is_the_same_utterance(nlp: Language) -> None:
    text = "“We will rebuild,” Desmond Achterberg said. “The money is there.”"
    [quote] = only(analysed(nlp, text))
    assert [text[a:b] for a, b in quote.parts] == ["We will rebuild", "The money is there."]
    assert quote.speaker is not None and quote.speaker.name == "Desmond Achterberg"


def test_a_split_quote_the_cue_was_not_tied_to_is_still_one_utterance(nlp: Language) -> None:
    text = "“Riders were furious,” The Karsk Gazette reported, “and that anger could sink the plan.”"
    [quote] = only(analysed(nlp, text))
    assert [text[a:b] for a, b in quote.parts] == ["Riders were furious",
                                                   "and that anger could sink the plan."]
    assert quote.speaker is not None and quote.speaker.name == "The Karsk Gazette"


def test_a_new_paragraph_is_a_new_utterance(nlp: Language) -> None:
    article = analysed(nlp, "“We will rebuild,” Desmond Achterberg said.\n\n“The money is there.”")
    assert [q.parts for q in only(article)] == [(), ()]


def test_reported_speech_with_a_quoted_fragment_is_one_mixed_quote(nlp: Language) -> None:
    text = "Sunita Rao said the harbour plan was “reckless and far too expensive” for the town."
    article = analysed(nlp, text)
    [quote] = article.quotes
    assert quote.kind == "mixed" and quote.cue == "said"
    assert [text[a:b] for a, b in quote.fragments] == ["reckless and far too expensive"]
    assert quote.speaker is not None and quote.speaker.name == "Sunita Rao"


def test_quote_over_several_paragraphs_is_one_quote(nlp: Language) -> None:
    text = ("Anika Solberg, a hydrologist, said: “The river has risen for three days.\n\n"
            "“If it rains again, the barrier will not hold.”")
    [quote] = only(analysed(nlp, text))
    assert quote.text.startswith("The river") and quote.text.endswith("will not hold.")
    assert quote.speaker is not None and quote.speaker.name == "Anika Solberg"
    assert quote.speaker.role == "a hydrologist"


def test_unattributed_paragraph_inherits_the_previous_speaker(nlp: Language) -> None:
    article = analysed(nlp, "“We will rebuild,” Desmond Achterberg said.\n\n“The money is there.”")
    first, second = only(article)
    assert not first.inherited and second.inherited and second.cue is None
    assert second.speaker is not None and second.speaker.name == "Desmond Achterberg"


@pytest.mark.parametrize("text", [
    "The “fight against corruption” has filled the prisons of Karsk.",
    "Officials in Brinmoor praised the so-called “reform” on Tuesday.",
    "Mara Quillon appeared on “Harbour Morning” to discuss the ferry.",
    "Critics of the harbour plan want nothing but “the truth.”",
], ids=["scare term", "so-called", "title of a show", "term ending the sentence"])
def test_scare_quotes_and_titles_are_not_quotes(nlp: Language, text: str) -> None:
    assert only(analysed(nlp, text)) == []


def test_odd_number_of_marks_recovers_at_the_paragraph(nlp: Language) -> None:
    text = ("The council said “the vote was rigged and nobody will accept it.\n\n"
            "Tobias Wren, the mayor, said the result stands. “We counted twice,” he said.")
    article = analysed(nlp, text)
    later = [q for q in only(article) if q.text == "We counted twice"]
    assert later and later[0].speaker is not None and later[0].speaker.name == "Tobias Wren"
    assert all("\n" not in q.text for q in only(article))  # the lost mark did not run on


# --- speakers ---------------------------------------------------------------------------------
def test_pronoun_resolves_to_the_speaker(nlp: Language) -> None:
    text = ("Sunita Rao, the port director, said the ferry would resume. "
            "“We have repaired both engines,” she added.")
    [quote] = only(analysed(nlp, text))
    assert quote.speaker is not None and quote.speaker.name == "Sunita Rao"
    assert text[quote.speaker.start:quote.speaker.end] == "she"
    assert quote.speaker.role == "the port director"  # carried from the introduction
    assert quote.cue == "added"


def test_description_resolves_to_the_person_given_that_role(nlp: Language) -> None:
    text = ("Ostranian President Elias Varga met the delegation on Tuesday. "
            "“The talks were useful,” the Ostranian president said.")
    article = analysed(nlp, text)
    [quote] = only(article)
    assert quote.speaker is not None and quote.speaker.name == "Elias Varga"
    assert spoken(article, quote) == "the Ostranian president"
    assert quote.speaker.role == "Ostranian President"


def test_shared_surname_goes_to_the_one_talking_to_the_paper(nlp: Language) -> None:
    text = ("Velmar leader Kim Jong-sik inspected the new dam on Monday, state media said. "
            "Kim Dae-ho, a professor at Karsk University, said the visit was staged.\n\n"
            "“He wanted pictures, not answers,” Kim told The Hollis Bay Ledger.")
    article = analysed(nlp, text)
    [quote] = only(article)
    assert quote.speaker is not None and quote.speaker.name == "Kim Dae-ho"
    assert quote.cue == "told The Hollis Bay Ledger"
    assert quote.speaker.role == "a professor at Karsk University"
    short = [m for m in article.mentions if m.text == "Kim"]
    assert short and short[0].canonical == "Kim Dae-ho"


def test_organisation_and_media_speak(nlp: Language) -> None:
    text = ("The Velmar Interior Ministry closed the border on Monday. The ministry said in a "
            "statement that the crossing would stay shut. State media reported that the launch "
            "had succeeded.")
    ministry, media = only(analysed(nlp, text), "indirect")
    assert ministry.speaker is not None and ministry.speaker.kind == "organization"
    assert ministry.speaker.name == "Velmar Interior Ministry"
    assert media.speaker is not None and media.speaker.kind == "media"
    assert media.speaker.name == "State media"


@pytest.mark.parametrize("agency", ["Kyodo", "Bernama", "Reuters"])
def test_a_news_agency_speaks_as_the_press(nlp: Language, agency: str) -> None:
    # every one-word agency of the lexicon counts, not only those the quote list once named
    [quote] = only(analysed(nlp, f"{agency} reported that the ferry to Brinmoor had sunk."), "indirect")
    assert quote.speaker is not None and quote.speaker.kind == "media"


# --- reported speech: (pattern, text, content, cue, speaker) ----------------------------------
REPORTED = [
    ("X said (that)", "Hugh Hill, a doctor at Brinmoor General, said the clinic would close.",
     "the clinic would close", "said", "Hugh Hill"),
    ("according to X", "According to Kwame Boateng, a spokesman for the harbour authority, the "
     "ships will sail on Friday.", "the ships will sail on Friday", "According to", "Kwame Boateng"),
    ("X told Y that", "Rafael Ostrow told reporters that the budget was final.",
     "that the budget was final", "told reporters", "Rafael Ostrow"),
    ("content first", "The budget is final, Rafael Ostrow said on Friday.",
     "The budget is final", "said", "Rafael Ostrow"),
    ("warned", "Sunita Rao warned that the pier would flood.", "that the pier would flood",
     "warned", "Sunita Rao"),
    ("argued", "Sunita Rao argued that the pier would flood.", "that the pier would flood",
     "argued", "Sunita Rao"),
    ("stressed", "Sunita Rao stressed that the pier would flood.", "that the pier would flood",
     "stressed", "Sunita Rao"),
    ("pointed out", "Sunita Rao pointed out that the pier would flood.",
     "that the pier would flood", "pointed out", "Sunita Rao"),
    ("assessed", "Sunita Rao assessed that the pier would flood.", "that the pier would flood",
     "assessed", "Sunita Rao"),
    ("explained", "Sunita Rao explained that the pier would flood.", "that the pier would flood",
     "explained", "Sunita Rao"),
    ("added", "Sunita Rao added that the pier would flood.", "that the pier would flood",
     "added", "Sunita Rao"),
    # complements of speech verbs (vocab.COMPLEMENT_CUES)
    ("vowed to", "Sunita Rao vowed to rebuild the pier before winter.",
     "to rebuild the pier before winter", "vowed", "Sunita Rao"),
    ("urged X to", "Rafael Ostrow urged the council to approve the budget.",
     "the council to approve the budget", "urged", "Rafael Ostrow"),
    # "called for" a noun phrase names a topic, not words (test_not_quotes): an act is called for
    ("called for", "Mara Quillon called for recounting the harbour ballots.",
     "recounting the harbour ballots", "called", "Mara Quillon"),
    ("called on X to", "Desmond Achterberg called on the ministry to release the ferry logs.",
     "the ministry to release the ferry logs", "called", "Desmond Achterberg"),
    ("accused X of", "Hugh Hill accused the mayor of hiding the flood report.",
     "the mayor of hiding the flood report", "accused", "Hugh Hill"),
    ("described X as", "Lucia Ferrante described the new ferry schedule as a disaster for commuters.",
     "the new ferry schedule as a disaster for commuters", "described", "Lucia Ferrante"),
    ("called X Y", "Tobias Wren called the vote a farce.", "the vote a farce", "called", "Tobias Wren"),
    ("gerund", "Kwame Boateng proposed raising the harbour levy next year.",
     "raising the harbour levy next year", "proposed", "Kwame Boateng"),
    ("participle 'promising to' (not the clause before it)", "The mayor opened the new ferry "
     "terminal, promising to cut fares next spring.", "to cut fares next spring", "promising",
     "The mayor"),
    ("'according to X' between the clause and an adjunct", "The tunnel will reopen on Monday, "
     "according to the harbour authority, after two weeks of repairs.",
     "The tunnel will reopen on Monday", "according to", "harbour authority"),
    ("spoke of", "Hugh Hill spoke of a long winter for the harbour towns.",
     "a long winter for the harbour towns", "spoke", "Hugh Hill"),
    ("noted X that …", "Kwame Boateng noted the delays that stranded commuters.",
     "the delays that stranded commuters", "noted", "Kwame Boateng"),
    ("criticized X that …", "Rafael Ostrow criticized the new toll, which doubles the fare.",
     "the new toll, which doubles the fare", "criticized", "Rafael Ostrow"),
    ("praised X as Y", "Sunita Rao praised the new ferry as a lifeline for the islands.",
     "the new ferry as a lifeline for the islands", "praised", "Sunita Rao"),
    ("blamed X for Y", "Hugh Hill blamed the harbour board for inflating the cost.",
     "the harbour board for inflating the cost", "blamed", "Hugh Hill"),
    # "asked" inside the content that puts no question to the speaker: nothing is cut
    ("a request, not a question", "Hugh Hill said the staff had left the clinic when asked to do "
     "so by the police.", "the staff had left the clinic when asked to do so by the police", "said",
     "Hugh Hill"),
    ("the perfect of ask", "Hugh Hill said the clinic could not open because the council had asked "
     "for more inspections.", "the clinic could not open because the council had asked for more "
     "inspections", "said", "Hugh Hill"),
    # a clause with an object or a conjunction after a comma is no inverted attribution
    ("no inverted 'found'", "Hugh Hill said the clinic was safe, since the inspectors had found "
     "nothing wrong.", "the clinic was safe, since the inspectors had found nothing wrong", "said",
     "Hugh Hill"),
]

def test_attribution_inside_reported_speech_is_one_quote_in_two_parts(nlp: Language) -> None:
    text = "The new bridge, Sunita Rao said, would open in the spring."
    [quote] = only(analysed(nlp, text), "indirect")
    assert [text[a:b] for a, b in quote.parts] == ["The new bridge", "would open in the spring"]
    assert quote.text == "The new bridge would open in the spring"
    assert quote.speaker is not None and quote.speaker.name == "Sunita Rao"


# Not reported speech: wishes, expectations, perception, a passive charge, a call on a day, a
# purpose ("to discuss").
NOT_REPORTED = [
    "Rafael Ostrow wants to rebuild the pier before winter.",
    "Mara Quillon expects the council to approve the budget.",
    "Hugh Hill saw the mayor hiding the flood report.",
    "Sunita Rao was charged with fraud by the harbour authority.",
    "Desmond Achterberg called on Tuesday for the third time.",
    "The council called an emergency meeting to discuss the flooded tunnel.",
    # what was not said: negated, wished or judged, conditional
    "Tobias Wren did not disclose that his brother owned the ferry company.",
    "Mara Quillon is not saying that the tunnel will close.",
    "It is not to say that the harbour plan is doomed.",
    "Rafael Ostrow wants to argue that the budget is too small.",
    "It was easier for the engineers to claim that the cracks were old.",
    "It is hard to explain how the ferry lost so much money.",
    "It’s hard to explain how the ferry lost so much money.",
    "The harbour reopened.\nFERRY THAT HIT THE PIER WAS ON AUTOPILOT, CAPTAIN SAYS\nThe tunnel closed.",
    "The harbour reopened. MAYOR CONFIRMS THE TUNNEL HAS A CRACK, SAYS A REPAIR IS DUE\nIt rained.",
    "A judge who, if confirmed, would serve on the harbour court for life failed the hearing.",
    "Some will say that the ferry is too slow.",
    "Hugh Hill may as well have said that the pier was doomed.",
    # a bare noun phrase after "cited", "criticized": a topic, not words said
    "Sunita Rao cited the harbour audit of last spring.",
    "Rafael Ostrow criticized the new toll on the coastal road.",
    "The mayor announced the inquiry on Tuesday.",
    "The council called the meeting for Tuesday.",
]


@pytest.mark.parametrize(("pattern", "text", "content", "cue", "name"), REPORTED,
                         ids=[c[0] for c in REPORTED])
def test_reported_speech(nlp: Language, pattern: str, text: str, content: str, cue: str,
                         name: str) -> None:
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.text == content and quote.cue == cue
    assert quote.speaker is not None and quote.speaker.name == name


@pytest.mark.parametrize("text", NOT_REPORTED)
def test_not_reported_speech(nlp: Language, text: str) -> None:
    assert only(analysed(nlp, text), "indirect") == []


@pytest.mark.parametrize("text", [
    "Desmond Achterberg took to the radio to say that the ferry would run again.",
    "Sunita Rao went on to say that the levy would rise.",
    "Sunita Rao will say on Monday that the levy will rise.",  # a speech announced: not generic
])
def test_purpose_and_announced_speech_is_still_speech(nlp: Language, text: str) -> None:
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.text.startswith("that the")


# Nouns of something said (vocab.CLAIM_NOUNS): (text, content, speaker)
CLAIMS = [
    ("Reporters asked about the warning by the harbour authority that the tunnel could flood.",
     "that the tunnel could flood", "harbour authority"),
    ("Rafael Ostrow made the promise that fares would fall in the spring.",
     "that fares would fall in the spring", "Rafael Ostrow"),
    ("The council rejected Sunita Rao's claim that the pier was safe.",
     "that the pier was safe", "Sunita Rao"),
]


@pytest.mark.parametrize(("text", "content", "name"), CLAIMS, ids=[c[2] for c in CLAIMS])
def test_reported_speech_in_a_noun_of_something_said(nlp: Language, text: str, content: str,
                                                     name: str) -> None:
    quotes = [q for q in only(analysed(nlp, text), "indirect") if q.text == content]
    assert [q.speaker.name if q.speaker else None for q in quotes] == [name]


def test_according_to_inside_the_clause_is_one_quote_in_two_parts(nlp: Language) -> None:
    text = "The tunnel, according to the harbour authority, will reopen on Monday after repairs."
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.text == "The tunnel will reopen on Monday after repairs" and len(quote.parts) == 2


def test_a_line_opening_with_a_name_and_a_colon_reports_the_rest(nlp: Language) -> None:
    text = "Harbour news\n\nSunita Rao: Harbour tunnel will reopen in May after repairs.\n\nIt shut in March."
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.text == "Harbour tunnel will reopen in May after repairs" and quote.cue == ":"
    assert quote.speaker is not None and quote.speaker.name == "Sunita Rao"


def test_a_colon_inside_a_line_is_no_attribution(nlp: Language) -> None:
    text = "The harbour has one rule for Sunita Rao: the tunnel will reopen in May after repairs."
    assert [q for q in only(analysed(nlp, text), "indirect") if q.cue == ":"] == []


def test_passive_reporting_has_no_speaker(nlp: Language) -> None:
    text = "The harbour master is said to have resigned after the storm."
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.text == "The harbour master to have resigned after the storm"
    assert quote.speaker is None  # the harbour master is what is reported, not who reports it


def test_it_was_announced_that(nlp: Language) -> None:
    text = "It was announced on Friday that the ferry service would end in June."
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.text == "that the ferry service would end in June" and quote.speaker is None


@pytest.mark.parametrize("text", [
    "The harbour master is expected to resign after the storm.",
    "The first paragraph has been clarified to reflect the new schedule.",
    "Mara Quillon thinks the tunnel will reopen on Monday.",
    "Rafael Ostrow believes that fares will fall.",
])
def test_belief_and_other_passives_are_not_reported_speech(nlp: Language, text: str) -> None:
    assert only(analysed(nlp, text), "indirect") == []


def test_a_relative_clause_after_a_claim_is_not_what_was_claimed(nlp: Language) -> None:
    text = "The council rejected the claim that he made at the hearing."
    assert [q.cue for q in only(analysed(nlp, text), "indirect")] == ["rejected"]


def test_appositive_role_of_a_reported_speaker(nlp: Language) -> None:
    text = "Hugh Hill, a doctor at Brinmoor General, said the clinic would close."
    [quote] = only(analysed(nlp, text), "indirect")
    assert quote.speaker is not None and quote.speaker.role == "a doctor at Brinmoor General"


# --- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "", "\n\n   \n", '"' * 400, "“”" * 200, "”“" * 200, "‘’'" * 100,
    "He said “ no " * 300, "“" + "word " * 2000,
], ids=["empty", "blank", "straight marks", "curly pairs", "curly reversed", "singles",
        "unbalanced", "never closed"])
def test_bad_input_never_raises(nlp: Language, text: str) -> None:
    article = analysed(nlp, text)
    for quote in article.quotes:
        if quote.parts:  # one utterance split by its attribution: its words are the parts'
            assert quote.text == " ".join(text[a:b] for a, b in quote.parts)
        else:
            assert text[quote.start:quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("She said ''the dam held'' and left.", ["the dam held"]),
        ("Rao called it ''a gamble.'' (''Not again,'' he added.)", ["a gamble.", "Not again"]),
        ("The players' union said ''no'' to the '90s rules.", ["no"]),
        ("''It rained all week.\n\n''And the dam held,'' Rao said.",
         ["It rained all week.\n\n''And the dam held"]),  # a quote running on over paragraphs
    ],
)
def test_two_apostrophes_pair_as_double_marks(text: str, inside: list[str]) -> None:
    assert [text[q.start:q.end] for q in pair_quote_marks(text)] == inside


def test_mark_pairing_on_ten_thousand_unbalanced_marks() -> None:
    text = "Tobias Wren said “ the plan " * 10_000
    quotes = pair_quote_marks(text)
    assert len(quotes) == 1 and not quotes[0].closed  # openers in a row restart; one is left


def test_mark_pairing_on_a_five_megabyte_paragraph() -> None:
    text = "“" + ("the flood barrier held again " * 180_000)[: 5_000_000]
    [quote] = pair_quote_marks(text)
    assert (quote.start, quote.closed) == (1, False) and quote.end > 4_900_000
