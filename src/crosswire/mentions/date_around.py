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

from crosswire.mentions.date_context import Context, Result
from crosswire.mentions.date_ending import period_ending
from crosswire.mentions.date_rules import point_or_span, resolve
from crosswire.mentions.date_text import MONTH, NUMBER, UNIT, WEEKDAY, clean

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


def read_with_words_around(span: Span, text: str, ctx: Context) -> Result | None:
    """The value of text read with the words that finish it, or None when none do."""
    for reading in (_closing_date_after, _direction_after, _noun_shared_after, _month_before):
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
