"""Durations and frequencies: "five-year" → P5Y, "a year and a half" → P1Y6M, "every Monday" → SET.

Durations are ISO 8601 with TIMEX3's X for a count not stated ("several months" → PXM); a
range ("12 to 18 months") is not one length, so it is X too, with the range in the note.
"""

from __future__ import annotations

import re

from crosswire.mentions.dates.calendar import ago, duration_value, parse_count
from crosswire.mentions.dates.context import Context, Result, no_day
from crosswire.mentions.dates.text import (
    MONTH,
    NUMBER,
    PART_OF_DAY,
    SEASON,
    UNIT,
    WEEKDAY,
    clean,
    month_number,
    unit_name,
    weekday_number,
)
from crosswire.mentions.dates.vocab import FREQUENCY_WORDS, PARTS_OF_DAY, SEASONS

# --- frequencies (SET) -------------------------------------------------------------------------

_EVERY = re.compile(rf"(?:every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT})")
_EVERY_NAME = re.compile(
    rf"(?:(?:every|each)\s+(?P<wd>{WEEKDAY})|(?:on\s+)?(?P<wds>{WEEKDAY})s)(?:\s+(?P<pod>{PART_OF_DAY}))?"
    rf"|(?P<wd2>{WEEKDAY})\s+(?P<pods>{PART_OF_DAY})s"
)
_EVERY_OTHER = re.compile(
    rf"(?:every|each)\s+(?:(?P<mon>{MONTH})|(?P<season>{SEASON})|(?P<pod>{PART_OF_DAY}))"
)
_TIMES_PER = re.compile(
    rf"(?:once|twice|thrice|(?:{NUMBER})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})"
)


def frequency(text: str, ctx: Context) -> Result | None:
    if text in FREQUENCY_WORDS:
        return FREQUENCY_WORDS[text], "SET", None
    if text in ("weekends", "every weekend", "each weekend"):
        return "XXXX-WXX-WE", "SET", None
    if m := _EVERY.fullmatch(text):
        count = parse_count(m.group("num")) if m.group("num") else 1.0
        count = count * 2 if count and m.group("other") else count
        return duration_value([(count, unit_name(m.group("unit")))]), "SET", None
    if m := _EVERY_NAME.fullmatch(text):
        weekday = weekday_number(m.group("wd") or m.group("wds") or m.group("wd2"))
        pod = m.group("pod") or m.group("pods")
        return f"XXXX-WXX-{weekday}" + (f"T{PARTS_OF_DAY[pod]}" if pod else ""), "SET", None
    if m := _EVERY_OTHER.fullmatch(text):
        if m.group("mon"):
            return f"XXXX-{month_number(m.group('mon')):02d}", "SET", None
        if m.group("season"):
            return f"XXXX-{SEASONS[m.group('season')]}", "SET", None
        return f"XXXX-XX-XXT{PARTS_OF_DAY[m.group('pod')]}", "SET", None
    if m := _TIMES_PER.fullmatch(text):
        return duration_value([(1.0, unit_name(m.group("unit")))]), "SET", f"frequency: {text}"
    if m := PER_UNIT.fullmatch(text):  # "$600 per week": a rate, paid every week
        return duration_value([(1.0, unit_name(m.group("unit")))]), "SET", None
    return None


PER_UNIT = re.compile(r"(?i)per[\s-](?P<unit>(?:day|week|month|year|quarter|night))")




# --- durations ---------------------------------------------------------------------------------

_LEADS = (
    "past|last|next|coming|first|previous|following|final|remaining|latest|additional|further|entire"
    "|whole|full|another|initial|ensuing|subsequent|recent|extra|more|better part of the|same"
    "|year-earlier|year-ago"  # "the year-earlier nine months" lasted nine months
)
_ADJECTIVES = (
    r"more|additional|extra|further|full|whole|straight|trading|business|working|consecutive|calendar"
)
# "five uncomfortable minutes", "three gruelling days": a word an adjective's ending shows, only
# after a count (no count: "exciting days" are no length).
_OPEN_ADJECTIVE = r"(?P<adj>[a-z]+(?:able|ible|ful|ous|ing|less|ive))"
_DURATION = re.compile(
    rf"(?P<the>the\s+)?(?P<lead>(?:(?:{_LEADS})\s+)*)(?:(?:an?\s+(?=(?:{NUMBER})[\s-]))?(?P<num>{NUMBER})"
    rf"(?P<frac>\s+and\s+a\s+half|\s+1/2|\s*½)?[\s-]+)?(?:(?:{_ADJECTIVES})\s+|{_OPEN_ADJECTIVE}\s+)?"
    rf"(?P<unit>{UNIT})"
    r"(?P<tail>\s+and\s+a\s+half|[\s-]+(?:long|old|plus|or so|running|straight|in a row|period|term|span"
    r"|stretch|stint|window|spell|interval|time frame|timeframe))?"
)
_HALF = re.compile(rf"(?:a\s+)?half(?:\s+an?|-an?)?[\s-]+(?P<unit>{UNIT})")
# The first count is read whole, never split: "thirty-five years" is no range from thirty to five
# (the atomic group keeps the regex from backing into "thirty" and "-five").
_RANGE = re.compile(
    rf"(?:the\s+)?(?:(?:{_LEADS})\s+)*(?P<a>(?>{NUMBER}))\s*(?:to|-|or)\s*(?P<b>{NUMBER})[\s-]+(?P<unit>{UNIT})"
)
_COMPOUND = re.compile(r"(?P<x>.+?)[\s-]+(?P<op>and|or)[\s-]+(?P<y>.+)")
_OF_YEAR = re.compile(
    r"^(the\s+(?:first|last|past|final)\s+.+?)\s+of\s+(?:the|this|last|next|fiscal)?\s*(?:year|\d{4})$"
)
_HALF_OF_YEAR = re.compile(r"(?:the\s+)?(?:first|second)\s+two\s+quarters\s+of\s+.+")
_VAGUE_DURATIONS = {"a while": "PXX", "some time": "PXX", "a long time": "PXX", "a short time": "PXX",
                    "a long while": "PXX", "a lengthy period": "PXX", "a short period": "PXX"}
