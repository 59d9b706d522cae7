"""The cache of story comparison records (``story_comparisons``): read and written here.

A record is current while its story has as many articles as when it was computed (the
stories stage deletes the row when a story gains an article).
"""

from __future__ import annotations

import json
from typing import Any

from crosswire.store.db import Database


def cached_record(db: Database, story_id: str) -> dict[str, Any] | None:
    """The record computed for this story, if the story has not changed since; any version."""
    row = db.execute(
        "SELECT c.record FROM story_comparisons c JOIN stories s ON s.id = c.story_id"
        " WHERE c.story_id = ? AND c.article_count = s.article_count",
        (story_id,),
    ).fetchone()
    return None if row is None else dict(json.loads(row["record"]))


def save_record(db: Database, story_id: str, article_count: int, record: dict[str, Any]) -> None:
    payload = json.dumps(record, ensure_ascii=False)
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO story_comparisons (story_id, article_count, record) VALUES (?, ?, ?)",
            (story_id, article_count, payload),
        )
