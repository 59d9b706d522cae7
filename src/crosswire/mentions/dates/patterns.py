"""Finding time expressions in raw text, and splitting lists of them.

spaCy's small model finds most dates, but misses some ("now", "recently", "daily", "9 a.m.",
"five-year" when it is an adjective), cuts others in two ("Sunday" + "afternoon") and tags
some words that are not times. ``candidate_spans`` adds what these patterns see;
``merge_spans`` joins pieces that belong together; ``split_list`` turns "in May and August
this year" into two expressions that share "this year".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crosswire.lexicon import MONTHS, WEEKDAYS
from crosswire.mentions.dates.text import (
    CLOCK,
    CLOSED_LONG,
    NUMBER,
    ORDINAL,
    PART_OF_DAY,
    SEASON,
    UNIT,
    ZONE_AS_PRINTED,
    alternation,
)
from crosswire.mentions.dates.vocab import (
    FIXED_HOLIDAYS,
    FREQUENCY_WORDS,
    WEEKDAY_HOLIDAYS,
)

_CAP_MONTH = rf"(?:{alternation(m.capitalize() for m in MONTHS)})\.?"
_CAP_WEEKDAY = rf"(?:{alternation(d.capitalize() for d in WEEKDAYS if len(d) > 3)})"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# Holidays as written: "Christmas Day", "New Year's Eve", "the Fourth of July".
_HOLIDAY_NAMES = [*FIXED_HOLIDAYS, *WEEKDAY_HOLIDAYS, "easter", "easter sunday", "election day"]
_HOLIDAYS = alternation(
    " ".join(w if w in ("of", "the") else w.capitalize() for w in name.split()) for name in _HOLIDAY_NAMES
)
# "May" is also a verb and a name: a month name alone counts only after one of these words.
_MONTH_CUE = r"(?:in|since|until|till|by|of|early|late|mid|last|next|this|from|through|before|after|during)"

_NAME_PROOF = re.compile(rf"\d|\b(?:{_HOLIDAYS})\b")

# Words one of which every match of a pattern holds (any case), for patterns of rare
# expressions: such a pattern runs only over an article holding one of its words. Scanning a
# whole article is a pattern's cost, and most articles hold no holiday and no decade.
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {}


def _rare(words: Iterable[str], pattern: re.Pattern[str]) -> re.Pattern[str]:
    _NEEDS[pattern] = tuple(w.lower() for w in words)
    return pattern


# Each pattern's match (or its group "x" when it has one) is a candidate time expression.
# A lookahead on the first letters ("(?=[tlnpc])") lets the engine skip a word at once instead
# of trying every alternative on it: a third of these patterns' cost, the same matches.
_PLURAL_UNITS = r"(?:days|weeks|months|years|decades)"
_FOUND = [
    re.compile(
        r"(?i)\b(?=[nclrstaioy])(?:now|currently|recently|nowadays|lately|these days|at present|right now"
        r"|soon|in the (?:past|future)|the near future|so far this year|today|tonight|yesterday|tomorrow"
        r"|overnight|this moment|at the moment|at this time(?!\s+(?:of|last|next|tomorrow|yesterday)\b))\b"
    ),
    re.compile(rf"(?i)(?=[\dnm])(?:{CLOCK})(?:\s*\(?{ZONE_AS_PRINTED}\b\)?)?"),
    re.compile(rf"\b{_CAP_WEEKDAY}s?(?:\s+(?i:{PART_OF_DAY}))?\b"),
    re.compile(rf"\b{_CAP_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b\d{{1,2}}\s+{_CAP_MONTH}(?:\s+{_YEAR})?\b"),
    re.compile(rf"\b{_CAP_MONTH}\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH_CUE}\s+(?P<x>{_CAP_MONTH})(?![\w.])"),
    _rare(["0s"], re.compile(r"(?i)\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:1[5-9]\d|20\d)0s\b|'\d0s\b")),
    # A bare year after a preposition; "from 2009 to 2011", "between 2009 and 2011": the range
    # whole, since the second year has no preposition of its own.
    re.compile(
        rf"(?i)\b(?=[isubfoda])(?:in|since|until|by|from|of|during|before|after|fiscal|between)\s+"
        rf"(?P<x>{_YEAR}(?:\s*(?:to|through|until|and|-|–)\s*{_YEAR})?)\b(?![-/.]\d)"
    ),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}-[A-Z][a-z]{2}-\d{2,4}\b"),
    re.compile(
        rf"(?i)\b(?=[tlnpc])(?:this|last|next|past|coming)\s+(?:week|weekend|month|year|decade|century|{SEASON})\b"
        # "that year's race": the year just named (the small model tags "year" alone)
        r"|\b[Tt]hat\s+(?:year|month|week)(?=['’]s\b)"
    ),
    # "retake the council in the fall": the season, where "fall" is no decline ("the fall of
    # the empire"; "the fall of 2019" is the season, and the small model finds it).
    _rare(["fall"], re.compile(
        r"(?i)\b(?:in|by|until|during|this|last|next)\s+(?P<x>(?:the\s+)?fall)\b(?!\s+(?:of|in|to|from)\b)"
    )),
    _rare(["every", "each"], re.compile(
        rf"(?i)\b(?:every|each)\s+(?:other\s+)?(?:(?:{NUMBER})\s+)?(?:{UNIT}|{_CAP_WEEKDAY}|{PART_OF_DAY}"
        rf"|{_CAP_MONTH}|{SEASON})\b"
    )),
    _rare(["once", "twice", "thrice", "times"],
          re.compile(rf"(?i)\b(?:once|twice|thrice|[\w-]+\s+times)\s+(?:a|an|per|each|every)\s+{UNIT}\b")),
    re.compile(
        r"(?i)\b(?:that|the next|the following|the previous|that same|the same)\s+"
        r"(?:morning|afternoon|evening|night|day|week|weekend)\b"
    ),
    _rare(_HOLIDAY_NAMES, re.compile(rf"\b(?:the\s+)?(?:{_HOLIDAYS})\b")),
    re.compile(r"(?i)\b(?:on|by|until|since|from)\s+(?P<x>the\s+\d{1,2}(?:st|nd|rd|th))\b"),
    _rare(FREQUENCY_WORDS, re.compile(rf"(?i)\b(?:{alternation(FREQUENCY_WORDS)})\b")),
    # "twice as high this year as last": "last" alone, standing for the unit said with "this".
    re.compile(
        r"(?i)\bthis\s+(?:year|month|week|quarter|season)\b[^.;!?]{0,80}?\b(?:as|than|with|over)\s+"
        r"(?P<x>last)(?=\s*[.,;:!?)]|\s*$)"
    ),
    # "Today is the fifth day of the blockade": an ordinal day equated with a day (around).
    re.compile(rf"(?i)\b(?:is|was|'s)\s+(?P<x>the\s+{ORDINAL}\s+day)\b"),
    # "$600 per week" (a rate in money or work; "miles per hour" is a speed, so no clock units).
    _rare(["per"], re.compile(r"(?i)\bper[\s-](?:day|week|month|year|quarter|night)\b")),
    # "in recent weeks", "the days and weeks ahead", "the coming months": the recent past and the
    # near future, whole (the small model tags "the days" and "weeks" apart and leaves "ahead" out).
    _rare(["recent", "coming", "ahead", "to come"], re.compile(
        rf"(?i)\b(?=[tmrcdwy])(?:(?:the\s+)?(?:(?:most\s+)?recent|coming)\s+{_PLURAL_UNITS}"
        rf"(?:\s+(?:and|or)\s+{_PLURAL_UNITS})?\b"
        rf"|(?:the\s+)?{_PLURAL_UNITS}(?:\s+(?:and|or)\s+{_PLURAL_UNITS})?\s+(?:ahead|to\s+come)\b)"
    )),
    # "the 9/11 attacks": a day named by its date, whose year every reader knows.
    _rare(["9/11"], re.compile(r"(?<![\d/])9/11(?![\d/])")),
    # "a weeklong strike": a unit and "long" written as one word.
    _rare(["long"], re.compile(rf"(?i){CLOSED_LONG}")),
    # "a months-long strike": many of a unit, their number not stated, as one word.
    _rare(["long"], re.compile(r"(?i)\b(?:minute|hour|day|week|month|year|decade)s-long\b")),
    # "the company's five-year overhaul. During that time, ...": a span named just before.
    re.compile(r"(?i)\b(?:during|in|over|throughout)\s+(?P<x>that\s+(?:time|period))\b"),
]


# Durations ("five-year", "three years ago") are found from their unit word backwards: a
# number alternation tried at every word of the text was most of the patterns' cost.
_UNIT_WORD = re.compile(rf"(?i)\b{UNIT}\b")
# "six to eight hours": a range of counts is one expression, from its first count.
_COUNT_BEFORE = re.compile(
    rf"(?i)\b(?:half\s+)?(?:(?:{NUMBER})\s*(?:to|-|–)\s*)?(?:{NUMBER})(?:-plus|\+)?(?:\s+and\s+a\s+half)?[\s-]+"
    r"(?:[a-z]+(?:able|ible|ful|ous|ing|less|ive)\s+)?$"  # "five uncomfortable minutes"
)
# "half a year" starts at "half".
# "a year and a half", "a year or two", "six weeks ago": what finishes a count.
_AFTER_UNIT = re.compile(
    rf"(?i)(?:[\s-]+and[\s-]+(?:{NUMBER})[\s-]+{UNIT}|\s+or\s+(?:{NUMBER})\b(?:[\s-]+{UNIT})?)?"
    r"(?:\s+(?:ago|earlier|later)\b)?"
)
# "a second term", "a quarter of"; "a years-long fight": "a" counts the fight, not the years
_NOT_A_COUNT = re.compile(r"(?i)\ban?\s+(?:second|quarter|(?:minute|hour|day|week|month|year|decade)s\b)")


def candidate_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of everything the patterns take for a time expression."""
    spans = []
    folded = _folded(text)
    for pattern in _FOUND:
        if pattern in _NEEDS and not any(word in folded for word in _NEEDS[pattern]):
            continue  # no match possible: every match holds one of these words
        for m in pattern.finditer(text):
            group = "x" if "x" in pattern.groupindex else 0
            spans.append(m.span(group))
    for unit in _UNIT_WORD.finditer(text):
        window = max(0, unit.start() - 40)
        count = _COUNT_BEFORE.search(text, window, unit.start())
        if count and not _NOT_A_COUNT.match(text, count.start(), unit.end()):
            after = _AFTER_UNIT.match(text, unit.end())
            spans.append((count.start(), after.end() if after else unit.end()))
    return spans


