"""Bytes to text: which charset wins, what is refused as binary, and what decoding changed."""

import codecs
import io
import random
from pathlib import Path

import pytest

from crosswire.config import Settings
from crosswire.errors import InputError
from crosswire.ingest.decode import (
    binary_reason,
    content_type_charset,
    decode,
    decode_bytes,
    decode_text,
    looks_binary,
)
from crosswire.ingest.sources import InputRef, expand_inputs, read_input
from crosswire.ingest.warc import read_warc
from crosswire.types import IngestProblem, RawDocument

CAFE = "Un café «noir» — “served” at €4"
# Long enough for a fair statistical guess, short enough that detectors are tempted astray.
WESTERN = (
    "Café owners in Brinmoor said the new façade rules, which take effect in the spring, "
    "would cost each shop about €4,000 and force some to close their terraces entirely."
)
GERMAN = "Der Bürgermeister äußerte sich über die Straße – „endlich“, sagte er. " * 3


@pytest.mark.parametrize(
    "body, declared, markup, expected",
    [
        pytest.param(CAFE.encode(), None, True, CAFE, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + CAFE.encode(), None, True, CAFE, id="utf-8 BOM dropped"),
        pytest.param(codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le"), None, True, CAFE, id="utf-16 LE BOM"),
        pytest.param(codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be"), None, False, CAFE, id="utf-16 BE BOM"),
        pytest.param(codecs.BOM_UTF8 + CAFE.encode(), "windows-1252", True, CAFE, id="BOM beats header"),
        pytest.param(
            b'<meta charset="windows-1252"><p>caf\xe9 \x93noir\x94',
            None,
            True,
            '<meta charset="windows-1252"><p>café “noir”',
            id="cp1252 in meta charset",
        ),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>caf\xe9 \x96',
            None,
            True,
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>café –',
            id="latin-1 in meta http-equiv read as cp1252",
        ),
        pytest.param(b"caf\xe9 \x93noir\x94", "windows-1252", False, "café “noir”", id="header charset"),
        pytest.param(b"caf\xe9 \x80", "ISO-8859-1", False, "café €", id="latin-1 header read as cp1252"),
        pytest.param(b"caf\xe9 \x80", "us-ascii", False, "café €", id="ascii header read as cp1252"),
        pytest.param(
            '<meta charset="windows-1252"><p>café</p>'.encode(),
            "utf-8",
            True,
            '<meta charset="windows-1252"><p>café</p>',
            id="header beats meta",
        ),
        pytest.param(
            b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf\xe9 \x85</rss>',
            None,
            True,
            '<?xml version="1.0" encoding="ISO-8859-1"?><rss>café …</rss>',
            id="xml encoding",
        ),
        pytest.param(WESTERN.encode("cp1252"), None, False, WESTERN, id="undeclared cp1252 guessed"),
        pytest.param(GERMAN.encode("cp1252"), None, True, GERMAN, id="undeclared German cp1252 guessed"),
        pytest.param(
            "Just text, <meta charset=koi8-r> café.".encode(),
            None,
            False,
            "Just text, <meta charset=koi8-r> café.",
            id="meta in plain text ignored",
        ),
        pytest.param(
            b'<meta charset="x-klingon"><p>' + CAFE.encode(),
            None,
            True,
            '<meta charset="x-klingon"><p>' + CAFE,
            id="unknown meta label falls back",
        ),
        pytest.param(WESTERN.encode("cp1252"), "bogus-charset", False, WESTERN, id="unknown header label"),
        pytest.param(
            b"<meta charset=base64><p>" + CAFE.encode(),
            None,
            True,
            "<meta charset=base64><p>" + CAFE,
            id="non-text codec label ignored",
        ),
        pytest.param(
            b"<meta charset=utf-7><p>+ADw-b+AD4-",
            None,
            True,
            "<meta charset=utf-7><p>+ADw-b+AD4-",
            id="utf-7 label ignored",
        ),
        pytest.param(
            '<meta charset="utf-16"><p>café'.encode(),
            None,
            True,
            '<meta charset="utf-16"><p>café',
            id="ascii-readable utf-16 label means utf-8",
        ),
        pytest.param(b"caf\xc3 broken", "utf-8", False, "caf\ufffd broken", id="declared trusted, bad bytes"),
    ],
)
def test_decode_bytes(body: bytes, declared: str | None, markup: bool, expected: str) -> None:
    assert decode_bytes(body, declared, markup=markup) == expected


def test_meta_declaration_only_counts_near_the_top() -> None:
    body = b"<p>" + b"x" * 5000 + b'<meta charset="koi8-r"><p>caf\xc3\xa9'
    assert decode_bytes(body).endswith("café")


def _noise() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(2000)) + b"\x00\x00"


