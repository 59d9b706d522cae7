"""Times of day: clock times ("4 a.m. EDT") and parts of day ("Sunday afternoon"), on their day.

The day comes from what is left of the expression once the time is taken out ("Tuesday" in
"Tuesday (4 a.m. EDT)"), resolved by the caller's rules; without one, the day the same
sentence names, else the publication day with a note, or the day before (after) it when a clock
time told in the past (future) lies after (before) the story's own time of filing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, timedelta, timezone, tzinfo

from crosswire.lexicon import TIMEZONES
from crosswire.mentions.dates.context import Context, Result, anaphor
from crosswire.mentions.dates.text import CLOCK, PART_OF_DAY, ZONE
from crosswire.mentions.dates.vocab import NAMED_TIMES, PARTS_OF_DAY

# The caller's rules, to resolve what is left once the time is taken out ("Tuesday").
DayRule = Callable[[str, Context], Result | None]

# --- time of day -------------------------------------------------------------------------------

_CLOCK = re.compile(
    rf"(?:{CLOCK}|(?P<hpod>\d{{1,2}})(?=\s+in\s+the\s+(?:morning|afternoon|evening|night)))"
    rf"(?:\s*\(?(?P<tz>{ZONE})\b\)?)?(?:\s+in\s+the\s+(?P<podfix>morning|afternoon|evening|night))?"
)
_POD = re.compile(rf"\b(?:(?:early|late)\s+)?(?P<pod>{PART_OF_DAY})\b")
_CONNECTORS = re.compile(
    r"\b(?:at|on|of|in|the|early|earlier|late|later|mid|around|about|local time|just|shortly|before|after)\b"
    r"|[(),]"
)
_NEXT_DAY = {"next": 1, "following": 1, "previous": -1, "that": 0, "same": 0, "that same": 0}


def time_of_day(text: str, ctx: Context, day_of: DayRule) -> Result | None:
    """Clock times and parts of day, on the day the rest of the expression names."""
    text = re.sub(r"\btonight\b", "today night", text)
    clock = _CLOCK.search(text)
    pod = None if clock else _POD.search(text)
    if clock is None and pod is None:
        return None
    found = clock or pod
    assert found is not None
    rest = _CONNECTORS.sub(" ", text[: found.start()] + " " + text[found.end():])
    rest = re.sub(r"\s+", " ", rest).strip(" -")
    if clock:
        time, note = _clock_value(clock)
        if time is None:
            return None, "TIME", note
        rest, time, told = _part_of_day_in(rest, time)
        note = None if told else note
        time += zone_suffix(TIMEZONES.get((clock.group("tz") or "").upper(), ""))
    else:
        assert pod is not None
        time, note = PARTS_OF_DAY[pod.group("pod")], None
    if clock and clock.group("named") == "midnight" and not rest and ctx.tense == "past" and ctx.day:
        # "took effect at midnight": the midnight just passed, at the start of the day
        return f"{ctx.day.isoformat()}T00:00", "TIME", None
    day, day_note = _day_for(rest, pod.group("pod") if pod else None, ctx, day_of)
    if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return day, "DATE" if day else "TIME", day_note or (ctx.missing if day is None else None)
    if clock and rest == "" and ctx.same_day is None and (moved := _across_midnight(time, ctx)):
        day, day_note = (date.fromisoformat(day) + timedelta(days=moved)).isoformat(), _ACROSS_NOTES[moved]
    notes = "; ".join(n for n in (note, day_note) if n) or None
    return f"{day}T{time}", "TIME", notes


_ACROSS_NOTES = {
    -1: "day not stated: the day before publication (a past time later than the story's own)",
    1: "day not stated: the day after publication (a future time earlier than the story's own)",
}


def _across_midnight(time: str, ctx: Context) -> int:
    """-1 when a bare clock time told in the past falls after the story's own time of filing
    ("said at 11:40 p.m." in a story filed at 06:10: the night before), +1 when one told in the
    future falls before it ("will land at 5 a.m." filed at 06:10: the next morning), else 0.

    Only a publication instant with its clock time can tell; the clock is compared in the
    expression's zone when it names one, else on the publication's own clock.
    """
    when = ctx.when
    if when is None or ctx.tense not in ("past", "future") or (when.hour, when.minute) == (0, 0):
        return 0  # a date alone (midnight is how a date without a time often reads) says nothing
    if ctx.anchor == ctx.day and ctx.anchor_grain == "day":
        return 0  # the text named the publication day itself ("killed Thursday evening"): that day
    told = _as_offset(time[5:]) if len(time) > 5 else None
    if told is not None and when.tzinfo is not None:
        when = when.astimezone(told)
        if when.date() != ctx.day:  # filed on another calendar day in that zone: too close to call
            return 0
    said = time[:5]
    filed = f"{when.hour:02d}:{when.minute:02d}"
    if ctx.tense == "past" and said > filed and said != "24:00":
        return -1
    return 1 if ctx.tense == "future" and said < filed else 0


def _as_offset(suffix: str) -> tzinfo | None:
    """A zone suffix ("Z", "-04:00") as a fixed offset."""
    if suffix == "Z":
        return UTC
    found = re.fullmatch(r"([+-])(\d{2}):(\d{2})", suffix)
    if found is None:
        return None
    sign = -1 if found.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(found.group(2)), minutes=int(found.group(3))))


def zone_suffix(offset: str) -> str:
    """An offset as ISO 8601 and TimeML write it: UTC itself is "Z", never "+00:00"."""
    return "Z" if offset in ("+00:00", "-00:00") else offset


def _part_of_day_in(rest: str, time: str) -> tuple[str, str, bool]:
    """"9:00 this morning", "8:30 tonight": the part of day names the day and the half of it."""
    found = _POD.search(rest)
    if found is None:
        return rest, time, False
    code = PARTS_OF_DAY[found.group("pod")]
    hour = int(time[:2])
    if code in ("AF", "EV", "NI") and 1 <= hour < 12:
        time = f"{hour + 12:02d}{time[2:]}"
    rest = (rest[: found.start()] + rest[found.end():]).strip()
    return rest, time, True


def _clock_value(m: re.Match[str]) -> tuple[str | None, str | None]:
    if m.group("named"):
        return NAMED_TIMES[m.group("named")], None
    if m.group("h"):
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        if not 1 <= hour <= 12:
            return None, f"no such time: {m.group(0).strip()}"
        hour = hour % 12 + (12 if m.group("ap") == "p" else 0)
        return _hh_mm(hour, minute, None)
    hour = int(m.group("h24") or m.group("oclock") or m.group("hpod"))
    minute = int(m.group("m24") or 0)
    podfix = m.group("podfix")
    if podfix:
        hour = hour % 12 + (12 if podfix != "morning" and hour != 12 else 0)
        return _hh_mm(hour, minute, None)
    note = "a.m. or p.m. not stated: read as a 24-hour clock" if 1 <= hour <= 12 else None
    return _hh_mm(hour, minute, note)


def _hh_mm(hour: int, minute: int, note: str | None) -> tuple[str | None, str | None]:
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None, f"no such time: {hour}:{minute:02d}"
    return f"{hour:02d}:{minute:02d}", note


def _day_for(rest: str, pod: str | None, ctx: Context, day_of: DayRule) -> tuple[str | None, str | None]:
    """The day a time of day falls on, from what is left of the expression around it."""
    if rest in ("", "this", "today"):
        if ctx.day is None:
            return None, ctx.missing
        if rest == "" and pod == "overnight":
            return (ctx.day - timedelta(days=1)).isoformat(), None
        if rest == "" and ctx.same_day is not None:
            return ctx.same_day.isoformat(), None
        note = None if rest or pod else "day not stated: the publication day is assumed"
        return ctx.day.isoformat(), note
    if rest == "last" and pod in ("night", "evening"):
        return (ctx.day - timedelta(days=1)).isoformat() if ctx.day else None, ctx.missing
    if rest in _NEXT_DAY:  # "the next morning", "that evening": from the day last mentioned
        base, note = anaphor(ctx, "day")
        return (base + timedelta(days=_NEXT_DAY[rest])).isoformat() if base else None, note
    found = day_of(rest, ctx)
    if found is None:
        return None, f"not a recognizable day: {rest!r}"
    return found[0], found[2]
