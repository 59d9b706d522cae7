"""clean_plain_text: body text out, title/dek/byline/outlet/date/captions into fields.

Every article here is made up for these tests; only the two seed checks at the bottom read
real articles (from the shared folder, skipped when it is absent).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from crosswire.ingest.plaintext import CleanedText, clean_plain_text

TITLE = "Northbridge council adds evening ferry crossings"
DEK = "Commuters had asked for later boats for two years; opponents warn of pier repair costs"
BODY_A = (
    "The city council of Northbridge voted on Tuesday to expand the harbor ferry service, "
    "adding four evening crossings that commuters had requested for more than two years."
)
BODY_B = (
    "“We listened to the people who ride these boats every day,” said council member Dana "
    "Whitfield, who sponsored the measure and expects the new schedule to begin in spring."
)
BODY_C = (
    "Opponents argued that the added crossings would strain a budget already stretched by "
    "repairs to the north pier, but the motion passed by a vote of seven to two."
)
BODY = [BODY_A, BODY_B, BODY_C]
CAPTION = "Council member Dana Whitfield (center) speaks before the vote in Northbridge on Tuesday."


def article(*header: str, body: list[str] = BODY, footer: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*header, *body, *footer])


def assert_body_only(cleaned: CleanedText, body: list[str] = BODY) -> None:
    assert cleaned.text == "\n\n".join(body)


# --- Header layouts ---------------------------------------------------------------------

LAYOUTS = {
    "wire layout, name printed twice, outlet, caption, date": (
        article(
            TITLE,
            DEK,
            "Dana Okafor",
            "Dana Okafor",
            "The Northbridge Gazette",
            CAPTION + " PHOTO: NORTHBRIDGE GAZETTE",
            "September 13, 2023",
        ),
        dict(
            title=TITLE,
            dek=DEK,
            byline="Dana Okafor",
            outlet="The Northbridge Gazette",
            published="2023-09-13",
        ),
    ),
    "By line and date line": (
        article(TITLE, "By Jane Roe", "Sept. 13, 2023"),
        dict(title=TITLE, dek=None, byline="Jane Roe", outlet=None, published="2023-09-13"),
    ),
    "name | agency": (
        article(TITLE, DEK, "Jane Roe | Reuters"),
        dict(title=TITLE, dek=DEK, byline="Jane Roe", outlet="Reuters", published=None),
    ),
    "date first": (
        article("13 September 2023", TITLE, "By Li Wei"),
        dict(title=TITLE, dek=None, byline="Li Wei", outlet=None, published="2023-09-13"),
    ),
    "outlet first": (
        article("Daily Planet", TITLE, DEK),
        dict(title=TITLE, dek=DEK, byline=None, outlet="Daily Planet", published=None),
    ),
    "Korean-style posted/modified line": (
        article(TITLE, "Posted on : 2023-09-14 15:46 KST Modified on : 2023-09-14 16:10 KST", DEK),
        dict(title=TITLE, dek=DEK, byline=None, outlet=None, published="2023-09-14T15:46:00+09:00"),
    ),
    "ISO date line": (
        article(TITLE, "2023-09-14", DEK),
        dict(title=TITLE, dek=DEK, byline=None, outlet=None, published="2023-09-14"),
    ),
    "title only": (
        article(TITLE),
        dict(title=TITLE, dek=None, byline=None, outlet=None, published=None),
    ),
    "two authors with a role": (
        article(TITLE, "By Jane Roe and Li Wei, staff reporters"),
        dict(title=TITLE, dek=None, byline="Jane Roe and Li Wei", outlet=None, published=None),
    ),
    "three authors": (
        article(TITLE, "By Jane Roe, Li Wei and Tomás de la Vega"),
        dict(
            title=TITLE, dek=None, byline="Jane Roe, Li Wei and Tomás de la Vega", outlet=None, published=None
        ),
    ),
    "title carrying the outlet": (
        article(f"{TITLE} | The Northbridge Gazette", "By Jane Roe"),
        dict(title=TITLE, dek=None, byline="Jane Roe", outlet="The Northbridge Gazette", published=None),
    ),
    "byline and time on one line": (
        article(TITLE, "By Jane Roe | Sept. 13, 2023 at 3:45 p.m. EDT"),
        dict(title=TITLE, dek=None, byline="Jane Roe", outlet=None, published="2023-09-13T15:45:00-04:00"),
    ),
    "outlet and date on one line": (
        article(TITLE, "Yonhap News Agency · 14 Sep 2023 09:00 GMT", DEK),
        dict(
            title=TITLE,
            dek=DEK,
            byline=None,
            outlet="Yonhap News Agency",
            published="2023-09-14T09:00:00+00:00",
        ),
    ),
    "sentence-long standfirst before the byline": (
        article(TITLE, BODY_C.replace("Opponents", "Critics"), "By Jane Roe", "March 3, 2025"),
        dict(
            title=TITLE,
            dek=BODY_C.replace("Opponents", "Critics"),
            byline="Jane Roe",
            outlet=None,
            published="2025-03-03",
        ),
    ),
    "published then updated lines": (
        article(TITLE, "Published: 14 Sep 2023 09:00 GMT", "Updated: 15 Sep 2023 10:30 GMT"),
        dict(title=TITLE, dek=None, byline=None, outlet=None, published="2023-09-14T09:00:00+00:00"),
    ),
    "time printed before the date": (
        article(TITLE, "Jane Roe, Associated Press", "Updated 3:45 PM EDT, Wed September 13, 2023"),
        dict(
            title=TITLE,
            dek=None,
            byline="Jane Roe",
            outlet="Associated Press",
            published="2023-09-13T15:45:00-04:00",
        ),
    ),
    "bare name after the dek, with particles": (
        article(TITLE, DEK, "Ursula van der Berg", "Associated Press"),
        dict(title=TITLE, dek=DEK, byline="Ursula van der Berg", outlet="Associated Press", published=None),
    ),
    "section breadcrumb and labels before the title": (
        article("World News", TITLE, "By Jane Roe", "Listen to this article"),
        dict(title=TITLE, dek=None, byline="Jane Roe", outlet=None, published=None),
    ),
    "by agency": (
        article(TITLE, "By The Associated Press", "2025-03-03"),
        dict(title=TITLE, dek=None, byline=None, outlet="The Associated Press", published="2025-03-03"),
    ),
    "hyphenated given name, no dek": (
        article(TITLE, "Kwon Se-hee", "The Harbor Times", "2025/03/03"),
        dict(title=TITLE, dek=None, byline="Kwon Se-hee", outlet="The Harbor Times", published="2025-03-03"),
    ),
    "breadcrumb, masthead in capitals, sharing buttons": (
        article(
            "Home > World > Europe",
            "THE NORTHBRIDGE GAZETTE",
            TITLE,
            "Posted on : 2025-04-15 07:40 EDT Modified on : 2025-04-15 11:02 EDT",
            "Share on Facebook   Share on X   Email",
        ),
        dict(
            title=TITLE,
            dek=None,
            byline=None,
            outlet="The Northbridge Gazette",
            published="2025-04-15T07:40:00-04:00",
        ),
    ),
    "kicker above the title": (
        article("EXCLUSIVE", TITLE, DEK),
        dict(title=TITLE, dek=DEK, byline=None, outlet=None, published=None),
    ),
    "unknown syndicate next to the byline, time split from the date": (
        article(TITLE, "By Jane Roe | Northbridge Syndicate", "Wednesday, 16 April 2025 | 06:15 EDT"),
        dict(title=TITLE, dek=None, byline="Jane Roe", outlet=None, published="2025-04-16T06:15:00-04:00"),
    ),
    "name in a place, dotted time with weekday": (
        article(TITLE, DEK, "Jane Roe in Northbridge", "Wed 13 Sep 2023 09.00 BST"),
        dict(title=TITLE, dek=DEK, byline="Jane Roe", outlet=None, published="2023-09-13T09:00:00+01:00"),
    ),
    "byline in capitals": (
        article(TITLE, "By JANE O'ROE", "Updated 3:45 PM EDT, September 13, 2023"),
        dict(title=TITLE, dek=None, byline="Jane O'Roe", outlet=None, published="2023-09-13T15:45:00-04:00"),
    ),
    "byline with a bracketed aside, date with 'at' and a city": (
        article(
            TITLE,
            DEK,
            "By Jane Roe (Northbridge, correspondent)",
            "Published on September 13, 2023, at 3:45 pm (Northbridge)",
        ),
        dict(title=TITLE, dek=DEK, byline="Jane Roe", outlet=None, published="2023-09-13T15:45:00"),
    ),
    "day-first numeric date, role line, relative stamp": (
        article(TITLE, "By Jane Roe", "Staff writer", "13/09/2023 - updated 2 hours ago"),
        dict(title=TITLE, dek=None, byline="Jane Roe", outlet=None, published="2023-09-13"),
    ),
}


@pytest.mark.parametrize(("raw", "expected"), LAYOUTS.values(), ids=LAYOUTS.keys())
def test_header_layouts(raw: str, expected: dict[str, str | None]) -> None:
    cleaned = clean_plain_text(raw)
    found = {name: getattr(cleaned, name) for name in expected}
    assert found == expected
    assert_body_only(cleaned)


def test_wire_layout_keeps_caption_out_of_text() -> None:
    raw = LAYOUTS["wire layout, name printed twice, outlet, caption, date"][0]
    cleaned = clean_plain_text(raw)
    assert cleaned.captions == [CAPTION + " PHOTO: NORTHBRIDGE GAZETTE"]
    assert "Whitfield (center)" not in cleaned.text


# --- Captions ---------------------------------------------------------------------------

CAPTIONS = [
    "Ferry passengers board at the east terminal (left) as the harbor master (right) looks on.",
    "Dana Whitfield (second from right) tours the north pier with engineers.",
    "The evening ferry leaves the east terminal. PHOTO: Jane Roe",
    "Photo: The evening ferry leaves the east terminal.",
    "Passengers wait for the last crossing. (AP Photo/Li Wei)",
    "Passengers wait for the last crossing in the rain. (Reuters/Yonhap)",
    "The north pier under repair. Photo by Li Wei / Getty Images",
    "Credit: Northbridge Port Authority",
    "[PHOTO] Engineers inspect the pier pilings on Monday",
    "The new ferry, seen from the harbor wall (L-R): the bow, the deck and the bridge.",
]


@pytest.mark.parametrize("caption", CAPTIONS)
@pytest.mark.parametrize("where", ["header", "body"])
def test_captions_leave_the_text(caption: str, where: str) -> None:
    raw = (
        article(TITLE, caption)
        if where == "header"
        else article(TITLE, body=[BODY_A, caption, BODY_B, BODY_C])
    )
    cleaned = clean_plain_text(raw)
    assert cleaned.captions == [caption]
    assert_body_only(cleaned)


def test_caption_printed_twice_is_kept_once() -> None:
    cleaned = clean_plain_text(article(TITLE, CAPTION, CAPTION))
    assert cleaned.captions == [CAPTION]
    assert CAPTION not in cleaned.text
    assert cleaned.removed == [CAPTION]


@pytest.mark.parametrize(
    "prose",
    [
        # a position word in reported speech is a quote, not a caption
        "“Look at the pier (left) and tell me it does not need repairs,” said Whitfield, pointing "
        "at the rusted pilings that line the east side of the harbor.",
        "Engineers said a photo: of the pilings taken last year showed the same cracks that "
        "divers found during the inspection this month, according to the report.",
        "The council had earlier split the budget between two departments (transport/harbor), "
        "a decision that several members now say was a mistake.",
    ],
)
def test_body_prose_is_not_a_caption(prose: str) -> None:
    cleaned = clean_plain_text(article(TITLE, body=[BODY_A, prose, BODY_C]))
    assert cleaned.captions == []
    assert_body_only(cleaned, [BODY_A, prose, BODY_C])


# --- Boilerplate, tail lists, duplicates ------------------------------------------------

BOILERPLATE = [
    "scroll to top",
    "Back to top",
    "Related stories",
    "Most viewed",
    "Most viewed articles",
    "Most read",
    "Share",
    "Share this article",
    "Share on Facebook",
    "Share on WhatsApp",
    "Tweet",
    "Email",
    "Print",
    "Facebook Twitter Email",
    "Advertisement",
    "Subscribe",
    "Sign up for our newsletter",
    "Click here to get the morning briefing",
    "Read more",
    "Read more: Harbor budget explained",
    "Please direct questions or comments to [newsdesk@example.org]",
    "Copyright 2025 The Northbridge Gazette",
    "© 2023 Daily Planet. All rights reserved.",
    "All rights reserved",
    "button that move to original korean article",
    "Comments",
    "Follow us on Instagram",
    "Read more »",
]


@pytest.mark.parametrize("line", BOILERPLATE)
@pytest.mark.parametrize("where", ["middle", "end"])
def test_boilerplate_lines_are_removed(line: str, where: str) -> None:
    body = [BODY_A, line, BODY_B, BODY_C] if where == "middle" else [*BODY, line]
    cleaned = clean_plain_text(article(TITLE, body=body))
    assert_body_only(cleaned)
    assert line in cleaned.removed


@pytest.mark.parametrize(
    "prose",
    [
        "Share prices of the ferry operator rose three percent.",
        "Residents will share the cost of the new crossings through a small fare increase that "
        "takes effect next year.",
        "Copyright holders of the old ferry timetable objected to the new design.",
        "Read the full ruling in the council minutes, which are public.",
        "The council first debated the plan on September 13, 2023, and again the next month.",
        "Print editions of the timetable will be handed out at both terminals.",
    ],
)
def test_prose_that_mentions_boilerplate_words_stays(prose: str) -> None:
    cleaned = clean_plain_text(article(TITLE, body=[BODY_A, prose, BODY_C]))
    assert_body_only(cleaned, [BODY_A, prose, BODY_C])
    assert cleaned.published is None


def test_tail_list_after_related_stories_is_dropped() -> None:
    tail = (
        "Related stories",
        "Harbor budget passes",
        "New pier opens in May",
        "Most viewed",
        "Ferry fares to rise?",
        "Council elects new chair",
    )
    cleaned = clean_plain_text(article(TITLE, footer=tail))
    assert_body_only(cleaned)
    assert cleaned.removed == list(tail)


@pytest.mark.parametrize("heading", ["More from Northbridge", "Recommended", "You may also like"])
def test_tail_headings(heading: str) -> None:
    cleaned = clean_plain_text(article(TITLE, footer=(heading, "Harbor budget passes")))
    assert_body_only(cleaned)


def test_heading_before_more_body_only_drops_the_heading() -> None:
    cleaned = clean_plain_text(article(TITLE, body=[BODY_A, "Related stories", BODY_B, BODY_C]))
    assert_body_only(cleaned)


def test_paragraph_printed_twice_is_kept_once() -> None:
    cleaned = clean_plain_text(article(TITLE, body=[BODY_A, BODY_B, BODY_B, BODY_C, BODY_A]))
    assert_body_only(cleaned)
    assert cleaned.removed == [BODY_B, BODY_A]


def test_dropped_copies_of_paragraphs_are_noted() -> None:
    cleaned = clean_plain_text(article(TITLE, body=[BODY_A, BODY_B, BODY_B, BODY_C, BODY_A, BODY_B]))
    assert_body_only(cleaned)
    assert cleaned.notes == [
        f'kept 1 of 3 identical paragraphs ("{BODY_B[:60].rstrip()}…")',
        f'kept 1 of 2 identical paragraphs ("{BODY_A[:60].rstrip()}…")',
    ]


def test_a_name_printed_twice_is_no_news() -> None:
    cleaned = clean_plain_text(article(TITLE, "Dana Okafor", "Dana Okafor"))
    assert cleaned.byline == "Dana Okafor" and cleaned.notes == []


def test_one_paragraph_printed_a_thousand_times() -> None:
    cleaned = clean_plain_text("\n\n".join([BODY_A] * 1100))
    assert cleaned.text == BODY_A
    assert cleaned.notes == [f'kept 1 of 1,100 identical paragraphs ("{BODY_A[:60].rstrip()}…")']
    assert cleaned.input_chars == 1100 * len(BODY_A)


# --- Trailing bylines and "By ..." prose ------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "byline"),
    [
        ("By Jang Min-seo, staff reporter", "Jang Min-seo"),
        ("By Jane Roe", "Jane Roe"),
        ("Reporting by Jane Roe; Editing by Li Wei", "Jane Roe"),
        ("By Jane Roe and Li Wei, correspondents in Northbridge", "Jane Roe and Li Wei"),
        ("(Reporting by Jane Roe; editing by Li Wei)", "Jane Roe"),
    ],
)
def test_trailing_byline(footer: str, byline: str) -> None:
    cleaned = clean_plain_text(
        article(TITLE, footer=(footer, "Please direct questions or comments to []", "Related stories"))
    )
    assert cleaned.byline == byline
    assert_body_only(cleaned)


def test_trailing_byline_does_not_replace_header_byline() -> None:
    cleaned = clean_plain_text(article(TITLE, "By Li Wei", footer=("By Jane Roe",)))
    assert cleaned.byline == "Li Wei"
    assert_body_only(cleaned)


@pytest.mark.parametrize(
    "prose",
    [
        "By the time the last ferry docked, more than two hundred commuters had crossed the harbor "
        "on the new evening schedule.",
        "By Tuesday night, the council had received more than four hundred letters about the plan.",
        "By Wednesday.",
    ],
)
def test_by_prose_is_not_a_byline(prose: str) -> None:
    for body in ([prose, *BODY], [*BODY, prose]):
        cleaned = clean_plain_text(article(TITLE, DEK, body=body))
        assert cleaned.byline is None
        assert_body_only(cleaned, body)


# --- Degenerate and messy inputs --------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\n", "\u200b\u00a0"])
def test_empty_input(raw: str) -> None:
    cleaned = clean_plain_text(raw)
    assert cleaned == CleanedText(text="")


def test_one_line_headline_is_title_and_text() -> None:
    cleaned = clean_plain_text(TITLE)
    assert (cleaned.title, cleaned.text) == (TITLE, TITLE)


def test_one_line_of_prose_is_body() -> None:
    cleaned = clean_plain_text(BODY_A)
    assert (cleaned.title, cleaned.text) == (None, BODY_A)


def test_article_without_title_starts_with_body() -> None:
    cleaned = clean_plain_text(article())
    assert cleaned.title is None
    assert_body_only(cleaned)


def test_windows_line_endings_nbsp_and_zero_width() -> None:
    raw = article(TITLE, "By\u00a0Jane Roe  ", "Sept.\u00a013, 2023").replace("\n", "\r\n")
    raw = raw.replace("ferry", "fer\u200bry")
    cleaned = clean_plain_text(raw)
    assert (cleaned.title, cleaned.byline, cleaned.published) == (TITLE, "Jane Roe", "2023-09-13")
    assert_body_only(cleaned)


def test_single_newlines_separate_paragraphs() -> None:
    cleaned = clean_plain_text("\n".join([TITLE, "By Jane Roe", *BODY]))
    assert (cleaned.title, cleaned.byline) == (TITLE, "Jane Roe")
    assert_body_only(cleaned)


def test_short_paragraphs_after_metadata_stay_in_body() -> None:
    short = ["NORTHBRIDGE — The council voted for later ferries.", "The vote was seven to two."]
    cleaned = clean_plain_text(article(TITLE, "By Jane Roe", "March 3, 2025", body=[*short, *BODY]))
    assert (cleaned.dek, cleaned.byline) == (None, "Jane Roe")
    assert_body_only(cleaned, [*short, *BODY])


def test_brief_of_short_sentences() -> None:
    short = [
        "The council voted for later ferries on Tuesday night.",
        "Four crossings will be added after eight in the evening.",
    ]
    cleaned = clean_plain_text(article(TITLE, body=short))
    assert cleaned.title == TITLE
    assert_body_only(cleaned, short)


# --- has_title: a body from HTML extraction ---------------------------------------------


def test_has_title_keeps_short_opening_lines() -> None:
    opening = "Later boats, higher fares"
    raw = article(opening, CAPTION, body=BODY, footer=("By Jane Roe, staff reporter", "Share"))
    cleaned = clean_plain_text(raw, has_title=True)
    assert (cleaned.title, cleaned.dek, cleaned.byline) == (None, None, "Jane Roe")
    assert cleaned.captions == [CAPTION]
    assert_body_only(cleaned, [opening, *BODY])


def test_has_title_bare_name_line_is_not_taken() -> None:
    cleaned = clean_plain_text(article("Dana Whitfield", body=BODY), has_title=True)
    assert cleaned.byline is None
    assert_body_only(cleaned, ["Dana Whitfield", *BODY])


# --- Speed ------------------------------------------------------------------------------


def test_six_thousand_characters_clean_quickly() -> None:
    raw = article(
        TITLE,
        DEK,
        "By Jane Roe",
        "Sept. 13, 2023",
        CAPTION,
        body=BODY * 12,
        footer=("Related stories", "Harbor budget passes"),
    )
    assert len(raw) > 6000
    clean_plain_text(raw)
    start = time.perf_counter()
    for _ in range(20):
        clean_plain_text(raw)
    # Generous ceiling against regressions of an order of magnitude (measured ~0.5 ms).
    assert (time.perf_counter() - start) / 20 < 0.05


# --- Real seed articles (read from the shared folder, never copied) ---------------------

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed(name: str) -> CleanedText:
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} not present")
    return clean_plain_text((SEEDS / name).read_text(encoding="utf-8"))


def test_seed_articles() -> None:
    first = _seed("000_0e30341d27dc35da.txt")
    assert first.title == "Kim, Putin meet at Russian spaceport after NK missile launches"
    assert (first.byline, first.outlet, first.published) == ("Ji Da-gyum", "The Korea Herald", "2023-09-13")
    assert len(first.captions) == 1
    assert first.captions[0] not in first.text
    assert "scroll to top" not in first.text

    second = _seed("004_fe5f14eb834764ed.txt")
    assert second.title == "Cosmodrome summit will likely lead to weapons-tech swap by N. Korea, Russia"
    assert (second.published, second.byline) == ("2023-09-14T15:46:00+09:00", "Jang Ye-ji")
    assert len(second.captions) == 1
    assert second.text.count(second.captions[0]) == 0
    for junk in ("Related stories", "Most viewed articles", "Please direct questions", "button that move"):
        assert junk not in second.text
