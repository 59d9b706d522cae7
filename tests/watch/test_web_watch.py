"""The watch pages in-process: What's new, feed health, alerts and a rule's Atom feed, each with
its JSON twin; text from articles escaped everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from crosswire.config import Settings
from crosswire.store import Database
from crosswire.store.watch import AlertRule, Firing, WatchStore
from crosswire.watch.atom import ATOM
from crosswire.web import create_app

HOSTILE = '<script>alert("x")</script> said “the tide is late”'


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "web.db"
    with Database(path) as db:
        store = WatchStore(db)
        store.add_feeds([("http://gazette.example/rss", 600.0), ("http://down.example/rss", 600.0)])
        store.record_success("http://gazette.example/rss", 1_800_000_000.0, 1_800_000_600.0, None, None)
        store.record_failure("http://down.example/rss", 1_800_000_000.0, 1_800_001_200.0, "HTTP 503 from <b>")
        rule = AlertRule("tide", "quote-matches", "tide late", webhook="http://hooks.example/x", secret="s")
        store.add_rule(rule)
        store.fire(rule, [Firing("quote:a:0:5", HOSTILE, {"quote": {"text": HOSTILE}}, "a")], 0)
    with TestClient(create_app(Settings(db_path=path))) as test_client:
        yield test_client


def test_alerts_page_and_twin_escape_article_text_and_hide_secrets(client: TestClient) -> None:
    html = client.get("/alerts")
    assert html.status_code == 200 and "<script>alert" not in html.text and "&lt;script&gt;" in html.text
    assert "hooks.example" not in html.text and "/alerts/tide.atom" in html.text
    data = client.get("/alerts.json").json()
    assert data["rules"][0]["name"] == "tide" and "secret" not in data["rules"][0]
    assert data["alerts"][0]["summary"] == HOSTILE


def test_atom_feed_of_a_rule(client: TestClient) -> None:
    response = client.get("/alerts/tide.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    entries = etree.fromstring(response.content).findall(f"{{{ATOM}}}entry")
    assert [e.findtext(f"{{{ATOM}}}title") for e in entries] == [HOSTILE]
    assert client.get("/alerts/nothing.atom").status_code == 404


def test_feed_health_shows_failing_feeds_first(client: TestClient) -> None:
    data = client.get("/feeds.json").json()
    assert data["failing"] == 1 and data["feeds"][0]["url"] == "http://down.example/rss"
    assert data["feeds"][0]["next_poll"].endswith("Z")
    html = client.get("/feeds").text
    assert "HTTP 503 from &lt;b&gt;" in html


def test_whats_new_since_a_time(client: TestClient) -> None:
    assert client.get("/new.json?since=2000-01-01").json()["articles"] == []
    assert client.get("/new").status_code == 200
    assert client.get("/new.json?since=yesterday").status_code == 422
