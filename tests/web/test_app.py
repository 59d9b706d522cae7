"""The web app in-process (TestClient), over a store filled by the real pipeline.

Every page and its .json twin, the stories fallback on a store without stories, escaping of
hostile article data, security headers, limits and errors, stores the server cannot read,
and the export API.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from webdata import (
    PAYLOAD_BYLINE,
    PAYLOAD_OUTLET,
    PAYLOAD_QUOTE,
    PAYLOAD_SPEAKER,
    PAYLOAD_TITLE,
    PWN,
    TestClient,
)

from crosswire.config import Settings
from crosswire.export import article_record
from crosswire.store import ArticleStore, Database, readonly
from crosswire.store.migrations import MIGRATIONS
from crosswire.store.queries import search as fts
from crosswire.store.readonly import ReadOnlyDatabase
from crosswire.web import app as web_app
from crosswire.web import create_app
from crosswire.web.models import ArticleSummary
from crosswire.web.routes import api, articles, entities, search
from crosswire.web.routes import stories as story_routes

pytestmark = pytest.mark.slow

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

# A speaker no entity was resolved for. (It was "Velmar's foreign minister" until #23: the
# appositive name is now the speaker, "Velmar's foreign minister, Tomás Erevan, said".)
UNLINKED_SPEAKER = "The Carrow Transportation Safety Board"


def page_paths(ids: dict[str, str]) -> list[str]:
    """One URL per page, each also fetched as its .json twin."""
    return [
        "/stories",
        "/articles",
        "/articles?outlet=The%20Harbor%20Ledger&limit=2",
        f"/articles/{ids['bridge']}",
        f"/articles/{ids['payload']}",
        "/entities/Dana%20Okafor",
        "/entities/Mallory%20Quint",
        "/entities/" + quote(UNLINKED_SPEAKER, safe=""),
        "/search?q=bridge",
        "/search?q=budget&speaker=Quint",
        "/search?outlet=Northgate%20Daily%20Times&from=2025-03-01&to=2025-03-31",
    ]


def json_twin(path: str) -> str:
    route, _, query = path.partition("?")
    return f"{route}.json" + (f"?{query}" if query else "")


# -- every page and its twin -------------------------------------------------------------------


def test_every_page_renders_and_has_a_json_twin(client: TestClient, ids: dict[str, str]) -> None:
    for path in page_paths(ids):
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:500])
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert f'href="{json_twin(path).replace("&", "&amp;")}"' in page.text  # the page links its twin
        twin = client.get(json_twin(path))
        assert twin.status_code == 200, (path, twin.text[:500])
        assert twin.headers["content-type"] == "application/json"


def test_front_page_is_the_stories_page(client: TestClient) -> None:
    assert client.get("/").text == client.get("/stories").text


def test_stories_fallback_on_a_store_without_stories(empty_client: TestClient) -> None:
    data = empty_client.get("/stories.json").json()
    assert data["stories_available"] is False and data["stories"] == [] and data["days"] == []
    assert "not available yet" in data["note"] and data["article_count"] == 0
    assert "Story grouping is not available yet" in empty_client.get("/stories").text
    assert empty_client.get("/stories/anything.json").status_code == 404


def _summary(aid: str, outlet: str | None, published: str | None) -> ArticleSummary:
    return ArticleSummary(id=aid, url=f"/articles/{aid}", outlet=outlet, published=published)


def test_the_fallback_groups_articles_by_day_and_outlet() -> None:
    listed = [
        _summary("c", "Times", "2025-03-05T10:00"),
        _summary("b", "Ledger", "2025-03-04T09:00"),
        _summary("a", None, None),
        _summary("d", "Courier", "2025-03-04T08:00"),
    ]
    days = story_routes.by_day_and_outlet(listed)
    assert [d.day for d in days] == ["2025-03-05", "2025-03-04", "undated"]
    assert [g.outlet for g in days[1].outlets] == ["Courier", "Ledger"]
    assert days[2].outlets[0].outlet == "(unknown outlet)"


def test_stories_newest_first(client: TestClient, stories: dict[str, str]) -> None:
    data = client.get("/stories.json").json()
    assert data["stories_available"] is True and data["days"] == []
    # by their newest article: the payload (May), the water talks (April), the bridge (March)
    assert [s["id"] for s in data["stories"]] == [stories["payload"], stories["water"], stories["bridge"]]
    bridge = data["stories"][2]
    assert bridge["articles"] == 4 and len(bridge["outlets"]) == 3  # HL-A1, NG-A1, MW-A1, MW-A2
    assert bridge["first_published"].startswith("2025-03")
    assert bridge["title"] in client.get("/").text


def test_story_page(client: TestClient, stories: dict[str, str]) -> None:
    bridge = stories["bridge"]
    data = client.get(f"/stories/{bridge}.json").json()
    assert "bridge" in data["title"] and len(data["articles"]) == 4
    assert sum(c["articles"] for c in data["coverage"]) == 4
    assert data["quote_variants"] is None and data["disagreements"] is None
    speakers = {s["speaker"]: s for s in data["who_said_what"]}
    assert "Mayor" in speakers["Dana Okafor"]["roles"]
    # the collapse's day (its clock times), last month, next week
    values = {t["value"] for t in data["timeline"]}
    assert values >= {"2025-02", "2025-W11"} and any(v.startswith("2025-03-03") for v in values)
    assert all(t["sentence"] and t["text"] in t["sentence"] for t in data["timeline"])
    html = client.get(f"/stories/{bridge}").text
    # the timeline in words ("next week"), its TIMEX3 value kept in the title and the JSON
    assert '<td title="TIMEX3 2025-W11">week 11 of 2025</td>' in html and ">2025-W11<" not in html
    assert (
        "Not computed yet. Run" in html
        and f"crosswire brief {bridge}" in html
        and "<svg" in html
        and "Who said what" in html
    )


def test_unknown_stories_are_404(client: TestClient, stories: dict[str, str]) -> None:
    assert client.get("/stories/no-such-story").status_code == 404
    assert client.get(f"/stories/{stories['bridge'][:6]}.json").status_code == 404  # pages take whole ids


def test_article_page_marks_quotes_names_and_dates(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/articles/{ids['bridge']}").text
    assert 'class="q q-direct spk-' in html and "direct quote — Dana Okafor, Mayor" in html
    assert 'class="m m-person" title="PERSON: Raymond Teague"' in html
    assert 'title="TIME: 2025-03-03T16:47-05:00"' in html and 'title="DATE: 1961"' in html
    assert f'href="/articles/{ids["bridge"]}/raw"' in html
    assert 'href="/entities/Dana%20Okafor"' in html
    data = client.get(f"/articles/{ids['bridge']}.json").json()
    assert data["article"]["id"] == ids["bridge"] and data["raw_url"].endswith("/raw")
    assert {s["name"] for s in data["speakers"]} >= {"Dana Okafor", "Raymond Teague"}


def test_article_json_is_the_export_record(client: TestClient, web_store: Path, ids: dict[str, str]) -> None:
    with Database(web_store) as db:
        expected = article_record(ArticleStore(db).get(ids["okafor"]))  # type: ignore[arg-type]
    # ... but for the source, which the web shows by file name only (test_source_is_a_file_name)
    expected["source"] = Path(expected["source"]).name
    assert client.get(f"/articles/{ids['okafor']}.json").json()["article"] == expected


def test_source_is_a_file_name_never_a_path_of_the_ingesting_machine(
    client: TestClient, web_store: Path, ids: dict[str, str]
) -> None:
    with sqlite3.connect(web_store) as conn:
        [(source,)] = conn.execute("SELECT source FROM articles WHERE id = ?", (ids["bridge"],)).fetchall()
    folder, name = str(Path(source).parent), Path(source).name
    assert Path(folder).is_absolute()  # what the store holds: the path ingest was given
    html = client.get(f"/articles/{ids['bridge']}").text
    assert f'<dt>Source</dt><dd class="wrap">{name}</dd>' in html and folder not in html
    data = client.get(f"/articles/{ids['bridge']}.json").json()
    assert data["article"]["source"] == name and data["sources"] == [name]
    assert folder not in client.get("/api/export?limit=100").text


def test_every_page_answers_head(client: TestClient, ids: dict[str, str]) -> None:
    paths = [*page_paths(ids), *map(json_twin, page_paths(ids))]
    paths += [f"/articles/{ids['bridge']}/raw", "/api/export?limit=2", "/static/crosswire.css"]
    for path in paths:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"], path
    assert client.head("/no/such/page").status_code == 404


def test_raw_original_is_plain_text(client: TestClient, ids: dict[str, str]) -> None:
    raw = client.get(f"/articles/{ids['payload']}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "text/plain; charset=utf-8"
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in raw.headers.get_list("content-security-policy")
    assert f"<script>{PWN}" in raw.text  # the input exactly as read: it is text, not HTML


@pytest.mark.parametrize(
    "path", ["/articles/0000000000000000", "/articles/nope/raw", "/entities/Nobody%20Atall"]
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "Not found" in page.text
    if not path.endswith("/raw"):
        twin = client.get(json_twin(path))
        assert twin.status_code == 404 and "detail" in twin.json()


def test_unknown_path_is_an_html_404(client: TestClient) -> None:
    assert client.get("/no/such/page").status_code == 404


# -- entities ----------------------------------------------------------------------------------


def test_a_name_resolution_never_linked_is_matched_as_written(client: TestClient) -> None:
    data = client.get("/entities/" + quote(UNLINKED_SPEAKER, safe="") + ".json").json()
    assert data["resolved"] is False and data["entity_id"] is None and data["aliases"] == []
    assert data["quotes"] and {q["speaker"] for q in data["quotes"]} == {UNLINKED_SPEAKER}
    assert data["window_full"] is False
    assert "matched by name" in client.get("/entities/" + quote(UNLINKED_SPEAKER, safe="")).text


def test_entity_page_follows_resolution(client: TestClient, okafor_id: str, ids: dict[str, str]) -> None:
    by_id = client.get(f"/entities/{okafor_id}.json").json()
    by_name = client.get("/entities/Dana%20Okafor.json").json()
    assert by_id == by_name
    assert by_id["resolved"] is True and by_id["entity_id"] == okafor_id and "PERSON" in by_id["labels"]
    assert "Dana Okafor" in {a["text"] for a in by_id["aliases"]}
    assert ("The Harbor Ledger", "Mayor") in {(r["outlet"], r["role"]) for r in by_id["roles_by_outlet"]}
    html = client.get(f"/entities/{okafor_id}").text
    assert "Roles by outlet" in html and "<svg" in html
    assert {ids["bridge"], ids["okafor"]} <= {a["article_id"] for a in by_id["appearances"]}
    assert by_id["quotes"] and {q["speaker"] for q in by_id["quotes"]} == {"Dana Okafor"}


def test_article_links_names_to_their_entities(
    client: TestClient, okafor_id: str, ids: dict[str, str]
) -> None:
    chips = client.get(f"/articles/{ids['okafor']}.json").json()["entities"]
    assert {"name": "Dana Okafor", "url": f"/entities/{okafor_id}"}.items() <= next(
        c for c in chips if c["name"] == "Dana Okafor"
    ).items()


def test_entity_names_with_slashes_and_dots(client: TestClient) -> None:
    assert client.get("/entities/" + quote("A/B Corp.", safe="")).status_code == 404
    assert client.get("/entities/" + quote("A/B Corp.", safe="") + ".json").status_code == 404


# -- search ------------------------------------------------------------------------------------


def test_search_articles_with_snippets_and_filters(client: TestClient) -> None:
    data = client.get("/search.json?q=bridge").json()
    assert len(data["articles"]) >= 4
    assert all(any(p["match"] for p in a["snippet"]) for a in data["articles"])
    northgate = client.get("/search.json?q=bridge&outlet=Northgate%20Daily%20Times").json()
    assert {a["outlet"] for a in northgate["articles"]} == {"Northgate Daily Times"}
    march = client.get("/search.json?q=Ostrania&from=2025-04-15&to=2025-04-15").json()
    assert march["articles"] and all(a["published"].startswith("2025-04-15") for a in march["articles"])
    assert "<mark>bridge</mark>" in client.get("/search?q=bridge").text.lower()


def test_search_quotes_by_words_and_speaker(client: TestClient) -> None:
    words = client.get("/search.json?q=find%20out%20why").json()
    assert words["quotes"] and {q["speaker"] for q in words["quotes"]} == {"Dana Okafor"}
    speaker = client.get("/search.json?speaker=Teague").json()
    assert speaker["articles"] == [] and speaker["quotes"]
    assert {q["speaker"] for q in speaker["quotes"]} == {"Raymond Teague"}
    literal = client.get("/search.json?q=100%25").json()  # % is a character, not a wildcard
    assert literal["quotes"] == []


@pytest.mark.parametrize("query", ['"bridge', "title:", "NEAR(", "a" * 400, "'; DROP TABLE articles; --"])
def test_search_survives_odd_queries(client: TestClient, query: str) -> None:
    assert client.get("/search.json", params={"q": query}).status_code == 200


def test_search_empty_form_fields_are_no_filter(client: TestClient) -> None:
    data = client.get("/search.json?q=bridge&outlet=&from=&to=&speaker=").json()
    assert data["articles"] and data["outlet"] is None and data["from"] is None


# -- limits and errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["limit=101", "limit=0", "limit=-1", "offset=-1", "offset=100001", "limit=abc"]
)
@pytest.mark.parametrize("path", ["/articles", "/stories", "/search", "/entities/Okafor"])
def test_limits_are_enforced(client: TestClient, path: str, query: str) -> None:
    assert client.get(f"{path}.json?{query}").status_code == 422
    page = client.get(f"{path}?{query}")
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]


def test_bad_dates_are_422(client: TestClient) -> None:
    assert client.get("/search.json?from=yesterday").status_code == 422
    assert client.get("/search.json?to=2025-02-30").status_code == 422


def test_pagination_walks_the_list(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/articles.json?limit=4"
    while url:
        data = client.get(url).json()
        assert len(data["articles"]) <= 4
        seen += [a["id"] for a in data["articles"]]
        url = data["pagination"]["next"] and data["pagination"]["next"].replace(
            "/articles?", "/articles.json?"
        )
    assert len(seen) == len(set(seen)) == 9
    published = [a["published"] for a in client.get("/articles.json?limit=100").json()["articles"]]
    assert published == sorted(published, reverse=True)


def test_slow_queries_are_interrupted(web_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readonly, "PROGRESS_STEPS", 1)  # the demo store is too small to be slow
    with TestClient(create_app(Settings(db_path=web_store))) as c:
        monkeypatch.setattr(readonly, "QUERY_DEADLINE", -1.0)
        page = c.get("/articles")
        assert page.status_code == 503 and "too much of the store" in page.text
        assert c.get("/articles.json").status_code == 503


def test_reads_go_through_a_read_only_connection(web_store: Path) -> None:
    db = ReadOnlyDatabase(web_store)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM articles")
    assert db.scalar("SELECT count(*) FROM articles") == 9
    db.close()


# -- stores the server cannot read ---------------------------------------------------------------


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"these are not the bytes of a database " * 200)


def _another_apps_database(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()


def _newer_schema(path: Path) -> None:
    Database(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")


def _damaged(path: Path) -> None:
    Database(path).close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page but the first: tables unreadable
    path.write_bytes(bytes(data))


def _in_a_missing_folder(path: Path) -> None:
    pass  # the path is moved below into a folder that does not exist


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_not_sqlite, "not a readable SQLite file"),
        (_another_apps_database, "is not a crosswire store"),
        (_newer_schema, "newer than this crosswire"),
        (_damaged, "malformed"),
        (_in_a_missing_folder, "no store at"),
    ],
)
def test_a_store_the_server_cannot_read_is_a_clear_503(
    tmp_path: Path, make: Callable[[Path], None], reason: str
) -> None:
    path = tmp_path / "store.db"
    make(path)
    if make is _in_a_missing_folder:
        path = tmp_path / "no-such-folder" / "store.db"
    before = path.read_bytes() if path.exists() else None
    with TestClient(create_app(Settings(db_path=path))) as c:
        for page in ("/", "/articles", "/search?q=bridge"):
            html = c.get(page)
            assert html.status_code == 503 and "text/html" in html.headers["content-type"]
            assert "cannot read its store" in html.text and reason in html.text
        twin = c.get("/articles.json")
        assert twin.status_code == 503 and reason in twin.json()["detail"]
    if before is not None and make is not _damaged:
        assert path.read_bytes() == before  # never migrated, never written


# -- export API -------------------------------------------------------------------------------


def test_export_pages_are_export_records(client: TestClient, web_store: Path) -> None:
    first = client.get("/api/export?limit=5").json()
    assert first["total"] == 9 and len(first["articles"]) == 5 and first["next"]
    rest = client.get(first["next"]).json()
    assert len(rest["articles"]) == 4 and rest["next"] is None
    records = first["articles"] + rest["articles"]
    with Database(web_store) as db:
        store = ArticleStore(db)
        exported = [article_record(store.get(r["id"])) for r in records]  # type: ignore[arg-type]
    # the export records, each source shown by file name (test_source_is_a_file_name...)
    assert records == [{**e, "source": Path(e["source"]).name} for e in exported]
    assert client.get("/api/export?limit=101").status_code == 422


def test_openapi_lists_every_route(web_store: Path) -> None:
    schema = TestClient(create_app(Settings(db_path=web_store))).get("/openapi.json").json()
    routers = (story_routes.router, articles.router, entities.router, search.router, api.router)
    routes = [r for router in routers for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 16
    for route in routes:
        path = route.path.replace(":path}", "}")
        assert path in schema["paths"], path
        assert set(m.lower() for m in route.methods or ()) <= set(schema["paths"][path]), path
    export = schema["paths"]["/api/export"]["get"]["responses"]["200"]["content"]["application/json"]
    assert export["schema"]["$ref"].endswith("/ExportPage")
    assert "requestBody" in schema["paths"]["/api/articles"]["post"]


# -- hostile article data -----------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


# Every tag the templates write; anything else in a page came from article data.
OUR_TAGS = frozenset(
    {
        *("html", "head", "meta", "title", "link", "body", "header", "nav", "main", "footer", "article"),
        *("aside", "section", "div", "h1", "h2", "h3", "p", "span", "a", "ul", "ol", "li", "dl", "dt"),
        *("dd", "table", "thead", "tbody", "tr", "th", "td", "time", "code", "blockquote", "mark"),
        *("form", "input", "button", "select", "option", "label", "figure", "figcaption"),
        *("details", "summary", "svg", "line", "text", "circle", "rect", "del", "ins", "strong", "q"),
    }
)


def assert_inert(html: str) -> None:
    """No element the templates did not write, no event handler, no script, no inline style."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in OUR_TAGS, f"unexpected <{tag}> {attrs}"
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", (tag, name, value)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text")), (
                    tag,
                    value,
                )


