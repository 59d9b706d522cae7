"""TIMEX3 values in words for timelines; the stored value is not this module's business."""

from __future__ import annotations

import pytest

from crosswire.mentions.dates.readable import readable_time


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("FUTURE_REF", "the future"),
        ("PAST_REF", "the past"),
        ("PRESENT_REF", "now"),
        ("PXD", "days"),
        ("PXY", "years"),
        ("PXE", "decades"),
        ("PXDE", "decades"),
        ("P2DE", "2 decades"),
        ("P1CE", "1 century"),
        ("P3D", "3 days"),
        ("P1D", "1 day"),
        ("P1Y6M", "1 year 6 months"),
        ("PT2H", "2 hours"),
        ("PT30M", "30 minutes"),
        ("P2DT3H", "2 days 3 hours"),
        ("2023-09-10TAF", "Sunday afternoon, 10 Sept 2023"),
        ("2023-09-10TNI", "Sunday night, 10 Sept 2023"),
        ("2025-SU", "summer 2025"),
        ("2025-W11", "week 11 of 2025"),
        ("2025-W11-WE", "the weekend of week 11 of 2025"),
        ("2025-Q1", "Q1 2025"),
        ("199X", "the 1990s"),
        ("196", "the 1960s"),
        ("XXXX-SU", "summer"),
        # calendar days with their weekday, months by name (issue 28: were shown in ISO)
        ("2025-03-03", "Monday, 3 Mar 2025"),
        ("2025-03", "March 2025"),
        ("2025-03-03T16:47-05:00", "Monday, 3 Mar 2025, 16:47 UTC-05:00"),
        ("2023-09-15T18:00Z", "Friday, 15 Sept 2023, 18:00 UTC"),
        ("2009/2011", "2009 to 2011"),
        ("2019", "2019"),
        # unknown: shown as stored
        ("2025-02-30", "2025-02-30"),
        ("XXXX-WXX-2", "XXXX-WXX-2"),
        ("P", "P"),
        (None, "unknown"),
        ("", "unknown"),
    ],
)
def test_timex_values_read_as_words(value: str | None, shown: str) -> None:
    assert readable_time(value) == shown


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        ("P5Y", "DURATION", "for 5 years"),
        ("PXM", "DURATION", "for months"),
        ("P1Y", "SET", "every year"),
        ("P2W", "SET", "every 2 weeks"),
        ("XXXX-WXX-1", "SET", "every Monday"),
        ("2023-09-11/2023-09-13", "DATE", "Monday, 11 Sept 2023 to Wednesday, 13 Sept 2023"),
        ("2023-09-10", "DATE", "Sunday, 10 Sept 2023"),
    ],
)
def test_the_type_tells_a_length_from_a_frequency(value: str, kind: str, shown: str) -> None:
    assert readable_time(value, kind) == shown
