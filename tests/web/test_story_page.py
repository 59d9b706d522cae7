"""The story page's comparison: quote variants with their word diff, disagreements by kind,
facts only one outlet reports — read from the cached record, never computed by the web.

``lit_store`` (conftest) holds the water talks compared as ``crosswire brief`` leaves them and
the bridge story uncomputed; ``hostile_store`` adds a story whose cached record carries
script-injection payloads in every text field, and makes the water talks' record stale.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_app import assert_inert
from webdata import PAYLOAD_OUTLET, PAYLOAD_QUOTE, PAYLOAD_SPEAKER, PWN, TestClient

from crosswire.config import Settings
from crosswire.stories.record import RECORD_VERSION
from crosswire.web import create_app

XSS_WORDS = f"<script>{PWN}</script> we will"
XSS_CLAIM = f'<img src=x onerror="{PWN}"> claim'


def _side(article_id: str, text: str, start: int = 10) -> dict[str, object]:
    return {
        "article_id": article_id,
        "outlet": PAYLOAD_OUTLET,
        "text": text,
        "start": start,
        "end": start + len(text),
        "role": f"<b onmouseover={PWN}>treasurer</b>",
    }


def _hostile_record(story_id: str, article_id: str) -> dict[str, object]:
    span = {"article_id": article_id, "outlet": PAYLOAD_OUTLET, "start": 3, "end": 9, "text": XSS_WORDS}
    claim = {**span, "text": XSS_CLAIM}
    return {
        "version": RECORD_VERSION,
        "id": story_id,
        "quote_variants": [
            {
                "speaker": PAYLOAD_SPEAKER,
                "kind": "paraphrased",
                "similarity": 0.8,
                "a": _side(article_id, PAYLOAD_QUOTE),
                "b": _side(article_id, f"{XSS_WORDS} not fund it", 200),
                "diff": [
                    ["replace", f"<img src=x onerror={PWN}>", f"<script>{PWN}</script>"],
                    ["insert", "", "<i>we</i>"],
                    ["equal", "we will not fund it", "we will not fund it"],
                    ["delete", "<svg onload=x>", ""],
                ],
            }
        ],
        "disagreements": [
            {
                "kind": "number",
                "a": span,
                "b": {**span, "outlet": "Other <b>Outlet</b>"},
                "missing_from": [],
                "claim_a": claim,
                "claim_b": None,
            },
            {
                "kind": "omission",
                "a": span,
                "b": None,
                "missing_from": [f"<i>{PWN}</i> Times"],
                "claim_a": claim,
                "claim_b": None,
            },
            {
                "kind": "<script>weird</script>",
                "a": span,
                "b": None,
                "missing_from": [],
                "claim_a": None,
                "claim_b": None,
            },
        ],
        "coverage": {
            "outlets": [PAYLOAD_OUTLET, "Other"],
            "facts": [
                {"outlets": [PAYLOAD_OUTLET], "claims": [claim]},
                {"outlets": [PAYLOAD_OUTLET, "Other"]},
            ],
            "unique": [0],
        },
    }


@pytest.fixture(scope="module")
def hostile_store(lit_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with sqlite3.connect(lit_store) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
        payload_id = copy.execute("SELECT id FROM articles WHERE source LIKE '%payload.jsonl:1'").fetchone()[
            0
        ]
        copy.execute(
            "INSERT INTO stories (id, title, article_count) VALUES ('s-payload', 'Harbour budget', 1)"
        )
        copy.execute(
            "INSERT INTO story_articles (story_id, article_id, score) VALUES ('s-payload', ?, 1.0)",
            (payload_id,),
        )
        record = json.dumps(_hostile_record("s-payload", payload_id))
        copy.execute(
            "INSERT INTO story_comparisons (story_id, article_count, record) VALUES ('s-payload', 1, ?)",
            (record,),
        )
        # The water talks gained an article since they were compared: their record is stale.
        copy.execute("UPDATE stories SET article_count = article_count + 1 WHERE id = 's-water'")
    return path


@pytest.fixture(scope="module")
def hostile_client(hostile_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=hostile_store))) as c:
        yield c


def test_computed_story_shows_variants_and_disagreements(lit_client: TestClient) -> None:
    data = lit_client.get("/stories/s-water.json").json()
    assert data["not_computed"] is None
    variants, disagreements = data["quote_variants"], data["disagreements"]
    assert variants and disagreements and data["only_one_outlet"]
    for v in variants:
        assert v["kind"] in ("verbatim", "truncated", "paraphrased") and 0 <= v["similarity"] <= 1
        assert v["a"]["outlet"] != v["b"]["outlet"] or v["a"]["article_id"] != v["b"]["article_id"]
        assert v["a"]["article_url"] == f"/articles/{v['a']['article_id']}"
        assert " ".join(d["a"] for d in v["diff"] if d["a"]) == " ".join(v["a"]["text"].split())
        assert " ".join(d["b"] for d in v["diff"] if d["b"]) == " ".join(v["b"]["text"].split())
    assert {d["kind"] for d in disagreements} <= {"number", "date", "place", "spelling", "omission"}
    assert any(d["b"] is None and d["missing_from"] for d in disagreements)  # an omission
    assert all(len({c["outlet"] for c in f["claims"]}) == 1 for f in data["only_one_outlet"])

    html = lit_client.get("/stories/s-water").text
    assert "Not computed yet" not in html
    assert html.count('class="variant"') == len(variants)
    assert 'class="diff-del"' in html and 'class="diff-ins"' in html
    first = variants[0]
    assert f'href="/articles/{first["a"]["article_id"]}"' in html and f"{first['a']['start']}–" in html
    changed = next(d for v in variants for d in v["diff"] if d["op"] in ("delete", "replace"))
    assert f'<del class="diff-del">{changed["a"]}</del>' in html
    for kind, heading in [("date", "Dates"), ("omission", "Left out")]:
        if any(d["kind"] == kind for d in disagreements):
            assert f"<h3>{heading} " in html and f"disagreement-{kind}" in html
    assert "Only one outlet reports" in html
    assert_inert(html)


def test_uncomputed_story_says_how_to_compute_it(lit_client: TestClient) -> None:
    data = lit_client.get("/stories/s-bridge.json").json()
    assert (
        data["quote_variants"] is None and data["disagreements"] is None and data["only_one_outlet"] is None
    )
    assert data["not_computed"] == "Not computed yet. Run `crosswire brief s-bridge` to compare this story."
    html = lit_client.get("/stories/s-bridge").text
    assert html.count("Not computed yet. Run `crosswire brief s-bridge` to compare this story.") == 2
    assert 'class="variant"' not in html and "Only one outlet reports" not in html


def test_a_stale_record_is_not_shown(hostile_client: TestClient) -> None:
    data = hostile_client.get("/stories/s-water.json").json()
    assert data["quote_variants"] is None and data["not_computed"]


def test_hostile_comparison_text_is_escaped(hostile_client: TestClient) -> None:
    data = hostile_client.get("/stories/s-payload.json").json()
    assert data["quote_variants"][0]["b"]["text"].startswith(XSS_WORDS)  # the data, as stored
    assert [d["kind"] for d in data["disagreements"]][:2] == ["number", "omission"]

    html = hostile_client.get("/stories/s-payload").text
    assert_inert(html)
    for raw in (
        XSS_WORDS,
        XSS_CLAIM,
        PAYLOAD_QUOTE,
        PAYLOAD_SPEAKER,
        PAYLOAD_OUTLET,
        "<i>we</i>",
        "<svg onload",
    ):
        assert raw not in html
    assert '<ins class="diff-ins">&lt;script&gt;window.__pwned=1&lt;/script&gt;</ins>' in html
    assert '<del class="diff-del">&lt;svg onload=x&gt;</del>' in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt; claim" in html
    assert "Mallory &lt;i onmouseover=window.__pwned=1&gt;Quint&lt;/i&gt;" in html
    assert "&lt;i&gt;window.__pwned=1&lt;/i&gt; Times" in html  # an outlet left out
    assert "&lt;script&gt;weird&lt;/script&gt;" in html  # an unknown kind, as its heading
    assert "disagreement-other" in html and "disagreement-&lt;" not in html


def test_openapi_describes_the_comparison(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    story = schemas["StoryPage"]["properties"]
    assert "QuoteVariantItem" in json.dumps(story["quote_variants"])
    assert "DisagreementItem" in json.dumps(story["disagreements"])
    assert "SingleOutletFact" in json.dumps(story["only_one_outlet"])
    assert set(schemas["DiffPart"]["properties"]["op"]["enum"]) == {"equal", "delete", "insert", "replace"}
    assert {"article_id", "article_url", "start", "end", "text"} <= set(schemas["SpanItem"]["properties"])