def test_hostile_article_data_is_escaped_everywhere(client: TestClient, ids: dict[str, str]) -> None:
    pages = [*page_paths(ids), "/search?q=" + quote(PWN), f"/search?speaker={quote('Mallory <i')}"]
    for path in pages:
        html = client.get(path).text
        assert_inert(html)
        assert PWN not in html.replace("&#39;", "'") or "&lt;" in html  # payloads only as text
    article = client.get(f"/articles/{ids['payload']}").text
    for raw in (PAYLOAD_TITLE, PAYLOAD_OUTLET, PAYLOAD_BYLINE, PAYLOAD_QUOTE):
        assert raw not in article
    assert "&lt;script&gt;window.__pwned=1;document.title=&#39;pwned&#39;&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;Payload Post" in article
    assert "&lt;iframe src=javascript:window.__pwned=1&gt;" in article
    assert 'href="javascript:' not in article  # the javascript: URL is shown, never linked
    unknown = client.get("/entities/" + quote(PAYLOAD_SPEAKER, safe="")).text  # named in the 404
    assert "Mallory &lt;i onmouseover=window.__pwned=1&gt;Quint&lt;/i&gt;" in unknown


def test_no_inline_script_or_style_in_any_page(client: TestClient, stories: dict[str, str]) -> None:
    pages = ["/", "/articles", "/search?q=water", "/nowhere", "/entities/Dana%20Okafor"]
    pages += [f"/stories/{story_id}" for story_id in stories.values()]
    for path in pages:
        html = client.get(path).text
        assert "<script" not in html and "style=" not in html
        assert_inert(html)


