"""Where a span of an article's stored text came from in the raw input it was read from.

A cited span is a pair of offsets into ``articles.text``, the cleaned text. The raw input is
kept too (``raw_inputs``), and an editor checking a citation may want the original:

* a text input: the span's offsets in the raw text. Cleaning folds whitespace, drops
  boilerplate lines and rejoins paragraphs, so offsets cannot be carried over; the span's
  words are looked up in the raw text (any whitespace between them). When they occur more
  than once, the span's k-th occurrence in the stored text is taken to be the k-th in the raw
  one; when the raw text has fewer (the cleaner drops doubled paragraphs), the occurrence
  nearest the span's relative position.
* an HTML input: the element holding the span's first word (its XPath) and the offset of that
  word in the element's own text node. trafilatura keeps no offsets into the page it
  extracts from, so the element is found the same way, by the words, in the parsed page.

Words the cleaner rewrote (a dash or quote mark normalised, a hyphenated line end joined)
are not found: the span then has no raw position (None), never a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree
from lxml import html as lxml_html

from crosswire.ingest.html import drop_doctypes

# Words of a span looked up in an HTML page: enough to be unique, few enough to sit in one
# text node (a span may cross inline tags further on).
HTML_WORDS = 6


@dataclass(frozen=True, slots=True)
class RawSpan:
    """A span's place in the raw input: offsets into raw text, or an element and offset."""

    media_type: Literal["text", "html"]
    start: int | None = None
    end: int | None = None
    element: str | None = None
    offset: int | None = None


def raw_span(media_type: str, raw: str, text: str, start: int, end: int) -> RawSpan | None:
    """The place of ``text[start:end]`` in ``raw`` (a text or HTML input), or None."""
    if not 0 <= start < end <= len(text):
        return None
    words = text[start:end].split()
    if not words:
        return None
    if media_type == "html":
        return _in_html(raw, words)
    pattern = _pattern(words)
    matches = list(pattern.finditer(raw))
    if not matches:
        return None
    nth = sum(1 for m in pattern.finditer(text) if m.start() < start)
    if nth < len(matches):
        found = matches[nth]
    else:
        expected = start / len(text) * len(raw)
        found = min(matches, key=lambda m: abs(m.start() - expected))
    return RawSpan("text", found.start(), found.end())


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def _in_html(raw: str, words: list[str]) -> RawSpan | None:
    """The text node holding the span's first words, as an XPath ``…/p[2]/text()[1]``, and
    the offset of the first word in it; fewer words are tried when an inline tag cuts them."""
    try:
        tree = lxml_html.fromstring(drop_doctypes(raw).encode("utf-8"))
    except (etree.ParserError, ValueError):
        return None
    found_nodes: Any = tree.xpath("//text()")  # text nodes, each knowing its element
    nodes = [n for n in found_nodes if _owner(n) is not None]
    for count in range(min(HTML_WORDS, len(words)), 0, -1):
        pattern = _pattern(words[:count])
        for node in nodes:
            if found := pattern.search(str(node)):
                return RawSpan("html", element=_node_path(tree, node), offset=found.start())
    return None


def _owner(node: Any) -> Any:
    """The element whose text node this is (a tail belongs to the tag's parent), or None
    inside a script or style, whose text is no content."""
    owner = node.getparent()
    if owner is not None and node.is_tail:
        owner = owner.getparent()
    return None if owner is None or owner.tag in ("script", "style") else owner


def _node_path(tree: Any, node: Any) -> str:
    owner = _owner(node)
    texts = owner.xpath("text()")
    index = next(i for i, t in enumerate(texts, 1) if t is node or (t == node and t.is_tail == node.is_tail))
    return f"{tree.getroottree().getpath(owner)}/text()[{index}]"
