"""The error shapes of issue #23 as general rules, each on a sentence of our own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from crosswire.mentions.quotes import cues
from crosswire.mentions.quotes.marks import transcript_turns
from crosswire.types import Quote
from quote_analysis import analysed

pytestmark = pytest.mark.slow


def named(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker is not None else None


def test_a_new_explicit_source_beats_the_carried_over_speaker(nlp: Language) -> None:
    text = ("“The repairs are finished,” Tobias Wren said.\n\n"
            "“No ship may dock before the inspection,” according to the harbour commission.")
    first, second = analysed(nlp, text).quotes
    assert named(first) == "Tobias Wren"
    assert second.cue == "according to" and not second.inherited
    assert second.speaker is not None and second.speaker.kind == "organization"


@pytest.mark.parametrize(("text", "speaker", "via"), [
    ("Mara Quillon, on social media: “The vote was rigged.”", "Mara Quillon", ["social media"]),
    ("Kwame Boateng swiped at Tobias Wren in a series of posts: “He has never run a port.”",
     "Kwame Boateng", []),
], ids=["NAME, on social media:", "NAME swiped at OTHER in posts:"])
def test_colon_introductions(nlp: Language, text: str, speaker: str, via: list[str]) -> None:
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == speaker
    assert [link.name for link in quote.via] == via


def test_the_dateline_never_speaks(nlp: Language) -> None:
    text = "PORT ADLEY, Ostrania — “We will not sell the ferry,” the harbour board said on Monday."
    [quote] = analysed(nlp, text).quotes
    assert quote.speaker is not None and "Adley" not in quote.speaker.name


def test_a_transcript_in_one_quotation_is_one_quote_per_turn(nlp: Language) -> None:
    text = ("Mara Quillon questioned Tobias Wren at the hearing on Monday.\n\n"
            "“MS. QUILLON: Will the port reopen? MR. WREN: Not this year. MS. QUILLON: Why not?”")
    quotes = analysed(nlp, text).quotes
    assert [(q.text, named(q)) for q in quotes] == [
        ("Will the port reopen?", "Mara Quillon"), ("Not this year.", "Tobias Wren"),
        ("Why not?", "Mara Quillon")]


def test_one_upper_case_label_is_no_transcript(nlp: Language) -> None:
    text = "Tobias Wren said: “HARBOUR: we will build the new pier this year.”"
    assert len(transcript_turns(text, text.index("“") + 1, len(text) - 1)) == 1
    [quote] = analysed(nlp, text).quotes
    assert quote.text.startswith("HARBOUR:") and named(quote) == "Tobias Wren"


def test_a_reporting_verb_with_the_speaker_before_an_age(nlp: Language) -> None:
    text = "Tobias Wren, 70, told a broadcaster. “I will not resign.”"
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == "Tobias Wren"


def test_an_inverted_verb_with_a_possessive_descriptor_and_a_name(nlp: Language) -> None:
    [quote] = analysed(nlp, "“We have no comment,” responded Wren's aide Lina Sorel.").quotes
    assert named(quote) == "Lina Sorel"
    assert quote.speaker is not None and quote.speaker.role == "Wren's aide"


@pytest.mark.parametrize(("text", "via"), [
    # The outlet told is the chain's link, as the news sets annotate it ("told <agency>").
    ("“The port will close,” Lina Sorel told Harbor Monthly magazine.", ["Harbor Monthly magazine"]),
    ("In an interview with Harbor Monthly magazine, Lina Sorel said the port would close.",
     ["Harbor Monthly magazine"]),
], ids=["told a magazine", "in an interview with a magazine"])
def test_a_magazine_named_in_the_sentence_is_not_the_speaker(nlp: Language, text: str,
                                                             via: list[str]) -> None:
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == "Lina Sorel"
    assert [link.name for link in quote.via] == via


def test_a_transcript_over_several_paragraphs_is_one_quote_per_turn(nlp: Language) -> None:
    text = ("Partial transcript of the interview:\n\n"
            "“HOLLAND: Will the ferry run on Sunday?\n\n"
            "“QUILLON: It will, and on Monday too.\n\n"
            "“HOLLAND: Thank you.”")
    quotes = analysed(nlp, text).quotes
    assert [(q.text, text[q.speaker.start:q.speaker.end] if q.speaker and q.speaker.start is not None
             else None) for q in quotes] == [
        ("Will the ferry run on Sunday?", "HOLLAND"), ("It will, and on Monday too.", "QUILLON"),
        ("Thank you.", "HOLLAND")]


def test_reported_speech_never_runs_into_the_headline(nlp: Language) -> None:
    text = ("Lensky, Quillon meet at the harbour after the storm\n\n"
            "Lensky says Velmar supports all of the port's plans.")
    quotes = analysed(nlp, text).quotes
    assert all("\n" not in q.text and "meet at the harbour" not in q.text for q in quotes)


@pytest.mark.parametrize("text", [
    "The new commercial uses footage of Mayor Ana Ferreira asking, “Who will pay for the new stadium?”",
    "The video ends with footage of Ana Ferreira saying at the fair, “We built this road,” "
    "when Dana Whitby mocked her for the delays.",
], ids=["participle hung on the main verb", "a cue in a when-clause after the quote"])
def test_the_person_footage_shows_speaking_is_the_speaker(nlp: Language, text: str) -> None:
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == "Ana Ferreira"


def test_a_reporting_verb_in_a_when_clause_is_no_attribution(nlp: Language) -> None:
    text = "“We will not sell the farm,” Dana Whitby said when Tobias Wren mocked the offer."
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == "Dana Whitby"


@pytest.mark.parametrize("text", [
    "It is worth noting that the bridge was closed for a month last year.",
    "It goes without saying that the council will want a second vote.",
])
def test_the_writers_aside_is_not_reported_speech(nlp: Language, text: str) -> None:
    assert analysed(nlp, text).quotes == []


def test_noting_by_a_person_is_still_reported_speech(nlp: Language) -> None:
    text = "Dana Whitby noted that the bridge was closed for a month last year."
    [quote] = analysed(nlp, text).quotes
    assert quote.kind == "indirect" and named(quote) == "Dana Whitby"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Whitby: Harbour Fees Will Rise Before Winter.\n\nDana Whitby spoke at the quay on Monday.", "Whitby"),
    ("Survey: Most Riders Want Later Buses.\n\nThe transit board ran the survey in May.", "Survey"),
], ids=["a name the article uses", "a survey"])
def test_a_headline_opening_with_a_source_and_a_colon_reports_the_rest(nlp: Language, text: str,
                                                                       speaker: str) -> None:
    [quote] = [q for q in analysed(nlp, text).quotes if q.cue == ":"]
    assert quote.kind == "indirect" and named(quote) == speaker


def test_a_headline_label_before_a_colon_is_no_source(nlp: Language) -> None:
    text = "Harbour Fees: What Changes in Winter.\n\nDana Whitby runs the harbour."
    assert analysed(nlp, text).quotes == []


def test_a_clause_before_a_semicolon_is_not_what_the_next_clause_reports(nlp: Language) -> None:
    text = "It is a very unlikely outcome; the mayor's office says she will return to the council this week."
    [quote] = analysed(nlp, text).quotes
    assert quote.text == "she will return to the council this week"


def test_a_fragment_a_thing_suggests_inside_someones_speech_is_theirs(nlp: Language) -> None:
    text = ("City lawyer Ines Calloway said in the filing that the commercial “plainly and falsely” "
            "suggests that the police back the campaign.")
    [quote] = [q for q in analysed(nlp, text).quotes if "plainly" in q.text]
    assert named(quote) == "Ines Calloway"


def test_who_speaks_at_an_event_is_what_the_event_announces(nlp: Language) -> None:
    text = "Dana Whitby spoke at a news conference announcing that her office was suing the port authority."
    [quote] = analysed(nlp, text).quotes
    assert quote.kind == "indirect" and named(quote) == "Dana Whitby"


@pytest.mark.parametrize("text", [
    "Dana Whitby unleashed a series of posts claiming that the port authority had lied.",
    "Dana Whitby fired off a tweet claiming that the port authority had lied.",
])
def test_posts_put_out_by_someone_speak_for_them(nlp: Language, text: str) -> None:
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == "Dana Whitby"


def test_the_that_clause_is_what_is_reported_when_the_parse_hangs_two_on_the_verb(nlp: Language) -> None:
    text = ("Writing for a newspaper panel that all agreed Whitby won the debate, Hal Brenner noted "
            "that the way Whitby carried herself was critical.")
    [quote] = analysed(nlp, text).quotes
    assert quote.text == "that the way Whitby carried herself was critical"


def test_told_a_hearer_that_is_reported_when_the_parse_makes_it_a_relative_clause(nlp: Language) -> None:
    text = ("In Port Adley last week, Dana Whitby told a meeting of island leaders that few people "
            "understood the stakes better than they did.")
    [quote] = analysed(nlp, text).quotes
    assert quote.text == "that few people understood the stakes better than they did"
    assert quote.cue == "told a meeting of island leaders" and named(quote) == "Dana Whitby"


@pytest.mark.parametrize(("text", "speaker"), [
    ("WESTBURY -- Mayor Ilse Varn, opening the new pier on Saturday, said it would bring "
     "“work and hope, and a future” to the town.", "Ilse Varn"),
    ("“The port has never been safer,” Ilse Varn, a senior harbour official, said Thursday "
     "on Harbor Radio’s “Dock Talk.”", "Ilse Varn"),
], ids=["dateline, name, aside, said", "quote, name, aside, said, a title"])
def test_a_name_before_an_aside_speaks_when_the_verb_has_no_subject(nlp: Language, text: str,
                                                                    speaker: str) -> None:
    quote = analysed(nlp, text).quotes[0]
    assert named(quote) == speaker


def test_as_it_was_put_after_the_quote_names_its_source(nlp: Language) -> None:
    text = ("Several councillors share her doubts, because the only test for the permit is a "
            "“clean record of payment,” as a ministry memo put it.")
    [quote] = analysed(nlp, text).quotes
    assert quote.text == "clean record of payment" and quote.cue == "put"
    assert named(quote) == "a ministry memo"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Ilse Varn said at the rally on Friday that Tobias Wren once described the ferry deal as "
     "“the best bargain in a century” when he ran the port.", "Ilse Varn"),
    ("Tobias Wren once described the ferry deal as “the best bargain in a century” when he ran "
     "the port.", "Tobias Wren"),
], ids=["inside what another reports", "on its own"])
def test_a_fragment_a_naming_verb_takes_is_quoted_by_who_reports_it(nlp: Language, text: str,
                                                                    speaker: str) -> None:
    """PolNeAR gives a fragment nested in someone's report to the one reporting (#23)."""
    article = analysed(nlp, text)
    fragment = text.index("the best bargain")
    [holder] = [q for q in article.quotes if any(a <= fragment < b for a, b in q.fragments)]
    assert named(holder) == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    ("Ilse Varn was defensive when pressed about not paying a builder who said he was cheated "
     "after he built a pier at one of her marinas, saying, “Maybe he did not do good work.”",
     "Ilse Varn"),
    ("Small groups of dockworkers kept up their protest, circling the streets around Harbour "
     "Arena - where the Velmar Rovers played the Karsk Anchors - while chanting, “Open the port.”",
     "Small groups of dockworkers"),
], ids=["after a relative clause", "after a where-clause"])
def test_a_participle_goes_on_with_the_sentence_not_a_clause_describing_a_noun(
        nlp: Language, text: str, speaker: str) -> None:
    quote = next(q for q in analysed(nlp, text).quotes if q.kind == "direct")
    assert named(quote) == speaker


