"""Stories: the front page list and one story across outlets.

Until the stories stage has grouped any article, the front page lists articles by day and
outlet and says that story grouping is not available yet; nothing is invented.

A story page is the story's record (``crosswire.stories.record.story_record``), the same
record ``crosswire brief`` renders and the export writes: the page never computes the
comparison across outlets, it shows it once the brief, the export or the demo has cached it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import ValidationError

from crosswire.mentions.dates.readable import readable_time
from crosswire.store import queries
from crosswire.stories.brief import cite_label
from crosswire.stories.brief_sections import (
    Line,
    agreed_facts,
    agreed_line,
    conflict_line,
    conflicts,
    event_line,
    events,
    span_url,
    top_line,
)
from crosswire.stories.record import UNATTRIBUTED, Record, story_record
from crosswire.web.convert import story_summary, summary
from crosswire.web.models import (
    ArticleSummary,
    BriefLine,
    BriefPart,
    DayGroup,
    DiffPart,
    DisagreementItem,
    OutletCoverage,
    OutletGroup,
    QuoteItem,
    QuoteSide,
    QuoteVariantItem,
    SingleOutletFact,
    SpanItem,
    SpeakerQuotes,
    StoriesPage,
    StoryPage,
    TimelinePoint,
)
from crosswire.web.readonly import ReadDB
from crosswire.web.render import Limit, Offset, article_url, entity_url, pagination, twin
from crosswire.web.timeline_svg import Point, chart, parse_day

log = logging.getLogger(__name__)
router = APIRouter()

NOT_YET = (
    "Story grouping is not available yet: no stories have been computed for this store. "
    "Articles are listed by day and outlet instead."
)
MAX_TIMELINE_POINTS = 300
# The comparison is read from its cache as computed; these only bound what one page shows.
MAX_VARIANTS = 100
MAX_DISAGREEMENTS = 200
MAX_SINGLE_OUTLET_FACTS = 200
# Disagreements are shown grouped, in this order; kinds the stage adds later come last.
DISAGREEMENT_KINDS = {
    "number": "Numbers",
    "date": "Dates",
    "place": "Places",
    "spelling": "Spellings",
    "omission": "Left out",
}


@twin(router, "/stories", "stories.html", aliases=("/",))
def stories(request: Request, db: ReadDB, limit: Limit = 50, offset: Offset = 0) -> StoriesPage:
    """Stories, newest first; articles by day and outlet until stories are computed."""
    article_count = queries.count_articles(db)
    total = queries.count_stories(db)
    if total:
        rows = [story_summary(s) for s in queries.list_stories(db, limit, offset)]
        return StoriesPage(
            stories_available=True,
            stories=rows,
            article_count=article_count,
            pagination=pagination(request, limit, offset, len(rows), total),
        )
    articles = [summary(a) for a in queries.list_articles(db, limit, offset)]
    return StoriesPage(
        stories_available=False,
        note=NOT_YET,
        days=by_day_and_outlet(articles),
        article_count=article_count,
        pagination=pagination(request, limit, offset, len(articles), article_count),
    )


def by_day_and_outlet(articles: list[ArticleSummary]) -> list[DayGroup]:
    """Newest day first; outlets alphabetically within a day; articles as listed."""
    days: dict[str, dict[str, list[ArticleSummary]]] = {}
    for a in articles:
        day = (a.published or "")[:10] or "undated"
        days.setdefault(day, {}).setdefault(a.outlet or "(unknown outlet)", []).append(a)
    return [
        DayGroup(
            day=day, outlets=[OutletGroup(outlet=o, articles=items) for o, items in sorted(outlets.items())]
        )
        for day, outlets in days.items()
    ]


def _story_extras(page: StoryPage) -> dict[str, Any]:
    points = [
        Point(
            day,
            t.outlet or "(unknown outlet)",
            "event",
            f"{readable_time(t.value, t.type)} — “{t.text}”: {t.sentence or ''}",
        )
        for t in page.timeline
        if (day := parse_day(t.value))
    ]
    points += [
        Point(day, a.outlet or "(unknown outlet)", "published", f"published: {a.title or a.id}")
        for a in page.articles
        if (day := parse_day(a.published))
    ]
    return {"chart": chart(points), "disagreement_groups": _by_kind(page.disagreements or [])}


def _by_kind(items: list[DisagreementItem]) -> list[tuple[str, str, list[DisagreementItem]]]:
    """(css class, heading, disagreements) in DISAGREEMENT_KINDS order, unknown kinds last."""
    groups: dict[str, list[DisagreementItem]] = {}
    for d in items:
        groups.setdefault(d.kind, []).append(d)
    order = [k for k in DISAGREEMENT_KINDS if k in groups] + sorted(
        k for k in groups if k not in DISAGREEMENT_KINDS
    )
    return [
        (
            f"disagreement-{k}" if k in DISAGREEMENT_KINDS else "disagreement-other",
            DISAGREEMENT_KINDS.get(k, k),
            groups[k],
        )
        for k in order
    ]


@twin(router, "/stories/{story_id}", "story.html", decorate=_story_extras)
def story(request: Request, db: ReadDB, story_id: str) -> StoryPage:
    """One story: coverage by outlet, timeline, who said what, and the comparison once computed."""
    record = story_record(db, story_id, compute=False) if queries.story_row(db, story_id) else None
    if record is None:
        raise HTTPException(404, f"No story with id {story_id!r}.")
    articles = [_article(a) for a in record["articles"]]
    page = StoryPage(
        id=str(record["id"]),
        title=record["title"],
        articles=articles,
        coverage=_coverage(articles),
        timeline=_timeline(record)[:MAX_TIMELINE_POINTS],
        who_said_what=who_said_what(record),
        events=_events(record),
    )
    return _with_comparison(page, record if record.get("compared") else None)


def _events(record: Record) -> list[BriefLine]:
    return [brief_line(event_line(e)) for e in events(record)[:MAX_TIMELINE_POINTS]]


def brief_line(line: Line) -> BriefLine:
    """A line of the brief as the page shows it: citations become links to their span."""
    parts = []
    for kind, value in line:
        if kind == "cite" and value:
            url = span_url(str(value["article_id"]), value.get("start"), value.get("end"))
            parts.append(BriefPart(kind="cite", text=cite_label(value), url=url, outlet=value.get("outlet")))
        elif kind in ("text", "quote") and value:
            parts.append(BriefPart(kind=kind, text=" ".join(str(value).split())))
    return parts


def _leading(record: Record) -> dict[str, Any]:
    """The top line, the conflicts and the agreed core: what the page leads with."""
    return {
        "top_line": brief_line(top_line(record)),
        "conflicts": [brief_line(conflict_line(c)) for c in conflicts(record)[:MAX_DISAGREEMENTS]],
        "agreed": [brief_line(agreed_line(f)) for f in agreed_facts(record)[:MAX_SINGLE_OUTLET_FACTS]],
    }


def _article(a: dict[str, Any]) -> ArticleSummary:
    return ArticleSummary(
        id=a["id"], url=article_url(a["id"]), title=a["title"], outlet=a["outlet"], published=a["published"]
    )


def _timeline(record: Record) -> list[TimelinePoint]:
    return [
        TimelinePoint(value=p["value"], type=p["type"], text=m["text"], outlet=m["outlet"],
                      article_id=m["article_id"], sentence=m.get("sentence"), event=m.get("event"),
                      reference=m.get("reference"))
        for p in record["timeline"]
        for m in p["mentions"]
    ]  # fmt: skip


def who_said_what(record: Record) -> list[SpeakerQuotes]:
    """The record's quotes by speaker (copies counted once, short names merged), with links."""
    articles = {a["id"]: a for a in record["articles"]}
    groups = []
    for i, group in enumerate(record["quotes"]):
        named = group["speaker"] != UNATTRIBUTED
        quotes = [_quote_item(group["speaker"] if named else None, q, articles[q["article_id"]])
                  for q in group["quotes"]]  # fmt: skip
        groups.append(
            SpeakerQuotes(
                speaker=group["speaker"] if named else UNATTRIBUTED,
                url=entity_url(group["entity_id"] or group["speaker"]) if named else None,
                css_class=f"spk-{i % 8}" if named else "spk-unknown",
                roles=list(group["roles"]),
                outlets=sorted({q.outlet for q in quotes if q.outlet}),
                quotes=quotes,
            )
        )
    return groups


