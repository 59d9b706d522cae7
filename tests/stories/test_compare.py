"""Precision and recall on what the corpus plants: quote variants, disagreements, omissions,
facts only one outlet reports — with the model, and with fuzzy matching alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from story_corpus import PLANTED, build

from crosswire.stories.compare import compare
from crosswire.stories.disagree import find_disagreements
from crosswire.stories.embed import MiniLM
from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import classify, quote_variants, word_diff
from crosswire.types import Article

Found = dict[str, set[tuple[object, ...]]]


def findings(embedder: Embedder | None) -> Found:
    articles, gold = build()
    found: Found = {k: set() for k in PLANTED}
    for event in sorted(set(gold.values())):
        story = [a for a in articles if gold[a.id] == event]
        coverage = compare(story, embedder)
        for v in quote_variants(story):
            found["quote_variants"].add((event, *sorted((v.a.outlet, v.b.outlet)), v.kind))
        for d in find_disagreements(story, coverage):
            if d.kind == "omission":
                found["omissions"].add((event, d.a.text))
            elif d.b is not None:
                found["disagreements"].add((event, d.kind, *sorted((d.a.text, d.b.text))))
        for fact in coverage.unique():
            found["unique"].add((event, fact.outlets[0], fact.claims[0].text))
    return found


def normalized_planted() -> Found:
    planted: Found = {k: set() for k in PLANTED}
    planted["quote_variants"] = {(e, *sorted((a, b)), k) for e, a, b, k in PLANTED["quote_variants"]}
    planted["disagreements"] = {(e, k, *sorted((a, b))) for e, k, a, b in PLANTED["disagreements"]}
    planted["omissions"] = set(PLANTED["omissions"])
    planted["unique"] = set(PLANTED["unique"])
    return planted


def planted_unique(item: tuple[object, ...]) -> tuple[object, ...] | None:
    """A unique fact is right when that outlet's unique claim contains the planted keyword."""
    event, outlet, text = item
    return next(
        ((e, o, w) for e, o, w in PLANTED["unique"] if (e, o) == (event, outlet) and str(w) in str(text)),
        None,
    )


def scores(found: Found, kind: str) -> tuple[float, float]:
    planted = normalized_planted()[kind]
    if kind == "unique":
        matched = [planted_unique(item) for item in found[kind]]
        right, hits = sum(m is not None for m in matched), {m for m in matched if m is not None}
    else:
        hits = found[kind] & planted
        right = len(hits)
    precision = right / len(found[kind]) if found[kind] else 1.0
    return precision, len(hits) / len(planted)


@pytest.fixture(scope="module", params=["fuzzy", "model"])
def found(request: pytest.FixtureRequest) -> Found:
    if request.param == "fuzzy":
        return findings(None)
    model: MiniLM = request.getfixturevalue("embedder")
    return findings(model)


@pytest.mark.parametrize("kind", ["quote_variants", "disagreements", "omissions", "unique"])
def test_precision_and_recall_of_planted(found: Found, kind: str) -> None:
    precision, recall = scores(found, kind)
    assert recall == 1.0, (kind, found[kind])
    assert precision >= 0.75, (kind, found[kind])


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("We will rebuild the bridge.", "we will rebuild the bridge", "verbatim"),
    ("We will rebuild the bridge by spring, whatever it costs.", "We will rebuild the bridge", "truncated"),
    ("The bridge will be rebuilt by spring", "We will rebuild the bridge by spring", "paraphrased"),
    ("Taxes are going up next year", "We will rebuild the bridge", None),
])  # fmt: skip
def test_classify_quote_renderings(a: str, b: str, kind: str | None) -> None:
    result = classify(a, b, StorySettings())
    assert (result[0] if result else None) == kind


def test_word_diff_marks_only_what_changed() -> None:
    assert word_diff("we will not reopen", "we will reopen") == [
        ("equal", "we will", "we will"),
        ("delete", "not", ""),
        ("equal", "reopen", "reopen"),
    ]


def test_a_story_of_one_article_compares_to_nothing() -> None:
    articles, _ = build()
    coverage = compare(articles[:1])
    assert coverage.unique() == [] and quote_variants(articles[:1]) == []
    assert find_disagreements(articles[:1], coverage) == []


def test_copies_are_not_a_second_source() -> None:
    articles, _ = build()
    original = articles[3]
    copies = [
        Article(
            id=f"c{n}",
            text=original.text,
            source="x",
            outlet=f"Reprint {n}",
            sentences=original.sentences,
            near_duplicate_of=original.id,
        )
        for n in range(500)
    ]
    coverage = compare([original, *copies])
    assert coverage.outlets == [original.outlet]


def test_empty_and_foreign_articles_do_not_crash(embedder_or_none: Callable[[], Embedder | None]) -> None:
    foreign = Article(
        id="de",
        text="Die Fähre brannte am Montag. Vierzehn Fahrgäste wurden verletzt, hieß es.",
        source="x",
        outlet="Zeitung",
    )
    empty = Article(id="e", text="", source="y", outlet="Blank")
    articles, _ = build()
    coverage = compare([articles[0], foreign, empty], embedder_or_none())
    assert "Zeitung" in coverage.outlets
    find_disagreements([articles[0], foreign, empty], coverage)


@pytest.fixture
def embedder_or_none() -> Callable[[], Embedder | None]:
    from crosswire.stories.embed import load_embedder

    return load_embedder
