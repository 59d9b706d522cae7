"""The crosswire web UI and JSON API: ``create_app(settings)`` builds it, ``serve`` runs it.

Pages are server-rendered (Jinja2, autoescaped) with a ``.json`` twin each; the static
folder holds one stylesheet and no script. Reading goes through a pool of read-only
connections; writing (``POST /api/...``) exists only when a token is given, and every
request that may write passes ``guards.WriteGate`` (token, then a bounded body) first.

Every response carries a strict Content-Security-Policy: scripts, styles and images only
from this server, no inline script or style, no framing. Article text comes from strangers'
pages, so this is the second wall behind autoescaping, not the first.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosswire import __version__
from crosswire.config import Settings
from crosswire.ingest.fetch import Fetcher
from crosswire.store import queries
from crosswire.store.readonly import QueryTooSlow, ReadPool, UnreadableStore, prepare_store
from crosswire.web.guards import HeadAsGet, WriteGate
from crosswire.web.render import OutletPalette, make_templates, render
from crosswire.web.routes import api, articles, entities, search, stories, watch
from crosswire.web.write import Writer

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """ASGI middleware: the CSP and friends on every response, errors and static files included.

    The CSP is appended, not set: a route may send a stricter policy of its own (the raw
    article adds ``sandbox``) and browsers enforce every policy they are given.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("Content-Security-Policy", CSP)
                for name, value in _HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings,
    *,
    token: str | None = None,
    nlp: Language | None = None,
    fetcher: Fetcher | None = None,
) -> FastAPI:
    """The web app over the store at ``settings.db_path``.

    ``token`` enables ``POST /api/articles`` for requests bearing it. ``nlp`` and ``fetcher``
    are for tests (a loaded spaCy model; a fetcher with a mock transport); by default the
    model loads on the first write and each URL gets a fetcher that refuses private networks.
    """
    # Create a missing store and migrate an older one, as every CLI command does, so that the
    # read-only connections find the schema they expect. Any other file is left untouched:
    # every page then says why it cannot be read.
    prepare_store(settings.db_path)
    pool = ReadPool(settings.db_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="crosswire",
        version=__version__,
        summary="Read a news story across outlets: articles, quotes, names and dates.",
        description="Every HTML page has a `.json` twin at the same URL plus `.json`.",
        docs_url=None,  # Swagger UI loads scripts from a CDN, which the CSP (rightly) refuses
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.templates = make_templates(OutletPalette(_outlets(pool)))
    app.state.token = token or None
    app.state.writer = Writer(settings, nlp=nlp, fetcher=fetcher)
    _install(app, settings.max_input_bytes)
    return app


def _outlets(pool: ReadPool) -> list[str]:
    """The store's outlets, biggest first, for their colours; none while it cannot be read."""
    try:
        with pool.connection() as db:
            return [o.outlet for o in queries.outlet_counts(db)]
    except (UnreadableStore, sqlite3.DatabaseError) as exc:
        log.warning("the store cannot be read: %s", exc)
        return []


def _install(app: FastAPI, max_body_bytes: int) -> None:
    """Headers, the write gate, static files, routes and error pages."""
    # The last added runs first: security headers on every answer, the gate's refusals
    # included; HEAD becomes GET before the gate, which lets GET through.
    app.add_middleware(WriteGate, token=app.state.token, max_bytes=max_body_bytes)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (stories, articles, entities, search, watch, api):
        app.include_router(module.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(QueryTooSlow, _too_slow)
    app.add_exception_handler(UnreadableStore, _unreadable)
    app.add_exception_handler(sqlite3.DatabaseError, _unreadable)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path.startswith("/api/")


def _error(
    request: Request, status: int, message: str, detail: object, headers: Mapping[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_encoder(detail)}, status, headers=headers)
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)  # registered for it; Starlette types handlers loosely
    message = exc.detail if isinstance(exc.detail, str) else "The request could not be processed."
    return _error(request, exc.status_code, message, exc.detail, exc.headers)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in errors)
    return _error(request, 422, message or "Invalid request.", errors)


async def _too_slow(request: Request, exc: Exception) -> Response:
    message = "This request would read too much of the store. Narrow it with filters or fewer words."
    return _error(request, 503, message, message)


async def _unreadable(request: Request, exc: Exception) -> Response:
    """A store this server cannot read (missing, damaged, not crosswire's, a newer schema)."""
    log.error("store unreadable: %s", exc)
    reason = str(exc) if isinstance(exc, UnreadableStore) else f"the store could not be read ({exc})"
    message = f"This server cannot read its store: {reason}"
    return _error(request, 503, message, message)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *, token: str | None = None) -> None:
    """Run the app with uvicorn (the ``crosswire serve`` command). Writes need CROSSWIRE_TOKEN."""
    import uvicorn  # only the server needs it; tests run the app in-process

    token = token if token is not None else os.environ.get("CROSSWIRE_TOKEN") or None
    uvicorn.run(
        create_app(settings, token=token),
        host=host,
        port=port,
        proxy_headers=False,  # no proxy is assumed: do not trust X-Forwarded-* from clients
        server_header=False,
    )
