"""The shared word tables: read-only, one convention each, and the entries merged from copies."""

from __future__ import annotations

import re

import pytest

from crosswire.lexicon import (
    ADDRESS_FORMS,
    DEMONYMS,
    MONTHS,
    NEWS_ORGANISATIONS,
    NEWS_ORGANISATIONS_IN_TEXT,
    NUMBERS,
    PERSON_NOUNS,
    PERSON_TITLES,
    ROLE_WORDS,
    TIMEZONES,
    TITLE_MODIFIERS,
    TITLES,
    WEEKDAYS,
)
from crosswire.lexicon import __all__ as tables


@pytest.mark.parametrize("name", [n for n in tables if n.isupper()])
def test_tables_are_read_only(name: str) -> None:
    import crosswire.lexicon as lexicon

    table = getattr(lexicon, name)
    with pytest.raises(TypeError):
        table["new"] = "entry"


def test_time_zones_are_capitals_with_an_offset() -> None:
    assert all(zone.isupper() for zone in TIMEZONES)
    assert all(re.fullmatch(r"[+-]\d\d:\d\d", offset) for offset in TIMEZONES.values())
    # merged from the three copies: zones only the entity list knew now carry an offset
    assert TIMEZONES["IRST"] == "+03:30" and TIMEZONES["NPT"] == "+05:45"
    assert "ET" not in TIMEZONES  # its offset depends on the date


def test_months_and_weekdays_cover_names_and_abbreviations() -> None:
    assert {MONTHS[m] for m in ("january", "jan", "sept", "sep")} == {1, 9}
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert WEEKDAYS["thurs"] == 4 and sorted(set(WEEKDAYS.values())) == list(range(1, 8))


def test_demonyms_name_places_as_the_gazetteer_does() -> None:
    assert DEMONYMS["american"] == "United States"  # not "america": one convention
    assert DEMONYMS["canadian"] == "Canada"
    assert all(d == d.lower() and p[0].isupper() for d, p in DEMONYMS.items())


def test_titles_say_what_they_mark() -> None:
    assert ADDRESS_FORMS <= PERSON_TITLES <= TITLES
    assert not TITLE_MODIFIERS & PERSON_TITLES
    # merged from the entity and quote lists: each now knows the other's titles
    assert {"nurse", "goalkeeper", "justice"} <= PERSON_TITLES
    assert {"former", "foreign"} <= TITLE_MODIFIERS
    assert "prime" in TITLES and "prime" not in PERSON_TITLES  # only inside "Prime Minister"
    assert not any(t.endswith(".") for t in TITLES)  # readers accept "Mr." for "mr"


def test_role_words_hold_the_person_nouns() -> None:
    assert PERSON_NOUNS < ROLE_WORDS
    assert {"suspect", "analyst", "spokesman"} <= ROLE_WORDS
    assert "press" in ROLE_WORDS and "press" not in PERSON_NOUNS  # "press secretary", not alone


def test_news_organisations_one_list_for_text_and_mastheads() -> None:
    from crosswire.ingest.patterns import KNOWN_OUTLETS

    assert NEWS_ORGANISATIONS_IN_TEXT < NEWS_ORGANISATIONS
    assert "Fox" in NEWS_ORGANISATIONS and "Fox" not in NEWS_ORGANISATIONS_IN_TEXT  # also a surname
    # mastheads now know the agencies the entity list knew, and the reverse list stays as written
    assert {"bernama", "new york times", "politico"} <= KNOWN_OUTLETS
    assert "dpa" in NEWS_ORGANISATIONS_IN_TEXT


def test_numbers_feed_dates_and_stories_their_own_range() -> None:
    from crosswire.mentions.dates.vocab import NUMBER_WORDS as COUNTS
    from crosswire.stories.disagree import NUMBER_WORDS, SCALES

    assert NUMBERS["twelve"] == NUMBERS["dozen"] == 12 and NUMBERS["million"] == 10**6
    assert COUNTS["hundred"] == 100 and "zero" not in COUNTS and COUNTS["a couple of"] == 2
    assert "one" not in NUMBER_WORDS and NUMBER_WORDS["zero"] == 0  # "one" is mostly a pronoun
    assert SCALES["billion"] == 1e9 and "hundred" not in NUMBER_WORDS


def test_function_words_are_left_out_of_every_story_word_count() -> None:
    from crosswire.lexicon import FUNCTION_WORDS
    from crosswire.stories.disagree import FRAME_STOPWORDS
    from crosswire.stories.features import STOPWORDS

    assert {"the", "would", "whom"} <= FUNCTION_WORDS <= STOPWORDS & FRAME_STOPWORDS
    assert "said" not in FUNCTION_WORDS  # newsroom filler belongs to each reader's own list
