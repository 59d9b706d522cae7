"""Every kind of input the user can name, and every kind of bad one."""

import gzip
import io
import json
from pathlib import Path

import pytest

from crosswire.config import Settings
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
