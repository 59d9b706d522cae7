"""Words that look like a time but date nothing (``not_times``), and their look-alikes that do.

Every sentence here was written for these tests; published Thursday 2023-06-15.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.mentions.dates.stage import add_times
from crosswire.types import Article


def expressions(nlp: Language, text: str) -> list[str]:
    article = Article(id="t", text=text, source="test", published="2023-06-15")
    add_times(nlp(text), article)
    return [t.text for t in article.times]


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("Now, the question is whether the council will act.", "Now"),
        ("\u201cNow, we rebuild the pier,\u201d the harbour master said.", "Now"),
        ("The ferry captain told 60 Minutes that the engines were old.", "60 Minutes"),
        ("The governor appeared on This Week with two mayors.", "This Week"),
        ("The senator raised the toll weeks ago, a clerk said.", "weeks ago"),
        ("Months ago, the agency warned of a grain shortage.", "Months ago"),
        ("At the end of the day, the voters of Brinmoor will decide.", "the end of the day"),
        ("Back in the day, the tannery employed four hundred people.", "the day"),
        ("The rules at the docks were looser back in those days.", "days"),
        ("\u201cI will be back in a minute,\u201d the ticket clerk said.", "a minute"),
        ("The tide gauges report the water level in real time.", "real time"),
        ("The fish market in Calder is busiest in the mornings.", "the mornings"),
        ("Crowds gathered at the pier on previous nights as well.", "previous nights"),
        ("The ferry crossed the bay at 30 miles per hour.", "per hour"),
        ("Now that the levy has passed, the port will hire divers.", "Now"),
        ("The board thanked now-Senator Rao for the dredging grant.", "now"),
        ("Crews arrived as soon as the storm passed.", "soon"),
        ("The mayor spoke to PORT ADLEY TODAY about the tolls.", "TODAY"),
        ("The harbour master had a good night at the polls.", "night"),
        ("The fishermen were denied a day in court.", "a day"),
        ("It was a terrible week for the harbour board.", "week"),
        ("During his first months in office, the mayor cut mooring fees.", "first months"),
        ("The toll has applied to every lorry since day one.", "day one"),
        ("The governor defended the levy on Harbour News Sunday last week.", "Sunday"),
        # a page's age banner (round 7)
        ("3 years ago\n\nThe harbour board voted to raise the levy.", "3 years ago"),
    ],
)
def test_a_word_that_dates_nothing_is_left_out(nlp: Language, text: str, left_out: str) -> None:
    # neither the words nor an expression around or inside them ("a terrible week", "day")
    assert not [e for e in expressions(nlp, text) if left_out in e or e in left_out]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The ferry is now running on a reduced timetable.", "now"),
        ("Now the ferry runs twice a day.", "Now"),
        ("This week, the council meets twice to settle the budget.", "This week"),
        ("The port closed two weeks ago after the storm.", "two weeks ago"),
        ("The talks broke off at the end of the day on Friday.", "the end of the day"),
        ("The pumps will restart within a minute or two of the alarm.", "a minute or two"),
        ("The rowing club trains on Tuesday nights.", "Tuesday nights"),
        ("The ferry will sail soon, the operator said.", "soon"),
        ("The first week of March was the wettest on record.", "The first week of March"),
        ("The harbour master is using this moment to push for new cranes.", "this moment"),
        ("The pier is closed at the moment, a spokesman said.", "the moment"),
        ("The council told the Calder News on Sunday that the pier would reopen.", "Sunday"),
        ("The harbour board voted to raise the levy 3 years ago.", "3 years ago"),
    ],
)
def test_the_same_words_as_a_time_are_kept(nlp: Language, text: str, kept: str) -> None:
    assert kept in expressions(nlp, text)


def test_a_holiday_named_in_mid_sentence_is_kept(nlp: Language) -> None:
    assert "Election Day" in expressions(nlp, "The polls in Hollis Bay close early on Election Day.")