@pytest.mark.parametrize(
    "data, binary",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", True, id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", True, id="pdf"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", True, id="jpeg"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", True, id="zip"),
        pytest.param(_noise(), True, id="random bytes with NULs"),
        # One NUL in a text is a stray byte, not a binary format (the content as a whole decides).
        pytest.param(b"text\x00with a NUL", False, id="one NUL"),
        pytest.param(b"Harbour news.\n" * 300 + b"\x00" + b"More harbour news.\n" * 300, False,
                     id="one NUL in a long article"),
        pytest.param(b"\x00" * 4000, True, id="all NULs"),
        pytest.param(b"\x01\x02\x03\x04\x05\x06 mostly control", True, id="many control bytes"),
        pytest.param(b"Name\tAge\nAda\t36\r\n\x0cPage two\n", False, id="tab, CRLF and form feed"),
        pytest.param(b"Old DOS file\r\n" * 20 + b"\x1a", False, id="one stray ^Z"),
        pytest.param(codecs.BOM_UTF16_LE + "Привет, мир".encode("utf-16-le"), False, id="utf-16 LE BOM"),
        pytest.param(codecs.BOM_UTF16_BE + "plain words".encode("utf-16-be"), False, id="utf-16 BE BOM"),
        pytest.param(WESTERN.encode("cp1252"), False, id="cp1252 text"),
        pytest.param(b"", False, id="empty"),
    ],
)
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png"),
        pytest.param(b"%PDF-1.4\n1 0 obj", id="pdf"),
        pytest.param(_noise(), id="random bytes"),
    ],
)
def test_decode_text_refuses_binary(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^photo\.png: looks binary: "):
        decode_text(data, "photo.png")


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary: starts like a PNG image",
                     id="png"),
        pytest.param(b"%PDF-1.4\n1 0 obj", "looks binary: starts like a PDF document", id="pdf"),
        pytest.param(bytes(range(256)) * 8, "looks binary: 11% control bytes", id="every byte value"),
        pytest.param(b"\x01\x02\x03\x04\x05 and words", "looks binary: 33% control bytes", id="control run"),
    ],
)
def test_binary_reason_says_what_was_wrong(data: bytes, reason: str) -> None:
    assert binary_reason(data) == reason


def test_decode_text_passes_declaration_and_markup_on() -> None:
    body = b'<meta charset="koi8-r"><p>\xf0\xd2\xc9\xd7\xc5\xd4'
    assert decode_text(body, "page.html").text.endswith("Привет")
    assert decode_text(b"caf\xe9", "x", declared_charset="cp1252", markup=False).text == "café"


# --- mostly UTF-8: the bad bytes replaced and counted, never a legacy code page guessed ------

# Curly quotes and dashes on every line: read in a legacy code page they turn into junk.
CURLY = (
    "“We will reopen the ferry terminal by spring,” said Harbour Commissioner Ilse Varnholt.\n"
    "The council’s engineers — who inspected the piers last week — found “serious but "
    "repairable” damage to the two oldest berths.\n"
    "“Nobody should expect miracles,” Varnholt added, “but nobody will be stranded either.”\n"
    "Ferry operators said they would publish a winter timetable “within days”.\n"
)


def _with_bad_bytes(text: str, bad: list[bytes]) -> bytes:
    """``text`` in UTF-8 with one of ``bad`` spliced in after each of its first lines."""
    lines = text.encode().split(b"\n")
    return b"\n".join(line + (bad[i] if i < len(bad) else b"") for i, line in enumerate(lines))


@pytest.mark.parametrize(
    "bad, replaced_bytes",
    [
        # A stray 0xFF, a lead byte with no continuation, a curly quote cut in half, a cp1252 quote.
        pytest.param([b" \xff", b" \xc3 ", b"\xe2\x80", b" \x92"], 5, id="four bad sequences"),
        # Latin-1 letters pasted into UTF-8 text: "Müller", "Straße", "Aé".
        pytest.param([b" M\xfcller", b" Stra\xdfe", b" A\xe9"], 3, id="mixed latin-1 bytes"),
    ],
)
def test_mostly_utf8_is_read_as_utf8_with_the_bad_bytes_counted(
    bad: list[bytes], replaced_bytes: int
) -> None:
    decoded = decode(_with_bad_bytes(CURLY, bad), markup=False)
    assert decoded.codec == "utf-8"
    assert all(line in decoded.text for line in CURLY.splitlines()[len(bad) :])
    assert "“We will reopen the ferry terminal by spring,”" in decoded.text
    assert "â€" not in decoded.text and "вЂ" not in decoded.text
    assert decoded.replaced_bytes == replaced_bytes
    assert decoded.notes == [f"replaced {replaced_bytes} bytes not valid in utf-8 with U+FFFD"]


def test_declared_utf8_counts_its_bad_bytes_too() -> None:
    decoded = decode(b"caf\xc3 broken \xff", "utf-8", markup=False)
    assert (decoded.text, decoded.replaced_bytes) == ("caf\ufffd broken \ufffd", 2)


def test_valid_text_has_no_notes() -> None:
    assert decode(CURLY.encode()).notes == []
    assert decode(WESTERN.encode("cp1252"), markup=False).notes == []


