"""Provenance you can click: every citation of the brief and the story page opens the article
at its span, marked, on the real server over a store the real pipeline built; the span's
place in the raw input; a two-article story's brief on one screen.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from spacy.language import Language
from test_app import assert_inert
from webdata import PAYLOAD_TEXT, PWN, TestClient

from crosswire.cli import DEMO_CORPUS
from crosswire.config import Settings
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database, queries
from crosswire.stories import render_brief
from crosswire.stories.brief import render_record
from crosswire.stories.brief_sections import build_brief, cited_spans
from crosswire.stories.record import story_record
from crosswire.types import Article

CITE = re.compile(r'<a class="cite" href="([^"]+)"')
MARKED = re.compile(r'<mark class="cited" id="(s-\d+-\d+)">')


def _marked_text(page: str) -> str:
    """The words inside every cited <mark>, tags dropped, as a reader sees them."""
    inside = re.findall(r'<mark class="cited"[^>]*>(.*?)</mark>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(inside)))


def test_every_citation_of_the_html_brief_opens_its_span_marked(
    client: TestClient, web_store: Path, stories: dict[str, str]
) -> None:
    with Database(web_store) as db:  # the water talks were compared and cached: nothing computed
        record = story_record(db, stories["water"], embedder=None)
    assert record is not None
    page = render_record(record, "html")
    links = list(dict.fromkeys(html.unescape(h) for h in CITE.findall(page)))
    spans = [s for s in cited_spans(_all_lines(record)) if "start" in s]
    assert len(links) >= 10 and len(spans) >= 10
    for href in [h for h in links if "?start=" in h][:12]:
        shown = client.get(href)
        assert shown.status_code == 200, href
        anchor = href.split("#", 1)[1]
        assert MARKED.findall(shown.text) == [anchor]  # one anchor, the one the link scrolls to
        start, end = (int(n) for n in anchor.split("-")[1:])
        article_id = href.split("/")[2].split("?")[0]
        text = client.get(f"/articles/{article_id}.json").json()["article"]["text"]
        assert _marked_text(shown.text) == text[start:end]


def _all_lines(record: dict[str, object]) -> list[list[tuple[str, object]]]:
    brief = build_brief(record, show_all=True)
    return [brief.top_line, *(line for s in brief.sections for line in s.lines)]


def test_a_cited_span_of_hostile_text_is_marked_and_stays_inert(
    client: TestClient, ids: dict[str, str]
) -> None:
    article = client.get(f"/articles/{ids['payload']}.json").json()["article"]
    start = article["text"].index("<script>")
    end = article["text"].index("in Port Adley")
    page = client.get(f"/articles/{ids['payload']}?start={start}&end={end}")
    assert page.status_code == 200
    assert_inert(page.text)
    assert f'id="s-{start}-{end}"' in page.text and _marked_text(page.text) == article["text"][start:end]
    assert f"<script>{PWN}" in PAYLOAD_TEXT and f"&lt;script&gt;{PWN}" in page.text


def test_offsets_outside_the_text_show_the_article_unmarked(client: TestClient, ids: dict[str, str]) -> None:
    for query in ("start=50&end=10", "start=0&end=999999", "start=7"):
        shown = client.get(f"/articles/{ids['bridge']}.json?{query}")
        assert shown.status_code == 200 and shown.json()["cited"] is None, query
        assert 'class="cited"' not in client.get(f"/articles/{ids['bridge']}?{query}").text
    assert client.get(f"/articles/{ids['bridge']}?start=-1&end=4").status_code == 422


def test_a_cited_span_maps_back_to_the_raw_text(
    client: TestClient, web_store: Path, ids: dict[str, str]
) -> None:
    text = client.get(f"/articles/{ids['bridge']}.json").json()["article"]["text"]
    start = text.index("Fire Chief")
    end = text.index(".", start)
    cited = client.get(f"/articles/{ids['bridge']}.json?start={start}&end={end}").json()["cited"]
    with Database(web_store) as db:
        found = queries.raw_input(db, ids["bridge"])
    assert found is not None and found[0] == "text"
    raw = cited["raw"]
    assert raw["media_type"] == "text"
    assert raw["start"] != start  # the raw file has lines the cleaned text has not (metadata)
    assert found[1][raw["start"] : raw["end"]].split() == text[start:end].split()


def test_a_cited_span_maps_back_to_an_element_of_the_raw_page(
    client: TestClient, web_store: Path, ids: dict[str, str]
) -> None:
    text = client.get(f"/articles/{ids['okafor']}.json").json()["article"]["text"]
    start = text.index("Okafor")
    cited = client.get(f"/articles/{ids['okafor']}.json?start={start}&end={start + 30}").json()["cited"]
    raw = cited["raw"]
    assert raw["media_type"] == "html" and raw["element"].endswith("]")
    with Database(web_store) as db:
        found = queries.raw_input(db, ids["okafor"])
    assert found is not None
    node: Any = lxml_html.fromstring(found[1].encode("utf-8")).getroottree().xpath(raw["element"])
    assert node and str(node[0])[raw["offset"] :].startswith("Okafor")
    page = client.get(f"/articles/{ids['okafor']}?start={start}&end={start + 30}").text
    assert "In the raw page:" in page


def test_the_story_page_leads_with_the_top_line_conflicts_and_agreed_core(
    client: TestClient, stories: dict[str, str]
) -> None:
    page = client.get(f"/stories/{stories['water']}").text
    top, conflicts, agreed = (page.find(m) for m in ('class="top-line"', "Where outlets disagree",
                                                      "What every outlet reports"))  # fmt: skip
    assert 0 < top < conflicts < agreed < page.find("Coverage by outlet")
    data = client.get(f"/stories/{stories['water']}.json").json()
    assert data["top_line"] and data["conflicts"] and data["agreed"]
    cites = [p for line in data["conflicts"] for p in line if p["kind"] == "cite"]
    assert cites and all(re.fullmatch(r"/articles/\w+\?start=\d+&end=\d+#s-\d+-\d+", p["url"]) for p in cites)
    assert_inert(page)


TIMEX = re.compile(r"\d{4}-\d\d-\d\dT(MO|MI|AF|EV|NI)\b|\d{4}-W\d\d|\bP\d+[YMWD]\b|_REF\b")


def test_the_story_timeline_reads_as_dated_events(client: TestClient, stories: dict[str, str]) -> None:
    for story in (stories["water"], stories["bridge"]):
        events = client.get(f"/stories/{story}.json").json()["events"]
        assert events, story
        for line in events:
            when = line[0]["text"]
            assert re.search(r"\b20\d\d\b", when) and not TIMEX.search(when), when  # "Monday, 3 Mar 2025:"
            assert line[1]["kind"] == "quote" and len(line[1]["text"]) > 20  # the event, not a date word


def test_a_two_article_story_brief_fits_on_one_screen(tmp_path: Path, nlp: Language) -> None:
    """Two outlets' reports of the bridge collapse, through the real pipeline and brief."""
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("harbor-ledger/2025-03-04-calder-bridge-collapse.txt",
                 "northgate/2025-03-04-calder-river-bridge-collapse.html"):  # fmt: skip
        shutil.copy(DEMO_CORPUS / name, folder / Path(name).name)
    path = tmp_path / "two.db"
    with Database(path) as db:
        report = Pipeline(Settings(db_path=path), ArticleStore(db), nlp=nlp).ingest([str(folder)])
        assert report.added == 2
        story = queries.largest_story(db)
        assert story is not None
        brief = render_brief(db, story, "md", embedder=None)
        record = story_record(db, story, embedder=None)
    assert record is not None and len(record["articles"]) == 2
    assert len(brief.splitlines()) <= 60, brief
    texts = {a.id: a.text for a in _articles(path)}
    for s in cited_spans(_all_lines(record)):
        if "start" in s and len(s.get("parts") or []) < 2:  # a split quote's text is its parts' words
            assert texts[s["article_id"]][s["start"] : s["end"]] == s["text"]
    assert "## Where outlets disagree" in brief and "“14”" in brief and "“16”" in brief


def _articles(path: Path) -> list[Article]:
    with Database(path) as db:
        return [a for i in queries.article_ids(db, 10) if (a := queries.article(db, i)) is not None]
