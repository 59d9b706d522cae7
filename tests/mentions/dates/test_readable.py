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
        ("P3D", "3 days"),
        ("P1D", "1 day"),
        ("P1Y6M", "1 year 6 months"),
        ("PT2H", "2 hours"),
        ("PT30M", "30 minutes"),
        ("P2DT3H", "2 days 3 hours"),
        ("2023-09-10TAF", "2023-09-10 afternoon"),
        ("2023-09-10TNI", "2023-09-10 night"),
        ("2025-SU", "summer 2025"),
        ("2025-W11", "week 11 of 2025"),
        ("2025-W11-WE", "the weekend of week 11 of 2025"),
        ("2025-Q1", "Q1 2025"),
        ("199X", "the 1990s"),
        ("196", "the 1960s"),
        ("XXXX-SU", "summer"),
        # already readable, or unknown: shown as stored
        ("2025-03-03", "2025-03-03"),
        ("2025-03", "2025-03"),
        ("2025-03-03T16:47-05:00", "2025-03-03T16:47-05:00"),
        ("XXXX-WXX-2", "XXXX-WXX-2"),
        ("P", "P"),
        (None, "unknown"),
        ("", "unknown"),
    ],
)
def test_timex_values_read_as_words(value: str | None, shown: str) -> None:
    assert readable_time(value) == shown
