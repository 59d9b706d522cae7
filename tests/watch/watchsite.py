"""A local feed-and-page site for the watch tests (127.0.0.1), whose answers each test sets and
which records every request it gets; and builders of pages and feeds. Nothing leaves the machine."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Reply:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    drip: float = 0.0  # > 0: send the body one byte at a time, this many seconds apart
    etag: str | None = None  # answer 304 to a request that names it in If-None-Match


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    replies: dict[str, Reply]
    requests: list[tuple[str, dict[str, str]]]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up (too big, too slow) is what those tests want


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        reply = self.server.replies.get(self.path, Reply(b"not found", "text/plain", 404))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(reply)

    def _answer(self, reply: Reply) -> None:
        if reply.etag and self.headers.get("If-None-Match") == reply.etag:
            self.send_response(304)
            self.send_header("ETag", reply.etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if reply.etag:
            self.send_header("ETag", reply.etag)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if not reply.drip:
            self.wfile.write(reply.body)
            return
        for byte in reply.body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(reply.drip)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Site:
    def __init__(self, server: _Server) -> None:
        self.server = server
        self.base = f"http://127.0.0.1:{server.server_address[1]}"

    def set(self, path: str, reply: Reply) -> str:
        self.server.replies[path] = reply
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(p == path for p, _ in self.server.requests)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.server.requests if p == path]


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    html = f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
    return (html + paragraphs + "</article></body></html>").encode("utf-8")


def rss(items: list[tuple[str, str, str]], title: str = "Harbour Gazette") -> bytes:
    """An RSS 2.0 feed of (guid, link, title) items."""
    body = "".join(
        f"<item><guid>{escape(g)}</guid><link>{escape(link)}</link><title>{escape(t)}</title></item>"
        for g, link, t in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.invalid/</link><description>d</description>{body}</channel></rss>"
    ).encode()


FEED_TYPE = "application/rss+xml"
