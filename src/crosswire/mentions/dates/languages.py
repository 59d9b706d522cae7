"""Dates in French, Russian and Korean articles, read against the publication date.

    add_foreign_times(doc, article)   # what add_times does for an article whose
                                      # ``language`` is not English

Candidates are found by per-language patterns kept as data (``lexicon/data/
date_patterns_foreign.tsv``, built from the words of ``date_words_foreign.tsv``); each match
is read by its kind:

* a written date ("13 сентября 2023 г.", "le 13 septembre", "2023년 9월 13일") through
  dateparser, the year, when the words leave it out, from the tense as in English;
* a weekday ("в среду", "mercredi dernier", "수요일") by the English rule: in past narrative the
  last one, with "dernier"/"прошлую" the last one before publication, after "지난주" the one of
  the week before;
* a day of the month alone (Korean "13일"): that day of the publication month, or of the month
  before when that lies in the future and the sentence is in the past;
* "hier", "вчера", "어제" (with a part of day: "hier soir" → …TEV), "l'an dernier", "지난달":
  counted from the publication date.

The tense is the clause's (its words between commas and dashes, else its sentence's), read by
per-language patterns; with none, the nearer day. The records are the English ones
(``TimeExpr``: value, type, sentence, reference); what this reader does not do yet is anaphora
("le lendemain"), clock times, seasons, weeks ("la semaine prochaine") and ranges.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from spacy.tokens import Doc

from crosswire.lexicon import read_table
from crosswire.mentions.dates.calendar import publication_day
from crosswire.mentions.dates.context import Context, Result, Tense
from crosswire.mentions.dates.points import day_of_year, month_of_year, weekday_date
from crosswire.nlp.annotate import doc_text
from crosswire.types import Article, TimeExpr

__all__ = ["LANGUAGES", "add_foreign_times", "date_patterns"]


@dataclass(frozen=True, slots=True)
class Words:
    """One language's date words, lower case, from ``date_words_foreign.tsv``."""

    weekdays: dict[str, int]
    months: dict[str, int]
    relative: dict[str, int]
    last: frozenset[str]
    next: frozenset[str]
    parts: dict[str, str]  # part of day → TIMEX3 (soir → EV)
    year_offsets: dict[str, int]
    month_offsets: dict[str, int]


@cache
def date_words(language: str) -> Words:
    rows = [r for r in read_table("date_words_foreign") if r[0] == language]

    def of(kind: str) -> dict[str, int]:
        return {r[1]: int(r[3]) for r in rows if r[2] == kind}

    def words(kind: str) -> list[str]:
        return [r[1] for r in rows if r[2] == kind]

    parts = {r[1]: r[3] for r in rows if r[2] == "part"}
    return Words(of("weekday"), of("month"), of("relative"), frozenset(words("last")),
                 frozenset(words("next")), parts, of("year_offset"), of("month_offset"))


def _alternation(words: object) -> str:
    # Longest first, so that "avant-hier" is not read as "hier".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@cache
def date_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) for ``language``, in the order they are tried; empty for none. The
    "future" and "past" patterns tell a clause's tense; the others find dates."""
    words = date_words(language)
    names = {"WEEKDAY": _alternation(words.weekdays), "MONTH": _alternation(words.months),
             "RELATIVE": _alternation(words.relative), "LAST": _alternation(words.last),
             "NEXT": _alternation(words.next), "PART": _alternation(words.parts),
             "YEAROFFSET": _alternation(words.year_offsets), "MONTHOFFSET": _alternation(words.month_offsets)}
    patterns = []
    for lang, kind, pattern in read_table("date_patterns_foreign"):
        if lang == language:
            filled = re.sub(r"\{([A-Z]+)\}", lambda m: names[m.group(1)], pattern)
            patterns.append((kind, re.compile(filled, re.IGNORECASE)))
    return tuple(patterns)


LANGUAGES: frozenset[str] = frozenset(row[0] for row in read_table("date_patterns_foreign"))


