"""The real commands against a temporary store and the local site: `crosswire watch --once`,
SIGTERM and kill -9 in the middle of a run, and `crosswire alerts`."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer import BadParameter
from typer.testing import CliRunner, Result
from watchsite import Reply, Site, page, rss

from crosswire.cli import app
from crosswire.cli_watch import since_time

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "crosswire.cli"]
FEED_TYPE = "application/rss+xml"


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "CROSSWIRE_DB": str(db), "CROSSWIRE_ALLOW_PRIVATE_URLS": "1",
            "CROSSWIRE_STORY_EMBEDDINGS": "0"}  # fmt: skip


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, env=_env(db))


def _count(db: Path, table: str = "articles") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _site_feed(site: Site, make_article: Callable[..., str], count: int, tmp_path: Path) -> Path:
    items = []
    for n in range(count):
        link = site.set(f"/story/{n}", Reply(page(f"Grain harbour report {n}", make_article(900 + n))))
        items.append((f"urn:grain:{n}", link, f"Grain harbour report {n}"))
    feed = site.set("/grain.xml", Reply(rss(items), FEED_TYPE))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# one local feed\n{feed} 60\n", encoding="utf-8")
    return feeds


def test_watch_once_takes_every_item_and_again_polls_nothing_before_it_is_due(
    site: Site, make_article: Callable[..., str], tmp_path: Path
) -> None:
    feeds, db = _site_feed(site, make_article, 3, tmp_path), tmp_path / "w.db"
    first = run("watch", str(feeds), "--once", "--log-json", db=db)
    assert first.returncode == 0, first.stderr
    assert "3 article(s) added" in first.stdout and _count(db) == 3
    events = [json.loads(line) for line in first.stderr.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events].count("article") == 3 and all(
        {"at", "feed", "detail"} <= set(e) for e in events
    )
    again = run("watch", str(feeds), "--once", db=db)  # cron a minute later: the feed asked for 60 s
    assert again.returncode == 0 and "0 poll(s)" in again.stdout and site.hits("/grain.xml") == 1


def test_a_bad_feed_list_is_one_line_and_exit_2(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("gopher://old.example/\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(feeds), "--once", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2 and "no http(s) URL" in result.stderr


def _start(feeds: Path, db: Path) -> subprocess.Popen[str]:
    command = [*CLI, "watch", str(feeds), "--log-json"]
    return subprocess.Popen(command, env=_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_article(proc: subprocess.Popen[str]) -> None:
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        if '"event": "article"' in line or time.monotonic() > deadline:
            return


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "kill-9"])
def test_stopped_mid_batch_a_restart_stores_every_item_once(
    site: Site, make_article: Callable[..., str], tmp_path: Path, sig: signal.Signals
) -> None:
    total = 6
    feeds, db = _site_feed(site, make_article, total, tmp_path), tmp_path / "w.db"
    proc = _start(feeds, db)
    _wait_for_article(proc)
    proc.send_signal(sig)
    proc.communicate(timeout=120)
    if sig == signal.SIGTERM:
        assert proc.returncode == 0  # the item in hand finished, then a clean exit
    assert 0 < _count(db) <= total
    rerun = run("watch", str(feeds), "--once", db=db)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db) == total and _count(db, "watch_items") == total


def test_alert_rules_from_the_command_line(tmp_path: Path) -> None:
    env = {"CROSSWIRE_DB": str(tmp_path / "a.db")}

    def cli(*args: str) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    added = cli("alerts", "add", "boss", "--quoted", "Mara Quillon", "--webhook", "http://127.0.0.1:9/h")
    assert added.exit_code == 0, added.stderr
    listed = cli("alerts", "list")
    assert "boss" in listed.stdout and "quoted Mara Quillon" in listed.stdout
    both = cli("alerts", "add", "x", "--quoted", "A", "--variant")
    assert both.exit_code == 2 and "exactly one condition" in both.stderr
    slash = cli("alerts", "add", "a/b", "--variant")
    assert slash.exit_code == 2 and "also a URL" in slash.stderr
    twice = cli("alerts", "add", "boss", "--variant")
    assert twice.exit_code == 2 and "exists" in twice.stderr
    assert cli("alerts", "log", "--json", "--since", "2h").stdout == ""
    assert cli("alerts", "remove", "boss").exit_code == 0
    assert cli("alerts", "remove", "boss").exit_code == 1


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("30m", "2026-12-07T11:30:00Z"),
        ("2d", "2026-12-05T12:00:00Z"),
        ("2026-12-01", "2026-12-01T00:00:00Z"),
        ("2026-12-01T09:15+02:00", "2026-12-01T07:15:00Z"),
    ],
)
def test_since_takes_a_time_or_how_long_ago(given: str, expected: str) -> None:
    assert since_time(given, datetime(2026, 12, 7, 12, 0, tzinfo=UTC)) == expected


def test_since_refuses_anything_else() -> None:
    with pytest.raises(BadParameter, match="30m, 6h, 2d"):
        since_time("last week")
