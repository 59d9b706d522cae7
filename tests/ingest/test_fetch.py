"""Tests for crosswire.ingest.fetch, against a local HTTP server or httpx.MockTransport only.

Nothing here touches the internet: pages come from a ThreadingHTTPServer on 127.0.0.1, and
host names other than literals and "localhost" go through a fake resolver.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from crosswire.ingest.fetch import Fetcher, FetchPolicy, default_resolve
from crosswire.types import IngestProblem, RawDocument

LOCAL = FetchPolicy(allow_private=True, timeout=5.0)
PUBLIC_IP = "93.184.216.34"


# --- a local web server --------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: int = 0  # > 0: send the body that many times, chunked, without Content-Length
    pause: float = 0.0  # seconds to wait before the headers, or between chunks


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping must not hold up teardown
    routes: dict[str, Route]
    seen: list[tuple[str, dict[str, str]]]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on a too-big body is expected, not an error


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self.server.seen.append((self.path, dict(self.headers.items())))
        route = self.server.routes.get(self.path, Route(b"not found", "text/plain", 404))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._respond(route)  # the client may hang up early, e.g. on a too-big body

    def _respond(self, route: Route) -> None:
        if route.pause and not route.chunks:
            time.sleep(route.pause)
        self.send_response(route.status)
        if route.content_type is not None:
            self.send_header("Content-Type", route.content_type)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.chunks:
            self._send_chunked(route)
            return
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def _send_chunked(self, route: Route) -> None:
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(route.chunks):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(route.body), route.body))
            self.wfile.flush()
            time.sleep(route.pause)
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        pass


class Site:
    def __init__(self, server: _Server) -> None:
        self.server = server
        self.port = server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def add(self, path: str, route: Route) -> str:
        self.server.routes[path] = route
        return self.base + path

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.routes, httpd.seen = {}, []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(server: _Server) -> Iterator[Site]:
    server.routes.clear()
    server.seen.clear()
    yield Site(server)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(LOCAL) as fetcher:
        yield fetcher


def _document(result: RawDocument | IngestProblem) -> RawDocument:
    assert isinstance(result, RawDocument), result
    return result


def _problem(result: RawDocument | IngestProblem) -> IngestProblem:
    assert isinstance(result, IngestProblem), result
    return result


def _fake_resolver(names: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    """Resolve the given names without DNS; IP literals still go through getaddrinfo."""

    def resolve(host: str, port: int) -> list[str]:
        return names[host] if host in names else default_resolve(host, port)

    return resolve


# --- pages ---------------------------------------------------------------------------------------


def test_html_page(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/story", Route(b"<html><body><p>Hello \xe2\x80\x94 world</p></body></html>"))
    doc = _document(fetcher.fetch(url))
    assert doc.media_type == "html"
    assert "Hello — world" in doc.content
    assert doc.source == url and doc.url == url
    assert site.server.seen[-1][1]["User-Agent"] == LOCAL.user_agent


def test_plain_text_page(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/notes.txt", Route(b"Just text, <meta charset=koi8-r> included.", "text/plain"))
    doc = _document(fetcher.fetch(url))
    assert doc.media_type == "text"
    assert doc.content == "Just text, <meta charset=koi8-r> included."
    tagged = site.add("/tagged.txt", Route(b"<b>Not HTML</b>, says the server.", "text/plain"))
    assert _document(fetcher.fetch(tagged)).media_type == "text"


def test_charset_declared_only_in_meta(site: Site, fetcher: Fetcher) -> None:
    body = b'<html><head><meta charset="windows-1252"></head><body>Un caf\xe9 \x93noir\x94</body></html>'
    doc = _document(fetcher.fetch(site.add("/cafe", Route(body, "text/html"))))
    assert "Un café “noir”" in doc.content


def test_latin1_label_is_read_as_windows_1252(site: Site, fetcher: Fetcher) -> None:
    body = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>caf\xe9 \x96 bar'
    doc = _document(fetcher.fetch(site.add("/latin1", Route(body, "text/html"))))
    assert "café – bar" in doc.content


def test_header_charset_wins_over_meta(site: Site, fetcher: Fetcher) -> None:
    body = '<meta charset="windows-1252"><p>café</p>'.encode()
    doc = _document(fetcher.fetch(site.add("/utf8", Route(body, "text/html; charset=utf-8"))))
    assert "café" in doc.content


def test_undeclared_charset_is_detected(site: Site, fetcher: Fetcher) -> None:
    body = "<p>Der Bürgermeister äußerte sich über die Straße.</p>".encode("cp1252") * 5
    doc = _document(fetcher.fetch(site.add("/de", Route(body, "text/html"))))
    assert "Bürgermeister äußerte" in doc.content


def test_missing_content_type_is_sniffed(site: Site, fetcher: Fetcher) -> None:
    page = site.add("/page", Route(b"<!DOCTYPE html><title>t</title><p>x</p>", None))
    text = site.add("/text", Route(b"Plain words.", None))
    image = site.add("/image", Route(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None))
    assert _document(fetcher.fetch(page)).media_type == "html"
    assert _document(fetcher.fetch(text)).media_type == "text"
    assert "binary" in _problem(fetcher.fetch(image)).reason


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/json"])
def test_other_content_types_refused(site: Site, fetcher: Fetcher, content_type: str) -> None:
    url = site.add("/file", Route(b"%PDF-1.4 whatever", content_type))
    problem = _problem(fetcher.fetch(url))
    assert content_type in problem.reason and problem.source == url
    assert problem.skipped  # not broken, just not something crosswire reads


def test_redirect_chain(site: Site, fetcher: Fetcher) -> None:
    site.add("/r1", Route(status=301, headers={"Location": "/r2"}))
    site.add("/r2", Route(status=302, headers={"Location": "r3"}))  # relative to /r2
    site.add("/r3", Route(status=307, headers={"Location": site.url("/final")}))
    site.add("/final", Route(b"<p>arrived</p>"))
    doc = _document(fetcher.fetch(site.url("/r1")))
    assert doc.url == site.url("/final") and doc.source == site.url("/r1")
    assert "arrived" in doc.content


def test_too_many_redirects(site: Site) -> None:
    for hop in range(4):
        site.add(f"/hop{hop}", Route(status=302, headers={"Location": f"/hop{hop + 1}"}))
    site.add("/hop4", Route(b"<p>too far</p>"))
    with Fetcher(FetchPolicy(allow_private=True, max_redirects=3)) as fetcher:
        problem = _problem(fetcher.fetch(site.url("/hop0")))
    assert "too many redirects" in problem.reason
    assert [path for path, _ in site.server.seen] == ["/hop0", "/hop1", "/hop2", "/hop3"]


def test_redirect_to_other_scheme_refused(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/ftp", Route(status=302, headers={"Location": "ftp://example.org/file"}))
    assert "'ftp'" in _problem(fetcher.fetch(url)).reason


@pytest.mark.parametrize(("status", "words"), [(404, "404 Not Found"), (500, "500 Internal Server Error")])
def test_http_errors(site: Site, fetcher: Fetcher, status: int, words: str) -> None:
    url = site.add("/broken", Route(b"<p>oops</p>", status=status))
    problem = _problem(fetcher.fetch(url))
    assert words in problem.reason and url in problem.reason


def test_body_over_max_bytes_with_content_length(site: Site) -> None:
    url = site.add("/big", Route(b"<p>" + b"x" * 5000))
    with Fetcher(FetchPolicy(allow_private=True, max_bytes=1000)) as fetcher:
        problem = _problem(fetcher.fetch(url))
    assert "larger than 1000 bytes" in problem.reason and "Content-Length is 5003" in problem.reason


def test_body_over_max_bytes_chunked(site: Site) -> None:
    # 10 MB announced nowhere: the fetcher must stop counting at 1000 bytes, not read it all.
    url = site.add("/endless", Route(b"x" * 1000, chunks=10_000))
    started = time.monotonic()
    with Fetcher(FetchPolicy(allow_private=True, max_bytes=1000)) as fetcher:
        problem = _problem(fetcher.fetch(url))
    assert "larger than 1000 bytes" in problem.reason and "Content-Length" not in problem.reason
    assert time.monotonic() - started < 2


def test_slow_server_times_out(site: Site) -> None:
    url = site.add("/slow", Route(b"<p>late</p>", pause=1.0))
    with Fetcher(FetchPolicy(allow_private=True, timeout=0.2)) as fetcher:
        assert "timed out" in _problem(fetcher.fetch(url)).reason


def test_dripping_server_hits_the_overall_deadline(site: Site) -> None:
    # Each read arrives within the timeout, but the whole body would take far longer.
    url = site.add("/drip", Route(b"<p>.</p>", chunks=100, pause=0.05))
    started = time.monotonic()
    with Fetcher(FetchPolicy(allow_private=True, timeout=0.3)) as fetcher:
        assert "timed out" in _problem(fetcher.fetch(url)).reason
    assert time.monotonic() - started < 1.5


def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    problem = _problem(fetcher.fetch(f"http://127.0.0.1:{port}/"))
    assert "could not connect" in problem.reason and str(port) in problem.reason


def test_unresolvable_host() -> None:
    def no_such_host(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with Fetcher(LOCAL, resolve=no_such_host) as fetcher:
        problem = _problem(fetcher.fetch("http://nowhere.invalid/"))
    assert "could not resolve host 'nowhere.invalid'" in problem.reason


def test_resolver_is_used_for_connecting(site: Site) -> None:
    url = site.add("/named", Route(b"<p>by name</p>")).replace("127.0.0.1", "news.test")
    with Fetcher(LOCAL, resolve=_fake_resolver({"news.test": ["127.0.0.1"]})) as fetcher:
        doc = _document(fetcher.fetch(url))
    assert doc.url == url
    assert site.server.seen[-1][1]["Host"] == f"news.test:{site.port}"


def test_fetch_all_on_a_page_yields_the_page(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/one", Route(b"<p>one page</p>"))
    (doc,) = fetcher.fetch_all(url)
    assert _document(doc).url == url


def test_fetch_all_reports_a_failed_url(fetcher: Fetcher) -> None:
    (problem,) = fetcher.fetch_all("ftp://example.org/feed")
    assert "scheme" in _problem(problem).reason


# --- feeds ---------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Daily Wire</title><link>{base}/</link>
<item><title>First story</title><link>/a1</link>
  <pubDate>Tue, 02 Jan 2024 10:30:00 +0100</pubDate><author>jane@example.com (Jane Doe)</author></item>
<item><title>Second story</title><link>{base}/a2</link><dc:creator>Bob Roe</dc:creator>
  <pubDate>Wed, 03 Jan 2024 08:00:00 GMT</pubDate></item>
<item><title>Gone story</title><link>{base}/missing</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><id>urn:x</id>
<updated>2024-02-01T00:00:00Z</updated>
<entry><title>Atom story</title><id>urn:uuid:1</id><link rel="alternate" href="{base}/a1"/>
  <updated>2024-02-01T12:00:00+02:00</updated><author><name>Ann Atom</name></author></entry>
<entry><title>Inline story</title><id>urn:uuid:2</id><updated>2024-02-02T00:00:00Z</updated>
  <content type="html">&lt;p&gt;The whole story is here.&lt;/p&gt;</content></entry>
</feed>"""


