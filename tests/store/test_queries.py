"""The read layer (crosswire.store.queries) over articles saved by the store's own writer."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from crosswire.store import ArticleStore, Database, queries
from crosswire.store.articles import NewArticle
from crosswire.types import Article, Quote, Speaker, TimeExpr


def _article(aid: str, speaker: str, said: str, published: str, outlet: str = "Ledger") -> Article:
    text = f"“{said},” said {speaker} on Monday."
    name_at = text.index(speaker)
    return Article(
        id=aid,
        text=text,
        source=f"{aid}.txt",
        raw=text,
        outlet=outlet,
        title=f"{speaker} speaks",
        published=published,
        quotes=[
            Quote(
                said,
                1,
                1 + len(said),
                "direct",
                speaker=Speaker(speaker, None, None, "person", name_at, name_at + len(speaker)),
            )
        ],
        times=[
            TimeExpr(
                "Monday", text.index("Monday"), text.index("Monday") + 6, "2025-03-03", "DATE", 0, len(text)
            )
        ],
    )


@pytest.fixture
def db() -> Database:
    database = Database()
    articles = [
        _article("a1", "Rate 100% Jones", "we are sure", "2025-03-01"),
        _article("a2", "Rate 1000 Smith", "we are not sure", "2025-03-02", outlet="Times"),
        _article("a3", "Ann_Lee", "maybe", "2025-03-03"),
    ]
    ArticleStore(database).save_batch(
        [NewArticle(a, np.zeros(4, dtype=np.uint64), [(0, 1)]) for a in articles]
    )
    return database


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("100%", ["Rate 100% Jones"]),  # % is a character, not "anything"
        ("%", ["Rate 100% Jones"]),
        ("Ann_", ["Ann_Lee"]),  # _ is a character, not "any one character"
        ("Rate 1", ["Rate 100% Jones", "Rate 1000 Smith"]),
        ("nobody", []),
    ],
)
def test_speaker_filters_take_the_name_literally(db: Database, speaker: str, expected: list[str]) -> None:
    assert [q.speaker for q in queries.list_quotes(db, speaker=speaker)] == expected
    assert sorted(queries.speaker_names(db, speaker)) == expected


def test_article_prefix_filter_is_literal(db: Database) -> None:
    assert [q.article_id for q in queries.list_quotes(db, article="a")] == ["a1", "a2", "a3"]
    assert queries.list_quotes(db, article="_1") == []


def test_articles_newest_first_with_outlet_counts(db: Database) -> None:
    assert [a.id for a in queries.list_articles(db)] == ["a3", "a2", "a1"]
    assert [a.id for a in queries.list_articles(db, outlet="Ledger")] == ["a3", "a1"]
    assert queries.count_articles(db) == 3 and queries.count_articles(db, "Times") == 1
    assert [(o.outlet, o.articles) for o in queries.outlet_counts(db)] == [("Ledger", 2), ("Times", 1)]


def test_timeline_points_carry_their_sentence(db: Database) -> None:
    points = queries.timeline(db)
    assert {p.value for p in points} == {"2025-03-03"} and len(points) == 3
    assert all(p.sentence and p.sentence.endswith("on Monday.") for p in points)


def test_search_finds_words_and_marks_them(db: Database) -> None:
    hits, matches = queries.search_articles(db, "sure", marks=("[", "]"))
    assert matches == 2 and {h.article.id for h in hits} == {"a1", "a2"}
    assert all("[sure]" in (h.snippet or "") for h in hits)
    assert queries.search_articles(db, 'unbalanced "quote')[1] == 0  # not FTS syntax: words instead


def test_records_are_json(db: Database) -> None:
    [quote] = queries.list_quotes(db, speaker="Ann")
    assert json.loads(json.dumps(queries.as_json(quote)))["speaker"] == "Ann_Lee"


def test_a_quote_a_syndicated_copy_repeats_is_listed_once(db: Database) -> None:
    original = queries.find_article(db, "a1")
    assert original is not None
    copy = replace(original, id="a1-copy", source="copy.txt", outlet="Reprints", near_duplicate_of="a1",
                   published="2025-03-05", similarity=0.9)  # fmt: skip
    ArticleStore(db).save_batch([NewArticle(copy, np.zeros(4, dtype=np.uint64), [(0, 2)])])
    listed = queries.list_quotes(db, speaker="Jones")
    assert [(q.article_id, q.copies) for q in listed] == [("a1", 1)]
    assert queries.near_duplicate_of(db, "a1-copy") == "a1"
