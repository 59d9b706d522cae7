"""Alert rules and their evaluation: which new facts of the store each rule fires on.

A rule looks only at the articles stored since its cursor. What it finds becomes a
``Firing`` with a ``fact_key`` naming the fact (a quote's span, a story, a pair of spans that
disagree); the store keeps one alert per rule and fact key, so a fact seen again (a restart,
a story compared again) fires nothing new.

    quoted PERSON      a quote whose speaker is PERSON (any alias of the person's entity)
    mentions ENTITY    an article that mentions ENTITY (one alert per article)
    story-sources N    a story reaches N independent sources
    conflict [story]   a new disagreement between outlets in a story
    variant            a new rendering of a quote (two outlets quote one speaker differently)
    quote-matches W    a quote containing every one of the words W
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from crosswire.store.db import Database
from crosswire.store.queries import watch as reads
from crosswire.store.watch import AlertRule, Firing, WatchStore

KINDS = ("quoted", "mentions", "story-sources", "conflict", "variant", "quote-matches")
_WORD = re.compile(r"\w+")

StoryRecords = Callable[[str], dict[str, Any] | None]
"""A story's comparison record (``crosswire.stories.story_record``), by id."""


def evaluate_rules(db: Database, records: StoryRecords) -> list[int]:
    """Evaluate every rule on what was stored since its cursor; the ids of the new alerts."""
    store = WatchStore(db)
    upto = reads.last_article_rowid(db)
    cache: dict[str, dict[str, Any] | None] = {}

    def cached(story_id: str) -> dict[str, Any] | None:
        if story_id not in cache:
            cache[story_id] = records(story_id)
        return cache[story_id]

    fired = []
    for rule in store.rules():
        if rule.cursor < upto:
            fired += store.fire(rule, firings(db, rule, upto, cached), upto)
    return fired


def firings(db: Database, rule: AlertRule, upto: int, records: StoryRecords) -> list[Firing]:
    kind = rule.kind
    if kind in ("quoted", "quote-matches"):
        return _quote_firings(db, rule, upto)
    if kind == "mentions":
        return _mention_firings(db, rule, upto)
    if kind == "story-sources":
        return _story_firings(db, rule, upto)
    return _comparison_firings(db, rule, upto, records)


def _span(article_id: str, start: int, end: int, text: str, outlet: str | None) -> dict[str, Any]:
    return {"article_id": article_id, "start": start, "end": end, "text": text, "outlet": outlet}


def _quote_firings(db: Database, rule: AlertRule, upto: int) -> list[Firing]:
    arg = rule.arg or ""
    if rule.kind == "quoted":
        ids = set(reads.entity_ids_named(db, arg))
        wanted = arg.casefold()

        def matches(q: reads.NewQuote) -> bool:
            return q.entity_id in ids or (q.speaker or "").casefold() == wanted
    else:
        words = set(_WORD.findall(arg.casefold()))

        def matches(q: reads.NewQuote) -> bool:
            return words <= set(_WORD.findall(q.text.casefold()))

    return [
        Firing(
            fact_key=f"quote:{q.article_id}:{q.start}:{q.end}",
            summary=f"{q.speaker or 'someone'} ({q.outlet or 'unknown outlet'}): “{_short(q.text)}”",
            facts={
                "speaker": q.speaker,
                "entity_id": q.entity_id,
                "title": q.title,
                "quote": _span(q.article_id, q.start, q.end, q.text, q.outlet),
            },
            article_id=q.article_id,
        )
        for q in reads.quotes_since(db, rule.cursor, upto)
        if matches(q)
    ]


def _mention_firings(db: Database, rule: AlertRule, upto: int) -> list[Firing]:
    by_article: dict[tuple[str, str | None], list[reads.NewMention]] = {}
    for m in reads.mentions_since(db, rule.cursor, upto, reads.entity_ids_named(db, rule.arg or "")):
        by_article.setdefault((m.article_id, m.entity_id), []).append(m)
    return [
        Firing(
            fact_key=f"mention:{article_id}:{entity_id}",
            summary=f"{rule.arg} in “{_short(ms[0].title or article_id)}” ({ms[0].outlet or 'unknown'})",
            facts={
                "entity_id": entity_id,
                "title": ms[0].title,
                "mentions": [_span(m.article_id, m.start, m.end, m.text, m.outlet) for m in ms],
            },
            article_id=article_id,
        )
        for (article_id, entity_id), ms in by_article.items()
    ]


def _story_firings(db: Database, rule: AlertRule, upto: int) -> list[Firing]:
    wanted = int(rule.arg or "0")
    return [
        Firing(
            fact_key=f"story:{story_id}",
            summary=f"“{_short(title)}” now has {sources} independent sources",
            facts={"story_id": story_id, "title": title, "sources": sources},
            story_id=story_id,
        )
        for story_id, sources, title in reads.stories_touched_since(db, rule.cursor, upto)
        if sources >= wanted
    ]


def _comparison_firings(db: Database, rule: AlertRule, upto: int, records: StoryRecords) -> list[Firing]:
    found = []
    for story_id, _, title in reads.stories_touched_since(db, rule.cursor, upto):
        if rule.story_id and not story_id.startswith(rule.story_id):
            continue
        record = records(story_id) or {}
        if rule.kind == "conflict":
            found += [_conflict(story_id, title, d) for d in record.get("disagreements", []) if d.get("b")]
        else:
            found += [_variant(story_id, title, v) for v in record.get("quote_variants", [])]
    return found


def _side(span: dict[str, Any]) -> str:
    return f"{span['article_id']}:{span['start']}"


def _conflict(story_id: str, title: str, d: dict[str, Any]) -> Firing:
    a, b = d["a"], d["b"]
    return Firing(
        fact_key=f"conflict:{story_id}:{d['kind']}:{_side(a)}:{_side(b)}",
        summary=f"{d['kind']} conflict in “{_short(title)}”: {a['outlet']} “{_short(a['text'], 60)}” vs "
        f"{b['outlet']} “{_short(b['text'], 60)}”",
        facts={"story_id": story_id, "title": title, **d},
        article_id=b["article_id"], story_id=story_id,
    )  # fmt: skip


def _variant(story_id: str, title: str, v: dict[str, Any]) -> Firing:
    a, b = v["a"], v["b"]
    return Firing(
        fact_key=f"variant:{_side(a)}:{_side(b)}",
        summary=f"{v['speaker']} quoted two ways: {a['outlet']} “{_short(a['text'], 60)}” vs "
        f"{b['outlet']} “{_short(b['text'], 60)}”",
        facts={"story_id": story_id, "title": title, **v},
        article_id=b["article_id"], story_id=story_id,
    )  # fmt: skip


def _short(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
