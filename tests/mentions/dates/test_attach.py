"""The learned event attacher (``dates.attach``): its candidates, its features, its choice.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from crosswire.mentions.dates import attach
from crosswire.mentions.dates.stage import add_times
from crosswire.types import Article


def span_of(doc: Doc, words: str) -> Span:
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    return span


def sentence_of(span: Span) -> Span:
    return next(s for s in span.doc.sents if s.start <= span.start < s.end)


@pytest.mark.slow
def test_candidates_are_clause_heads_and_event_nouns_never_auxiliaries(nlp: Language) -> None:
    doc = nlp("The strike has halted deliveries since the investigation on Tuesday.")
    span = span_of(doc, "Tuesday")
    words = [t.text for t in attach.candidates(span, sentence_of(span))]
    assert "halted" in words and "investigation" in words
    assert "has" not in words  # an auxiliary names no event
    assert "Tuesday" not in words  # nor does the expression itself


@pytest.mark.slow
def test_an_adjective_the_expression_completes_is_a_candidate(nlp: Language) -> None:
    doc = nlp("The council issued bonds due June 30, 2032, to two pension funds.")
    span = span_of(doc, "June 30, 2032")
    assert "due" in [t.text for t in attach.candidates(span, sentence_of(span))]


@pytest.mark.slow
def test_features_mark_the_rules_pick_and_a_reporting_verb(nlp: Language) -> None:
    doc = nlp("The harbour master said the pier collapsed on Sunday.")
    span = span_of(doc, "Sunday")
    described = {t.text: f for t, f in attach.described(span, sentence_of(span), doc[6])}
    assert "rules" in described["collapsed"] and "rules" not in described["said"]
    assert "reporting" in described["said"] and "reporting" not in described["collapsed"]
    assert "tree_rank=0" in described["collapsed"]  # the verb the date hangs on is nearest


@pytest.mark.slow
def test_the_attacher_picks_the_highest_scored_candidate(nlp: Language) -> None:
    doc = nlp("The harbour master said the pier collapsed on Sunday.")
    span = span_of(doc, "Sunday")
    prefers_reporting = attach.Attacher({"reporting": 5.0}, 0.0)
    prefers_rules = attach.Attacher({"rules": 5.0}, 0.0)
    rules = doc[6]
    assert str(prefers_reporting.best(span, sentence_of(span), rules)) == "said"
    assert str(prefers_rules.best(span, sentence_of(span), rules)) == "collapsed"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "event"),
    [
        ("The lighthouse keeper said the lamp failed on Monday.", "Monday", "failed"),
        ("The orchard, which flooded in 2016, was replanted last spring.", "2016", "flooded"),
        ("The orchard, which flooded in 2016, was replanted last spring.", "last spring", "replanted"),
        ("A clerk confirmed Wednesday that the archive had closed in March.", "Wednesday", "confirmed"),
        ("A clerk confirmed Wednesday that the archive had closed in March.", "March", "closed"),
        ("The walkout that started on Monday has idled two mills.", "Monday", "started"),
    ],
)
def test_the_stage_attaches_each_expression_with_the_model(nlp: Language, text: str, expression: str,
                                                           event: str) -> None:
    article = Article(id="t", text=text, source="test", published="2023-09-14")
    add_times(nlp(text), article)
    found = next(t for t in article.times if t.text == expression)
    assert found.event_start is not None and found.event_end is not None
    assert text[found.event_start:found.event_end] == event


@pytest.mark.slow
def test_without_weights_the_rules_decide(nlp: Language, monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    doc = nlp("The hiker was found clinging to a ledge on Sunday.")
    span = span_of(doc, "Sunday")
    monkeypatch.setattr(attach, "MODEL_DIR", tmp_path)
    attach._attacher.cache_clear()
    try:
        assert str(attach.attached_event(span, sentence_of(span))) == "found"
    finally:
        attach._attacher.cache_clear()


@pytest.mark.slow
def test_a_dateline_dates_no_event(nlp: Language) -> None:
    doc = nlp("March 3, 2024")
    assert attach.attached_event(doc[:], doc[:]) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "event"),
    [
        # a time before a noun modifies it: the noun is the event, whatever the noun
        ("The council repealed the 1998 bylaw on moorings.", "1998", "bylaw"),
        ("Crowds at the Tuesday night vigil sang for an hour.", "Tuesday night", "vigil"),
        ("Insurers paid for last spring's flood damage in Hollis Bay.", "last spring", "damage"),
        ("Dockers complained about the monthly inspections.", "monthly", "inspections"),
        ("Renewing the $90 per-week allowance costs the port little.", "per-week", "allowance"),
        # a length is a length of what "of" names
        ("Twelve years of negotiation ended with a signed treaty.", "Twelve years", "negotiation"),
        # an event noun that "of" joins a date to
        ("The events of March 3rd changed the harbour for good.", "March 3rd", "events"),
        # a length counted from a subordinate clause dates the main clause
        ("Nearly a week after the storm hit the coast, many towns are still without power.",
         "Nearly a week", "are"),
        ("The pier reopened three weeks after the fire destroyed it.", "three weeks", "reopened"),
        # an amount counted per unit of time before a noun: the noun (round 7)
        ("Dockers won back the $30 per day meal allowance.", "per day", "allowance"),
        ("The port cut the $40 per month mooring fee.", "per month", "fee"),
        ("It funds an extension of the $250 per week housing allowance through June.", "per week",
         "allowance"),
        # a span that keeps its article still modifies the noun after it (round 7)
        ("Dock fees will exceed the cost of the early May dredging contract.", "the early May", "contract"),
        # set off by a comma at the end: the main verb, when it reports or a caption's (round 7)
        ("The Corlow Herald reported that the mayor had been asked by an auditor to testify before a panel "
         "in an inquiry into the harbour contracts, on Tuesday.", "Tuesday", "reported"),
        ("Mayor Ilsa Brand leaves a hearing of the panel that studies the flooding of the harbour, "
         "March 3, 2021.", "March 3, 2021", "leaves"),
        # a date right after an occasion, bare or after a preposition, dates the occasion (round 7)
        ("The harbour board said in a statement Monday that the pier would reopen.", "Monday", "statement"),
        ("The skipper faces trial in March on smuggling charges.", "March", "trial"),
        ("Her debates and speeches in 2019 won the port new trade.", "2019", "debates"),
        # ... a message or a court filing is such an occasion too (round 8)
        ("The ferry union filed a lawsuit on Thursday against the port authority.", "Thursday", "lawsuit"),
        ("The harbour master praised the crews in a tweet Sunday evening.", "Sunday evening", "tweet"),
        ("Dockers welcomed her comments this afternoon about the new quay.", "this afternoon", "comments"),
        # ... but not a time counted from another (round 7)
        ("Officials said at a news conference earlier in the day that the quay was safe.",
         "earlier in the day", "said"),
        # what an attempt or a start governs: the attempt, the start (round 7)
        ("The skipper attempted to reach the coast guard in February.", "February", "attempted"),
        ("The ferry started running again on Monday.", "Monday", "started"),
        # ... but a wish or a plan keeps its own verb
        ("Dockers like to watch the boats each evening.", "each evening", "watch"),
        # not a length: "the day of" a thing is dated through the clause
        ("From the day of the collapse, the crews have worked in shifts.", "the day of the collapse",
         "worked"),
    ],
)
def test_rules_before_the_model(nlp: Language, text: str, expression: str,
                                                 event: str) -> None:
    doc = nlp(text)
    span = span_of(doc, expression)
    assert str(attach.attached_event(span, sentence_of(span))) == event


@pytest.mark.slow
def test_a_verb_quoted_apart_from_the_expression_is_no_candidate(nlp: Language) -> None:
    doc = nlp('Dockers chanted "we want the pier back" on Friday outside the port office.')
    span = span_of(doc, "Friday")
    assert "want" not in {t.text for t in attach.candidates(span, sentence_of(span))}
    assert str(attach.attached_event(span, sentence_of(span))) == "chanted"


@pytest.mark.slow
def test_a_range_dates_the_clause_its_first_end_belongs_to(nlp: Language) -> None:
    # The parse hangs the range's last word ("a.m.") on the main verb; "from midnight" is the
    # curfew's running (round 7).
    text = "The mayor signed an order Friday night for a harbour curfew that runs from midnight to 6 a.m."
    article = Article(id="t", text=text, source="test", published="2023-09-14")
    add_times(nlp(text), article)
    found = next(t for t in article.times if t.text.startswith("midnight"))
    assert found.event_start is not None and text[found.event_start:found.event_end] == "runs"
