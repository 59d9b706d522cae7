"""The brief read from hand-made story records: the record as the comparison writes it today
(``disagreements``, ``coverage``) and as it grows (``conflicts`` with confidence and reason,
``omissions``, ``agreed`` indexes, claim frames). Our own fictional sentences throughout.
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from crosswire.errors import CrosswireError
from crosswire.store import Database
from crosswire.stories.brief import render_brief, render_record
from crosswire.stories.brief_sections import (
    SPEAKERS_SHOWN,
    UNIQUE_PER_OUTLET,
    build_brief,
    cited_spans,
    events,
    span_url,
)

A, B = "aaaa1111bbbb2222", "cccc3333dddd4444"
TEXT = {
    A: "HOLMFIRTH — Floodwater closed the Tarn Road bridge on Sunday, the council said. "
    "The river rose 3 metres overnight. A bakery gave out 40 loaves. The mill was built in 1871.",
    B: "Floodwater shut the Tarn Road bridge on Sunday, officials said. "
    "The river rose 4 metres overnight. Pupils were sent home early.",
}


def span(article: str, words: str, outlet: str | None = None, nth: int = 0) -> dict[str, Any]:
    text = TEXT[article]
    start = [m.start() for m in re.finditer(re.escape(words), text)][nth]
    return {"article_id": article, "outlet": outlet or ("Tarn Post" if article == A else "Vale Echo"),
            "start": start, "end": start + len(words), "text": words}  # fmt: skip


def sentence(article: str, first_words: str) -> dict[str, Any]:
    text = TEXT[article]
    start = text.index(first_words)
    end = text.index(".", start) + 1
    return span(article, text[start:end])


FACTS = [
    {"outlets": ["Tarn Post", "Vale Echo"],
     "claims": [sentence(A, "HOLMFIRTH"), sentence(B, "Floodwater shut")]},
    {"outlets": ["Tarn Post", "Vale Echo"],
     "claims": [sentence(A, "The river rose"), sentence(B, "The river rose")]},
    {"outlets": ["Tarn Post"], "claims": [sentence(A, "A bakery")]},
    {"outlets": ["Vale Echo"], "claims": [sentence(B, "Pupils were")]},
]  # fmt: skip


LEAD_A, LEAD_B = sentence(A, "HOLMFIRTH"), sentence(B, "Floodwater shut")


def quote(article: str, words: str, who: str | None = None) -> dict[str, Any]:
    return {**span(article, words), "kind": "direct", "role": None, "copies": 0, "who": who, "via": []}


def base_record() -> dict[str, Any]:
    """A two-outlet story as today's comparison records it (no conflicts/agreed keys)."""
    return {
        "version": 4, "compared": True, "id": "story1", "title": "Flood closes Tarn Road bridge",
        "first_published": "2026-02-01", "last_published": "2026-02-01",
        "articles": [
            {"id": A, "outlet": "Tarn Post", "title": "Flood closes bridge", "published": "2026-02-01",
             "near_duplicate_of": None, "independent": True},
            {"id": B, "outlet": "Vale Echo", "title": "Bridge shut by flood", "published": "2026-02-01",
             "near_duplicate_of": None, "independent": True},
        ],
        "timeline": [
            {"value": "1871", "type": "DATE", "readable": "1871", "outlets": ["Tarn Post"],
             "mentions": [{**span(A, "1871"), "event": "built", "sentence": "The mill was built in 1871.",
                           "anchor_start": TEXT[A].index("The mill"), "anchor_end": len(TEXT[A])}]},
            {"value": "2026-02-01", "type": "DATE", "readable": "Sunday, 1 Feb 2026",
             "outlets": ["Tarn Post", "Vale Echo"],
             "mentions": [{**span(A, "Sunday"), "event": "closed", "sentence": LEAD_A["text"],
                           "anchor_start": 0, "anchor_end": LEAD_A["end"]},
                          {**span(B, "Sunday"), "event": "shut", "sentence": LEAD_B["text"]}]},
        ],
        "quotes": [
            {"speaker": "Ada Brook", "entity_id": "e1", "kind": "person", "label": "PERSON",
             "roles": ["council leader"],
             "quotes": [quote(A, "Floodwater closed"), quote(B, "Floodwater shut")]},
            {"speaker": "Holmfirth", "entity_id": "e2", "kind": "organization", "label": "GPE", "roles": [],
             "quotes": [quote(A, "The river rose")]},
            {"speaker": "A video", "entity_id": None, "kind": "person", "roles": [],
             "quotes": [quote(B, "Pupils were")]},
            {"speaker": "unknown", "entity_id": None, "roles": [],
             "quotes": [quote(B, "officials said", "unknown (officials)")]},
        ],
        "quote_variants": [
            {"speaker": "Ada Brook", "kind": "paraphrased", "similarity": 0.7,
             "a": quote(A, "Floodwater closed"), "b": quote(B, "Floodwater shut"),
             "diff": [["equal", "Floodwater", "Floodwater"], ["replace", "closed", "shut"]]},
        ],
        "disagreements": [
            {"kind": "number", "a": span(A, "3 metres"), "b": span(B, "4 metres"), "missing_from": [],
             "claim_a": sentence(A, "The river rose"), "claim_b": sentence(B, "The river rose")},
            {"kind": "omission", "a": span(A, "A bakery"), "b": None, "missing_from": ["Vale Echo"],
             "claim_a": sentence(A, "A bakery"), "claim_b": None},
        ],
        "coverage": {"outlets": ["Tarn Post", "Vale Echo"], "facts": copy.deepcopy(FACTS), "unique": [2, 3]},
    }  # fmt: skip


