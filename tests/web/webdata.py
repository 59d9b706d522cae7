"""What the web tests store and look for: an article whose every field carries a payload.

The web tests' store holds the bundled demo corpus plus one article of our own whose title,
byline, outlet, URL and text carry script-injection payloads; the pipeline finds its quotes
(one of them a payload) and names like any other article's.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # Starlette 1.x asks for the "httpx2" fork in its test client; plain httpx works the same.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

__all__ = ["TestClient"]

PWN = "window.__pwned=1"
PAYLOAD_TITLE = f"<script>{PWN};document.title='pwned'</script>Council <b>vote</b> on harbour budget"
PAYLOAD_OUTLET = f'<img src=x onerror="{PWN}">Payload Post'
PAYLOAD_BYLINE = f'"><svg onload={PWN}>'
# A speaker's name carrying a payload, for comparison records crafted by the story page tests.
PAYLOAD_SPEAKER = f"Mallory <i onmouseover={PWN}>Quint</i>"
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
