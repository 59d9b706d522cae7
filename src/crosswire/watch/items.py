"""What an item of a feed is known by, so that it is taken once.

Feeds re-publish items under a new GUID, change an item's link (a tracking parameter, a
corrected slug) or both. An item is therefore known by each of its names: its GUID, its link
(normalized: no fragment, no utm_* tracking parameters, host in lower case), and a hash of its
title and summary. It is new only when none of them has been seen; once taken, all of them are
recorded. The article store's content id is the last guard: the same text under two names that
share nothing is still stored once.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say where a reader came from, not which page it is.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")
# A hash of a title and summary this short would make two different items one ("Live updates").
MIN_CONTENT_CHARS = 40


def normalized_link(link: str) -> str:
    parts = urlsplit(link.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith(_TRACKING)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def item_keys(entry: Any) -> list[str]:
    """Every name the feed entry is known by (``guid:``, ``link:``, ``content:``)."""
    keys = []
    guid = str(entry.get("id") or "").strip()
    if guid:
        keys.append(f"guid:{guid}")
    link = str(entry.get("link") or "").strip()
    if link.lower().startswith(("http://", "https://")):
        keys.append(f"link:{normalized_link(link)}")
    content = " ".join(f"{entry.get('title') or ''} {entry.get('summary') or ''}".split()).lower()
    if len(content) >= MIN_CONTENT_CHARS:
        keys.append("content:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:32])
    return keys
