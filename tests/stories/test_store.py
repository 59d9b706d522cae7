"""The stories stage on a real Database: assign, copies, listing, the cached record."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from story_corpus import COURIER, LEDGER, TIMES, same_kind_events, write

from crosswire.store import Database
from crosswire.stories import StoryStore, list_stories, story_record
from crosswire.stories.embed import DIMENSIONS, add_story_vectors, vector_bytes, vector_from_bytes
from crosswire.stories.features import Vector
from crosswire.types import Article


def test_assign_builds_one_story_per_event(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, gold = corpus
    write(db, articles)
    stage = StoryStore(db, embedder=None)
    for start in range(0, len(articles), 4):  # batches, as the pipeline writes them
        stage.assign(articles[start : start + 4])
    story_of = {r[0]: r[1] for r in db.query("SELECT article_id, story_id FROM story_articles")}
    assert len(set(story_of.values())) == 3
    assert all(
        (story_of[a.id] == story_of[b.id]) == (gold[a.id] == gold[b.id]) for a in articles for b in articles
    )
    listed = list_stories(db, limit=10)
    assert len(listed) == 3 and all(s["outlets"] == sorted([COURIER, LEDGER, TIMES]) for s in listed)
    assert stage.assign(articles) == []  # re-running places nothing twice


def test_a_batch_reads_each_story_once_and_places_as_one_by_one(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    write(db, articles)
    stage = StoryStore(db, embedder=None)
    stage.assign(articles[:3])
    reads: list[str] = []
    query = db.query

    def counted(sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        if sql.startswith("SELECT * FROM stories WHERE id IN"):
            reads.extend(str(p) for p in params)
        return query(sql, params)

    db.query = counted  # type: ignore[assignment, method-assign]
    batch = stage.assign(articles[3:])
    db.query = query  # type: ignore[method-assign]
    assert reads and len(reads) == len(set(reads))  # a story read once, however many articles see it
    with Database() as apart:  # the same articles placed one per batch: no state shared
        write(apart, articles)
        alone = StoryStore(apart, embedder=None)
        alone.assign(articles[:3])
        single = [d for a in articles[3:] for d in alone.assign([a])]
    assert [(d.article_id, d.story_id, round(d.score, 9)) for d in batch] == \
           [(d.article_id, d.story_id, round(d.score, 9)) for d in single]  # fmt: skip


def test_syndicated_copy_joins_its_original_as_no_new_source(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    original = articles[0]
    copy = replace(
        original,
        id="copy-of-ledger",
        outlet="Wire Reprint",
        text=original.text + " (Reprinted.)",
        near_duplicate_of=original.id,
        similarity=0.95,
    )
    write(db, [original, copy])
    done = StoryStore(db, embedder=None).assign([original, copy])
    assert done[0].story_id == done[1].story_id and not done[1].independent
    row = db.execute("SELECT article_count, source_count FROM stories").fetchone()
    assert (row[0], row[1]) == (2, 1)


def test_record_is_cached_until_the_story_grows(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    ferry = articles[:3]
    write(db, ferry[:2])
    stage = StoryStore(db, embedder=None)
    [first, _] = stage.assign(ferry[:2])
    record = story_record(db, first.story_id, embedder=None)
    assert record is not None and len(record["articles"]) == 2
    assert db.scalar("SELECT count(*) FROM story_comparisons") == 1
    write(db, ferry[2:])
    stage.assign(ferry[2:])
    assert db.scalar("SELECT count(*) FROM story_comparisons") == 0
    grown = story_record(db, first.story_id, embedder=None)
    assert grown is not None and len(grown["articles"]) == 3
    assert set(grown) >= {
        "id",
        "title",
        "articles",
        "timeline",
        "quote_variants",
        "disagreements",
        "coverage",
    }


def test_unknown_story_has_no_record(db: Database) -> None:
    assert story_record(db, "nope", embedder=None) is None
    assert list_stories(db) == []


def test_a_unique_id_prefix_names_a_story(db: Database, corpus: tuple[list[Article], dict[str, str]]) -> None:
    articles, _ = corpus
    write(db, articles[:1])
    [done] = StoryStore(db, embedder=None).assign(articles[:1])
    record = story_record(db, done.story_id[:6], embedder=None, cache=False)
    assert record is not None and record["id"] == done.story_id
    assert db.scalar("SELECT count(*) FROM story_comparisons") == 0


class CountingEmbedder:
    """Unit vectors from a hash of the text; counts the texts it was asked to embed."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vector:
        self.texts += texts
        rows = np.random.default_rng(len(self.texts)).normal(size=(len(texts), DIMENSIONS))
        vectors: Vector = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
        return vectors


