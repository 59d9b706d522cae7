"""Periods named by their last day: "the year ended March 31", "the three months to August".

Company results and statistics count periods back from a closing date. A year or quarter
that closes on a calendar boundary is that calendar period ("the year ended Dec. 31" →
"2023", "the quarter ended Sept. 30" → "2023-Q3"); one that closes elsewhere is a fiscal
period, not a calendar one, and only its length is a value ("the year ended March 31" →
P1Y, as TIMEX3 writes such spans). A counted span ("the nine months to June") is its length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from crosswire.mentions.dates.calendar import duration_value, parse_count, quarter_of
from crosswire.mentions.dates.context import Context, Result
from crosswire.mentions.dates.text import NUMBER, UNIT, unit_name

# The caller's rules, to resolve the closing date ("March 31", "tomorrow").
PointRule = Callable[[str, Context], Result | None]

_ENDING = re.compile(
    r"(?:(?:the|its|their|a)\s+)?(?:(?:latest|last|past|first|full|comparable|year-earlier|year-ago)\s+)*"
    rf"(?:(?P<fiscal>fiscal|financial)\s+)?(?:(?P<single>year|quarter)|(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT}))"
    r"\s+(?P<how>ended|ending|to|through)\s+(?P<end>.+)"
)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def period_ending(text: str, ctx: Context, point: PointRule) -> Result | None:
    """The value of a period named by its closing date, or None when text is not one."""
    m = _ENDING.fullmatch(text)
    if m is None:
        return None
    if m.group("single") is None:
        count = parse_count(m.group("num"))
        if count is None:
            return None
        return duration_value([(count, unit_name(m.group("unit")))]), "DURATION", f"ending {m.group('end')}"
    tense = "past" if m.group("how") == "ended" else ctx.tense
    found = point(m.group("end"), Context(ctx.day, ctx.missing, tense, ctx.when))
    if found is None:
        return None
    if found[0] is None:
        return None, "DATE", found[2]  # "the year ended March 31" with no publication date
    return _closing(m.group("single"), found[0], m.group("end"))


def _closing(period: str, end: str, said: str) -> Result | None:
    """A calendar year or quarter when the closing date is its last day (or month), else a length."""
    if day := _DAY.fullmatch(end):
        year, month, last = int(day.group(1)), int(day.group(2)), int(day.group(3))
        closes_month = date(year, month, last).day == _month_length(year, month)
    elif month_only := _MONTH.fullmatch(end):
        year, month, closes_month = int(month_only.group(1)), int(month_only.group(2)), True
    else:
        return None
    note = f"{period} ending {said}"
    if period == "year":
        if closes_month and month == 12:
            return f"{year:04d}", "DATE", None
        return "P1Y", "DURATION", f"a fiscal year: {note}"
    if closes_month and month % 3 == 0:
        return f"{year:04d}-Q{quarter_of(month)}", "DATE", None
    return "P3M", "DURATION", f"a fiscal quarter: {note}"


def _month_length(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days
