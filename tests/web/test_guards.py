"""The write gate and HEAD, driven through the ASGI app directly so every body byte is counted.

A test client would read a request body into memory before the app sees it; here the body
is a source that counts what the app pulls from it, which is what a server's memory holds.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.types import Message

from crosswire.config import Settings
from crosswire.web import create_app
from crosswire.web.render import shown_source

TOKEN = "gate-t0ken"
CAP = 100_000
CHUNK = 8192
WRITE_ROUTES = ["/api/articles", "/api/entities/merge", "/api/entities/split"]


@dataclass
class CountingBody:
    """A request body of ``total`` bytes sent in ``CHUNK``s, counting what the app reads."""

    total: int
    consumed: int = 0
    calls: int = 0
    done: bool = False

    async def receive(self) -> Message:
        if self.done:  # the client waits for the answer: a listener for disconnects waits too
            await asyncio.sleep(3600)
        self.calls += 1
        size = min(CHUNK, self.total - self.consumed)
        self.consumed += size
        self.done = self.consumed >= self.total
        # Blanks: an app that reads them all tries to parse them as JSON and says 422.
        return {"type": "http.request", "body": b" " * size, "more_body": not self.done}


@dataclass
class Answer:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = {k.decode(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")


def call(app: FastAPI, method: str, path: str, body: CountingBody, headers: dict[str, str]) -> Answer:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    answer = Answer()
    asyncio.run(app(scope, body.receive, answer.send))
    return answer


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "gate.db", max_input_bytes=CAP)


@pytest.mark.parametrize("path", WRITE_ROUTES)
@pytest.mark.parametrize(
    ("token", "authorization"),
    [(None, f"Bearer {TOKEN}"), (TOKEN, None), (TOKEN, "Bearer wrong"), (TOKEN, TOKEN)],
)
def test_no_body_byte_is_read_before_the_token_is_checked(
    settings: Settings, path: str, token: str | None, authorization: str | None
) -> None:
    app = create_app(settings, token=token)
    body = CountingBody(total=20 * CAP)  # declared as 600 MB; 2 MB sent if anyone reads it
    headers = {"content-type": "application/json", "content-length": str(600 * 1024 * 1024)}
    if authorization:
        headers["authorization"] = authorization
    answer = call(app, "POST", path, body, headers)
    assert answer.status == 401 and answer.headers["www-authenticate"] == "Bearer"
    assert body.calls == 0 and body.consumed == 0
    assert "token" in json.loads(answer.body)["detail"].lower()


@pytest.mark.parametrize("path", WRITE_ROUTES)
def test_a_declared_length_over_the_cap_is_refused_unread(settings: Settings, path: str) -> None:
    app = create_app(settings, token=TOKEN)
    body = CountingBody(total=20 * CAP)
    headers = {"content-type": "application/json", "content-length": str(CAP + 1)}
    answer = call(app, "POST", path, body, {**headers, "authorization": f"Bearer {TOKEN}"})
    assert answer.status == 413 and body.calls == 0
    assert "CROSSWIRE_MAX_INPUT_BYTES" in json.loads(answer.body)["detail"]


@pytest.mark.parametrize("path", WRITE_ROUTES)
def test_a_streamed_body_is_cut_off_one_chunk_past_the_cap(settings: Settings, path: str) -> None:
    app = create_app(settings, token=TOKEN)
    body = CountingBody(total=20 * CAP)  # no Content-Length: chunked
    headers = {"content-type": "application/json", "authorization": f"Bearer {TOKEN}"}
    answer = call(app, "POST", path, body, headers)
    assert answer.status == 413
    assert CAP < body.consumed <= CAP + CHUNK


def test_a_body_within_the_cap_reaches_the_route(settings: Settings) -> None:
    app = create_app(settings, token=TOKEN)
    body = CountingBody(total=3 * CHUNK)  # blank JSON: the route's own validation answers
    headers = {"content-type": "application/json", "authorization": f"Bearer {TOKEN}"}
    answer = call(app, "POST", "/api/entities/merge", body, headers)
    assert answer.status == 422 and body.consumed == 3 * CHUNK


@pytest.mark.parametrize("path", ["/", "/stories", "/stories.json", "/articles", "/static/crosswire.css"])
def test_head_answers_like_get_without_a_body(settings: Settings, path: str) -> None:
    app = create_app(settings)
    get = call(app, "GET", path, CountingBody(total=0), {})
    head = call(app, "HEAD", path, CountingBody(total=0), {})
    assert get.status == head.status == 200 and get.body and head.body == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert "content-security-policy" in head.headers


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("/home/ana/news/2025/story.txt", "story.txt"),
        ("/srv/dumps/wire.jsonl:12", "wire.jsonl:12"),
        ("C:\\Users\\ana\\Desktop\\page.html", "page.html"),
        ("relative/folder/a.warc.gz", "a.warc.gz"),
        ("https://news.example/2025/03/story.html", "https://news.example/2025/03/story.html"),
        ("api:text", "api:text"),
        ("-", "-"),
    ],
)
def test_sources_are_shown_by_file_name_never_their_folders(source: str, shown: str) -> None:
    assert shown_source(source) == shown