def grown_record() -> dict[str, Any]:
    """The same story as the comparison records it once it has conflicts, omissions, agreed."""
    record = base_record()
    record["conflicts"] = [
        {"kind": "number", "a": span(A, "3 metres"), "b": span(B, "4 metres"), "confidence": 0.87,
         "reason": "the river's rise overnight: 3 metres vs 4 metres",
         "claim_a": sentence(A, "The river rose"), "claim_b": sentence(B, "The river rose")},
    ]  # fmt: skip
    record["omissions"] = [{"a": span(A, "A bakery"), "missing_from": ["Vale Echo"]}]
    record["agreed"] = [1]  # the comparison's own index wins over the matrix
    record["coverage"]["facts"][1]["claims"][0]["frame"] = {
        "actor": "the river", "place": "Holmfirth", "dates": [{"value": "2026-01-31TNI"}]}
    return record


def md(record: dict[str, Any], show_all: bool = False) -> str:
    return render_record(record, "md", show_all)


def section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _items(text: str) -> int:
    return sum(line.startswith("- ") for line in text.splitlines())


def test_conflicts_lead_and_omissions_never_count_as_disagreements() -> None:
    brief = md(base_record())
    headings = re.findall(r"^## (.+)$", brief, re.M)
    assert headings[0] == "Where outlets disagree"
    disagree = section(brief, "Where outlets disagree")
    assert "number:" in disagree and "“3 metres”" in disagree and "“4 metres”" in disagree
    assert "different figures for the same quantity" in disagree  # the reason, by kind
    assert "bakery" not in disagree and "omission" not in brief


def test_a_record_with_conflicts_uses_their_confidence_and_reason() -> None:
    brief = md(grown_record())
    disagree = section(brief, "Where outlets disagree")
    assert "confidence 0.87" in disagree and "3 metres vs 4 metres" in disagree
    assert _items(disagree) == 1


def test_no_disagreement_section_when_outlets_agree() -> None:
    record = base_record()
    record["disagreements"] = [d for d in record["disagreements"] if d["kind"] == "omission"]
    assert "## Where outlets disagree" not in md(record)
    grown = grown_record()
    grown["conflicts"] = []
    assert "## Where outlets disagree" not in md(grown)


def test_the_top_line_is_the_most_central_agreed_fact_with_when_and_where() -> None:
    top = md(base_record()).split("\n\n")[2]
    assert top.startswith("**“HOLMFIRTH — Floodwater closed the Tarn Road bridge")
    assert "when: Sunday, 1 Feb 2026" in top and "where: Holmfirth" in top
    assert f"[{A[:8]}:" in top and f"[{B[:8]}:" in top  # every outlet's span


