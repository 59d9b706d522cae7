"""Expressions cut short of the words that finish them, read with those words.

A span handed to the normalizer (a spaCy entity, or an annotator's choice) may stop before
what completes it: "the year" before "ended March 31", "a year" before "earlier", "25" after
"April 24 and", "Monday" before "and Tuesday nights", a clock time before the day it falls on
("10:35 a.m. (0735 GMT) Friday"). These read the neighbouring tokens of the parse; the span
itself is left as it is.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from crosswire.mentions.dates.calendar import duration_value
from crosswire.mentions.dates.context import Context, Result
from crosswire.mentions.dates.ending import period_ending
from crosswire.mentions.dates.rules import point_or_span, resolve
from crosswire.mentions.dates.text import MONTH, NUMBER, ORDINAL, UNIT, WEEKDAY, clean, unit_name

_VERB_POS = frozenset({"VERB", "AUX"})
# A period that may be named by its closing date, and the words that introduce that date.
_PERIOD_ONLY = re.compile(
    r"(?i)(?:(?:in|within|for|during)\s+)?(?:(?:the|its|their)\s+)?(?:fiscal\s+)?(?:year|quarter|\w+\s+months)"
)
_CLOSING = frozenset({"ended", "ending", "to", "through"})
_COUNT_ONLY = re.compile(rf"(?i)(?:an?|one|\d+|{NUMBER})[\s-]+{UNIT}")
# Adverbs that finish a count ("a year earlier"); "before"/"after" open an event phrase instead
# ("three days after the crash" is three days long, as far as the words go).
_DIRECTION = frozenset({"ago", "earlier", "later", "previously", "hence"})
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_LIST_WORD = frozenset({"and", "or", "to", "through", "-", "–"})
# Nouns a list of weekdays or ordinals shares: "Monday and Tuesday nights", "second and fourth quarters".
_SHARED_NOUNS = frozenset({"nights", "mornings", "afternoons", "evenings", "quarters", "night", "morning",
                           "afternoon", "evening", "quarter"})
_ORDINAL_WORD = r"first|second|third|fourth|1st|2nd|3rd|4th"
_DAY_WORD = re.compile(r"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|yesterday")
# "200 patients a day", "$40,000 a year": a single unit after a counted amount is a rate.
_ONE_UNIT = re.compile(rf"(?i)(?:(?:an?|per)\s+)?(?P<unit>{UNIT})")
_RATE_WORDS = frozenset({"a", "an", "per"})
# Words that turn "a day" into a point or a length instead: "a day later", "a day or two", "a day's pay".
_NOT_A_RATE_AFTER = frozenset({"ago", "earlier", "later", "before", "after", "old", "long", "or", "and",
                               "'s", "’s", "-", "previously", "since", "from"})
# Counts written as words: "hundreds of interviews a day", "dozens of flights a week".
_QUANTITY_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                             "millions", "billion", "billions", "several", "many", "few"})
_ORDINAL_DAY = re.compile(rf"(?i)(?:the\s+)?{ORDINAL}\s+day")
# Pronouns that, as the subject of "is", stand for the day of writing: "It is the third day of the strike".
_NOW_PRONOUNS = frozenset({"it", "this", "today"})
# "twice as high this year as last": "last" alone, the unit said once before it.
_THIS_UNIT = re.compile(
    r"(?i)this\s+(?P<unit>year|month|week|quarter|season|summer|winter|spring|fall|autumn)"
)
_COMPARED = frozenset({"as", "than", "with", "over", "from", "versus", "vs.", "and"})


def read_with_words_around(span: Span, text: str, ctx: Context) -> Result | None:
    """The value of text read with the words that finish it, or None when none do."""
    readings = (_closing_date_after, _direction_after, _noun_shared_after, _month_before, _per_unit,
                _ordinal_day_named, _last_alone)
    for reading in readings:
        found = reading(span, text.strip(), ctx)
        if found is not None:
            return found
    return None


def day_named_after(span: Span, text: str, ctx: Context) -> Result | None:
    """A clock time whose day comes a few words on: "at 10:35 a.m. (0735 GMT) Friday".

    The words up to the day may be a bracket or a second clock, never a verb: "at 9 a.m.
    police said Friday" does not put the time on Friday.
    """
    doc = span.doc
    for token in doc[span.end:min(len(doc), span.end + 8)]:
        if token.pos_ in _VERB_POS or token.text in (";", ".", "!", "?") or "\n" in token.text:
            return None
        if _DAY_WORD.fullmatch(token.text):
            found = resolve(f"{text} {token.text}", ctx)
            return found if found[1] == "TIME" and found[0] else None
    return None


def _closing_date_after(span: Span, core: str, ctx: Context) -> Result | None:
    """"the year" when the words after it close it ("the year ended March 31"): that period.

    Up to six words after it are read, the longest reading kept.
    """
    doc = span.doc
    if not _PERIOD_ONLY.fullmatch(core) or span.end >= len(doc) or doc[span.end].lower_ not in _CLOSING:
        return None
    for end in range(min(len(doc), span.end + 7), span.end + 1, -1):
        tail = doc[span.end:end]
        if any(t.is_punct and t.text not in (".", ",") for t in tail) or tail[-1].text in (",", "."):
            continue
        found = period_ending(clean(f"{core} {tail.text}")[1], ctx, point_or_span)
        if found is not None and found[0] is not None:
            return found
    return None


def _direction_after(span: Span, core: str, ctx: Context) -> Result | None:
    """"a year" before "earlier": a point a year back, not a year's length."""
    doc = span.doc
    if not _COUNT_ONLY.fullmatch(core) or span.end >= len(doc) or doc[span.end].lower_ not in _DIRECTION:
        return None
    return _known(resolve(f"{core} {doc[span.end].lower_}", ctx))


