"""Stories: the front page list and one story across outlets.

Stories come from a later stage that adds the tables ``stories(id, title, …)`` and
``story_articles(story_id, article_id)``. Until both exist, the front page lists articles
by day and outlet and says that story grouping is not available yet; nothing is invented.
The check is made per request (``sqlite_master``), so the pages light up as soon as the
stage has run, without restarting the server.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from crosswire.web.models import (
    ArticleSummary,
    DayGroup,
    OutletCoverage,
    OutletGroup,
    StoriesPage,
    StoryPage,
    TimelinePoint,
)
from crosswire.web.queries import (
    SUMMARY_COLUMNS,
    by_speaker,
    count_articles,
    has_stories,
    list_articles,
    newest_story_ids,
    quotes_in_articles,
    story_summaries,
    summary,
)
from crosswire.web.readonly import ReadDB
from crosswire.web.render import Limit, Offset, pagination, twin
from crosswire.web.timeline_svg import Point, chart, parse_day

router = APIRouter()

NOT_YET = (
    "Story grouping is not available yet: no stories have been computed for this store. "
    "Articles are listed by day and outlet instead."
)
MAX_STORY_ARTICLES = 200
MAX_TIMELINE_POINTS = 300


@twin(router, "/stories", "stories.html", aliases=("/",))
def stories(request: Request, db: ReadDB, limit: Limit = 50, offset: Offset = 0) -> StoriesPage:
    """Stories, newest first; articles by day and outlet until stories are computed."""
    article_count = count_articles(db)
    if has_stories(db):
        rows = story_summaries(db, newest_story_ids(db, limit, offset))
        total = int(db.scalar("SELECT count(*) FROM stories"))
        return StoriesPage(
            stories_available=True,
            stories=rows,
            article_count=article_count,
            pagination=pagination(request, limit, offset, len(rows), total),
        )
    articles = list_articles(db, limit, offset)
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
        Point(day, t.outlet or "(unknown outlet)", "event", f"{t.value} — “{t.text}”: {t.sentence or ''}")
        for t in page.timeline
        if (day := parse_day(t.value))
    ]
    points += [
        Point(day, a.outlet or "(unknown outlet)", "published", f"published: {a.title or a.id}")
        for a in page.articles
        if (day := parse_day(a.published))
    ]
    return {"chart": chart(points)}


@twin(router, "/stories/{story_id}", "story.html", decorate=_story_extras)
def story(request: Request, db: ReadDB, story_id: str) -> StoryPage:
    """One story: coverage by outlet, timeline, who said what."""
    if not has_stories(db):
        raise HTTPException(404, NOT_YET)
    rows = db.query("SELECT id, title FROM stories WHERE id = ?", (story_id,))
    if not rows:
        raise HTTPException(404, f"No story with id {story_id!r}.")
    sid = rows[0]["id"]
    articles = [
        summary(r)
        for r in db.query(
            f"SELECT {SUMMARY_COLUMNS} FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published, a.id LIMIT ?",
            (sid, MAX_STORY_ARTICLES),
        )
    ]
    ids = [a.id for a in articles]
    return StoryPage(
        id=str(sid),
        title=rows[0]["title"],
        articles=articles,
        coverage=_coverage(articles),
        timeline=_timeline(db, ids),
        who_said_what=by_speaker(quotes_in_articles(db, ids)),
        # Computed by the stories stage when it lands; None renders as "not computed yet".
        quote_variants=None,
        disagreements=None,
    )


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


def _timeline(db: ReadDB, article_ids: list[str]) -> list[TimelinePoint]:
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = db.query(
        "SELECT t.value, t.text, t.article_id, a.outlet,"
        " substr(a.text, t.anchor_start + 1, t.anchor_end - t.anchor_start) AS sentence"
        " FROM times t JOIN articles a ON a.id = t.article_id"
        f" WHERE t.article_id IN ({marks}) AND t.value IS NOT NULL AND t.type IN ('DATE', 'TIME')"
        " ORDER BY t.value, a.published LIMIT ?",
        [*article_ids, MAX_TIMELINE_POINTS],
    )
    return [
        TimelinePoint(
            value=r["value"],
            text=r["text"],
            outlet=r["outlet"],
            article_id=r["article_id"],
            sentence=r["sentence"],
        )
        for r in rows
    ]
