"""Regex fragments built from the vocabularies, and the cleaning every expression gets first.

Shared by the normalizing rules (``rules``, ``points``) and by detection
(``patterns``), so that the two always agree on what a month or a duration unit is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosswire.lexicon import MONTHS, NUMBERS, TIMEZONES, WEEKDAYS
from crosswire.mentions.dates.vocab import (
    NUMBER_WORDS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_COUNTS,
)


def alternation(words: object) -> str:
    """A regex alternation of words, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


MONTH = rf"(?:{alternation(MONTHS)})\.?"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})\.?"
SEASON = rf"(?:{alternation(SEASONS)})"
PART_OF_DAY = rf"(?:{alternation(PARTS_OF_DAY)})"
# Zones in an expression already found (lower-cased), and as printed in running text, where only
# the capitals tell "WEST" (a zone) from "west" and "ART" from "art".
ZONE = rf"(?:{alternation(zone.lower() for zone in TIMEZONES)})"
ZONE_AS_PRINTED = rf"(?-i:{alternation(TIMEZONES)})"
UNIT = rf"(?:{alternation([*UNITS, *UNIT_PLURALS])})s?"
_WORDS = [w for w in NUMBER_WORDS if w not in ("a", "an")]
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_DIGIT = "one|two|three|four|five|six|seven|eight|nine"
# "thirty-five", "twenty one", "ninety": a count below a hundred in words.
_BELOW_HUNDRED = (
    rf"(?:{_TENS})[\s-](?:{_UNITS_DIGIT})\b|{alternation(w for w, n in NUMBERS.items() if 0 < n < 100)}"
)
NUMBER = (
    rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_TENS})[\s-](?:{_UNITS_DIGIT})\b"
    # "a hundred and ten", "one hundred and twenty-five": the rest follows "and".
    rf"|(?:\w+ )?(?:hundred|thousand)(?:\s+and\s+(?:{_BELOW_HUNDRED}))?"
    rf"|{alternation([*_WORDS, *VAGUE_COUNTS])}|an?)"
)
CLOCK = (
    r"(?<![\w-])(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})\b"
    r"|(?P<named>noon|midday|mid-day|midnight)"
    r"|(?P<oclock>\d{1,2}) o'clock)"
)

_PREPOSITIONS = [
    "in", "on", "at", "for", "during", "since", "by", "until", "till", "til", "from", "between", "about",
    "around", "approximately", "roughly", "nearly", "almost", "some", "over", "after", "before", "of",
    "within", "through", "throughout", "as of", "as early as", "as late as", "starting", "beginning",
    "effective", "no later than", "more than", "less than", "fewer than", "no more than",
    "not more than", "at least", "at most", "up to", "just", "only", "as recently as", "ending",
    "as much as", "as long as", "as little as", "as many as",  # approximators: the count stays
    "circa", "c.", "ca.", "sometime", "some time in", "well over", "upwards of", "more recently than",
    "each of",  # "in each of the past three years": the span is the three years
]
# "for some time": "some" is no preposition before "time" alone.
_LEADING = re.compile(rf"^(?:(?:{alternation(_PREPOSITIONS)})\s+(?!time$))+")

# Spoken numbers in broadcast transcripts: "nineteen ninety-six", "March eighth".
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90}
_SPOKEN_YEAR = re.compile(
    rf"\b(?P<century>nineteen|eighteen)[\s-]+(?:(?P<teen>{'|'.join(_TEENS)})|(?P<tens>{'|'.join(_TENS_WORDS)})"
    rf"(?:[\s-]+(?P<one>{'|'.join(_ONES)}))?|(?P<hundred>hundred))\b"
    rf"|\b(?:the\s+year\s+)?two thousand(?:\s+and)?(?:\s+(?P<y2k>{'|'.join(_ONES + _TEENS)}))?\b"
    r"(?![\s-]+(?:years?|days?|months?|weeks?|hours?|miles?|people)\b)"  # "two thousand years" is a count
)
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate([
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
])}
_ORDINAL_WORDS.update({f"twenty-{w}": 20 + n for w, n in list(_ORDINAL_WORDS.items())[:9]})
_ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31})
# An ordinal in words or digits: "the eighth day", "the 100th day".
ORDINAL = rf"(?:{alternation(_ORDINAL_WORDS)}|\d{{1,3}}(?:st|nd|rd|th))"
_SPOKEN_DAY = re.compile(rf"\b(?P<mon>{MONTH})\s+(?:the\s+)?(?P<ord>{alternation(_ORDINAL_WORDS)})\b")


def _spoken(text: str) -> str:
    def year(m: re.Match[str]) -> str:
        if m.group("century") is None:
            return str(2000 + (_ONES + _TEENS).index(m.group("y2k")) + 1 if m.group("y2k") else 2000)
        base = 1900 if m.group("century") == "nineteen" else 1800
        if m.group("teen"):
            return str(base + 10 + _TEENS.index(m.group("teen")))
        if m.group("tens"):
            ones = _ONES.index(m.group("one")) + 1 if m.group("one") else 0
            return str(base + _TENS_WORDS[m.group("tens")] + ones)
        return str(base)

    text = _SPOKEN_YEAR.sub(year, text)
    return _SPOKEN_DAY.sub(lambda m: f"{m.group('mon')} {_ORDINAL_WORDS[m.group('ord')]}", text)


_PLUS = re.compile(r"(\d)(?:-plus|\+)(?=\s)")
# "weeklong", "yearlong": units written closed up with "long" (detection finds them too).
CLOSED_LONG = r"\b(day|night|week|month|year|decade|hour)long\b"
_CLOSED_LONG = re.compile(CLOSED_LONG)


# The same few words are cleaned again and again (every rule tried on an expression cleans it).
@lru_cache(maxsize=4096)
def clean(text: str) -> tuple[str, str]:
    """Lower-cased text with unified dashes and quotes, and the leading preposition split off.

    Returns (preposition, expression): ("in", "three weeks") for "in three weeks". The
    preposition matters once: "in three weeks" is a point when the verb is in the future.
    """
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" \t\"“”,;:!?[]")
    text = re.sub(r"'s$", "", text)
    text = text.rstrip(".,;: ")
    if "teen" in text or "thousand" in text or "th" in text:
        text = _spoken(text)
    text = _PLUS.sub(r"\1", text)  # "35-plus years ago", "10+ days": counted as their number
    text = _CLOSED_LONG.sub(r"\1-long", text)  # "weeklong" as "week-long"
    if text.startswith("(") != text.endswith(")"):
        text = text.strip("()").strip()
    prep = ""
    lead = _LEADING.match(text)
    if lead and lead.end() < len(text):
        prep, text = lead.group(0).strip(), text[lead.end():]
    return prep, text


def unit_name(raw: str) -> str:
    """The singular unit a matched unit word names: "centuries" → "century", "days" → "day"."""
    raw = raw.lower()
    if raw in UNIT_PLURALS:
        return UNIT_PLURALS[raw]
    if raw not in UNITS and raw.endswith("s") and raw[:-1] in UNITS:
        return raw[:-1]
    return {"sec": "second", "min": "minute", "hr": "hour"}.get(raw, raw)


def month_number(raw: str) -> int:
    return MONTHS[raw.lower().rstrip(".")]


def weekday_number(raw: str) -> int:
    return WEEKDAYS[raw.lower().rstrip(".")]
