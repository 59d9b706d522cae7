"""Bytes to text: refuse binary, detect the encoding, sniff HTML from plain text."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from crosswire.errors import InputError
from crosswire.types import MediaType

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(p|div|article|span|a|h[1-6]|br|section|main)\b[^>]*>", re.I)
# Control characters that never occur in text (NUL, and most C0 codes other than \t\n\r\f).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def looks_binary(data: bytes) -> bool:
    """True for images, archives, executables: a text file has no NUL and few control bytes."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return len(_BINARY_BYTES.findall(head)) > max(4, len(head) // 100)


def decode_text(data: bytes, source: str) -> str:
    """Decode with UTF-8 first (most of the web), else charset-normalizer's best guess."""
    if looks_binary(data):
        raise InputError(f"{source}: binary content, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{source}: cannot detect the text encoding")
    return str(best)


def sniff_media_type(text: str) -> MediaType:
    """HTML when the text starts like a page or is full of block tags, else plain text."""
    if _HTML_START.match(text[:2048].encode("utf-8", "ignore")):
        return "html"
    return "html" if len(_HTML_TAG.findall(text[:20000])) >= 5 else "text"
