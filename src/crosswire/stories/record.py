"""A story as one plain record: articles, timeline, quotes by speaker, coverage, variants,
disagreements. What ``crosswire export`` writes under "stories" and what the brief renders.

``story_record`` computes the comparison once and caches it in ``story_comparisons`` until
the story gains an article (the stories stage deletes the cached row when it does).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from crosswire.store.articles import ArticleStore
from crosswire.store.db import Database
from crosswire.stories.compare import Coverage, Fact, compare, outlet_of, syndicated
from crosswire.stories.disagree import Disagreement, SpanRef, find_disagreements
from crosswire.stories.embed import load_embedder
from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import QuoteRef, QuoteVariant, normalize, quote_variants
from crosswire.types import Article

Record = dict[str, Any]
# Bumped whenever the comparison changes what it finds: ``story_record`` computes a cached
# record of another version again (the brief, the export, the demo) rather than reuse it;
# ``cached_story_record`` (readers that cannot compute) treats it as not computed.
RECORD_VERSION = 2


def list_stories(db: Database, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, latest first, with their outlets and dates (``crosswire stories``)."""
    rows = db.query(
        "SELECT s.id, s.title, s.first_published, s.last_published, s.article_count, s.source_count, "
        "(SELECT group_concat(DISTINCT a.outlet) FROM story_articles sa "
        " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id) AS outlets FROM stories s "
        "ORDER BY s.last_published IS NULL, s.last_published DESC, s.updated_at DESC, s.id LIMIT ? OFFSET ?",
        (limit, offset))
    return [{**dict(r), "outlets": sorted((r["outlets"] or "").split(",")) if r["outlets"] else []}
            for r in rows]


def story_articles(db: Database, story_id: str) -> list[tuple[Article, Any]]:
    store = ArticleStore(db)
    rows = db.query("SELECT sa.article_id, sa.score, sa.independent FROM story_articles sa "
                    "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
                    "ORDER BY a.published IS NULL, a.published, a.id", (story_id,))
    found = [(store.article(r["article_id"], with_raw=False), r) for r in rows]
    return [(a, r) for a, r in found if a is not None]


def find_story(db: Database, story_id: str) -> str | None:
    """The story named by an id or a unique id prefix (as ``crosswire show`` takes articles)."""
    prefix = story_id.replace("%", "").replace("_", "")
    rows = db.query("SELECT id FROM stories WHERE id = ? OR id LIKE ? LIMIT 2", (story_id, prefix + "%"))
    exact = [r[0] for r in rows if r[0] == story_id]
    return exact[0] if exact else (rows[0][0] if len(rows) == 1 else None)


def cached_story_record(db: Database, story_id: str) -> Record | None:
    """The comparison computed earlier for this story, if it is still current; never computes.

    For readers that must answer fast and cannot write (the web UI): the brief, the export and
    ``crosswire demo`` compute and cache records.
    """
    row = db.execute(
        "SELECT c.record FROM story_comparisons c JOIN stories s ON s.id = c.story_id"
        " WHERE c.story_id = ? AND c.article_count = s.article_count", (story_id,)).fetchone()
    record = None if row is None else dict(json.loads(row["record"]))
    # A record of an older comparison is not shown: what it found may since have been
    # found wrong (a page says "not computed" and how to compute it instead).
    return record if record is not None and record.get("version") == RECORD_VERSION else None


def story_record(db: Database, story_id: str, embedder: Embedder | Literal["auto"] | None = "auto",
                 settings: StorySettings | None = None, cache: bool = True) -> Record | None:
    """The export record of one story (an id or unique prefix), or None when there is none.

    ``cache=False`` never writes (a read-only export); the cached record is still used.
    """
    found = find_story(db, story_id)
    story = None if found is None else db.execute("SELECT * FROM stories WHERE id = ?", (found,)).fetchone()
    if story is None:
        return None
    story_id = story["id"]
    cached = db.execute("SELECT article_count, record FROM story_comparisons WHERE story_id = ?",
                        (story_id,)).fetchone()
    if cached is not None and cached["article_count"] == story["article_count"]:
        record = dict(json.loads(cached["record"]))
        if record.get("version") == RECORD_VERSION:
            return record
    members = story_articles(db, story_id)
    record = build_record(dict(story), members, load_embedder() if embedder == "auto" else embedder,
                          settings or StorySettings())
    if not cache:
        return record
    payload = json.dumps(record, ensure_ascii=False)
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO story_comparisons (story_id, article_count, record) "
                   "VALUES (?, ?, ?)", (story_id, story["article_count"], payload))
    return record


def build_record(story: dict[str, Any], members: Sequence[tuple[Article, Any]],
                 embedder: Embedder | None, settings: StorySettings) -> Record:
    articles = [a for a, _ in members]
    coverage = compare(articles, embedder, settings)
    disagreements = find_disagreements(articles, coverage, settings, embedder)
    return {
        "version": RECORD_VERSION, "id": story["id"], "title": story["title"],
        "first_published": story.get("first_published"), "last_published": story.get("last_published"),
        "articles": [_article(a, row) for a, row in members],
        "timeline": timeline(articles, disagreements),
        "quotes": quotes_by_speaker(articles),
        "quote_variants": [_variant(v) for v in quote_variants(articles, settings)],
        "disagreements": [_disagreement(d) for d in disagreements],
        "coverage": _coverage(coverage),
    }


