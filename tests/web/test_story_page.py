"""The story page: the story's one record, as ``crosswire brief`` and the export have it.

Quote variants with their word diff, disagreements by kind, facts only one outlet reports:
read from the cached record, never computed by the web. The web store (conftest) holds the
water talks compared as ``crosswire brief`` leaves them and the bridge story uncompared.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_app import assert_inert
from webdata import PAYLOAD_OUTLET, PAYLOAD_QUOTE, PAYLOAD_SPEAKER, PWN, TestClient

from crosswire.store import Database
from crosswire.stories import record as story_records
from crosswire.stories import render_brief
from crosswire.stories.record import RECORD_VERSION
from crosswire.web.routes import stories as story_routes

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


@pytest.fixture
def hostile_client(
    client: TestClient, stories: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> TestClient:
    """The payload's story as if its cached comparison carried a payload in every text field.

    The record is crafted (no comparison finds such variants in one article), so it is
    handed to the page in place of the cached one rather than written into the store.
    """
    real = story_records.story_record

    def hostile(db: Any, story_id: str, **kwargs: Any) -> dict[str, Any] | None:
        record = real(db, story_id, **kwargs)
        if record is None or story_id != stories["payload"]:
            return record
        return {**record, **_hostile_record(story_id, record["articles"][0]["id"]), "compared": True}

    monkeypatch.setattr(story_routes, "story_record", hostile)
    return client


def test_computed_story_shows_variants_and_disagreements(client: TestClient, stories: dict[str, str]) -> None:
    data = client.get(f"/stories/{stories['water']}.json").json()
    assert data["not_computed"] is None
    variants, disagreements = data["quote_variants"], data["disagreements"]
    assert variants and disagreements and data["only_one_outlet"]
    for v in variants:
        assert v["kind"] in ("verbatim", "truncated", "paraphrased") and 0 <= v["similarity"] <= 1
        assert v["a"]["outlet"] != v["b"]["outlet"] or v["a"]["article_id"] != v["b"]["article_id"]
        a = v["a"]  # the link opens the article at the quote, marked
        start, end = a["start"], a["end"]
        assert a["article_url"] == f"/articles/{a['article_id']}?start={start}&end={end}#s-{start}-{end}"
        assert " ".join(d["a"] for d in v["diff"] if d["a"]) == " ".join(v["a"]["text"].split())
        assert " ".join(d["b"] for d in v["diff"] if d["b"]) == " ".join(v["b"]["text"].split())
    assert {d["kind"] for d in disagreements} <= {"number", "date", "place", "spelling", "omission"}
    assert any(d["b"] is None and d["missing_from"] for d in disagreements)  # an omission
    assert all(len({c["outlet"] for c in f["claims"]}) == 1 for f in data["only_one_outlet"])

    html = client.get(f"/stories/{stories['water']}").text
    assert "Not computed yet" not in html
    assert html.count('class="variant"') == len(variants)
    assert 'class="diff-del"' in html and 'class="diff-ins"' in html
    first = variants[0]
    assert f'href="/articles/{first["a"]["article_id"]}?start={first["a"]["start"]}&amp;end=' in html
    assert f"{first['a']['start']}–" in html
    changed = next(d for v in variants for d in v["diff"] if d["op"] in ("delete", "replace"))
    assert f'<del class="diff-del">{changed["a"]}</del>' in html
    for kind, heading in [("date", "Dates"), ("omission", "Left out")]:
        if any(d["kind"] == kind for d in disagreements):
            assert f"<h3>{heading} " in html and f"disagreement-{kind}" in html
    assert "Only one outlet reports" in html
    assert_inert(html)


def test_uncomputed_story_says_how_to_compute_it(client: TestClient, stories: dict[str, str]) -> None:
    bridge = stories["bridge"]
    data = client.get(f"/stories/{bridge}.json").json()
    assert (
        data["quote_variants"] is None and data["disagreements"] is None and data["only_one_outlet"] is None
    )
    how = f"Not computed yet. Run `crosswire brief {bridge}` to compare this story."
    assert data["not_computed"] == how
    html = client.get(f"/stories/{bridge}").text
    assert html.count(how) == 3  # at the top, where the top line would be, and in both sections
    assert 'class="variant"' not in html and "Only one outlet reports" not in html


def test_a_record_of_another_version_is_not_shown(
    client: TestClient, stories: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(story_records, "RECORD_VERSION", RECORD_VERSION + 1)  # as after an upgrade
    data = client.get(f"/stories/{stories['water']}.json").json()
    assert data["quote_variants"] is None and data["not_computed"] and data["who_said_what"]


def test_hostile_comparison_text_is_escaped(hostile_client: TestClient, stories: dict[str, str]) -> None:
    payload = stories["payload"]
    data = hostile_client.get(f"/stories/{payload}.json").json()
    assert data["quote_variants"][0]["b"]["text"].startswith(XSS_WORDS)  # the data, as stored
    assert [d["kind"] for d in data["disagreements"]][:2] == ["number", "omission"]

    html = hostile_client.get(f"/stories/{payload}").text
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


def _who_said_what_of_page(page: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, int]]]]:
    return [
        (group["speaker"], [(q["article_id"], q["text"], q["copies"]) for q in group["quotes"]])
        for group in page["who_said_what"]
    ]


def _who_said_what_of_brief(brief: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, int]]]]:
    # The page and the brief both name quotes with no named speaker "unknown" (#23).
    return [
        (group["speaker"], [(q["article_id"], q["text"], q["copies"]) for q in group["quotes"]])
        for group in brief["quotes"]
    ]  # fmt: skip


@pytest.mark.parametrize("story", ["bridge", "water"])
def test_the_brief_and_the_page_list_the_same_who_said_what(
    client: TestClient, web_store: Path, stories: dict[str, str], tmp_path: Path, story: str
) -> None:
    """The bridge story uncompared on the page (the brief compares it), the water talks cached."""
    page = client.get(f"/stories/{stories[story]}.json").json()
    copy = tmp_path / "copy.db"  # the brief caches what it computes: not in the shared store
    with sqlite3.connect(web_store) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with Database(copy) as db:
        brief = json.loads(render_brief(db, stories[story], "json", embedder=None))
    listed = _who_said_what_of_brief(brief)
    assert _who_said_what_of_page(page) == listed
    # short names merged into the full name, syndicated copies counted once
    speakers = [speaker for speaker, _ in listed]
    assert len(speakers) == len(set(speakers))
    if story == "water":
        assert any(copies for _, quotes in listed for *_, copies in quotes)