def _articles(site: Site) -> None:
    site.add("/a1", Route(b"<html><body><p>Article one</p></body></html>"))
    site.add("/a2", Route(b"<html><body><p>Article two</p></body></html>"))


def test_rss_feed(site: Site, fetcher: Fetcher) -> None:
    _articles(site)
    feed = site.add("/rss.xml", Route(RSS.format(base=site.base).encode(), "application/rss+xml"))
    first, second, gone = fetcher.fetch_all(feed)
    first, second, gone = _document(first), _document(second), _problem(gone)
    assert first.url == site.url("/a1") and "Article one" in first.content
    assert first.hints == {
        "title": "First story",
        "published": "2024-01-02T09:30:00+00:00",
        "byline": "Jane Doe",
        "outlet": "The Daily Wire",
    }
    assert second.hints["byline"] == "Bob Roe" and second.hints["published"] == "2024-01-03T08:00:00+00:00"
    assert gone.source == site.url("/missing") and "404" in gone.reason


def test_feed_served_as_generic_xml_is_sniffed(site: Site, fetcher: Fetcher) -> None:
    _articles(site)
    feed = site.add("/feed", Route(RSS.format(base=site.base).encode(), "text/xml"))
    kinds = [type(item).__name__ for item in fetcher.fetch_all(feed)]
    assert kinds == ["RawDocument", "RawDocument", "IngestProblem"]


