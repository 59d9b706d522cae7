"""HTML pages through trafilatura: main text and metadata, then the same line cleaning as text.

trafilatura finds the article body and title/author/date/sitename; the plain-text cleaner
then removes what survives of captions, doubled paragraphs and boilerplate lines, and fills
any field trafilatura left empty.

The DOCTYPE is dropped before parsing: its internal subset is where XML entity bombs live,
and nothing in it is content.
"""

from __future__ import annotations

import re
from datetime import datetime

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import Document

from crosswire.errors import InputError
from crosswire.ingest.plaintext import CleanedText, clean_plain_text

# Publication-time metadata, most precise first: these carry a time and an offset, where
# trafilatura's own date is a day only.
PUBLISHED_META_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="publish-date"]/@content',
    '//meta[@name="date"]/@content',
    "//time[@datetime][1]/@datetime",
)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE_START = re.compile(r"<!doctype", re.IGNORECASE)
# What can end a DOCTYPE, or hide a ">" that does not: quotes and the internal subset's brackets.
_DOCTYPE_TOKEN = re.compile(r"""["'\[\]>]""")
# libxml2 refuses control characters (a NUL from a JSON line's "\u0000"); they carry no text.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def extract_html(html: str, url: str | None, source: str) -> CleanedText:
    tree = _parse(html, source)
    published = published_from_markup(tree, html)
    captions = captions_from_markup(tree)  # read before trafilatura prunes the tree
    # Not trafilatura's deduplicate=True: it remembers paragraphs across calls in a global
    # cache, so a second article quoting the same sentence would lose it. Doubled paragraphs
    # inside one article are removed by the line cleaner below.
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        raise InputError(f"{source}: no article text found in the HTML")
    body = _drop_leading_title(doc.text or "", doc.title)
    cleaned = clean_plain_text(body, has_title=bool(doc.title))
    cleaned.title = doc.title or cleaned.title
    cleaned.byline = doc.author or cleaned.byline
    cleaned.outlet = doc.sitename or cleaned.outlet
    cleaned.published = published or cleaned.published or doc.date
    cleaned.captions = list(dict.fromkeys(captions + cleaned.captions))
    return cleaned


def _parse(html: str, source: str) -> lxml_html.HtmlElement:
    # lxml refuses str input that declares an encoding; the text is decoded already.
    markup = _CONTROL_CHARS.sub("", drop_doctypes(_XML_DECLARATION.sub("", html)))
    try:
        tree = lxml_html.fromstring(markup)
    except Exception as exc:  # lxml raises several unrelated types on hopeless markup
        raise InputError(f"{source}: unreadable HTML ({exc})") from exc
    return tree


def drop_doctypes(html: str) -> str:
    """``html`` without its DOCTYPE declarations, internal subset included.

    An HTML parser ends a DOCTYPE at its first ">": the rest of an internal subset full of
    ``<!ENTITY>`` definitions (an entity-expansion bomb) became page text, and "]>" the
    title. Dropped whole, the subset is never expanded nor shown.
    """
    pieces, pos = [], 0
    while (start := _DOCTYPE_START.search(html, pos)) is not None:
        pieces.append(html[pos : start.start()])
        pos = _doctype_end(html, start.end())
    pieces.append(html[pos:])
    return "".join(pieces)


def _doctype_end(html: str, pos: int) -> int:
    """Where the DOCTYPE whose "<!doctype" ends at ``pos`` ends: past the ">" outside quotes
    and outside its internal subset's brackets (or the end of the text if none does)."""
    depth = 0
    while (token := _DOCTYPE_TOKEN.search(html, pos)) is not None:
        char, pos = token.group(), token.end()
        if char in "\"'":
            close = html.find(char, pos)
            pos = close + 1 if close >= 0 else pos  # an unpaired quote is just a character
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif depth == 0:
            return pos
    return len(html)


def published_from_markup(tree: lxml_html.HtmlElement, html: str) -> str | None:
    candidates = [str(v) for xpath in PUBLISHED_META_XPATHS for v in tree.xpath(xpath)]
    candidates += _JSON_LD_DATE.findall(html[:200_000])
    for value in candidates:
        iso = normalize_iso(value)
        if iso:
            return iso
    return None


def captions_from_markup(tree: lxml_html.HtmlElement) -> list[str]:
    """Figure captions, once each: trafilatura drops them from the body, we keep them apart."""
    texts = (" ".join(el.text_content().split()) for el in tree.iter("figcaption"))
    return list(dict.fromkeys(t for t in texts if t))


def normalize_iso(value: str) -> str | None:
    """An ISO 8601 string as crosswire stores it, or None when it is not one."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _drop_leading_title(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        return rest
    return text


__all__ = ["drop_doctypes", "extract_html", "normalize_iso", "published_from_markup"]
