"""Clustering: the planted corpus, bad input, and the bounded candidate lookup."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosswire.stories.cluster import MemoryIndex, StoryInput, cluster_stream
from crosswire.stories.embed import MiniLM
from crosswire.stories.features import lead_text
from crosswire.stories.settings import StorySettings
from crosswire.types import Article


def inputs(articles: list[Article]) -> list[StoryInput]:
    return [
        StoryInput(
            a.id,
            lead_text(a.title, a.text, 60),
            a.published,
            a.outlet,
            frozenset(m.entity_id for m in a.mentions if m.entity_id),
            a.near_duplicate_of,
        )
        for a in articles
    ]


def same_partition(predicted: list[str], gold: list[str]) -> bool:
    pairs = range(len(gold))
    return all((predicted[i] == predicted[j]) == (gold[i] == gold[j]) for i in pairs for j in pairs)


def test_planted_events_cluster_exactly_on_terms_alone(corpus: tuple[list[Article], dict[str, str]]) -> None:
    articles, gold = corpus
    done = cluster_stream(inputs(articles))
    assert same_partition([d.story_id for d in done], [gold[a.id] for a in articles])


def test_planted_events_cluster_exactly_with_embeddings(
    corpus: tuple[list[Article], dict[str, str]], embedder: MiniLM
) -> None:
    articles, gold = corpus
    items = inputs(articles)
    matrix = embedder.embed([i.lead for i in items])
    done = cluster_stream(items, [matrix[n] for n in range(len(items))])
    assert same_partition([d.story_id for d in done], [gold[a.id] for a in articles])


def test_a_lone_article_starts_its_own_story() -> None:
    [done] = cluster_stream([StoryInput("a1", "Lighthouse keeper retires after forty winters", "2025-01-02")])
    assert done.new_story and done.independent


def test_five_hundred_copies_are_one_story_and_one_source() -> None:
    original = StoryInput(
        "orig", "Dam gates opened at Velmar reservoir as rain continues", "2025-02-01", "Wire"
    )
    copies = [replace(original, id=f"copy{n}", outlet=f"Outlet {n}", duplicate_of="orig") for n in range(500)]
    index = MemoryIndex()
    done = cluster_stream([original, *copies], index=index)
    assert {d.story_id for d in done} == {done[0].story_id}
    story = index.stories[done[0].story_id]
    assert (story.articles, story.sources) == (501, 1)
    assert not any(d.independent for d in done[1:])


def test_undated_articles_cluster_on_content(corpus: tuple[list[Article], dict[str, str]]) -> None:
    articles, gold = corpus
    undated = [replace(i, published=None) for i in inputs(articles)]
    done = cluster_stream(undated)
    assert same_partition([d.story_id for d in done], [gold[a.id] for a in articles])


@pytest.mark.parametrize("text", [
    "Die Fähre brannte am Montag vor dem Hafen, vierzehn Fahrgäste wurden verletzt.",
    "", "   ", "12 34 56", "!!! ???", "日本語の記事です。",
])  # fmt: skip
def test_odd_articles_never_crash_and_stay_apart(
    corpus: tuple[list[Article], dict[str, str]], text: str
) -> None:
    articles, _ = corpus
    odd = StoryInput("odd", text, "2025-03-04", "Elsewhere")
    done = cluster_stream([*inputs(articles), odd, replace(odd, id="odd2", published="not a date")])
    assert done[-2].new_story


def test_a_copy_of_an_unknown_original_is_clustered_on_its_own() -> None:
    [done] = cluster_stream(
        [StoryInput("c", "Harbour cranes idle after storm", None, None, duplicate_of="gone")]
    )
    assert done.new_story


def test_candidates_are_capped_per_key_whatever_the_store_holds() -> None:
    settings = StorySettings()
    items = [StoryInput(f"a{n}", f"Storm {n} batters coast harbour town", "2025-03-01") for n in range(400)]
    index = MemoryIndex()
    cluster_stream(items, settings=replace(settings, join_threshold=2.0), index=index)  # never join
    keys = ["t:1", "d:2025-03-01"]
    assert len(index.candidates(keys, settings.candidates_per_key)) <= 2 * settings.candidates_per_key