def test_atom_feed_with_inline_entry(site: Site, fetcher: Fetcher) -> None:
    _articles(site)
    feed = site.add("/atom", Route(ATOM.format(base=site.base).encode(), "application/atom+xml"))
    linked, inline = (_document(item) for item in fetcher.fetch_all(feed))
    assert "Article one" in linked.content
    assert linked.hints == {
        "title": "Atom story",
        "published": "2024-02-01T10:00:00+00:00",
        "byline": "Ann Atom",
        "outlet": "Atom Times",
    }
    assert inline.media_type == "html" and inline.url is None
    assert inline.content == "<p>The whole story is here.</p>"
    assert inline.source == feed + "#entry-2" and inline.hints["title"] == "Inline story"


def test_feed_fetched_as_a_page_is_text(site: Site, fetcher: Fetcher) -> None:
    feed = site.add("/atom", Route(ATOM.format(base=site.base).encode(), "application/atom+xml"))
    doc = _document(fetcher.fetch(feed))
    assert doc.media_type == "text" and "<feed" in doc.content
    assert [path for path, _ in site.server.seen] == ["/atom"]  # no entry was fetched


def test_broken_feed(site: Site, fetcher: Fetcher) -> None:
    feed = site.add("/bad", Route(b"<rss>not xml at all &&& <<", "application/rss+xml"))
    (problem,) = fetcher.fetch_all(feed)
    assert "could not parse the feed" in _problem(problem).reason


