"""Periods longer than a month: quarters, halves of a year, decades and centuries.

Quarters follow business news: "the third quarter" is the latest third quarter that has
begun, "the latest quarter" the last one completed, and "a year earlier" after a quarter is
that quarter a year before ("1988-Q3"), as earnings reports mean it.
"""

from __future__ import annotations

import re
from datetime import date

from crosswire.mentions.dates.calendar import quarter_of, shift_quarter
from crosswire.mentions.dates.context import Context, Result, no_day
from crosswire.mentions.dates.points import relative
from crosswire.mentions.dates.text import alternation
from crosswire.mentions.dates.vocab import ORDINALS

_ORD = r"first|second|third|fourth|1st|2nd|3rd|4th"
_QUARTER = re.compile(
    # One describing word may stand between the article and the number: "a flat second quarter".
    rf"(?:(?:the|its|their|a|an)\s+(?:[a-z]+\s+(?=(?:{_ORD})[\s-]+(?:fiscal[\s-]+)?quarter\b))?)?"
    r"(?P<mods>(?:(?:this|last|next|current|latest|most recent|recent|previous"
    r"|past|same|year-earlier|year-ago|comparable|corresponding|that|fiscal|calendar)[\s-]+)*)"
    r"(?:(?P<yr>\d{4}|this year's|last year's|next year's)\s+)?(?:fiscal[\s-]+)?"
    rf"(?:(?P<ord>{_ORD})[\s-]+)?(?:fiscal[\s-]+|calendar[\s-]+)?(?P<noun>quarter|period)"
    r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>\d{4})|\s+of\s+(?P<rest>.+)"
    r"|\s+(?P<ago>a year ago|a year earlier|last year))?"
)
_Q_SHORT = re.compile(r"(?:q(?P<q1>[1-4])(?:\s+|-)?(?P<y1>\d{4})?|(?P<y2>\d{4})\s*-?q(?P<q2>[1-4]))")
# "business is busiest in the fourth quarters": the same quarter every year.
_EVERY_QUARTER = re.compile(rf"(?:the\s+)?(?P<ord>{_ORD})[\s-]+quarters")
_PREVIOUS = frozenset({"last", "latest", "most recent", "recent", "previous", "past"})
_YEAR_BACK = frozenset({"year-earlier", "year-ago", "comparable", "corresponding"})
# A bare "period" in results news is the quarter just reported: "sales in the latest period".
_REPORTED = frozenset({"latest", "most recent", "year-ago"})


def quarter(text: str, ctx: Context) -> Result | None:
    """Quarters: "the third quarter", "Q3 2023", "the latest quarter" (the last one reported)."""
    if m := _EVERY_QUARTER.fullmatch(text):
        return f"XXXX-Q{ORDINALS[m.group('ord')]}", "SET", None
    if m := _Q_SHORT.fullmatch(text):
        year = m.group("y1") or m.group("y2")
        return _ordinal_quarter(int(m.group("q1") or m.group("q2")), int(year) if year else None, ctx)
    m = _QUARTER.fullmatch(text)
    if m is None:
        return None
    mods = set(re.findall(r"most recent|year-earlier|year-ago|[a-z]+", m.group("mods")))
    if m.group("ago") or mods & _YEAR_BACK:
        mods.add("year-ago")
    year = _explicit_year(m, ctx)
    anchored = ctx.anchor is not None and ctx.anchor_grain == "quarter"
    if anchored and "year-ago" in mods and _after_publication(ctx):
        anchored = False  # results are compared for a quarter reported, not one forecast
    plain_period = m.group("noun") == "period" and not (anchored or m.group("ord"))
    if plain_period and (year or (ctx.anchor_grain == "year" and "year-ago" in mods) or not mods & _REPORTED):
        return _period_as_year(year, mods, ctx)
    found = _base_quarter(m, mods, year, anchored, ctx)
    if m.group("noun") == "period" and found is not None and found[0] is not None and not anchored:
        found = found[0], found[1], "a reporting period, read as the latest quarter"
    if found is None or found[0] is None or "year-ago" not in mods:
        return found
    y, q = found[0].split("-Q")
    return f"{int(y) - 1}-Q{q}", "DATE", found[2]


def _after_publication(ctx: Context) -> bool:
    return ctx.day is not None and ctx.anchor is not None and ctx.anchor > ctx.day


def _period_as_year(year: int | None, mods: set[str], ctx: Context) -> Result | None:
    """"the 1988 period"; "the year-earlier period" after "the nine months": last year."""
    if year:
        return f"{year}", "DATE", None
    if "year-ago" in mods and ctx.anchor is not None and ctx.anchor_grain == "year":
        return f"{ctx.anchor.year - 1:04d}", "DATE", None
    return None  # a "period" of no known length is not ours


def _explicit_year(m: re.Match[str], ctx: Context) -> int | None:
    yr = m.group("yr")
    if yr and yr[0].isdigit():
        return int(yr)
    if yr and ctx.day is not None:
        return ctx.day.year + {"this": 0, "last": -1, "next": 1}[yr.split()[0]]
    if m.group("year"):
        return int(m.group("year"))
    return _year_of(m.group("rest"), ctx)