def test_the_top_line_follows_the_recorded_agreed_index_and_frame() -> None:
    top = md(grown_record()).split("\n\n")[2]
    assert top.startswith("**“The river rose 3 metres overnight.”")
    assert "who: the river" in top and "where: Holmfirth" in top
    assert "when: Saturday night, 31 Jan 2026" in top  # a frame's TIMEX3 value, read as words


def test_agreed_core_cites_every_outlet_and_unique_facts_are_listed_by_outlet() -> None:
    brief = md(base_record())
    agreed = section(brief, "What every outlet reports")
    assert _items(agreed) == 2 and "Tarn Post [" in agreed and "Vale Echo [" in agreed
    unique = section(brief, "Only one outlet reports")
    assert "Tarn Post: “A bakery gave out 40 loaves.”" in unique
    assert "Vale Echo: “Pupils were sent home early.”" in unique


def test_an_outlets_restatement_backs_an_agreed_fact_without_a_second_citation() -> None:
    record = base_record()
    restated = {**sentence(A, "The river rose"), "restates": True}
    record["coverage"]["facts"][1]["claims"].append(restated)
    agreed = section(md(record), "What every outlet reports")
    river = next(line for line in agreed.splitlines() if "river rose" in line)
    assert river.count("Tarn Post") == 1 and river.count("Vale Echo") == 1


def test_unique_facts_show_the_top_few_per_outlet_and_all_on_demand() -> None:
    record = base_record()
    extra = [{"outlets": ["Tarn Post"], "claims": [{**sentence(A, "A bakery"), "start": 500 + i,
                                                    "text": f"Fact number {i} of the day."}]}
             for i in range(6)]  # fmt: skip
    record["coverage"]["facts"] += extra
    record["coverage"]["unique"] += list(range(4, 10))
    brief = md(record)
    assert section(brief, "Only one outlet reports").count("Tarn Post:") == UNIQUE_PER_OUTLET
    assert "… 4 more: `crosswire brief --all`" in brief
    assert section(md(record, show_all=True), "Only one outlet reports").count("Tarn Post:") == 7


def test_who_said_what_keeps_people_organisations_and_unknowns_one_line_per_utterance() -> None:
    said = section(md(base_record()), "Who said what")
    lines = said.strip().splitlines()
    assert len(lines) == 2  # Ada Brook's one utterance in two renderings; the unknown speaker
    assert lines[0].startswith("- Ada Brook (council leader):") and "paraphrased:" in lines[0]
    assert "Tarn Post [" in lines[0] and "Vale Echo [" in lines[0] and "[-closed-] {+shut+}" in lines[0]
    assert lines[1].startswith("- unknown (officials):")
    assert "Holmfirth" not in said and "A video" not in said  # a place, and no name at all


def test_speakers_past_the_first_few_are_counted() -> None:
    record = base_record()
    record["quotes"] = [
        {"speaker": f"Person {chr(65 + i)} Example", "entity_id": f"p{i}", "kind": "person",
         "label": "PERSON", "roles": [], "quotes": [quote(A, "The river rose")]}
        for i in range(SPEAKERS_SHOWN + 2)
    ]  # fmt: skip
    said = section(md(record), "Who said what")
    assert said.count("Example:") == SPEAKERS_SHOWN and "… 2 more" in said


def test_the_timeline_is_events_with_readable_dates_and_no_background_years() -> None:
    found = events(base_record())  # both outlets' lead sentences: one aligned fact, one event
    assert [e["readable"] for e in found] == ["Sunday, 1 Feb 2026"]
    assert [m["outlet"] for m in found[0]["also"]] == ["Vale Echo"]
    timeline = section(md(base_record()), "Timeline")
    assert "Sunday, 1 Feb 2026: “HOLMFIRTH — Floodwater closed" in timeline and "· Vale Echo [" in timeline
    assert "1871" not in timeline and "2026-02-01" not in timeline


def test_two_outlets_saying_something_on_one_day_are_two_events() -> None:
    record = base_record()
    record["coverage"]["facts"] = []  # nothing aligned: only the event words can join mentions
    for m in record["timeline"][1]["mentions"]:
        m["event"] = "said"
    assert len(events(record)) == 2
    for m in record["timeline"][1]["mentions"]:
        m["event"] = "flooded"
    assert len(events(record)) == 1


