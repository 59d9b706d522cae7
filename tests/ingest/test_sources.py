"""Every kind of input the user can name, and every kind of bad one."""

import gzip
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from crosswire.config import Settings
from crosswire.ingest import sources
from crosswire.ingest.sources import InputRef, expand_inputs, read_input
from crosswire.types import IngestProblem, RawDocument

BODY = "Ferries resume\n\nThe ferry between Hollis Bay and Karsk resumed on Friday after repairs.\n"


def read_all(names: list[str], settings: Settings | None = None) -> list[RawDocument | IngestProblem]:
    settings = settings or Settings()
    items: list[RawDocument | IngestProblem] = []
    for ref in expand_inputs(names):
        items += [ref] if isinstance(ref, IngestProblem) else list(read_input(ref, settings, None))
    return items


def test_folders_are_walked_recursively_for_readable_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{BODY}</p></body></html>")
    (tmp_path / "sub" / "deeper" / "c.jsonl").write_text(json.dumps({"text": BODY}) + "\n")
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (tmp_path / ".hidden.txt").write_text(BODY)
    refs = list(expand_inputs([str(tmp_path)]))
    assert [Path(r.name).name for r in refs if isinstance(r, InputRef)] == ["a.txt", "b.html", "c.jsonl"]


def test_media_type_follows_the_suffix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.htm").write_text("<p>" + BODY + "</p>")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(json.dumps({"html": "<p>x</p>"}).encode()))
    types = [i.media_type for i in read_all([str(tmp_path)]) if isinstance(i, RawDocument)]
    assert types == ["text", "html", "html"]


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    for content, expected in [(BODY, "text"), ("<!DOCTYPE html><html><body>x</body></html>", "html")]:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
        [item] = read_all(["-"])
        assert isinstance(item, RawDocument) and item.media_type == expected and item.source == "-"