def test_security_headers_on_every_response(client: TestClient, ids: dict[str, str]) -> None:
    responses = [
        client.get("/"),
        client.get("/stories.json"),
        client.get(f"/articles/{ids['bridge']}/raw"),
        client.get("/static/crosswire.css"),
        client.get("/openapi.json"),
        client.get("/no/such/page"),
        client.get("/articles.json?limit=1000"),
        client.post("/api/articles", json={"text": "x"}),
    ]
    for response in responses:
        assert CSP in response.headers.get_list("content-security-policy"), response.url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_no_docs_page_that_would_load_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_serve_reads_the_token_from_the_environment(monkeypatch: pytest.MonkeyPatch, web_store: Path) -> None:
    seen: dict[str, object] = {}
    monkeypatch.setenv("CROSSWIRE_TOKEN", "s3cret")
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(app=app, **kw))
    web_app.serve(Settings(db_path=web_store), "127.0.0.1", 8123)
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.token == "s3cret"  # type: ignore[attr-defined]


def test_too_many_matches_are_listed_newest_first(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranked = client.get("/search.json?q=bridge").json()
    assert ranked["ranked"] is True and ranked["article_matches"] == len(ranked["articles"])
    monkeypatch.setattr(fts, "RANK_LIMIT", 2)  # as if "bridge" matched half the store
    newest = client.get("/search.json?q=bridge").json()
    assert newest["ranked"] is False and newest["article_matches"] == ranked["article_matches"]
    assert {a["id"] for a in newest["articles"]} == {a["id"] for a in ranked["articles"]}
    assert "too many to rank: newest first" in client.get("/search?q=bridge").text


def test_the_article_page_names_the_event_each_date_dates(client: TestClient, ids: dict[str, str]) -> None:
    data = client.get(f"/articles/{ids['okafor']}.json").json()["article"]
    events = [data["text"][t["event"]["start"]:t["event"]["end"]] for t in data["times"] if t["event"]]
    assert events, "no time attached to an event"
    html = client.get(f"/articles/{ids['okafor']}").text
    assert "<th>Dates</th>" in html and f"<td>{events[0]}</td>" in html
