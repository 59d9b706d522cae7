"""Stories across languages: an article in another language joins by shared ids, dates and figures.

Entity ids here are made by hand (what cross-script resolution gives: one id for a name in
every script); the sentences are written for these tests.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from story_corpus import write

from crosswire.store import Database
from crosswire.stories import StoryStore
from crosswire.stories.cluster import (
    MemoryIndex,
    StoryInput,
    StoryState,
    assign_one,
    cluster_stream,
    make_signal,
    member_from_json,
    member_json,
    split_story,
)
from crosswire.stories.crosslang import Evidence, event_dates, figures_in, language_key, overlap
from crosswire.stories.embed import DIMENSIONS, vector_bytes
from crosswire.stories.settings import StorySettings
from crosswire.types import Article, Mention, TimeExpr

SETTINGS = StorySettings()


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("a $1.2 billion contract", {"1200000000"}),
        ("контракт на 1,2 млрд долларов", {"1200000000"}),
        ("12억 달러 규모의 계약", {"1200000000"}),
        ("25만 달러를 지원", {"250000"}),
        ("plus de 12 000 mètres cubes; 12,000 cubic metres; 12 тысяч кубометров", {"12000"}),
        ("4 millions d'euros, 4 million euros, 4 млн евро", {"4000000"}),
        ("une hausse de 12,5 % et 48 heures", {"12.5", "48"}),
    ],
)
def test_figures_are_read_the_same_in_every_language(text: str, figures: set[str]) -> None:
    assert figures_in(text) == figures


@pytest.mark.parametrize(
    "text",
    [
        "on April 12, 2026", "le 12 avril", "12 апреля", "4월 12일", "2027년 3월", "March 2027",
        "à 16 h 20", "at 4:20 p.m.", "two miners and 6 berths", "in 2026",
    ],
)
def test_dates_clock_times_years_and_small_counts_are_no_figures(text: str) -> None:
    assert figures_in(text) == frozenset()


def test_event_dates_are_the_days_and_months_of_dated_expressions() -> None:
    times = [TimeExpr("во вторник", 0, 10, "2026-03-10"), TimeExpr("до конца сентября", 11, 20, "2026-09"),
             TimeExpr("два дня", 21, 28, None, "DURATION", duration="P2D"),
             TimeExpr("в 9 утра", 29, 36, "2026-03-10T09:00", "TIME")]
    assert event_dates(times) == {"2026-03-10", "2026-09"}


def test_unknown_language_counts_as_english() -> None:
    assert language_key(None) == "en" and language_key("RU") == "ru"


# -- the join ----------------------------------------------------------------------------------
# One event: the harbour of Veltaro signs a cargo deal; its chairman Idris Moravec; 840 berths.
EVENT_IDS = frozenset({"e:moravec", "e:veltaro", "e:harbour-board"})
EVENT_DATES = frozenset({"2026-04-14", "2026-05-01"})
EVENT_FIGURES = frozenset({"840", "3400000000", "27"})


def english(n: int, **changes: object) -> StoryInput:
    item = StoryInput(f"en{n}", f"Veltaro harbour board signs cargo deal, report {n}", "2026-04-15",
                      f"Wire {n}", EVENT_IDS, None, "en", EVENT_DATES, EVENT_FIGURES)
    for name, value in changes.items():
        setattr(item, name, value)
    return item


def foreign(n: int, language: str, **changes: object) -> StoryInput:
    leads = {"ru": "Совет гавани Вельтаро подписал грузовую сделку", "ko": "벨타로 항만위원회 화물 계약 체결",
             "fr": "Le conseil du port de Veltaro signe un accord de fret"}
    item = StoryInput(f"{language}{n}", leads[language], "2026-04-15", f"{language} outlet {n}", EVENT_IDS,
                      None, language, EVENT_DATES, EVENT_FIGURES)
    for name, value in changes.items():
        setattr(item, name, value)
    return item


def vectors(count: int, seed: int = 3) -> list[np.ndarray]:
    """English title+lead vectors close to one direction (one event told by several outlets)."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal(8)
    return [base + 0.2 * rng.standard_normal(8) for _ in range(count)]


def test_an_article_in_another_language_joins_the_english_story_by_shared_evidence() -> None:
    v = vectors(2)
    items = [english(0), english(1), foreign(0, "ru"), foreign(1, "ko")]
    done = cluster_stream(items, [v[0], v[1], None, None])
    assert len({d.story_id for d in done}) == 1
    assert not done[2].new_story and done[2].score >= SETTINGS.cross_language_threshold


def test_a_story_started_in_another_language_is_joined_by_the_english_report() -> None:
    v = vectors(1)
    done = cluster_stream([foreign(0, "fr"), english(0)], [None, v[0]])
    assert done[0].story_id == done[1].story_id


def test_the_same_leader_at_another_event_the_same_day_starts_its_own_story() -> None:
    """The hard negative: the chairman, his board and his harbour again, other dates and figures."""
    v = vectors(2)
    other = foreign(0, "ru", entities=frozenset({"e:moravec", "e:veltaro", "e:harbour-board", "e:flood"}),
                    dates=frozenset({"2026-04-12"}), figures=frozenset({"61", "900"}))
    done = cluster_stream([english(0), english(1), other], [v[0], v[1], None])
    assert done[2].new_story


def test_shared_entities_alone_never_join_across_languages() -> None:
    v = vectors(1)
    bare = foreign(0, "ko", dates=frozenset(), figures=frozenset())
    done = cluster_stream([english(0), bare], [v[0], None])
    assert done[1].new_story


def test_dates_and_figures_join_without_an_entity_link() -> None:
    """Names not linked across scripts yet: the same days and the same figures still tell the event."""
    v = vectors(1)
    unlinked = foreign(0, "ru", entities=frozenset({"e:моравец"}))
    done = cluster_stream([english(0), unlinked], [v[0], None])
    assert not done[1].new_story


