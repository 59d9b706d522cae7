"""``crosswire watch`` and ``crosswire alerts``: following feeds and the alerts they raise.

A thin shell over ``crosswire.watch``, registered on the main app by ``register`` (cli.py).
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.ingest.fetch import Fetcher, FetchPolicy
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.store.queries import watch as reads
from crosswire.store.watch import AlertRule, WatchStore
from crosswire.stories import story_record
from crosswire.watch import Watcher, WatchEvent, read_feed_list
from crosswire.watch.deliver import Deliverer, alert_payload, delivery_settings_from_env
from crosswire.watch.status import JsonLog, status_view

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="CROSSWIRE_DB", help="SQLite database file.", show_default="crosswire.db"),
]
_AGO = re.compile(r"^(\d+)([mhd])$")
_UNIT = {"m": "minutes", "h": "hours", "d": "days"}
_RULE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

alerts_app = typer.Typer(
    help="Alert rules, and the alerts they fired.", no_args_is_help=True, rich_markup_mode=None
)


def _fail(message: str, code: int = 1) -> NoReturn:
    err.print(Text.assemble(("error: ", "red"), message), soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def _database(db: Path | None, create: bool = False) -> Iterator[tuple[Settings, Database]]:
    settings = Settings.from_env(db_path=db)
    path = settings.db_path
    if not path.exists() and not create:
        _fail(f"no store at {path}: `crosswire watch --db {path} FEEDS` or `crosswire ingest` creates one")
    try:
        with Database(path) as database:
            yield settings, database
    except CrosswireError as exc:
        _fail(str(exc))


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM or Ctrl-C: finish the item in hand, then stop. A second Ctrl-C stops at once."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def watch(
    feeds: Annotated[
        Path, typer.Argument(help="A text file of feed URLs (`URL [INTERVAL]` a line) or OPML.")
    ],
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Poll the feeds that are due once, then exit (cron).")
    ] = False,
    log_json: Annotated[
        bool, typer.Option("--log-json", help="One JSON object per event on stderr.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No live view.")] = False,
) -> None:
    """Follow feeds: poll each on its interval, ingest new items as `ingest` does, fire alerts.

    SIGTERM or Ctrl-C finishes the item in hand and stops; a restart resumes where it stopped."""
    try:
        specs = read_feed_list(feeds)
    except CrosswireError as exc:
        _fail(str(exc), 2)
    with _database(db, create=True) as (settings, database):
        WatchStore(database).add_feeds((s.url, s.interval) for s in specs)
        watcher = _watcher(settings, database, [s.url for s in specs], log_json)
        stop = threading.Event()
        with _stop_on_signals(stop):
            try:
                _run(watcher, stop, once, live=not (quiet or log_json or once) and err.is_terminal)
            except CrosswireError as exc:
                _fail(str(exc))
            finally:
                watcher.fetcher.close()
                if watcher.deliverer is not None:
                    watcher.deliverer.close()
        s = watcher.stats
        out.print(f"watched {len(specs)} feed(s): {s.polls} poll(s), {s.articles} article(s) added, "
                  f"{s.alerts} alert(s), {s.feed_errors} feed error(s), {s.item_errors} page error(s)",
                  soft_wrap=True)  # fmt: skip


def _watcher(settings: Settings, database: Database, urls: list[str], log_json: bool) -> Watcher:
    policy = FetchPolicy(
        settings.max_input_bytes, settings.fetch_timeout, allow_private=settings.allow_private_urls
    )

    def records(story_id: str) -> dict[str, Any] | None:
        return story_record(database, story_id, embedder="auto" if settings.story_embeddings else None)

    return Watcher(
        Pipeline(settings, ArticleStore(database)),
        Fetcher(policy),
        deliverer=Deliverer(database, delivery_settings_from_env(dict(os.environ))),
        story_records=records,
        on_event=JsonLog(sys.stderr) if log_json else _print_problem,
        feeds=urls,
    )


def _print_problem(event: WatchEvent) -> None:
    if event.kind in ("feed-error", "item-error", "locked"):
        err.print(
            Text.assemble((f"{event.kind}: ", "red"), f"{event.feed or ''} {event.detail}"), soft_wrap=True
        )


def _run(watcher: Watcher, stop: threading.Event, once: bool, live: bool) -> None:
    if once:
        watcher.run_once(stop, due_only=True)
        return
    if not live:
        watcher.run(stop)
        return
    started = time.monotonic()
    with Live(console=err, refresh_per_second=2, transient=True) as view:

        def refresh(event: WatchEvent) -> None:
            feeds = watcher.store.feeds(watcher.feeds)
            view.update(status_view(feeds, watcher.stats, watcher.clock.now(), started))

        watcher.on_event = refresh
        refresh(WatchEvent("start", watcher.clock.now()))
        watcher.run(stop)


# --- alerts -----------------------------------------------------------------------------------


@alerts_app.command("add")
def add_alert(
    name: Annotated[str, typer.Argument(help="The rule's name (also its Atom feed: /alerts/NAME.atom).")],
    quoted: Annotated[str | None, typer.Option(help="A quote by this person (any alias).")] = None,
    mentions: Annotated[str | None, typer.Option(help="An article mentioning this entity.")] = None,
    story_sources: Annotated[
        int | None, typer.Option("--story-sources", min=2, help="A story reaching N independent sources.")
    ] = None,
    conflict: Annotated[bool, typer.Option("--conflict", help="Outlets disagree in a story.")] = False,
    story: Annotated[str | None, typer.Option(help="With --conflict: only this story (id prefix).")] = None,
    variant: Annotated[bool, typer.Option("--variant", help="A quote rendered differently.")] = False,
    quote_matches: Annotated[
        str | None, typer.Option("--quote-matches", help="A quote containing all these words.")
    ] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert as JSON to this URL.")] = None,
    secret: Annotated[
        str | None,
        typer.Option(
            envvar="CROSSWIRE_WEBHOOK_SECRET", help="Sign webhooks (X-Crosswire-Signature: sha256=…)."
        ),
    ] = None,
    email: Annotated[
        str | None, typer.Option(help="Mail each alert to this address (CROSSWIRE_SMTP_*).")
    ] = None,
    backfill: Annotated[bool, typer.Option(help="Also fire on articles already stored.")] = False,
    db: DbOption = None,
) -> None:
    """Add a rule with exactly one condition; it fires once per fact, on articles stored from now on."""
    conditions = {
        "quoted": quoted, "mentions": mentions, "story-sources": story_sources, "conflict": conflict or None,
        "variant": variant or None, "quote-matches": quote_matches,
    }  # fmt: skip
    given = {kind: value for kind, value in conditions.items() if value is not None}
    if not _RULE_NAME.match(name):
        _fail(f"{name!r}: a rule's name is letters, digits, '.', '_' and '-' (it is also a URL)", 2)
    if len(given) != 1:
        _fail("give exactly one condition: --quoted, --mentions, --story-sources, --conflict, --variant "
              "or --quote-matches", 2)  # fmt: skip
    if story and "conflict" not in given:
        _fail("--story goes with --conflict", 2)
    ((kind, value),) = given.items()
    arg = None if isinstance(value, bool) else str(value)
    rule = AlertRule(name, kind, arg, story, webhook, secret, email)
    with _database(db, create=True) as (_, database):
        if name in reads.rule_names(database):
            _fail(f"a rule named {name!r} exists: `crosswire alerts remove {name}` first", 2)
        WatchStore(database).add_rule(rule, backfill=backfill)
    out.print(f"added rule {name}: {kind} {arg or ''}".rstrip())


@alerts_app.command("list")
def list_alerts(db: DbOption = None) -> None:
    """The rules, with how often each fired."""
    with _database(db) as (_, database):
        table = Table("name", "condition", "delivery", "fired", box=None)
        counts = reads.alert_counts(database)
        for rule in WatchStore(database).rules():
            condition = f"{rule.kind} {rule.arg or ''}" + (f" story {rule.story_id}" if rule.story_id else "")
            delivery = ", ".join(x for x in (rule.webhook, rule.email) if x) or "log, atom"
            fired = counts.get(rule.name, 0)
            table.add_row(Text(rule.name), Text(condition), Text(delivery), str(fired))
        out.print(
            table if table.row_count else "no rules: `crosswire alerts add NAME --quoted PERSON` adds one"
        )


@alerts_app.command("remove")
def remove_alert(name: str, db: DbOption = None) -> None:
    """Remove a rule and the alerts it fired."""
    with _database(db) as (_, database):
        if not WatchStore(database).remove_rule(name):
            _fail(f"no rule named {name!r}: `crosswire alerts list` shows them")
    out.print(f"removed rule {name}")


def since_time(text: str, now: datetime | None = None) -> str:
    """An ISO UTC time from ``2026-03-01``, ``2026-03-01T08:00`` (UTC) or ``30m``/``6h``/``2d`` ago."""
    now = now or datetime.now(UTC)
    match = _AGO.match(text.strip())
    if match:
        when = now - timedelta(**{_UNIT[match.group(2)]: int(match.group(1))})
    else:
        try:
            when = datetime.fromisoformat(text.strip())
        except ValueError:
            raise typer.BadParameter(f"{text!r}: give an ISO date or time, or e.g. 30m, 6h, 2d") from None
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@alerts_app.command("log")
def alert_log(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, each alert with its facts.")] = False,
    since: Annotated[str | None, typer.Option(help="Only since: an ISO time (UTC) or 30m, 6h, 2d.")] = None,
    rule: Annotated[str | None, typer.Option(help="Only this rule's alerts.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 100,
) -> None:
    """What fired, newest first, each alert with the facts and spans that fired it."""
    with _database(db) as (_, database):
        rows = reads.alert_log(database, since_time(since) if since else None, rule, limit)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(alert_payload(row), ensure_ascii=False))
        return
    table = Table("fired", "rule", "alert", box=None)
    for row in rows:
        table.add_row(row.fired_at, Text(row.rule), Text(row.summary))
    out.print(table if rows else "no alerts")


@alerts_app.command("deliveries")
def delivery_log(db: DbOption = None, limit: Annotated[int, typer.Option(min=1)] = 100) -> None:
    """Every webhook and e-mail delivery, its attempts and its last outcome."""
    with _database(db) as (_, database):
        rows = reads.deliveries(database, limit)
    table = Table("alert", "rule", "channel", "target", "state", "attempts", "last", box=None)
    for r in rows:
        table.add_row(str(r["alert_id"]), Text(r["rule"]), r["channel"], Text(r["target"]), r["state"],
                      str(r["attempts"]), Text(r["last_status"] or ""))  # fmt: skip
    out.print(table if rows else "no deliveries")


def register(app: typer.Typer) -> None:
    """Add ``watch`` and ``alerts`` to the main command line."""
    app.command("watch")(watch)
    app.add_typer(alerts_app, name="alerts")
