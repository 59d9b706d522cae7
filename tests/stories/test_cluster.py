"""Clustering: the planted corpus, bad input, and the bounded candidate lookup."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from story_corpus import same_kind_events

from crosswire.stories.cluster import (
    MemoryIndex,
    Regrouping,
    Signal,
    StoryInput,
    StoryState,
    absorb,
    assign_one,
    cluster_stream,
    member_from_json,
    member_json,
    most_shared,
    score,
    split_story,
    story_id_for,
)
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
    never_join = replace(settings, join_threshold=2.0, join_threshold_terms=2.0)
    cluster_stream(items, settings=never_join, index=index)
    assert len(index.stories) == 400
    keys = ["t:1", "d:2025-03-01"]
    assert len(index.candidates(keys, settings.candidates_per_key, 1000)) <= 2 * settings.candidates_per_key
    assert len(index.candidates(keys, settings.candidates_per_key, 5)) == 5


def test_the_stories_found_under_most_keys_are_scored_first() -> None:
    hits = [("old-shared", 1), ("fresh", 9), ("old-shared", 2), ("fresh-too", 8), ("old-shared", 3)]
    assert most_shared(hits, 2) == ["old-shared", "fresh"]  # then the most recently active
    assert most_shared(hits, 10) == ["old-shared", "fresh", "fresh-too"]
    assert most_shared([], 3) == []


# -- mean linkage, probes and the split check ------------------------------------------------
def _unit(v: np.ndarray) -> np.ndarray:
    unit: np.ndarray = (v / np.linalg.norm(v)).astype(np.float32)
    return unit


def _signal(sid: str, vector: np.ndarray, terms: dict[int, float]) -> Signal:
    norm = sum(w * w for w in terms.values()) ** 0.5
    signal = Signal(sid, None, None, Counter(terms), frozenset(), _unit(vector))
    signal.terms = {t: w / norm for t, w in terms.items()}
    signal.keys = [f"t:{t}" for t in terms]
    return signal


def _story_of(signals: list[Signal], settings: StorySettings) -> StoryState:
    story = StoryState(story_id_for(signals[0].id), "a story")
    for signal in signals:
        story.articles += 1
        absorb(story, signal, settings)
    return story


def _group(prefix: str, axis: int, terms: dict[int, float], n: int, seed: int) -> list[Signal]:
    rng = np.random.default_rng(seed)
    base = np.eye(8)[axis]
    return [_signal(f"{prefix}{k}", base + 0.1 * rng.standard_normal(8), terms) for k in range(n)]


def test_a_story_is_scored_against_its_members_on_average() -> None:
    settings = StorySettings()
    near = _signal("near", np.eye(8)[0], {1: 1.0, 2: 1.0})
    far = _signal("far", np.eye(8)[1], {3: 1.0, 4: 1.0})
    article = _signal("new", np.eye(8)[0] + 0.5 * np.eye(8)[1], {1: 1.0, 3: 1.0})
    both = score(article, _story_of([near, far], settings), settings)
    alone = [score(article, _story_of([s], settings), settings) for s in (near, far)]
    assert both == pytest.approx(sum(alone) / 2, abs=1e-6)


def test_two_groups_in_one_story_are_split_and_the_larger_keeps_the_id() -> None:
    settings = StorySettings()
    quake = _group("q", 0, {1: 1.0, 2: 1.0, 9: 1.0}, 4, seed=1)
    flood = _group("f", 1, {3: 1.0, 4: 1.0, 9: 1.0}, 3, seed=2)
    story = _story_of([quake[0], flood[0], quake[1], flood[1], quake[2], flood[2], quake[3]], settings)
    story.articles += 2  # two syndicated copies
    original_id = story.id
    moved = split_story(story, settings)
    assert moved is not None
    assert story.id == original_id and {m.id for m in story.members} == {s.id for s in quake}
    assert {m.id for m in moved.members} == {s.id for s in flood}
    assert (story.sources, story.articles, moved.sources, moved.articles) == (4, 6, 3, 3)


def test_one_coherent_story_or_too_few_members_is_not_split() -> None:
    settings = StorySettings()
    assert split_story(_story_of(_group("q", 0, {1: 1.0, 2: 1.0}, 10, seed=3), settings), settings) is None
    five = _group("q", 0, {1: 1.0}, 3, seed=4)[:3] + _group("f", 1, {3: 1.0}, 2, seed=5)
    assert split_story(_story_of(five, settings), settings) is None  # a group of two is not a story


def test_a_story_keeps_at_most_member_cap_members() -> None:
    settings = replace(StorySettings(), member_cap=5)
    story = _story_of(_group("q", 0, {1: 1.0}, 9, seed=6), settings)
    assert (story.sources, len(story.members)) == (9, 5)
    assert split_story(story, settings) is None  # past the cap a story is settled


def test_an_early_merge_of_two_events_is_split_as_the_story_grows() -> None:
    items, vectors, gold = same_kind_events()
    index = MemoryIndex()
    assign_one(items[0], vectors[0], index, StorySettings())
    assign_one(items[1], vectors[1], index, StorySettings())
    assert index.story_of("k0") == index.story_of("v0")  # merged on two articles
    done = cluster_stream(items, vectors)
    assert same_partition([d.story_id for d in done], gold)


def test_without_regroup_an_index_gets_no_split() -> None:
    items, vectors, _ = same_kind_events()

    class PlainIndex:  # a StoryIndex that cannot move articles (no ``regroup``)
        def __init__(self) -> None:
            self.inner = MemoryIndex()
            self.story_of, self.load = self.inner.story_of, self.inner.load
            self.candidates, self.frequencies, self.save = (
                self.inner.candidates,
                self.inner.frequencies,
                self.inner.save,
            )

    plain = PlainIndex()
    done = [assign_one(i, v, plain, StorySettings()) for i, v in zip(items, vectors, strict=True)]
    assert not isinstance(plain, Regrouping) and len({d.story_id for d in done}) == 1


def test_a_lead_of_unseen_words_still_finds_its_story_through_the_words_already_seen() -> None:
    first = StoryInput("a1", "Velmar harbour crane collapse injures dock workers")
    rare = " ".join(f"zq{chr(97 + n)}word" for n in range(12))  # twelve words nobody used before
    second = StoryInput("a2", f"Crane collapse at Velmar harbour: dock workers injured. {rare}")
    done = cluster_stream([first, second])
    assert done[0].story_id == done[1].story_id


def test_a_member_survives_the_trip_through_json() -> None:
    [member] = _group("q", 0, {1: 0.6, 2: 0.8}, 1, seed=7)
    member.title, member.outlet = "Ferry fire off Velmar", "Velmar Times"
    back = member_from_json(json.loads(json.dumps(member_json(member))))
    assert (back.id, back.title, back.outlet) == (member.id, member.title, member.outlet)
    assert back.keys == member.keys
    assert back.embedding is not None and member.embedding is not None
    assert np.allclose(back.embedding, member.embedding)
    assert back.terms == pytest.approx(member.terms, abs=1e-5)
