"""Calendar arithmetic and TIMEX3 value formatting for the date rules.

Values are written at the granularity of the expression: a day "2023-09-13", an ISO week
"2023-W37", a weekend "2023-W37-WE", a month "2023-09", a quarter "2023-Q3", a season
"2023-SU", a year "2023", a decade "199" (TIMEX3 writes decades as their first three digits,
with no trailing X), a century "19"; durations "P5Y", "PT2H30M".
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from crosswire.mentions.dates.vocab import (
    LONG_UNIT_LETTERS,
    NUMBER_WORDS,
    UNITS,
    VAGUE_COUNTS,
    VAGUE_UNIT_LETTER,
)

# How far in the future a publication date may be before it is taken as wrong: a day covers
# every time zone and a clock that is a little behind.
FUTURE_SLACK = timedelta(days=1)


def publication_day(published: str | None, today: date | None = None) -> tuple[date | None, str | None]:
    """The day relative expressions are resolved from, or None and the reason it is unusable."""
    if not published or not published.strip():
        return None, "no publication date"
    try:
        when = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None, f"no publication date (unreadable: {published!r})"
    today = today or datetime.now(UTC).date()
    if when.date() > today + FUTURE_SLACK:
        # A date in the future is a metadata error far more often than an embargo: resolving
        # "yesterday" against it would state a wrong date with confidence.
        return None, f"no publication date (it is in the future: {when.date().isoformat()})"
    return when.date(), None


def publication_time(published: str | None) -> datetime | None:
    """The publication instant when it carries a clock time (for "two hours ago")."""
    if not published or "T" not in published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


# --- numbers -------------------------------------------------------------------------------

_TENS_UNITS = re.compile(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](\w+)")


def parse_count(text: str) -> float | None:
    """A count written in digits or words ("24", "1,000", "twenty-four", "a"); None if vague.

    Raises ValueError for text that is not a count at all.
    """
    text = text.strip().lower()
    if text in VAGUE_COUNTS:
        return None
    if re.fullmatch(r"\d[\d,]*(\.\d+)?", text):
        return float(text.replace(",", ""))
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    if (below := _below_hundred(text)) is not None:
        return float(below)
    hundreds = _HUNDREDS.fullmatch(text)
    if hundreds and (hundreds.group(1) or "a") in NUMBER_WORDS:
        times = NUMBER_WORDS[hundreds.group(1) or "a"]
        scale = 100 if hundreds.group(2) == "hundred" else 1000
        rest = _below_hundred(hundreds.group(3)) if hundreds.group(3) else 0
        if rest is not None:
            return float(times * scale + rest)
    raise ValueError(text)


# "one hundred", "a hundred and ten", "two thousand and twenty-five": the rest follows "and"
# ("hundred and ten" alone: its "a" was read before it).
_HUNDREDS = re.compile(r"(?:(\w+) )?(hundred|thousand)(?:\s+and\s+(.+))?")


def _below_hundred(text: str) -> int | None:
    """A count under a hundred in words: "seven", "thirty-five", "twenty one"; None otherwise."""
    if text in NUMBER_WORDS and NUMBER_WORDS[text] < 100:
        return NUMBER_WORDS[text]
    compound = _TENS_UNITS.fullmatch(text)
    if compound and compound.group(2) in NUMBER_WORDS and NUMBER_WORDS[compound.group(2)] < 10:
        return NUMBER_WORDS[compound.group(1)] + NUMBER_WORDS[compound.group(2)]
    return None


# --- durations -----------------------------------------------------------------------------

# Where the half of a unit goes: a year and a half is P1Y6M, a day and a half P1DT12H.
_SMALLER: dict[tuple[str, bool], tuple[str, bool, int]] = {
    ("Y", False): ("M", False, 12), ("M", False): ("D", False, 30), ("W", False): ("D", False, 7),
    ("D", False): ("H", True, 24), ("H", True): ("M", True, 60), ("M", True): ("S", True, 60),
}


def duration_value(parts: list[tuple[float | None, str]]) -> str:
    """TIMEX3 duration for (count, unit) parts: [(5, "year")] → "P5Y", [(2.5, "hour")] → "PT2H30M".

    A vague count (None) gives an X: "PXY"; decades and centuries then keep their own letters,
    and so does a whole count of them alone ("two decades" → "P2DE"; "half a century" → "P50Y").
    """
    if len(parts) == 1 and (long := _in_long_units(*parts[0])) is not None:
        return long
    amounts: dict[tuple[str, bool], float] = {}
    for count, unit in parts:
        letter, factor, clock = UNITS[unit]
        if count is None:
            return f"PTX{letter}" if clock else f"PX{VAGUE_UNIT_LETTER.get(unit, letter)}"
        _add(amounts, (letter, clock), count * factor)
    dates = "".join(f"{_number(amounts[(k, False)])}{k}" for k in "YMWD" if (k, False) in amounts)
    times = "".join(f"{_number(amounts[(k, True)])}{k}" for k in "HMS" if (k, True) in amounts)
    return "P" + dates + (f"T{times}" if times else "") if dates or times else "P0D"


def _in_long_units(count: float | None, unit: str) -> str | None:
    if unit not in LONG_UNIT_LETTERS or count is None or count != int(count):
        return None
    return f"P{int(count)}{LONG_UNIT_LETTERS[unit]}"


def _add(amounts: dict[tuple[str, bool], float], key: tuple[str, bool], amount: float) -> None:
    whole = int(amount)
    if whole or amount == 0:
        amounts[key] = amounts.get(key, 0) + whole
    if amount - whole and key in _SMALLER:
        letter, clock, per = _SMALLER[key]
        _add(amounts, (letter, clock), (amount - whole) * per)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# --- points --------------------------------------------------------------------------------


def add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def shifted(day: date, unit: str, n: int) -> str:
    """The period n units away from day, at the unit's granularity ("year", -1 → "2022").

    Raises ValueError past the calendar's years 1 to 9999 (as ``date`` does).
    """
    long_unit = unit in ("year", "decade", "century", "millennium")
    years = n * UNITS[unit][1] if long_unit else 0
    if not 1 <= day.year + years <= 9999:
        raise ValueError(f"year {day.year + years} is outside the calendar")
    if unit in ("day", "night"):
        return (day + timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return week_value(day + timedelta(weeks=n * UNITS[unit][1]))
    if unit == "weekend":
        return week_value(day + timedelta(weeks=n)) + "-WE"
    if unit == "month":
        year, month = add_months(day, n)
        return f"{year:04d}-{month:02d}"
    if unit == "quarter":
        year, quarter = shift_quarter(day.year, quarter_of(day.month), n)
        return f"{year:04d}-Q{quarter}"
    if unit == "decade":
        return f"{(day.year // 10 + n):03d}"
    if unit == "century":
        return f"{(day.year // 100 + n):02d}"
    return f"{day.year + n * UNITS[unit][1]:04d}"


def ago(day: date, unit: str, n: int) -> str:
    """A point n units before (negative n: after) day, at the unit's granularity.

    Weeks give a week ("six weeks ago" → "2023-W31"), decades a decade ("201").
    """
    if unit == "decade":
        return f"{(day.year - 10 * n) // 10:03d}"
    return shifted(day, unit, -n)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given ISO weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    next_first = date(year + month // 12, month % 12 + 1, 1)
    last = next_first - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)
