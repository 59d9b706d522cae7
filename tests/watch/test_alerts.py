"""Alert rules fire once per rule and fact, across restarts; each condition on hand-made
articles; conflicts and variants from a story record built by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crosswire.pipeline import Pipeline
from crosswire.store import Database, queries
from crosswire.store.queries import watch as reads
from crosswire.store.watch import AlertRule, WatchStore
from crosswire.types import RawDocument
from crosswire.watch.rules import evaluate_rules

pytestmark = pytest.mark.slow

FERRY = """Harbour ferry to resume in spring

PORT ADLEY, March 3, 2025 - The ferry between Port Adley and Calder will run again in April, the \
port authority said on Monday.

"We will reopen the crossing before the summer crowds arrive," said Mara Quillon, the director of \
the port authority.

Quillon added that the new timetable would double the number of evening crossings. "Residents asked \
for later boats and they will get them," she said.

Councillor Tobias Wren said the plan was overdue. "The harbour has waited three years for this \
decision," Wren told reporters."""

SCHOOLS = """Calder schools get new roofs

CALDER, March 4, 2025 - Eleven schools in Calder will get new roofs this year, the education board \
said on Tuesday.

"Every classroom will be dry by the autumn term," said Anika Solberg, who chairs the board. The \
work starts in May and should end in August, Solberg said."""


def _ingest(pipeline: Pipeline, source: str, text: str) -> None:
    report = pipeline.ingest_documents([RawDocument(source, text, "text", hints={"outlet": "Gazette"})])
    assert report.added == 1, report


def _none(story_id: str) -> dict[str, Any] | None:
    return None


def _fired(db: Database, rule: str) -> list[reads.AlertRow]:
    return reads.alert_log(db, rule=rule)


def test_each_condition_fires_on_new_articles_once(open_pipeline: Callable[..., Pipeline]) -> None:
    pipeline = open_pipeline()
    db = pipeline.store.db
    store = WatchStore(db)
    for rule in (
        AlertRule("harbour-boss", "quoted", "Mara Quillon"),
        AlertRule("wren", "mentions", "Tobias Wren"),
        AlertRule("dry", "quote-matches", "classroom DRY"),
        AlertRule("one-source", "story-sources", "1"),
        AlertRule("wide", "story-sources", "5"),
    ):
        store.add_rule(rule)
    _ingest(pipeline, "mem://ferry", FERRY)
    _ingest(pipeline, "mem://schools", SCHOOLS)
    new = evaluate_rules(db, _none)
    quotes = _fired(db, "harbour-boss")
    assert len(quotes) == 3 and {a.facts["speaker"] for a in quotes} == {
        "Mara Quillon"
    }  # two said, one reported
    span = quotes[-1].facts["quote"]
    article = queries.article(db, span["article_id"])
    assert article is not None and article.text[span["start"] : span["end"]] == span["text"]  # its span
    assert len(_fired(db, "wren")) == 1 and len(_fired(db, "wren")[0].facts["mentions"]) >= 2
    assert [a.facts["quote"]["text"] for a in _fired(db, "dry")] == [
        "Every classroom will be dry by the autumn term"
    ]
    assert len(_fired(db, "one-source")) == 2 and _fired(db, "wide") == []
    assert len(new) == 3 + 1 + 1 + 2
    assert evaluate_rules(db, _none) == []  # nothing new: nothing fires


def test_a_rule_sees_only_what_is_stored_after_it_unless_backfilled(
    open_pipeline: Callable[..., Pipeline],
) -> None:
    pipeline = open_pipeline()
    _ingest(pipeline, "mem://ferry", FERRY)
    store = WatchStore(pipeline.store.db)
    store.add_rule(AlertRule("later", "quoted", "Tobias Wren"))
    store.add_rule(AlertRule("all", "quoted", "Tobias Wren"), backfill=True)
    evaluate_rules(pipeline.store.db, _none)
    assert _fired(pipeline.store.db, "later") == [] and len(_fired(pipeline.store.db, "all")) == 2


def test_alerts_fire_once_across_restarts_and_reevaluation(open_pipeline: Callable[..., Pipeline]) -> None:
    pipeline = open_pipeline()
    WatchStore(pipeline.store.db).add_rule(AlertRule("boss", "quoted", "Mara Quillon"))
    _ingest(pipeline, "mem://ferry", FERRY)
    assert len(evaluate_rules(pipeline.store.db, _none)) == 3
    restarted = open_pipeline()
    # A cursor lost (a crash before it moved) re-reads the same facts: the unique key holds.
    restarted.store.db.execute("UPDATE alert_rules SET cursor = 0")
    assert evaluate_rules(restarted.store.db, _none) == []
    assert len(_fired(restarted.store.db, "boss")) == 3


def _record(disagreements: list[dict[str, Any]], variants: list[dict[str, Any]]) -> dict[str, Any]:
    return {"disagreements": disagreements, "quote_variants": variants}


def _side(article_id: str, start: int, text: str, outlet: str) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "start": start,
        "end": start + len(text),
        "text": text,
        "outlet": outlet,
    }


def test_conflicts_and_variants_fire_once_per_pair(open_pipeline: Callable[..., Pipeline]) -> None:
    pipeline = open_pipeline()
    db = pipeline.store.db
    store = WatchStore(db)
    store.add_rule(AlertRule("clash", "conflict"))
    store.add_rule(AlertRule("other-story", "conflict", story_id="zzzz"))
    store.add_rule(AlertRule("reworded", "variant"))
    _ingest(pipeline, "mem://ferry", FERRY)
    a, b = _side("a1", 10, "in April", "Gazette"), _side("b2", 40, "in June", "Courier")
    conflict: dict[str, Any] = {
        "kind": "date",
        "a": a,
        "b": b,
        "missing_from": [],
        "claim_a": None,
        "claim_b": None,
    }
    variant = {"speaker": "Mara Quillon", "kind": "wording", "similarity": 0.8, "a": a, "b": b, "diff": []}
    asked: list[str] = []

    def records(story_id: str) -> dict[str, Any]:
        asked.append(story_id)
        return _record([conflict, {**conflict, "b": None}], [variant])

    evaluate_rules(db, records)
    clash = _fired(db, "clash")
    assert (
        len(clash) == 1 and clash[0].facts["b"]["text"] == "in June" and "date conflict" in clash[0].summary
    )
    assert _fired(db, "other-story") == [] and len(_fired(db, "reworded")) == 1
    assert len(asked) == 1  # one story compared once for every rule that needs it
    db.execute("UPDATE alert_rules SET cursor = 0")
    evaluate_rules(db, records)
    assert len(_fired(db, "clash")) == 1 and len(_fired(db, "reworded")) == 1
