"""An alert rule's alerts as an Atom feed (RFC 4287): ``/alerts/NAME.atom`` in ``crosswire serve``.

Built with lxml, so every text from articles (summaries, quotes) is escaped by the serializer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from lxml import etree

from crosswire.store.queries.watch import AlertRow

ATOM = "http://www.w3.org/2005/Atom"


def _add(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def alerts_atom(rule: str, alerts: Sequence[AlertRow], base_url: str, updated: str) -> bytes:
    """The feed of ``alerts`` (newest first); ``base_url`` makes ids and links absolute."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})  # type: ignore[dict-item]
    _add(feed, "id", f"{base_url}/alerts/{rule}.atom")
    _add(feed, "title", f"crosswire alerts: {rule}")
    _add(feed, "updated", alerts[0].fired_at if alerts else updated)
    _add(feed, "link", rel="self", href=f"{base_url}/alerts/{rule}.atom")
    author = _add(feed, "author")
    _add(author, "name", "crosswire")
    for alert in alerts:
        entry = _add(feed, "entry")
        _add(entry, "id", f"{base_url}/alerts/{rule}/{alert.id}")
        _add(entry, "title", alert.summary)
        _add(entry, "updated", alert.fired_at)
        if alert.article_id:
            _add(entry, "link", href=f"{base_url}/articles/{alert.article_id}")
        elif alert.story_id:
            _add(entry, "link", href=f"{base_url}/stories/{alert.story_id}")
        _add(entry, "content", json.dumps(alert.facts, indent=1, ensure_ascii=False), type="text")
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8"))
