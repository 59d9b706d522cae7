"""The JSON API beyond the pages' ``.json`` twins: paginated export, and the optional write.

``GET /api/export`` pages through the same article records as ``crosswire export``
(``crosswire.export.article_record``, a local source shown by its file name only), ordered
by id so that each page is a short walk of the primary-key index however deep it is.
``POST /api/articles`` adds an article through the pipeline when the server has a token
(see ``crosswire.web.write``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from crosswire.store import queries
from crosswire.web.convert import public_record
from crosswire.web.models import ExportPage, IngestResult
from crosswire.web.readonly import ReadDB
from crosswire.web.render import Limit
from crosswire.web.write import (
    EntityChange,
    IngestRequest,
    MergeRequest,
    Refused,
    SplitRequest,
    Writer,
    read_ingest_request,
    require_token,
)

router = APIRouter(prefix="/api", tags=["api"])

# Export pages walk an index of ids only, so they may go as deep as the store.
EXPORT_MAX_OFFSET = 100_000_000


@router.get("/export", response_model=ExportPage, summary="Articles as export records, a page at a time.")
def export(
    db: ReadDB, limit: Limit = 100, offset: Annotated[int, Query(ge=0, le=EXPORT_MAX_OFFSET)] = 0
) -> JSONResponse:
    ids = queries.article_ids(db, limit, offset)
    total = queries.count_articles(db)
    more = offset + len(ids) < total
    page = {
        "articles": [public_record(a) for i in ids if (a := queries.article(db, i)) is not None],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": f"/api/export?limit={limit}&offset={offset + limit}" if more else None,
    }
    # The records are export.article_record's own dicts, already in the documented shape
    # (ExportPage): returned as they are, since validating them again doubled the time.
    return JSONResponse(page)


_BODY_SCHEMA = {
    "required": True,
    "content": {"application/json": {"schema": IngestRequest.model_json_schema()}},
}
_ERRORS: dict[int | str, dict[str, object]] = {
    200: {"model": IngestResult, "description": "the article was already stored: nothing added"},
    401: {"description": "no token configured, or a missing or wrong token"},
    413: {"description": "request body over the size limit"},
    415: {"description": "request body not JSON, or the URL is not an HTML page"},
    422: {"description": "nothing usable: bad fields, an unreadable article, a refused URL"},
}


@router.post(
    "/articles",
    response_model=IngestResult,
    status_code=201,
    dependencies=[Depends(require_token)],
    openapi_extra={"requestBody": _BODY_SCHEMA},
    responses=_ERRORS,
    summary="Add one article (text, HTML or an http(s) URL) through the pipeline. Needs the token.",
)
async def add_article(request: Request, response: Response) -> IngestResult:
    # The body is parsed here rather than declared as a parameter, so that a form or any other
    # media type gets a 415; its schema is documented through openapi_extra.
    writer: Writer = request.app.state.writer
    payload: IngestRequest = await read_ingest_request(request)
    try:
        result = await run_in_threadpool(writer.ingest, payload)
    except Refused as refused:
        raise HTTPException(refused.status, str(refused)) from None
    if result.status != "added":
        response.status_code = 200
    return result


_ENTITY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "an entity merged into itself"},
    401: {"description": "no token configured, or a missing or wrong token"},
    404: {"description": "no such entity"},
    422: {"description": "the split would leave one side empty"},
}


@router.post(
    "/entities/merge",
    response_model=EntityChange,
    dependencies=[Depends(require_token)],
    responses=_ENTITY_ERRORS,
    summary="Merge entity `other` into `keeper`; kept across re-analysis. Needs the token.",
)
async def merge_entities(request: Request, body: MergeRequest) -> EntityChange:
    return await _change(request.app.state.writer.merge_entities, body)


@router.post(
    "/entities/split",
    response_model=EntityChange,
    dependencies=[Depends(require_token)],
    responses=_ENTITY_ERRORS,
    summary="Split the named members (or articles) off an entity; kept across re-analysis. Needs the token.",
)
async def split_entity(request: Request, body: SplitRequest) -> EntityChange:
    return await _change(request.app.state.writer.split_entity, body)


async def _change(action: Callable[[Any], EntityChange], body: Any) -> EntityChange:
    try:
        result: EntityChange = await run_in_threadpool(action, body)
    except Refused as refused:
        raise HTTPException(refused.status, str(refused)) from None
    return result
