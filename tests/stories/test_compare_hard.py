"""The hard cases of the comparison (#25): revisions, one figure worded two ways, rounding,
two counts of one unit, a name transliterated, and a claim asserted by one outlet and denied
by another — with the model and with fuzzy matching alone."""

from __future__ import annotations

import pytest
from story_corpus import COURIER, HARD, HARD_TRAPS, LEDGER, TIMES, build, build_hard

from crosswire.store.queries.records import StoryMember
from crosswire.stories.compare import compare
from crosswire.stories.disagree import Disagreement, find_disagreements, is_respelling, negated_predicate
from crosswire.stories.embed import MiniLM
from crosswire.stories.features import Embedder
from crosswire.stories.record import build_record
from crosswire.stories.settings import StorySettings
from crosswire.types import Article


@pytest.fixture(scope="module", params=["fuzzy", "model"])
def hard(request: pytest.FixtureRequest) -> list[Disagreement]:
    model: MiniLM | None = request.getfixturevalue("embedder") if request.param == "model" else None
    embedder: Embedder | None = model
    story = build_hard()
    return find_disagreements(story, compare(story, embedder), embedder=embedder)


def _pairs(found: list[Disagreement], *kinds: str) -> set[tuple[str, ...]]:
    return {tuple(sorted((d.a.text, d.b.text))) for d in found if d.kind in kinds and d.b is not None}


def test_a_revised_figure_is_a_revision_not_a_number_conflict(hard: list[Disagreement]) -> None:
    assert _pairs(hard, "revision") == {tuple(sorted(p)) for p in HARD["revisions"]}
    revision = next(d for d in hard if d.kind == "revision")
    assert "revised" in revision.reason and 0 < revision.confidence <= 1


def test_one_figure_worded_or_rounded_differently_is_no_conflict(hard: list[Disagreement]) -> None:
    numbers = _pairs(hard, "number", "revision")
    for trap in HARD_TRAPS["numbers"]:
        assert tuple(sorted(trap)) not in numbers, trap


def test_asserted_and_denied_is_a_claim_conflict(hard: list[Disagreement]) -> None:
    denied = [d for d in hard if d.kind == "claim"]
    assert {tuple(sorted((d.a.outlet, d.b.outlet))) for d in denied if d.b} == {
        tuple(sorted(p)) for p in HARD["denials"]
    }
    assert all("denied" in d.reason for d in denied)


def test_no_conflict_involves_the_outlet_that_reports_only_roundings(hard: list[Disagreement]) -> None:
    assert not [d for d in hard if d.is_conflict and TIMES in (d.a.outlet, d.b.outlet if d.b else "")]


@pytest.mark.parametrize(("a", "b", "respelled"), [
    ("Ilse Maranova", "Ilse Maranowa", True),  # two letters: a real respelling
    ("Volodmir Zelenskyy", "Volodmir Zelensky", False),  # transliteration
    ("Jürgen Halder", "Jurgen Halder", False),  # diacritics
    ("DANA OKAFOR", "Dana Okafor", False),  # case
    ("Dmitriy Orlov", "Dmitri Orlov", False),
    ("Okafor", "Dana Okafor", False),  # a short form
    ("Steve Marlow", "Stephen Marlow", False),  # a familiar given name
    ("Bob Tennant", "Robert Tennant", False),
    ("Chris Aldana", "Christopher Aldana", False),
    ("Steve Marlow", "Stephen Marlowe", True),  # the family name differs too
    ("Ann Tillery", "Anna Tillery", True),  # one letter more is another name
    ("Jon Haverty", "John Haverty", True),
])  # fmt: skip
def test_respelling_beyond_transliteration_case_and_diacritics(a: str, b: str, respelled: bool) -> None:
    assert is_respelling(a, b, StorySettings()) is respelled


@pytest.mark.parametrize(("text", "word"), [
    ("The board did not approve the schedule.", "appro"),
    ("The board didn't approve the schedule.", "appro"),
    ("The minister has never been to Karsk.", ""),  # a negation with no content word near
    ("The board approved the schedule.", None),
])  # fmt: skip
def test_negated_predicate(text: str, word: str | None) -> None:
    assert negated_predicate(text) == word


def test_the_outlets_of_the_hard_story() -> None:
    assert sorted({a.outlet or "" for a in build_hard()}) == sorted({LEDGER, COURIER, TIMES})


def _plain(outlet: str, text: str) -> Article:
    return Article(id=outlet, text=text, source="x", outlet=outlet)


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("Some 1.5 million people regained the vote on Tuesday.",
     "An estimated 1.4 million people regained the vote on Tuesday.", True),  # two estimates, two answers
    ("About 300,000 people signed the petition to the council.",
     "Exactly 293,000 people signed the petition to the council.", False),  # an estimate of the count
    ("Some 300,000 people signed the petition to the council.",
     "A total of 293,000 people signed the petition to the council.", False),  # a rounding of it
    ("A total of 310,000 people signed the petition to the council.",
     "A total of 293,000 people signed the petition to the council.", True),
])  # fmt: skip
def test_estimates_and_roundings(a: str, b: str, conflict: bool) -> None:
    story = [_plain("One", a), _plain("Two", b)]
    found = find_disagreements(story, compare(story))
    assert any(d.kind == "number" for d in found) is conflict


def test_the_record_lists_conflicts_with_confidence_and_omissions_apart() -> None:
    articles, gold = build()
    ferry = [a for a in articles if gold[a.id] == "ferry"]
    members = [(a, StoryMember(a.id, 1.0, True)) for a in ferry]
    settings = StorySettings()
    record = build_record({"id": "s", "title": "t"}, members, None, settings)
    assert record["conflicts"] and all(0 <= c["confidence"] <= 1 and c["reason"] for c in record["conflicts"])
    assert all(o["kind"] == "omission" and o["b"] is None for o in record["omissions"])
    reported = [d for d in record["disagreements"] if d["kind"] != "omission"]
    assert all(d["confidence"] >= settings.conflict_min_confidence for d in reported)
    coverage = record["coverage"]
    assert coverage["agreed"] and set(coverage["agreed"]).isdisjoint(coverage["unique"])
    assert all(coverage["facts"][i]["missing"] for i in coverage["partial"])
    frames = [c["frame"] for f in coverage["facts"] for c in f["claims"]]
    assert any(q["unit"] == "passe" for f in frames if f for q in f["quantities"])
