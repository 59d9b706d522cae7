"""The brief in its three formats, from a store holding the planted corpus."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from story_corpus import COURIER, LEDGER, write

from crosswire.errors import CrosswireError
from crosswire.store import Database, stories_cache
from crosswire.stories import StoryStore, render_brief
from crosswire.stories.record import RECORD_VERSION
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
    headings = [line[3:] for line in brief.splitlines() if line.startswith("## ")]
    assert headings == [
        "Where outlets disagree",
        "What every outlet reports",
        "Only one outlet reports",
        "Who said what",
        "Timeline",
        "Sources",
    ]
    assert "Tobias Wren (harbour master)" in brief
    assert f"[{articles[0].id[:8]}:" in brief
    # Conflicts only: an omission is never a disagreement; a quote's renderings are merged.
    assert "number:" in brief and "omission" not in brief and "truncated:" in brief
    top = brief.split("## ")[0].splitlines()[-2]
    assert top.startswith("**“Fire swept through a passenger ferry") and "where: Port Adley" in top


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
    assert "(none)" in brief and "## Where outlets disagree" not in brief
    with pytest.raises(CrosswireError):
        render_brief(db, "missing", "md", embedder=None)


def test_timeline_flags_the_mentions_in_conflict_only(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    record = json.loads(render_brief(db, ferry_story(db, articles[:3]), "json", embedder=None))
    conflicts = {
        (m["outlet"], m["text"], c["outlet"], c["text"])
        for p in record["timeline"]
        for m in p["mentions"]
        for c in m["conflicts"]
    }
    assert (LEDGER, "March 3", COURIER, "March 2") in conflicts
    assert all("9:40" not in m for c in conflicts for m in c)  # a time of day states no day
    assert all(p["value"][:1].isdigit() for p in record["timeline"])


def test_a_record_of_another_version_is_computed_again(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    story_id = ferry_story(db, articles[:3])
    first = json.loads(render_brief(db, story_id, "json", embedder=None))
    assert first["version"] == RECORD_VERSION
    stale = {**first, "version": RECORD_VERSION - 1, "disagreements": []}
    stories_cache.save_record(db, story_id, len(first["articles"]), stale)  # as an older crosswire left it
    assert json.loads(render_brief(db, story_id, "json", embedder=None))["disagreements"]


def test_translated_quotes_are_labelled_in_the_brief(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, gold = corpus
    treaty = [a for a in articles if gold[a.id] == "treaty"]
    brief = render_brief(db, ferry_story(db, treaty), "md", embedder=None)
    assert "translated:" in brief and "Elias Varga" in brief


def test_syndicated_copies_are_counted_not_listed(
    db: Database, corpus: tuple[list[Article], dict[str, str]]
) -> None:
    articles, _ = corpus
    original = articles[0]
    copies = [
        replace(original, id=f"copy{n:03}", outlet=f"Reprint {n}", text=f"{original.text} (Reprint {n}.)",
                near_duplicate_of=original.id, similarity=0.95)
        for n in range(40)
    ]
    brief = render_brief(db, ferry_story(db, [original, *copies, *articles[1:3]]), "md", embedder=None)
    assert "(+40 syndicated)" in brief and "40 syndicated copies (Reprint 0, Reprint 1" in brief
    assert "and 35 more)" in brief
    assert "Reprint 7:" not in brief and "Reprint 7," not in brief  # no copy speaks for itself
    assert brief.count("Tobias Wren (harbour master):") == 1