def _folded(text: str) -> str:
    """Lower-cased as ``(?i)`` matches: "İ" lower-cases to two characters, and "ı", "ſ"
    match "i", "s" in a case-blind pattern."""
    return text.replace("İ", "i").lower().replace("ı", "i").replace("ſ", "s")


# Pieces separated only by this are one expression: "Sunday afternoon", "Tuesday (4 a.m.)".
_JOIN = re.compile(r"\s*(?:,|\(|at|on|of|from|after|before)?\s*\(?\s*")
# Pieces separated by this are a list or a range, kept together until split_list.
_LIST = re.compile(r"\s*(?:,\s*)?(?:and|or|to|through|until|till|-|–|—)\s*")


Group = tuple[int, int, list[tuple[int, int]]]


def merge_spans(text: str, spans: list[tuple[int, int]]) -> list[Group]:
    """Union of overlapping spans, joined across the gaps above, closing a bracket left open.

    Each group keeps the parts it was joined from, so that a join that reads as nothing
    ("Thanksgiving on Thursday") can fall back to its parts.
    """
    merged: list[tuple[list[int], list[list[int]]]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][0][1]:
            group, parts = merged[-1]
            group[1] = parts[-1][1] = max(group[1], end)
        elif merged and _joinable(text, merged[-1][0][0], merged[-1][0][1], start, end):
            group, parts = merged[-1]
            group[1] = max(group[1], end)
            parts.append([start, end])
        else:
            merged.append(([start, end], [[start, end]]))
    for group, _ in merged:
        piece = text[group[0]:group[1]]
        if piece.count("(") > piece.count(")") and text[group[1]:group[1] + 1] == ")":
            group[1] += 1
    return [(g[0], g[1], [(s, e) for s, e in parts]) for g, parts in merged]


