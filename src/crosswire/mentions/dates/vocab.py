"""Words that name times, as data: the date rules and the detection patterns read these tables.

Month and weekday names and time zones are shared with ingest, so they live in
``crosswire.lexicon``. Everything is lower case; callers match case-insensitively and check
capitalization where it matters (the month "May" against the verb "may").
"""

from __future__ import annotations

from crosswire.lexicon import NUMBERS

WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# TIMEX3 season codes and the months each covers (winter straddles the new year).
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS: dict[str, tuple[int, ...]] = {
    "SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2),
}

# TIMEX3 parts of day: "2023-09-10TAF" is Sunday afternoon.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "mornings": "MO", "midmorning": "MO", "mid-morning": "MO", "dawn": "MO",
    "daybreak": "MO", "sunrise": "MO", "afternoon": "AF", "afternoons": "AF", "midafternoon": "AF",
    "mid-afternoon": "AF", "evening": "EV", "evenings": "EV", "dusk": "EV", "sunset": "EV",
    "night": "NI", "nights": "NI", "overnight": "NI", "nighttime": "NI", "lunchtime": "MI",
    "daytime": "DT",
}
# Named clock times, as "HH:MM" ("midnight Friday" is the end of Friday, TIMEX3's T24:00).
NAMED_TIMES: dict[str, str] = {"noon": "12:00", "midday": "12:00", "mid-day": "12:00", "midnight": "24:00"}

# Counts up to a hundred, and the phrases that count ("a couple of", "both").
NUMBER_WORDS: dict[str, int] = {word: n for word, n in NUMBERS.items() if 0 < n <= 100} | {
    "a": 1, "an": 1, "single": 1, "a hundred": 100, "a dozen": 12, "a couple of": 2, "a couple": 2,
    "couple of": 2, "both": 2,
}
# Counts that are real but unknown: TIMEX3 writes them as X ("several years" → PXY).
VAGUE_COUNTS = frozenset({
    "several", "a few", "few", "some", "many", "multiple", "various", "numerous", "recent",
    "coming", "the coming", "the past few", "past few", "the last few", "last few", "the next few",
    "next few", "the first few", "the few",
})

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "last": -1, "final": -1,
}

# Duration units → (TIMEX3 letter, multiplier, is it a clock unit written after "T").
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "sec": ("S", 1, True), "minute": ("M", 1, True), "min": ("M", 1, True),
    "hour": ("H", 1, True), "hr": ("H", 1, True), "day": ("D", 1, False),
    # Nights are counted as days: "three nights" lasts three days (see the module notes).
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
    "month": ("M", 1, False), "quarter": ("M", 3, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "millennium": ("Y", 1000, False),
}
# Unknown counts of long units keep TIMEX3's own letters: "decades" → PXDE, "centuries" → PXCE
# (TIMEX2's and the blind sets' two-letter units; TimeBank writes "PXE" once); quarters PXQ.
VAGUE_UNIT_LETTER: dict[str, str] = {"decade": "DE", "century": "CE", "millennium": "ML", "quarter": "Q"}
# Whole counts of these units are written in them too: "two decades" → P2DE, "a century" → P1CE.
LONG_UNIT_LETTERS: dict[str, str] = {"decade": "DE", "century": "CE", "millennium": "ML"}
UNIT_PLURALS: dict[str, str] = {"centuries": "century", "millennia": "millennium"}

# SET adverbs: how often, as a TIMEX3 period.
FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
    "biannually": "P6M",
    # The adjective too ("the annual regatta" recurs every year): both blind sets annotate it as a
    # SET; TimeBank leaves it out, as it leaves out "quarterly" before a noun.
    "annual": "P1Y",
}

# Deictic words with no date of their own: TIMEX3's reference values. Each entry is a general
# reading of the word or phrase, with a sentence of ours in tests/mentions/dates (test_reference_words);
# words whose time reading belongs to one corpus's annotation habits ("yet", "already") are not here.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at present": "PRESENT_REF", "present": "PRESENT_REF", "the present": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "the moment": "PRESENT_REF", "so far": "PRESENT_REF",
    "to date": "PRESENT_REF", "the time being": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "past": "PAST_REF", "earlier": "PAST_REF",
    "in the past": "PAST_REF", "long ago": "PAST_REF", "more recently": "PAST_REF",
    "most recently": "PAST_REF", "until recently": "PAST_REF",
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "in the future": "FUTURE_REF", "eventually": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the coming days": "FUTURE_REF", "someday": "FUTURE_REF", "the near term": "FUTURE_REF",
    "near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF",
}

# Days named by their date, whose year goes without saying: "the 9/11 attacks".
NAMED_DAYS: dict[str, str] = {"9/11": "2001-09-11"}

# Holidays on a fixed day of the month.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's": (1, 1), "valentine's day": (2, 14),
    "st. patrick's day": (3, 17), "independence day": (7, 4), "the fourth of july": (7, 4),
    "fourth of july": (7, 4), "bastille day": (7, 14),
    "halloween": (10, 31), "veterans day": (11, 11), "armistice day": (11, 11),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31),
}
# Holidays defined as the n-th weekday of a month (n = -1: the last one): (month, weekday, n).
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3), "presidents day": (2, 1, 3),
    "mother's day": (5, 7, 2), "father's day": (6, 7, 3),
}


# Nouns that name something that happens: "the summit on Monday", "the Jan. 14 deadline", "net
# income a year earlier". Other nouns an expression hangs on ("the Council on Aug. 6 ordered") are
# passed through to the verb, as TimeBank's links date them (tuning: TempEval-3 TLINKs). Nouns
# ending in -tion, -sion, -ment, -ance, -ence are events without being listed (events.py).
_EVENT_NOUN_WORDS = """
summit election vote war attack talks deadline crisis trial strike meeting conference visit trip raid
blast explosion crash fire storm earthquake quake protest rally march riot coup invasion offensive
ceremony funeral wedding game match race debate speech hearing ruling verdict sale deal merger launch
release loss drop rise fall gain decline increase growth change move decision plan killing bombing
shooting arrest death murder slaying outbreak collapse flood hurricane incident accident disaster
ceasefire truce referendum inauguration session celebration festival ban shutdown lockdown campaign
tour capture founding closing trading slump charge sales results profit income trend bid offer
close flight briefing lunch dinner interview
event massacre rampage tragedy tsunami cruise concert parade voyage assault battle siege fight
"""
EVENT_NOUNS = frozenset(_EVENT_NOUN_WORDS.split())

# Occasions held or taking place at a time: a date right after one dates it ("said in a
# statement Wednesday", "faces trial in July", "a hearing on Monday"), as the news sets mark it.
_OCCASION_NOUN_WORDS = """
statement speech address remarks hearing filing poll survey trial arraignment testimony performance
win victory defeat vote election debate summit meeting conference rally protest ceremony briefing
interview ruling verdict appearance announcement session visit trip rampage
tweet comment letter lawsuit suit complaint injunction
"""
OCCASION_NOUNS = frozenset(_OCCASION_NOUN_WORDS.split())