def add_foreign_times(doc: Doc, article: Article) -> None:
    """Fill ``article.times`` for an article in a language with date patterns (else: none)."""
    language = article.language or ""
    if language not in LANGUAGES:
        article.times = []
        return
    text = doc_text(doc, article)
    day, missing = publication_day(article.published)
    sentences = _sentences(doc, text)
    times = []
    for kind, start, end in _candidates(text, language):
        sentence = _sentence_of(sentences, start)
        ctx = Context(day, missing, _tense(text, sentence, start, end, language))
        value, type_, note = _read(kind, text[start:end], language, ctx)
        times.append(TimeExpr(text[start:end], start, end, value, type_, sentence[0], sentence[1], note,
                              reference=_reference(kind, text[start:end], value, day)))
    article.times = times


def _candidates(text: str, language: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each date-like span, in text order; earlier patterns win overlaps."""
    taken: list[tuple[str, int, int]] = []
    for kind, pattern in date_patterns(language):
        if kind in _TENSES:
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(s < m.end() and m.start() < e for _, s, e in taken):
                taken.append((kind, m.start(), m.end()))
    yield from sorted(taken, key=lambda t: t[1])


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentence spans: the Doc's when it has sentence starts, else cut at end punctuation."""
    if len(doc) and doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [m.span() for m in _SENTENCE.finditer(text)] or [(0, len(text))]


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)


def _sentence_of(sentences: list[tuple[int, int]], at: int) -> tuple[int, int]:
    i = bisect_right(sentences, (at, sys.maxsize)) - 1  # the last sentence starting by ``at``
    return sentences[i] if i >= 0 and sentences[i][0] <= at < sentences[i][1] else (at, at)


_TENSES = ("future", "past")
_CLAUSE_BREAK = re.compile(r"[,;:—–()]")


def _tense(text: str, sentence: tuple[int, int], start: int, end: int, language: str) -> Tense:
    """The tense of the clause the date stands in (between commas, dashes, colons); of its
    sentence when the clause has no verb that tells; "unknown" (the nearer day) when neither."""
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence[0], sentence[1])]
    clause = (max([b for b in breaks if b < start], default=sentence[0]),
              min([b for b in breaks if b >= end], default=sentence[1]))
    patterns = [(k, p) for k, p in date_patterns(language) if k in _TENSES]
    for s, e in (clause, sentence):
        words = text[s:start] + " " + text[end:e]  # the date itself says nothing of the tense
        for kind, pattern in patterns:
            if pattern.search(words):
                return "future" if kind == "future" else "past"
    return "unknown"


def _read(kind: str, words: str, language: str, ctx: Context) -> Result:
    """The TIMEX3 value of one candidate of ``kind``."""
    if ctx.day is None:
        return None, "DATE", ctx.missing or "no publication date"
    lowered = words.lower()
    vocab = date_words(language)
    if kind == "year_offset":
        return str(ctx.day.year + vocab.year_offsets[lowered.strip()]), "DATE", None
    if kind == "month_offset":
        months = ctx.day.year * 12 + ctx.day.month - 1 + vocab.month_offsets[lowered.strip()]
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "DATE", None
    if kind in ("relative", "weekday"):
        return _with_part(_day_named(kind, lowered, vocab, ctx), lowered, vocab)
    if kind == "day":
        return _day_of_month(int(re.sub(r"\D", "", words)), ctx)
    year = re.search(r"\d{4}", words)
    if kind == "year" and year is not None:
        return year.group(), "DATE", None
    month = _month_of(lowered, vocab)
    if month is None:
        return None, "DATE", f"not a recognizable date: {words.strip()!r}"
    if kind == "month":
        return (f"{year.group()}-{month:02d}", "DATE", None) if year else month_of_year(month, ctx)
    return _written_date(words, language, month, ctx)


def _day_named(kind: str, lowered: str, vocab: Words, ctx: Context) -> Result:
    """"hier", "вчера", "어제" counted from publication; a weekday by the tense."""
    assert ctx.day is not None
    if kind == "weekday":
        return _weekday(lowered, vocab, ctx)
    word = next(w for w in sorted(vocab.relative, key=len, reverse=True) if lowered.startswith(w))
    return (ctx.day + timedelta(days=vocab.relative[word])).isoformat(), "DATE", None


