"""`crosswire run` on the issue's bad inputs: each is a clear error, and the good shards are whole.

A corrupt gzip, a WARC cut mid-record, a JSONL with a 50 MB line, an empty folder, and a Ray
address where nothing answers.
"""

from __future__ import annotations

import gzip
import io
import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]  # no type hints
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.scale.distributed import RunReport, connect_ray, run_local, shard_results
from crosswire.scale.shards import read_errors

# warcio's writer leaves a spooled temporary file to the garbage collector: not ours to close.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]
HUGE_LINE = 50 * 1024 * 1024


def _warc_cut_mid_record(path: Path, pages: list[str]) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, page in enumerate(pages):
        kind = [("Content-Type", "text/html; charset=utf-8")]
        headers = StatusAndHeaders("200 OK", kind, protocol="HTTP/1.1")
        body = f"<html><head><title>Harbour note {n}</title></head><body><p>{page}</p></body></html>"
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=io.BytesIO(body.encode()), http_headers=headers))
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - 400])  # the last record loses its end


@pytest.fixture(scope="module")
def bad_run(
    tmp_path_factory: pytest.TempPathFactory, make_article: Callable[..., str]
) -> tuple[Path, RunReport]:
    root = tmp_path_factory.mktemp("bad")
    inputs = root / "in"
    (inputs / "empty").mkdir(parents=True)
    (inputs / "good.txt").write_text(make_article(700), encoding="utf-8")
    lines = "".join(json.dumps({"text": make_article(710 + i)}) + "\n" for i in range(6)).encode()
    packed = gzip.compress(lines)
    (inputs / "cut.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    _warc_cut_mid_record(inputs / "cut.warc.gz", [make_article(720 + i) for i in range(3)])
    with (inputs / "huge.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps({"text": "x" * HUGE_LINE}) + "\n")
        out.write(json.dumps({"text": make_article(730)}) + "\n")
    report = run_local([str(inputs), str(inputs / "empty")], root / "out", Settings(), workers=1,
                       shard_size=2)
    return root / "out", report


def test_every_bad_input_is_a_reason_and_the_run_finishes(bad_run: tuple[Path, RunReport]) -> None:
    out, report = bad_run
    assert not report.failed_shards
    reasons = [e["reason"] for name, _ in shard_results(out) for e in read_errors(out, name)]
    assert any("unreadable from this point on" in r for r in reasons), reasons  # the cut gzip
    assert any("byte limit" in r for r in reasons), reasons  # the 50 MB line
    assert any(r.startswith(("WARC cut short", "WARC damaged")) for r in reasons), reasons
    assert any("no readable file" in p.reason for p in report.problems)  # the empty folder


def test_what_was_readable_is_analysed_and_stored_in_shards(bad_run: tuple[Path, RunReport]) -> None:
    out, report = bad_run
    articles = [a for _, batch in shard_results(out) for a in batch]
    sources = {Path(a.source.split(":")[0]).name for a in articles if not a.source.startswith("https:")}
    assert {"good.txt", "huge.jsonl", "cut.jsonl.gz"} <= sources
    assert any(a.url and a.url.startswith("https://news.example/") for a in articles)  # the WARC's
    assert all(a.sentences and a.mentions for a in articles)
    assert report.articles == len(articles) == len({a.id for a in articles})


def test_a_ray_address_where_nothing_answers_fails_at_once() -> None:
    pytest.importorskip("ray")
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for address in (f"127.0.0.1:{port}", f"ray://127.0.0.1:{port}"):
        with pytest.raises(CrosswireError, match="no Ray cluster answers"):
            connect_ray(address, timeout=2)
    with pytest.raises(CrosswireError, match="expected host:port"):
        connect_ray("head-node-without-port")