def _article(a: Article, row: Any) -> dict[str, Any]:
    return {"id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published, "url": a.url,
            "score": row["score"], "independent": bool(row["independent"]),
            "near_duplicate_of": a.near_duplicate_of}


def _span(ref: SpanRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"article_id": ref.article_id, "outlet": ref.outlet, "start": ref.start, "end": ref.end,
            "text": ref.text}


def timeline(articles: Sequence[Article], disagreements: Sequence[Disagreement]) -> list[dict[str, Any]]:
    """Every normalized time point of the story, merged by value, with who carries it.

    Only calendar values ("2025-03-03", "2025-W11", "2019"): "now" and other references
    without a date place nothing on a timeline. A mention whose ``conflicts`` is not empty is
    one side of a date disagreement: another outlet gives another day for the same event (the
    other side's value, outlet and span); the point's ``conflicts_with`` lists those values.
    Syndicated copies add no mentions, only to a point's ``copies`` count (500 reprints of one
    report are one source, not 500 lines).
    """
    points: dict[str, dict[str, Any]] = {}
    copies = syndicated(articles)
    for a in articles:
        for t in a.times:
            if not t.value or t.type not in ("DATE", "TIME") or not t.value[:1].isdigit():
                continue
            point = points.setdefault(t.value, {"value": t.value, "type": t.type, "outlets": [],
                                                 "mentions": [], "conflicts_with": [], "copies": 0})
            if a.id in copies:
                point["copies"] += 1
                continue
            point["mentions"].append({"article_id": a.id, "outlet": outlet_of(a), "text": t.text,
                                      "start": t.start, "end": t.end, "anchor_start": t.anchor_start,
                                      "anchor_end": t.anchor_end, "conflicts": []})
            if outlet_of(a) not in point["outlets"]:
                point["outlets"].append(outlet_of(a))
    at = {(m["article_id"], m["start"]): (v, m) for v, p in points.items() for m in p["mentions"]}
    for d in disagreements:
        if d.kind == "date" and d.b is not None:
            sides = at.get((d.a.article_id, d.a.start)), at.get((d.b.article_id, d.b.start))
            for this, other in (sides, sides[::-1]):
                if this and other:
                    (value, mention), (other_value, other_mention) = this, other
                    mention["conflicts"].append({"value": other_value, **{k: other_mention[k] for k in (
                        "article_id", "outlet", "text", "start", "end")}})
                    points[value]["conflicts_with"] = sorted({*points[value]["conflicts_with"], other_value})
    return [points[v] for v in sorted(points)]


def quotes_by_speaker(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker; a syndicated copy's quote only counts in ``copies`` of the
    quote it repeats."""
    groups: dict[str, dict[str, Any]] = {}
    copies = syndicated(articles)
    repeated: dict[tuple[str, str], int] = {}
    # One full name is one speaker within a story, even if resolution kept two entities apart.
    named: dict[str, str] = {}
    for a in articles:
        for q in a.quotes:
            s = q.speaker
            name = s.name if s and s.name else "(unattributed)"
            key = f"e:{s.entity_id}" if s and s.entity_id else f"n:{name.lower()}"
            key = named.setdefault(normalize(name), key) if s and len(name.split()) > 1 else key
            if a.id in copies:
                repeated[(key, normalize(q.text))] = repeated.get((key, normalize(q.text)), 0) + 1
                continue
            group = groups.setdefault(key, {"speaker": name, "entity_id": s.entity_id if s else None,
                                            "roles": [], "quotes": []})
            if len(name) > len(group["speaker"]):  # "Dana Okafor" over "Okafor"
                group["speaker"] = name
            if s and s.role and s.role not in group["roles"]:
                group["roles"].append(s.role)
            group["quotes"].append({"article_id": a.id, "outlet": outlet_of(a), "text": q.text,
                                    "start": q.start, "end": q.end, "kind": q.kind,
                                    "role": s.role if s else None, "copies": 0})
    for key, group in groups.items():
        for quote in group["quotes"]:  # each repetition counted once, on the first quote it repeats
            quote["copies"] = repeated.pop((key, normalize(quote["text"])), 0)
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))


def _quote_ref(ref: QuoteRef) -> dict[str, Any]:
    q = ref.quote
    return {"article_id": ref.article_id, "outlet": ref.outlet, "text": q.text, "start": q.start,
            "end": q.end, "role": q.speaker.role if q.speaker else None}


def _variant(v: QuoteVariant) -> dict[str, Any]:
    return {"speaker": v.speaker, "kind": v.kind, "similarity": round(v.similarity, 3),
            "a": _quote_ref(v.a), "b": _quote_ref(v.b), "diff": [list(op) for op in v.diff]}


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {"kind": d.kind, "a": _span(d.a), "b": _span(d.b), "missing_from": list(d.missing_from),
            "claim_a": _span(d.claim_a), "claim_b": _span(d.claim_b)}


def _fact(f: Fact) -> dict[str, Any]:
    return {"outlets": f.outlets, "claims": [{"article_id": c.article_id, "outlet": c.outlet,
                                              "start": c.start, "end": c.end, "text": c.text}
                                             for c in f.claims]}


def _coverage(c: Coverage) -> dict[str, Any]:
    unique = c.unique()
    return {"outlets": c.outlets, "facts": [_fact(f) for f in c.facts], "matrix": c.matrix(),
            "unique": [i for i, f in enumerate(c.facts) if any(f is u for u in unique)]}
