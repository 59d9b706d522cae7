"""Feed lists, scheduling arithmetic and item keys: pure functions, hand-built inputs."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from crosswire.errors import InputError
from crosswire.watch.feedlist import DEFAULT_INTERVAL, FeedSpec, read_feed_list
from crosswire.watch.items import item_keys, normalized_link
from crosswire.watch.schedule import (
    JITTER,
    MAX_BACKOFF,
    backoff,
    next_after_failure,
    next_after_success,
    retry_after_seconds,
)

NOW = 1_800_000_000.0


def test_text_feed_list_with_intervals_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# harbour news\nhttp://a.example/rss 15m\n\nhttps://b.example/atom   # default interval\n"
        "http://c.example/feed 3600\nhttp://a.example/rss 2h\n",
        encoding="utf-8",
    )
    assert read_feed_list(path) == [
        FeedSpec("http://a.example/rss", 7200.0),
        FeedSpec("https://b.example/atom", DEFAULT_INTERVAL),
        FeedSpec("http://c.example/feed", 3600.0),
    ]


def test_opml_feed_list(tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Region">'
        '<outline text="Gazette" type="rss" xmlUrl="http://g.example/rss" interval="5m"/>'
        '<outline text="Folder without feed"/><outline text="Wire" xmlUrl="https://w.example/atom"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    assert read_feed_list(path) == [
        FeedSpec("http://g.example/rss", 300.0),
        FeedSpec("https://w.example/atom", DEFAULT_INTERVAL),
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("http://a.example/rss 5s\n", "shorter than the minimum"),
        ("http://a.example/rss soon\n", "no interval"),
        ("ftp://a.example/rss\n", "no http(s) URL"),
        ("http://a.example/rss 5m extra\n", "expected `URL [INTERVAL]`"),
        ("<opml><body><outline", "well-formed OPML"),
    ],
)
def test_bad_feed_lists_say_where(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"feeds\.txt") as caught:
        read_feed_list(path)
    assert words in str(caught.value)


def test_jitter_never_polls_early() -> None:
    rng = random.Random(3)
    waits = [next_after_success(NOW, 600.0, rng) - NOW for _ in range(500)]
    assert min(waits) >= 600.0 and max(waits) <= 600.0 * (1 + JITTER)
    assert len({round(w) for w in waits}) > 20  # spread out, not one fixed offset


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(300.0, n) for n in (1, 2, 3)] == [600.0, 1200.0, 2400.0]
    assert backoff(300.0, 60) == MAX_BACKOFF
    assert backoff(2 * MAX_BACKOFF, 5) == 2 * MAX_BACKOFF  # never shorter than the interval


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("120", NOW) == 120.0
    date = format_datetime(datetime.fromtimestamp(NOW + 900, UTC), usegmt=True)
    assert retry_after_seconds(date, NOW) == pytest.approx(900.0)
    assert retry_after_seconds("whenever", NOW) is None
    assert retry_after_seconds(None, NOW) is None


def test_retry_after_longer_than_the_backoff_wins() -> None:
    rng = random.Random(1)
    assert next_after_failure(NOW, 60.0, 1, "3600", rng) == NOW + 3600.0
    assert next_after_failure(NOW, 60.0, 1, "5", rng) >= NOW + 120.0


def test_item_keys_name_guid_link_and_content() -> None:
    entry = {
        "id": "tag:gazette,2026:1",
        "link": "HTTP://Gazette.Example/a?id=4&utm_source=x#c",
        "title": "Council votes on the ferry timetable",
        "summary": "A long debate ended late.",
    }
    keys = item_keys(entry)
    assert keys[0] == "guid:tag:gazette,2026:1" and keys[1] == "link:http://gazette.example/a?id=4"
    assert keys[2].startswith("content:")
    assert item_keys({**entry, "id": "other"})[2] == keys[2]  # same text, new guid: same content key
    assert len(item_keys({"title": "Live"})) == 0  # too little text to be a name


def test_normalized_link_keeps_what_names_the_page() -> None:
    assert normalized_link("https://x.example/p?b=2&fbclid=9&a=1") == "https://x.example/p?b=2&a=1"
