"""What the analysis stages found in one article, to and from its tables.

One function pair per annotation kind, so a new stage adds a table here and a line in
``save_annotations`` / ``load_annotations`` and touches nothing else.
"""

from __future__ import annotations

import json
import sqlite3

from crosswire.store.db import Database
from crosswire.types import Article, Mention, Quote, Sentence, Speaker, TimeExpr, Via


def save_annotations(db: Database, a: Article) -> None:
    db.executemany(
        'INSERT INTO sentences (article_id, start, "end") VALUES (?, ?, ?)',
        [(a.id, s.start, s.end) for s in a.sentences],
    )
    db.executemany(
        'INSERT INTO mentions (article_id, start, "end", text, label, entity_id, canonical)'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(a.id, m.start, m.end, m.text, m.label, m.entity_id, m.canonical) for m in a.mentions],
    )
    db.executemany(
        'INSERT INTO quotes (article_id, start, "end", text, kind, cue, cue_start, cue_end, speaker,'
        " speaker_kind, speaker_start, speaker_end, role, role_start, role_end, entity_id, inherited,"
        " confidence, via, parts, fragments)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(a.id, *_quote_row(q)) for q in a.quotes],
    )
    db.executemany(
        'INSERT INTO times (article_id, start, "end", text, value, type, anchor_start, anchor_end, note,'
        " range_start, range_end, duration, reference, event_start, event_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (a.id, t.start, t.end, t.text, t.value, t.type, t.anchor_start, t.anchor_end, t.note,
             t.range_start, t.range_end, t.duration, t.reference, t.event_start, t.event_end)
            for t in a.times
        ],
    )


def _quote_row(q: Quote) -> tuple[object, ...]:
    s = q.speaker or Speaker(name="", kind="unknown")
    return (
        q.start, q.end, q.text, q.kind, q.cue, q.cue_start, q.cue_end,
        s.name or None, s.kind if q.speaker else None, s.start, s.end,
        s.role, s.role_start, s.role_end, s.entity_id, int(q.inherited),
        q.confidence, json.dumps([_via_record(v) for v in q.via]),
        json.dumps([list(p) for p in q.parts]), json.dumps([list(f) for f in q.fragments]),
    )  # fmt: skip


def load_annotations(db: Database, article: Article) -> None:
    aid = (article.id,)
    article.sentences = [
        Sentence(r[0], r[1])
        for r in db.query('SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY start', aid)
    ]
    article.mentions = [
        Mention(r[0], r[1], r[2], r[3], r[4], r[5])
        for r in db.query(
            'SELECT text, start, "end", label, entity_id, canonical FROM mentions'
            " WHERE article_id = ? ORDER BY start, id",
            aid,
        )
    ]
    article.quotes = [
        _quote(r) for r in db.query("SELECT * FROM quotes WHERE article_id = ? ORDER BY start", aid)
    ]
    article.times = [
        TimeExpr(
            r["text"],
            r["start"],
            r["end"],
            r["value"],
            r["type"],
            r["anchor_start"],
            r["anchor_end"],
            r["note"],
            r["range_start"],
            r["range_end"],
            r["duration"],
            r["reference"],
            r["event_start"],
            r["event_end"],
        )
        for r in db.query("SELECT * FROM times WHERE article_id = ? ORDER BY start", aid)
    ]


def _quote(row: sqlite3.Row) -> Quote:
    speaker = None
    if row["speaker_kind"] is not None:
        speaker = Speaker(
            name=row["speaker"] or "", entity_id=row["entity_id"], role=row["role"],
            kind=row["speaker_kind"], start=row["speaker_start"], end=row["speaker_end"],
            role_start=row["role_start"], role_end=row["role_end"],
        )  # fmt: skip
    return Quote(
        text=row["text"], start=row["start"], end=row["end"], kind=row["kind"],
        cue=row["cue"], speaker=speaker, inherited=bool(row["inherited"]),
        cue_start=row["cue_start"], cue_end=row["cue_end"], confidence=row["confidence"],
        via=tuple(Via(**v) for v in json.loads(row["via"])),
        parts=_spans(row["parts"]), fragments=_spans(row["fragments"]),
    )  # fmt: skip


def _via_record(v: Via) -> dict[str, object]:
    return {"name": v.name, "start": v.start, "end": v.end, "kind": v.kind}


def _spans(column: str) -> tuple[tuple[int, int], ...]:
    return tuple((start, end) for start, end in json.loads(column))


def link_quote_speakers(db: Database, article_ids: list[str]) -> None:
    """Give each quote the entity of its speaker, once entities are resolved: the one
    resolution gave it (``resolve.speakers``) when it did, else by the speaker's name.

    The speaker's name is the full name the article used, so it is looked up among the
    article's resolved referents first, then among its mentions that name or stand for it.
    """
    marks = ",".join("?" * len(article_ids))
    db.execute(
        "UPDATE quotes SET entity_id = coalesce(quotes.entity_id,"
        " (SELECT m.entity_id FROM entity_members m WHERE m.article_id = quotes.article_id"
        "  AND m.name = quotes.speaker LIMIT 1),"
        " (SELECT m.entity_id FROM mentions m WHERE m.article_id = quotes.article_id"
        "  AND m.entity_id IS NOT NULL AND (m.canonical = quotes.speaker OR m.text = quotes.speaker)"
        "  ORDER BY m.start LIMIT 1))"
        f" WHERE article_id IN ({marks}) AND speaker IS NOT NULL",
        article_ids,
    )