# "the past year" is a span of one year; these leads make a singular unit a duration.
_SPAN_LEADS = frozenset({"past", "last", "next", "coming", "entire", "whole", "full", "first", "final",
                         "better part of the", "remaining"})
_PLAIN = re.compile(rf"(?:{NUMBER})[\s-]+{UNIT}")
# "the next day" is a point after the time last mentioned, not a span of one day.
_POINT_LEADS = frozenset({"next", "following", "previous", "same"})
# "a fairly lengthy period", "a very long time": a span of unstated length, like "a while".
_VAGUE_SPAN = re.compile(
    r"an?\s+(?:(?:fairly|very|relatively|rather|quite|considerable|long|longer|lengthy|short|brief|extended)"
    r"\s+)+(?:time|period|while|spell|stretch)"
)
# "in the weeks ahead", "the months to come": a stretch of unstated length from now on.
_AHEAD = re.compile(rf"(?:the\s+)?(?:coming\s+)?(?P<unit>{UNIT})\s+(?:ahead|to come)")
# "in recent weeks", "the days and weeks ahead", "the coming months": the recent past or the
# near future, as the news sets' convention writes them (PAST_REF, FUTURE_REF); TimeBank writes
# them either way (TBAQ: "recent years" PAST_REF 3 times, a duration twice).
_PLURAL_UNITS = r"(?:days|weeks|months|years|decades)"
_RECENT_UNITS = re.compile(
    rf"(?:the\s+)?(?:most\s+)?recent\s+{_PLURAL_UNITS}(?:\s+(?:and|or)\s+{_PLURAL_UNITS})?"
)
_UNITS_AHEAD = re.compile(
    rf"(?:the\s+)?(?:{_PLURAL_UNITS}\s+(?:and|or)\s+)?{_PLURAL_UNITS}\s+(?:ahead|to come)"
    rf"|the\s+coming\s+{_PLURAL_UNITS}(?:\s+(?:and|or)\s+{_PLURAL_UNITS})?"
)
# "in a year or two": a loosely counted point ahead, in the future tense.
_OR_MORE = re.compile(rf"(?:{NUMBER})[\s-]+(?P<unit>{UNIT})\s+or\s+(?:{NUMBER})(?:[\s-]+{UNIT})?")
_BACKWARD_COUNT = re.compile(r"(?:the\s+)?(?:recent|past|last|previous)\b")


def duration(text: str, ctx: Context, prep: str = "") -> Result | None:
    if text in _VAGUE_DURATIONS or _VAGUE_SPAN.fullmatch(text):
        return _VAGUE_DURATIONS.get(text, "PXX"), "DURATION", "length not stated"
    if _RECENT_UNITS.fullmatch(text):
        return "PAST_REF", "DATE", "recent, no length stated"
    if _UNITS_AHEAD.fullmatch(text):
        return "FUTURE_REF", "DATE", "ahead, no length stated"
    if m := _AHEAD.fullmatch(text):
        return duration_value([(None, unit_name(m.group("unit")))]), "DURATION", "length not stated"
    if (m := _OR_MORE.fullmatch(text)) and prep == "in" and ctx.tense in ("future", "near"):
        return "FUTURE_REF", "DATE", f"in {text}: some time ahead"
    parts = duration_parts(text)
    if parts is None:
        return None
    amounts, note = parts
    looking_back = _BACKWARD_COUNT.match(text) is not None  # "in recent months" is no future point
    if (prep == "in" and ctx.tense in ("future", "near") and len(amounts) == 1 and _PLAIN.fullmatch(text)
            and not looking_back):
        # "will open in three weeks": a point three weeks after publication.
        count, unit = amounts[0]
        if ctx.day is None:
            return no_day(ctx)
        if count is None:
            return "FUTURE_REF", "DATE", None
        return ago(ctx.day, unit, -round(count)), "DATE", "in N units, future tense: a point"
    return duration_value(amounts), "DURATION", note


