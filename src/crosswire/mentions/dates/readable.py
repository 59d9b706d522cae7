"""TIMEX3 values as people read them, for timelines: "2023-09-10TAF" → "Sunday afternoon, 10 Sept
2023", "P5Y" (a duration) → "for 5 years", "P1Y" (a set) → "every year", "2009/2011" → "2009 to
2011", "FUTURE_REF" → "the future".

The store keeps the TIMEX3 value (it is what evaluations and exports compare); only what the
CLI timeline and the web pages print goes through ``readable_time``. Its ``kind`` (the TIMEX3
type) tells a duration ("for 5 years") from a frequency ("every 5 years"); without it a length
is shown bare ("5 years"). A value this module does not know is shown as stored rather than
guessed at.
"""

from __future__ import annotations

import re
from datetime import date

REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
PARTS_OF_DAY = {
    "MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime",
}  # fmt: skip
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
# Duration letters: (singular, plural). "M" is months before the "T" and minutes after it.
DATE_UNITS = {
    "Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"), "D": ("day", "days"),
    "E": ("decade", "decades"), "C": ("century", "centuries"), "L": ("millennium", "millennia"),
    "DE": ("decade", "decades"), "CE": ("century", "centuries"), "ML": ("millennium", "millennia"),
    "Q": ("quarter", "quarters"),
}  # fmt: skip
CLOCK_UNITS = {"H": ("hour", "hours"), "M": ("minute", "minutes"), "S": ("second", "seconds")}

# Two-letter units first: "P2DE" is two decades (TIMEX2's and the blind sets' notation).
_DATE_UNIT = r"(?:DE|CE|ML|[YMWDECLQ])"
_DURATION = re.compile(rf"P((?:(?:\d+(?:\.\d+)?|X){_DATE_UNIT})*)(?:T((?:(?:\d+(?:\.\d+)?|X)[HMS])+))?")
_AMOUNT = re.compile(rf"(\d+(?:\.\d+)?|X)({_DATE_UNIT})")
_CLOCK_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|X)([HMS])")
_PART_OF_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)")
_SEASON = re.compile(r"(\d{4}|XXXX)-(SP|SU|FA|WI)")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_DECADE = re.compile(r"(\d{3})X?")  # "196" and "196X" are both the 1960s


def readable_time(value: str | None, kind: str | None = None) -> str:
    """``value`` (TIMEX3) in words; ``kind`` its type (DATE, TIME, DURATION, SET), if known."""
    if not value:
        return "unknown"
    if value in REFERENCES:
        return REFERENCES[value]
    if "/" in value:  # a range, ISO 8601's interval: each end in words
        start, _, end = value.partition("/")
        return f"{readable_time(start)} to {readable_time(end)}"
    if (duration := _DURATION.fullmatch(value)) and value != "P":
        length = _duration(duration.group(1), duration.group(2) or "")
        if kind == "SET":
            return _every(length)
        return f"for {length}" if kind == "DURATION" else length
    if kind == "SET" and (weekday := _EVERY_WEEKDAY.fullmatch(value)):
        return f"every {_WEEKDAYS[int(weekday.group(1)) - 1]}"
    return _day(value) or _calendar(value) or value


def _every(length: str) -> str:
    """"1 year" → "every year", "2 weeks" → "every 2 weeks"."""
    return "every " + (length[2:] if length.startswith("1 ") else length)


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# News abbreviations (AP style keeps June and July whole, writes Sept).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_EVERY_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(?:(MO|MI|AF|EV|NI|DT)|(\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})?))?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _day(value: str) -> str | None:
    """"2023-09-10" → "Sunday, 10 Sept 2023"; a part of day or a clock time joins the weekday or
    follows the date: "Sunday afternoon, 10 Sept 2023", "Sunday, 10 Sept 2023, 18:00 UTC"."""
    if match := _MONTH.fullmatch(value):
        month = int(match.group(2))
        return f"{_MONTH_NAMES[month - 1]} {match.group(1)}" if 1 <= month <= 12 else None
    match = _DAY.fullmatch(value)
    if match is None:
        return None
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    weekday, shown = _WEEKDAYS[day.weekday()], f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if match.group(4):
        return f"{weekday} {PARTS_OF_DAY[match.group(4)]}, {shown}"
    if match.group(5):
        zone = match.group(6)
        zone_words = "" if not zone else " UTC" if zone == "Z" else f" UTC{zone}"
        return f"{weekday}, {shown}, {match.group(5)}{zone_words}"
    return f"{weekday}, {shown}"


def _duration(date_part: str, clock_part: str) -> str:
    """ "P3D" → "3 days", "PXY" → "years", "P1Y6M" → "1 year 6 months", "PT2H" → "2 hours"."""
    words = [_amount(n, DATE_UNITS[unit]) for n, unit in _AMOUNT.findall(date_part)]
    words += [_amount(n, CLOCK_UNITS[unit]) for n, unit in _CLOCK_AMOUNT.findall(clock_part)]
    return " ".join(words)


def _amount(number: str, names: tuple[str, str]) -> str:
    if number == "X":  # an unknown count: "several days" is just "days"
        return names[1]
    return f"{number} {names[0] if number == '1' else names[1]}"


def _calendar(value: str) -> str | None:
    """Parts of day, seasons, weeks, quarters and decades; None for anything else."""
    if match := _PART_OF_DAY.fullmatch(value):
        return f"{match.group(1)} {PARTS_OF_DAY[match.group(2)]}"
    if match := _SEASON.fullmatch(value):
        year = "" if match.group(1) == "XXXX" else f" {match.group(1)}"
        return SEASONS[match.group(2)] + year
    if match := _WEEK.fullmatch(value):
        week = f"week {int(match.group(2))} of {match.group(1)}"
        return f"the weekend of {week}" if match.group(3) else week
    if match := _QUARTER.fullmatch(value):
        return f"Q{match.group(2)} {match.group(1)}"
    if match := _DECADE.fullmatch(value):
        return f"the {match.group(1)}0s"
    return None
