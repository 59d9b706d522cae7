"""Delivery: webhooks signed with HMAC-SHA256 and retried with backoff, e-mail over SMTP to a
local aiosmtpd server, and the Atom feed of a rule. Every server here runs on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from lxml import etree

from crosswire.store import Database
from crosswire.store.queries import watch as reads
from crosswire.store.watch import AlertRule, Firing, WatchStore
from crosswire.watch.atom import ATOM, alerts_atom
from crosswire.watch.deliver import (
    DELIVERY_HEADER,
    MAX_ATTEMPTS,
    SIGNATURE_HEADER,
    Deliverer,
    DeliverySettings,
    signature,
)

NOW = 1_800_000_000.0


class _Hook(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    statuses: list[int]  # answered in turn; the last one for ever after
    hang: float
    received: list[tuple[dict[str, str], bytes]]

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class _HookHandler(BaseHTTPRequestHandler):
    server: _Hook

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers.items()), body))
        time.sleep(self.server.hang)
        status = self.server.statuses.pop(0) if len(self.server.statuses) > 1 else self.server.statuses[0]
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hook() -> Iterator[_Hook]:
    server = _Hook(("127.0.0.1", 0), _HookHandler)
    server.statuses, server.hang, server.received = [204], 0.0, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: _Hook) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/hook"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with Database(tmp_path / "alerts.db") as database:
        yield database


def _fire(db: Database, rule: AlertRule, *keys: str) -> list[int]:
    store = WatchStore(db)
    if rule.name not in reads.rule_names(db):
        store.add_rule(rule)
    firings = [
        Firing(key, f"<b>Quote</b> {key}", {"quote": {"text": "“Fine & <dry>”"}}, "a1") for key in keys
    ]
    return store.fire(rule, firings, 0)


def test_webhook_posts_json_signed_with_the_secret(db: Database, hook: _Hook) -> None:
    rule = AlertRule("boss", "quoted", "Mara Quillon", webhook=_url(hook), secret="s3cret")
    (alert_id,) = _fire(db, rule, "quote:a1:0:10")
    deliverer = Deliverer(db)
    outcomes = deliverer.deliver_due(NOW)
    assert [status for _, status in outcomes] == ["delivered 204"]
    headers, body = hook.received[0]
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected == signature("s3cret", body)
    payload = json.loads(body)
    assert payload["id"] == alert_id and payload["rule"] == "boss" and payload["facts"]["quote"]["text"]
    assert headers[DELIVERY_HEADER].isdigit()
    assert deliverer.deliver_due(NOW + 10_000) == []  # delivered once, never again
    deliverer.close()


def test_a_failing_webhook_is_retried_with_backoff_then_delivered_once(db: Database, hook: _Hook) -> None:
    hook.statuses = [500, 503, 200]
    _fire(db, AlertRule("boss", "quoted", "X", webhook=_url(hook)), "k1")
    deliverer = Deliverer(db)
    assert [s for _, s in deliverer.deliver_due(NOW)] == ["HTTP 500"]
    assert deliverer.deliver_due(NOW + 1) == []  # not before its retry time
    assert [s for _, s in deliverer.deliver_due(NOW + 30)] == ["HTTP 503"]
    assert deliverer.deliver_due(NOW + 30 + 59) == []  # the wait doubled
    assert [s for _, s in deliverer.deliver_due(NOW + 30 + 60)] == ["delivered 200"]
    assert deliverer.deliver_due(NOW + 100_000) == [] and len(hook.received) == 3
    (logged,) = reads.deliveries(db)
    assert logged["state"] == "delivered" and logged["attempts"] == 3
    deliverer.close()


def test_a_hanging_webhook_times_out_and_is_given_up_after_the_last_attempt(
    db: Database, hook: _Hook
) -> None:
    hook.hang = 1.0
    _fire(db, AlertRule("boss", "quoted", "X", webhook=_url(hook)), "k1")
    deliverer = Deliverer(db, DeliverySettings(timeout=0.1))
    now = NOW
    for _ in range(MAX_ATTEMPTS):
        assert [s for _, s in deliverer.deliver_due(now)] == ["timed out"]
        now += 10 * 86_400
    assert deliverer.deliver_due(now) == []
    (logged,) = reads.deliveries(db)
    assert logged["state"] == "failed" and logged["attempts"] == MAX_ATTEMPTS
    deliverer.close()


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_email_goes_through_smtp_once(db: Database) -> None:
    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _fire(db, AlertRule("boss", "quoted", "X", email="desk@newsroom.test"), "k1", "k2")
        deliverer = Deliverer(db, DeliverySettings(smtp_host="127.0.0.1", smtp_port=port, timeout=5))
        assert [s for _, s in deliverer.deliver_due(NOW)] == ["delivered", "delivered"]
        assert deliverer.deliver_due(NOW + 10_000) == []
        deliverer.close()
    finally:
        controller.stop()
    assert len(inbox.messages) == 2 and inbox.messages[0].rcpt_tos == ["desk@newsroom.test"]
    assert b"[crosswire] boss" in inbox.messages[0].content


def test_smtp_down_is_a_failed_attempt_kept_for_a_retry(db: Database) -> None:
    _fire(db, AlertRule("boss", "quoted", "X", email="desk@newsroom.test"), "k1")
    deliverer = Deliverer(db, DeliverySettings(smtp_host="127.0.0.1", smtp_port=_free_port(), timeout=1))
    ((_, status),) = deliverer.deliver_due(NOW)
    assert status.startswith("error") and reads.deliveries(db)[0]["state"] == "pending"
    deliverer.close()


def test_atom_feed_is_valid_and_escapes_article_text(db: Database) -> None:
    _fire(db, AlertRule("boss", "quoted", "X"), "k1", "k2")
    feed = alerts_atom(
        "boss", reads.alert_log(db, rule="boss"), "http://127.0.0.1:8000", "2026-01-01T00:00:00Z"
    )
    root = etree.fromstring(feed)
    entries = root.findall(f"{{{ATOM}}}entry")
    assert len(entries) == 2 and b"<b>" not in feed and b"&lt;b&gt;Quote" in feed
    assert entries[0].findtext(f"{{{ATOM}}}title") == "<b>Quote</b> k2"  # newest first
