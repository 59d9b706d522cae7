"""The web UI in a real headless Chromium (Playwright), as an analyst would use it.

uvicorn serves the test store on 127.0.0.1 from a thread; the browser clicks from the
stories page to an article and an entity, searches, toggles highlights, and visits every
page carrying script-injection payloads to check that nothing runs. Screenshots land in
each test's tmp dir. Skips cleanly when Playwright or Debian's chromium is missing.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

if TYPE_CHECKING:  # for annotations only: the module is imported below, or the tests skip
    from playwright.sync_api import BrowserContext, Dialog, Page

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)
# Debian's chromium; CROSSWIRE_TEST_CHROMIUM names another build (Playwright's own download
# is never used: it needs a network this project's machines do not have).
CHROMIUM = Path(os.environ.get("CROSSWIRE_TEST_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

import uvicorn  # noqa: E402  (after the skips: only needed when the browser runs)
from webdata import PWN  # noqa: E402

from crosswire.config import Settings  # noqa: E402
from crosswire.web import create_app  # noqa: E402

pytestmark = pytest.mark.slow

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """uvicorn on a free port of 127.0.0.1, in a thread, for as long as the block runs."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(Settings(db_path=db)), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            thread.join(0.02)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def base(web_store: Path) -> Iterator[str]:
    with serving(web_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            user_data_dir=str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


class Watched:
    """A page plus everything it reported: console errors (CSP refusals), script errors, dialogs."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on(
            "console",
            lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("dialog", self._dismiss)

    def _dismiss(self, dialog: Dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.problems == []
        assert self.page.evaluate("() => window.__pwned") is None
        assert self.page.title() != "pwned"  # what the title payload would set


@pytest.fixture
def watched(browser: BrowserContext) -> Iterator[Watched]:
    page = browser.new_page()
    w = Watched(page)
    yield w
    page.close()


def test_from_stories_to_an_article_and_an_entity(watched: Watched, base: str, tmp_path: Path) -> None:
    page = watched.page
    page.goto(base + "/")
    sync_api.expect(page.locator("h1")).to_have_text("Stories")
    page.locator("a.headline", has_text=re.compile("bridge", re.I)).first.click()
    page.wait_for_url(re.compile(r"/stories/[^/]+$"))
    page.screenshot(path=tmp_path / "story.png", full_page=True)

    page.get_by_role(
        "link", name="Two killed as Calder River bridge span plunges into water in Port Adley"
    ).first.click()  # a quote card's link: the article at the quote, marked
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}(\?start=\d+&end=\d+#s-\d+-\d+)?$"))
    sync_api.expect(page.locator("article h1")).to_contain_text("Two killed")
    quote_span = page.locator(".text .q", has_text="We will find out why this bridge failed")
    sync_api.expect(quote_span).to_be_visible()
    assert "Dana Okafor, Mayor" in (quote_span.get_attribute("title") or "")  # the role with the name
    assert page.locator(".text .m").count() >= 10 and page.locator(".text .t").count() >= 3
    assert quote_span.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=tmp_path / "article.png", full_page=True)

    name = page.locator(".text .m").first
    assert name.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    page.locator("#hl-names").uncheck()  # highlights toggle with CSS alone
    assert name.evaluate("e => getComputedStyle(e).borderBottomStyle") == "none"
    page.locator("#hl-names").check()

    page.locator(".speakers").get_by_role("link", name=re.compile("Dana Okafor")).click()
    page.wait_for_url(re.compile(r"/entities/Dana%20Okafor$"))
    sync_api.expect(page.locator("h1")).to_have_text("Dana Okafor")
    sync_api.expect(page.locator(".quote-card", has_text="We will find out").first).to_be_visible()
    assert page.locator("svg.timeline .dot").count() >= 3
    page.screenshot(path=tmp_path / "entity.png", full_page=True)
    watched.assert_clean()


def test_search_from_the_header_then_filter(watched: Watched, base: str, tmp_path: Path) -> None:
    page = watched.page
    page.goto(base + "/articles")
    page.locator("header .quick-search input").fill("gusset")
    page.locator("header .quick-search input").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=gusset"))
    hits = page.locator(".hits .article-line")
    assert hits.count() >= 2
    sync_api.expect(page.locator(".hits mark").first).to_have_text(re.compile("gusset", re.I))

    page.locator("select[name=outlet]").select_option("Meridian Wire Service")
    page.locator("form.search-form button").click()
    page.wait_for_url(re.compile(r"outlet=Meridian"))
    badges = page.locator(".hits .badge").all_inner_texts()
    assert badges and set(badges) == {"Meridian Wire Service"}
    page.screenshot(path=tmp_path / "search.png", full_page=True)
    watched.assert_clean()


def test_hostile_payloads_never_run(
    watched: Watched, base: str, ids: dict[str, str], stories: dict[str, str], tmp_path: Path
) -> None:
    page = watched.page
    for path in [
        f"/articles/{ids['payload']}",
        "/entities/" + quote("Mallory Quint", safe=""),  # the payload article's speaker
        f"/stories/{stories['payload']}",
        "/search?q=" + quote("budget"),
        "/search?q=" + quote(PWN),
        "/articles",
        "/",
    ]:
        page.goto(base + path)
        for span in page.locator(".text span[title], .chip").all()[:12]:
            span.hover()  # hover handlers would fire here if any had been injected
        watched.assert_clean()
    page.goto(base + f"/articles/{ids['payload']}")
    sync_api.expect(page.locator("article h1")).to_contain_text(f"<script>{PWN}")  # shown as text
    sync_api.expect(page.locator(".text")).to_contain_text("<iframe src=javascript:")
    assert page.locator("article iframe, article img, article script").count() == 0
    page.screenshot(path=tmp_path / "payload.png", full_page=True)
    page.goto(base + f"/articles/{ids['payload']}/raw")
    assert page.evaluate("() => document.contentType") == "text/plain"
    watched.assert_clean()


def test_story_page_once_stories_exist(
    watched: Watched, base: str, stories: dict[str, str], tmp_path: Path
) -> None:
    page = watched.page
    page.goto(base + "/")
    page.locator(f'a[href="/stories/{stories["bridge"]}"]').first.click()
    page.wait_for_url(re.compile(f"/stories/{stories['bridge']}$"))
    sync_api.expect(page.locator("h1")).to_contain_text("bridge")
    assert page.locator("svg.timeline .dot").count() >= 4
    sync_api.expect(page.locator(".speaker-block", has_text="Dana Okafor").first).to_be_visible()
    assert page.get_by_text("Not computed yet.").count() == 3  # the lead, variants, disagreements
    page.screenshot(path=tmp_path / "story.png", full_page=True)
    watched.assert_clean()


def test_a_citation_opens_the_article_scrolled_to_its_span_marked(
    watched: Watched, base: str, stories: dict[str, str], tmp_path: Path
) -> None:
    page = watched.page
    page.goto(base + f"/stories/{stories['water']}")
    cite = page.locator(".conflict-list a.cite").first
    href = str(cite.get_attribute("href"))
    cite.click()
    page.wait_for_url(re.compile(r"/articles/\w+\?start=\d+&end=\d+#s-\d+-\d+$"))
    mark = page.locator(f"mark#{href.split('#')[1]}")
    sync_api.expect(mark).to_be_visible()
    sync_api.expect(mark).to_be_in_viewport()
    page.screenshot(path=tmp_path / "cited.png")
    watched.assert_clean()
