"""A stored-text span's place in the raw input: offsets in raw text, an element in raw HTML."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import html as lxml_html

from crosswire.ingest.provenance import raw_span

RAW_TEXT = (
    "Outlet: Fenland Gazette\nDate: 2026-01-09\n\n"
    "The ferry  resumed service\non Friday.   The ferry resumed service on Friday, a second time.\n"
)
STORED = "The ferry resumed service on Friday. The ferry resumed service on Friday, a second time."
PAGE = (
    "<!DOCTYPE html><html><head><script>var s = 'The ferry resumed';</script></head><body>"
    "<article><p>The ferry <em>resumed</em> service on Friday.</p>"
    "<p>Crews repainted the <b>hull</b> overnight.</p></article></body></html>"
)
PAGE_TEXT = "The ferry resumed service on Friday.\n\nCrews repainted the hull overnight."


@pytest.mark.parametrize("words, nth", [("The ferry resumed service on Friday", 0),
                                        ("The ferry resumed service on Friday", 1),
                                        ("a second time", 0)])  # fmt: skip
def test_a_text_span_is_found_in_the_raw_text_whatever_its_whitespace(words: str, nth: int) -> None:
    start = STORED.index(words) if nth == 0 else STORED.index(words, 1)
    found = raw_span("text", RAW_TEXT, STORED, start, start + len(words))
    assert found is not None and found.start is not None and found.end is not None
    assert RAW_TEXT[found.start : found.end].split() == words.split()
    # the repeated sentence is matched where it sits, not at its first occurrence
    assert (found.start > RAW_TEXT.index("Friday.")) == (nth == 1 or words == "a second time")


@pytest.mark.parametrize("words, element, offset", [
    ("The ferry resumed service", "/html/body/article/p[1]/text()[1]", 0),
    ("service on Friday", "/html/body/article/p[1]/text()[2]", 1),
    ("Crews repainted", "/html/body/article/p[2]/text()[1]", 0),
    ("hull overnight", "/html/body/article/p[2]/b/text()[1]", 0),
])  # fmt: skip
def test_an_html_span_names_the_text_node_and_offset_of_its_first_words(
    words: str, element: str, offset: int
) -> None:
    start = PAGE_TEXT.index(words)
    found = raw_span("html", PAGE, PAGE_TEXT, start, start + len(words))
    assert found is not None and (found.element, found.offset) == (element, offset)
    node: Any = lxml_html.fromstring(PAGE.encode()).getroottree().xpath(element)
    assert str(node[0])[offset:].startswith(words.split()[0])


@pytest.mark.parametrize("media_type, raw, start, end", [
    ("text", RAW_TEXT, 5, 2),  # reversed
    ("text", RAW_TEXT, 0, 10_000),  # past the end
    ("text", "nothing alike here", 0, 9),  # words the raw input does not have
    ("html", "<p>nothing alike</p>", 0, 9),
    ("html", "", 0, 9),
])  # fmt: skip
def test_a_span_not_found_has_no_raw_place(media_type: str, raw: str, start: int, end: int) -> None:
    assert raw_span(media_type, raw, STORED, start, end) is None
