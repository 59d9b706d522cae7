"""A story as one plain record: articles, timeline, quotes by speaker, coverage, variants,
disagreements. The one record behind the web story page and its ``.json`` twin,
``crosswire brief`` (md, html, json) and the export's "stories".

The comparison's keys: ``conflicts`` (every two-sided finding, surest first, each with a
``confidence`` and a ``reason``), ``omissions`` (names an outlet leaves out: never a
disagreement), ``disagreements`` (the conflicts at ``conflict_min_confidence`` or above, then
the omissions, for readers written before the two lists), ``coverage`` (facts with each
claim's span and frame, the ``agreed`` core, ``partial`` facts with who is ``missing``, and
``unique`` facts by salience) and ``quote_variants``.

``story_record`` computes the comparison once and caches it (``crosswire.store.stories_cache``)
until the story gains an article (the stories stage deletes the cached row when it does).
Readers that must answer fast and cannot write (the web UI) ask for it with
``compute=False``: they get the cached record when it is current, else the same record
without the comparison (``"compared": false``), whose articles, timeline and who said what
are computed by the same functions, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from crosswire.mentions.dates.readable import readable_time
from crosswire.mentions.quotes.labels import UNKNOWN, is_named, quote_speaker_label
from crosswire.store import queries, stories_cache
from crosswire.store.db import Database
from crosswire.store.queries.records import StoryMember
from crosswire.store.translations import Rendering, renderings_of
from crosswire.stories.claims import frame_of
from crosswire.stories.compare import Claim, Coverage, Fact, compare, outlet_of, syndicated
from crosswire.stories.disagree import Disagreement, SpanRef, find_disagreements
from crosswire.stories.embed import load_embedder
from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.stories.static_embed import load_static_embedder
from crosswire.stories.variants import QuoteRef, QuoteVariant, normalize, quote_variants
from crosswire.translate.variants import quote_variants_across_languages
from crosswire.types import Article, Quote, Speaker, TimeExpr

Record = dict[str, Any]
# Bumped whenever the comparison changes what it finds: ``story_record`` computes a cached
# record of another version again (the brief, the export, the demo) rather than reuse it;
# ``cached_story_record`` (readers that cannot compute) treats it as not computed.
# 3: timeline mentions carry their sentence.
# 4: quotes are utterances (#23): each carries "who" ("Kim (via KCNA)", "unknown (an aide)"),
#    "via", "confidence", "parts" and "fragments"; unnamed speakers are grouped as unknown.
# 5: conflicts carry a confidence and a reason (``conflicts``), omissions have their own list
#    (``omissions``), coverage lists the agreed core and partial facts, unique facts ranked.
# 6: articles carry their language; a fact says whether it joins claims across languages, and on
#    which shared values (``cross_language``, ``evidence``).
# 7: a fact's claims end with those that restate it (``"restates": true``): an outlet's second
#    sentence of the fact, or one the one-claim-per-article alignment kept out.
# 8: claims align on their shared words more than on the embedding (facts found change); a claim
#    restating a shared fact is never unique; quote variants leave out indirect quotes and link a
#    phrase of one speaker's longer quote.
RECORD_VERSION = 8
# The group of quotes whose speaker the article does not name (or no one was found for).
UNATTRIBUTED = UNKNOWN


def list_stories(db: Database, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, latest first, with their outlets and dates, as plain dicts."""
    return [queries.as_json(s) for s in queries.list_stories(db, limit, offset)]


def find_story(db: Database, story_id: str) -> str | None:
    """The story named by an id or a unique id prefix (as ``crosswire show`` takes articles)."""
    return queries.find_story(db, story_id)


def story_articles(db: Database, story_id: str) -> list[tuple[Article, StoryMember]]:
    """The story's articles with their annotations, in publication order."""
    members = [(queries.article(db, m.article_id), m) for m in queries.story_members(db, story_id)]
    return [(a, m) for a, m in members if a is not None]


def cached_story_record(db: Database, story_id: str) -> Record | None:
    """The comparison computed earlier for this story, if it is still current; never computes."""
    record = stories_cache.cached_record(db, story_id)
    # A record of an older comparison is not shown: what it found may since have been
    # found wrong (a page says "not computed" and how to compute it instead).
    return record if record is not None and record.get("version") == RECORD_VERSION else None


def comparison_embedder() -> Embedder | None:
    """The embedder claims are aligned with: the static one distilled from MiniLM
    (models/claimvec: a story of 10 articles compares in about a second instead of ten, with
    the same tuning figures but unique-fact precision 0.86 -> 0.84), MiniLM itself when the
    static weights are not installed, or None (word overlap alone)."""
    return load_static_embedder() or load_embedder()