# "six to eight hours", "5-7 days": both ends counted, in one unit.
_BOTH_ENDS = re.compile(rf"(?:the\s+)?(?:(?:{_LEADS})\s+)*(?P<a>(?>{NUMBER}))\s*(?:to|-)\s*"
                        rf"(?P<b>{NUMBER})[\s-]+(?P<unit>{UNIT})")


def duration_range(text: str) -> tuple[str, str] | None:
    """The two lengths of a range of durations ("six to eight hours" → "PT6H", "PT8H"), whose
    value stays a length not stated ("PTXH", as TimeML writes it); None for anything else."""
    found = _BOTH_ENDS.fullmatch(clean(text)[1])
    if found is None:
        return None
    unit = unit_name(found.group("unit"))
    try:
        low, high = parse_count(found.group("a")), parse_count(found.group("b"))
    except ValueError:
        return None
    if low is None or high is None or low >= high:
        return None
    return duration_value([(low, unit)]), duration_value([(high, unit)])


def duration_parts(text: str) -> tuple[list[tuple[float | None, str]], str | None] | None:
    """(count, unit) pairs of a duration and a note, or None when text is not a duration."""
    if _HALF_OF_YEAR.fullmatch(text):
        return None  # "the first two quarters of 2024" names a half: see periods
    text = _OF_YEAR.sub(r"\1", text)  # "the first nine months of the year" lasts nine months
    if text in _VAGUE_DURATIONS:
        return [(None, "year")], "length not stated"
    if m := _HALF.fullmatch(text):
        return [(0.5, unit_name(m.group("unit")))], None
    if m := _OR_MORE.fullmatch(text):  # "a year or two": not one number either
        return [(None, unit_name(m.group("unit")))], f"range: {text}"
    if m := _RANGE.fullmatch(text):
        # "12 to 18 months": the length is not one number; unknown rather than the low end.
        unit = unit_name(m.group("unit"))
        return [(None, unit)], f"range: {m.group('a')} to {m.group('b')} {unit}s"
    if m := _DURATION.fullmatch(text):
        return _single_duration(m)
    if m := _COMPOUND.fullmatch(text):
        return _compound_duration(m)
    return None


def _single_duration(m: re.Match[str]) -> tuple[list[tuple[float | None, str]], str | None] | None:
    unit_word, unit = m.group("unit"), unit_name(m.group("unit"))
    leads = set(m.group("lead").split())
    plural = unit_word != unit and not unit_word.endswith("ss")
    if re.fullmatch(r"[12]\d{3}", m.group("num") or ""):
        return None  # "the 1988 quarter" names a year, not 1,988 quarters
    if m.group("adj") and not m.group("num"):
        return None
    if m.group("num"):
        count = parse_count(m.group("num"))
    elif plural:
        count = None
    elif unit == "quarter":
        return None  # "the latest quarter" is a point: see periods
    elif unit in ("day", "night") and leads & _POINT_LEADS:
        return None  # "the next day": a point, from the time last mentioned
    elif unit == "year" and leads == {"full"} and m.group("the"):
        return None  # "results for the full year": the current (fiscal) year, as business news says it
    elif _is_span(m, leads):
        count = 1.0  # "the past year": one year up to now
    else:
        return None
    if count is not None and (m.group("frac") or (m.group("tail") or "").strip() == "and a half"):
        count += 0.5
    note = "nights counted as days" if unit == "night" else None
    return [(count, unit)], note


def _is_span(m: re.Match[str], leads: set[str]) -> bool:
    if (m.group("tail") or "").strip(" -") in ("long", "old"):
        return True  # "day-long"
    if m.group("the"):
        return bool(leads) and leads <= _SPAN_LEADS
    return leads in ({"another"}, {"past"}, {"additional"}, {"extra"})


def _compound_duration(m: re.Match[str]) -> tuple[list[tuple[float | None, str]], str | None] | None:
    left, right = duration_parts(m.group("x")), duration_parts(m.group("y"))
    if left is None or right is None:
        return None
    if m.group("op") == "or":  # "weeks or months": the shorter is the safer reading
        return left[0], f"or {m.group('y')}"
    amounts = left[0] + right[0]
    if {u for _, u in amounts} == {"night", "day"}:
        # A "three-night-and-four-day" trip lasts four days; the nights lie inside them.
        longest = max(c or 0 for c, _ in amounts)
        return [(longest, "day")], "nights lie within the days"
    return amounts, None