def overrides_names(text: str) -> bool:
    """Candidates a name entity does not block: written dates ("08/30/2023"), holidays."""
    return _NAME_PROOF.search(text) is not None


_DAY_NAME = re.compile(rf"(?:{_CAP_WEEKDAY}|{_CAP_MONTH})\b")


def _joinable(text: str, start: int, end: int, next_start: int, next_end: int) -> bool:
    gap = text[end:next_start]
    if "\n" in gap or len(gap) > 12:
        return False
    if gap.isspace() and text[end - 1] == "." and text[next_start].isupper() \
            and not _DAY_NAME.match(text, next_start):
        return False  # "at 6:10 a.m. Two hours later": a sentence ends after the "a.m." ("at 6 a.m. Monday")
    if _JOIN.fullmatch(gap):
        return True
    # A list is joined only when it splits back into points of one kind ("May and August").
    return _LIST.fullmatch(gap) is not None and len(split_list(text[start:max(end, next_end)])) > 1


# --- lists and ranges --------------------------------------------------------------------------

_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|until|till)\s+|\s*[-–—]\s*")
_KINDS = [
    ("clock", re.compile(rf"(?i)(?:{CLOCK})(?:\s*\(?{ZONE_AS_PRINTED}\b\)?)?")),
    # "between 8 p.m. Friday and 5 a.m. Monday": a clock time on its day, each end whole
    ("clock on a day", re.compile(
        rf"(?i)(?:{CLOCK})(?:\s*\(?{ZONE_AS_PRINTED}\b\)?)?,?\s+(?:on\s+)?{_CAP_WEEKDAY}")),
    ("weekday", re.compile(rf"(?i)(?:(?:last|next|this)\s+)?{_CAP_WEEKDAY}s?(?:\s+(?:{PART_OF_DAY}))?")),
    ("month", re.compile(
        rf"(?i){_CAP_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:{_YEAR}|(?:this|last|next) year))?"
    )),
    ("year", re.compile(_YEAR)),
    ("number", re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s+" + _YEAR + ")?")),
]
_LEAD = re.compile(r"(?i)^(?:between|from)\s+")
_YEAR_TAIL = re.compile(rf"(?i)(?:,?\s+(?:{_YEAR}|(?:this|last|next) year))$")
_CLOCK_TAIL = re.compile(rf"(?i)\s*(?:[ap]\.?\s?m\b\.?)(?:\s*\(?{ZONE_AS_PRINTED}\b\)?)?$")


