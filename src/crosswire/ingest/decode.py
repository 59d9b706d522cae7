"""Bytes to text, for every reader (fetched pages, files, stdin, WARC records).

The charset is chosen the way a browser chooses it, in order of authority:

1. a byte-order mark, or UTF-16 without one, told by where its NULs fall;
2. the charset declared from outside the document (an HTTP ``Content-Type`` header);
3. for markup only, the document's own ``<?xml encoding=...?>`` or ``<meta charset>``;
4. UTF-8, when the bytes are valid UTF-8 or mostly so (the few bad bytes become U+FFFD);
5. charset-normalizer's statistical guess.

A declared charset is trusted even where a few bytes disagree (they become U+FFFD), as
browsers do. Labels that say latin-1 or ASCII are read as windows-1252, as the WHATWG
Encoding standard prescribes: such pages are full of curly quotes and dashes in 0x80-0x9F.
What decoding had to change (bytes replaced, control characters removed) is counted, so
the article can say so (``Decoded.notes``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

import charset_normalizer

from crosswire.errors import InputError
from crosswire.types import MediaType

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(p|div|article|span|a|h[1-6]|br|section|main)\b[^>]*>", re.I)

# --- binary or text ----------------------------------------------------------------------------

_BINARY_SNIFF_BYTES = 8192
# Formats whose first bytes are printable enough to slip past the control-byte count.
_BINARY_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"RIFF": "a RIFF audio or video file",
    b"\x1f\x8b": "gzip-compressed data",
}
# UTF-16 text is full of NULs and bytes below 0x20; its BOM is what tells it from binary.
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# WHATWG's "binary data bytes": C0 controls other than \t \n \f \r and ESC (used by ISO-2022-JP).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# A text may carry a few stray control bytes (a NUL from a bad copy, a DOS ^Z at the end, a
# vertical tab from a word processor); binary data has them everywhere (random bytes: 11%).
# So the share over the whole content decides, not the presence of any one byte.
_BINARY_CONTROL_SHARE = 0.01
_STRAY_CONTROL_BYTES = 4
# UTF-16 without a BOM: every Latin letter, digit, space and punctuation mark has a NUL high
# byte, so NULs fill one side of the byte pairs (even for Cyrillic: spaces and punctuation)
# and almost never the other. Binary data spreads its NULs over both sides.
_UTF16_NUL_SHARE = 0.1
_UTF16_STRAY_NUL_SHARE = 0.02
_UTF16_MIN_PAIRS = 4
# After decoding, control characters carry no text and break parsers (lxml refuses a NUL):
# they are removed, and counted. ESC goes too: a decoder that needs it has consumed it.
_CONTROL_CHAR = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# surrogateescape turns each undecodable byte into one of these, which no valid text holds.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_ASCII_BYTES = bytes(range(0x80))

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


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text as decoded, with what decoding had to change to get it."""

    text: str
    codec: str = "utf-8"
    replaced_bytes: int = 0  # not valid in ``codec``: each run of them became one U+FFFD
    removed_controls: int = 0  # NUL and other control characters, which no text shows

    @property
    def notes(self) -> list[str]:
        """One line per change, for ``Article.notes``."""
        notes = []
        if self.replaced_bytes:
            bad = _count(self.replaced_bytes, "byte")
            notes.append(f"replaced {bad} not valid in {self.codec} with U+FFFD")
        if self.removed_controls:
            notes.append(f"removed {_count(self.removed_controls, 'control character')} (NUL, ^Z...)")
        return notes


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is no text or HTML at all (an image, an archive...), or None for text.

    The content as a whole decides: a few stray control bytes do not make a text binary.
    """
    head = data[:_BINARY_SNIFF_BYTES]
    kind = next((name for magic, name in _BINARY_MAGIC.items() if head.startswith(magic)), None)
    if kind is not None:
        return f"looks binary: starts like {kind}"
    if head.startswith(_UTF16_BOMS) or _utf16_without_bom(head):
        return None
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > max(_STRAY_CONTROL_BYTES, len(data) * _BINARY_CONTROL_SHARE):
        return f"looks binary: {controls / len(data):.0%} control bytes"
    return None


def looks_binary(data: bytes) -> bool:
    """True for images, archives, PDFs, executables: what is no text or HTML at all."""
    return binary_reason(data) is not None


def content_type_charset(header: str) -> str | None:
    """The ``charset=`` label of a Content-Type header value, or None."""
    match = _HEADER_CHARSET.search(header)
    return match.group(1) if match else None


def decode(body: bytes, declared_charset: str | None = None, *, markup: bool = True) -> Decoded:
    """Text from ``body`` and what decoding changed; never fails (bad bytes become U+FFFD).

    ``declared_charset`` is the label from outside the document (e.g. the HTTP header).
    ``markup=False`` is for plain text, where a "<meta charset=...>" is just words.
    """
    for label in _declared_charsets(body, declared_charset, markup):
        decoded = _decode_as(body, label)
        if decoded is not None:
            return decoded
    return _guess_decode(body)


def decode_bytes(body: bytes, declared_charset: str | None = None, *, markup: bool = True) -> str:
    """The text of ``decode``, for callers that need no notes."""
    return decode(body, declared_charset, markup=markup).text


def decode_text(
    data: bytes, source: str, declared_charset: str | None = None, markup: bool = True
) -> Decoded:
    """Like ``decode``, but refuses binary content with an ``InputError`` naming ``source``."""
    reason = binary_reason(data)
    if reason is not None:
        raise InputError(f"{source}: {reason}")
    return decode(data, declared_charset, markup=markup)


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
    # Bytes in UTF-16 read as nothing else; no declaration readable as ASCII can be right.
    utf16 = _utf16_without_bom(body[:_BINARY_SNIFF_BYTES])
    if utf16:
        yield utf16
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


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``head`` reads as UTF-16 by the NULs of its byte pairs."""
    pairs = len(head) // 2
    if pairs < _UTF16_MIN_PAIRS:
        return None
    head = head[: 2 * pairs]
    for codec, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if high.count(0) >= pairs * _UTF16_NUL_SHARE and low.count(0) <= pairs * _UTF16_STRAY_NUL_SHARE:
            sample = head.decode(codec, errors="replace")
            # Arrays of small numbers have the same NULs, but read as control characters.
            if len(_CONTROL_CHAR.findall(sample)) <= pairs * _BINARY_CONTROL_SHARE:
                return codec
    return None