def _noun_shared_after(span: Span, core: str, ctx: Context) -> Result | None:
    """"Monday" before "and Tuesday nights", "second" before "and fourth quarters"."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].lower_ not in ("and", "or"):
        return None
    other, noun = doc[span.end + 1].text, doc[span.end + 2]
    if noun.lower_ not in _SHARED_NOUNS or not _same_kind(core, other):
        return None
    return _known(resolve(f"{core} {noun.text}", ctx))


def _month_before(span: Span, core: str, ctx: Context) -> Result | None:
    """"25" after "April 24 and": April 25, as when the list is read whole (``split_list``)."""
    doc = span.doc
    if not _DAY_NUMBER.fullmatch(core) or span.start < 3 or doc[span.start - 1].lower_ not in _LIST_WORD:
        return None
    month, day = doc[span.start - 3], doc[span.start - 2]
    if not re.fullmatch(MONTH, month.lower_) or not _DAY_NUMBER.fullmatch(day.text):
        return None
    return _known(resolve(f"{month.text} {core}", ctx))


def _same_kind(word: str, other: str) -> bool:
    """Two weekdays, or two ordinals: the members of one list."""
    return any(re.fullmatch(kind, word, re.I) and re.fullmatch(kind, other, re.I)
               for kind in (WEEKDAY, _ORDINAL_WORD))


def _known(found: Result) -> Result | None:
    return found if found[0] is not None else None


def _per_unit(span: Span, core: str, ctx: Context) -> Result | None:
    """"200 patients a day", "interviews a day", "$40,000 a year": a rate, TIMEX3's SET P1D.

    Only after a counted amount (a number or "hundreds of" within a few words, no verb
    between): "extended the strike a week" is a length, not a rate.
    """
    m = _ONE_UNIT.fullmatch(core)
    if m is None or unit_name(m.group("unit")) != m.group("unit").lower():
        return None  # plural units ("days") are no rate
    doc = span.doc
    rate_word = span[0] if span[0].lower_ in _RATE_WORDS else doc[span.start - 1] if span.start else None
    if rate_word is None or rate_word.lower_ not in _RATE_WORDS:
        return None
    if span.end < len(doc) and doc[span.end].lower_ in _NOT_A_RATE_AFTER:
        return None
    if not _counted_before(doc[max(0, rate_word.i - 5):rate_word.i]):
        return None
    return duration_value([(1.0, unit_name(m.group("unit")))]), "SET", None


def _counted_before(words: Span) -> bool:
    """A number or a count word in words, after the last verb: "sees about 200 patients"."""
    if not len(words) or words[-1].pos_ not in ("NOUN", "PROPN", "NUM", "SYM"):
        return False
    for token in reversed(words):
        if token.pos_ in _VERB_POS:
            return False
        if token.like_num or token.lower_ in _QUANTITY_WORDS or token.text in ("$", "%"):
            return True
    return False


def _ordinal_day_named(span: Span, core: str, ctx: Context) -> Result | None:
    """"Today is the eighth day of the blockade": the ordinal day is the day its subject names.

    Only through "be": "the first day of school is Sept. 5" names its day the other way round
    (the date is read on its own), and "it" stands for the day of writing only in the present.
    """
    if not _ORDINAL_DAY.fullmatch(core):
        return None
    verb = span.root.head
    if verb.lemma_ != "be" or span.root.dep_ not in ("attr", "acomp"):
        return None
    # A weekday subject is often parsed as an adverb: "Saturday was the second day of the fair".
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "expl", "npadvmod")), None)
    if subject is None:
        return None
    if subject.lower_ in _NOW_PRONOUNS and ctx.tense == "present":
        return _known(resolve("today", ctx))
    if _DAY_WORD.fullmatch(subject.text):
        return _known(resolve(subject.text, ctx))
    return None


def _last_alone(span: Span, core: str, ctx: Context) -> Result | None:
    """"twice as high this year as last": "last" alone is the unit named with "this" before it."""
    if core.lower() != "last" or span.start == 0 or span.doc[span.start - 1].lower_ not in _COMPARED:
        return None
    sentence = span.sent
    before = span.doc[sentence.start:span.start].text
    found = list(_THIS_UNIT.finditer(before))
    if not found:
        return None
    return _known(resolve(f"last {found[-1].group('unit')}", ctx))
