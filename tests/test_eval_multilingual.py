"""The multilingual corpus is consistent, and its scoring counts what it says it counts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bench.eval import multilingual as ml
from bench.eval.common import Skip


def corpus() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    lines = (ml.CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    inputs = {r["url"]: r for r in map(json.loads, lines)}
    return ml.load_gold()["articles"], inputs


def test_every_gold_span_is_the_text_it_names() -> None:
    gold, inputs = corpus()
    assert {a["url"] for a in gold} == set(inputs)
    for article in gold:
        text = inputs[article["url"]]["text"]
        for item in article["quotes"] + article["dates"] + article["entities"]:
            assert text[item["start"]:item["end"]] == item["text"]


def test_every_event_is_told_in_english_and_two_other_languages() -> None:
    gold, _ = corpus()
    languages: dict[str, set[str]] = {}
    for article in gold:
        languages.setdefault(article["story"], set()).add(article["language"])
    assert all("en" in langs and len(langs - {"en"}) >= 2 for langs in languages.values())


def test_the_reporting_split_is_skipped_for_want_of_a_blind_split() -> None:
    with pytest.raises(Skip):
        ml.run(split="reporting")


def article(url: str, story: str, language: str, entities: list[tuple[int, int, str, str]]) -> dict[str, Any]:
    return {"url": url, "story": story, "language": language, "quotes": [], "dates": [],
            "entities": [{"start": s, "end": e, "text": t, "id": i} for s, e, t, i in entities]}


def test_cross_script_pairs_count_only_across_scripts() -> None:
    gold = [article("en", "s", "en", [(0, 4, "Oleg", "o")]),
            article("fr", "s", "fr", [(0, 4, "Oleg", "o")]),
            article("ru", "s", "ru", [(0, 4, "Олег", "o")])]
    linked = ml.Predicted([], [], [((0, 4), "E1")], "S")
    # en-ru and fr-ru are the gold cross-script pairs; en-fr shares a script.
    all_linked = ml.cross_script_links(gold, {"en": linked, "fr": linked, "ru": linked})
    assert (all_linked.precision, all_linked.recall) == (1.0, 1.0)
    russian_apart = ml.Predicted([], [], [((0, 4), "E2")], "S")
    apart = ml.cross_script_links(gold, {"en": linked, "fr": linked, "ru": russian_apart})
    assert apart.recall == 0.0


def test_story_figures() -> None:
    gold = [article("en", "a", "en", []), article("ru", "a", "ru", []), article("ko", "a", "ko", [])]
    pred = {"en": ml.Predicted([], [], [], "X"), "ru": ml.Predicted([], [], [], "X"),
            "ko": ml.Predicted([], [], [], "Y")}
    assert ml.joined(gold, gold, pred) == 0.5
    assert 0.0 < ml.bcubed(gold, pred) < 1.0
    assert ml.bcubed(gold, {k: ml.Predicted([], [], [], "X") for k in pred}) == 1.0