def test_every_cited_span_is_its_articles_characters() -> None:
    for record in (base_record(), grown_record()):
        brief = build_brief(record, show_all=True)
        spans = cited_spans([brief.top_line, *(line for s in brief.sections for line in s.lines)])
        assert len(spans) > 10
        for s in spans:
            if "start" in s:
                assert TEXT[s["article_id"]][s["start"] : s["end"]] == s["text"]


def test_a_record_without_the_comparison_still_reads() -> None:
    compared = ("coverage", "disagreements", "quote_variants")
    record = {k: v for k, v in base_record().items() if k not in compared}
    brief = md(record)
    assert "No facts compared yet." in brief and "## Who said what" in brief


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_html_brief_links_every_citation_to_its_span_and_escapes_article_text() -> None:
    record = grown_record()
    record["title"] = HOSTILE
    record["coverage"]["facts"][2]["claims"][0]["text"] = f'"><a href="javascript:alert(3)">{HOSTILE}'
    record["quotes"][0]["roles"] = [HOSTILE]
    record["articles"][0]["outlet"] = HOSTILE
    page = render_record(record, "html")
    parser = _Links()
    parser.feed(page)
    assert {t for t, _ in parser.tags} <= {"html", "head", "meta", "title", "body", "h1", "h2", "p", "strong",
                                           "ul", "li", "q", "a"}  # fmt: skip
    links = [attrs["href"] for tag, attrs in parser.tags if tag == "a"]
    assert links and all(str(h).startswith("/articles/") for h in links)
    first = record["conflicts"][0]["a"]
    assert span_url(A, first["start"], first["end"]) in links
    start, end = first["start"], first["end"]
    assert f"/articles/{A}?start={start}&end={end}#s-{start}-{end}" in links
    assert "&lt;script&gt;" in page and "<script" not in page


@pytest.mark.parametrize("article_id", ["../../admin", "a b?c#d", "<x>"])
def test_span_urls_quote_the_article_id(article_id: str) -> None:
    url = span_url(article_id, 1, 5)
    assert url.startswith("/articles/") and "/" not in url[len("/articles/"):].split("?")[0]
    assert url.endswith("?start=1&end=5#s-1-5") and "<" not in url and " " not in url


def test_html_citations_can_point_at_a_running_server() -> None:
    page = render_record(grown_record(), "html", link_base="http://127.0.0.1:8000/")
    assert f'href="http://127.0.0.1:8000/articles/{A}?start=' in page


def test_markdown_keeps_article_words_from_becoming_links_or_html() -> None:
    record = base_record()
    record["title"] = "Flood [click](javascript:alert(1)) <img src=x onerror=alert(2)>"
    brief = md(record)
    assert "](javascript" not in brief and not re.search(r"(?<!\\)<img", brief)
    assert brief.startswith("# Flood [click]\\(javascript:alert(1)) \\<img src=x")


def test_a_link_base_that_is_not_http_is_refused(db: Database) -> None:
    with pytest.raises(CrosswireError, match="not an http"):
        render_brief(db, "any", "html", embedder=None, link_base="javascript:alert(1)//")


@pytest.mark.parametrize("claim, where", [
    ("Crews worked in January near Holm Bridge.", "Holm Bridge"),
    ("The vote is due in March.", ""),
    ("HOLMFIRTH, West Riding — The vote is due on Monday.", "Holmfirth"),
])  # fmt: skip
def test_where_is_a_place_never_a_month(claim: str, where: str) -> None:
    from crosswire.stories.brief_sections import _where

    assert _where([{"article_id": A, "start": 0, "end": len(claim), "text": claim}]) == where


def test_sources_name_an_article_in_another_language() -> None:
    record = base_record()
    record["articles"][1]["language"] = "ru"
    sources = section(md(record), "Sources")
    assert "Vale Echo, " in sources and ", in ru:" in sources
    assert ", in en" not in sources and sources.count(", in ") == 1


def test_conflicts_below_the_confidence_floor_stay_out_of_the_brief() -> None:
    record = grown_record()
    for conflict in record["conflicts"]:
        conflict["confidence"] = 0.3
    assert "Where outlets disagree" not in md(record)
