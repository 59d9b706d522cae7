"""Words that look like a time but date nothing: discourse "Now,", a show's name, idioms.

The patterns and spaCy's DATE entities find them; a reader of the news (and the blind sets'
conventions) leaves them out, and each one kept costs value precision:

* "Now, the question is …": "Now" opening a sentence, set off by a comma, moves the argument on,
  not the clock; nor does "now that …" (a conjunction), "now-Governor X" (a title) or the
  conjunction "as soon as the storm passed";
* "told This Week", "spoke to 60 Minutes": a unit word capitalized in mid-sentence after a
  lowercase word is a programme's or a column's name, and so is a time word in capitals after
  another capitalized word ("PORT ADLEY TODAY");
* "weeks ago", "hours ago": a count not stated leaves no value a reader could give ("a few weeks
  ago", "two weeks ago" keep theirs);
* idioms: "at the end of the day", "back in the day", "in a minute", "in real time", "a day in
  court", and a judgement of a stretch of time ("had a good night", "a terrible week");
* an ordinal without a value: "their first months in office", "his second year as mayor",
  "day one";
* a page's age banner: "6 years ago" alone on the first line of a scraped page dates the page's
  copy, not anything the article tells;
* "in the mornings", "previous nights": parts of the day in the plural, with no day named, are
  habits or a vague stretch, not the publication day's morning ("Tuesday nights" is a set, and
  the patterns read it whole).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

# Unit and part-of-day words that name a time in lowercase only; weekdays and months are
# capitalized anyway ("told Reuters Sunday" is a time), so they are not here.
_LOWERCASE_TIME_WORDS = frozenset({
    "week", "weeks", "weekend", "minute", "minutes", "hour", "hours", "day", "days", "month", "months",
    "year", "years", "morning", "night", "tonight", "today", "evening", "afternoon",
})
_WEEKDAY_NAMES = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                            "Tonight", "Today"})
_VAGUE_AGO = re.compile(
    r"(?i)(?:just\s+|only\s+|mere\s+)?(?:seconds|minutes|hours|days|weeks|months|decades|moments)\s+ago"
)
_PLURAL_PARTS_OF_DAY = re.compile(
    r"(?i)(?:the\s+)?(?:previous\s+|past\s+|recent\s+)?(?:mornings|afternoons|evenings|nights)"
)
# A candidate lying inside one of these dates nothing.
_IDIOMS = re.compile(
    # "At the end of the day, ..." opening a sentence; "closed at the end of the day" is a time.
    r"(?i)(?:^\W*at\s+the\s+end\s+of\s+the\s+day(?=\s*,)|\bback\s+in\s+(?:the|those)\s+days?"
    r"|\bin\s+a\s+(?:minute|second|moment)\b(?!\s+(?:or|and|to|of))|in\s+real\s+time|\ba\s+day\s+in\s+court"
    r"|\ban?\s+(?:good|bad|great|big|rough|tough|terrible|awful|busy|strong|difficult|hard|historic|wild"
    r"|banner|disastrous|miserable)\s+(?:day|night|week|month|year))\b"
)


_ORDINAL_UNIT = re.compile(
    r"(?i)(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|\d+(?:st|nd|rd|th))"
    r"\s+(?:days?|weeks?|months?|years?|hours?|nights?)|day\s+one"
)


def dates_nothing(span: Span, sentence: Span, text: str) -> bool:
    """True when the candidate at span (in sentence; text is the Doc's) is one of the module
    docstring's non-times."""
    sentence_text = text[sentence.start_char:sentence.end_char]  # Span.text joins every token again
    words = text[span.start_char:span.end_char]
    return _discourse_now(span, words) or _conjunction(span, words) or _named_show(span) \
        or _in_capitals(span, words) or bool(_VAGUE_AGO.fullmatch(words)) \
        or bool(_PLURAL_PARTS_OF_DAY.fullmatch(words)) or _ordinal_of_someone(span, words) \
        or _in_idiom(span, sentence.start_char, sentence_text) or _age_banner(span, text)


_AGO_ALONE = re.compile(r"\s*\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\s*")


def _age_banner(span: Span, text: str) -> bool:
    """"6 years ago" as the whole first line of the text: how old the page is."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    return span.start_char < end and _AGO_ALONE.fullmatch(text, 0, end) is not None


def _discourse_now(span: Span, words: str) -> bool:
    if words.lower() != "now":
        return False
    doc, first = span.doc, span[0]
    opens = first.is_sent_start or (first.i > 0 and doc[first.i - 1].is_quote)
    return opens and first.i + 1 < len(doc) and doc[first.i + 1].text == ","


def _conjunction(span: Span, words: str) -> bool:
    """"now that ...", "now-Senator ...", "as soon as the vote ended" (not "as soon as possible")."""
    doc, word = span.doc, words.lower()
    after = doc[span.end] if span.end < len(doc) else None
    if word == "now" and after is not None and (after.lower_ == "that" or after.text in ("-", "–")):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    return (word == "soon" and before is not None and before.lower_ == "as" and after is not None
            and after.lower_ == "as" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ != "possible")


def _in_capitals(span: Span, words: str) -> bool:
    """"USA TODAY": a time word in capitals right after another capitalized word is a name."""
    if span.start == 0 or not words.isupper() or len(words) < 3:
        return False
    before = span.doc[span.start - 1]
    return before.is_upper or before.is_title


def _ordinal_of_someone(span: Span, words: str) -> bool:
    """"his first months in office", "their sixth year", "day one": counted from a start the text
    does not date."""
    if not _ORDINAL_UNIT.fullmatch(words.removeprefix("the ").strip()):
        return False
    if words.lower() == "day one":
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.tag_ == "PRP$"


def _named_show(span: Span) -> bool:
    if span.start == 0 or span[0].is_sent_start:
        return False
    before = span.doc[span.start - 1]
    if before.text == "News" and span[0].text in _WEEKDAY_NAMES:
        return True  # "Fox News Sunday", "Channel 9 News Tonight": a programme's title
    if not before.is_lower:  # a headline in title case capitalizes every word
        return False
    titled = [t for t in span if t.is_title]
    # "Election Day", "Thanksgiving Day": a holiday's name capitalizes its own word too.
    named = [t for t in titled if t.lower_ not in _LOWERCASE_TIME_WORDS and t.pos_ != "DET"]
    return not named and any(t.lower_ in _LOWERCASE_TIME_WORDS for t in titled)


def _in_idiom(span: Span, offset: int, sentence_text: str) -> bool:
    # Only the words around the span can hold an idiom around it; "^" still means the
    # sentence's start when the search starts later (re's pos argument).
    around = (max(0, span.start_char - offset - 30), span.end_char - offset + 20)
    for match in _IDIOMS.finditer(sentence_text, *around):
        start, end = match.span()
        if offset + start <= span.start_char and span.end_char <= offset + end:
            return True
    return False
