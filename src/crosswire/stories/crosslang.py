"""What two articles in different languages can share: resolved entities, event dates, numbers.

The title+lead embedding (all-MiniLM-L6-v2) and the hashed term vectors are English-only in
effect: a Russian lead's vector says nothing reliable about an English one, and their words
never meet. What does cross languages is what the analysis resolves to language-free values:
entity ids (cross-script keys make "Ким Чен Ын" and "Kim Jong Un" one id), the ISO values of
dated expressions ("в среду", "mercredi" and "on Wednesday" all give 2026-03-11), and the
figures an article gives ("1,2 млрд", "12억" and "$1.2 billion" are all 1.2e9). The overlap
of those three is the join score of an article with a story told in another language.

The language of an article is ``Article.language`` (ISO 639-1); None, an unknown language,
is treated as English, which is what every article was before languages were recorded.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from crosswire.types import TimeExpr

ENGLISH = "en"

# Words that multiply the figure before them, by language. Korean writes large figures in
# myriads (만 = 10^4, 억 = 10^8), so "12억" and "1.2 billion" are the same figure.
MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "thousands": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3,
    "mille": 1e3, "천": 1e3,
    "million": 1e6, "millions": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "млрд": 1e9, "миллиард": 1e9,
    "миллиарда": 1e9, "миллиардов": 1e9,
    "만": 1e4, "억": 1e8, "조": 1e12,
}  # fmt: skip
# A figure right before these is part of a date or a clock time, not a quantity: Korean date
# and time units, the English, French and Russian month names (stems), an hour mark.
_DATE_UNITS_AFTER = r"(?:일|월|년|시|분|h\b|:)"
_MONTH_STEMS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|déc|"
    r"январ|феврал|март|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр"
)
_NUMBER = re.compile(
    r"(?<![\w.,:])(\d{1,3}(?:[  \u202f,.]\d{3})+|\d+)([.,]\d+)?"  # 12 000 / 12,000 / 1,2 / 1.2
    r"(?![.,]?\d)\s?([^\W\d_]+)?",
    re.U,
)
_MONTH_BEFORE = re.compile(rf"(?:{_MONTH_STEMS})\w*\.?\s*$", re.I)
_MONTH_AFTER = re.compile(rf"\s*(?:{_MONTH_STEMS})", re.I)
_UNIT_AFTER = re.compile(rf"\s?{_DATE_UNITS_AFTER}")
_CLOCK_BEFORE = re.compile(r"(?:\d\s?h|:)\s?$")  # the minutes of "16 h 20", "4:20"
# Figures below this are counts of everything ("two miners", "6 berths"): shared by chance.
SMALLEST_FIGURE = 10


def language_key(language: str | None) -> str:
    """The language a story counts an article under: unknown counts as English."""
    return (language or ENGLISH).lower()


def is_english(language: str | None) -> bool:
    return language_key(language) == ENGLISH


def figures_in(text: str) -> frozenset[str]:
    """The quantities ``text`` gives, as canonical figures ("1200000000"), dates and clock times left out.

    Thousands separators (",", ".", spaces) are told from decimal commas by the three digits
    that follow them; a multiplier word right after a figure multiplies it.
    """
    found = set()
    for match in _NUMBER.finditer(text):
        whole, decimal, word = match.groups()
        tail = text[match.end(2) if decimal else match.end(1):]
        before = text[max(0, match.start() - 16):match.start()]
        if _UNIT_AFTER.match(tail) or _MONTH_AFTER.match(tail) or _MONTH_BEFORE.search(before) \
                or _CLOCK_BEFORE.search(before):
            continue
        value = float(re.sub(r"\D", "", whole) + ("." + decimal[1:] if decimal else ""))
        multiplier = _multiplier(word)
        if multiplier == 1.0 and decimal is None and 1900 <= value <= 2100:
            continue  # a year: every story of a year shares it
        value *= multiplier
        if value >= SMALLEST_FIGURE:
            found.add(_canonical(value))
    return frozenset(found)


def _multiplier(word: str | None) -> float:
    if not word:
        return 1.0
    word = word.lower()
    if word in MULTIPLIERS:
        return MULTIPLIERS[word]
    # Korean writes the unit and the particle on the figure: "25만" is read whole, "900명" is not a unit.
    return MULTIPLIERS.get(word[0], 1.0) if re.match(r"[\uac00-\ud7a3]", word) else 1.0


def _canonical(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6g}"


def event_dates(times: Iterable[TimeExpr]) -> frozenset[str]:
    """The ISO values (days, or months) of an article's dated expressions."""
    values = set()
    for time in times:
        value = time.value or time.range_start
        if time.type == "DATE" and value and re.match(r"\d{4}-\d{2}(-\d{2})?$", value[:10]):
            values.add(value[:10])
    return frozenset(values)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one side of a comparison offers: entity ids, event dates, figures."""

    entities: Collection[str]
    dates: Collection[str]
    figures: Collection[str]


# How much each kind of shared value weighs, and how many shared values make it full. A
# missing kind counts as nothing shared: one shared figure alone must not join two stories.
WEIGHTS = (("entities", 0.5, 3), ("dates", 0.25, 2), ("figures", 0.25, 3))
# Evidence of one kind alone is no evidence: the same leader, party and capital turn up in
# another event of the same week; the same "Tuesday" and "10 per cent" in many stories.
KINDS_NEEDED = 2


def overlap(one: Evidence, other: Evidence) -> float:
    """The share of evidence two articles (or an article and a story) have in common, in [0, 1];
    0 unless they share values of ``KINDS_NEEDED`` kinds."""
    total, kinds = 0.0, 0
    for kind, weight, full in WEIGHTS:
        mine, theirs = getattr(one, kind), getattr(other, kind)
        shared = sum(1 for value in mine if value in theirs) if mine and theirs else 0
        if shared:
            kinds += 1
            total += weight * min(1.0, shared / min(len(mine), len(theirs), full))
    return total if kinds >= KINDS_NEEDED else 0.0


def other_languages(language: str | None, languages: Sequence[str] | Collection[str]) -> bool:
    """Does a story in ``languages`` hold an article in another language than ``language``?"""
    mine = language_key(language)
    return any(lang != mine for lang in languages)


__all__ = ["ENGLISH", "Evidence", "event_dates", "figures_in", "is_english", "language_key",
           "other_languages", "overlap"]
