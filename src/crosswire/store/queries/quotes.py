"""Reading quotes: the flat list behind ``crosswire quotes``, the entity page and search.

Grouping quotes into who said what (copies counted once, short names merged into the full
name) is done once, over a story's articles, by ``crosswire.stories.record.quotes_by_speaker``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from crosswire.store.db import Database
from crosswire.store.queries.records import QuoteRow

QUOTE_COLUMNS = (
    'q.speaker, q.entity_id, q.role, q.kind, q.text, q.start, q."end", q.inherited, q.article_id,'
    " a.outlet, a.title, a.published, q.speaker_kind, q.confidence, q.via"
)
QUOTE_FROM = " FROM quotes q JOIN articles a ON a.id = q.article_id"
QUOTE_SELECT = f"SELECT {QUOTE_COLUMNS}{QUOTE_FROM}"
# A quote's repetitions in syndicated copies (near-duplicates) of its article, word for word.
COPIES = (
    "(SELECT count(*) FROM near_duplicates n JOIN quotes c ON c.article_id = n.article_id"
    " WHERE n.duplicate_of = q.article_id AND c.text = q.text) AS copies"
)
# Not itself in a syndicated copy of another stored article.
NOT_A_COPY = "NOT EXISTS (SELECT 1 FROM near_duplicates n WHERE n.article_id = q.article_id)"
ESCAPE = " ESCAPE '\\'"
# Speakers whose quotes a speaker filter shows: "Kim" may match many people.
MAX_SPEAKERS = 100


def like_escape(text: str) -> str:
    """``text`` for ``LIKE … ESCAPE '\\'`` with the user's own ``%`` and ``_`` taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(text: str) -> str:
    """``%text%``: contains ``text`` literally (``100%`` is not a wildcard)."""
    return f"%{like_escape(text)}%"


def quote_row(row: sqlite3.Row) -> QuoteRow:
    """A row selected by ``QUOTE_SELECT``."""
    return QuoteRow(
        speaker=row["speaker"], entity_id=row["entity_id"], role=row["role"], kind=row["kind"],
        text=row["text"], start=row["start"], end=row["end"], inherited=bool(row["inherited"]),
        article_id=row["article_id"], outlet=row["outlet"], article_title=row["title"],
        published=row["published"], speaker_kind=row["speaker_kind"], confidence=row["confidence"],
        via=tuple(link["name"] for link in json.loads(row["via"] or "[]")),
    )  # fmt: skip


def where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def list_quotes(
    db: Database,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
    entity_id: str | None = None,
) -> list[QuoteRow]:
    """Quotes in article order; ``speaker`` is part of a name, ``article`` an id prefix, both literal.

    A quote a syndicated copy repeats is listed once, in the original, with its ``copies``.
    """
    conditions: list[str] = [NOT_A_COPY]
    params: list[object] = []
    if entity_id:
        conditions.append("q.entity_id = ?")
        params.append(entity_id)
    if speaker:
        # The matching names from the speaker index, then their quotes through it: a LIKE
        # over the quotes table would read every quote.
        names = speaker_names(db, speaker)
        if not names:
            return []
        conditions.append(f"q.speaker IN ({','.join('?' * len(names))})")
        params += names
    if article:
        conditions.append("q.article_id LIKE ?" + ESCAPE)
        params.append(like_escape(article) + "%")
    rows = db.query(
        f"SELECT {QUOTE_COLUMNS}, {COPIES}{QUOTE_FROM}" + where(conditions)
        + " ORDER BY coalesce(a.published, ''), q.article_id, q.start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )  # fmt: skip
    return [replace(quote_row(r), copies=r["copies"]) for r in rows]


def speaker_names(db: Database, part: str, limit: int = MAX_SPEAKERS) -> list[str]:
    """Speakers whose name contains ``part`` literally, from the speaker index alone.

    No quote is read: a LIKE over the quotes table reads every quote.
    """
    rows = db.query(f"SELECT DISTINCT speaker FROM quotes WHERE speaker LIKE ?{ESCAPE} LIMIT ?",
                    (like_pattern(part), limit))  # fmt: skip
    return [r[0] for r in rows]
