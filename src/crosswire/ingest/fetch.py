"""Fetch web pages and RSS/Atom feeds: the one place crosswire reads from the network.

``Fetcher.fetch(url)`` downloads one page; ``Fetcher.fetch_all(url)`` does the same but, when
the URL turns out to be a feed, yields one document per feed entry instead. Neither raises
for anything a URL or a server can do: every failure becomes an ``IngestProblem`` whose reason
says what went wrong and, where there is one, which setting to change.

Because URLs come from users and from feeds (i.e. from strangers), the fetcher refuses to
reach private networks unless ``FetchPolicy.allow_private`` is set. The check is made twice:

* before each request (every redirect hop included), on every address the host resolves to,
  so that the refusal names the URL and address in plain words, whatever the transport;
* at connect time, inside the default transport, on the very addresses the socket is opened
  to. The first check alone would leave a DNS-rebinding window (a name that resolves to a
  public address for the check and to 127.0.0.1 a moment later, for the connection); the
  second closes it. A transport passed in by the caller (e.g. ``httpx.MockTransport`` in
  tests) does its own connecting, so only the first check applies to it.

Requests never go through a proxy from the environment (``trust_env=False``): a proxy would
connect on our behalf, out of reach of the connect-time check.
"""

from __future__ import annotations

import codecs
import io
import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import urlsplit

import feedparser  # type: ignore[import-untyped]
import httpcore
import httpx

from crosswire.ingest.decode import content_type_charset, decode, looks_binary
from crosswire.types import IngestProblem, MediaType, RawDocument

Resolver = Callable[[str, int], list[str]]
"""``resolve(host, port)`` -> the IP addresses (as strings) to connect to; raises ``OSError``."""

Kind = Literal["html", "text", "feed"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})
# Servers that do not know what they serve say nothing or "octet-stream": we look at the bytes.
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_ACCEPTED_TYPES = _HTML_TYPES | _TEXT_TYPES | _FEED_TYPES | _XML_TYPES | _UNKNOWN_TYPES
_ACCEPT_HEADER = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_SNIFF_BYTES = 4096
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf"})
# The tags the WHATWG MIME-sniffing standard takes as "this unlabelled resource is HTML".
_HTML_ROOTS = frozenset(
    {b"!doctype html", *b"html head script iframe h1 div font table a style title b body br p".split()}
)
_TAG_NAME = re.compile(rb"<(!doctype\s+html|[a-z][\w:.-]*)")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for one fetch.

    ``timeout`` bounds each connect and each read, and also the whole download of one URL,
    redirects included, so that a server dripping one byte at a time cannot hold a worker.
    """

    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False  # tests against 127.0.0.1 set True; the SSRF tests keep False
    user_agent: str = "crosswire/0.1 (+news analysis)"


@dataclass(frozen=True, slots=True)
class _Download:
    url: str  # the final URL, after redirects
    body: bytes
    charset: str | None
    kind: Kind
    headers: Mapping[str, str] = field(default_factory=dict)
    not_modified: bool = False  # a 304 answer to a conditional GET: no body


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """One conditional GET of a feed (``Fetcher.poll_feed``): its entries (feedparser's), or
    ``not_modified``, or the problem; with the validators and Retry-After the server sent."""

    url: str
    entries: list[Any] = field(default_factory=list)
    outlet: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    problem: IngestProblem | None = None


class _Refusal(Exception):
    """A fetch that has to stop; the message is the reason shown to the user.

    ``skipped`` marks content crosswire does not read (an image, a sitemap) as opposed to a
    broken or forbidden input, the distinction ``IngestProblem.skipped`` reports.
    """

    def __init__(self, reason: str, skipped: bool = False, retry_after: str | None = None) -> None:
        super().__init__(reason)
        self.skipped = skipped
        self.retry_after = retry_after  # a 429/503's Retry-After header, for a scheduler

    def problem(self, source: str) -> IngestProblem:
        return IngestProblem(source=source, reason=str(self), skipped=self.skipped)


def default_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without duplicates.

    Numeric forms such as ``2130706433`` or ``0x7f.1`` come back as the dotted address they
    stand for, which is what gets checked and, at connect time, what gets connected to.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# --- which addresses may be reached ------------------------------------------------------------


def _address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Describe ``ip`` if it is not a public unicast address, else None."""
    if isinstance(ip, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 and 2002:7f00:1:: reach the IPv4 address inside them.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return _address_kind(embedded)
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "a non-public address"),  # e.g. 100.64.0.0/10 (carrier-grade NAT)
    )
    return next((kind for flagged, kind in checks if flagged), None)


