"""The real `crosswire` command against a temporary database, as a user runs it."""

from __future__ import annotations

import functools
import html
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

import crosswire.web
from crosswire.cli import app

CLI = [sys.executable, "-m", "crosswire.cli"]


def run(*args: str, db: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CROSSWIRE_DB": str(db), **env},
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run("demo", db=db)
    assert result.returncode == 0, result.stderr
    assert "articles" in result.stdout and "top entities" in result.stdout
    return db


def test_demo_ingests_the_bundled_corpus(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        outlets = {r[0] for r in conn.execute("SELECT DISTINCT outlet FROM articles")}
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 6
        assert conn.execute("SELECT count(*) FROM near_duplicates").fetchone()[0] >= 1
    assert len(outlets) == 3 and None not in outlets


def test_demo_again_adds_nothing(demo_db: Path) -> None:
    result = run("demo", db=demo_db)
    assert result.returncode == 0 and "added 0 article(s)" in result.stdout


def test_articles_show_search_export(demo_db: Path, tmp_path: Path) -> None:
    listing = run("articles", db=demo_db)
    assert listing.returncode == 0
    first_id = listing.stdout.split()[6]  # after the six header words
    shown = run("show", first_id, db=demo_db)
    assert shown.returncode == 0 and "mentions" in shown.stdout
    found = run("search", "bridge", db=demo_db)
    assert found.returncode == 0 and "[" in found.stdout
    out = tmp_path / "x.json"
    exported = run("export", "--format", "json", "-o", str(out), db=demo_db)
    assert exported.returncode == 0
    assert len(json.loads(out.read_text())["articles"]) >= 6


def test_clear_errors_and_exit_codes(demo_db: Path, tmp_path: Path) -> None:
    missing = run("show", "0000nothere", db=demo_db)
    assert missing.returncode == 1 and "no article" in missing.stderr
    assert run("export", "--format", "xml", db=demo_db).returncode == 2
    assert run("search", 'unbalanced "quote', db=demo_db).returncode == 0
    bad = run("ingest", str(tmp_path / "nope.txt"), db=tmp_path / "n.db")
    assert bad.returncode == 1 and "no such file" in bad.stderr and "1 error(s)" in bad.stdout


def test_any_failed_input_is_exit_1_unless_failures_are_allowed(
    make_article: Callable[..., str], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(make_article(21))
    missing = str(tmp_path / "missing.txt")
    strict = run("ingest", str(good), missing, db=tmp_path / "f.db")
    assert strict.returncode == 1 and "added 1 article(s)" in strict.stdout  # the good one is kept
    relaxed = run("ingest", "--allow-failures", missing, db=tmp_path / "f.db")
    assert relaxed.returncode == 0 and "1 error(s)" in relaxed.stdout
    assert run("ingest", str(good), db=tmp_path / "f.db").returncode == 0  # nothing failed
    assert "--allow-failures" in run("ingest", "--help", db=tmp_path / "f.db").stdout


def test_an_input_is_named_once_in_its_error_line(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    broken = tmp_path / "dump.jsonl"
    broken.write_bytes(b'{"text": "a control \x01 character"}\n')
    result = run("ingest", str(binary), str(broken), db=tmp_path / "once.db")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 2, result.stderr
    binary_line = next(line for line in lines if "scan.txt" in line)
    assert binary_line.count(str(binary)) == 1
    json_line = next(line for line in lines if "dump.jsonl" in line)
    assert "not valid JSON" in json_line and " at at " not in json_line and "column" in json_line


def test_stdin_ingest(make_article: Callable[..., str], tmp_path: Path) -> None:
    result = run("ingest", "-", db=tmp_path / "s.db", stdin=make_article(11))
    assert result.returncode == 0 and "added 1 article(s)" in result.stdout


def test_kill_9_mid_ingest_leaves_a_consistent_store_that_a_rerun_completes(
    make_article: Callable[..., str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 120
    for i in range(total):
        (corpus / f"{i:03}.txt").write_text(make_article(1000 + i))
    db = tmp_path / "k.db"
    env = {**os.environ, "CROSSWIRE_DB": str(db), "CROSSWIRE_WRITE_BATCH_SIZE": "8"}
    proc = subprocess.Popen(
        [*CLI, "ingest", "-q", str(corpus)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = _count(db)
        if stored >= 16:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < _count(db) < total, "the kill should land mid-run"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # whole batches only: every stored article has its sentences
        assert (
            conn.execute(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
            ).fetchone()[0]
            == 0
        )
    rerun = subprocess.run([*CLI, "ingest", "-q", str(corpus)], env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db) == total


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.fixture
def local_site(tmp_path: Path, make_article: Callable[..., str]) -> Iterator[str]:
    """A feed and two pages served from 127.0.0.1 by the standard library's file server."""
    site = tmp_path / "site"
    site.mkdir()
    items = ""
    for i in range(2):
        paragraphs = "".join(f"<p>{p}</p>" for p in make_article(200 + i).split("\n\n")[2:])
        (site / f"story{i}.html").write_text(
            f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
            f"{paragraphs}</article></body></html>"
        )
        items += (
            f"<item><title>Feed title {i}</title><link>{{base}}/story{i}.html</link>"
            f"<author>desk@harbor.example (Ada Quist)</author>"
            f"<pubDate>Tue, 04 Mar 2025 1{i}:00:00 GMT</pubDate></item>"
        )
    items += "<item><title>Gone</title><link>{base}/missing.html</link></item>"
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Feed</title>'
        f"{items.format(base=base)}</channel></rss>"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_feed_ingest_fetches_every_entry_with_its_metadata(local_site: str, tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    feed = f"{local_site}/feed.xml"
    result = run("ingest", "--allow-failures", feed, db=db, CROSSWIRE_ALLOW_PRIVATE_URLS="1")
    assert result.returncode == 0, result.stderr
    assert "added 2 article(s)" in result.stdout and "1 error(s)" in result.stdout
    assert "missing.html" in result.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT title, byline, outlet, published, url FROM articles ORDER BY title"
        ).fetchall()
    assert rows == [
        (
            "Feed title 0",
            "Ada Quist",
            "Harbor Feed",
            "2025-03-04T10:00:00+00:00",
            f"{local_site}/story0.html",
        ),
        (
            "Feed title 1",
            "Ada Quist",
            "Harbor Feed",
            "2025-03-04T11:00:00+00:00",
            f"{local_site}/story1.html",
        ),
    ]


def test_private_addresses_are_refused_by_default(local_site: str, tmp_path: Path) -> None:
    result = run("ingest", f"{local_site}/story0.html", db=tmp_path / "ssrf.db")
    assert result.returncode == 1
    assert "added 0 article(s)" in result.stdout and "1 error(s)" in result.stdout
    assert "127.0.0.1" in result.stderr
    # the way out a command-line user can take, named in the one line (and in README)
    [line] = result.stderr.strip().splitlines()
    assert "CROSSWIRE_ALLOW_PRIVATE_URLS=1" in line


def test_two_workers_store_exactly_what_one_process_stores(
    tmp_path: Path, make_article: Callable[..., str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        (corpus / f"{i:02}.txt").write_text(make_article(500 + i))
    env = {"CROSSWIRE_WRITE_BATCH_SIZE": "4"}
    one = run("ingest", "-q", "--workers", "1", str(corpus), db=tmp_path / "one.db", **env)
    two = run("ingest", "-q", "--workers", "2", str(corpus), db=tmp_path / "two.db", **env)
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert "added 24 article(s)" in two.stdout
    query = 'SELECT article_id, start, "end", label FROM mentions ORDER BY 1, 2, 3'
    with sqlite3.connect(tmp_path / "one.db") as a, sqlite3.connect(tmp_path / "two.db") as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        assert a.execute("SELECT count(*) FROM mentions").fetchone()[0] > 24


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def test_seed_articles_get_their_metadata_through_the_cli(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(seeds) < 2:
        pytest.skip(f"seed articles not present in {SEEDS}")
    db = tmp_path / "seeds.db"
    result = run("ingest", *map(str, seeds), db=db)
    assert result.returncode == 0 and "added 2 article(s)" in result.stdout, result.stderr
    with sqlite3.connect(db) as conn:
        rows = dict(
            (Path(r[0]).name[:3], r[1:])
            for r in conn.execute("SELECT source, title, byline, published, text, captions FROM articles")
        )
    herald, hankyoreh = rows["000"], rows["004"]
    assert herald[:3] == (
        "Kim, Putin meet at Russian spaceport after NK missile launches",
        "Ji Da-gyum",
        "2023-09-13",
    )
    assert hankyoreh[:3] == (
        "Cosmodrome summit will likely lead to weapons-tech swap by N. Korea, Russia",
        "Jang Ye-ji",
        "2023-09-14T15:46:00+09:00",
    )
    for text, captions in (herald[3:], hankyoreh[3:]):
        for line in ("scroll to top", "Related stories", "Most viewed", "Please direct questions"):
            assert line not in text
        [caption] = json.loads(captions)
        assert caption not in text


def test_entities_are_resolved_across_outlets_and_spellings(demo_db: Path) -> None:
    listing = run("entities", "--type", "PERSON", "--limit", "200", db=demo_db)
    assert listing.returncode == 0
    shown = run("entity", "Marcetti", db=demo_db)
    assert shown.returncode == 0, shown.stderr
    # the two spellings the outlets used are one person, with the evidence of the merge
    assert "Ilse Marchetti" in shown.stdout and "Ilse Marcetti" in shown.stdout
    assert "given-name-edit" in shown.stdout or "spelling" in shown.stdout
    assert run("entity", "Nobody Atall", db=demo_db).returncode == 1


def test_entity_merge_and_split_from_the_cli(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with sqlite3.connect(db) as conn:
        [(marchetti,)] = conn.execute(
            "SELECT entity_id FROM entity_aliases WHERE alias = 'Ilse Marchetti'"
        ).fetchall()
        [(teague,)] = conn.execute(
            "SELECT entity_id FROM entity_aliases WHERE alias = 'Raymond Teague'"
        ).fetchall()
    split = run("entities", "split", marchetti, "--name", "Ilse Marcetti", db=db)
    assert split.returncode == 0, split.stderr
    merged = run("entities", "merge", marchetti, teague, "--note", "test", db=db)
    assert merged.returncode == 0, merged.stderr
    with sqlite3.connect(db) as conn:
        owners = dict(conn.execute("SELECT alias, entity_id FROM entity_aliases").fetchall())
        overrides = conn.execute("SELECT kind FROM entity_overrides ORDER BY id").fetchall()
    assert owners["Ilse Marcetti"] != marchetti
    assert [k for (k,) in overrides][-1] == "together"
    assert run("entities", "merge", marchetti, "Enothere", db=db).returncode == 1


def test_an_entity_merged_into_itself_is_refused_in_one_line(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "self.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with sqlite3.connect(db) as conn:
        [(okafor,)] = conn.execute("SELECT id FROM entities WHERE name = 'Dana Okafor'").fetchall()
    result = run("entities", "merge", okafor, okafor, db=db)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "itself" in line and okafor in line
    with sqlite3.connect(db) as conn:  # nothing stored was lost
        assert conn.execute("SELECT count(*) FROM entities WHERE id = ?", (okafor,)).fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM entity_overrides").fetchone() == (0,)


READ_COMMANDS = [
    ["articles"], ["show", "3f9c1a"], ["search", "bridge"], ["summary"], ["quotes"], ["entities"],
    ["entity", "Okafor"], ["timeline"], ["stories"], ["brief", "0123abcd"], ["export"],
    ["entities", "merge", "E1", "E2"], ["entities", "split", "E1", "--name", "X"],
]  # fmt: skip


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path: Path, args: list[str]) -> None:
    typo = tmp_path / "typo.db"
    result = run(*args, db=typo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert f"no store at {typo}" in line and "crosswire ingest" in line
    assert not typo.exists()  # nothing created


@pytest.mark.parametrize("command", [["export", "-o"], ["brief", "{story}", "-o"]])
def test_output_into_a_missing_folder_is_one_line(demo_db: Path, tmp_path: Path, command: list[str]) -> None:
    with sqlite3.connect(demo_db) as conn:
        [(story,)] = conn.execute("SELECT id FROM stories LIMIT 1").fetchall()
    target = tmp_path / "no-such-folder" / "out.json"
    result = run(*(a.format(story=story) for a in command), str(target), db=demo_db)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(target.parent) in line and "no folder" in line
    assert not target.parent.exists()


def test_serve_refuses_a_store_in_a_missing_folder(tmp_path: Path) -> None:
    result = run("serve", db=tmp_path / "no-such-folder" / "web.db")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "no folder" in line and str(tmp_path / "no-such-folder") in line


def test_serve_starts_on_a_new_store_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app creating a store on a new path is tested behaviour (tests/web, empty_client)."""
    served: list[Path] = []
    monkeypatch.setattr(crosswire.web, "serve", lambda settings, host, port: served.append(settings.db_path))
    new = tmp_path / "new.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(new)])
    assert result.exit_code == 0 and served == [new]
    assert f"no store at {new} yet: serving an empty one" in result.stderr


def test_export_lists_entities(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    assert run("export", "-o", str(out), db=demo_db).returncode == 0
    entities = json.loads(out.read_text())["entities"]
    marchetti = [e for e in entities if "Ilse Marcetti" in e["aliases"]]
    assert len(marchetti) == 1 and len(marchetti[0]["articles"]) >= 3


def test_who_said_what_across_outlets(demo_db: Path) -> None:
    result = run("quotes", "--speaker", "Okafor", "--limit", "500", db=demo_db)
    assert result.returncode == 0
    with sqlite3.connect(demo_db) as conn:
        rows = conn.execute(
            "SELECT q.speaker, q.role, a.outlet, q.text, q.entity_id FROM quotes q"
            " JOIN articles a ON a.id = q.article_id WHERE q.kind = 'direct'"
        ).fetchall()
        texts = {r[0]: r[1] for r in conn.execute("SELECT id, text FROM articles")}
        spans = conn.execute('SELECT article_id, start, "end", text, parts FROM quotes').fetchall()
    rebuild = [r for r in rows if r[3].startswith("We will find out why this bridge failed")]
    # the mayor's promise, as three outlets render it, is hers in each, not the analyst's
    assert {r[2] for r in rebuild} == {"The Harbor Ledger", "Meridian Wire Service", "Northgate Daily Times"}
    assert {r[0] for r in rebuild} == {"Dana Okafor"} and len({r[4] for r in rebuild}) == 1
    assert any(r[0] == "Femi Okafor" and "analyst" in (r[1] or "") for r in rows)
    for article_id, start, end, text, parts in spans:
        # One utterance split by its attribution is one quote: its words are its parts' (#23).
        pieces = [(a, b) for a, b in json.loads(parts)] or [(start, end)]
        assert " ".join(texts[article_id][a:b] for a, b in pieces) == text


@pytest.mark.parametrize("pattern", ["%", "Okaf_r", "100%"])
def test_speaker_filters_take_the_name_literally(demo_db: Path, pattern: str) -> None:
    """`%` and `_` are characters of a name, not LIKE wildcards (the web searches the same way)."""
    assert "Okafor" in run("quotes", "--speaker", "Okafor", db=demo_db).stdout
    result = run("quotes", "--speaker", pattern, db=demo_db)
    assert result.returncode == 0 and result.stdout.strip() == "no quotes"


def test_read_commands_list_what_the_store_holds(demo_db: Path) -> None:
    # A wide terminal: rich would wrap the tables' cells on a narrow one.
    stories = run("stories", db=demo_db, COLUMNS="250")
    assert stories.returncode == 0 and "Harbor Ledger" in stories.stdout
    timeline = run("timeline", "--entity", "Okafor", db=demo_db, COLUMNS="250")
    # readable values, not TIMEX codes (#28): "Monday night, 3 Mar 2025"
    assert timeline.returncode == 0 and "Mar 2025" in timeline.stdout
    entities = run("entities", "--type", "PERSON", db=demo_db, COLUMNS="250")
    assert entities.returncode == 0 and "Dana Okafor" in entities.stdout
    entity = run("entity", "Dana Okafor", db=demo_db, COLUMNS="250")
    assert entity.returncode == 0 and "Mayor" in entity.stdout and "We will find out" in entity.stdout
    summary = run("summary", db=demo_db, COLUMNS="250")
    assert summary.returncode == 0 and "Meridian Wire Service" in summary.stdout
    assert run("search", "NEAR(bridge collapse, 5)", db=demo_db, COLUMNS="250").stdout.strip() != "no match"


# TIMEX3 codes people cannot read: parts of day, weeks, references, durations.
TIMEX_CODE = re.compile(r"\d{4}-\d\d-\d\dT(MO|MI|AF|EV|NI|DT)\b|\d{4}-W\d\d|[A-Z]+_REF\b|\bP(X|\d+)[YMWDE]\b")


def test_the_timeline_reads_as_words_not_timex_codes(demo_db: Path) -> None:
    shown = run("timeline", db=demo_db, COLUMNS="250")
    assert shown.returncode == 0 and "week 11 of 2025" in shown.stdout
    assert "Monday night, 3 Mar 2025" in shown.stdout  # a day with its weekday (issue 28), not ISO
    assert not TIMEX_CODE.search(shown.stdout), TIMEX_CODE.search(shown.stdout)
    with sqlite3.connect(demo_db) as conn:  # the store keeps TIMEX3
        assert conn.execute("SELECT count(*) FROM times WHERE value = '2025-W11'").fetchone()[0] > 0


@pytest.mark.parametrize("command", ["ingest", "run", "stories"])
def test_flags_are_shown_as_flags_in_help(tmp_path: Path, command: str) -> None:
    shown = run(command, "--help", db=tmp_path / "h.db")
    assert shown.returncode == 0 and "--help" in shown.stdout and "<bool>" not in shown.stdout


@pytest.mark.parametrize("columns", ["80", "60"])
def test_ids_are_never_cut_on_a_narrow_terminal_or_in_a_pipe(demo_db: Path, columns: str) -> None:
    with sqlite3.connect(demo_db) as conn:
        ids = {t: [r[0] for r in conn.execute(f"SELECT id FROM {t}")] for t in ("stories", "articles")}
    for table, expected in ids.items():
        listed = run(table, db=demo_db, COLUMNS=columns)  # piped: not a terminal
        assert listed.returncode == 0 and set(expected) <= set(listed.stdout.split()), listed.stdout


def test_stories_group_the_demo_events_and_the_brief_cites_spans(demo_db: Path, tmp_path: Path) -> None:
    assert run("stories", db=demo_db).returncode == 0
    with sqlite3.connect(demo_db) as conn:
        stories = conn.execute("SELECT story_id, count(*) FROM story_articles GROUP BY 1").fetchall()
    # two fictional events, four articles each (one a syndicated copy)
    assert sorted(n for _, n in stories) == [4, 4]
    story_id = stories[0][0]
    md = run("brief", story_id[:8], db=demo_db)
    assert md.returncode == 0, md.stderr
    for section in ("## Where outlets disagree", "## What every outlet reports", "## Who said what"):
        assert section in md.stdout
    assert len(md.stdout.splitlines()) <= 75  # four articles from three outlets: one screen and a bit
    everything = run("brief", story_id[:8], "--all", db=demo_db).stdout
    assert "more: `crosswire brief --all`" in md.stdout and "more: `crosswire" not in everything
    assert len(everything.splitlines()) > len(md.stdout.splitlines())
    largest = run("brief", "--largest", db=demo_db)  # what `make demo` ends on
    assert largest.returncode == 0 and largest.stdout.startswith("# ")
    assert run("brief", db=demo_db).returncode == 1  # neither a story nor --largest
    html_out = tmp_path / "brief.html"
    assert run("brief", story_id, "--format", "html", "-o", str(html_out), db=demo_db).returncode == 0
    assert "<script" not in html_out.read_text().lower()
    data = json.loads(run("brief", story_id, "--format", "json", db=demo_db).stdout)
    assert data["id"] == story_id and len(data["articles"]) == 4
    assert run("brief", "nosuchstory", db=demo_db).returncode == 1


def test_version_is_the_installed_package_version(tmp_path: Path) -> None:
    result = run("--version", db=tmp_path / "v.db")
    assert result.returncode == 0 and result.stdout.strip() == f"crosswire {version('crosswire')}"


@pytest.mark.parametrize(
    "args, choices",
    [
        (["export", "--format", "xml"], ["json", "jsonl", "parquet"]),
        (["brief", "some-story", "--format", "pdf"], ["md", "html", "json"]),
        (["entities", "--type", "PLANET"], ["person", "org", "gpe"]),
        (["run", "in.txt", "--out", "shards", "--engine", "spark"], ["local", "ray"]),
    ],
)
def test_a_value_outside_the_choices_is_a_usage_error_listing_them(
    tmp_path: Path, args: list[str], choices: list[str]
) -> None:
    result = run(*args, db=tmp_path / "c.db")
    assert result.returncode == 2 and "Invalid value" in result.stderr
    assert all(f"'{choice}'" in result.stderr for choice in choices)
    assert not (tmp_path / "c.db").exists()  # refused before anything is opened


def test_entity_types_are_taken_in_any_case(demo_db: Path) -> None:
    upper = run("entities", "--type", "PERSON", db=demo_db)
    lower = run("entities", "--type", "person", db=demo_db)
    assert upper.returncode == lower.returncode == 0 and upper.stdout == lower.stdout
    assert "PERSON" in upper.stdout and " ORG " not in upper.stdout


@pytest.mark.parametrize(
    "command, extra", [("serve", "[web]"), ("run", "[distributed]"), ("ingest", "[embeddings]")]
)
def test_help_names_the_extras(tmp_path: Path, command: str, extra: str) -> None:
    result = run(command, "--help", db=tmp_path / "h.db")
    assert result.returncode == 0 and extra in result.stdout


def test_ingest_reads_feed_files_and_parquet(make_article: Callable[..., str], tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Harbour notice {n}</title><link>https://ledger.example/{n}</link>"
        f"<description>{html.escape(make_article(40 + n))}</description></item>"
        for n in range(2)
    )
    feed = tmp_path / "ledger.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Ledger</title>'
                    f"{items}</channel></rss>", encoding="utf-8")  # fmt: skip
    table = pa.Table.from_pylist([{"text": make_article(50), "outlet": "Parquet Wire"}])
    pq.write_table(table, tmp_path / "wire.parquet")
    db = tmp_path / "mixed.db"
    result = run("ingest", str(feed), str(tmp_path / "wire.parquet"), db=db)
    assert result.returncode == 0, result.stderr
    assert "added 3 article(s)" in result.stdout and "0 error(s)" in result.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT outlet, url FROM articles ORDER BY outlet, url").fetchall()
    assert rows == [
        ("Harbor Ledger", "https://ledger.example/0"),
        ("Harbor Ledger", "https://ledger.example/1"),
        ("Parquet Wire", None),
    ]


def test_quotes_show_chains_and_unknown_speakers(tmp_path: Path) -> None:
    """#23: "NAME (via …)" for a chain, "unknown (…)" for a speaker the article does not name."""
    import numpy as np

    from crosswire.store import ArticleStore, Database
    from crosswire.store.articles import NewArticle
    from crosswire.types import Article, Quote, Speaker, Via

    text = ("Velmar Radio quoted Dana Okafor as saying the toll would double. "
            "The ferry is late, an aide said.")
    aide = text.index("an aide")
    article = Article(id="0123456789abcdef", text=text, source="q.txt", raw=text, quotes=[
        Quote("the toll would double", 42, 63, "indirect", cue="saying",
              speaker=Speaker("Dana Okafor", None, None, "person", 20, 31),
              via=(Via("Velmar Radio", 0, 12),)),
        Quote("The ferry is late", 65, 82, "indirect", cue="said",
              speaker=Speaker("an aide", kind="unknown", start=aide, end=aide + 7)),
    ])  # fmt: skip
    path = tmp_path / "q.db"
    with Database(path) as db:
        ArticleStore(db).save_batch([NewArticle(article, np.zeros(4, dtype=np.uint64), [(0, 1)])])
    shown = run("quotes", db=path, COLUMNS="250").stdout
    assert "Dana Okafor (via Velmar Radio)" in shown and "unknown (an aide)" in shown