def _quote_item(speaker: str | None, q: dict[str, Any], article: dict[str, Any]) -> QuoteItem:
    return QuoteItem(
        speaker=speaker, who=q.get("who") or speaker or UNATTRIBUTED, named=speaker is not None,
        via=list(q.get("via") or []), confidence=q.get("confidence"),
        role=q["role"], kind=q["kind"], text=q["text"], outlet=q["outlet"],
        article_id=q["article_id"], article_url=_span_url(q), article_title=article["title"],
        published=article["published"], copies=q.get("copies", 0),
    )  # fmt: skip


def _with_comparison(page: StoryPage, record: dict[str, Any] | None) -> StoryPage:
    """Quote variants, disagreements and single-outlet facts from the cached record.

    A record this version cannot read (written by another version of the stage) is shown as
    not computed, with the reason logged, rather than failing the whole page.
    """
    not_computed = f"Not computed yet. Run `crosswire brief {page.id}` to compare this story."
    if record is None:
        return page.model_copy(update={"not_computed": not_computed})
    try:
        variants = [_variant(v) for v in record.get("quote_variants", [])[:MAX_VARIANTS]]
        disagreements = [_disagreement(d) for d in record.get("disagreements", [])[:MAX_DISAGREEMENTS]]
        single = _single_outlet_facts(record.get("coverage") or {})
        leading = _leading(record)
    except (ValidationError, KeyError, TypeError, ValueError, IndexError) as e:
        log.warning("story %s: cached comparison not readable (%s); shown as not computed", page.id, e)
        return page.model_copy(update={"not_computed": not_computed})
    return page.model_copy(
        update={
            "quote_variants": variants, "disagreements": disagreements, "only_one_outlet": single, **leading
        }
    )


