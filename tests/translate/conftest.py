"""A small LibreTranslate look-alike on localhost: it answers with fake, recognisable renderings."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class FakeServer:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    answer: Any = None  # a fixed JSON answer instead of renderings
    key: str | None = None  # when set, requests without it are refused with 403

    @staticmethod
    def rendering(text: str, source: str) -> str:
        """What the fake server makes of a text: recognisable, and the same every time."""
        return f"[{source}->en] {text}"


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    server_state: list[FakeServer] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name for it
            state = server_state[0]
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append({"path": self.path, **body})
            status, answer = state.status, state.answer
            if state.key is not None and body.get("api_key") != state.key:
                status, answer = 403, {"error": "Invalid API key"}
            elif answer is None:
                texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
                answer = {"translatedText": [state.rendering(t, body["source"]) for t in texts]}
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:  # quiet test output
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state.append(FakeServer(f"http://127.0.0.1:{httpd.server_address[1]}"))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server_state[0]
    httpd.shutdown()
    httpd.server_close()
    thread.join()