def split_list(text: str) -> list[tuple[int, int, str]]:
    """Split "May and August this year" into pieces: (start, end, text to normalize).

    Each piece keeps its own offsets, and borrows what the list states once: the year at the
    end ("May" → "May this year"), the month at the start ("Sept. 12-14" → "Sept. 14"), the
    a.m./p.m. at the end ("11:43 and 11:53 a.m."). Anything that is not a plain list of
    points of one kind comes back whole.
    """
    lead = _LEAD.match(text)
    offset = lead.end() if lead else 0
    body = text[offset:]
    cuts = [m for m in _SEPARATOR.finditer(body) if m.start() > 0]
    if not cuts:
        return [(0, len(text), text)]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, len(body)))
    kinds = [_kind(body[s:e]) for s, e in pieces]
    if None in kinds or not _compatible(kinds) or any(s >= e for s, e in pieces):
        return [(0, len(text), text)]
    return _borrow(body, pieces, kinds, offset)


def _kind(piece: str) -> str | None:
    for name, pattern in _KINDS:
        if pattern.fullmatch(piece.strip()):
            return name
    return None


def _compatible(kinds: list[str | None]) -> bool:
    if len(set(kinds)) == 1:
        return kinds[0] != "number"
    if kinds[0] == "month" and set(kinds[1:]) == {"number"}:
        return True  # "Sept. 12-14": days of the first piece's month
    return set(kinds) == {"number", "clock"} and kinds[-1] == "clock"  # "between 11 and 11:30 a.m."


def _borrow(body: str, pieces: list[tuple[int, int]], kinds: list[str | None],
            offset: int) -> list[tuple[int, int, str]]:
    last = body[pieces[-1][0]:pieces[-1][1]]
    first = body[pieces[0][0]:pieces[0][1]]
    year_tail = _YEAR_TAIL.search(last)
    clock_tail = _CLOCK_TAIL.search(last)
    month = re.match(rf"(?i){_CAP_MONTH}", first)
    qualifier = re.match(r"(?i)(?:last|next|this)\s+", first)
    out = []
    for (s, e), kind in zip(pieces, kinds, strict=True):
        piece = body[s:e]
        if kind == "number" and month:
            kind, piece = "month", f"{month.group(0)} {piece}"
        elif kind == "number":
            kind = "clock"
        if kind == "weekday" and qualifier and not re.match(r"(?i)(?:last|next|this)\s", piece):
            piece = qualifier.group(0) + piece
        if year_tail and not _YEAR_TAIL.search(piece) and kind == "month":
            piece += year_tail.group(0)
        # "midnight to 6 a.m.": a clock named in words takes no "a.m." from the other end
        if clock_tail and kind == "clock" and not _CLOCK_TAIL.search(piece) and piece[:1].isdigit():
            piece += clock_tail.group(0)
        out.append((s + offset, e + offset, piece))
    return out


# A range, not a list: "2009 to 2011", "Sept. 12-14", "from Monday through Wednesday";
# "and" only after "between" ("between Monday and Wednesday"; "May and August" is a list).
_RANGE_GAP = re.compile(r"\s*(?:to|through|thru|until|till|-|–|—)\s*")
_BETWEEN_GAP = re.compile(r"\s+and\s+")


def range_ends(text: str) -> tuple[tuple[int, int, str], tuple[int, int, str]] | None:
    """The two ends of a range as split_list pieces (offsets into text), or None."""
    pieces = split_list(text)
    if len(pieces) != 2:
        return None
    gap = text[pieces[0][1]:pieces[1][0]]
    if _RANGE_GAP.fullmatch(gap):
        return pieces[0], pieces[1]
    if _BETWEEN_GAP.fullmatch(gap) and re.match(r"(?i)between\s", text):
        return pieces[0], pieces[1]
    return None
