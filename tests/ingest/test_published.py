"""parse_published: a publication date on one short line, as ISO 8601; prose gives None."""

from __future__ import annotations

import pytest

from crosswire.ingest.published import parse_published


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # dates without a time
        ("September 13, 2023", "2023-09-13"),
        ("Sept. 13, 2023", "2023-09-13"),
        ("Sep 13 2023", "2023-09-13"),
        ("13 September 2023", "2023-09-13"),
        ("Wednesday, 13 September 2023", "2023-09-13"),
        ("13th of September, 2023", "2023-09-13"),
        ("2023-09-14", "2023-09-14"),
        ("2023/09/14", "2023-09-14"),
        ("2023.09.14", "2023-09-14"),
        ("Published on 2 March 2025", "2025-03-02"),
        ("The Northbridge Gazette | Sept. 13, 2023", "2023-09-13"),
        ("Port Adley, March 4, 2025", "2025-03-04"),
        # a time and a known zone
        ("Posted on : 2023-09-14 15:46 KST Modified on : 2023-09-14 16:10 KST", "2023-09-14T15:46:00+09:00"),
        ("Published: 14 Sep 2023 09:00 GMT", "2023-09-14T09:00:00+00:00"),
        ("Updated Sept. 13, 2023 at 3:45 p.m. EDT", "2023-09-13T15:45:00-04:00"),
        ("2023-09-14T15:46:00Z", "2023-09-14T15:46:00+00:00"),
        ("2023-09-14T15:46:00+09:00", "2023-09-14T15:46:00+09:00"),
        ("2023-09-14 15:46 UTC+9", "2023-09-14T15:46:00+09:00"),
        ("Updated 3:45 PM EDT, Wed September 13, 2023", "2023-09-13T15:45:00-04:00"),
        ("Sept. 13, 2023 12:00 a.m. JST", "2023-09-13T00:00:00+09:00"),
        ("Last updated 1 October 2024 18:20 (CEST)", "2024-10-01T18:20:00+02:00"),
        ("Posted March 3, 2025 11:05 a.m. IST", "2025-03-03T11:05:00+05:30"),
        # a time without a zone (or with one we cannot place)
        ("Sept. 13, 2023 - 3:45 p.m.", "2023-09-13T15:45:00"),
        ("Published 14:05, 13 September 2023", "2023-09-13T14:05:00"),
        ("March 3, 2025 at 9:30 a.m. ET", "2025-03-03T09:30:00"),
    ],
)
def test_date_lines(line: str, expected: str) -> None:
    assert parse_published(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The talks began on September 13, 2023 in Seoul and lasted for many hours.",
        "Ferry crossings rose sharply after the council vote on March 3, 2025.",
        "Harbor officials met on Sept. 13, 2023",  # a headline mentioning a date
        "September 2023",  # no day: never completed from today's date
        "Sep 13",  # no year
        "Updated 4 hours ago",  # relative: not resolved against today
        "February 30, 2023",  # no such day
        "2023-13-01",  # no such month
        "",
        "   ",
        "Port Adley approved the plan",
        "Population: 2023 residents",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert parse_published(line) is None


def test_first_date_on_the_line_wins() -> None:
    line = "Published 12 March 2025 | Updated 14 March 2025 10:00 GMT"
    assert parse_published(line) == "2025-03-12"


def test_whitespace_and_nbsp_are_normalised() -> None:
    assert parse_published("  Sept.\u00a013,   2023\t") == "2023-09-13"
