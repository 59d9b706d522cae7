"""The time stage: every date and time expression in an article, normalized (fills Article.times).

``add_times(doc, article)`` is a document stage. Candidates are spaCy's DATE and TIME entities
plus what ``patterns`` finds that the small model misses; pieces that belong together are
merged ("Sunday" + "afternoon"), lists are split ("May and August this year"), prepositions
trimmed off the span. Each expression is normalized by ``rules`` against the publication
date and the tense of the verb it hangs on (from the dependency parse), and against the time
mentioned just before it for anaphora ("the next day", "a year earlier"). A future seen from a
past moment ("said it would close in March", "planned a rally on Saturday", an infinitive after
a past-tense verb) is the tense "near": the next occurrence, or one just gone by. Words an
expression's span leaves out are read from the parse (``around``: "the year" + "ended
March 31"). Values that depend on a tense the sentence contradicts ("said on Monday he will…")
carry a note instead of a silent guess.

An article whose ``language`` is set and is not English is read by ``languages`` (French,
Russian and Korean date patterns and dateparser; no dates for a language without patterns).

Needs: a parsed Doc (tagger, parser, ner). Adds: ``Article.times`` (TimeExpr with offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from crosswire.mentions.dates.around import day_named_after, read_with_words_around
from crosswire.mentions.dates.attach import attached_event
from crosswire.mentions.dates.context import TimeType
from crosswire.mentions.dates.events import is_event_noun
from crosswire.mentions.dates.not_times import dates_nothing
from crosswire.mentions.dates.patterns import (
    Group,
    candidate_spans,
    merge_spans,
    overrides_names,
    range_ends,
    split_list,
)
from crosswire.mentions.dates.rules import (
    Context,
    Result,
    Tense,
    context_for,
    counted_length,
    normalize,
    resolve,
)
from crosswire.mentions.dates.spans import duration_range
from crosswire.mentions.dates.tense import VERB_POS, tense_of, verb_tense
from crosswire.mentions.dates.text import ORDINAL, WEEKDAY, clean
from crosswire.mentions.dates.vocab import OCCASION_NOUNS
from crosswire.nlp.annotate import doc_text
from crosswire.types import Article, TimeExpr

__all__ = ["Anchor", "Reading", "add_times", "normalize", "read_in_context", "resolve_in_context",
           "resolve_range_in_context", "tense_of"]

_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Entities a pattern hit inside is not a time: "Theresa May", "the Sunday Times".
_NOT_TIME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "NORP", "LAW"})
_LEADING = re.compile(
    r"(?i)^(?:(?:in|on|at(?! present)|for|during|since|by|until|till|from|between|over|through|throughout"
    r"|within|of|as of|starting|beginning|effective)\s+|[,(]\s*)+"
)
_TRAILING = re.compile(r"(?:['’]s|[\s,;:!?\"”])+$")
# A final full stop belongs to the expression only after an abbreviation ("Sept.", "a.m.").
_ABBREVIATED = re.compile(
    r"(?i)(?:\b[ap]\.m|\b(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec|mon|tues?|wed|thu|thur|thurs|fri|sat|sun))\.$"
)
# "a year ago" compares with the period under discussion, like "a year earlier": it is no new anchor.
_ANAPHORIC = re.compile(r"(?i)\b(?:earlier|later|before|after|previous|following|that|same|next day|year-ago"
                        r"|year-earlier|then|a year ago)\b")
_IN_PASSING = re.compile(r"(?i)\s*an?\s")
# "earlier in the day" counts from the day the text is telling, not from a day named in passing.
_IN_THE_DAY = re.compile(r"(?i)\s*(?:earlier|later)\s+in\s+the\s+day\s*")
# "For the nine months, ...": a year-to-date span; "a year earlier" then means last year.
_YEAR_TO_DATE = re.compile(
    r"(?i)^(?:for\s+|in\s+)?the\s+(?:first\s+|latest\s+|past\s+)?(?:six|nine|6|9)\s+months$"
)
# An age ("a 6-year-old boy", "Reupke, 52 years old", "a 136-year-old bank") or a fraction
# ("three-quarters of its food") is no time: neither TimeBank nor our blind set annotates them.
_NOT_A_TIME = re.compile(
    r"(?i)(?:\S+[\s-])+(?:years?|months?|weeks?|days?)[\s-]old|(?:one|two|three)[\s-](?:quarters|thirds|halves)"
    # "for a second night": which occasion it is, not a length nor a date ("the fifth day of the
    # blockade" is read where the sentence equates it with a day)
    rf"|a\s+{ORDINAL}\s+(?:(?:straight|consecutive|successive)\s+)?(?:night|evening)"
)
# "a third straight night Thursday": the count of occasions goes, the day it names stays.
_OCCASION = re.compile(
    rf"(?i)(?:a|the)\s+{ORDINAL}\s+(?:(?:straight|consecutive|successive)\s+)?(?:day|night|evening|week|weekend)\s+"
    rf"(?={WEEKDAY}\b)"
)
# Unreadable candidates are kept only when they look like a date someone mistyped: six to eight
# digits ("2882015", "20150828") or digits with separators. Five digits is a model number
# ("the 80486 chip") far more often than a date.
_DATE_SHAPED = re.compile(r"(?<!\d)\d{6,8}(?!\d)|\d[/.-]\d")


def add_times(doc: Doc, article: Article) -> None:
    if article.language and article.language != "en":  # each language by its own conventions
        from crosswire.mentions.dates.languages import add_foreign_times

        add_foreign_times(doc, article)
        return
    base = context_for(article.published)
    times: list[TimeExpr] = []
    text = doc_text(doc, article)
    anchor = Anchor.of(doc, text)
    for start, end, parts in _candidates(doc, text):
        if (found := _range(doc, text, start, end, base, anchor)) is not None:
            times.append(found)
            continue
        leading = _leading_range(doc, text, parts, base, anchor)
        if leading is not None:  # "from 9 a.m. to 5 p.m. on weekdays": the range, then the rest
            start, parts = leading[1][0][0], leading[1]
        # "Thanksgiving on Thursday" was joined like "Sunday afternoon" but reads as two.
        split = len(parts) > 1 and not _reads(text[start:end], base)
        found_here = [t for s, e in (parts if split else [(start, end)])
                      for t in _expressions(doc, text, s, e, base, anchor)]
        if leading is not None:
            times.append(_habitual(leading[0], found_here))
        times.extend(found_here)
    article.times = times


def _habitual(clock_range: TimeExpr, after: list[TimeExpr]) -> TimeExpr:
    """A clock range's day from the words right after it: "from midnight to 6 a.m. each day"
    (hours of every day), "from 9 to 11 a.m. on Tuesday" (that Tuesday's hours)."""
    if clock_range.type != "TIME" or clock_range.value is None or not after:
        return clock_range
    then = after[0]
    if then.type == "SET" and then.value == "P1D":
        day, note = "XXXX-XX-XX", "the hours of every day"
    elif then.type == "DATE" and then.value is not None and _A_DAY.fullmatch(then.value):
        day, note = then.value, f"the hours of {then.text}"
    else:
        return clock_range
    value = _ANY_DAY.sub(day, clock_range.value)
    first, _, last = value.partition("/")
    return replace(clock_range, value=value, range_start=first, range_end=last or None, note=note)


_A_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ANY_DAY = re.compile(r"(?:\d{4}-\d{2}-\d{2}|XXXX-XX-XX)(?=T)")  # a day, or every day


_RANGE_LEAD = re.compile(r"(?i)\b(?:between|from)\s+$")


def _range(doc: Doc, text: str, start: int, end: int, base: Context, anchor: Anchor) -> TimeExpr | None:
    """"from 2009 to 2011", "between Monday and Wednesday": one expression with both ends."""
    if (lead := _RANGE_LEAD.search(text, max(0, start - 9), start)) is not None:
        start = lead.start()  # the parse leaves "between" out of the entity; the range needs it
    ends = range_ends(text[start:end])
    if ends is None:
        return None
    first, last = start + ends[0][0], start + ends[1][1]
    span = doc.char_span(first, last, alignment_mode="expand")
    reading = resolve_range_in_context(doc, start, text[start:end], base, anchor)
    if span is None or reading is None:
        return None
    first_end = doc.char_span(first, start + ends[0][1], alignment_mode="expand") or span
    if reading.kind == "TIME" and _told_as_a_habit(first_end, span, "day not stated" in (reading.note or "")):
        reading = _on_every_day(reading)
    # The first end is what the parse ties to the clause ("runs from midnight to 6 a.m."): the
    # whole range's head is often its last word, which the parser hangs on any verb.
    return _time_expr(text, first, last, span, reading, anchor, dated=first_end)


def _told_as_a_habit(first_end: Span, span: Span, no_day: bool) -> bool:
    """Hours in the simple present: "the office is open between 2 and 4 p.m." keeps those hours
    on every day, not on one. A day named elsewhere in the sentence is not theirs when the hours
    stand in a relative clause: "signed Thursday night a curfew that runs from midnight to 6 a.m."."""
    # The first end as well as the whole: the parse may hang a final "a.m." on any verb.
    verbs = (tense_of(part)[1] for part in (first_end, span))
    return any(verb is not None and verb.tag_ in ("VBZ", "VBP") and (no_day or verb.dep_ == "relcl")
               and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) for verb in verbs)