def test_vectors_from_the_analysis_are_used_and_only_the_missing_are_embedded(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    in_worker = CountingEmbedder()
    add_story_vectors(articles[:4], lead_words=60, embedder=in_worker)
    assert len(in_worker.texts) == 4
    assert all(len(a.story_vector or b"") == 4 * DIMENSIONS for a in articles[:4])
    add_story_vectors(articles[:4], lead_words=60, embedder=in_worker)
    assert len(in_worker.texts) == 4  # an article keeps the vector it has
    write(db, articles)
    in_writer = CountingEmbedder()
    StoryStore(db, embedder=in_writer).assign(articles)
    assert len(in_writer.texts) == len(articles) - 4
    stored = db.scalar("SELECT COUNT(*) FROM stories WHERE embedding IS NOT NULL")
    assert stored == db.scalar("SELECT COUNT(*) FROM stories")


def test_a_vector_of_another_size_is_ignored_not_trusted() -> None:
    assert vector_from_bytes(np.ones(8, dtype="<f4").tobytes()) is None
    assert vector_from_bytes(vector_bytes(np.ones(DIMENSIONS, dtype=np.float32))) is not None


def test_an_original_read_after_its_copy_becomes_the_independent_source(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    original = replace(articles[0], published="2025-03-03T08:00:00+00:00")
    copy = replace(original, id="reprint", outlet="Wire Reprint", text=original.text + " (Reprinted.)",
                   published="2025-03-04T08:00:00+00:00")  # fmt: skip
    write(db, [copy, original])
    stage = StoryStore(db, embedder=None)
    stage.assign([copy])  # read first: nothing to be a copy of yet
    # The store links the pair by publication date, so the copy points at the original.
    db.execute("INSERT INTO near_duplicates (article_id, duplicate_of, similarity) VALUES (?, ?, 0.95)",
               (copy.id, original.id))  # fmt: skip
    [done] = stage.assign([replace(original, near_duplicate_of=copy.id, similarity=0.95)])
    assert done.independent
    flags = {a: i for a, i in db.query("SELECT article_id, independent FROM story_articles")}
    assert flags == {original.id: 1, copy.id: 0}
    assert db.scalar("SELECT source_count FROM stories") == 1


def _ferry_fires() -> tuple[list[Article], list[str]]:
    """The two same-kind events of ``same_kind_events`` as stored articles with analysis vectors."""
    items, vectors, gold = same_kind_events(DIMENSIONS)
    articles = [
        Article(id=i.id, text=i.lead, source=f"planted:{i.id}", outlet=f"Outlet {i.id}",
                story_vector=vector_bytes(v))
        for i, v in zip(items, vectors, strict=True)
    ]
    return articles, gold


def test_the_store_splits_an_early_merge_as_the_story_grows(db: Database) -> None:
    articles, gold = _ferry_fires()
    write(db, articles)
    stage = StoryStore(db, embedder=None)
    first = stage.assign(articles[:2])
    assert first[0].story_id == first[1].story_id  # merged on two articles
    stage.assign(articles[2:])
    story_of = {a: s for a, s in db.query("SELECT article_id, story_id FROM story_articles")}
    assert same_partition([story_of[a.id] for a in articles], gold)
    counts = db.query("SELECT s.source_count, count(m.position) FROM stories s "
                      "JOIN story_members m ON m.story_id = s.id GROUP BY s.id")  # fmt: skip
    assert sorted(tuple(r) for r in counts) == [(6, 6), (6, 6)]  # each keeps its members


def test_a_split_returns_where_each_article_ends_up_and_moves_copies_along(db: Database) -> None:
    articles, _ = _ferry_fires()
    karsk = articles[1]
    copy = replace(karsk, id="karsk-reprint", text=karsk.text + " (Reprinted.)", outlet="Wire Reprint",
                   near_duplicate_of=karsk.id, similarity=0.95)  # fmt: skip
    stream = [*articles[:2], copy, *articles[2:]]
    write(db, stream)
    done = StoryStore(db, embedder=None).assign(stream)
    story_of = {a: s for a, s in db.query("SELECT article_id, story_id FROM story_articles")}
    assert {d.article_id: d.story_id for d in done} == story_of
    assert story_of[copy.id] == story_of[karsk.id] != story_of[articles[0].id]
    totals = {s: n for s, n in db.query("SELECT id, article_count FROM stories")}
    assert totals == {story_of[karsk.id]: 7, story_of[articles[0].id]: 6}


def same_partition(predicted: Sequence[str], gold: Sequence[str]) -> bool:
    return len(set(zip(predicted, gold, strict=True))) == len(set(predicted)) == len(set(gold))
