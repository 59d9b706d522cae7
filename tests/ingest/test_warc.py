import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]  # no type hints
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from crosswire.ingest.warc import read_warc
from crosswire.types import IngestProblem, RawDocument

# warcio's writer (used here to build test archives, not by crosswire) leaves its spooled
# payload files for the garbage collector.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

PAGE = b"<html><head><title>Quay closes</title></head><body><p>The quay closed.</p></body></html>"


def write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
        for url, status, ctype, body in [
            ("https://a.example/quay", "200 OK", "text/html; charset=utf-8", PAGE),
            ("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("https://a.example/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        writer.write_record(
            writer.create_warc_record(
                "https://a.example/quay", "request", payload=io.BytesIO(b"GET /quay HTTP/1.1\r\n\r\n")
            )
        )


def test_html_responses_are_read_and_other_records_skipped(tmp_path: Path) -> None:
    for compressed in (False, True):
        path = tmp_path / ("x.warc.gz" if compressed else "x.warc")
        write_warc(path, compressed)
        with path.open("rb") as fh:
            items = list(read_warc(fh, str(path), 1_000_000))
        docs = [i for i in items if isinstance(i, RawDocument)]
        skipped = [i for i in items if isinstance(i, IngestProblem)]
        assert len(docs) == 1 and docs[0].url == "https://a.example/quay"
        assert docs[0].media_type == "html" and "The quay closed." in docs[0].content
        assert sorted(p.reason.split(" ")[0] for p in skipped) == ["HTTP", "content"]
        assert all(p.skipped for p in skipped)


@pytest.mark.parametrize(
    "content",
    [
        b"this is not an archive at all\n" * 10,
        gzip.compress(b"gzipped, but not a WARC either\n"),
        b"\x1f\x8b\x08 truncated gzip",
    ],
)
def test_a_file_that_is_not_a_warc_is_one_problem(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    with path.open("rb") as fh:
        items = list(read_warc(fh, str(path), 1_000_000))
    assert len(items) == 1 and isinstance(items[0], IngestProblem)
    assert "not a readable WARC" in items[0].reason and not items[0].skipped


def read_all(path: Path) -> list[RawDocument | IngestProblem]:
    with path.open("rb") as fh:
        return list(read_warc(fh, str(path), 1_000_000))


@pytest.mark.parametrize("compressed", [False, True])
def test_a_record_cut_short_is_reported_and_the_whole_ones_kept(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, compressed)
    whole = list(read_all(path))
    path.write_bytes(path.read_bytes()[:-30])
    cut = list(read_all(path))
    assert [d.url for d in cut if isinstance(d, RawDocument)] == ["https://a.example/quay"]
    assert not any("cut short" in getattr(i, "reason", "") for i in whole)
    assert isinstance(cut[-1], IngestProblem) and "cut short" in cut[-1].reason