def test_a_quoted_stretch_no_verb_attributes_is_the_sentence_subjects(nlp: Language) -> None:
    text = ("In recent weeks, Ilse Varn has gone after the harbour board as a “nest of timid "
            "clerks who sink every plan.”")
    [quote] = analysed(nlp, text).quotes
    assert named(quote) == "Ilse Varn" and quote.inherited


def test_what_a_passive_naming_verb_describes_does_not_speak(nlp: Language) -> None:
    text = ("In recent weeks, the harbour board has been described as a “nest of timid clerks "
            "who sink every plan.”")
    assert [named(q) for q in analysed(nlp, text).quotes] == [None]


def test_the_object_pressed_to_concede_is_who_concedes(nlp: Language) -> None:
    text = "Ilse Varn pressed the minister to concede that the ferry had been sold at a loss."
    [quote] = analysed(nlp, text).quotes
    assert quote.kind == "indirect" and quote.speaker is not None
    assert quote.speaker.name == "the minister"


@pytest.mark.parametrize(("dep", "obj", "controller"), [
    ("advcl", "Wren", "Wren"),  # "got Wren to admit", parsed as an adverbial clause
    ("advcl", "meeting", None),  # "called a meeting to announce": a purpose, not a person
    ("xcomp", "minister", "minister"),
])
def test_object_control_under_either_parse(nlp: Language, dep: str, obj: str,
                                           controller: str | None) -> None:
    """Parsed by hand, the way the small model parses some sentences."""
    doc = Doc(nlp.vocab, words=["Varn", "got", obj, "to", "admit"], heads=[1, 1, 1, 4, 1],
              deps=["nsubj", "ROOT", "dobj", "aux", dep],
              pos=["PROPN", "VERB", "PROPN" if obj == "Wren" else "NOUN", "PART", "VERB"])
    people = [(0, 1), (2, 3)] if obj == "Wren" else [(0, 1)]
    doc.ents = [Span(doc, a, b, label="PERSON") for a, b in people]
    found = cues._object_control(doc[4])
    assert (found.text if found is not None else None) == controller