def _on_every_day(reading: Reading) -> Reading:
    def every_day(value: str | None) -> str | None:
        return _ANY_DAY.sub("XXXX-XX-XX", value) if value else None

    return replace(reading, value=every_day(reading.value), range_start=every_day(reading.range_start),
                   range_end=every_day(reading.range_end), note="the hours of every day")


def _leading_range(doc: Doc, text: str, parts: list[tuple[int, int]], base: Context,
                   anchor: Anchor) -> tuple[TimeExpr, list[tuple[int, int]]] | None:
    """A range made of the group's first parts, and the parts left after it; None when the
    group's first parts make no range (most groups: one part, or "Sunday afternoon")."""
    for k in range(len(parts) - 1, 0, -1):
        if (found := _range(doc, text, parts[0][0], parts[k - 1][1], base, anchor)) is not None:
            return found, parts[k:]
    return None


def _reads(piece: str, base: Context) -> bool:
    return not any(_unreadable(p, base) for _, _, p in split_list(piece))


def _expressions(doc: Doc, text: str, start: int, end: int, base: Context, anchor: Anchor) -> list[TimeExpr]:
    found = (_expression(doc, text, start + s, start + e, piece, base, anchor)
             for s, e, piece in split_list(text[start:end]))
    return [t for t in found if t is not None]