def _with_part(day: Result, lowered: str, vocab: Words) -> Result:
    """"hier soir" → the day and its part, as TIMEX3 writes it: 2023-09-14TEV."""
    value, _, note = day
    longest_first = sorted(vocab.parts.items(), key=lambda i: -len(i[0]))
    part = next((p for w, p in longest_first if lowered.endswith(w)), None)
    if value is None or part is None:
        return day
    return f"{value}T{part}", "TIME", note


def _weekday(lowered: str, vocab: Words, ctx: Context) -> Result:
    number = next(n for w, n in sorted(vocab.weekdays.items(), key=lambda i: -len(i[0])) if w in lowered)
    if (week := _WEEK_BEFORE_OR_AFTER.search(lowered)) is not None and ctx.day is not None:
        # "지난주 수요일" names the week, not the day: the Wednesday of the week before.
        monday = ctx.day - timedelta(days=ctx.day.isoweekday() - 1)
        shift = -7 if week.group(1) in vocab.last else 7
        return (monday + timedelta(days=shift + number - 1)).isoformat(), "DATE", None
    qualifier = ("last" if any(w in lowered for w in vocab.last)
                 else "next" if any(w in lowered for w in vocab.next) else None)
    return weekday_date(number, ctx, qualifier)


# A weekday after "last week" / "next week" (Korean 지난주, 다음 주).
_WEEK_BEFORE_OR_AFTER = re.compile(r"(지난|다음)\s*주")


def _month_of(lowered: str, vocab: Words) -> int | None:
    if (korean := re.search(r"(\d{1,2})월", lowered)) is not None:
        return int(korean.group(1))
    return next((n for w, n in sorted(vocab.months.items(), key=lambda i: -len(i[0])) if w in lowered), None)


def _written_date(words: str, language: str, month: int, ctx: Context) -> Result:
    """A day and month, with a year when written: dateparser reads it; the tense gives the year."""
    assert ctx.day is not None
    day_number = _day_number(words, language)
    parsed = _dateparser(words, language, ctx)
    if parsed is not None:
        month, day_number = parsed.month, parsed.day
    if day_number is None:
        return None, "DATE", f"not a recognizable date: {words.strip()!r}"
    if (year := re.search(r"\d{4}", words)) is not None:
        try:
            return date(int(year.group()), month, day_number).isoformat(), "DATE", None
        except ValueError:
            return None, "DATE", f"no such day: {words.strip()!r}"
    return day_of_year(month, day_number, ctx)


def _day_number(words: str, language: str) -> int | None:
    found = re.search(r"(\d{1,2})일" if language == "ko" else r"(?<!\d)(\d{1,2})(?!\d)", words)
    if found is not None:
        return int(found.group(1))
    return 1 if "1er" in words else None


def _dateparser(words: str, language: str, ctx: Context) -> date | None:
    """dateparser's reading of a written date in ``language``, relative to publication."""
    assert ctx.day is not None
    return _parsed(words, language, ctx.day, ctx.tense)


@lru_cache(maxsize=512)
def _parsed(words: str, language: str, base: date, tense: str) -> date | None:
    # Imported here: it loads its language data on first use, which an English-only run never pays.
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
                "PREFER_DATES_FROM": "future" if tense == "future" else "past",
                "PARSERS": ["absolute-time", "custom-formats"]}
    try:
        found = DateDataParser(languages=[language], settings=settings).get_date_data(words).date_obj
    except (ValueError, OverflowError):
        return None
    return found.date() if isinstance(found, datetime) else None


def _day_of_month(number: int, ctx: Context) -> Result:
    """Korean "13일": that day of the publication month, or of the month before (after) when it
    would lie in the future (past) of a past (future) sentence."""
    assert ctx.day is not None
    year, month = ctx.day.year, ctx.day.month
    if ctx.tense == "past" and number > ctx.day.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif ctx.tense == "future" and number < ctx.day.day:
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    try:
        return date(year, month, number).isoformat(), "DATE", None
    except ValueError:
        return None, "DATE", f"no day {number} in {year:04d}-{month:02d}"


def _reference(kind: str, words: str, value: str | None, day: date | None) -> str | None:
    """The publication date, for a value it was counted from (as English records say it)."""
    if value is None or day is None or (kind != "weekday" and re.search(r"\d{4}", words)):
        return None
    return f"the publication date ({day.isoformat()})"
