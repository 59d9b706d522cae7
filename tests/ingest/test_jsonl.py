import json

import pytest

from crosswire.ingest.jsonl import read_jsonl
from crosswire.types import IngestProblem, RawDocument


def _lines(*records: object) -> list[bytes]:
    return [(r if isinstance(r, str) else json.dumps(r)).encode() + b"\n" for r in records]


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
    items = list(read_jsonl([b"\n", b'{"text": "' + b"x" * 200 + b'"}\n'], "f.jsonl", 100))
    assert len(items) == 1 and isinstance(items[0], IngestProblem)
    assert "limit" in items[0].reason and items[0].source == "f.jsonl:2"