def test_a_colon_introduction_is_spoken_by_the_subject_of_the_clause_it_closes(nlp: Language) -> None:
    text = ("My neighbour got so angry, and started driving so fast, that I had to change my "
            "answer: “Of course I like your dog. I was only joking.”")
    [quote] = analysed(nlp, text).quotes
    assert quote.speaker is not None and quote.speaker.start == text.index("I had")


def test_a_demonstrative_subject_is_a_thing_and_the_speaker_is_further_up(nlp: Language) -> None:
    text = ("The port board's letter said that was never its plan and dismissed the rumours as "
            "“idle gossip from the docks.”")
    quote = next(q for q in analysed(nlp, text).quotes if q.kind == "direct")
    assert named(quote) == "The port board" and [v.name for v in quote.via] == ["letter"]


def test_an_epithet_inside_another_report_stays_a_quote_of_who_named(nlp: Language) -> None:
    """The naming verb is what tells an epithet from a title: lifting its cue to the outer
    report ("said") dropped it as the name of a work."""
    text = ("Ilse Varn said on Friday that Tobias Wren once called the harbour chief “Captain Nobody” "
            "in a speech.")
    [epithet] = [q for q in analysed(nlp, text).quotes if q.kind == "direct"]
    assert epithet.text == "Captain Nobody" and named(epithet) == "Tobias Wren"
