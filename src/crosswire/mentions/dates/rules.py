"""Normalize one date or time expression to a TIMEX3 value, against the publication date.

``normalize(text, published, tense)`` → ``(value, type, note)`` works on plain strings, without
spaCy. The rules form a readable cascade (first match wins): set phrases ("2026 or later",
"then", "Easter week": ``phrases``), reference words ("now" → PRESENT_REF), frequencies
(SET), "N units ago/later", durations, periods named by their closing date ("the year ended
March 31": ``ending``), relative points ("last week", "year-end"), quarters, decades,
holidays, written-out dates, bare names chosen by tense, modifiers ("early", "late") peeled
off, and dateparser as the last resort for absolute dates.

Choices, so that values are predictable:

* Parts of day are TIMEX3 codes on the day, type TIME: "Sunday afternoon" → "2023-09-10TAF"
  (MO, MI, AF, EV, NI, DT); "noon" is T12:00 and "midnight Friday" Friday's T24:00.
* Clock times carry the stated zone as an offset ("4 a.m. EDT" → "…T04:00-04:00") or none; a
  clock time without a day is put on the publication day (or the day the same sentence
  names) with a note.
* Durations are ISO 8601: "five-year" → P5Y, "a year and a half" → P1Y6M, "the past five
  years" → P5Y; unknown counts are X ("several months" → PXM, "decades" → PXE). Nights count
  as days and lie within them: "three-night-and-four-day" → P4D.
* Frequencies are SET: "every Monday" → XXXX-WXX-1, "daily" → P1D, "each July" → XXXX-07.
* Missing, unreadable or future publication dates make relative values None with the note
  "no publication date …"; impossible dates give None with the reason.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from crosswire.mentions.dates.calendar import (
    ago,
    duration_value,
    parse_count,
    publication_day,
    publication_time,
)
from crosswire.mentions.dates.clock import time_of_day
from crosswire.mentions.dates.context import Context, Result, Tense, anaphor
from crosswire.mentions.dates.ending import period_ending
from crosswire.mentions.dates.patterns import range_ends
from crosswire.mentions.dates.periods import era, half_year, quarter
from crosswire.mentions.dates.phrases import phrase
from crosswire.mentions.dates.points import absolute, day_of_year, month_of_year, relative, weekday_date
from crosswire.mentions.dates.seasons import holiday, holiday_in, season
from crosswire.mentions.dates.spans import duration, frequency
from crosswire.mentions.dates.text import (
    MONTH,
    NUMBER,
    SEASON,
    UNIT,
    WEEKDAY,
    alternation,
    clean,
    month_number,
    unit_name,
    weekday_number,
)
from crosswire.mentions.dates.vocab import (
    FIXED_HOLIDAYS,
    NAMED_DAYS,
    REFERENCE_WORDS,
    SEASONS,
    WEEKDAY_HOLIDAYS,
)

__all__ = ["Context", "Result", "Tense", "context_for", "counted_length", "normalize", "resolve"]


def normalize(text: str, published: str | None, tense: str = "past", *, today: date | None = None) -> Result:
    """The TIMEX3 value, type and note of one expression published on ``published`` (ISO 8601).

    ``tense`` is the tense of the verb the expression attaches to: "past", "present",
    "future" or "unknown". ``today`` stands in for the clock when checking that the
    publication date is not in the future (tests pin it).
    """
    return resolve(text, context_for(published, tense, today=today))


def context_for(published: str | None, tense: str = "past", *, today: date | None = None) -> Context:
    day, missing = publication_day(published, today)
    when = publication_time(published) if day else None
    return Context(day, missing, _tense(tense), when)


def _tense(tense: str) -> Tense:
    return tense if tense in ("past", "present", "future", "near") else "unknown"  # type: ignore[return-value]


def resolve(text: str, ctx: Context) -> Result:
    """normalize() with a ready Context (the stage adds anchors for anaphora)."""
    prep, core = clean(text)
    if not core:
        return None, "DATE", "empty expression"
    try:
        found = _first_rule(core, ctx, prep)
    except (OverflowError, ValueError):
        # Arithmetic past year 1 or 9999 ("10000 days ago" from a date in year 1): the
        # calendar ends there, and so does what we can say.
        return None, "DATE", f"outside the calendar: {text.strip()!r}"
    return found or _range(text, ctx) or (None, "DATE", f"not a recognizable date: {text.strip()!r}")


def _range(text: str, ctx: Context) -> Result | None:
    """"from 2009 to 2011" → "2009/2011": both ends, as ISO 8601 writes an interval; the stage
    reads each end in its place instead (resolve_range_in_context), this is for bare strings."""
    ends = range_ends(text.strip())
    if ends is None:
        return None
    (first, kind, note), (last, last_kind, _) = (resolve(piece, ctx) for _, _, piece in ends)
    if first is None or last is None or kind != last_kind or kind not in ("DATE", "TIME"):
        return None
    return f"{first}/{last}", kind, note


_SPAN_PREPOSITIONS = frozenset({"for", "over", "throughout", "within"})


def _first_rule(core: str, ctx: Context, prep: str) -> Result | None:
    # Set phrases first ("will one day be" is no day long), then frequencies and durations:
    # "Tuesday nights" is a SET, "three-night" a duration.
    if core in NAMED_DAYS:
        return NAMED_DAYS[core], "DATE", None
    if prep == "at" and core == "this time":
        return "PRESENT_REF", "DATE", None  # "a mistake at this time"; "this time" alone is an occasion
    if (found := _phrase(core, ctx)) is not None:
        return found
    # "in the last century" is the 1900s; "for the last century" a hundred years (duration).
    if prep not in _SPAN_PREPOSITIONS and (found := era(core, ctx)) is not None:
        return found
    spans = frequency(core, ctx) or duration(core, ctx, prep)
    if spans is not None:
        return spans
    return time_of_day(core, ctx, point_or_span) or point_or_span(core, ctx, prep)


def point_or_span(text: str, ctx: Context, prep: str = "") -> Result | None:
    """Every rule but time of day, first match wins."""
    if text in REFERENCE_WORDS:
        return REFERENCE_WORDS[text], "DATE", None
    rules = (_phrase, frequency, counted_from, _period_ending, quarter, era, half_year, bare_name, absolute)
    for rule in rules:
        found = rule(text, ctx)
        if found is not None:
            return found
    found = duration(text, ctx, prep) or relative(text, ctx)
    if found is not None:
        return found
    if found := _filed_after_midnight(text, ctx):
        return found
    if found := _week_of_month(text, ctx):
        return found
    if m := _MODIFIER.fullmatch(text):
        return point_or_span(m.group("rest"), ctx)
    if text.startswith("the "):
        return point_or_span(text[4:], ctx)
    return parsed_by_dateparser(text, ctx)


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_WEEK_OF_MONTH = re.compile(rf"(?:the\s+)?(?P<n>{'|'.join(_NTH)})\s+week\s+of\s+(?P<rest>.+)")


def _week_of_month(text: str, ctx: Context) -> Result | None:
    """"the second week of December": the ISO week of the month's second Monday (its weeks
    counted from the first that starts in it), as TimeML writes a week ("2019-W50")."""
    m = _WEEK_OF_MONTH.fullmatch(text)
    if m is None:
        return None
    month = point_or_span(m.group("rest"), ctx)
    if month is None or month[0] is None or not re.fullmatch(r"\d{4}-\d{2}", month[0]):
        return None
    first = date(int(month[0][:4]), int(month[0][5:]), 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (_NTH[m.group("n")] - 1))
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}", "DATE", month[2]


_EARLY_WEEKDAY = re.compile(rf"early\s+(?:on\s+)?(?P<wd>{WEEKDAY})")


def _filed_after_midnight(text: str, ctx: Context) -> Result | None:
    """"The curfew ended early Friday" in a story dated Thursday: the small hours just after the
    publication day (news filed after midnight keeps the evening's date), not six days back."""
    m = _EARLY_WEEKDAY.fullmatch(text)
    if m is None or ctx.day is None or ctx.tense != "past":
        return None
    if (weekday_number(m.group("wd")) - ctx.day.isoweekday()) % 7 != 1:
        return None
    return (ctx.day + timedelta(days=1)).isoformat(), "DATE", "early on the day after the publication date"


def _period_ending(text: str, ctx: Context) -> Result | None:
    return period_ending(text, ctx, point_or_span)


def _phrase(text: str, ctx: Context) -> Result | None:
    return phrase(text, ctx, point_or_span)


# --- "N units ago / later" -------------------------------------------------------------------

_COUNTED = re.compile(
    rf"(?:(?P<num>{NUMBER})(?P<frac>\s+and\s+a\s+half)?[\s-]+)?(?P<unit>{UNIT})(?P<frac2>\s+and\s+a\s+half)?[\s-]+"
    r"(?:or so\s+)?(?P<dir>ago|back|before|earlier|after|later|from now|hence|on|prior|previously)"
)
_FROM_POINT = re.compile(
    rf"(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>from|after|before)\s+(?P<point>(?!now$).+)"
)
_HALVES = {"year": ("month", 12), "decade": ("year", 10), "month": ("day", 30), "week": ("day", 7)}
_THE_UNIT_BEFORE = re.compile(
    r"the\s+(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after|earlier|later|prior)"
)
_FROM_PUBLICATION = frozenset({"ago", "back", "from now", "hence"})
_BACKWARD = frozenset({"ago", "back", "before", "earlier", "prior", "previously"})


def counted_from(text: str, ctx: Context) -> Result | None:
    """"two years ago" (from publication), "a day later" (from the time last mentioned)."""
    if offset := _FROM_POINT.fullmatch(text):
        return _from_point(offset, ctx)
    m = _COUNTED.fullmatch(text) or _THE_UNIT_BEFORE.fullmatch(text)
    if m is None:
        if text in ("year-earlier", "year-ago", "a year-earlier"):
            m = _COUNTED.fullmatch("a year earlier")
        if m is None:
            return None
    unit, direction = unit_name(m.group("unit")), m.group("dir")
    raw = m.groupdict().get("num")
    count = parse_count(raw) if raw else (None if m.group("unit").endswith("s") else 1.0)
    backward = direction in _BACKWARD
    if direction in _FROM_PUBLICATION:
        base, note = ctx.day, None
    else:
        base, note = anaphor(ctx, unit)
    if base is None:
        return None, "DATE", note or ctx.missing
    if count is None:
        return ("PAST_REF" if backward else "FUTURE_REF"), "DATE", note
    if m.groupdict().get("frac") or m.groupdict().get("frac2"):
        count += 0.5
    if unit in ("hour", "minute", "second"):
        told = direction not in _FROM_PUBLICATION  # "an hour later" counts from the clock last named
        return _clock_offset(base, unit, count if backward else -count, ctx, note, told)
    if unit == "year" and count == int(count) and ctx.anchor_grain == "quarter" and ctx.anchor:
        # "a year earlier" after "the third quarter": that quarter, a year before ("a year
        # ago": the same quarter number, counted from publication)
        q = (ctx.anchor.month - 1) // 3 + 1
        year = (base if direction in _FROM_PUBLICATION else ctx.anchor).year
        return f"{year - round(count) if backward else year + round(count)}-Q{q}", "DATE", None
    if count != int(count) and unit in _HALVES:  # "a year and a half later": 18 months later
        unit, count = _HALVES[unit][0], count * _HALVES[unit][1]
    n = round(count) if backward else -round(count)
    return ago(base, unit, n), "DATE", note


def counted_length(text: str) -> str | None:
    """The length a point was counted by: "20 years ago" → "P20Y", "a day later" → "P1D".

    None for anything else, and for a count not stated ("years ago"): the point then is vague
    (PAST_REF) and so is its length.
    """
    m = _COUNTED.fullmatch(clean(text)[1])
    if m is None:
        return None
    raw, unit = m.group("num"), m.group("unit")
    count = parse_count(raw) if raw else (None if unit.endswith("s") else 1.0)
    if count is None:
        return None
    if m.group("frac") or m.group("frac2"):
        count += 0.5
    return duration_value([(count, unit_name(unit))])


def _from_point(m: re.Match[str], ctx: Context) -> Result | None:
    """"a week from Friday", "two days before Christmas": a day counted from a named day."""
    found = point_or_span(m.group("point"), ctx)
    if found is None or found[0] is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", found[0]):
        return None if found is None else (None, "DATE", found[2] or f"not a day: {m.group('point')!r}")
    count = parse_count(m.group("num"))
    if count is None:
        return None, "DATE", "count not stated"
    days = round(count) * {"day": 1, "week": 7, "fortnight": 14}.get(unit_name(m.group("unit")), 0)
    if not days:
        return None
    sign = -1 if m.group("dir") == "before" else 1
    return (date.fromisoformat(found[0]) + timedelta(days=sign * days)).isoformat(), "DATE", found[2]


def _clock_offset(base: date, unit: str, count: float, ctx: Context, note: str | None,
                  told: bool = False) -> Result:
    if told and ctx.clock is not None and base == ctx.clock.date():
        # "at 6:10 a.m. ... an hour later": from the time the story is at, in its zone
        moment = ctx.clock - timedelta(**{f"{unit}s": count})
        return moment.strftime("%Y-%m-%dT%H:%M") + _zone_of(ctx.clock), "TIME", None
    if ctx.when is not None and base == ctx.day:
        moment = ctx.when - timedelta(**{f"{unit}s": count})
        return moment.strftime("%Y-%m-%dT%H:%M"), "TIME", note
    # "about an hour later" after a clock time never stated: the hour is the one thing known.
    return duration_value([(abs(count), unit)]), "DURATION", "clock time unknown: the length is given"


def _zone_of(moment: datetime) -> str:
    offset = moment.strftime("%z")
    if not offset:
        return ""
    return "Z" if offset == "+0000" else f"{offset[:3]}:{offset[3:]}"


# --- bare names -----------------------------------------------------------------------------------

_BARE = re.compile(
    rf"(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?"
    rf"|(?P<holiday>{alternation([*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, 'easter', 'election day'])})"
    r"(?:,?\s+(?:of\s+)?(?P<hyear>\d{4}))?"
)


def bare_name(text: str, ctx: Context) -> Result | None:
    """A weekday, month, season or holiday with no qualifier: the tense decides which one."""
    m = _BARE.fullmatch(text)
    if m is None:
        return None
    if m.group("wd"):
        return weekday_date(weekday_number(m.group("wd")), ctx)
    if m.group("mon"):
        return month_of_year(month_number(m.group("mon")), ctx)
    if m.group("season"):
        if m.group("year"):
            return f"{m.group('year')}-{SEASONS[m.group('season')]}", "DATE", None
        return season(SEASONS[m.group("season")], ctx)
    if m.group("hyear"):
        found = holiday_in(m.group("holiday"), int(m.group("hyear")))
        return (found.isoformat() if found else None), "DATE", None
    return holiday(m.group("holiday"), ctx)


# --- modifiers ---------------------------------------------------------------------------------

_MODIFIER = re.compile(
    r"(?:(?:the\s+|a\s+)?(?:early|earlier|late|later|mid|middle|end|beginning|start|turn|rest|remainder|close"
    r"|height|bulk|dawn|good part|large part|most|some|sometime)\b(?:\s+(?:part\s+)?(?:of|in))?"
    r"|mid-|(?:at\s+)?(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:days?|weeks?|part|half)\s+of"
    r"|(?:the\s+)?month\s+of"
    r"|(?:the\s+)?(?:early|late)\s+(?:part|days|hours)\s+of|post-|pre-)[\s-]*(?P<rest>\S.*)"
)


# --- dateparser, last ---------------------------------------------------------------------------

# Worth dateparser's time: a month name or a four-digit year, in a few words. A bare "32"
# (spaCy's DATE on an age) would come back as the year 1932.
_ABSOLUTE_HINT = re.compile(rf"\b(?:{MONTH}|\d{{4}})\b")


def parsed_by_dateparser(text: str, ctx: Context) -> Result | None:
    """Absolute dates the rules above do not know ("September the 13th"), through dateparser.

    Only short texts with a month name or a number get here. The base is always the
    publication day, never the clock: without one, only texts that state their year parse.
    """
    if len(text) > 40 or text.count(" ") > 5 or not _ABSOLUTE_HINT.search(text):
        return None
    has_year = re.search(r"\b\d{4}\b", text) is not None
    if ctx.day is None and not has_year:
        return None
    base = ctx.day or date(2000, 1, 1)
    found = _dateparser(text, base, ctx.tense)
    if found is None:
        return None
    day, period = found
    if period == "year":
        return f"{day.year:04d}", "DATE", None
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}", "DATE", None
    if not has_year:
        return day_of_year(day.month, day.day, ctx)
    return day.isoformat(), "DATE", None


@lru_cache(maxsize=512)
def _dateparser(text: str, base: date, tense: str) -> tuple[date, str] | None:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]  # slow to import

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "RETURN_TIME_AS_PERIOD": True,
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period)
