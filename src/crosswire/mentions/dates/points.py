"""Points in time: weekdays, months, written dates, years, and "this/last/next" anything.

Every function takes the cleaned, lower-cased expression and a ``Context`` (publication day,
verb tense, anaphoric anchor) and returns ``(value, type, note)`` or None when it does not
apply. A name without a year ("on Wednesday", "in May", "Nov. 3") takes the occurrence the
tense points to: the latest one on or before the publication day for the past, the next one on
or after it for the future, the nearer one for the present.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from crosswire.lexicon import MONTHS, WEEKDAYS
from crosswire.mentions.dates.calendar import (
    add_months,
    shifted,
    week_value,
)
from crosswire.mentions.dates.context import Context, Result, anaphor, choose, no_day
from crosswire.mentions.dates.seasons import holiday, season
from crosswire.mentions.dates.text import MONTH, SEASON, WEEKDAY, alternation, month_number, weekday_number
from crosswire.mentions.dates.vocab import (
    FIXED_HOLIDAYS,
    SEASONS,
    WEEKDAY_HOLIDAYS,
    WEEKDAY_NAMES,
)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_of_year(month: int, day: int, ctx: Context, weekday: int | None = None) -> Result:
    """A month and day without a year: the year comes from the tense (and a stated weekday)."""
    if not 1 <= month <= 12 or _valid(2000, month, day) is None:  # 2000 is a leap year
        return None, "DATE", f"no such date: {_month_name(month)} {day}"
    if ctx.day is None:
        return no_day(ctx)
    days = [d for y in (ctx.day.year - 1, ctx.day.year, ctx.day.year + 1) if (d := _valid(y, month, day))]
    if weekday is not None:
        matching = [d for d in days if d.isoweekday() == weekday]
        if len(matching) == 1:  # "Tuesday, Nov. 3": the weekday names the year
            return matching[0].isoformat(), "DATE", None
    value, note = choose([(d, d.isoformat()) for d in days], ctx.day, ctx.tense)
    return value, "DATE", note


def month_of_year(month: int, ctx: Context, step: int | None = None) -> Result:
    """A month name without a year; step -1/+1 for "last May"/"next May", 0 for "this May"."""
    if ctx.day is None:
        return no_day(ctx)
    pub, note = ctx.day, None
    if step == 0:
        return f"{pub.year:04d}-{month:02d}", "DATE", None
    if step is not None:
        # "last May" in September: this year's May; but "last February" in March is a year
        # back, since the month just gone would be "last month".
        ahead = (month - pub.month) * step > 0 and abs(month - pub.month) > 1
        year = pub.year if ahead else pub.year + step
        if ahead:
            note = f"could also mean {_month_name(month)} {pub.year + step}"
        return f"{year:04d}-{month:02d}", "DATE", note
    starts = [(date(y, month, 1), f"{y:04d}-{month:02d}") for y in (pub.year - 1, pub.year, pub.year + 1)]
    this_month = date(pub.year, pub.month, 1)
    value, note = choose(starts, this_month, ctx.tense)
    return value, "DATE", note


def weekday_date(weekday: int, ctx: Context, qualifier: str | None = None) -> Result:
    """A weekday resolved by tense, or by "last"/"next"/"this", noting the readings it excludes."""
    if ctx.day is None:
        return no_day(ctx)
    pub, name = ctx.day, WEEKDAY_NAMES[weekday - 1].capitalize()
    back, ahead = (pub.isoweekday() - weekday) % 7, (weekday - pub.isoweekday()) % 7
    if qualifier == "last":
        day = pub - timedelta(days=back or 7)
        other = day - timedelta(days=7)
        note = f"could mean {other}, the {name} of the week before" if _same_week(day, pub) else None
        return day.isoformat(), "DATE", note
    if qualifier == "next":
        day = pub + timedelta(days=ahead or 7)
        other = day + timedelta(days=7)
        note = f"could mean {other}, the {name} of the following week" if _same_week(day, pub) else None
        return day.isoformat(), "DATE", note
    if qualifier == "this":
        day = pub + timedelta(days=weekday - pub.isoweekday())
        return day.isoformat(), "DATE", None
    if back == 0:
        note = f"{name} is the publication weekday: read as that day, not a week away"
        return pub.isoformat(), "DATE", note
    if ctx.tense == "future":
        return (pub + timedelta(days=ahead)).isoformat(), "DATE", None
    if ctx.tense in ("present", "near"):
        nearer = pub - timedelta(days=back) if back < ahead else pub + timedelta(days=ahead)
        why = "present tense" if ctx.tense == "present" else "a future seen from the past"
        return nearer.isoformat(), "DATE", f"{why}: the nearer {name} taken"
    note = None if ctx.tense == "past" else f"no verb tense: read as the past {name}"
    return (pub - timedelta(days=back)).isoformat(), "DATE", note


def _same_week(a: date, b: date) -> bool:
    return a.isocalendar()[:2] == b.isocalendar()[:2]


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else f"month {month}"


# --- absolute dates ------------------------------------------------------------------------

_YEAR = r"(?P<year>\d{4}|'\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WD = rf"(?:(?:this coming|this past|this|next|last)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?"
_WD_AFTER = rf"(?:,?\s+\(?(?P<wd2>{WEEKDAY})\)?)?"
_MONTH_DAY = re.compile(rf"{_WD}(?P<mon>{MONTH})\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?{_WD_AFTER}")
_DAY_MONTH = re.compile(rf"{_WD}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{MONTH}),?(?:\s+{_YEAR})?{_WD_AFTER}")
_MONTH_YEAR = re.compile(rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?{_YEAR}")
_ISO = re.compile(
    r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:t[\d:.]+(?:z|[+-][\d:]+)?)?"
)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4}|\d{2})")
_COMPACT = re.compile(r"(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)")
_DAY_MON_YY = re.compile(rf"(?P<day>\d{{1,2}})[\s-](?P<mon>{MONTH})[\s-](?P<year>\d{{2}}|\d{{4}})")
_YEAR_ONLY = re.compile(
    r"(?:the\s+)?(?:(?P<fiscal>fiscal|financial|fy)\s*(?:year\s+)?|(?:calendar\s+|the\s+)?year\s+)?"
    r"(?P<year>\d{1,4})"
)
_DAY_ONLY = re.compile(r"the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)")


def absolute(text: str, ctx: Context) -> Result | None:
    """Dates written out: "September 13, 2023", "13 Sept", "2023-09-13", "9/13/2023", "2001"."""
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if m := pattern.fullmatch(text):
            weekday = m.group("wd") or m.group("wd2")
            return _calendar_date(m.group("year"), month_number(m.group("mon")), int(m.group("day")),
                                  ctx, weekday_number(weekday) if weekday else None)
    if m := _MONTH_YEAR.fullmatch(text):
        year, note = _year(m.group("year"), ctx)
        return f"{year:04d}-{month_number(m.group('mon')):02d}", "DATE", note
    if (m := _ISO.fullmatch(text)) or (m := _COMPACT.fullmatch(text)):
        return _calendar_date(m.group("year"), int(m.group("month")), int(m.group("day")), ctx)
    if m := _DAY_MON_YY.fullmatch(text):
        return _day_mon_yy(m, ctx)
    if m := _NUMERIC.fullmatch(text):
        return _numeric(m, ctx)
    if m := _YEAR_ONLY.fullmatch(text):
        return _year_only(m)
    if m := _DAY_ONLY.fullmatch(text):
        return _day_of_month(int(m.group("day")), ctx)
    return None


def _calendar_date(year_text: str | None, month: int, day: int, ctx: Context,
                   weekday: int | None = None) -> Result:
    if year_text is None:
        return day_of_year(month, day, ctx, weekday)
    year, note = _year(year_text, ctx)
    if year == 0:
        return None, "DATE", "year 0 does not exist"
    if not 1 <= month <= 12:
        return None, "DATE", f"no such month: {month}"
    found = _valid(year, month, day)
    if found is None:
        return None, "DATE", f"no such date: {_month_name(month)} {day}, {year}"
    if weekday is not None and found.isoweekday() != weekday:
        actual = WEEKDAY_NAMES[found.isoweekday() - 1].capitalize()
        note = f"{WEEKDAY_NAMES[weekday - 1].capitalize()} does not match {found} (a {actual})"
    return found.isoformat(), "DATE", note


def _year(text: str, ctx: Context) -> tuple[int, str | None]:
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits), None
    # A two-digit year: the century that puts it no more than ten years after publication.
    now = (ctx.day or date.today()).year
    year = 2000 + int(digits) if 2000 + int(digits) <= now + 10 else 1900 + int(digits)
    return year, f"two-digit year read as {year}"


def _day_mon_yy(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m.group("mon"))
    value, kind, note = _calendar_date(m.group("year"), month, int(m.group("day")), ctx)
    if len(m.group("year")) == 2 and value:
        swapped = f"{_year(m.group('day').zfill(2), ctx)[0]}-{month:02d}-{m.group('year')}"
        note = f"read as day-month-year ({value}); could be year-month-day ({swapped})"
    return value, kind, note


def _numeric(m: re.Match[str], ctx: Context) -> Result:
    a, b = int(m.group("a")), int(m.group("b"))
    month, day, note = a, b, None
    if a > 12 >= b:
        month, day = b, a
    elif a != b and a <= 12 and b <= 12:
        note = f"read as month/day (US order); could be {b}/{a}"
    value, kind, problem = _calendar_date(m.group("year"), month, day, ctx)
    return value, kind, "; ".join(n for n in (problem, note) if n) or None


def _year_only(m: re.Match[str]) -> Result | None:
    year = int(m.group("year"))
    if year == 0:
        return None, "DATE", "year 0 does not exist"
    named = m.group(0).startswith(("year", "the year"))
    if len(m.group("year")) < 4 and not named:
        return None  # a bare small number is not a year
    if m.group("year").startswith("0") and not named:
        # "(0735 GMT)" is a clock; no news story writes a year with a leading zero
        return None, "DATE", f"not a recognizable date: {m.group(0)!r}"
    return f"{year:04d}", "DATE", "fiscal year" if m.group("fiscal") else None


def _day_of_month(day: int, ctx: Context) -> Result:
    if ctx.day is None:
        return no_day(ctx)
    options = []
    for step in (-1, 0, 1):
        year, month = add_months(ctx.day, step)
        if found := _valid(year, month, day):
            options.append((found, found.isoformat()))
    if not options:
        return None, "DATE", f"no such day of the month: {day}"
    value, note = choose(options, ctx.day, ctx.tense)
    return value, "DATE", note


# --- this / last / next ---------------------------------------------------------------------

_STEPS = {
    "this past": -1, "this coming": 1, "that same": 0,
    "this": 0, "current": 0, "the current": 0, "the present": 0, "present": 0, "last": -1, "past": -1,
    "previous": -1, "next": 1, "coming": 1, "upcoming": 1, "the upcoming": 1, "the coming": 1,
    # "sales in the latest fiscal year": the last one completed
    "the latest": -1, "latest": -1, "the most recent": -1, "most recent": -1,
    # anaphoric: counted from the time last mentioned
    "the previous": -1, "the following": 1, "following": 1, "the next": 1, "that": 0, "the same": 0,
    "same": 0, "the": 0,
}
_ANAPHORIC = frozenset(
    {"that same", "the previous", "the following", "following", "the next", "that", "the same", "same"}
)
_HOLIDAYS = alternation([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, "easter", "easter sunday", "election day"])
_RELATIVE = re.compile(
    rf"(?P<step>{alternation(_STEPS)})\s+(?P<what>day|week|weekend|month|year|decade|century"
    r"|(?:fiscal|full|calendar)[\s-]year"
    rf"|{SEASON}|{MONTH}|{WEEKDAY}|{_HOLIDAYS})"
)
_WEEKDAY_IN_WEEK = re.compile(rf"(?P<wd>{WEEKDAY})(?:\s+of)?\s+(?P<step>this|last|next)\s+week")
_NAME_IN_YEAR = re.compile(
    rf"(?:(?P<mon>{MONTH})|(?P<season>{SEASON}))(?:\s+of)?\s+(?P<step>this|last|next|the same|that)\s+year"
)
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}


def relative(text: str, ctx: Context) -> Result | None:
    """today, yesterday; this/last/next week, month, year, May, Monday, summer, Christmas."""
    if text in ("the weekend", "weekend"):
        return _weekend(ctx)
    if _YEAR_END.fullmatch(text):
        return _year_end(ctx)
    if text in _DAY_WORDS:
        if ctx.day is None:
            return no_day(ctx)
        return (ctx.day + timedelta(days=_DAY_WORDS[text])).isoformat(), "DATE", None
    if m := _WEEKDAY_IN_WEEK.fullmatch(text):
        if ctx.day is None:
            return no_day(ctx)
        week = ctx.day + timedelta(weeks={"this": 0, "last": -1, "next": 1}[m.group("step")])
        day = week + timedelta(days=weekday_number(m.group("wd")) - week.isoweekday())
        return day.isoformat(), "DATE", None
    if text.startswith("the week of "):
        found = absolute(text[12:], ctx)
        if found and found[0] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found[0]):
            return week_value(date.fromisoformat(found[0])), "DATE", found[2]
    if m := _NAME_IN_YEAR.fullmatch(text):
        return _name_in_year(m, ctx)
    m = _RELATIVE.fullmatch(text)
    if m is None:
        return None
    step_word, what = m.group("step"), m.group("what")
    if step_word == "the" and what not in _THE_PERIODS:
        return None
    step = _STEPS[step_word]
    note = None
    if what.endswith("year") and what != "year":
        what, note = "year", "fiscal year" if what.startswith("fiscal") else None
    if what.rstrip(".") in _WEEKDAYS_AND_MONTHS or what in SEASONS or re.fullmatch(_HOLIDAYS, what):
        return _named(what, step_word, step, ctx)
    base, why = anaphor(ctx, what) if step_word in _ANAPHORIC else (ctx.day, None)
    note = why or note
    if step_word == "the" and note is None:
        base, note = ctx.day, f"read as the current {what}"
    if base is None:
        return None, "DATE", why or ctx.missing or note  # why it is unknown, not how it was read
    return shifted(base, what, step), "DATE", note


def _weekday_from(anchor: date, weekday: int, step: int) -> str:
    """"the previous Friday" before the day last mentioned, "the following Monday" after it."""
    gap = (anchor.isoweekday() - weekday) % 7 if step < 0 else (weekday - anchor.isoweekday()) % 7
    return (anchor + timedelta(days=step * (gap or 7))).isoformat()


def _name_in_year(m: re.Match[str], ctx: Context) -> Result:
    """"May this year", "August of last year", "summer the same year"."""
    step_word = m.group("step")
    base, note = anaphor(ctx, "year") if step_word in _ANAPHORIC else (ctx.day, None)
    if base is None:
        return None, "DATE", note or ctx.missing
    year = base.year + {"last": -1, "next": 1}.get(step_word, 0)
    if m.group("mon"):
        return f"{year:04d}-{month_number(m.group('mon')):02d}", "DATE", note
    return f"{year:04d}-{SEASONS[m.group('season')]}", "DATE", note


# "by year-end", "since year end": the accounting close of a year, December 31.
_YEAR_END = re.compile(r"(?:the\s+)?(?:year[\s-]?end|year's end)")


def _year_end(ctx: Context) -> Result:
    """The coming December 31; in the past tense the one gone by ("up 5% since year-end")."""
    if ctx.day is None:
        return no_day(ctx)
    this_end = date(ctx.day.year, 12, 31)
    if ctx.tense == "past" and ctx.day < this_end:
        return date(ctx.day.year - 1, 12, 31).isoformat(), "DATE", None
    return this_end.isoformat(), "DATE", None


def _weekend(ctx: Context) -> Result:
    """A bare "the weekend": the one just past for the past tense, the coming one otherwise."""
    if ctx.day is None:
        return no_day(ctx)
    in_weekend = ctx.day.isoweekday() >= 6
    step = -1 if ctx.tense in ("past", "unknown") and not in_weekend else 0
    return shifted(ctx.day, "weekend", step), "DATE", None


_THE_PERIODS = frozenset({"year", "month", "week", "fiscal year", "full year", "fiscal-year"})
_WEEKDAYS_AND_MONTHS = frozenset([*WEEKDAYS, *MONTHS])


def _named(what: str, step_word: str, step: int, ctx: Context) -> Result:
    qualifier = {-1: "last", 1: "next", 0: "this"}[step]
    if re.fullmatch(WEEKDAY, what):
        if step and step_word in _ANAPHORIC and ctx.anchor is not None and ctx.anchor_grain == "day":
            return _weekday_from(ctx.anchor, weekday_number(what), step), "DATE", None
        return weekday_date(weekday_number(what), ctx, qualifier)
    if re.fullmatch(MONTH, what):
        return month_of_year(month_number(what), ctx, step)
    if what in SEASONS:
        return season(SEASONS[what], ctx, step)
    return holiday(what, ctx, step)