def _span(ref: dict[str, Any]) -> SpanItem:
    return SpanItem.model_validate({**ref, "article_url": _span_url(ref)})


def _quote_side(ref: dict[str, Any]) -> QuoteSide:
    return QuoteSide.model_validate({**ref, "article_url": _span_url(ref)})


def _span_url(ref: dict[str, Any]) -> str:
    """The article page scrolled to the span and marking it."""
    return span_url(str(ref["article_id"]), ref.get("start"), ref.get("end"))


def _variant(v: dict[str, Any]) -> QuoteVariantItem:
    return QuoteVariantItem(
        speaker=v.get("speaker"),
        kind=v["kind"],
        similarity=v["similarity"],
        a=_quote_side(v["a"]),
        b=_quote_side(v["b"]),
        diff=[DiffPart(op=op, a=a, b=b) for op, a, b in v.get("diff", [])],
    )


def _disagreement(d: dict[str, Any]) -> DisagreementItem:
    return DisagreementItem(
        kind=d["kind"],
        a=_span(d["a"]),
        b=_span(d["b"]) if d.get("b") else None,
        missing_from=list(d.get("missing_from") or []),
        claim_a=_span(d["claim_a"]) if d.get("claim_a") else None,
        claim_b=_span(d["claim_b"]) if d.get("claim_b") else None,
    )


def _single_outlet_facts(coverage: dict[str, Any]) -> list[SingleOutletFact]:
    """Facts carried by one outlet only; none while the story has a single outlet."""
    facts = coverage.get("facts") or []
    if len(coverage.get("outlets") or []) < 2:
        return []
    unique = coverage.get("unique")
    if unique is None:  # records without the index: the facts that name one outlet
        unique = [i for i, f in enumerate(facts) if len(f.get("outlets") or []) == 1]
    found = [
        SingleOutletFact(outlet=str(f["outlets"][0]), claims=[_span(c) for c in f.get("claims") or []])
        for i in unique[:MAX_SINGLE_OUTLET_FACTS]
        if len((f := facts[i]).get("outlets") or []) == 1
    ]
    return sorted(found, key=lambda f: f.outlet)  # stable: the record's order within an outlet


def _coverage(articles: list[ArticleSummary]) -> list[OutletCoverage]:
    """Articles per outlet, the outlet that published first on top."""
    outlets: dict[str, list[str]] = {}
    for a in articles:
        outlets.setdefault(a.outlet or "(unknown outlet)", []).append(a.published or "")
    coverage = [
        OutletCoverage(
            outlet=o, articles=len(dates), first_published=min((d for d in dates if d), default=None)
        )
        for o, dates in outlets.items()
    ]
    return sorted(coverage, key=lambda c: (c.first_published is None, c.first_published or "", c.outlet))
