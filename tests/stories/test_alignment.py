"""Claim alignment rules beyond the planted corpus: shared content words, restatements joining
their fact, and the rules that keep a fact from growing into a topic. Hand-built claims and
scores, so that each rule is tested apart from the embedding model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from crosswire.stories.compare import (
    Claim,
    Coverage,
    Fact,
    align_scored,
    attach_restatements,
    compare,
    content_stems,
    topic_stems,
    with_words,
    word_overlap,
)
from crosswire.stories.features import Vector
from crosswire.stories.settings import StorySettings
from crosswire.types import Article

THRESHOLD, MARGIN, LEAD = 0.55, 0.15, 0.1


def _claims(*where: tuple[str, str]) -> list[Claim]:
    """(article, text) pairs; each article is its own outlet."""
    return [Claim(article, article, n * 100, n * 100 + len(text), text)
            for n, (article, text) in enumerate(where)]


def _matrix(n: int, pairs: dict[tuple[int, int], float]) -> np.ndarray:
    """Scores of the pairs given, -1 for claims of one article, 0 elsewhere."""
    out = np.zeros((n, n), dtype=np.float32)
    for (i, j), score in pairs.items():
        out[i, j] = out[j, i] = score
    return out


def _facts_after_restatement(claims: list[Claim], matrix: np.ndarray) -> list[list[str]]:
    facts = align_scored(claims, matrix, THRESHOLD, MARGIN)
    attach_restatements(claims, facts, matrix, THRESHOLD, LEAD)
    return [sorted(c.text for c in (*f.claims, *f.restated)) for f in facts if len(f.outlets) > 1]


def test_an_outlet_saying_the_fact_twice_is_cited_twice() -> None:
    # A's lead and its fifth paragraph both say the harbour closed; B says it once.
    claims = _claims(("A", "harbour closed at dawn"), ("A", "the harbour stayed shut all day"),
                     ("B", "port authorities closed the harbour"), ("A", "the mayor spoke at noon"))
    matrix = _matrix(4, {(0, 1): -1.0, (0, 3): -1.0, (1, 3): -1.0, (0, 2): 0.8, (1, 2): 0.7, (2, 3): 0.2})
    assert _facts_after_restatement(claims, matrix) == [
        ["harbour closed at dawn", "port authorities closed the harbour", "the harbour stayed shut all day"]]


def test_a_claim_kept_out_by_one_claim_per_article_restates_the_fact() -> None:
    # B's lead went to A's second sentence (0.75); B's lead also says A's lead (0.65), which
    # joined C's sentence: A's lead and C's sentence are one fact, and B's lead restates it.
    claims = _claims(("A", "lead of A"), ("A", "second of A"), ("B", "lead of B"), ("C", "sentence of C"))
    matrix = _matrix(4, {(0, 1): -1.0, (1, 2): 0.8, (0, 2): 0.7, (0, 3): 0.75, (2, 3): 0.6, (1, 3): 0.3})
    facts = _facts_after_restatement(claims, matrix)
    assert ["lead of A", "lead of B", "sentence of C"] in facts


def test_a_claim_restates_one_fact_and_a_fact_takes_one_claim_per_article() -> None:
    # Three sentences of C are close to the fact of A and B: only the closest joins it; and
    # C's sentences close to two facts join the closer one only.
    claims = _claims(("A", "a1"), ("B", "b1"), ("C", "c1"), ("C", "c2"), ("C", "c3"))
    same_c = {(2, 3): -1.0, (2, 4): -1.0, (3, 4): -1.0}
    matrix = _matrix(5, {**same_c, (0, 1): 0.9, (0, 2): 0.7, (1, 2): 0.7, (0, 3): 0.7, (1, 3): 0.66,
                         (0, 4): 0.66, (1, 4): 0.56})
    facts = align_scored(claims, matrix, THRESHOLD, MARGIN)
    attach_restatements(claims, facts, matrix, THRESHOLD, LEAD)
    fact = next(f for f in facts if {c.text for c in f.claims} >= {"a1", "b1"})
    restating = [c.text for c in (*fact.claims, *fact.restated) if c.article_id == "C"]
    assert len(restating) == 2 and "c1" in restating  # c1 aligned; one restating claim of C


def test_a_claim_close_to_one_member_only_does_not_restate() -> None:
    # Close to A's claim, far from B's: a sentence on the topic, not the fact.
    claims = _claims(("A", "a1"), ("B", "b1"), ("C", "c1"))
    matrix = _matrix(3, {(0, 1): 0.8, (0, 2): 0.7, (1, 2): 0.5})
    facts = align_scored(claims, matrix, THRESHOLD, MARGIN)
    attach_restatements(claims, facts, matrix, THRESHOLD, LEAD)
    assert all(not f.restated for f in facts)


def test_a_restating_claim_must_beat_the_alignment_threshold_by_the_lead() -> None:
    # At the threshold with both claims of the fact, but no closer to either: not a restatement.
    claims = _claims(("A", "a1"), ("B", "b1"), ("C", "c1"))
    matrix = _matrix(3, {(0, 1): 0.8, (0, 2): 0.6, (1, 2): 0.6})
    facts = align_scored(claims, matrix, 0.65, MARGIN)
    attach_restatements(claims, facts, matrix, 0.65, LEAD)
    assert all(not f.restated for f in facts)


def test_content_stems_drop_function_words_and_cut_endings() -> None:
    assert content_stems("The council was withdrawing its offer") == {"counci", "withdr", "offer"}
    assert content_stems("It is in the withdrawal of the offer") == {"withdr", "offer"}


@pytest.mark.parametrize(("a", "b", "expected"), [
    # one fact in other words shares its specific words, counted on the shorter claim
    ("The ferry operator suspended crossings after the storm damaged the pier.",
     "Crossings were suspended after the storm damaged the pier.", 1.0),
    # two facts of one story share the topic, not the words
    ("The ferry operator suspended crossings after the storm damaged the pier.",
     "Engineers will inspect the harbour wall next month.", 0.0),
    # a claim of function words only shares nothing
    ("It was not to be.", "It was not to be.", 0.0),
])  # fmt: skip
def test_word_overlap(a: str, b: str, expected: float) -> None:
    assert word_overlap([a, b])[0, 1] == pytest.approx(expected)


def test_topic_words_are_those_every_article_uses() -> None:
    claims = _claims(("A", "The treaty shares the river water."), ("A", "Fishing villages welcomed it."),
                     ("B", "Both shores signed the river treaty."))
    assert topic_stems(claims) == {"treaty", "river"}


def test_words_never_align_claims_of_one_article() -> None:
    claims = _claims(("A", "The pier collapsed overnight."), ("A", "The pier collapsed overnight."),
                     ("B", "The pier collapsed overnight."))
    base = _matrix(3, {(0, 1): -1.0, (0, 2): 0.5, (1, 2): 0.5})
    matrix = with_words(claims, base, 0.3)
    assert matrix[0, 1] == -1.0 and matrix[0, 2] == pytest.approx(0.8)
    # the topic's words add nothing
    assert with_words(claims, base, 0.3, frozenset({"pier", "collap", "overni"}))[0, 2] == pytest.approx(0.5)


class EvenlySimilar:
    """An embedder under which every two texts have one cosine: what aligns is then decided by
    the shared words alone."""

    def __init__(self, cosine: float) -> None:
        self.cosine = cosine

    def embed(self, texts: Sequence[str]) -> Vector:
        n = len(texts)
        rows: Vector = np.zeros((n, n + 1), dtype=np.float32)
        rows[:, 0] = np.sqrt(self.cosine)
        rows[np.arange(n), np.arange(n) + 1] = np.sqrt(1.0 - self.cosine)
        return rows


def _article(outlet: str, text: str) -> Article:
    return Article(id=outlet, text=text, source="x", outlet=outlet)


def _aligned(cosine: float, a: str, b: str) -> bool:
    coverage = compare([_article("A", a), _article("B", b)], EvenlySimilar(cosine), StorySettings())
    return any(len(f.outlets) == 2 for f in coverage.facts)


@pytest.mark.parametrize(("cosine", "a", "b", "expected"), [
    # one fact in other words: its specific words carry it over a middling cosine
    (0.45, "The ferry operator suspended all crossings after the storm damaged the pier.",
     "Crossings were halted until engineers checked the damaged pier.", True),
    # two sentences of one topic, close by the embedding but with no specific word in common
    (0.68, "The ferry operator suspended all crossings after the storm damaged the pier.",
     "Rescue boats brought every stranded traveller back to the terminal before midnight.", False),
])  # fmt: skip
def test_shared_words_weigh_more_than_a_topical_cosine(cosine: float, a: str, b: str, expected: bool) -> None:
    assert _aligned(cosine, a, b) is expected


def test_one_shared_word_does_not_take_a_fact_from_the_outlet_that_alone_reports_it() -> None:
    # A alone says no alarm sounded; B's sentence shares "smoke" with it and nothing else. At
    # the alignment's word weight that one word would make the two "near" (neither unique).
    articles = [
        _article("A", "The ferry operator suspended all crossings after the storm damaged the pier. "
                      "Several passengers recalled that no alarm sounded before the smoke spread."),
        _article("B", "Crossings were suspended once the storm had damaged the pier, the operator said. "
                      "Thick smoke drifted across the harbour town at dusk."),
        _article("C", "The storm damaged the pier and the operator suspended crossings until further "
                      "notice."),
    ]
    unique = compare(articles, EvenlySimilar(0.42), StorySettings()).unique()
    assert any("no alarm sounded" in f.claims[0].text for f in unique)


def test_a_claim_restating_a_shared_fact_is_not_its_outlets_alone() -> None:
    # A's second sentence restates the fact A and B share; its own one-claim fact is no unique
    # report, while A's other sentence, near nothing, is.
    lead, again, other, alone = _claims(("A", "harbour closed at dawn"), ("A", "the harbour stayed shut"),
                                        ("B", "port authorities closed the harbour"),
                                        ("A", "a bakery handed out blankets"))
    shared = Fact([lead, other], restated=[again])
    coverage = Coverage(["A", "B"], [shared, Fact([again]), Fact([alone])])
    assert [f.claims[0].text for f in coverage.unique()] == ["a bakery handed out blankets"]
