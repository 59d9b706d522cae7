"""HTML pages through trafilatura and the line cleaner: text, metadata, captions, bad markup."""

import pytest

from crosswire.errors import InputError
from crosswire.ingest.extract import extract_article
from crosswire.ingest.html import drop_doctypes, extract_html, normalize_iso
from crosswire.types import RawDocument

BODY = "".join(
    f"<p>{s}</p>"
    for s in [
        "The Tirrell harbour board voted on Thursday to close the old grain pier for a year.",
        "Board chair Oona Falk said the pier had been losing money since the new terminal opened, "
        "and that the repairs it needed would cost more than the pier could ever earn back.",
        "Dock workers at the pier will move to the new terminal, according to their union, "
        "which said none of its members would lose their jobs because of the closure.",
        "The pier was built in 1911 and handled most of the region's grain exports until 1980.",
    ]
)


def page(head: str = "", body: str = BODY, extra: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Pier to close | Tirrell Courier</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        f"<h1>Tirrell harbour board votes to close old grain pier</h1>{body}</article>"
        f"{extra}<footer><p>Share on Facebook</p><p>© 2025 Tirrell Courier</p></footer></body></html>"
    )


def test_body_title_and_metadata_from_a_page() -> None:
    cleaned = extract_html(
        page(
            '<meta name="author" content="Ines Brak">'
            '<meta property="og:site_name" content="Tirrell Courier">'
            '<meta property="article:published_time" content="2025-05-08T17:05:00+02:00">'
        ),
        None,
        "p.html",
    )
    assert cleaned.title == "Tirrell harbour board votes to close old grain pier"
    assert (cleaned.byline, cleaned.outlet) == ("Ines Brak", "Tirrell Courier")
    assert cleaned.published == "2025-05-08T17:05:00+02:00"
    assert "losing money since the new terminal" in cleaned.text
    for chrome in ("Home", "Share on Facebook", "© 2025", cleaned.title):
        assert chrome not in cleaned.text


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<meta itemprop="datePublished" content="2025-05-08">', "2025-05-08"),
        (
            '<script type="application/ld+json">{"datePublished": "2025-05-08T09:00:00Z"}</script>',
            "2025-05-08T09:00:00+00:00",
        ),
        (
            '<meta property="article:published_time" content="not a date">'
            '<meta name="pubdate" content="2025-05-07">',
            "2025-05-07",
        ),
    ],
)
def test_publication_time_from_markup(head: str, expected: str) -> None:
    assert extract_html(page(head), None, "p.html").published == expected


def test_figure_captions_are_kept_apart_from_the_text() -> None:
    figure = (
        "<figure><img src='pier.jpg'><figcaption>The old grain pier at dusk (left). "
        "Photo: Tirrell Courier</figcaption></figure>"
    )
    cleaned = extract_html(page(body=figure + BODY), None, "p.html")
    assert cleaned.captions == ["The old grain pier at dusk (left). Photo: Tirrell Courier"]
    assert "at dusk" not in cleaned.text


def test_malformed_markup_is_still_read() -> None:
    broken = BODY.replace("</p>", "", 2) + "<div><p>Unclosed tail paragraph that still says something."
    cleaned = extract_html(page(body=broken).replace("</article>", ""), None, "p.html")
    assert "losing money" in cleaned.text and "1911" in cleaned.text


def test_hostile_markup_leaves_no_script_in_the_text() -> None:
    hostile = (
        "<script>alert('x')</script><p onclick=\"steal()\">Click <a href='javascript:evil()'>"
        "here</a> to read how the Tirrell harbour board decided the future of the pier.</p>"
    )
    cleaned = extract_html(page(body=hostile + BODY, extra="<iframe src='//evil'></iframe>"), None, "p.html")
    assert "alert" not in cleaned.text and "steal" not in cleaned.text and "javascript" not in cleaned.text
    assert "<" not in cleaned.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><body><script>only(script)</script></body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><nav>menu</nav></body></html>",
    ],
)
def test_pages_without_an_article_are_input_errors(html: str) -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_article(RawDocument("empty.html", html, "html"))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-05-08", "2025-05-08"),
        ("2025-05-08T17:05:00+02:00", "2025-05-08T17:05:00+02:00"),
        ("2025-05-08T17:05:00Z", "2025-05-08T17:05:00+00:00"),
        ("May 8, 2025", None),
        ("", None),
    ],
)
def test_normalize_iso(value: str, expected: str | None) -> None:
    assert normalize_iso(value) == expected


# --- DOCTYPEs: dropped whole before parsing, internal subset and all ----------------------

# The classic entity-expansion bomb: ten levels of ten references, 10^9 "lol"s if expanded.
ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n  <!ENTITY lol0 "lol">\n'
    + "".join(f'  <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def test_an_entity_bomb_is_dropped_and_the_title_is_the_pages() -> None:
    # Without a headline in the body, only the <title> names the page: read after the leaked
    # subset, it was lost, and the page's first words became the title.
    html = ENTITY_BOMB + (
        "<html><head><title>Tirrell harbour board votes to close old grain pier</title></head>"
        f"<body><p>&lol9;</p>{BODY}</body></html>"
    )
    article = extract_article(RawDocument("bomb.html", html, "html"))
    assert article.title == "Tirrell harbour board votes to close old grain pier"
    assert "]>" not in article.text and "ENTITY" not in article.text
    assert "lollol" not in article.text and len(article.text) < len(html)
    assert "Board chair Oona Falk said the pier had been losing money" in article.text


@pytest.mark.parametrize(
    "html, expected",
    [
        pytest.param("<!DOCTYPE html><p>x</p>", "<p>x</p>", id="html5"),
        pytest.param("<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"a>b.dtd\"><p>x</p>", "<p>x</p>",
                     id="quoted >"),
        pytest.param('<!DOCTYPE x [<!ENTITY a "]>">]><p>x</p>', "<p>x</p>", id="]> inside a quoted value"),
        pytest.param("<!DOCTYPE x [<!ENTITY a 'it''s'>]>\n<p>x</p>", "\n<p>x</p>", id="single quotes"),
        pytest.param("<p>no doctype</p>", "<p>no doctype</p>", id="none"),
        pytest.param("<!DOCTYPE x [<!ENTITY a 'never closed", "", id="unterminated: all of it"),
        pytest.param("<!DOCTYPE html><p>1</p><!DOCTYPE html><p>2</p>", "<p>1</p><p>2</p>", id="twice"),
    ],
)
def test_drop_doctypes(html: str, expected: str) -> None:
    assert drop_doctypes(html) == expected


def test_control_characters_do_not_make_html_unreadable() -> None:
    html = page(body=BODY.replace("voted on Thursday", "voted\x00 on Thursday"))
    article = extract_article(RawDocument("nul.html", html, "html"))
    assert "The Tirrell harbour board voted on Thursday" in article.text
