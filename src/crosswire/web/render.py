"""HTML and JSON from the same view (datasette style), and the template environment.

``@twin(router, "/articles/{article_id}", "article.html")`` registers a view twice: at
``/articles/{id}.json`` it returns the view's model as JSON, at ``/articles/{id}`` it renders
the template with that same model as ``page``. Presentation-only extras (highlighted
segments, SVG geometry) come from an optional ``decorate`` function so that the JSON stays
data.

Templates are autoescaped, always: article text, titles, names and quotes come from
strangers' web pages. Nothing from the store is ever marked safe.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_type_hints
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel
from starlette.templating import Jinja2Templates

from crosswire.mentions.dates.readable import readable_time
from crosswire.web.models import Pagination

HERE = Path(__file__).parent
M = TypeVar("M", bound=BaseModel)
View = Callable[..., M]
Decorate = Callable[[Any], dict[str, Any]]

MAX_LIMIT = 100
# Deeper than anyone pages by hand; bounded so that an OFFSET never walks a whole index.
MAX_OFFSET = 100_000
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]

# Colours cycle: eight speakers, eight outlets are distinguishable; more reuse colours.
PALETTE_SIZE = 8


class OutletPalette:
    """Badge colour classes: the store's largest outlets get distinct colours, in order.

    Hashing names into eight colours alone makes two of three outlets share one a third of
    the time; outlets that appear after startup still fall back to a hash.
    """

    def __init__(self, outlets: list[str]) -> None:
        self._assigned = {name: f"outlet-{i}" for i, name in enumerate(outlets[:PALETTE_SIZE])}

    def __call__(self, outlet: str | None) -> str:
        name = outlet or ""
        return self._assigned.get(name) or f"outlet-{zlib.crc32(name.encode('utf-8')) % PALETTE_SIZE}"


def entity_url(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def http_link(url: str | None) -> str | None:
    """The URL when it is safe to put in an href: http(s) only, never javascript: or data:."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def shown_source(source: str) -> str:
    """Where an article was read from, as the web may show it: a URL as it is, a file by name.

    A local path names folders of the machine that ingested the article (a home folder, a
    user name): the web shows only the file's name ("payload.jsonl:3", "story.html").
    """
    if source.lower().startswith(("http://", "https://")):
        return source
    parts = [part for part in source.replace("\\", "/").split("/") if part]
    return parts[-1] if parts else source


def when(value: str | None) -> str:
    """An ISO 8601 date or time as people read it: "4 Mar 2025", "4 Mar 2025, 18:30 UTC-05:00"."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # not ISO (or a TIMEX3 value such as "P5Y"): show it as stored
    text = f"{moment.day} {moment:%b %Y}"
    if len(value) > 10:
        text += f", {moment:%H:%M}"
        offset = moment.strftime("%z")  # "-0500", or "" when the time is naive
        if offset:
            text += f" UTC{offset[:3]}:{offset[3:]}"
    return text


def long_day(value: str) -> str:
    """A day heading: "2025-03-04" as "Tuesday 4 March 2025"."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day:%A} {day.day} {day:%B %Y}"


def request_path(request: Request) -> str:
    """The path as the client sent it, still percent-encoded ("/entities/A%2FB" keeps its %2F)."""
    raw = request.scope.get("raw_path")
    return raw.decode("latin-1") if raw else quote(request.url.path)


def json_url(request: Request) -> str:
    """This page's ``.json`` twin, with the same query string."""
    path = request_path(request).rstrip("/") or "/stories"
    query = request.url.query
    return f"{path}.json" + (f"?{query}" if query else "")


def make_templates(palette: OutletPalette) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its suffix (the SVG partial too)
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["outlet_class"] = palette
    env.filters["entity_url"] = entity_url
    env.filters["article_url"] = article_url
    env.filters["when"] = when
    env.filters["long_day"] = long_day
    env.filters["readable_time"] = readable_time
    env.globals["json_url"] = json_url
    return Jinja2Templates(env=env)


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def twin(
    router: APIRouter,
    path: str,
    template: str,
    *,
    decorate: Decorate | None = None,
    aliases: tuple[str, ...] = (),
) -> Callable[[View[M]], View[M]]:
    """Register ``view`` as the HTML page at ``path`` and as JSON at ``path + '.json'``.

    ``aliases`` are more paths for the same HTML page (``/`` for ``/stories``).

    The view must take ``request: Request`` (FastAPI passes every argument by keyword) and
    return a pydantic model, whose class is the JSON twin's documented response model.
    """

    def register(view: View[M]) -> View[M]:
        model = get_type_hints(view)["return"]
        summary = (view.__doc__ or "").strip().splitlines()[0] if view.__doc__ else None

        @functools.wraps(view)
        def as_json(**kwargs: Any) -> M:
            return view(**kwargs)

        @functools.wraps(view)
        def as_html(**kwargs: Any) -> HTMLResponse:
            page = view(**kwargs)
            extras = decorate(page) if decorate else {}
            return render(kwargs["request"], template, {"page": page, **extras})

        # The .json route first: "{id}" would otherwise also match "abc.json".
        router.add_api_route(
            path + ".json",
            as_json,
            methods=["GET"],
            response_model=model,
            name=f"{view.__name__}_json",
            summary=summary,
            tags=["json"],
        )
        for i, html_path in enumerate((path, *aliases)):
            router.add_api_route(
                html_path,
                as_html,
                methods=["GET"],
                response_class=HTMLResponse,
                response_model=None,
                name=view.__name__ + "_alias" * bool(i),
                summary=summary,
                tags=["pages"],
            )
        return view

    return register


def pagination(request: Request, limit: int, offset: int, rows: int, total: int | None = None) -> Pagination:
    """Next/previous links that keep every other query parameter of the current URL."""
    more = offset + rows < total if total is not None else rows >= limit
    return Pagination(
        total=total,
        limit=limit,
        offset=offset,
        next=_with_offset(request, offset + limit) if more else None,
        previous=_with_offset(request, max(0, offset - limit)) if offset > 0 else None,
    )


def _with_offset(request: Request, offset: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    params.append(("offset", str(offset)))
    return request_path(request) + "?" + urlencode(params)
