"""Hostile inputs end to end: what is stored, with which notes, and what is refused, saying why.

Each input sits next to a good one: a bad input never costs the articles of the others.
"""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.export import write_json
from crosswire.ingest import sources
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.store.migrations import MIGRATIONS
from crosswire.types import RawDocument


def _stored(store: ArticleStore, name: str) -> dict[str, Any]:
    """The export record of the article first read from the file ``name``."""
    buffer = io.StringIO()
    write_json(store, buffer)
    articles: list[dict[str, Any]] = json.loads(buffer.getvalue())["articles"]
    records = [r for r in articles if Path(r["source"]).name == name]
    assert len(records) == 1, f"{name} was not stored"
    return records[0]


def test_decoding_and_cleaning_notes_are_stored_and_exported(
    pipeline: Pipeline, tmp_path: Path, make_article: Callable[..., str]
) -> None:
    text = make_article(1).replace("said on Tuesday", "said on “Tuesday”")
    (tmp_path / "bad-bytes.txt").write_bytes(text.encode().replace(b"residents", b"resid\xe9nts", 1))
    (tmp_path / "nul.txt").write_bytes(make_article(2).encode().replace(b" said", b"\x00 said", 1))
    (tmp_path / "utf16.txt").write_bytes(make_article(3).encode("utf-16-le"))
    doubled = make_article(4).split("\n\n")
    (tmp_path / "doubled.txt").write_text("\n\n".join([*doubled, doubled[-1]]))
    report = pipeline.ingest([str(tmp_path)])
    assert (report.added, report.failed) == (4, 0)
    store = pipeline.store
    assert _stored(store, "bad-bytes.txt")["notes"] == ["replaced 1 byte not valid in utf-8 with U+FFFD"]
    assert "“Tuesday”" in _stored(store, "bad-bytes.txt")["text"]
    assert _stored(store, "nul.txt")["notes"] == ["removed 1 control character (NUL, ^Z...)"]
    assert _stored(store, "utf16.txt")["notes"] == []
    assert "petition" in _stored(store, "utf16.txt")["text"]
    [note] = _stored(store, "doubled.txt")["notes"]
    assert note.startswith("kept 1 of 2 identical paragraphs")


def test_notes_survive_reopening_the_store(settings: Settings, nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"Ferries resume\n\n\x00The ferry between Hollis Bay and Karsk "
                                       b"resumed on Friday after three weeks of repairs to the pier.\n")
    with Database(settings.db_path) as db:
        Pipeline(settings, ArticleStore(db), nlp=nlp).ingest([str(tmp_path / "nul.txt")])
    with Database(settings.db_path) as db:
        [article] = ArticleStore(db).iter_articles()
    assert article.notes == ["removed 1 control character (NUL, ^Z...)"]


def test_a_store_from_before_notes_keeps_its_articles(tmp_path: Path) -> None:
    before_notes = next(i for i, script in enumerate(MIGRATIONS) if "ADD COLUMN notes" in script)
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:before_notes], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    conn.execute("INSERT INTO raw_inputs (id, media_type, content) VALUES ('r1', 'text', 'Old text.')")
    conn.execute("INSERT INTO articles (id, raw_id, source, text, word_count) "
                 "VALUES ('a1', 'r1', 'old.txt', 'Old text.', 2)")
    conn.commit()
    conn.close()
    with Database(path) as db:
        article = ArticleStore(db).get("a1")
    assert article is not None and (article.text, article.notes) == ("Old text.", [])


def test_hostile_files_are_refused_with_one_line_each_and_the_good_one_stored(
    settings: Settings,
    fresh_store: ArticleStore,
    nlp: Language,
    tmp_path: Path,
    make_article: Callable[..., str],
) -> None:
    paragraph = make_article(5).split("\n\n")[-2]
    (tmp_path / "repeated.txt").write_text("\n\n".join([paragraph] * 1100))
    (tmp_path / "long.txt").write_text(make_article(6, paragraphs=40))
    (tmp_path / "good.txt").write_text(make_article(7))
    pipeline = Pipeline(replace(settings, max_article_chars=5000), fresh_store, nlp=nlp)
    report = pipeline.ingest([str(tmp_path)])
    assert (report.added, report.failed) == (1, 2)
    reasons = {Path(p.source).name: p.reason for p in report.problems}
    assert reasons["long.txt"].endswith("over the 5,000-character limit (CROSSWIRE_MAX_ARTICLE_CHARS)")
    assert reasons["repeated.txt"].startswith(f"cleaning left {len(paragraph)} of ")
    assert "kept 1 of 1,100 identical paragraphs" in reasons["repeated.txt"]
    assert all("\n" not in reason for reason in reasons.values())


def test_an_entity_bomb_page_is_stored_with_its_real_title(pipeline: Pipeline, tmp_path: Path) -> None:
    subset = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 8))
    body = "".join(
        f"<p>Paragraph {n}: the Calder ferry board met on Monday and agreed to restore the evening "
        f"crossings from April, after {n * 40} commuters signed a petition for them.</p>"
        for n in range(1, 5)
    )
    (tmp_path / "bomb.html").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY e0 "boom">\n{subset}\n]>\n<html><head>'
        f"<title>Calder ferry crossings return</title></head><body><p>&e7;</p>{body}</body></html>"
    )
    assert pipeline.ingest([str(tmp_path / "bomb.html")]).added == 1
    record = _stored(pipeline.store, "bomb.html")
    assert record["title"] == "Calder ferry crossings return"
    assert "]>" not in record["text"] and "boom" not in record["text"]


def test_a_reader_that_fails_costs_only_its_own_input(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_article: Callable[..., str]
) -> None:
    def fails_after_two(stream: object, source: str, limit: int) -> Iterator[RawDocument]:
        yield RawDocument(f"{source}:1", make_article(8), "text")
        yield RawDocument(f"{source}:2", make_article(9), "text")
        raise MemoryError

    monkeypatch.setattr(sources, "read_jsonl", fails_after_two)
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "b.txt").write_text(make_article(10))
    report = pipeline.ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")])
    assert (report.added, report.failed) == (3, 1) and pipeline.store.count() == 3
    assert report.problems[0].reason == "reading stopped here (MemoryError)"
