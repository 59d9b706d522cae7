"""Geometry of the small server-side timeline: one lane per outlet, one dot per day.

Python computes coordinates; the ``_timeline.svg.html`` partial draws them as inline SVG
with classes only (the CSP forbids inline styles), through autoescaping like any template.
Only full dates are drawn ("2025-03-03", or a time on that day): a month or a year has no
single point on the axis and is listed in the table under the chart instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["event", "published"]

WIDTH, LANE_HEIGHT, LABEL_WIDTH, TOP, BOTTOM, RIGHT = 760, 30, 190, 14, 34, 24
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MAX_TITLE_LINES = 6


@dataclass(frozen=True, slots=True)
class Point:
    day: date
    lane: str
    kind: Kind
    label: str


@dataclass(slots=True)
class Dot:
    x: float
    y: float
    kind: Kind
    lane: str
    titles: list[str] = field(default_factory=list)

    @property
    def r(self) -> float:
        return min(4.0 + 1.5 * (len(self.titles) - 1), 10.0)

    @property
    def title(self) -> str:
        more = len(self.titles) - _MAX_TITLE_LINES
        return "\n".join(self.titles[:_MAX_TITLE_LINES] + ([f"… and {more} more"] if more > 0 else []))


@dataclass(frozen=True, slots=True)
class Lane:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    axis_y: float
    plot_left: int
    plot_right: int
    lanes: list[Lane]
    ticks: list[Tick]
    dots: list[Dot]


def parse_day(value: str | None) -> date | None:
    """The calendar day of a TIMEX3 or ISO 8601 value, or None when it names no single day."""
    if not value or not _DAY.match(value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def chart(points: list[Point]) -> Chart | None:
    """Lay ``points`` out on a shared day axis; None when there is nothing to draw."""
    if not points:
        return None
    names = sorted({p.lane for p in points})
    lanes = [Lane(TOP + LANE_HEIGHT * (i + 0.5), name) for i, name in enumerate(names)]
    lane_y = {lane.label: lane.y for lane in lanes}
    first, last = min(p.day for p in points), max(p.day for p in points)
    x_of = _DayScale(first, (last - first).days)
    dots: dict[tuple[str, date, Kind], Dot] = {}
    for p in sorted(points, key=lambda p: (p.day, p.lane)):
        key = (p.lane, p.day, p.kind)
        if key not in dots:
            dots[key] = Dot(x_of(p.day), lane_y[p.lane], p.kind, p.lane)
        dots[key].titles.append(p.label)
    axis_y = TOP + LANE_HEIGHT * len(lanes) + 6
    return Chart(
        WIDTH,
        int(axis_y + BOTTOM),
        axis_y,
        LABEL_WIDTH,
        WIDTH - RIGHT,
        lanes,
        _ticks(first, last, x_of),
        list(dots.values()),
    )


class _DayScale:
    """Day -> x: the first day at the left of the plot, the last at the right."""

    def __init__(self, first: date, span: int) -> None:
        self.first, self.span = first, span

    def __call__(self, day: date) -> float:
        plot = WIDTH - RIGHT - LABEL_WIDTH - 16
        if self.span == 0:
            return LABEL_WIDTH + 8 + plot / 2
        return round(LABEL_WIDTH + 8 + plot * (day - self.first).days / self.span, 1)


def _ticks(first: date, last: date, x_of: _DayScale) -> list[Tick]:
    """At most seven evenly spaced day labels; the year is shown where it changes."""
    span = (last - first).days
    count = min(span, 6)
    days = (
        [first]
        if count == 0
        else [date.fromordinal(first.toordinal() + round(span * i / count)) for i in range(count + 1)]
    )
    ticks, year = [], 0
    for day in dict.fromkeys(days):
        label = day.strftime("%-d %b") + (day.strftime(" %Y") if day.year != year else "")
        year = day.year
        ticks.append(Tick(x_of(day), label))
    return ticks
