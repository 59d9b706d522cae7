"""Seasons and holidays: "last summer" → "2022-SU", "Thanksgiving" → the fourth Thursday of November."""

from __future__ import annotations

from datetime import date, timedelta

from crosswire.mentions.dates.calendar import add_months, easter, nth_weekday
from crosswire.mentions.dates.context import Context, Result, choose, no_day
from crosswire.mentions.dates.vocab import FIXED_HOLIDAYS, SEASON_MONTHS, WEEKDAY_HOLIDAYS


def season(code: str, ctx: Context, step: int | None = None) -> Result:
    """A season: "this summer" → "2023-SU"; "last summer" the latest one over; bare: by tense."""
    if ctx.day is None:
        return no_day(ctx)
    pub = ctx.day
    first = SEASON_MONTHS[code][0]
    # Winter starts in December: in January it is still last year's winter.
    current_year = pub.year - 1 if code == "WI" and pub.month < 3 else pub.year
    if step == 0:
        return f"{current_year}-{code}", "DATE", None
    starts = [(date(y, first, 1), f"{y}-{code}") for y in (current_year - 1, current_year, current_year + 1)]
    if step is not None and step < 0:
        over = [(s, v) for s, v in starts if date(*add_months(s, 3), 1) <= pub]
        note = f"could mean {starts[0][1]}" if over[-1][0].year == pub.year else None
        return over[-1][1], "DATE", note
    if step is not None:
        return next(v for s, v in starts if s > pub), "DATE", None
    value, note = choose(starts, pub, ctx.tense)
    return value, "DATE", note


def holiday(name: str, ctx: Context, step: int | None = None) -> Result:
    """A named holiday: fixed ("Christmas"), n-th weekday ("Thanksgiving") or Easter."""
    if ctx.day is None:
        return no_day(ctx)
    pub = ctx.day
    days = [(d, d.isoformat()) for y in (pub.year - 1, pub.year, pub.year + 1) if (d := holiday_in(name, y))]
    if step == 0:
        return next(v for d, v in days if d.year == pub.year), "DATE", None
    if step is not None:
        side = [c for c in days if (c[0] < pub if step < 0 else c[0] > pub)]
        return (side[-1] if step < 0 else side[0])[1], "DATE", None
    value, note = choose(days, pub, ctx.tense)
    return value, "DATE", note


def holiday_in(name: str, year: int) -> date | None:
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in WEEKDAY_HOLIDAYS:
        month, weekday, n = WEEKDAY_HOLIDAYS[name]
        return nth_weekday(year, month, weekday, n)
    if name.startswith("easter"):
        return easter(year)
    if name == "election day":  # the Tuesday after the first Monday of November
        return nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    return None
