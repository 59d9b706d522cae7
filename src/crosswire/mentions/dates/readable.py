"""TIMEX3 values as people read them, for timelines: "PXD" → "days", "2025-03-03TAF" →
"2025-03-03 afternoon", "FUTURE_REF" → "the future".

The store keeps the TIMEX3 value (it is what evaluations and exports compare); only what the
CLI timeline and the web pages print goes through ``readable_time``. Calendar dates and
clock times are already readable in ISO 8601 and stay as they are; a value this module does
not know is shown as stored rather than guessed at.
"""

from __future__ import annotations

import re

REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
PARTS_OF_DAY = {
    "MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime",
}  # fmt: skip
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
# Duration letters: (singular, plural). "M" is months before the "T" and minutes after it.
DATE_UNITS = {
    "Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"), "D": ("day", "days"),
    "E": ("decade", "decades"), "C": ("century", "centuries"), "L": ("millennium", "millennia"),
    "Q": ("quarter", "quarters"),
}  # fmt: skip
CLOCK_UNITS = {"H": ("hour", "hours"), "M": ("minute", "minutes"), "S": ("second", "seconds")}

_DURATION = re.compile(r"P((?:(?:\d+(?:\.\d+)?|X)[YMWDECLQ])*)(?:T((?:(?:\d+(?:\.\d+)?|X)[HMS])+))?")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|X)([A-Z])")
_PART_OF_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)")
_SEASON = re.compile(r"(\d{4}|XXXX)-(SP|SU|FA|WI)")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_DECADE = re.compile(r"(\d{3})X?")  # "196" and "196X" are both the 1960s


def readable_time(value: str | None) -> str:
    """``value`` (TIMEX3) in words where it is a code; ISO dates and unknown values as given."""
    if not value:
        return "unknown"
    if value in REFERENCES:
        return REFERENCES[value]
    if (duration := _DURATION.fullmatch(value)) and value != "P":
        return _duration(duration.group(1), duration.group(2) or "")
    return _calendar(value) or value


def _duration(date_part: str, clock_part: str) -> str:
    """ "P3D" → "3 days", "PXY" → "years", "P1Y6M" → "1 year 6 months", "PT2H" → "2 hours"."""
    words = [_amount(n, DATE_UNITS[unit]) for n, unit in _AMOUNT.findall(date_part)]
    words += [_amount(n, CLOCK_UNITS[unit]) for n, unit in _AMOUNT.findall(clock_part)]
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
