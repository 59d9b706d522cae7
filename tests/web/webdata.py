"""What the web tests store and look for: hostile payloads, and hand-made annotations.

The web tests' store holds the bundled demo corpus plus one article of our own whose title, byline,
outlet, URL, text and quotes carry script-injection payloads. Quotes and normalized dates
are added by hand to two articles while the quotes and dates stages have not landed (only
where an article has none), so that highlighting and speaker pages have something to show.
"""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # Starlette 1.x asks for the "httpx2" fork in its test client; plain httpx works the same.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

__all__ = ["TestClient", "annotate_by_hand"]

PWN = "window.__pwned=1"
PAYLOAD_TITLE = f"<script>{PWN};document.title='pwned'</script>Council <b>vote</b> on harbour budget"
PAYLOAD_OUTLET = f'<img src=x onerror="{PWN}">Payload Post'
PAYLOAD_BYLINE = f'"><svg onload={PWN}>'
PAYLOAD_SPEAKER = f"Mallory <i onmouseover={PWN}>Quint</i>"
PAYLOAD_ROLE = f"<img src=x onerror={PWN}> council treasurer"
PAYLOAD_QUOTE = f"<img src=x onerror={PWN}> we will not fund it"
PAYLOAD_TEXT = "\n\n".join(
    [
        f"The council met on Thursday to debate the harbour budget <script>{PWN}</script> in Port Adley.",
        f'"{PAYLOAD_QUOTE}," said Mallory Quint, the council treasurer, after the vote.',
        f'Residents shared <a href="javascript:{PWN}">a petition</a> and javascript:{PWN} in protest.',
        f'"The budget is <iframe src=javascript:{PWN}></iframe> final," said Oskar Vell, a spokesman.',
        f"Dana Okafor <b onmouseover={PWN}>did not comment</b> on the harbour budget on Friday.",
    ]
)
PAYLOAD = {
    "url": f"javascript:{PWN}",
    "outlet": PAYLOAD_OUTLET,
    "title": PAYLOAD_TITLE,
    "byline": PAYLOAD_BYLINE,
    "published": "2025-05-01T09:00:00+00:00",
    "text": PAYLOAD_TEXT,
}


def _hand_annotations(
    conn: sqlite3.Connection,
    article_id: str,
    quotes: list[tuple[str, str, str]],
    times: list[tuple[str, str]],
) -> None:
    """Quotes (content, speaker, role) and times (text, value) found in the article's text.

    They replace whatever the quotes and dates stages found in this article, if they ran:
    the web tests control these two articles' annotations, whatever the stages do.
    """
    text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM times WHERE article_id = ?", (article_id,))
    for content, speaker, role in quotes:
        start = text.index(content)
        conn.execute(
            'INSERT INTO quotes (article_id, start, "end", text, kind, cue, speaker, speaker_kind, role)'
            " VALUES (?, ?, ?, ?, 'direct', 'said', ?, 'person', ?)",
            (article_id, start, start + len(content), content, speaker, role),
        )
    for written, value in times:
        start = text.index(written)
        conn.execute(
            'INSERT INTO times (article_id, start, "end", text, value, type) VALUES (?, ?, ?, ?, ?, ?)',
            (article_id, start, start + len(written), written, value, "DATE"),
        )


def _article_id(conn: sqlite3.Connection, source_like: str) -> str:
    return str(conn.execute("SELECT id FROM articles WHERE source LIKE ?", (source_like,)).fetchone()[0])


def annotate_by_hand(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        payload_id = conn.execute("SELECT id FROM articles WHERE source LIKE '%payload.jsonl:1'").fetchone()[
            0
        ]
        _hand_annotations(
            conn,
            payload_id,
            [(PAYLOAD_QUOTE, PAYLOAD_SPEAKER, PAYLOAD_ROLE), ("The budget is", "Oskar Vell", "spokesman")],
            [("Thursday", "2025-04-24"), ("Friday", "2025-04-25")],
        )
        bridge_id = conn.execute(
            "SELECT id FROM articles WHERE source LIKE '%calder-bridge-collapse.txt'"
        ).fetchone()[0]
        _hand_annotations(
            conn,
            bridge_id,
            [
                ("We will find out why this bridge failed", "Dana Okafor", "Mayor"),
                ("The current was strong", "Raymond Teague", "Fire Chief"),
                (
                    "A truss of that generation has very little redundancy",
                    "Ilse Marchetti",
                    "structural engineer",
                ),
            ],
            [("Monday", "2025-03-03"), ("last month", "2025-02"), ("next week", "2025-W11")],
        )
        # A resolved name that carries a payload: shown in hover titles and entity chips.
        canonical = f"Oskar <script>{PWN}</script> Vell"
        update = "UPDATE mentions SET canonical = ? WHERE article_id = ? AND text = 'Oskar Vell'"
        conn.execute(update, (canonical, payload_id))
