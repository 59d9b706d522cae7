"""JSON Lines: records, bad lines with their numbers, and a line reader that never holds more
than the limit, however long the line."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.ingest import sources
from crosswire.ingest.jsonl import LineTooLong, bounded_lines, read_jsonl
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore
from crosswire.types import IngestProblem, RawDocument


def _lines(*records: object) -> io.BytesIO:
    lines = ((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)
    return io.BytesIO("".join(lines).encode())


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class SpyStream(io.RawIOBase):
    """A binary stream that notes the largest piece any reader took from it at once."""

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self.largest = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._note(self._stream.read(-1 if size is None else size))

    def readline(self, size: int | None = -1) -> bytes:
        return self._note(self._stream.readline(-1 if size is None else size))

    def close(self) -> None:
        self._stream.close()
        super().close()

    def _note(self, data: bytes) -> bytes:
        self.largest = max(self.largest, len(data))
        return data


LONG_LINE_BYTES = 50 * 1024 * 1024
LIMIT = 1_000_000


@pytest.fixture(scope="module")
def gzip_bomb(tmp_path_factory: pytest.TempPathFactory, make_article: Callable[..., str]) -> Path:
    """A .jsonl.gz of a good line, one line of 50 MB (a few kB compressed), and two good lines."""
    path = tmp_path_factory.mktemp("bomb") / "wire.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(json.dumps({"text": make_article(1)}).encode() + b"\n")
        out.write(b'{"text": "')
        for _ in range(LONG_LINE_BYTES // (1024 * 1024)):
            out.write(b"a" * (1024 * 1024))
        out.write(b'"}\n')
        for seed in (2, 3):
            out.write(json.dumps({"text": make_article(seed)}).encode() + b"\n")
    return path


def test_text_and_html_records_with_metadata() -> None:
    items = list(
        read_jsonl(
            _lines(
                {
                    "text": "Body one.",
                    "url": "https://x.example/1",
                    "title": "One",
                    "byline": "A B",
                    "outlet": "X Daily",
                    "published": "2025-03-04T10:00:00+01:00",
                },
                {"html": "<p>Body two</p>", "authors": ["C D", "E F"], "date": "2025-03-05"},
            ),
            "f.jsonl",
            10_000,
        )
    )
    one, two = items
    assert isinstance(one, RawDocument) and isinstance(two, RawDocument)
    assert (one.media_type, one.url, one.source) == ("text", "https://x.example/1", "f.jsonl:1")
    assert one.hints == {
        "title": "One",
        "byline": "A B",
        "outlet": "X Daily",
        "published": "2025-03-04T10:00:00+01:00",
    }
    assert two.media_type == "html" and two.hints == {"byline": "C D, E F", "published": "2025-03-05"}


@pytest.mark.parametrize(
    "line, reason",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be an object"),
        ({"title": "no body"}, "no 'text' or 'html'"),
        ({"text": "   "}, "no 'text' or 'html'"),
    ],
)
def test_bad_lines_are_problems_with_their_line_number(line: object, reason: str) -> None:
    good = {"text": "fine"}
    items = list(read_jsonl(_lines(good, line, good), "f.jsonl", 10_000))
    assert [type(i) for i in items] == [RawDocument, IngestProblem, RawDocument]
    problem = items[1]
    assert isinstance(problem, IngestProblem)
    assert problem.source == "f.jsonl:2" and reason in problem.reason


def test_blank_lines_are_ignored_and_long_lines_refused() -> None:
    items = list(read_jsonl(io.BytesIO(b'\n{"text": "' + b"x" * 200 + b'"}\n'), "f.jsonl", 100))
    assert len(items) == 1 and isinstance(items[0], IngestProblem)
    assert items[0].source == "f.jsonl:2"
    assert items[0].reason == (
        "line of 213 bytes is over the 100-byte limit (CROSSWIRE_MAX_INPUT_BYTES): skipped"
    )


def test_a_50_mb_line_is_skipped_while_read_never_held(
    gzip_bomb: Path, make_article: Callable[..., str]
) -> None:
    with gzip.open(gzip_bomb, "rb") as unzipped:
        spy = SpyStream(unzipped)
        items = list(read_jsonl(spy, "wire.jsonl.gz", LIMIT))
    assert [type(i) for i in items] == [RawDocument, IngestProblem, RawDocument, RawDocument]
    assert [i.source for i in items] == [f"wire.jsonl.gz:{n}" for n in (1, 2, 3, 4)]
    assert isinstance(items[3], RawDocument) and items[3].content == make_article(3).strip()
    assert "over the 1,000,000-byte limit" in items[1].reason  # type: ignore[union-attr]
    # The reader asked for bounded pieces: never the 50 MB line at once.
    assert spy.largest <= LIMIT


def test_the_good_lines_around_a_bomb_are_stored(
    gzip_bomb: Path,
    settings: Settings,
    fresh_store: ArticleStore,
    nlp: Language,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spies: list[SpyStream] = []
    opened = sources.open_input

    def spied(path: Path) -> SpyStream:
        spies.append(SpyStream(opened(path)))
        return spies[-1]

    monkeypatch.setattr(sources, "open_input", spied)
    limit = 100_000
    report = Pipeline(replace(settings, max_input_bytes=limit), fresh_store, nlp=nlp).ingest([str(gzip_bomb)])
    assert (report.added, report.failed) == (3, 1) and fresh_store.count() == 3
    assert [p.source for p in report.problems] == [f"{gzip_bomb}:2"]
    assert fresh_store.problem_count() == 1
    assert spies and spies[0].largest <= limit


@pytest.mark.parametrize(
    "data, limit, expected",
    [
        pytest.param(b"ab\ncd\n", 3, [b"ab\n", b"cd\n"], id="lines within the limit"),
        pytest.param(b"ab\ncd", 3, [b"ab\n", b"cd"], id="last line without newline"),
        pytest.param(b"abc\nd\n", 3, [LineTooLong(4), b"d\n"], id="newline counts"),
        pytest.param(b"abcdefghij\nk\n", 3, [LineTooLong(11), b"k\n"], id="long line across chunks"),
        pytest.param(b"k\nabcdefghij", 3, [b"k\n", LineTooLong(10)], id="long last line"),
        pytest.param(b"\n\n", 3, [b"\n", b"\n"], id="blank lines"),
        pytest.param(b"", 3, [], id="empty"),
    ],
)
def test_bounded_lines(data: bytes, limit: int, expected: list[bytes | LineTooLong]) -> None:
    for chunk in (1, 2, 4, 64):
        assert list(bounded_lines(io.BytesIO(data), limit, chunk_bytes=chunk)) == expected


def test_the_lines_before_the_damage_of_a_cut_gzip_are_read() -> None:
    # Lines shorter than one read chunk: a buffered read of a whole chunk would raise at the
    # cut and take the complete lines decompressed before it down with it.
    lines = [json.dumps({"text": f"Report {n}: the ferry left on time."}).encode() + b"\n" for n in range(40)]
    packed = gzip.compress(b"".join(lines))
    cut = gzip.GzipFile(fileobj=io.BytesIO(packed[: len(packed) * 2 // 3]))
    read: list[bytes | LineTooLong] = []
    with pytest.raises(EOFError):
        read.extend(bounded_lines(cut, max_bytes=10_000))
    assert read and read == lines[: len(read)]