def _candidates(doc: Doc, text: str) -> list[Group]:
    ents = doc.ents  # built anew on every access
    spans = [(ent.start_char, ent.end_char) for ent in ents if ent.label_ in _ENTITY_LABELS]
    blocked = [(ent.start_char, ent.end_char) for ent in ents if ent.label_ in _NOT_TIME_LABELS]
    for start, end in candidate_spans(text):
        # A name ("Theresa May", "the Sunday Times") blocks a word, never a written date:
        # the small model calls "08/30/2023" an ORG now and then.
        if overrides_names(text[start:end]) or not any(s < end and start < e for s, e in blocked):
            spans.append((start, end))
    return merge_spans(text, spans)


@dataclass(slots=True)
class Anchor:
    """What a reader of one article knows so far: the last point it named, and in which sentence.

    Also holds the article's sentences, listed once: ``Span.sent`` walks the whole Doc on
    every call, which made it most of this stage's cost.
    """

    sentences: list[Span]
    starts: list[int]
    day: date | None = None
    grain: str = "day"
    sentence: int = -1
    # The last span of time named ("a five-year overhaul"), while no point has been named
    # since, and the index of its sentence: what "during that time" refers back to.
    span: str | None = None
    span_sentence: int = -1
    text: str | None = None  # the words of the last point named, for "relative to: …"
    # Cleaned text separates paragraphs by a blank line; some sources by a single line break.
    paragraph_break: str = "\n\n"
    # The Doc's text, joined once: ``Doc.text`` joins every token again on each access.
    doc_text: str = ""
    clock: datetime | None = None  # the last clock time named, for "an hour later"

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> Anchor:
        """The anchor of a Doc; text is the Doc's text when the caller has it already."""
        sentences = list(doc.sents)
        text = doc.text if text is None else text
        return cls(sentences, [s.start for s in sentences],
                   paragraph_break="\n\n" if "\n\n" in text else "\n", doc_text=text)

    def sentence_of(self, span: Span) -> Span:
        return self.sentences[self.index_of(span)]

    def index_of(self, span: Span) -> int:
        return bisect_right(self.starts, span.start) - 1


