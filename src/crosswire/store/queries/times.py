"""The store-wide timeline (the ``times`` table): points in time, earliest first, with sentences
and the event each dates (the head word of its clause, read from the article's text).

A story's own timeline (points merged by value, syndicated copies counted) is computed from
its articles by ``crosswire.stories.record.timeline``.
"""

from __future__ import annotations

from crosswire.store.db import Database
from crosswire.store.queries.quotes import ESCAPE, like_pattern
from crosswire.store.queries.records import TimePoint


def timeline(db: Database, entity: str | None = None, limit: int = 200, offset: int = 0) -> list[TimePoint]:
    """Dated points and ranges, earliest first; with ``entity``, only those whose sentence names it.

    The name is matched as written, or as the name a short mention was resolved to inside
    its article ("Okafor" for "Dana Okafor"), literally (``%`` is no wildcard).
    """
    params: list[object] = []
    entity_filter = ""
    if entity:
        entity_filter = (
            " AND EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = t.article_id"
            ' AND m.start >= t.anchor_start AND m."end" <= t.anchor_end'
            f" AND (m.text LIKE ?{ESCAPE} OR m.canonical LIKE ?{ESCAPE}))"
        )
        params += [like_pattern(entity), like_pattern(entity)]
    rows = db.query(
        "SELECT t.value, t.text, t.type, t.article_id, a.outlet, a.title, a.published,"
        " substr(a.text, t.anchor_start + 1, t.anchor_end - t.anchor_start) AS sentence,"
        " CASE WHEN t.event_start IS NOT NULL"
        " THEN substr(a.text, t.event_start + 1, t.event_end - t.event_start) END AS event,"
        " t.reference, t.duration"
        " FROM times t JOIN articles a ON a.id = t.article_id"
        " WHERE t.value IS NOT NULL AND t.type IN ('DATE', 'TIME')"
        + entity_filter
        + " ORDER BY t.value, a.published LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [
        TimePoint(value=r["value"], text=r["text"], type=r["type"], article_id=r["article_id"],
                  outlet=r["outlet"], article_title=r["title"], published=r["published"],
                  sentence=r["sentence"], event=r["event"], reference=r["reference"],
                  duration=r["duration"])
        for r in rows
    ]  # fmt: skip
