"""Delivering alerts: webhooks (POST JSON signed with HMAC-SHA256) and e-mail over SMTP.

Each alert's deliveries are queued in the transaction that records the alert, then sent by
``deliver_due``; a failed attempt is tried again with exponential backoff, ``MAX_ATTEMPTS``
times in all, and every attempt's outcome is kept (the delivery log). A watcher killed after
a send and before its record is written sends that one again: receivers that must not see it
twice dedupe on the ``X-Crosswire-Delivery`` header (the delivery's id), which a resend keeps.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import httpx

from crosswire.store.db import Database
from crosswire.store.queries import watch as reads
from crosswire.store.watch import AlertRule, Delivery, WatchStore

SIGNATURE_HEADER = "X-Crosswire-Signature"
DELIVERY_HEADER = "X-Crosswire-Delivery"
MAX_ATTEMPTS = 6
FIRST_RETRY = 30.0  # seconds; then 60, 120, 240, 480


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    # A webhook that takes longer than this is a failed attempt: a hanging endpoint must not
    # hold up the watcher.
    timeout: float = 10.0
    smtp_host: str = "localhost"
    smtp_port: int = 25
    mail_from: str = "crosswire@localhost"


def signature(secret: str, body: bytes) -> str:
    """The header value a receiver recomputes: ``sha256=`` and the hex HMAC of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def alert_payload(alert: reads.AlertRow) -> dict[str, Any]:
    return {"id": alert.id, "rule": alert.rule, "summary": alert.summary, "fired_at": alert.fired_at,
            "article_id": alert.article_id, "story_id": alert.story_id, "facts": alert.facts}  # fmt: skip


def send_webhook(
    client: httpx.Client, url: str, secret: str | None, delivery_id: int, alert: reads.AlertRow
) -> str:
    """POST the alert; the outcome as a short status ("delivered 200", "HTTP 500", "timeout")."""
    body = json.dumps(alert_payload(alert), ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", DELIVERY_HEADER: str(delivery_id)}
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, body)
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.TimeoutException:
        return "timed out"
    except httpx.HTTPError as exc:
        return f"error: {exc}"
    code = response.status_code
    return f"delivered {code}" if 200 <= code < 300 else f"HTTP {code}"


def send_email(settings: DeliverySettings, to: str, delivery_id: int, alert: reads.AlertRow) -> str:
    message = EmailMessage()
    message["From"], message["To"] = settings.mail_from, to
    message["Subject"] = f"[crosswire] {alert.rule}: {alert.summary[:150]}"
    message["X-Crosswire-Delivery"] = str(delivery_id)
    message.set_content(alert.summary + "\n\n" + json.dumps(alert.facts, indent=2, ensure_ascii=False))
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        return f"error: {exc}"
    return "delivered"


def next_attempt(now: float, attempts_made: int) -> float | None:
    """When to try again after ``attempts_made`` failed attempts; None: give up."""
    if attempts_made >= MAX_ATTEMPTS:
        return None
    return now + FIRST_RETRY * 2.0 ** (attempts_made - 1)


class Deliverer:
    def __init__(self, db: Database, settings: DeliverySettings = DeliverySettings()) -> None:
        self.store = WatchStore(db)
        self.db = db
        self.settings = settings
        self.client = httpx.Client(timeout=settings.timeout, trust_env=False, follow_redirects=False)

    def deliver_due(self, now: float) -> list[tuple[Delivery, str]]:
        """Send every delivery that is due; each with its outcome."""
        rules = {r.name: r for r in self.store.rules()}
        done = []
        for delivery in self.store.due_deliveries(now):
            alert = reads.alert(self.db, delivery.alert_id)
            if alert is None:
                continue
            status = self._send(delivery, alert, rules.get(alert.rule))
            later = None if status.startswith("delivered") else next_attempt(now, delivery.attempts + 1)
            self.store.record_delivery(delivery.id, status, now, later)
            done.append((delivery, status))
        return done

    def _send(self, delivery: Delivery, alert: reads.AlertRow, rule: AlertRule | None) -> str:
        if delivery.channel == "webhook":
            secret = rule.secret if rule else None
            return send_webhook(self.client, delivery.target, secret, delivery.id, alert)
        return send_email(self.settings, delivery.target, delivery.id, alert)

    def close(self) -> None:
        self.client.close()


def delivery_settings_from_env(environ: dict[str, str]) -> DeliverySettings:
    """``CROSSWIRE_SMTP_HOST``, ``CROSSWIRE_SMTP_PORT``, ``CROSSWIRE_MAIL_FROM``,
    ``CROSSWIRE_WEBHOOK_TIMEOUT`` over the defaults."""
    default = DeliverySettings()
    return DeliverySettings(
        timeout=float(environ.get("CROSSWIRE_WEBHOOK_TIMEOUT", default.timeout)),
        smtp_host=environ.get("CROSSWIRE_SMTP_HOST", default.smtp_host),
        smtp_port=int(environ.get("CROSSWIRE_SMTP_PORT", default.smtp_port)),
        mail_from=environ.get("CROSSWIRE_MAIL_FROM", default.mail_from),
    )
