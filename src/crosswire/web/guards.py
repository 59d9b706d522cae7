"""ASGI middleware that acts before any route: the write gate, and HEAD answered as GET.

``WriteGate`` stands in front of every request that may write (any method but GET, HEAD and
OPTIONS). It checks the token from the headers before a single byte of the body is read,
refuses a declared Content-Length over the cap at once, and reads a streamed body counting
as it goes, refusing it as soon as it passes the cap. Only then does the route see the body,
replayed from memory. Doing this in a route dependency is not enough: FastAPI reads a
declared body parameter before it runs the dependencies, so a client without a token could
make the server hold a body of any size.

``HeadAsGet`` runs a HEAD request as the GET it stands for and sends the headers only, so
every page and its ``.json`` twin answer HEAD as HTTP says they should.
"""

from __future__ import annotations

import hmac
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
NO_TOKEN = "Writes are disabled: start the server with CROSSWIRE_TOKEN set."
WRONG_TOKEN = "Missing or wrong token: send Authorization: Bearer <CROSSWIRE_TOKEN>."


class BodyTooLarge(Exception):
    """A request body that passed the cap while it was being read."""


class WriteGate:
    """Token first, then a body of at most ``max_bytes``, for every request that may write."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_bytes: int) -> None:
        self.app = app
        self.token = token
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await _send_json(send, *refusal)
            return
        try:
            body = await read_body(receive, self.max_bytes)
        except BodyTooLarge:
            await _send_json(send, 413, self._too_big())
            return
        await self.app(scope, _replay(body, receive), send)

    def _refusal(self, scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        """Why the request is refused from its headers alone, or None to read its body."""
        headers = _headers(scope)
        challenge = {"WWW-Authenticate": "Bearer"}
        if not self.token:
            return 401, NO_TOKEN, challenge
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8"), self.token.encode("utf-8")
        ):
            return 401, WRONG_TOKEN, challenge
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return 413, self._too_big(), {}
        return None

    def _too_big(self) -> str:
        return f"Request body over the {self.max_bytes:,}-byte limit (CROSSWIRE_MAX_INPUT_BYTES)."


async def read_body(receive: Receive, max_bytes: int) -> bytes:
    """The whole body, read chunk by chunk; ``BodyTooLarge`` as soon as it passes ``max_bytes``."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away: nothing to serve
            return bytes(body)
        body += message.get("body", b"")
        if len(body) > max_bytes:
            raise BodyTooLarge
        if not message.get("more_body", False):
            return bytes(body)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()  # a disconnect, for a route that waits for one
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def _send_json(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    """A JSON error as the API's own errors look: ``{"detail": ...}``."""
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        # The body was not read: the connection cannot carry another request.
        (b"connection", b"close"),
        *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class HeadAsGet:
    """HEAD runs as GET and gets the GET's status and headers, without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