def _decode_as(body: bytes, label: str) -> Decoded | None:
    """``body`` in the charset ``label`` names, or None if crosswire does not know that charset."""
    codec = _codec(label)
    if codec is None:
        return None
    try:
        return _decode_with(body, codec)
    except (LookupError, UnicodeError):
        return None  # base64, zlib, rot13... are Python codecs but not text encodings


def _decode_with(body: bytes, codec: str) -> Decoded:
    text = body.decode(codec, errors="replace")
    replaced = _invalid_bytes(body, codec, text) if "\ufffd" in text else 0
    return _without_controls(text, codec, replaced)


def _invalid_bytes(body: bytes, codec: str, replaced_text: str) -> int:
    """How many bytes of ``body`` are not valid in ``codec``."""
    try:
        return _ESCAPED_BYTE.subn("", body.decode(codec, errors="surrogateescape"))[1]
    except UnicodeError:  # a bad byte below 0x80 (UTF-16 cut mid-pair) cannot be escaped
        return replaced_text.count("\ufffd")


def _without_controls(text: str, codec: str, replaced: int = 0) -> Decoded:
    text, removed = _CONTROL_CHAR.subn("", text)
    return Decoded(text, codec, replaced, removed)


def _codec(label: str) -> str | None:
    """Python's codec for a charset label, or None if it is unknown or no web charset."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in _NOT_WEB_CODECS:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _guess_decode(body: bytes) -> Decoded:
    # Bytes that decode as UTF-8 without error almost never are anything else, and this is
    # far cheaper (and, on short texts, more reliable) than statistical detection.
    try:
        return _without_controls(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(body):
        return _decode_with(body, "utf-8")
    # Declarations were read (or refused) already: the guess is statistics only.
    matches = charset_normalizer.from_bytes(body, preemptive_behaviour=False)
    best = matches.best()
    if best is None:
        return _decode_with(body, "utf-8")
    western = next((m for m in matches if "cp1252" in m.could_be_from_charset), None)
    if western is not None and western.chaos <= best.chaos + _CP1252_MARGIN:
        return _decode_with(body, "cp1252")
    return _without_controls(str(best), best.encoding)


def _mostly_utf8(body: bytes) -> bool:
    """True when at least half of the non-ASCII bytes form valid UTF-8 sequences.

    A UTF-8 article with a few bad bytes (a cut sequence, latin-1 letters pasted in) is
    still UTF-8: read in a legacy code page, every curly quote and accent of it would turn
    to junk ("â€œ"). Text really in a legacy code page almost never holds a valid UTF-8
    sequence (a lead byte followed by the right number of continuation bytes) by chance.
    """
    non_ascii = len(body.translate(None, _ASCII_BYTES))
    invalid = _ESCAPED_BYTE.subn("", body.decode("utf-8", errors="surrogateescape"))[1]
    return invalid * 2 <= non_ascii


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
