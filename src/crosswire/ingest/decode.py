"""Bytes to text, for every reader (fetched pages, files, stdin, WARC records).

The charset is chosen the way a browser chooses it, in order of authority:

1. a byte-order mark;
2. the charset declared from outside the document (an HTTP ``Content-Type`` header);
3. for markup only, the document's own ``<?xml encoding=...?>`` or ``<meta charset>``;
4. strict UTF-8;
5. charset-normalizer's statistical guess.

A declared charset is trusted even where a few bytes disagree (they become U+FFFD), as
browsers do. Labels that say latin-1 or ASCII are read as windows-1252, as the WHATWG
Encoding standard prescribes: such pages are full of curly quotes and dashes in 0x80-0x9F.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import charset_normalizer

from crosswire.errors import InputError
from crosswire.types import MediaType

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(p|div|article|span|a|h[1-6]|br|section|main)\b[^>]*>", re.I)

# --- binary or text ----------------------------------------------------------------------------

_BINARY_SNIFF_BYTES = 8192
# Formats whose first bytes are printable enough to slip past the control-byte count.
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"RIFF", b"\x1f\x8b")
# UTF-16 text is full of NULs and bytes below 0x20; its BOM is what tells it from binary.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# WHATWG's "binary data bytes": C0 controls other than \t \n \f \r and ESC (used by ISO-2022-JP).
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")

# --- which charset -----------------------------------------------------------------------------

# Declarations are looked for near the top only: a <meta> deep in the body is page content.
_DECLARATION_SNIFF_BYTES = 4096
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Python codecs that are no web charset: UTF-7 is banned by WHATWG (it smuggles markup past
# filters), the others transform text rather than encode it. Declaring one is ignored.
_NOT_WEB_CODECS = frozenset(
    {"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"}
)
# How much more disorder (charset-normalizer's "chaos" ratio) windows-1252 may show than the
# best guess and still win: on short texts the detector often prefers an obscure DOS code page
# (cp775 for "Café ... €4,000") by a hair, where windows-1252 is far more likely.
_CP1252_MARGIN = 0.02


def looks_binary(data: bytes) -> bool:
    """True for images, archives, PDFs, executables: what is no text or HTML at all.

    A few stray control bytes (a DOS end-of-file ^Z, a vertical tab pasted from a word
    processor) do not make a text binary; a NUL or a run of them does.
    """
    head = data[:_BINARY_SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        return False
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    return len(_CONTROL_BYTE.findall(head)) > max(4, len(head) // 100)


def content_type_charset(header: str) -> str | None:
    """The ``charset=`` label of a Content-Type header value, or None."""
    match = _HEADER_CHARSET.search(header)
    return match.group(1) if match else None


def decode_bytes(body: bytes, declared_charset: str | None = None, *, markup: bool = True) -> str:
    """Text from ``body``; never fails (undecodable bytes become U+FFFD).

    ``declared_charset`` is the label from outside the document (e.g. the HTTP header).
    ``markup=False`` is for plain text, where a "<meta charset=...>" is just words.
    """
    for label in _declared_charsets(body, declared_charset, markup):
        text = _decode_as(body, label)
        if text is not None:
            return text
    return _guess_decode(body)


def decode_text(data: bytes, source: str, declared_charset: str | None = None, markup: bool = True) -> str:
    """Like ``decode_bytes``, but refuses binary content with an ``InputError`` naming ``source``."""
    if looks_binary(data):
        raise InputError(f"{source}: binary content, not text or HTML")
    return decode_bytes(data, declared_charset, markup=markup)


def sniff_media_type(text: str) -> MediaType:
    """HTML when the text starts like a page or is full of block tags, else plain text."""
    if _HTML_START.match(text[:2048].encode("utf-8", "ignore")):
        return "html"
    return "html" if len(_HTML_TAG.findall(text[:20000])) >= 5 else "text"


def _declared_charsets(body: bytes, declared_charset: str | None, markup: bool) -> Iterator[str]:
    """Charset labels in order of authority; the caller takes the first one it knows."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            yield codec
    if declared_charset:
        yield declared_charset
    if markup:
        yield from _document_charsets(body[:_DECLARATION_SNIFF_BYTES])


def _document_charsets(head: bytes) -> Iterator[str]:
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            label = match.group(1).decode("ascii")
            # A declaration we could read as ASCII is not in UTF-16/32, whatever it says;
            # WHATWG reads such a page as UTF-8.
            yield "utf-8" if label.lower().startswith(("utf-16", "utf16", "utf-32", "utf32")) else label


def _decode_as(body: bytes, label: str) -> str | None:
    """``body`` in the charset ``label`` names, or None if crosswire does not know that charset."""
    codec = _codec(label)
    if codec is None:
        return None
    try:
        return body.decode(codec, errors="replace")
    except (LookupError, UnicodeError):
        return None  # base64, zlib, rot13... are Python codecs but not text encodings


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, or None if it is unknown or no web charset."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in _NOT_WEB_CODECS:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _guess_decode(body: bytes) -> str:
    # Bytes that decode as UTF-8 without error almost never are anything else, and this is
    # far cheaper (and, on short texts, more reliable) than statistical detection.
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Declarations were read (or refused) already: the guess is statistics only.
    matches = charset_normalizer.from_bytes(body, preemptive_behaviour=False)
    best = matches.best()
    if best is None:
        return body.decode("utf-8", errors="replace")
    western = next((m for m in matches if "cp1252" in m.could_be_from_charset), None)
    if western is not None and western.chaos <= best.chaos + _CP1252_MARGIN:
        return body.decode("cp1252", errors="replace")
    return str(best)
