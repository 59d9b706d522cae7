"""Find the publication date (and time) printed on one line of an article.

``parse_published("Posted on : 2023-09-14 15:46 KST")`` gives ``"2023-09-14T15:46:00+09:00"``.

Regexes find the candidate (a date, then a time right after or right before it, then a
timezone); dateparser parses the candidate text. Two things are done here rather than left
to dateparser: timezone abbreviations are mapped to offsets (dateparser drops most of
them), and a line must be *mostly* a date, because article prose mentions dates all the
time and only a date line says when the article was published.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

import dateparser  # type: ignore[import-untyped]

from crosswire.ingest.patterns import DATE_LINE_WORDS
from crosswire.lexicon import MONTHS, TIMEZONES, WEEKDAYS

# Never resolve a partial date against today's date: a date line with no year is no date.
# The regexes hand dateparser one canonical form, so its strptime-based "custom-formats"
# parser suffices: ~0.05 ms a call, where free-form parsing costs ~1 ms.
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_CANONICAL_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d"]
# A date line is short; anything longer is prose or a whole paragraph.
_MAX_LINE_CHARS = 200
# Words other than labels, weekdays and zones a date line may carry: a dateline city, an
# outlet or an author ("The Korea Herald | Sept. 13, 2023"), but hardly any lower-case word.
_MAX_OTHER_WORDS = 4
_MAX_LOWERCASE_WORDS = 1

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
# One pattern per shape, tried in turn; the earliest match in the line wins.
_DATE_PATTERNS = (
    re.compile(
        r"(?<![\w.-])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)"
        r"(?P<day>[0-3]?\d)(?!\d)"
    ),
    re.compile(rf"(?<![\w.]){_MONTH}\s*{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"(?<![\w.:/-]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
    # Day and month in either order ("13/09/2023", "09/13/2023", "13.09.2023"); read only
    # when unambiguous, see _numeric_day_month.
    re.compile(
        r"(?<![\w./-])(?P<first>[0-3]?\d)(?P<sep>[-/.])(?P<second>[0-3]?\d)(?P=sep)"
        r"(?P<year>(?:19|20)\d\d)(?!\d)"
    ),
)
_TIME = (
    r"(?P<hour>[012]?\d)(?:[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?)?"
    r"(?!\d)\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
)
# Zones are matched case-sensitively: "EST" is a zone, "est" is a word.
_ZONE_NAMES = "|".join(sorted(TIMEZONES, key=len, reverse=True))
_ZONE = (
    rf"(?:\s*\(?(?-i:(?P<zone>(?:UTC|GMT)\s?[+-]\s?\d{{1,2}}(?::?\d{{2}})?|[+-]\d\d:?\d\d"
    rf"|(?:{_ZONE_NAMES})\b))\)?)?"
)
# A time printed right after the date ("2023-09-14 15:46 KST", "Sept. 13, 2023 at 3:45 p.m.")
_TIME_AFTER = re.compile(rf"(?:T|(?:\s*(?:,|\bat\b|@|[-–—|])){{0,2}}\s*){_TIME}{_ZONE}", re.IGNORECASE)
# ... or right before it ("3:45 PM EDT, Wed September 13, 2023").
_TIME_BEFORE = re.compile(
    rf"{_TIME}{_ZONE}\s*[,|–—-]?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$",
    re.IGNORECASE,
)
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


class _Found(NamedTuple):
    """One date (with its time, if any) found in a line, as character offsets and text."""

    start: int
    end: int
    date: re.Match[str]
    time: re.Match[str] | None


def parse_published(line: str) -> str | None:
    """The first publication date/time on a short date line, as ISO 8601, else None.

    Returns ``"2023-09-13"`` for a date, ``"2023-09-14T15:46:00"`` with a time, and
    ``"2023-09-14T15:46:00+09:00"`` with a time and a known timezone. A line of prose that
    mentions a date gives None.
    """
    line = " ".join(line.split())
    if len(line) > _MAX_LINE_CHARS or not _YEAR_HINT.search(line):
        return None
    found = _find_all(line)
    if not found or not _is_mostly_dates(line, found):
        return None
    return _to_iso(found[0])


def _find_all(line: str) -> list[_Found]:
    """Every date in the line, each extended by the time printed next to it."""
    found: list[_Found] = []
    pos = 0
    while (date := _next_date(line, pos)) is not None:
        found.append(_with_time(line, date))
        pos = found[-1].end  # past the time too, so its digits are not read as a date
    return found


def _next_date(line: str, pos: int) -> re.Match[str] | None:
    matches = [m for pattern in _DATE_PATTERNS if (m := pattern.search(line, pos))]
    return min(matches, key=lambda m: m.start(), default=None)


def _with_time(line: str, date: re.Match[str]) -> _Found:
    after = _TIME_AFTER.match(line, date.end())
    if after and _is_time(after):
        return _Found(date.start(), after.end(), date, after)
    before = _TIME_BEFORE.search(line[: date.start()])
    if before and _is_time(before):
        return _Found(before.start(), date.end(), date, before)
    return _Found(date.start(), date.end(), date, None)


def _is_time(match: re.Match[str]) -> bool:
    # A bare number next to a date ("September 13, 2023 12 people") is no time: a time
    # has minutes or an a.m./p.m. marker.
    hour = int(match["hour"])
    if match["ampm"]:
        return 1 <= hour <= 12
    return match["minute"] is not None and hour <= 23


def _is_mostly_dates(line: str, found: list[_Found]) -> bool:
    """Whether the words left after removing dates, labels and zones are few and not prose."""
    rest = line
    for item in reversed(found):
        rest = rest[: item.start] + " " + rest[item.end :]
    others = [w for w in _WORD.findall(rest) if not _is_date_word(w)]
    lowercase = sum(1 for w in others if w[0].islower())
    return len(others) <= _MAX_OTHER_WORDS and lowercase <= _MAX_LOWERCASE_WORDS


def _is_date_word(word: str) -> bool:
    bare = word.rstrip(".").lower()
    return bare in DATE_LINE_WORDS or bare in WEEKDAYS or word in TIMEZONES


def _to_iso(found: _Found) -> str | None:
    parsed = _parse_candidate(found)
    if parsed is None:
        return None
    if found.time is None:
        return parsed.date().isoformat()
    stamp = parsed.strftime("%Y-%m-%dT%H:%M:%S")
    return stamp + _offset(found.time["zone"])


def _parse_candidate(found: _Found) -> datetime | None:
    """dateparser on the candidate text, checked against what the regex saw."""
    ymd = _year_month_day(found.date)
    if ymd is None:
        return None
    text = "{:04d}-{:02d}-{:02d}".format(*ymd)
    if found.time is not None:
        text += " " + _clock(found.time)
    parsed = dateparser.parse(
        text, date_formats=_CANONICAL_FORMATS, languages=["en"], settings=_DATEPARSER_SETTINGS
    )
    if not isinstance(parsed, datetime) or parsed.day != ymd[2]:
        return None  # an impossible date (Feb. 30) that dateparser moved or refused
    return parsed


def _year_month_day(date: re.Match[str]) -> tuple[int, int, int] | None:
    year = int(date["year"])
    if "first" not in date.re.groupindex:
        return year, _month_number(date["month"]), int(date["day"])
    day_month = _numeric_day_month(int(date["first"]), int(date["second"]), date["sep"])
    return None if day_month is None else (year, day_month[1], day_month[0])


def _numeric_day_month(first: int, second: int, sep: str) -> tuple[int, int] | None:
    """(day, month) from "13/09" or "09/13"; dotted dates are day-first (European); a
    slashed date that reads both ways ("03/04/2023") is left unread rather than guessed."""
    if sep == "." or first > 12:
        return first, second
    if second > 12:
        return second, first
    return None


def _month_number(month: str) -> int:
    return int(month) if month.isdigit() else MONTHS[month[:3].lower()]


def _clock(time: re.Match[str]) -> str:
    """The time as 24-hour HH:MM:SS, so dateparser sees one unambiguous form."""
    hour = int(time["hour"])
    ampm = (time["ampm"] or "").lower()
    if ampm.startswith("p") and hour != 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{time['minute'] or '00'}:{time['second'] or '00'}"


def _offset(zone: str | None) -> str:
    """A UTC offset "+09:00" for a zone abbreviation or a numeric offset; "" if unknown."""
    if not zone:
        return ""
    if zone in TIMEZONES:
        return TIMEZONES[zone]
    digits = re.sub(r"^(?:UTC|GMT)\s?|\s", "", zone)
    sign, body = digits[0], digits[1:].replace(":", "")
    hours, minutes = (body[:-2], body[-2:]) if len(body) > 2 else (body, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


__all__ = ["parse_published"]