def test_legacy_encodings_are_detected(tmp_path: Path) -> None:
    text = (
        "Café owners in Brinmoor said the new façade rules, which take effect in the spring, "
        "would cost each shop about €4,000 and force some to close their terraces entirely."
    )
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    [item] = read_all([str(tmp_path / "latin.txt")])
    assert isinstance(item, RawDocument) and "Café" in item.content and "façade" in item.content


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "empty input"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2, "binary"),
        ("big.txt", b"word " * 300, "limit"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_are_one_problem_each(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    [item] = read_all([str(tmp_path / name)], Settings(max_input_bytes=1000))
    assert isinstance(item, IngestProblem) and reason in item.reason


def test_missing_path_is_a_problem_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(BODY)
    items = read_all([str(tmp_path / "nope.txt"), str(tmp_path / "ok.txt")])
    assert isinstance(items[0], IngestProblem) and "no such file" in items[0].reason
    assert isinstance(items[1], RawDocument)


def test_urls_without_a_fetcher_are_refused_cleanly() -> None:
    [ref] = list(expand_inputs(["https://news.example/a"]))
    assert isinstance(ref, InputRef) and ref.kind == "url"
    [item] = list(read_input(ref, Settings(), None))
    assert isinstance(item, IngestProblem)


def test_a_corrupt_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Dispatch %d from the harbour office."}\n' % i for i in range(400))
    packed = gzip.compress(lines)
    (tmp_path / "wire.jsonl.gz").write_bytes(packed[: len(packed) // 2] + b"\x00garbage" * 50)
    items = read_all([str(tmp_path / "wire.jsonl.gz")])
    good = [i for i in items if isinstance(i, RawDocument)]
    assert 0 < len(good) < 400 and isinstance(items[-1], IngestProblem)
    assert "unreadable from this point on" in items[-1].reason


RSS_FILE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Karsk Courier</title><link>https://courier.example/</link>
<item><title>Ferries resume</title><link>https://courier.example/ferries</link>
<author>desk@courier.example (Anika Solberg)</author>
<pubDate>Fri, 07 Mar 2025 09:30:00 +0100</pubDate>
<description>The ferry between Hollis Bay and Karsk resumed on Friday after repairs.</description></item>
<item><title>Quota talks</title><guid isPermaLink="false">q-2</guid>
<description>&lt;p&gt;Fishing quota talks in Calder ended without a deal.&lt;/p&gt;</description></item>
<item><title>Only a link</title><link>https://courier.example/link-only</link></item>
</channel></rss>
"""

ATOM_FILE = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Velmar Post</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><updated>2025-03-07T10:00:00Z</updated>
<entry><title>Grid repaired</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<updated>2025-03-07T10:00:00Z</updated>
<content type="text">Engineers in Velmar repaired the power grid overnight.</content></entry>
</feed>
"""


def test_an_rss_file_gives_one_document_per_entry_with_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "courier.rss").write_text(RSS_FILE, encoding="utf-8")
    first, second, third = read_all([str(tmp_path / "courier.rss")])
    assert isinstance(first, RawDocument) and "Hollis Bay" in first.content
    assert first.url == "https://courier.example/ferries"
    assert first.hints == {
        "title": "Ferries resume",
        "published": "2025-03-07T08:30:00+00:00",
        "byline": "Anika Solberg",
        "outlet": "Karsk Courier",
    }
    assert isinstance(second, RawDocument) and second.media_type == "html" and second.url is None
    assert second.source.endswith("courier.rss#entry-2")
    assert isinstance(third, IngestProblem) and "crosswire ingest https://courier.example/link-only" in (
        third.reason
    )


def test_an_atom_file_is_read_from_its_content_and_its_urn_id_is_no_url(tmp_path: Path) -> None:
    (tmp_path / "post.atom").write_text(ATOM_FILE, encoding="utf-8")
    [entry] = read_all([str(tmp_path / "post.atom")])
    assert isinstance(entry, RawDocument) and entry.content.startswith("Engineers in Velmar")
    assert entry.url is None and entry.hints["outlet"] == "Velmar Post"


@pytest.mark.parametrize(
    "content, reason, skipped",
    [
        ('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
         "not an RSS or Atom feed", True),
        ("notes, not markup", "not an RSS or Atom feed (", False),
        ('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "no entries", True),
    ],
)  # fmt: skip
def test_xml_without_entries_is_one_problem(tmp_path: Path, content: str, reason: str, skipped: bool) -> None:
    (tmp_path / "other.xml").write_text(content)
    [item] = read_all([str(tmp_path / "other.xml")])
    assert isinstance(item, IngestProblem) and reason in item.reason and item.skipped == skipped


def test_a_parquet_file_gives_one_document_per_row(tmp_path: Path) -> None:
    rows = [
        {"text": BODY, "title": "Ferries resume", "outlet": "Karsk Courier", "url": "https://k.example/1"},
        {"text": "  ", "title": "Empty", "outlet": None, "url": None},
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "wire.parquet")
    document, empty = read_all([str(tmp_path)])  # found by the folder walk too
    assert isinstance(document, RawDocument) and document.content == BODY
    assert document.hints == {"title": "Ferries resume", "outlet": "Karsk Courier"}
    assert document.url == "https://k.example/1" and document.source.endswith("wire.parquet:1")
    assert isinstance(empty, IngestProblem) and "empty 'text' column" in empty.reason


@pytest.mark.parametrize(
    "write, reason",
    [
        (lambda p: pq.write_table(pa.table({"words": ["x"]}), p), "needs a 'text'"),
        (lambda p: p.write_bytes(b"PAR1 not really"), "not a readable Parquet file"),
    ],
)
def test_a_bad_parquet_file_is_one_problem(
    tmp_path: Path, write: Callable[[Path], None], reason: str
) -> None:
    write(tmp_path / "bad.parquet")
    [item] = read_all([str(tmp_path / "bad.parquet")])
    assert isinstance(item, IngestProblem) and reason in item.reason


def test_a_reader_that_fails_keeps_what_it_read_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def runs_out_of_memory(stream: object, source: str, limit: int) -> Iterator[RawDocument]:
        yield RawDocument(f"{source}:1", BODY, "text")
        yield RawDocument(f"{source}:2", BODY, "text")
        raise MemoryError("no room for line 3")

    monkeypatch.setattr(sources, "read_jsonl", runs_out_of_memory)
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "b.txt").write_text(BODY)
    items = read_all([str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")])
    assert [type(i) for i in items] == [RawDocument, RawDocument, IngestProblem, RawDocument]
    problem = items[2]
    assert isinstance(problem, IngestProblem) and problem.source == str(tmp_path / "a.jsonl")
    assert problem.reason == "reading stopped here (MemoryError: no room for line 3)"


def test_a_jsonl_line_over_the_limit_is_skipped_and_the_file_goes_on(tmp_path: Path) -> None:
    lines = [json.dumps({"text": BODY}), json.dumps({"text": "x" * 5000}), json.dumps({"text": BODY + "."})]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    items = read_all([str(tmp_path / "wire.jsonl")], Settings(max_input_bytes=1000))
    assert [type(i) for i in items] == [RawDocument, IngestProblem, RawDocument]
    problem = items[1]
    assert isinstance(problem, IngestProblem) and problem.source.endswith("wire.jsonl:2")
    assert "over the 1,000-byte limit" in problem.reason