def test_one_shared_date_and_two_shared_names_are_not_enough() -> None:
    v = vectors(1)
    near = foreign(0, "fr", entities=frozenset({"e:moravec", "e:veltaro", "e:dock-strike"}),
                   dates=frozenset({"2026-04-14", "2026-04-15"}), figures=frozenset({"61"}))
    done = cluster_stream([english(0), near], [v[0], None])
    assert done[1].new_story


def test_a_foreign_articles_text_vector_is_not_trusted() -> None:
    """Given the very vector of the English report, a Russian one with nothing else shared stays apart."""
    v = vectors(1)
    nothing = foreign(0, "ru", entities=frozenset(), dates=frozenset(), figures=frozenset())
    done = cluster_stream([english(0), nothing], [v[0], v[0]])
    assert done[1].new_story
    assert make_signal(nothing, v[0], MemoryIndex(), SETTINGS).embedding is None


def test_articles_in_one_foreign_language_still_meet_by_their_words() -> None:
    a = foreign(0, "fr", entities=frozenset(), dates=frozenset(), figures=frozenset())
    b = foreign(1, "fr", entities=frozenset(), dates=frozenset(), figures=frozenset())
    done = cluster_stream([a, b])
    assert done[0].story_id == done[1].story_id


def test_a_story_told_in_two_languages_is_not_split_along_them() -> None:
    v = vectors(3)
    items = [english(0), foreign(0, "ru"), english(1), foreign(1, "ru"), english(2),
             foreign(2, "ru")]
    done = cluster_stream(items, [v[0], None, v[1], None, v[2], None])
    assert len({d.story_id for d in done}) == 1


def test_a_story_counts_its_languages_and_scores_each_against_its_own() -> None:
    v = vectors(2)
    index = MemoryIndex()
    for item, vec in [(english(0), v[0]), (foreign(0, "ru"), None), (english(1), v[1])]:
        assign_one(item, vec, index, SETTINGS)
    [story] = index.stories.values()
    assert story.languages == Counter({"en": 2, "ru": 1})
    assert story.sources_in("en") == 2 and story.sources_in("ko") == 0
    assert story.dates["2026-04-14"] == 3


def test_a_member_keeps_its_language_dates_and_figures_through_json() -> None:
    signal = make_signal(foreign(0, "ko"), None, MemoryIndex(), SETTINGS)
    back = member_from_json(member_json(signal))
    assert (back.language, back.dates, back.figures) == ("ko", EVENT_DATES, EVENT_FIGURES)


def test_overlap_weighs_entities_dates_and_figures() -> None:
    full = Evidence(EVENT_IDS, EVENT_DATES, EVENT_FIGURES)
    assert overlap(full, full) == pytest.approx(1.0)
    assert overlap(Evidence(EVENT_IDS, (), ()), full) == 0.0  # one kind of evidence is none
    assert overlap(Evidence((), EVENT_DATES, EVENT_FIGURES), full) == pytest.approx(0.5)
    assert overlap(Evidence(EVENT_IDS, {"2026-04-14"}, ()), full) == pytest.approx(0.75)  # its one date: full
    assert overlap(Evidence((), (), ()), full) == 0.0


def test_split_check_leaves_a_two_language_story_whole() -> None:
    v = vectors(3)
    index = MemoryIndex()
    for item, vec in [(english(0), v[0]), (english(1), v[1]), (english(2), v[2]),
                      (foreign(0, "fr"), None), (foreign(1, "fr"), None), (foreign(2, "fr"), None)]:
        assign_one(item, vec, index, SETTINGS)
    [story] = index.stories.values()
    assert isinstance(story, StoryState) and split_story(story, SETTINGS) is None


# -- on a real store -----------------------------------------------------------------------------
def stored_article(article_id: str, language: str, text: str, ids: list[str]) -> Article:
    names = text.split()[:2]
    mentions = [Mention(name, 0, len(name), "PERSON", entity_id=eid)
                for name, eid in zip(names, ids, strict=True)]
    times = [TimeExpr("x", 0, 1, "2026-04-14")]
    vector = vector_bytes(np.ones(DIMENSIONS, dtype=np.float32))
    return Article(article_id, text, "test", title=text.split(".")[0], published="2026-04-15",
                   outlet=f"outlet {article_id}", language=language, mentions=mentions, times=times,
                   story_vector=vector)


def test_the_store_keeps_languages_and_joins_across_them() -> None:
    english_text = "Moravec Veltaro. The harbour board signed a $3.4 billion deal: 840 berths, 27 cranes."
    russian_text = "Моравец Вельтаро. Совет гавани подписал сделку на 3,4 млрд: 840 причалов, 27 кранов."
    articles = [stored_article("a" * 16, "en", english_text, ["e:moravec", "e:veltaro"]),
                stored_article("b" * 16, "ru", russian_text, ["e:moravec", "e:veltaro"])]
    with Database() as db:
        write(db, articles)
        done = StoryStore(db, embedder=None).assign(articles)
        assert done[0].story_id == done[1].story_id
        story = StoryStore(db, embedder=None).load(done[0].story_id)
        assert story is not None and story.languages == Counter({"en": 1, "ru": 1})
        assert story.figures["3400000000"] == 2


def test_a_story_stored_before_languages_counts_its_sources_as_english() -> None:
    with Database() as db:
        db.execute("INSERT INTO stories (id, title, article_count, source_count, state) "
                   "VALUES ('s1', 'old', 4, 3, '{\"terms\": {}}')")
        story = StoryStore(db, embedder=None).load("s1")
        assert story is not None and story.sources_in("en") == 3