def _expression(doc: Doc, text: str, start: int, end: int, piece: str, base: Context,
                anchor: Anchor) -> TimeExpr | None:
    whole = piece == text[start:end]  # not a list piece that borrowed words ("May this year")
    if whole and (occasion := _OCCASION.match(text, start, end)) is not None and occasion.end() < end:
        start, piece = occasion.end(), text[occasion.end():end]
    start, end = _trim(text, start, end)
    if whole:
        readable = _readable_part(text, start, end, base)
        if readable != (start, end):
            (start, end), piece = readable, text[readable[0]:readable[1]]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or start >= end or _NOT_A_TIME.fullmatch(piece.strip()):
        return None
    if dates_nothing(span, anchor.sentence_of(span), text):
        return None
    reading = read_in_context(span, piece, base, anchor)
    if reading.value is None and (reading.note or "").startswith("not a recognizable") \
            and not _DATE_SHAPED.search(piece):
        return None  # spaCy's DATE on a word that names no time (a headline)
    reading = replace(reading, duration=counted_length(piece))
    if reading.kind == "DURATION" and (lengths := duration_range(piece)) is not None:
        reading = replace(reading, range_start=lengths[0], range_end=lengths[1])  # "six to eight hours"
    return _time_expr(text, start, end, span, reading, anchor)


