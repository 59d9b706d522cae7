"""Highlighting from offsets and the timeline geometry: hand-built inputs, no store."""

from __future__ import annotations

import random
from datetime import date

import pytest

from crosswire.web.highlight import Mark, highlight, marks_for
from crosswire.web.models import ArticleRecord, MentionRecord, QuoteRecord, SpeakerRecord, TimeRecord
from crosswire.web.timeline_svg import Point, chart, parse_day

TEXT = "Mayor Dana Okafor said on Monday that the bridge will reopen.\n\nIt will not, said Teague."


def mark(start: int, end: int, name: str) -> Mark:
    return Mark(start, end, name, f"title {name}", "name")


def covering(paragraphs: list[list[tuple[str, str]]], needle: str) -> set[str]:
    """The classes of the segment whose text is ``needle``."""
    found = [set(classes.split()) for p in paragraphs for text, classes in p if text == needle]
    assert found, needle
    return found[0]


def flat(text: str, marks: list[Mark]) -> list[list[tuple[str, str]]]:
    return [[(s.text, s.classes) for s in p.segments] for p in highlight(text, marks)]


def test_overlapping_spans_become_flat_segments() -> None:
    quote = mark(0, TEXT.index(" that"), "q")
    name = mark(6, 17, "m")
    day = mark(TEXT.index("Monday"), TEXT.index("Monday") + 6, "t")
    paragraphs = flat(TEXT, [quote, name, day])
    assert covering(paragraphs, "Dana Okafor") == {"q", "m"}
    assert covering(paragraphs, "Monday") == {"q", "t"}
    assert covering(paragraphs, " said on ") == {"q"}
    assert "".join(t for t, _ in paragraphs[0]) == TEXT.split("\n\n")[0]


def test_a_span_across_paragraphs_is_cut_at_the_break() -> None:
    across = mark(TEXT.index("reopen"), TEXT.index("It will") + 7, "q")
    paragraphs = flat(TEXT, [across])
    assert len(paragraphs) == 2
    assert paragraphs[0][-1] == ("reopen.", "q")
    assert paragraphs[1][0] == ("It will", "q")
    assert all("\n" not in t for p in paragraphs for t, _ in p)


@pytest.mark.parametrize("bad", [(-1, 4), (5, 3), (10, 10), (0, len(TEXT) + 1), (200, 300)])
def test_offsets_outside_the_text_are_ignored(bad: tuple[int, int]) -> None:
    paragraphs = flat(TEXT, [mark(*bad, "x")])
    assert all(classes == "" for p in paragraphs for _, classes in p)
    assert ["".join(t for t, _ in p) for p in paragraphs] == TEXT.split("\n\n")


def test_random_spans_keep_every_character_and_its_classes() -> None:
    rng = random.Random(3)
    text = "\n\n".join(
        " ".join(rng.choice(["a", "bb", "c<d", "&e", '"f']) for _ in range(30)) for _ in range(4)
    )
    for _ in range(50):
        marks = []
        for i in range(rng.randint(0, 12)):
            start = rng.randrange(len(text))
            marks.append(mark(start, min(len(text), start + rng.randint(1, 40)), f"k{i}"))
        paragraphs = highlight(text, marks)
        position = 0
        for paragraph in paragraphs:
            for segment in paragraph.segments:
                position = text.index(segment.text, position)
                expected = {
                    m.classes for m in marks if m.start <= position and position + len(segment.text) <= m.end
                }
                assert set(segment.classes.split()) == expected
                position += len(segment.text)
        kept = "".join(s.text for p in paragraphs for s in p.segments)
        assert kept == text.replace("\n\n", "")


def test_marks_for_an_article_record() -> None:
    okafor = TEXT.index("Dana Okafor")
    article = ArticleRecord(
        id="a",
        source="s",
        text=TEXT,
        mentions=[
            MentionRecord(
                text="Dana Okafor", start=okafor, end=okafor + 11, label="PERSON", canonical="Dana Okafor"
            ),
            MentionRecord(text="Monday", start=26, end=32, label="DATE"),
        ],
        quotes=[
            QuoteRecord(
                text="It will not",
                start=TEXT.index("It will"),
                end=TEXT.index(", said"),
                kind="direct",
                speaker=SpeakerRecord(name="Raymond Teague", role="Fire Chief", kind="person"),
            )
        ],
    )
    marks = {m.kind: m for m in marks_for(article)}
    assert (
        marks["quote"].classes == "q q-direct spk-0" and "Raymond Teague, Fire Chief" in marks["quote"].title
    )
    assert marks["name"].title == "PERSON: Dana Okafor"
    assert marks["date"].title == "DATE (not normalized): Monday"  # no times yet: spaCy's date
    article.times = [TimeRecord(text="Monday", start=26, end=32, value="2025-03-03", type="DATE")]
    assert [m.title for m in marks_for(article) if m.kind == "date"] == ["DATE: 2025-03-03"]


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-03-03", date(2025, 3, 3)),
        ("2025-03-03T16:47-05:00", date(2025, 3, 3)),
        ("2025-03", None),
        ("2025-W11", None),
        ("P5Y", None),
        ("2025-02-30", None),
        (None, None),
    ],
)
def test_parse_day(value: str | None, day: date | None) -> None:
    assert parse_day(value) == day


def test_chart_lanes_dots_and_ticks() -> None:
    points = [
        Point(date(2025, 3, 3), "Northgate", "event", "collapse"),
        Point(date(2025, 3, 3), "Northgate", "event", "collapse, again"),
        Point(date(2025, 3, 4), "Harbor", "published", "article"),
        Point(date(2025, 3, 13), "Harbor", "event", "inspection"),
    ]
    drawn = chart(points)
    assert drawn is not None
    assert [lane.label for lane in drawn.lanes] == ["Harbor", "Northgate"]
    assert len(drawn.dots) == 3  # the two Northgate events on one day share a dot
    shared = next(d for d in drawn.dots if len(d.titles) == 2)
    assert shared.title == "collapse\ncollapse, again" and shared.r > 4
    xs = {d.titles[0]: d.x for d in drawn.dots}
    assert xs["collapse"] == drawn.ticks[0].x < xs["article"] < xs["inspection"] == drawn.ticks[-1].x
    assert 2 <= len(drawn.ticks) <= 7 and drawn.ticks[0].label == "3 Mar 2025"


def test_chart_of_one_day_and_of_nothing() -> None:
    one = chart([Point(date(2025, 4, 15), "Wire", "published", "x")])
    assert one is not None and len(one.ticks) == 1 and one.dots[0].x == one.ticks[0].x
    assert chart([]) is None