def _check_address(host: str, address: str) -> None:
    try:
        kind = _address_kind(ipaddress.ip_address(address))
    except ValueError:
        raise _Refusal(f"{host} resolved to {address!r}, which is not an IP address") from None
    if kind is not None:
        subject = address if address == host else f"{host} resolves to {address}, which"
        raise _Refusal(
            f"{subject} is {kind}: refused (local networks are fetched only with "
            "CROSSWIRE_ALLOW_PRIVATE_URLS=1 on the command line, FetchPolicy(allow_private=True) in Python)"
        )


def _vetted_addresses(host: str, port: int, resolve: Resolver, allow_private: bool) -> list[str]:
    """Resolve ``host`` and check every address, not just the first: a client may use any."""
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise _Refusal(f"could not resolve host {host!r}: {exc}") from None
    if not addresses:
        raise _Refusal(f"could not resolve host {host!r}: no addresses")
    if not allow_private:
        for address in addresses:
            _check_address(host, address)
    return addresses


class _GuardedBackend(httpcore.NetworkBackend):
    """Opens sockets only to vetted addresses: the connect-time half of the private-network check."""

    def __init__(self, resolve: Resolver, allow_private: bool) -> None:
        self._resolve = resolve
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        # Resolve once and connect to exactly what was checked: no second lookup to rebind.
        try:
            addresses = _vetted_addresses(host, port, self._resolve, self._allow_private)
        except _Refusal as refusal:
            raise _Refusal(f"refused to connect to {host}: {refusal}") from None
        for address in addresses[:-1]:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                continue  # e.g. no IPv6 route: try the next address, as browsers do
        return self._inner.connect_tcp(addresses[-1], port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise _Refusal("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _guarded_transport(resolve: Resolver, allow_private: bool) -> httpx.HTTPTransport:
    """An ``httpx.HTTPTransport`` whose connections all go through ``_GuardedBackend``."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx has no public hook for a network backend, so we replace the pool it built with an
    # equivalent one that connects through the guard. Fail loudly, not unguarded, if a future
    # httpx stops keeping its pool in ``_pool``.
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        raise RuntimeError("unsupported httpx version: cannot install the private-network guard")
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=_GuardedBackend(resolve, allow_private),
    )
    return transport


# --- URLs, redirects, errors -------------------------------------------------------------------


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise _Refusal(f"not a valid URL: {url!r} ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or "none"
        raise _Refusal(f"unsupported URL scheme {scheme!r} in {url}: only http and https are fetched")
    if not parsed.host:
        raise _Refusal(f"URL has no host: {url}")
    return parsed


def _redirect_target(url: httpx.URL, response: httpx.Response) -> httpx.URL | None:
    """Where a redirect points (absolute), None for a success; refuses any other status."""
    status = response.status_code
    if status in _REDIRECT_CODES:
        location = response.headers.get("location")
        if not location:
            raise _Refusal(f"HTTP {status} redirect without a Location header from {url}")
        try:
            return _parse_url(str(url.join(location)))
        except (_Refusal, httpx.InvalidURL) as exc:
            raise _Refusal(f"refused redirect from {url} to {location!r}: {exc}") from None
    if not 200 <= status < 300:
        retry_after = response.headers.get("retry-after")
        raise _Refusal(f"HTTP {status} {response.reason_phrase} from {url}", retry_after=retry_after)
    return None


@contextmanager
def _network_errors(url: httpx.URL, timeout: float) -> Iterator[None]:
    """Turn httpx's exceptions into refusals a user can read."""
    try:
        yield
    except httpx.TimeoutException:
        raise _Refusal(f"timed out after {timeout:g}s fetching {url}") from None
    except httpx.ConnectError as exc:
        raise _Refusal(f"could not connect to {url.netloc.decode('ascii')} ({url}): {exc}") from None
    except httpx.HTTPError as exc:
        raise _Refusal(f"network error fetching {url}: {exc}") from None


def _content_type(header: str) -> tuple[str, str | None]:
    """The media type (lowercase, no parameters) and charset of a Content-Type header."""
    mime = header.split(";", 1)[0].strip().lower()
    return mime, content_type_charset(header)


# --- what the bytes are ------------------------------------------------------------------------


def _root_tag(body: bytes) -> bytes:
    """The first tag name, lowercased, after any BOM, XML declaration, comments and doctype."""
    head = body[:_SNIFF_BYTES].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    while head.startswith((b"<?", b"<!")) and not head.startswith(b"<!doctype html"):
        end = b"-->" if head.startswith(b"<!--") else b">"
        cut = head.find(end)
        if cut < 0:
            return b""
        head = head[cut + len(end) :].lstrip()
    match = _TAG_NAME.match(head)
    return re.sub(rb"\s+", b" ", match.group(1)) if match else b""


def _classify(url: httpx.URL, mime: str, body: bytes) -> Kind:
    """Feed, HTML or text: the declared type, checked against (or, if missing, read from) the bytes."""
    root = _root_tag(body)
    if root in _FEED_ROOTS:
        return "feed"  # whatever the server said: feeds are often served as text/xml or text/html
    if mime in _FEED_TYPES:
        raise _Refusal(f"{url} is declared as {mime} but is not an RSS or Atom feed")
    if mime in _HTML_TYPES:
        return "html"
    if mime in _TEXT_TYPES:
        return "text"  # a declared text/plain is trusted even if it opens with "<b>"
    if root in _HTML_ROOTS:
        return "html"  # unlabelled, or XHTML served as application/xml
    if mime in _XML_TYPES:
        raise _Refusal(f"{url} is XML ({mime}) but neither an RSS/Atom feed nor an XHTML page", True)
    if mime in _UNKNOWN_TYPES and looks_binary(body):
        raise _Refusal(f"{url} has no usable content type and looks like binary data, not text", True)
    return "text"


def _to_document(source: str, download: _Download) -> RawDocument:
    media_type: MediaType = "html" if download.kind == "html" else "text"
    # Feeds are XML: their <?xml encoding?> counts. A text/plain page's "<meta" is just text.
    decoded = decode(download.body, download.charset, markup=download.kind != "text")
    return RawDocument(source, decoded.text, media_type, url=download.url, notes=decoded.notes)


# --- feeds -------------------------------------------------------------------------------------


def _iso_utc(parsed: Any) -> str | None:
    """ISO 8601 from feedparser's ``*_parsed`` struct_time, which it has already put in UTC."""
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()


_RSS_AUTHOR = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")


def entry_byline(author: str | None) -> str | None:
    """The person in an RSS <author>: "jane@example.com (Jane Doe)" gives "Jane Doe".

    Parsed here rather than taken from feedparser's author_detail, which cuts names and
    addresses apart wrongly when the address has a long top-level domain.
    """
    if not author:
        return None
    match = _RSS_AUTHOR.match(author)
    return match.group("name").strip() if match else author.strip()


def entry_hints(entry: Any, outlet: str | None) -> dict[str, str]:
    byline = entry_byline(entry.get("author"))
    hints = {
        "title": entry.get("title"),
        "published": _iso_utc(entry.get("published_parsed") or entry.get("updated_parsed")),
        "byline": byline,
        "outlet": outlet,
    }
    return {key: str(value) for key, value in hints.items() if value}


def entry_content(entry: Any) -> tuple[str, MediaType] | None:
    """The entry's own body (full content first, else summary), when it has one."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and str(detail.get("value", "")).strip():
            media_type: MediaType = "html" if "html" in str(detail.get("type", "")) else "text"
            return str(detail["value"]), media_type
    return None


def _parse_feed(download: _Download) -> Any:
    # A file object, never bytes or a str: given a str that looks like a URL feedparser would
    # fetch it itself, and given bytes it first tries to open() them as a local file name.
    # content-location makes relative entry links resolve against the feed's final URL. The
    # type is always XML: we sniffed a feed, and a "text/html" label would make feedparser
    # flag it as broken. The charset from the HTTP header is kept, as it overrides the file's.
    charset = f"; charset={download.charset}" if download.charset else ""
    headers = {"content-location": download.url, "content-type": "application/xml" + charset}
    return feedparser.parse(io.BytesIO(download.body), response_headers=headers)


# --- the fetcher -------------------------------------------------------------------------------


class Fetcher:
    """Downloads pages and feeds under a ``FetchPolicy``; see the module docstring.

    ``resolve`` is how host names become addresses, both for the check and for connecting;
    tests pass a fake one so that no real DNS is used.
    """

    def __init__(
        self,
        policy: FetchPolicy = FetchPolicy(),
        transport: httpx.BaseTransport | None = None,
        resolve: Resolver = default_resolve,
    ) -> None:
        self.policy = policy
        self._resolve = resolve
        self._client = httpx.Client(
            transport=_guarded_transport(resolve, policy.allow_private) if transport is None else transport,
            timeout=policy.timeout,
            follow_redirects=False,  # each hop is checked by _download before it is requested
            trust_env=False,
            headers={"User-Agent": policy.user_agent, "Accept": _ACCEPT_HEADER},
        )

    def fetch(self, url: str) -> RawDocument | IngestProblem:
        """One page as a ``RawDocument`` (a feed comes back as its XML text), or the problem."""
        try:
            download = self._download(url)
        except _Refusal as refusal:
            return refusal.problem(url)
        return _to_document(url, download)

    def fetch_all(self, url: str) -> Iterator[RawDocument | IngestProblem]:
        """The page at ``url``, or, if it is an RSS/Atom feed, each of its entries."""
        try:
            download = self._download(url)
        except _Refusal as refusal:
            yield refusal.problem(url)
            return
        if download.kind == "feed":
            yield from self._feed_entries(url, download)
        else:
            yield _to_document(url, download)

    def poll_feed(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FeedPoll:
        """A conditional GET of the feed at ``url`` (``crosswire watch``): 304 comes back as
        ``not_modified``; every guard of ``fetch`` applies, redirects and size cap included."""
        validators = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        try:
            download = self._download(url, {k: v for k, v in validators.items() if v})
        except _Refusal as refusal:
            return FeedPoll(url, problem=refusal.problem(url), retry_after=refusal.retry_after)
        if download.not_modified:
            return FeedPoll(url, not_modified=True, etag=etag, last_modified=last_modified)
        if download.kind != "feed":
            return FeedPoll(url, problem=IngestProblem(url, f"{url} is not an RSS or Atom feed"))
        parsed = _parse_feed(download)
        if parsed.get("bozo") and not parsed.entries:
            reason = f"could not parse the feed at {url}: {parsed.get('bozo_exception')}"
            return FeedPoll(url, problem=IngestProblem(url, reason))
        headers = download.headers
        return FeedPoll(url, list(parsed.entries), parsed.feed.get("title"), etag=headers.get("etag"),
                        last_modified=headers.get("last-modified"))  # fmt: skip

    def fetch_entry(
        self, feed_url: str, number: int, entry: Any, outlet: str | None
    ) -> RawDocument | IngestProblem:
        """One feed entry (from ``poll_feed``) as ``fetch_all`` reads it: its linked page."""
        return self._entry(feed_url, number, entry, outlet)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- downloading --------------------------------------------------------------------------

    def _download(self, url: str, headers: Mapping[str, str] | None = None) -> _Download:
        """Follow redirects by hand so that every hop is checked before it is requested."""
        deadline = time.monotonic() + self.policy.timeout
        current = _parse_url(url)
        for hop in range(self.policy.max_redirects + 1):
            with _network_errors(current, self.policy.timeout):
                outcome = self._request(current, hop > 0, deadline, headers or {})
            if isinstance(outcome, _Download):
                return outcome
            current = outcome
        limit = self.policy.max_redirects
        raise _Refusal(f"too many redirects: {url} redirects more than {limit} times")

    def _request(
        self, url: httpx.URL, redirected: bool, deadline: float, headers: Mapping[str, str]
    ) -> _Download | httpx.URL:
        """One hop: the download, or the URL it redirects to."""
        self._vet(url, redirected)
        # Each connect and read may take only what is left of the whole fetch's time.
        remaining = self._remaining(url, deadline)
        with self._client.stream("GET", url, timeout=remaining, headers=headers) as response:
            if response.status_code == 304 and headers:  # only a conditional GET may get one
                return _Download(str(url), b"", None, "feed", dict(response.headers), not_modified=True)
            target = _redirect_target(url, response)
            return target if target is not None else self._read(url, response, deadline)

    def _remaining(self, url: httpx.URL, deadline: float) -> float:
        """Seconds left before ``deadline``; refuses once it has passed."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Refusal(f"timed out: {url} took more than {self.policy.timeout:g}s")
        return remaining

    def _vet(self, url: httpx.URL, redirected: bool) -> None:
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            _vetted_addresses(host, port, self._resolve, self.policy.allow_private)
        except _Refusal as refusal:
            what = "redirect to" if redirected else "fetching"
            raise _Refusal(f"refused {what} {url}: {refusal}") from None

    def _read(self, url: httpx.URL, response: httpx.Response, deadline: float) -> _Download:
        mime, charset = _content_type(response.headers.get("content-type", ""))
        if mime not in _ACCEPTED_TYPES:
            # Refused on the header alone: no point downloading an image or a PDF.
            raise _Refusal(f"{url} is {mime}, not an HTML page, plain text or an RSS/Atom feed", True)
        body = self._read_body(url, response, deadline)
        kind = _classify(url, mime, body)
        return _Download(str(url), body, charset, kind, dict(response.headers))

    def _read_body(self, url: httpx.URL, response: httpx.Response, deadline: float) -> bytes:
        limit = self.policy.max_bytes
        too_big = f"{url} is larger than {limit} bytes (FetchPolicy.max_bytes)"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Refusal(f"{too_big}: Content-Length is {declared}")
        chunks: list[bytes] = []
        size = 0
        # iter_bytes() yields decompressed bytes, so a small gzip bomb is stopped too.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _Refusal(too_big)
            self._remaining(url, deadline)
            chunks.append(chunk)
        if size == 0:
            raise _Refusal(f"{url} returned an empty body")
        return b"".join(chunks)

    # --- feeds --------------------------------------------------------------------------------

    def _feed_entries(self, url: str, download: _Download) -> Iterator[RawDocument | IngestProblem]:
        parsed = _parse_feed(download)
        if parsed.get("bozo") and not parsed.entries:
            error = parsed.get("bozo_exception")
            yield IngestProblem(source=url, reason=f"could not parse the feed at {url}: {error}")
            return
        if not parsed.entries:
            yield IngestProblem(source=url, reason=f"the feed at {url} has no entries", skipped=True)
        outlet = parsed.feed.get("title")
        for number, entry in enumerate(parsed.entries, start=1):
            yield self._entry(download.url, number, entry, outlet)

    def _entry(
        self, feed_url: str, number: int, entry: Any, outlet: str | None
    ) -> RawDocument | IngestProblem:
        """Fetch the entry's link; an entry without a web link (feedparser puts e.g. a
        ``urn:uuid:`` id there) is read from its own content instead."""
        hints = entry_hints(entry, outlet)
        link = str(entry.get("link") or "")
        if urlsplit(link).scheme in ("http", "https"):
            result = self.fetch(link)
            if isinstance(result, RawDocument):
                result.hints.update(hints)
            return result
        source = f"{feed_url}#entry-{number}"
        content = entry_content(entry)
        if content is None:
            return IngestProblem(source, f"feed entry {number} of {feed_url} has no web link and no content")
        text, media_type = content
        return RawDocument(source=source, content=text, media_type=media_type, hints=hints)