def _time_expr(text: str, start: int, end: int, span: Span, reading: Reading, anchor: Anchor,
               dated: Span | None = None) -> TimeExpr:
    """The TimeExpr of span; ``dated`` is the part whose clause it dates, when not all of it."""
    sentence = anchor.sentence_of(span)
    event = attached_event(dated or span, sentence)
    if reading.range_start is None and reading.value is not None and "/" in reading.value:
        # A range the rules read whole ("2003-2004"): its two ends, as the stage's own ranges.
        first, _, last = reading.value.partition("/")
        reading = replace(reading, range_start=first, range_end=last)
    return TimeExpr(
        text[start:end], start, end, reading.value, reading.kind, sentence.start_char, sentence.end_char,
        reading.note, reading.range_start, reading.range_end, reading.duration, reading.reference,
        event.idx if event is not None else None, event.idx + len(event) if event is not None else None,
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """One expression read in its place: the TIMEX3 triple and what the timeline shows with it."""

    value: str | None
    kind: TimeType
    note: str | None
    reference: str | None = None
    range_start: str | None = None
    range_end: str | None = None
    duration: str | None = None

    @property
    def result(self) -> Result:
        return self.value, self.kind, self.note


def resolve_in_context(span: Span, text: str, base: Context, anchor: Anchor) -> Result:
    """Normalize text (the expression at span) with its verb's tense and the article's last time.

    Updates ``anchor``. Used by the stage and by the evaluation on gold spans.
    """
    return read_in_context(span, text, base, anchor).result


def resolve_range_in_context(doc: Doc, start: int, text: str, base: Context,
                             anchor: Anchor) -> Reading | None:
    """A range's two ends, each read in its place; None when text is no range of two known points.

    ``start`` is text's offset in the document. Both ends must be points of one type: "from
    2009 to 2011" → "2009/2011" (DATE), "between 11 and 11:30 a.m." → two times (TIME).
    """
    ends = range_ends(text)
    if ends is None:
        return None
    readings = []
    for s, e, piece in ends:
        span = doc.char_span(start + s, start + e, alignment_mode="expand")
        if span is None:
            return None
        readings.append(read_in_context(span, piece, base, anchor))
    first, last = readings
    if first.value is None or last.value is None or first.kind != last.kind or first.kind not in _POINTS:
        return None
    first_value, last_value = _from_midnight(first.value), _after(first.value, last.value, ends[1][2])
    return Reading(f"{first_value}/{last_value}", first.kind, _join(first.note, last.note), first.reference,
                   first_value, last_value)


def _from_midnight(value: str) -> str:
    """"from midnight to 6 a.m.": the range starts at the day's first moment, 00:00 (a lone
    "midnight" ends its day, 24:00)."""
    return value.replace("T24:00", "T00:00")


def _after(first: str, last: str, last_words: str) -> str:
    """A range's end read on its own can fall before its start: "Monday through Friday" said on a
    Monday reads Friday as the one just gone. A weekday end is the first such day after the start."""
    if not _A_DAY.match(first) or not _A_DAY.match(last) or last >= first \
            or not _BARE_WEEKDAY.search(clean(last_words)[1]):
        return last
    try:  # "8 p.m. Friday and 5 a.m. Monday": the Monday after, its clock time kept
        return (date.fromisoformat(last[:10]) + timedelta(days=7)).isoformat() + last[10:]
    except ValueError:
        return last


_POINTS = frozenset({"DATE", "TIME"})


def read_in_context(span: Span, text: str, base: Context, anchor: Anchor) -> Reading:
    """resolve_in_context, with the reference time the value was counted from, in words."""
    sentence = anchor.sentence_of(span)
    if (found := _span_referred_to(span, text, anchor)) is not None:
        return Reading(*found, reference=f"the span named just before ({found[0]})")
    if _today_as_the_present(span, text):
        return Reading("PRESENT_REF", "DATE", "today's place or times: the present, not the day")
    tense, verb = tense_of(span)
    known = anchor.day, anchor.grain, anchor.text
    if _IN_THE_DAY.fullmatch(text) and not _same_paragraph(anchor, span):
        known = None, "day", None  # a new paragraph's "earlier in the day" is the story's own day
    ctx = replace(base, tense=tense, anchor=known[0], anchor_grain=known[1],
                  same_day=_day_of_the_event(span, sentence, tense, anchor, base), clock=anchor.clock)
    narrative = _narrative_day(span, text, tense, anchor, base)
    if narrative is not None:
        ctx = replace(ctx, day=narrative + timedelta(days=3), tense="past")
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("in", "within") and not re.match(r"(?i)\s*(?:in|within)\b", text):
        text = f"{before} {text}"  # "will open in three weeks": the preposition makes it a point
    elif before in ("for", "over", "throughout") and "century" in text.lower():
        text = f"{before} {text}"  # "for the last century" is a span, "in the last century" the 1900s
    value, kind, note = read_with_words_around(span, text, ctx) or resolve(text, ctx)
    if kind == "TIME" and note and "day not stated" in note:
        value, kind, note = day_named_after(span, text, ctx) or (value, kind, note)
    if narrative is not None:
        note = f"past narrative: read in the week of {narrative}"
    note = _join(note, _mixed_tense(sentence, text, ctx, verb, value))
    # "a year earlier" twice in a row means the same year: anaphora never moves the anchor; nor
    # does a quarter named in passing ("after a flat second quarter, ...").
    if not _ANAPHORIC.search(text) and not (_IN_PASSING.match(text) and "-Q" in (value or "")):
        _remember(anchor, value, kind, sentence.start, text)
        if kind == "TIME" and value is not None:
            anchor.clock = _clock_of(value) or anchor.clock
    _remember_span(anchor, value, kind, anchor.index_of(span))
    if kind == "DURATION" and base.day is not None and _YEAR_TO_DATE.match(text.strip()):
        anchor.day, anchor.grain, anchor.sentence = date(base.day.year, 1, 1), "year", sentence.start
    moved = narrative is not None or (kind == "TIME" and ctx.same_day not in (None, base.day))
    return Reading(value, kind, note, _reference(text, value, kind, base, known, moved))


# What "today's" qualifies when it means the present age, not the day: "today's Corlow",
# "today's world".
_OF_THE_AGE = frozenset({"world", "society", "economy", "politics", "culture", "climate", "youth", "america",
                         "era", "age", "generation"})


def _today_as_the_present(span: Span, text: str) -> bool:
    """"In today's Corlow, ...", "today's world", "today's deeply split job market": the
    present, not the publication day, unless what "today's" owns happens on a day ("today's
    vote", "today's session") or is the day's own ("today's paper")."""
    doc = span.doc
    if clean(text)[1] != "today" or span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("'s", "’s"):
        return False
    after = doc[span.end + 1]
    if after.pos_ == "PROPN" or after.lower_ in _OF_THE_AGE:
        return True
    owned = _owned_noun(after)
    lemma = owned.lemma_.lower() if owned is not None else ""
    return owned is not None and lemma not in _OF_THE_DAY and owned.lower_ not in _OF_THE_DAY \
        and not is_event_noun(owned) and lemma not in OCCASION_NOUNS


# What a day has of its own: "today's paper", "today's weather".
_OF_THE_DAY = frozenset({"paper", "papers", "edition", "issue", "news", "headlines", "weather", "forecast",
                         "episode", "show", "column", "menu", "schedule", "agenda", "date", "deadline"})


def _owned_noun(first: Token) -> Token | None:
    """The noun a possessive's words lead to ("today's fiercely split market": "market")."""
    token = first
    for _ in range(4):
        if token.pos_ == "NOUN" and token.dep_ not in ("compound", "amod", "nmod"):
            return token
        if token.head.i <= token.i:
            return None
        token = token.head
    return None


# "During that time": the span just named, when one was ("a five-year overhaul. During that time").
_SPAN_ANAPHOR = re.compile(r"that\s+(?:time|period)")


def _span_referred_to(span: Span, text: str, anchor: Anchor) -> Result | None:
    """The span named in this or the previous sentence, for "that time" right after it."""
    if anchor.span is None or not _SPAN_ANAPHOR.fullmatch(clean(text)[1]):
        return None
    if anchor.index_of(span) - anchor.span_sentence > 1:
        return None
    return anchor.span, "DURATION", "the span named just before"


def _remember_span(anchor: Anchor, value: str | None, kind: str, sentence: int) -> None:
    if kind == "DURATION" and value is not None:
        anchor.span, anchor.span_sentence = value, sentence
    elif kind in ("DATE", "TIME") and value is not None:
        anchor.span = None  # a point named since: "that time" is that point now


_WORD = re.compile(r"\S+")


def _readable_part(text: str, start: int, end: int, base: Context) -> tuple[int, int]:
    """The span itself if it reads as a time, else its longest readable part.

    spaCy's DATE runs on into the next words now and then ("June 11, 2018 report", "a key
    Dec. 29, 2016"): words are dropped from the end, then from the start, until it reads.
    """
    if not _unreadable(text[start:end], base):
        return start, end
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    for drop in range(1, min(4, len(words))):
        s, e = _trim(text, start, words[-1 - drop][1])
        if not _unreadable(text[s:e], base):
            return s, e
    for drop in range(1, min(3, len(words))):
        s, e = _trim(text, words[drop][0], end)
        if not _unreadable(text[s:e], base):
            return s, e
    return start, end


@lru_cache(maxsize=1024)  # asked of each group and again of its parts: read each once
def _unreadable(piece: str, base: Context) -> bool:
    note = resolve(piece, base)[2]
    return note is not None and note.startswith(("not a recognizable", "empty"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead and lead.end() < len(piece):
        start += lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    if text[start:end].endswith(".") and not _ABBREVIATED.search(text[start:end]):
        end -= 1
    while text[start:end].endswith(")") and text[start:end].count(")") > text[start:end].count("("):
        end -= 1
    return start, end


def _remember(anchor: Anchor, value: str | None, kind: str, sentence: int, text: str) -> None:
    if kind not in ("DATE", "TIME") or value is None:
        return
    if quarter := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        anchor.day = date(int(quarter.group(1)), 3 * int(quarter.group(2)) - 2, 1)
        anchor.grain, anchor.sentence, anchor.text = "quarter", sentence, text.strip()
        return
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\dWQHXSUFAI])", value)
    if m is None:
        return
    if m.group(1) == "0000":
        return
    anchor.day = date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    anchor.grain = "day" if m.group(3) else "month" if m.group(2) else "year"
    anchor.sentence, anchor.text = sentence, text.strip()


# --- a reference time that moves with the text -------------------------------------------------

_BARE_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day")
# How far before publication a named day must lie for the narrative to have moved away from it.
_MOVED_AWAY_DAYS = 7


_CLOCK_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?")


def _clock_of(value: str) -> datetime | None:
    """The moment a TIME value names to the minute ("2023-09-12T06:10-04:00"); None otherwise."""
    if not _CLOCK_VALUE.fullmatch(value) or value[11:13] == "24":
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _same_paragraph(anchor: Anchor, span: Span) -> bool:
    if anchor.sentence < 0:
        return False
    doc = span.doc
    return anchor.paragraph_break not in anchor.doc_text[doc[anchor.sentence].idx:span.start_char]


def _narrative_day(span: Span, text: str, tense: Tense, anchor: Anchor, base: Context) -> date | None:
    """The day a bare weekday is read near when a past narrative has moved to another time.

    "On Oct. 3, protesters gathered. On Thursday, police cleared the square.", published in
    December: that Thursday is the one around Oct. 3, not the last one before publication.
    News names weekdays of the publication week far more often, even right after an older date
    ("bought from Sept. 14 to Thursday", "since Jan. 13. ... arrived Thursday": every such
    reading in TempEval-3 was wrong), so only a day named in the sentence just before, in the
    same paragraph of a text that has paragraphs, moves it, and only in the past tense. "Until
    Thursday, they had not …" measures up to the recent day: never moved.
    """
    if tense != "past" or anchor.day is None or anchor.grain != "day" or base.day is None:
        return None
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("until", "till", "since", "by"):
        return None
    if not _BARE_WEEKDAY.fullmatch(clean(text)[1]) or (base.day - anchor.day).days <= _MOVED_AWAY_DAYS:
        return None
    previous = anchor.index_of(span) - 1
    if previous < 0 or anchor.starts[previous] != anchor.sentence or anchor.paragraph_break != "\n\n":
        return None
    return anchor.day if _same_paragraph(anchor, span) else None


def _day_of_the_event(span: Span, sentence: Span, tense: Tense, anchor: Anchor, base: Context) -> date | None:
    """The day a clock time with no day of its own falls on: one named in its sentence, or,
    in a past narrative, the day the paragraph has moved to ("On Oct. 3, … shortly after 6 a.m.")."""
    if anchor.grain != "day" or anchor.day is None:
        return None
    if anchor.sentence == sentence.start:
        return anchor.day
    moved = base.day is not None and anchor.day < base.day
    return anchor.day if tense == "past" and moved and _same_paragraph(anchor, span) else None


# A year stated in the words: the value needs no reference time.
_STATED_YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b")


def _reference(text: str, value: str | None, kind: str, base: Context,
               known: tuple[date | None, str, str | None], moved: bool) -> str | None:
    """Which time a value was counted from, in words: "the publication date (2023-09-14)",
    "2023-10-03 (“Oct. 3”)"; None for a value the words state whole, or none at all."""
    if value is None or kind not in _POINTS or _STATED_YEAR.search(text):
        return None
    day, grain, words = known
    if (moved or _ANAPHORIC.search(text)) and day is not None:
        shown = {"day": day.isoformat(), "month": day.isoformat()[:7]}.get(grain, str(day.year))
        return f"{shown} (“{words}”)" if words else shown
    if base.day is None:
        return None
    return f"the publication date ({base.day.isoformat()})"


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


def _mixed_tense(sentence: Span, piece: str, ctx: Context, verb: Token | None,
                 value: str | None) -> str | None:
    """A note when the sentence also has a verb in the other tense and that would change the value."""
    if verb is None or ctx.tense not in ("past", "future"):
        return None
    other: Tense = "future" if ctx.tense == "past" else "past"
    if not any(t.pos_ in VERB_POS and t.dep_ != "aux" and verb_tense(t) == other for t in sentence):
        return None
    alternative: Result = resolve(piece, replace(ctx, tense=other))
    if alternative[0] == value:
        return None
    return f"sentence mixes past and future: read with '{verb.text}' ({ctx.tense}); {other}: {alternative[0]}"
