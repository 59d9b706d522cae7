"""The brief in its three formats, from a store holding the planted corpus."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from story_corpus import write

from crosswire.errors import CrosswireError
from crosswire.store import Database
from crosswire.stories import StoryStore, render_brief
from crosswire.types import Article


def ferry_story(db: Database, articles: list[Article]) -> str:
    write(db, articles)
    done = StoryStore(db, embedder=None).assign(articles)
    return done[0].story_id


def test_markdown_brief_has_every_section_and_cites_spans(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    brief = render_brief(db, ferry_story(db, articles[:3]), "md", embedder=None)
    for heading in (
        "What happened",
        "Who said what",
        "Only one outlet reports",
        "Where they disagree",
        "Quote variants",
        "Articles",
    ):
        assert f"## {heading}" in brief
    assert "CONFLICT" in brief and "Tobias Wren (harbour master)" in brief
    assert f"[{articles[0].id[:8]}:" in brief
    assert "number:" in brief and "omission:" in brief and "truncated" in brief


def test_html_brief_escapes_article_text(db: Database, corpus: tuple[list[Article], dict[str, str]]) -> None:
    articles, _ = corpus
    hostile = replace(articles[0], title="<script>alert('x')</script> Ferry fire")
    brief = render_brief(db, ferry_story(db, [hostile, *articles[1:3]]), "html", embedder=None)
    assert "<script>" not in brief and "&lt;script&gt;" in brief
    assert brief.startswith("<!doctype html>")


def test_json_brief_is_the_record(db: Database, corpus: tuple[list[Article], dict[str, str]]) -> None:
    articles, _ = corpus
    record = json.loads(render_brief(db, ferry_story(db, articles[:3]), "json", embedder=None))
    assert {"id", "title", "articles", "timeline", "quote_variants", "disagreements", "coverage"} <= set(
        record
    )
    for d in record["disagreements"]:  # every span is exactly its article's characters
        text = next(a.text for a in articles if a.id == d["a"]["article_id"])
        assert text[d["a"]["start"] : d["a"]["end"]] == d["a"]["text"]


def test_one_article_story_and_unknown_story(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    brief = render_brief(db, ferry_story(db, articles[:1]), "md", embedder=None)
    assert "(none)" in brief
    with pytest.raises(CrosswireError):
        render_brief(db, "missing", "md", embedder=None)
