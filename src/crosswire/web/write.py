"""The optional write side: add one article through the real pipeline, one writer at a time.

Writes are off unless the server was given a token (``CROSSWIRE_TOKEN``); a request must
then carry ``Authorization: Bearer <token>``. ``guards.WriteGate`` checks the token and
reads the body within a size limit before any route sees the request. A URL is fetched
through ``crosswire.ingest.fetch.Fetcher`` with the private-network guard always on,
whatever ``Settings.allow_private_urls`` says: here the URL comes from a client of the
server, and the server must not become a way into its own network.
Only HTML pages are taken from URLs (no feeds, no plain text, no binaries).

Ingest runs under one lock with its own connection, opened and closed in the worker
thread: crosswire has one writer, and the read-only pool is never used to write.
"""

from __future__ import annotations

import hmac
import threading
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crosswire.config import Settings
from crosswire.errors import CrosswireError, InputError
from crosswire.ingest.extract import extract_article
from crosswire.ingest.fetch import Fetcher, FetchPolicy
from crosswire.pipeline import IngestReport, Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.store.entities import EntityStore, InvalidEntityChange
from crosswire.store.queries import near_duplicate_of
from crosswire.types import IngestProblem, RawDocument
from crosswire.web.guards import NO_TOKEN, WRONG_TOKEN
from crosswire.web.models import IngestResult
from crosswire.web.render import article_url, entity_url

if TYPE_CHECKING:
    from spacy.language import Language

_HINTS = ("title", "outlet", "byline", "published")
_bearer = HTTPBearer(auto_error=False, description="the server's CROSSWIRE_TOKEN")


class IngestRequest(BaseModel):
    """One article to add: exactly one of ``text``, ``html`` or ``url``, plus optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="plain-text article (first line taken as the title)")
    html: str | None = Field(None, description="an HTML page; boilerplate is removed as for files")
    url: str | None = Field(None, max_length=2000, description="an http(s) URL of an HTML page to fetch")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    byline: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=100, description="ISO 8601")

    @model_validator(mode="after")
    def _exactly_one_body(self) -> IngestRequest:
        given = [name for name in ("text", "html", "url") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url (non-empty)")
        return self

    def hints(self) -> dict[str, str]:
        return {name: value for name in _HINTS if (value := getattr(self, name))}


class MergeRequest(BaseModel):
    """Entity ``other`` is the same referent as ``keeper``."""

    model_config = ConfigDict(extra="forbid")
    keeper: str = Field(max_length=100)
    other: str = Field(max_length=100)
    note: str | None = Field(None, max_length=1000)


class SplitRequest(BaseModel):
    """The members of ``entity`` named ``names`` or found in ``articles`` are someone else."""

    model_config = ConfigDict(extra="forbid")
    entity: str = Field(max_length=100)
    names: list[str] = Field(default_factory=list, max_length=100)
    articles: list[str] = Field(default_factory=list, max_length=1000)
    note: str | None = Field(None, max_length=1000)


class EntityChange(BaseModel):
    entity_id: str
    url: str


class Refused(Exception):
    """An article that cannot be added, with the HTTP status and a reason the client can act on."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


class Writer:
    """Adds articles to the store behind one lock; the spaCy model is loaded on the first write."""

    def __init__(
        self, settings: Settings, *, nlp: Language | None = None, fetcher: Fetcher | None = None
    ) -> None:
        self.settings = settings
        self._nlp = nlp
        self._fetcher = fetcher
        self._lock = threading.Lock()

    def ingest(self, request: IngestRequest) -> IngestResult:
        doc = self.document(request)
        try:
            # For its id and a clear refusal; the run extracts again.
            article = extract_article(doc, self.settings)
        except InputError as exc:
            raise Refused(422, str(exc)) from None
        with self._lock, Database(self.settings.db_path) as db:
            pipeline = Pipeline(self.settings, ArticleStore(db), nlp=self._model())
            report = ingest_document(pipeline, doc)
            duplicate_of = near_duplicate_of(db, article.id)
        if report.problems:
            raise Refused(422, report.problems[0].reason)
        return IngestResult(
            status="added" if report.added else "already stored",
            id=article.id,
            url=article_url(article.id),
            title=article.title,
            near_duplicate_of=duplicate_of,
        )

    def merge_entities(self, request: MergeRequest) -> EntityChange:
        """The user says two entities are one; kept across re-analysis (entity_overrides)."""
        with self._lock, Database(self.settings.db_path) as db:
            try:
                EntityStore(db).merge(request.keeper, request.other, request.note)
            except InvalidEntityChange as exc:
                raise Refused(400, str(exc)) from None
            except CrosswireError as exc:
                raise Refused(404, str(exc)) from None
        return EntityChange(entity_id=request.keeper, url=entity_url(request.keeper))

    def split_entity(self, request: SplitRequest) -> EntityChange:
        """The user says part of an entity (names or articles) is someone else."""
        with self._lock, Database(self.settings.db_path) as db:
            if EntityStore(db).entity(request.entity) is None:
                raise Refused(404, f"no entity {request.entity}")
            try:
                new_id = EntityStore(db).split(
                    request.entity, names=request.names, articles=request.articles, note=request.note
                )
            except CrosswireError as exc:
                raise Refused(422, str(exc)) from None
        return EntityChange(entity_id=new_id, url=entity_url(new_id))

    def document(self, request: IngestRequest) -> RawDocument:
        if request.url:
            doc = self._fetch(request.url)
        elif request.html:
            doc = RawDocument("api:html", request.html, "html")
        else:
            doc = RawDocument("api:text", request.text or "", "text")
        doc.hints.update(request.hints())
        return doc

    def _fetch(self, url: str) -> RawDocument:
        fetcher = self._fetcher or Fetcher(
            FetchPolicy(
                max_bytes=self.settings.max_input_bytes,
                timeout=self.settings.fetch_timeout,
                allow_private=False,
            )
        )
        try:
            result = fetcher.fetch(url)
        finally:
            if fetcher is not self._fetcher:
                fetcher.close()
        if isinstance(result, IngestProblem):
            # "skipped" is the fetcher's word for content it does not read (an image, a PDF).
            raise Refused(415 if result.skipped else 422, result.reason)
        if result.media_type != "html":
            raise Refused(415, f"{url} is not an HTML page: only HTML articles are fetched through the API")
        return result

    def _model(self) -> Language:
        if self._nlp is None:
            from crosswire.nlp import load_nlp  # a read-only server never loads spaCy

            self._nlp = load_nlp(self.settings.spacy_model)
        return self._nlp


def ingest_document(pipeline: Pipeline, doc: RawDocument) -> IngestReport:
    """Ingest one document that arrived in a request, exactly as ``Pipeline.ingest`` does files."""
    return pipeline.ingest_documents([doc])


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Writes need the server's token; without one configured they are refused outright.

    ``guards.WriteGate`` has checked this already, before reading the body; the dependency
    documents the route's security in the OpenAPI schema and holds if a route is mounted
    elsewhere.
    """
    expected: str | None = request.app.state.token
    challenge = {"WWW-Authenticate": "Bearer"}
    if not expected:
        raise HTTPException(401, NO_TOKEN, challenge)
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, WRONG_TOKEN, challenge)


async def read_ingest_request(request: Request) -> IngestRequest:
    """The JSON body, which ``guards.WriteGate`` has read already within the size limit."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415, "Send the article as JSON with Content-Type: application/json.")
    try:
        return IngestRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise HTTPException(
            422, exc.errors(include_url=False, include_context=False, include_input=False)
        ) from None
