"""The feeds to watch, from a file: one URL a line (an optional interval after it), or OPML.

A text line is ``URL [INTERVAL]`` with the interval in seconds or with a unit (``90s``,
``15m``, ``2h``); ``#`` starts a comment. An OPML file's ``<outline xmlUrl=…>`` elements are
the feeds, and a non-standard ``interval`` attribute is read the same way if present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from crosswire.errors import InputError

DEFAULT_INTERVAL = 900.0  # 15 minutes: what most news feeds' <ttl> asks, when they ask
# Polls closer than this are refused: no analyst needs a feed more often, and every site does not
# want it.
MIN_INTERVAL = 60.0
_INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)([smh]?)$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


@dataclass(frozen=True, slots=True)
class FeedSpec:
    url: str
    interval: float = DEFAULT_INTERVAL


def parse_interval(text: str, where: str, minimum: float = MIN_INTERVAL) -> float:
    match = _INTERVAL.match(text.strip().lower())
    if not match:
        raise InputError(f"{where}: {text!r} is no interval (seconds, or e.g. 90s, 15m, 2h)")
    seconds = float(match.group(1)) * _UNITS[match.group(2)]
    if seconds < minimum:
        raise InputError(f"{where}: interval {text} is shorter than the minimum of {minimum:g}s")
    return seconds


def read_feed_list(path: Path, minimum: float = MIN_INTERVAL) -> list[FeedSpec]:
    """The feeds named in ``path``, each once (the last interval given wins)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the feed list {path}: {exc.strerror or exc}") from None
    looks_xml = data.lstrip()[:1] == b"<"
    specs = _opml(data, path, minimum) if looks_xml else _text(data.decode("utf-8", "replace"), path, minimum)
    return list({spec.url: spec for spec in specs}.values())


def _check_url(url: str, where: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise InputError(f"{where}: {url!r} is no http(s) URL")
    return url


def _text(text: str, path: Path, minimum: float) -> list[FeedSpec]:
    specs = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        where = f"{path}:{number}"
        if len(words) > 2:
            raise InputError(f"{where}: expected `URL [INTERVAL]`, got {len(words)} words")
        interval = parse_interval(words[1], where, minimum) if len(words) == 2 else DEFAULT_INTERVAL
        specs.append(FeedSpec(_check_url(words[0], where), interval))
    return specs


def _opml(data: bytes, path: Path, minimum: float) -> list[FeedSpec]:
    # No entities, no network, no DTD: the file may come from anywhere.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is neither a list of URLs nor well-formed OPML: {exc}") from None
    specs = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl")
        if url:
            where = f"{path}: outline {outline.get('text') or url!r}"
            given = outline.get("interval")
            interval = parse_interval(given, where, minimum) if given else DEFAULT_INTERVAL
            specs.append(FeedSpec(_check_url(url.strip(), where), interval))
    return specs