def _base_quarter(m: re.Match[str], mods: set[str], year: int | None, anchored: bool,
                  ctx: Context) -> Result | None:
    if m.group("ord"):
        return _ordinal_quarter(ORDINALS[m.group("ord")], year, ctx)
    if anchored and not mods & (_PREVIOUS | {"this", "current", "next"}):
        assert ctx.anchor is not None
        q = quarter_of(ctx.anchor.month)
        return f"{year or ctx.anchor.year}-Q{q}", "DATE", None  # "the quarter", "that quarter"
    if ctx.day is None:
        return no_day(ctx)
    step = 0 if mods & {"this", "current"} else 1 if "next" in mods else -1
    y, q = shift_quarter(ctx.day.year, quarter_of(ctx.day.month), step)
    named = mods & (_PREVIOUS | {"this", "current", "next"})
    note = None if named else "read as the latest completed quarter"
    return f"{year or y}-Q{q}", "DATE", note


def _year_of(rest: str | None, ctx: Context) -> int | None:
    """The year of "the third quarter of <rest>": "2023", "fiscal 2023", "last year", "the year"."""
    if rest is None:
        return None
    if found := re.fullmatch(r"(?:fiscal\s+|the\s+year\s+)?(\d{4})", rest):
        return int(found.group(1))
    resolved = relative(rest, ctx)
    value = resolved[0] if resolved else None
    return int(value[:4]) if value and value[:4].isdigit() else None


def _ordinal_quarter(q: int, year: int | None, ctx: Context) -> Result:
    """A numbered quarter without a year: this year's once it has begun, else by tense."""
    if year is not None:
        return f"{year}-Q{q}", "DATE", None
    if ctx.day is None:
        return no_day(ctx)
    if q <= quarter_of(ctx.day.month) or ctx.tense == "future":
        return f"{ctx.day.year}-Q{q}", "DATE", None
    middle = 3 * q - 1  # the quarter's middle month
    if ctx.tense == "past" or ctx.day.month + 12 - middle < middle - ctx.day.month:
        # Without a tense, the nearer one: in January "the fourth quarter" has just ended.
        return f"{ctx.day.year - 1}-Q{q}", "DATE", None
    return f"{ctx.day.year}-Q{q}", "DATE", None


# Two quarters are a half: "the first two quarters of 1990" is 1990's first half.
_HALF_YEAR = re.compile(
    r"(?:the\s+)?(?P<which>first|second|1st|2nd|last|latter)\s+(?:half|two\s+quarters)"
    r"(?:\s+of\s+(?P<rest>.+))?"
)


def half_year(text: str, ctx: Context) -> Result | None:
    """"the first half of 2023" → "2023-H1"; without a year, the publication year's."""
    m = _HALF_YEAR.fullmatch(text)
    if m is None:
        return None
    half = "H1" if m.group("which") in ("first", "1st") else "H2"
    year = _year_of(m.group("rest"), ctx) if m.group("rest") else (ctx.day.year if ctx.day else None)
    if year is None:
        return None if m.group("rest") else no_day(ctx)
    return f"{year}-{half}", "DATE", None


_DECADE = re.compile(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(?P<digits>\d{3})0'?s")
_SHORT_DECADE = re.compile(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?'(?P<digit>\d)0s")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_WORD_DECADE = re.compile(rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(?P<word>{alternation(_DECADE_WORDS)})")
_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
                  "eighteenth": 18, "seventeenth": 17}
_CENTURY = re.compile(
    rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>"
    rf"{alternation(_CENTURY_WORDS)}))[\s-]+century"
)


def era(text: str, ctx: Context) -> Result | None:
    """Decades and centuries: "the 1990s" → "199", "the '90s", "the 21st century" → "20".

    TIMEX3 writes a decade as its first three digits, a century as its first two.
    """
    if m := _DECADE.fullmatch(text):
        digits = m.group("digits")
        if digits.endswith("0") and digits < "200":  # "the 1900s": the century, usually
            return digits[:2], "DATE", f"read as the century; could be the decade {digits}"
        note = "read as the decade; could be the century" if digits.endswith("0") else None
        return digits, "DATE", note
    decade = None
    if m := _SHORT_DECADE.fullmatch(text):
        decade = int(m.group("digit"))
    elif m := _WORD_DECADE.fullmatch(text):
        decade = _DECADE_WORDS[m.group("word")]
    if decade is not None:
        now = (ctx.day or date.today()).year
        century = now // 100 if (now // 100) * 100 + decade * 10 <= now else now // 100 - 1
        return f"{century}{decade}", "DATE", f"century not stated: read as {century}{decade}0s"
    if m := _CENTURY.fullmatch(text):
        number = int(m.group("n")) if m.group("n") else _CENTURY_WORDS[m.group("word")]
        if number < 1:
            return None, "DATE", "there is no 0th century"
        return f"{number - 1:02d}", "DATE", None
    return _century_named_by_its_place(text, ctx)


# "the last century" names the 1900s as "last year" names a year ("the past century" is a span);
# "the end of the century" (after a modifier is read off, "the century") is this one. "for the
# last century" is a span (rules).
_PLACED_CENTURY = re.compile(r"(?:the\s+)?(?:(?P<back>last|previous)|this|current|present)\s+century"
                             r"|the\s+century")


def _century_named_by_its_place(text: str, ctx: Context) -> Result | None:
    if (m := _PLACED_CENTURY.fullmatch(text)) is None or ctx.day is None:
        return None
    century = ctx.day.year // 100 - (1 if m.group("back") else 0)
    return f"{century:02d}", "DATE", None