# --- NULs: a stray one is removed and counted; UTF-16 without a BOM is told by them ---------


@pytest.mark.parametrize("text", [CAFE * 20, WESTERN, "Привет, мир! Как дела? " * 20, GERMAN])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(text: str, codec: str) -> None:
    data = text.encode(codec)
    assert binary_reason(data) is None
    decoded = decode(data)
    assert (decoded.text, decoded.codec, decoded.notes) == (text, codec, [])


def test_a_stray_nul_is_removed_and_noted() -> None:
    decoded = decode(b"Ferries resume.\x00 The harbour reopened on Friday.", markup=False)
    assert decoded.text == "Ferries resume. The harbour reopened on Friday."
    assert decoded.notes == ["removed 1 control character (NUL, ^Z...)"]


def test_a_text_file_with_one_nul_is_read_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(CURLY.encode().replace(b"spring,", b"spring,\x00", 1))
    item = _read_one(str(tmp_path / "nul.txt"))
    assert item.content == CURLY and item.notes == ["removed 1 control character (NUL, ^Z...)"]


def test_a_binary_file_is_one_problem_naming_the_path_once(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(_noise())
    [ref] = list(expand_inputs([str(tmp_path / "noise.txt")]))
    assert isinstance(ref, InputRef)
    [problem] = list(read_input(ref, Settings(), None))
    assert isinstance(problem, IngestProblem)
    assert problem.source == str(tmp_path / "noise.txt")
    assert problem.reason.startswith("looks binary: ") and "noise.txt" not in problem.reason


@pytest.mark.parametrize(
    "header, charset",
    [
        ("text/html; charset=ISO-8859-1", "ISO-8859-1"),
        ('text/html; charset="utf-8"', "utf-8"),
        ("text/plain;CHARSET = windows-1252 ; format=flowed", "windows-1252"),
        ("text/html", None),
        ("", None),
    ],
)
def test_content_type_charset(header: str, charset: str | None) -> None:
    assert content_type_charset(header) == charset


# --- the readers pass what they know on -------------------------------------------------------

PAGES = [
    pytest.param(
        b'<html><head><meta charset="windows-1252"></head><body><p>Un caf\xe9 \x93noir\x94</p>',
        "Un café “noir”",
        id="windows-1252",
    ),
    # A guess would say windows-1252, where 0xA4 is "¤": only the <meta> gives the euro sign.
    pytest.param(
        b'<html><head><meta charset="iso-8859-15"></head><body><p>Prix : 4 \xa4 le caf\xe9</p>',
        "Prix : 4 € le café",
        id="iso-8859-15",
    ),
]


def _read_one(name: str) -> RawDocument:
    [ref] = list(expand_inputs([name]))
    assert isinstance(ref, InputRef)
    [item] = list(read_input(ref, Settings(), None))
    assert isinstance(item, RawDocument)
    return item


@pytest.mark.parametrize("page, expected", PAGES)
def test_html_file_declared_only_in_meta(tmp_path: Path, page: bytes, expected: str) -> None:
    (tmp_path / "page.html").write_bytes(page)
    assert expected in _read_one(str(tmp_path / "page.html")).content


def test_meta_in_a_txt_file_is_just_text(tmp_path: Path) -> None:
    text = (
        "To declare the charset, write <meta charset=koi8-r> in the head of the page, said the "
        "café owner, who charged €4 for a “noir”."
    )
    (tmp_path / "notes.txt").write_bytes(text.encode("cp1252"))
    assert _read_one(str(tmp_path / "notes.txt")).content == text


@pytest.mark.parametrize("page, expected", PAGES)
def test_stdin_html_declared_only_in_meta(
    monkeypatch: pytest.MonkeyPatch, page: bytes, expected: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(page)))
    assert expected in _read_one("-").content


def _warc_response(http_headers: bytes, body: bytes) -> bytes:
    """One uncompressed WARC response record, by hand (warcio's writer leaks temporary files)."""
    block = b"HTTP/1.1 200 OK\r\n" + http_headers + b"\r\n" + body
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Target-URI: https://a.example/p\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(block)).encode() + b"\r\n\r\n" + block + b"\r\n\r\n"
    )


def test_warc_record_uses_the_http_charset() -> None:
    record = _warc_response(
        b"Content-Type: text/html; charset=ISO-8859-1\r\n", b'<meta charset="utf-8"><p>caf\xe9 \x96 bar</p>'
    )
    [doc] = list(read_warc(io.BytesIO(record), "x.warc", 1_000_000))
    assert isinstance(doc, RawDocument) and "café – bar" in doc.content


def test_warc_text_plain_record_ignores_meta() -> None:
    text = "Type <meta charset=koi8-r> to declare it. Café."
    record = _warc_response(b"Content-Type: text/plain\r\n", text.encode())
    [doc] = list(read_warc(io.BytesIO(record), "x.warc", 1_000_000))
    assert isinstance(doc, RawDocument) and doc.content == text
