"""Claim frames (actor, predicate, object, quantities with what they measure and when, dates
with their event, places, attribution) and what the coverage makes of aligned claims: the
agreed core, partial facts with who leaves them out, and facts one outlet alone reports."""

from __future__ import annotations

from story_corpus import COURIER, LEDGER, TIMES, build

from crosswire.stories.claims import frame_of
from crosswire.stories.compare import Claim, compare
from crosswire.stories.embed import MiniLM
from crosswire.stories.settings import StorySettings
from crosswire.types import Article, Mention, Quote, Speaker, TimeExpr


def _article() -> Article:
    text = ("Harlow Rail closed the Brinmoor depot on May 4 after 212 workers walked out. "
            "\u201cWe had no choice,\u201d said Petra Lind.")
    mentions = [Mention("Harlow Rail", 0, 11, "ORG", "E-h"), Mention("Brinmoor", 23, 31, "GPE", "E-b")]
    day = text.index("May 4")
    times = [TimeExpr("May 4", day, day + 5, "2025-05-04", "DATE", 0, 77, event_start=12, event_end=18)]
    words = text.index("We had")
    speaker = Speaker("Petra Lind", "E-p", None, "person", text.index("Petra"), len(text) - 1)
    quotes = [Quote("We had no choice", words, words + 16, "direct", "said", speaker)]
    return Article(id="a", text=text, source="x", outlet="One", mentions=mentions, times=times,
                   quotes=quotes)


def _claim(article: Article, start: int, end: int) -> Claim:
    return Claim(article.id, "One", start, end, article.text[start:end])


def test_a_frame_names_who_did_what_how_much_when_and_where() -> None:
    article = _article()
    frame = frame_of(article, _claim(article, 0, article.text.index(".") + 1))
    assert (frame.actor, frame.predicate, frame.object) == ("Harlow Rail", "closed", "Brinmoor")
    assert [(q.text, q.amount, q.unit, q.when) for q in frame.quantities] == [("212", 212.0, "worke",
                                                                              "2025-05-04")]
    assert "walked out" in frame.quantities[0].measures
    assert [(d.value, d.event) for d in frame.dates] == [("2025-05-04", "closed")]
    assert frame.places == ["Brinmoor"] and frame.attribution is None


def test_a_quoted_claim_is_attributed_to_its_speaker() -> None:
    article = _article()
    start = article.text.index("\u201c")
    frame = frame_of(article, _claim(article, start, len(article.text)))
    assert frame.attribution == "Petra Lind"
    assert frame.as_json()["attribution"] == "Petra Lind"


def test_agreed_partial_and_unique_facts_of_the_planted_strike() -> None:
    articles, gold = build()
    coverage = compare([a for a in articles if gold[a.id] == "strike"])
    outlets = {LEDGER, COURIER, TIMES}
    agreed = [f for f in coverage.agreed() if "Solberg" in f.claims[0].text]
    assert agreed and set(agreed[0].outlets) == outlets
    partial = [f for f in coverage.partial() if "drivers" in f.claims[0].text]
    assert partial and coverage.missing(partial[0]) == [TIMES]
    assert all(len(f.outlets) == 1 and not f.near for f in coverage.unique())
    salience = [f.salience for f in coverage.unique()]
    assert salience == sorted(salience, reverse=True)


def test_a_fact_another_outlet_has_in_other_words_is_not_unique(embedder: MiniLM) -> None:
    one = Article(id="1", text="Nine depots closed across the region during the walkout.", source="x",
                  outlet="One")
    two = Article(id="2", text="Across the region, the walkout shut nine of the depots, officials said.",
                  source="x", outlet="Two")
    strict = StorySettings(claim_fuzzy_similarity=0.99, claim_fuzzy_support_similarity=0.5)
    coverage = compare([one, two], None, strict)
    assert len(coverage.facts) == 2  # not aligned as one fact at so strict a bar...
    assert coverage.unique() == []  # ...but each outlet has something near the other's claim
    assert compare([one, two], embedder).unique() == []  # the model's defaults, too