def test_empty_feed_is_a_skip(site: Site, fetcher: Fetcher) -> None:
    feed = site.add("/empty", Route(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'))
    (item,) = fetcher.fetch_all(feed)  # served as text/html: sniffed as a feed all the same
    problem = _problem(item)
    assert problem.skipped and "no entries" in problem.reason


def test_truncated_feed_keeps_what_it_has(site: Site, fetcher: Fetcher) -> None:
    # feedparser recovers the entry; with neither link nor content it can only be reported.
    feed = site.add("/cut", Route(b"<rss><channel><item><title>cut off", "application/rss+xml"))
    (problem,) = fetcher.fetch_all(feed)
    assert _problem(problem).reason.endswith("has no web link and no content")


def test_xml_that_is_not_a_feed_is_refused(site: Site, fetcher: Fetcher) -> None:
    url = site.add("/sitemap.xml", Route(b'<?xml version="1.0"?><urlset></urlset>', "application/xml"))
    assert "neither an RSS/Atom feed" in _problem(fetcher.fetch(url)).reason


# --- private networks (SSRF) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:{port}/", "127.0.0.1"),
        ("http://[::1]/", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254"),
        ("http://10.0.0.1/", "10.0.0.1"),
        ("http://192.168.1.1/", "192.168.1.1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://0x7f000001/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
    ],
)
def test_private_addresses_refused(site: Site, url: str, address: str) -> None:
    site.add("/", Route(b"<p>secret</p>"))
    with Fetcher() as fetcher:
        problem = _problem(fetcher.fetch(url.format(port=site.port)))
    assert address in problem.reason and "allow_private" in problem.reason
    assert not problem.skipped and site.server.seen == []


def test_localhost_refused(site: Site) -> None:
    site.add("/", Route(b"<p>secret</p>"))
    with Fetcher() as fetcher:
        problem = _problem(fetcher.fetch(f"http://localhost:{site.port}/"))
    assert "localhost resolves to" in problem.reason and "loopback" in problem.reason
    assert site.server.seen == []


@pytest.mark.parametrize("url", ["ftp://x", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_refused(url: str) -> None:
    with Fetcher() as fetcher:
        assert "only http and https" in _problem(fetcher.fetch(url)).reason


class _Recorder:
    """An httpx.MockTransport handler that records what it was asked for."""

    def __init__(self, respond: Callable[[httpx.Request], httpx.Response]) -> None:
        self.respond = respond
        self.urls: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return self.respond(request)


@pytest.mark.parametrize("bad", ["10.1.2.3", "100.64.0.1", "fd00::1", "2002:7f00:1::1", "ff02::1"])
def test_every_resolved_address_is_checked(bad: str) -> None:
    recorder = _Recorder(lambda request: httpx.Response(200, html="<p>hi</p>"))
    resolve = _fake_resolver({"mixed.example": [PUBLIC_IP, bad]})
    with Fetcher(transport=httpx.MockTransport(recorder), resolve=resolve) as fetcher:
        problem = _problem(fetcher.fetch("http://mixed.example/"))
    assert f"mixed.example resolves to {bad}" in problem.reason
    assert recorder.urls == []


def test_public_host_is_fetched() -> None:
    recorder = _Recorder(lambda request: httpx.Response(200, html="<p>public</p>"))
    resolve = _fake_resolver({"public.example": [PUBLIC_IP]})
    with Fetcher(transport=httpx.MockTransport(recorder), resolve=resolve) as fetcher:
        doc = _document(fetcher.fetch("https://public.example/news"))
    assert "public" in doc.content and recorder.urls == ["https://public.example/news"]


def test_redirect_to_private_address_refused(site: Site) -> None:
    site.add("/secret", Route(b"<p>secret</p>"))
    target = site.url("/secret")
    recorder = _Recorder(lambda request: httpx.Response(302, headers={"Location": target}))
    resolve = _fake_resolver({"public.example": [PUBLIC_IP]})
    with Fetcher(transport=httpx.MockTransport(recorder), resolve=resolve) as fetcher:
        problem = _problem(fetcher.fetch("http://public.example/story"))
    assert f"refused redirect to {target}" in problem.reason and "127.0.0.1" in problem.reason
    assert recorder.urls == ["http://public.example/story"] and site.server.seen == []


def test_dns_rebinding_is_caught_at_connect_time(site: Site) -> None:
    # Public when checked before the request, loopback when the socket is opened.
    site.add("/", Route(b"<p>secret</p>"))
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    with Fetcher(resolve=rebinding) as fetcher:
        problem = _problem(fetcher.fetch(f"http://rebind.example:{site.port}/"))
    assert "refused to connect to rebind.example" in problem.reason and "127.0.0.1" in problem.reason
    assert site.server.seen == []


def test_default_resolve_reads_numeric_hosts() -> None:
    assert default_resolve("2130706433", 80) == ["127.0.0.1"]
    assert default_resolve("0x7f.1", 80) == ["127.0.0.1"]


@pytest.mark.parametrize(
    "author, byline",
    [
        ("jane@example.com (Jane Doe)", "Jane Doe"),
        ("desk@harbor.example (Ada Quist)", "Ada Quist"),
        ("Ann Atom", "Ann Atom"),
        ("  ", None),
        (None, None),
    ],
)
def test_rss_author_to_byline(author: str | None, byline: str | None) -> None:
    from crosswire.ingest.fetch import entry_byline

    assert (entry_byline(author) or None) == byline
