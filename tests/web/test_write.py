"""The optional write side: POST /api/articles behind a token, through the real pipeline.

URL ingest is tested against a local server, which the private-network guard must refuse
without sending it a single request, and against httpx.MockTransport with a fake public
address for what a public server may answer (HTML, a PDF, a feed, a huge page).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from spacy.language import Language
from webdata import TestClient

from crosswire.config import Settings
from crosswire.ingest.fetch import Fetcher, FetchPolicy
from crosswire.store import Database
from crosswire.web import create_app
from crosswire.web.write import IngestRequest, Writer

pytestmark = pytest.mark.slow

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PUBLIC_IP = "93.184.216.34"  # never contacted: the mock transport answers
MAX_BYTES = 20_000
ARTICLE = (
    "Harbour ferry resumes after storm\n\nThe harbour ferry between Port Adley and Hollis Bay resumed"
    " on Tuesday after three days of storms, the operator said. Captain Lena Ortiz said the crossing"
    " was calm.\n\nTickets bought for the cancelled sailings will be honoured until Friday."
)
PAGE = (
    "<html><head><title>Grain harbour reopens | The Tirrell Courier</title></head><body><article>"
    "<h1>Grain harbour reopens</h1><p>The grain harbour in Tirrell reopened on Monday after repairs to"
    " the north quay, the port authority said.</p><p>Harbour master Ines Dobrev said ships had queued"
    " offshore for nine days while divers inspected the quay wall.</p></article></body></html>"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "write.db", max_input_bytes=MAX_BYTES)


@pytest.fixture
def make_client(settings: Settings, nlp: Language) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(token: str | None = TOKEN, fetcher: Fetcher | None = None) -> TestClient:
        client = TestClient(create_app(settings, token=token, nlp=nlp, fetcher=fetcher))
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def mock_fetcher(content_type: str, body: bytes, **headers: str) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": content_type, **headers}, content=body)

    return Fetcher(
        FetchPolicy(max_bytes=MAX_BYTES), httpx.MockTransport(handler), lambda host, port: [PUBLIC_IP]
    )


# -- the token -----------------------------------------------------------------------------------


def test_writes_are_off_without_a_configured_token(make_client: Callable[..., TestClient]) -> None:
    client = make_client(token=None)
    response = client.post("/api/articles", json={"text": ARTICLE}, headers=AUTH)
    assert response.status_code == 401 and "disabled" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_a_missing_or_wrong_token_is_401(
    make_client: Callable[..., TestClient], headers: dict[str, str]
) -> None:
    response = make_client().post("/api/articles", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


# -- adding articles -------------------------------------------------------------------------------


def test_text_is_added_once(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    body = {"text": ARTICLE, "outlet": "The Tirrell Courier", "byline": "Ana Sol", "published": "2025-06-03"}
    added = client.post("/api/articles", json=body, headers=AUTH)
    assert added.status_code == 201, added.text
    result = added.json()
    assert result["status"] == "added" and result["title"] == "Harbour ferry resumes after storm"
    page = client.get(result["url"] + ".json").json()["article"]
    assert (page["outlet"], page["byline"], page["published"]) == (
        "The Tirrell Courier",
        "Ana Sol",
        "2025-06-03",
    )
    assert any(m["text"] == "Lena Ortiz" for m in page["mentions"])  # analysed by the pipeline
    again = client.post("/api/articles", json={"text": ARTICLE}, headers=AUTH)
    assert again.status_code == 200 and again.json() == {**result, "status": "already stored"}


def test_html_is_cleaned_like_a_file(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    added = client.post("/api/articles", json={"html": PAGE}, headers=AUTH)
    assert added.status_code == 201, added.text
    article = client.get(added.json()["url"] + ".json").json()["article"]
    assert article["title"] == "Grain harbour reopens" and "<p>" not in article["text"]
    assert client.get(added.json()["url"] + "/raw").text == PAGE


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "words", "url": "https://news.example/a"},
        {"text": "words", "colour": "red"},
        {"text": 42},
        {"title": "no body"},
    ],
)
def test_bad_bodies_are_422(make_client: Callable[..., TestClient], body: dict[str, object]) -> None:
    assert make_client().post("/api/articles", json=body, headers=AUTH).status_code == 422


def test_json_only(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    not_json = client.post(
        "/api/articles", content=b"{nope", headers={**AUTH, "content-type": "application/json"}
    )
    assert not_json.status_code == 422
    form = client.post("/api/articles", data={"text": ARTICLE}, headers=AUTH)
    assert form.status_code == 415


def test_bodies_over_the_limit_are_413(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    big = {"text": "word " * (MAX_BYTES // 4)}
    assert client.post("/api/articles", json=big, headers=AUTH).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as the body streams
        yield b'{"text": "'
        for _ in range(100):
            yield b"word " * 100
        yield b'"}'

    streamed = client.post(
        "/api/articles", content=chunks(), headers={**AUTH, "content-type": "application/json"}
    )
    assert streamed.status_code == 413


def test_one_writer_at_a_time(settings: Settings, nlp: Language) -> None:
    create_app(settings)  # creates the store
    writer = Writer(settings, nlp=nlp)
    texts = [ARTICLE.replace("three days", f"{n} days") for n in ("two", "four", "five", "six")]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda t: writer.ingest(IngestRequest(text=t)), texts))
    assert [r.status for r in results] == ["added"] * 4 and len({r.id for r in results}) == 4


# -- URLs ------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", _Handler.hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://{local}/story.html",
        "http://localhost:{port}/story.html",
        "http://[::1]:{port}/story.html",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/story.html",
        "http://0x7f000001:{port}/story.html",
        "file:///etc/passwd",
        "gopher://{local}/",
    ],
)
def test_private_urls_are_refused_unfetched(
    make_client: Callable[..., TestClient], local_server: tuple[str, list[str]], url: str
) -> None:
    local, hits = local_server
    target = url.format(local=local, port=local.rsplit(":", 1)[1])
    response = make_client().post("/api/articles", json={"url": target}, headers=AUTH)
    assert response.status_code == 422, response.text
    assert hits == []  # refused before any request reached the server
    assert "refused" in response.json()["detail"] or "scheme" in response.json()["detail"]


def test_the_local_server_does_answer(local_server: tuple[str, list[str]]) -> None:
    local, hits = local_server  # so the refusals above are the guard's doing, not a dead server
    assert httpx.get(f"http://{local}/story.html").status_code == 200 and hits == ["/story.html"]


def test_a_public_html_page_is_added(make_client: Callable[..., TestClient]) -> None:
    client = make_client(fetcher=mock_fetcher("text/html; charset=utf-8", PAGE.encode()))
    added = client.post("/api/articles", json={"url": "https://courier.example/grain"}, headers=AUTH)
    assert added.status_code == 201, added.text
    article = client.get(added.json()["url"] + ".json").json()["article"]
    assert article["url"] == "https://courier.example/grain" and article["source"] == article["url"]


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/pdf", b"%PDF-1.7 ...", 415),
        ("text/plain; charset=utf-8", ARTICLE.encode(), 415),
        ("application/rss+xml", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', 415),
        ("image/png", b"\x89PNG\r\n", 415),
        ("text/html", b"<html>" + b"x" * (MAX_BYTES + 1), 422),
    ],
)
def test_non_html_and_huge_pages_are_refused(
    make_client: Callable[..., TestClient], content_type: str, body: bytes, status: int
) -> None:
    client = make_client(fetcher=mock_fetcher(content_type, body))
    response = client.post("/api/articles", json={"url": "https://courier.example/x"}, headers=AUTH)
    assert response.status_code == status, response.text
    assert client.get("/articles.json").json()["articles"] == []


# -- entity merge and split ----------------------------------------------------------------------


def _two_people(client: TestClient, settings: Settings) -> tuple[str, str]:
    for text in (
        "Harbour pilots strike\n\nIlse Marchetti, a structural engineer at Adley Polytechnic, said the pier "
        "was unsafe and that repairs could not wait. Marchetti said the city had known for years.\n",
        "Ferry fares rise\n\nRaymond Teague, the fire chief, said on Monday that crews had rescued two "
        "people from the water. Teague said the ferry service would resume next week.\n",
    ):
        assert client.post("/api/articles", json={"text": text}, headers=AUTH).status_code == 201
    with Database(settings.db_path) as db:
        ids = {r["name"]: r["id"] for r in db.query("SELECT id, name FROM entities WHERE label = 'PERSON'")}
    return ids["Ilse Marchetti"], ids["Raymond Teague"]


def test_entity_merge_and_split_need_the_token_and_persist(
    make_client: Callable[..., TestClient], settings: Settings
) -> None:
    client = make_client()
    marchetti, teague = _two_people(client, settings)
    body = {"keeper": marchetti, "other": teague, "note": "test"}
    assert client.post("/api/entities/merge", json=body).status_code == 401
    merged = client.post("/api/entities/merge", json=body, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert merged.json()["entity_id"] == marchetti
    split = client.post(
        "/api/entities/split", json={"entity": marchetti, "names": ["Raymond Teague"]}, headers=AUTH
    )
    assert split.status_code == 200, split.text
    new_id = split.json()["entity_id"]
    with Database(settings.db_path) as db:
        kinds = [r[0] for r in db.query("SELECT kind FROM entity_overrides ORDER BY id")]
        owner = db.scalar("SELECT entity_id FROM entity_aliases WHERE alias = 'Raymond Teague'")
    assert kinds[-1] == "apart" and owner == new_id


def test_an_entity_merged_into_itself_is_400_and_kept(
    make_client: Callable[..., TestClient], settings: Settings
) -> None:
    client = make_client()
    marchetti, _ = _two_people(client, settings)
    body = {"keeper": marchetti, "other": marchetti}
    refused = client.post("/api/entities/merge", json=body, headers=AUTH)
    assert refused.status_code == 400 and "itself" in refused.json()["detail"]
    page = client.get(f"/entities/{marchetti}.json").json()
    assert page["resolved"] is True and page["entity_id"] == marchetti  # nothing stored was lost


def test_entity_changes_on_unknown_entities_are_404(make_client: Callable[..., TestClient]) -> None:
    client = make_client()
    missing = client.post("/api/entities/merge", json={"keeper": "Enope", "other": "Enada"}, headers=AUTH)
    assert missing.status_code == 404
    assert (
        client.post("/api/entities/split", json={"entity": "Enope", "names": ["x"]}, headers=AUTH).status_code
        == 404
    )
    assert client.post("/api/entities/merge", json={"keeper": "a"}, headers=AUTH).status_code == 422