def story_record(db: Database, story_id: str, embedder: Embedder | Literal["auto"] | None = "auto",
                 settings: StorySettings | None = None, cache: bool = True,
                 compute: bool = True) -> Record | None:
    """The record of one story (an id or unique prefix), or None when there is none.

    ``cache=False`` never writes (a read-only export); the cached record is still used.
    ``compute=False`` never computes the comparison: without a current cached record, the
    record has ``"compared": false`` and no comparison keys (the web UI).
    """
    found = find_story(db, story_id)
    story = None if found is None else queries.story_row(db, found)
    if story is None:
        return None
    cached = cached_story_record(db, str(story["id"]))
    if cached is not None:
        return cached
    members = story_articles(db, str(story["id"]))
    if not compute:
        return base_record(story, members)
    record = build_record(story, members, comparison_embedder() if embedder == "auto" else embedder,
                          settings or StorySettings(), _renderings(db, members))
    if cache:
        stories_cache.save_record(db, record["id"], int(str(story["article_count"])), record)
    return record


def _renderings(db: Database, members: Sequence[tuple[Article, StoryMember]]
                ) -> Mapping[str, Sequence[Rendering]]:
    """English renderings of the story's articles in other languages (none in an English story)."""
    foreign = [a.id for a, _ in members if a.language and a.language != "en"]
    return renderings_of(db, foreign) if foreign else {}


def base_record(story: dict[str, Any], members: Sequence[tuple[Article, StoryMember]]) -> Record:
    """The record's parts that need no comparison: articles, timeline, who said what."""
    articles = [a for a, _ in members]
    return {
        "version": RECORD_VERSION, "compared": False, "id": story["id"], "title": story["title"],
        "first_published": story.get("first_published"), "last_published": story.get("last_published"),
        "articles": [_article(a, member) for a, member in members],
        "timeline": timeline(articles, []),
        "quotes": quotes_by_speaker(articles),
    }


def build_record(story: dict[str, Any], members: Sequence[tuple[Article, StoryMember]],
                 embedder: Embedder | None, settings: StorySettings,
                 renderings: Mapping[str, Sequence[Rendering]] | None = None) -> Record:
    """The whole record: the base parts, and the comparison across outlets (``renderings``: the
    stored English renderings of other languages' quotes, which link variants across languages)."""
    articles = [a for a, _ in members]
    coverage = compare(articles, embedder, settings)
    found = find_disagreements(articles, coverage, settings, embedder)
    conflicts = sorted((d for d in found if d.is_conflict), key=lambda d: -d.confidence)
    reported = [d for d in conflicts if d.confidence >= settings.conflict_min_confidence]
    omitted = [d for d in found if d.kind == "omission"]
    return {
        **base_record(story, members), "compared": True,
        "timeline": timeline(articles, reported),
        "quote_variants": [_variant(v) for v in [
            *quote_variants(articles, settings),
            *(quote_variants_across_languages(articles, renderings, settings) if renderings else []),
        ]],
        # The reported conflicts, then the omissions: readers written before the two lists
        # below read both from here (the omissions are no disagreement, and new readers take
        # them from "omissions").
        "disagreements": [_disagreement(d) for d in reported + omitted],
        "conflicts": [_disagreement(d) for d in conflicts],
        "omissions": [_disagreement(d) for d in omitted],
        "coverage": _coverage(coverage, articles),
    }


def _article(a: Article, member: StoryMember) -> dict[str, Any]:
    return {"id": a.id, "outlet": a.outlet, "title": a.title, "published": a.published, "url": a.url,
            "score": member.score, "independent": member.independent,
            "near_duplicate_of": a.near_duplicate_of, "language": a.language}


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
            point = points.setdefault(t.value, {"value": t.value, "type": t.type,
                                                 "readable": readable_time(t.value, t.type), "outlets": [],
                                                 "mentions": [], "conflicts_with": [], "copies": 0})
            if a.id in copies:
                point["copies"] += 1
                continue
            point["mentions"].append({"article_id": a.id, "outlet": outlet_of(a), "text": t.text,
                                      "start": t.start, "end": t.end, "anchor_start": t.anchor_start,
                                      "anchor_end": t.anchor_end, "sentence": _sentence(a, t),
                                      **_event(a, t), "conflicts": []})
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


def _event(a: Article, t: TimeExpr) -> dict[str, Any]:
    """What a timeline mention dates and how its value was read: the head word of its clause
    ("resigned", "summit") with its span, the reference time in words, a range's ends, the
    length a point was counted by."""
    event = None if t.event_start is None or t.event_end is None else a.text[t.event_start:t.event_end]
    return {"event": event, "event_start": t.event_start, "event_end": t.event_end,
            "reference": t.reference, "range_start": t.range_start, "range_end": t.range_end,
            "duration": t.duration}


