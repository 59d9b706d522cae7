"""Set phrases around a time: "1990 and beyond", "the day before Tuesday's hearing", "then".

* Open ends: "1994 or later", "2025 and beyond" name where a span starts; the value is that
  point, with a note that the span runs on.
* A day counted from a named one: "the day before last Tuesday" is Monday of that week.
* Holiday weeks: "Easter week", "Thanksgiving weekend": the (ISO) week the holiday falls in.
* Deixis without a date: "this crucial moment" is the present; "will one day be" the future.
* Anaphors for the time last mentioned: "then", "that day", "at the time".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from crosswire.mentions.dates.calendar import week_value
from crosswire.mentions.dates.context import Context, Result, choose, no_day
from crosswire.mentions.dates.seasons import holiday_in
from crosswire.mentions.dates.text import ORDINAL, alternation
from crosswire.mentions.dates.vocab import FIXED_HOLIDAYS, WEEKDAY_HOLIDAYS

# The caller's rules, to resolve the named point inside a phrase.
PointRule = Callable[[str, Context], Result | None]

_OPEN_END = re.compile(
    r"(?P<point>.+?),?\s+"
    r"(?P<end>and beyond|or later|or earlier|and later|and after|at the latest|at the earliest)"
)
_DAY_FROM = re.compile(r"(?:the\s+)?day\s+(?P<dir>before|after)\s+(?P<point>.+)")
# "during the day Friday", "the day of the vote on Friday": the day named.
_THE_DAY_OF = re.compile(r"the\s+day\s+(?:of\s+)?(?P<point>(?!before\b|after\b).+)")
_HOLIDAY_WEEK = re.compile(
    rf"(?:the\s+)?(?P<name>{alternation([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, 'easter'])})"
    r"\s+(?P<unit>week|weekend)"
)
# "this crucial moment", "the present moment": now, however it is described.
_THIS_MOMENT = re.compile(r"(?:this|the present)\s+(?:[a-z]+\s+)?moment")
# "the eighth day of the blockade": a day counted from an event's start, whose date is not stated
# (``around`` reads it when the sentence equates it with a day: "Today is the eighth day").
_ORDINAL_DAY = re.compile(rf"(?:the\s+|his\s+|her\s+|its\s+|their\s+)?{ORDINAL}\s+day")
# Words that point back to the time last mentioned, at its own grain.
_ANAPHORS = frozenset(
    {"then", "that time", "the time", "that day", "that same day", "the same day", "the day"}
)


def phrase(text: str, ctx: Context, point: PointRule) -> Result | None:
    """The value of one of the phrases above, or None when text is none of them."""
    if m := _OPEN_END.fullmatch(text):
        found = point(m.group("point"), ctx)
        if found is None or found[0] is None or found[1] not in ("DATE", "TIME"):
            return None
        return found[0], found[1], f"{m.group('end')}: the span starts here"
    if m := _DAY_FROM.fullmatch(text):
        return _day_from(m, ctx, point)
    if (m := _THE_DAY_OF.fullmatch(text)) and (found := point(m.group("point"), ctx)) and found[0]:
        return found if re.fullmatch(r"\d{4}-\d{2}-\d{2}", found[0]) else None
    if m := _HOLIDAY_WEEK.fullmatch(text):
        return _holiday_week(m.group("name"), m.group("unit"), ctx)
    if _THIS_MOMENT.fullmatch(text):
        return "PRESENT_REF", "DATE", None
    if text == "one day" and ctx.tense == "future":
        return "FUTURE_REF", "DATE", "one day, in the future tense: someday"
    if text in _ANAPHORS:
        return _anaphor(text, ctx)
    if _ORDINAL_DAY.fullmatch(text):
        return None, "DATE", "a day counted from the start of an event: its date is not stated"
    return None


def _day_from(m: re.Match[str], ctx: Context, point: PointRule) -> Result | None:
    found = point(m.group("point"), ctx)
    if found is None:
        return None
    value, _, note = found
    if value is None:
        return None, "DATE", note  # the day it counts from is unknown: so is this one
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    step = -1 if m.group("dir") == "before" else 1
    return (date.fromisoformat(value) + timedelta(days=step)).isoformat(), "DATE", note


def _holiday_week(name: str, unit: str, ctx: Context) -> Result:
    """The week (or weekend) of a holiday, chosen by tense from when it begins: on the Monday of
    Easter week, "Easter week began" is this year's, though Easter Sunday is still ahead."""
    if ctx.day is None:
        return no_day(ctx)
    weeks = []
    for year in (ctx.day.year - 1, ctx.day.year, ctx.day.year + 1):
        day = holiday_in(name, year)
        if day is not None:
            start = day - timedelta(days=day.isoweekday() - (6 if unit == "weekend" else 1))
            weeks.append((start, week_value(day) + ("-WE" if unit == "weekend" else "")))
    value, note = choose(weeks, ctx.day, ctx.tense)
    return value, "DATE", note


def _anaphor(text: str, ctx: Context) -> Result | None:
    """"then", "that day": the time last mentioned, at its grain; "at the time" of a vaguer
    time is just some past time; "later in the day" with nothing mentioned is publication's."""
    if ctx.anchor is None:
        if text in ("the time", "that time"):
            return ("PAST_REF", "DATE", "no earlier time mentioned") if ctx.tense == "past" else None
        if text == "the day" and ctx.day is not None:
            return ctx.day.isoformat(), "DATE", "no earlier day mentioned: the publication day"
        return None if ctx.day is not None else no_day(ctx)
    if text.endswith("day") and ctx.anchor_grain != "day":
        return None, "DATE", f"relative to a time known only to the {ctx.anchor_grain}"
    if text in ("the time", "that time") and ctx.anchor_grain not in ("day", "month"):
        return "PAST_REF", "DATE", f"the time last mentioned is known only to the {ctx.anchor_grain}"
    return _at_grain(ctx.anchor, ctx.anchor_grain), "DATE", None


def _at_grain(day: date, grain: str) -> str:
    if grain == "day":
        return day.isoformat()
    if grain == "month":
        return f"{day:%Y-%m}"
    if grain == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"