def _sentence(a: Article, t: TimeExpr) -> str | None:
    """The sentence a time expression anchors, as the timeline shows it beside the value."""
    if t.anchor_start is None or t.anchor_end is None:
        return None
    return str(a.text[t.anchor_start : t.anchor_end])


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
            s = q.speaker if q.speaker and is_named(q.speaker.name, q.speaker.kind) else None
            name = s.name if s else UNATTRIBUTED
            key = f"e:{s.entity_id}" if s and s.entity_id else f"n:{name.lower()}"
            key = named.setdefault(normalize(name), key) if s and len(name.split()) > 1 else key
            if a.id in copies:
                repeated[(key, normalize(q.text))] = repeated.get((key, normalize(q.text)), 0) + 1
                continue
            group = groups.setdefault(key, {"speaker": name, "entity_id": s.entity_id if s else None,
                                            "kind": s.kind if s else None, "label": _label(a, s),
                                            "roles": [], "quotes": []})
            group["label"] = group["label"] or _label(a, s)
            if len(name) > len(group["speaker"]):  # "Dana Okafor" over "Okafor"
                group["speaker"] = name
            if s and s.role and s.role not in group["roles"]:
                group["roles"].append(s.role)
            group["quotes"].append({"article_id": a.id, "outlet": outlet_of(a), "text": q.text,
                                    "start": q.start, "end": q.end, "kind": q.kind,
                                    "role": s.role if s else None, "copies": 0, **_utterance(q)})
    for key, group in groups.items():
        for quote in group["quotes"]:  # each repetition counted once, on the first quote it repeats
            quote["copies"] = repeated.pop((key, normalize(quote["text"])), 0)
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))


def _label(article: Article, speaker: Speaker | None) -> str | None:
    """The entity label (PERSON, ORG, GPE…) of the name a speaker stands for, when the
    article's mentions give one: the brief lists people and organisations only."""
    if speaker is None:
        return None
    for m in article.mentions:  # the speaker's own entity, or a mention of exactly their name
        if (speaker.entity_id is not None and m.entity_id == speaker.entity_id) or m.text == speaker.name:
            return m.label
    return None


def _utterance(q: Quote) -> dict[str, Any]:
    """What a reader needs beside a quote's words: who as shown, the chain, the pieces."""
    return {"who": quote_speaker_label(q), "via": [v.name for v in q.via], "confidence": q.confidence,
            "parts": [list(p) for p in q.parts], "fragments": [list(f) for f in q.fragments]}


def _quote_ref(ref: QuoteRef) -> dict[str, Any]:
    q = ref.quote
    return {"article_id": ref.article_id, "outlet": ref.outlet, "text": q.text, "start": q.start,
            "end": q.end, "role": q.speaker.role if q.speaker else None}


def _variant(v: QuoteVariant) -> dict[str, Any]:
    return {"speaker": v.speaker, "kind": v.kind, "similarity": round(v.similarity, 3),
            "a": _quote_ref(v.a), "b": _quote_ref(v.b), "diff": [list(op) for op in v.diff]}


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {"kind": d.kind, "a": _span(d.a), "b": _span(d.b), "missing_from": list(d.missing_from),
            "claim_a": _span(d.claim_a), "claim_b": _span(d.claim_b), "confidence": d.confidence,
            "reason": d.reason}


def _fact(f: Fact, c: Coverage, frames: dict[tuple[str, int], dict[str, Any]]) -> dict[str, Any]:
    """A fact: its aligned claims, then the claims that restate it (``"restates": true``)."""
    return {"outlets": f.outlets, "missing": c.missing(f), "salience": f.salience,
            "cross_language": f.cross_language, "evidence": f.evidence,
            "claims": [_claim(x, frames, False) for x in f.claims]
            + [_claim(x, frames, True) for x in f.restated]}


def _claim(x: Claim, frames: dict[tuple[str, int], dict[str, Any]], restates: bool) -> dict[str, Any]:
    return {"article_id": x.article_id, "outlet": x.outlet, "start": x.start, "end": x.end, "text": x.text,
            "frame": frames.get((x.article_id, x.start)), "restates": restates}


def _coverage(c: Coverage, articles: Sequence[Article]) -> dict[str, Any]:
    frames = claim_frames(articles, c)
    def indexes(facts: Sequence[Fact]) -> list[int]:
        at = {id(f): n for n, f in enumerate(c.facts)}
        return [at[id(f)] for f in facts]
    return {"outlets": c.outlets, "facts": [_fact(f, c, frames) for f in c.facts], "matrix": c.matrix(),
            "unique": indexes(c.unique()), "agreed": indexes(c.agreed()), "partial": indexes(c.partial())}


def claim_frames(articles: Sequence[Article], c: Coverage) -> dict[tuple[str, int], dict[str, Any]]:
    """Each claim's frame as JSON, by (article id, claim start)."""
    by_id = {a.id: a for a in articles}
    return {(x.article_id, x.start): frame_of(by_id[x.article_id], x).as_json()
            for f in c.facts for x in (*f.claims, *f.restated) if x.article_id in by_id}
