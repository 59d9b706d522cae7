"""The time stage: date and time expressions normalized against the publication date.

Three layers: ``normalize`` on strings (no spaCy), the full stage on hand-built sentences, and
the table of news sentences in date_cases.tsv (each through the full stage).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from crosswire.mentions.dates.patterns import candidate_spans, split_list
from crosswire.mentions.dates.rules import normalize
from crosswire.mentions.dates.stage import add_times
from crosswire.types import Article, TimeExpr

CASES = Path(__file__).with_name("date_cases.tsv")
THURSDAY = "2023-09-14"  # the brief's publication day: Thursday 2023-09-14
TODAY = date(2024, 1, 1)  # stands in for the clock where a test needs "not in the future"


def times_in(nlp: Language, text: str, published: str | None = THURSDAY) -> list[TimeExpr]:
    article = Article(id="t", text=text, source="test", published=published)
    add_times(nlp(text), article)
    return article.times


def time_named(nlp: Language, text: str, expression: str, published: str | None = THURSDAY) -> TimeExpr:
    found = [t for t in times_in(nlp, text, published) if t.text == expression]
    assert found, f"{expression!r} not found in {[t.text for t in times_in(nlp, text, published)]}"
    return found[0]


# --- normalize(): the brief's examples -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tense", "value", "kind"),
    [
        ("on Wednesday", "past", "2023-09-13", "DATE"),
        ("on Wednesday", "future", "2023-09-20", "DATE"),
        ("Sunday afternoon", "past", "2023-09-10TAF", "TIME"),
        ("next month", "past", "2023-10", "DATE"),
        ("last year", "past", "2022", "DATE"),
        ("in 2001", "past", "2001", "DATE"),
        ("April 2019", "past", "2019-04", "DATE"),
        ("September 13, 2023", "past", "2023-09-13", "DATE"),
        ("11:53 a.m.", "past", "2023-09-14T11:53", "TIME"),
        ("Tuesday (4 a.m. EDT)", "past", "2023-09-12T04:00-04:00", "TIME"),
        ("Tuesday (4 a.m. WIB)", "past", "2023-09-12T04:00+07:00", "TIME"),  # zone from the lexicon
        ("five-year", "past", "P5Y", "DURATION"),
        ("three-night-and-four-day", "past", "P4D", "DURATION"),
        ("for three years", "past", "P3Y", "DURATION"),
        ("a year and a half", "past", "P1Y6M", "DURATION"),
        ("the past five years", "past", "P5Y", "DURATION"),
        ("every Monday", "past", "XXXX-WXX-1", "SET"),
        ("the 1990s", "past", "199", "DATE"),
        ("now", "past", "PRESENT_REF", "DATE"),
        ("currently", "past", "PRESENT_REF", "DATE"),
        ("recently", "past", "PAST_REF", "DATE"),
        ("May this year", "past", "2023-05", "DATE"),
        ("August this year", "past", "2023-08", "DATE"),
    ],
)
def test_normalize_brief_examples(text: str, tense: str, value: str, kind: str) -> None:
    assert normalize(text, THURSDAY, tense)[:2] == (value, kind)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("today", "2023-09-14"),
        ("yesterday", "2023-09-13"),
        ("last week", "2023-W36"),
        ("this weekend", "2023-W37-WE"),
        ("two years ago", "2021"),
        ("a year earlier", "2022"),
        ("the third quarter", "2023-Q3"),
        ("the latest quarter", "2023-Q2"),
        ("the first half of 2023", "2023-H1"),
        ("the 21st century", "20"),
        ("Christmas", "2022-12-25"),
        ("last fall", "2022-FA"),
        ("nineteen ninety-six", "1996"),
        ("a week from Friday", "2023-09-15"),  # past tense: from last Friday
        ("2023 September 13", "2023-09-13"),  # through dateparser
    ],
)
def test_normalize_relative_points(text: str, value: str) -> None:
    assert normalize(text, THURSDAY)[0] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("half an hour", "PT30M"), ("5 1/2 hours", "PT5H30M"), ("several months", "PXM"), ("decades", "PXDE"),
     ("a 30-year-old", "P30Y"), ("two to three weeks", "PXW"), ("the first nine months of 2023", "P9M")],
)
def test_normalize_durations(text: str, value: str) -> None:
    assert normalize(text, THURSDAY)[:2] == (value, "DURATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [("daily", "P1D"), ("each July", "XXXX-07"), ("Tuesday nights", "XXXX-WXX-2TNI"),
     ("every other week", "P2W")],
)
def test_normalize_sets(text: str, value: str) -> None:
    assert normalize(text, THURSDAY)[:2] == (value, "SET")


# --- ambiguity goes into the note ---------------------------------------------------------------


def test_next_weekday_in_the_same_week_notes_the_week_after() -> None:
    value, _, note = normalize("next Friday", THURSDAY, "future")
    assert value == "2023-09-15"
    assert note is not None and "2023-09-22" in note


def test_publication_weekday_is_the_publication_day_with_a_note() -> None:
    value, _, note = normalize("Thursday", THURSDAY, "past")
    assert value == "2023-09-14"
    assert note is not None and "publication weekday" in note


def test_month_day_order_is_noted() -> None:
    value, _, note = normalize("03/04/2023", THURSDAY)
    assert value == "2023-03-04"
    assert note is not None and "4/3" in note


def test_far_past_reading_notes_the_nearer_one() -> None:
    value, _, note = normalize("late November", THURSDAY, "past")
    assert value == "2022-11"
    assert note is not None and "2023-11" in note


def test_present_tense_weekday_takes_the_nearer_one_and_says_so() -> None:
    value, _, note = normalize("Saturday", THURSDAY, "present")
    assert value == "2023-09-16"
    assert note is not None and "present" in note


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("published", [None, "", "   "])
def test_relative_expressions_without_publication_date_are_unknown(published: str | None) -> None:
    for text in ("yesterday", "on Wednesday", "next month", "Sept. 13", "this morning", "two weeks ago"):
        value, _, note = normalize(text, published)
        assert value is None, text
        assert note is not None and note.startswith("no publication date"), text


def test_absolute_expressions_need_no_publication_date() -> None:
    assert normalize("in 2001", None)[0] == "2001"
    assert normalize("September 13, 2023", None)[0] == "2023-09-13"
    assert normalize("five years", None)[:2] == ("P5Y", "DURATION")
    assert normalize("every Monday", None)[:2] == ("XXXX-WXX-1", "SET")


def test_future_publication_date_is_not_trusted() -> None:
    value, _, note = normalize("yesterday", "2030-05-01", today=TODAY)
    assert value is None
    assert note is not None and "future" in note
    assert normalize("yesterday", "2024-01-02", today=TODAY)[0] == "2024-01-01"  # a day of slack


def test_unreadable_publication_date() -> None:
    value, _, note = normalize("yesterday", "last Tuesday-ish")
    assert value is None
    assert note is not None and "unreadable" in note


def test_never_falls_back_to_the_clock() -> None:
    # dateparser would complete a yearless date from today's date; without a publication
    # date the answer must be unknown instead.
    assert normalize("13th day of September", None)[0] is None
    assert normalize("13th day of September", THURSDAY)[0] == "2023-09-13"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2882015", "not a recognizable date"),
        ("year 0", "year 0 does not exist"),
        ("0000-01-01", "year 0 does not exist"),
        ("February 31, 2023", "no such date"),
        ("31 February", "no such date"),
        ("Feb. 30, 2024", "no such date"),
        ("2023-13-01", "no such month"),
        ("25:70", "no such time"),
        ("", "empty expression"),
    ],
)
def test_invalid_dates_are_unknown_with_a_reason(text: str, why: str) -> None:
    value, _, note = normalize(text, THURSDAY)
    assert value is None
    assert note is not None and why in note


@pytest.mark.parametrize("text", ["10000 days ago", "999999 years ago", "Feb 29", "the 0th century",
                                  "13 p.m.", "99/99/9999", "((Tuesday", "in 100000 weeks",
                                  "a week from Feb. 30", "'s"])
@pytest.mark.parametrize("published", [THURSDAY, "0001-01-01", "9999-12-31", "2023-09-14T25:00", None])
def test_no_input_breaks_normalize(text: str, published: str | None) -> None:
    value, kind, note = normalize(text, published)
    assert kind in ("DATE", "TIME", "DURATION", "SET")
    assert value is None or isinstance(value, str)
    assert value is not None or note


def test_two_digit_year_is_read_with_a_note() -> None:
    value, _, note = normalize("19-Nov-12", THURSDAY)
    assert value == "2012-11-19"
    assert note is not None and "2019-11-12" in note


def test_leap_day_only_in_leap_years() -> None:
    assert normalize("Feb. 29, 2024", THURSDAY)[0] == "2024-02-29"
    assert normalize("Feb. 29, 2023", THURSDAY)[0] is None


# --- lists ------------------------------------------------------------------------------------------


def test_lists_split_and_share_what_is_said_once() -> None:
    assert [p[2] for p in split_list("May and August this year")] == ["May this year", "August this year"]
    assert [p[2] for p in split_list("between 11:43 and 11:53 a.m.")] == ["11:43 a.m.", "11:53 a.m."]
    assert [p[2] for p in split_list("Sept. 12-14")] == ["Sept. 12", "Sept. 14"]
    assert split_list("a year and a half") == [(0, 17, "a year and a half")]
    assert split_list("2023-09-13") == [(0, 10, "2023-09-13")]


# --- the stage --------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The ferry left at 9 a.m. WIB on Friday.", "9 a.m. WIB"),
        ("The gallery opens at 7 p.m. art lovers queue early.", "7 p.m."),  # "art", not ART
        ("Crews met at 6 a.m. west of the pier.", "6 a.m."),  # "west", not WEST
    ],
)
def test_a_zone_joins_a_clock_time_only_in_capitals(text: str, found: str) -> None:
    assert found in [text[start:end] for start, end in candidate_spans(text)]


def test_stage_offsets_anchors_and_plain_records(nlp: Language) -> None:
    text = "Harbor officials met on Sunday afternoon. They will vote next month on the five-year plan."
    times = times_in(nlp, text)
    assert [(t.text, t.value, t.type) for t in times] == [
        ("Sunday afternoon", "2023-09-10TAF", "TIME"),
        ("next month", "2023-10", "DATE"),
        ("five-year", "P5Y", "DURATION"),
    ]
    for t in times:
        assert text[t.start:t.end] == t.text
        assert t.anchor_start is not None and t.anchor_end is not None
        assert t.anchor_start <= t.start < t.end <= t.anchor_end
    assert text[times[1].anchor_start:times[1].anchor_end].startswith("They will vote")
    assert all(type(getattr(t, f)) in (str, int, type(None)) for t in times for f in TimeExpr.__slots__)


@pytest.mark.slow
def test_stage_uses_the_verb_tense(nlp: Language) -> None:
    assert time_named(nlp, "Police said the suspect fled on Wednesday.", "Wednesday").value == "2023-09-13"
    assert time_named(nlp, "The council will meet on Wednesday.", "Wednesday").value == "2023-09-20"


@pytest.mark.slow
def test_stage_notes_mixed_tense(nlp: Language) -> None:
    found = time_named(nlp, "He said on Monday that he will resign.", "Monday")
    assert found.value == "2023-09-11"
    assert found.note is not None and "mixes past and future" in found.note


@pytest.mark.slow
def test_stage_without_publication_date(nlp: Language) -> None:
    times = times_in(nlp, "The bridge closed on Tuesday. It had opened in 1964.", published=None)
    assert [(t.text, t.value) for t in times] == [("Tuesday", None), ("1964", "1964")]
    assert times[0].note == "no publication date"


@pytest.mark.slow
def test_stage_splits_lists_with_their_own_offsets(nlp: Language) -> None:
    text = "The ferry sailed in May and August this year."
    found = [(t.text, t.value) for t in times_in(nlp, text)]
    assert found == [("May", "2023-05"), ("August this year", "2023-08")]


@pytest.mark.slow
def test_a_range_between_two_times_is_one_expression_with_both_ends(nlp: Language) -> None:
    # Was two expressions until ranges became first-class (issue 28): a deliberate change.
    text = "Sirens sounded between 11:43 and 11:53 a.m. on the waterfront."
    [found] = times_in(nlp, text)
    assert (found.text, found.type) == ("11:43 and 11:53 a.m.", "TIME")
    assert (found.range_start, found.range_end) == ("2023-09-14T11:43", "2023-09-14T11:53")
    assert found.value == "2023-09-14T11:43/2023-09-14T11:53"


@pytest.mark.slow
def test_stage_follows_anaphora_from_the_last_time_named(nlp: Language) -> None:
    text = "The ship docked on Monday. It left the next day. A year earlier, it had sunk."
    assert [t.value for t in times_in(nlp, text)] == ["2023-09-11", "2023-09-12", "2022"]


@pytest.mark.slow
def test_that_time_is_the_span_only_while_no_point_came_after_it(nlp: Language) -> None:
    text = "The mill ran a three-year modernization program. During that time, output doubled."
    assert time_named(nlp, text, "that time").value == "P3Y"
    later = "The mill ran a three-year program. It closed in 2019. During that time, it lost money."
    assert time_named(nlp, later, "that time").value != "P3Y"
    far = "The mill ran a three-year program. Output doubled. Prices fell. During that time, it hired."
    assert time_named(nlp, far, "that time").value != "P3Y"  # two sentences back: too far to refer to


@pytest.mark.slow
def test_a_unit_after_a_count_is_a_rate_but_not_before_a_direction(nlp: Language) -> None:
    assert time_named(nlp, "The depot ships 500 crates a month.", "a month").type == "SET"
    assert time_named(nlp, "The ferry sailed for a month.", "a month").type == "DURATION"
    assert time_named(nlp, "The depot shipped 500 crates a month later.", "a month later").type == "DATE"


@pytest.mark.slow
def test_since_a_few_words_back_makes_the_date_past(nlp: Language) -> None:
    text = "Divers have searched the bay since shortly after the Oct. 23 storm."
    assert time_named(nlp, text, "Oct. 23", published="2024-05-06").value == "2023-10-23"
    ahead = "Divers will search the bay after the Oct. 23 storm drill."
    assert time_named(nlp, ahead, "Oct. 23", published="2024-05-06").value == "2024-10-23"


@pytest.mark.slow
def test_stage_does_not_take_names_or_verbs_for_months(nlp: Language) -> None:
    times = times_in(nlp, "Theresa May said the ferry may resume service.")
    assert times == []


@pytest.mark.slow
def test_stage_keeps_unreadable_dates_with_a_note_and_drops_non_dates(nlp: Language) -> None:
    times = times_in(nlp, "The invoice was dated 2882015.")
    assert [(t.text, t.value) for t in times] == [("2882015", None)]
    assert times[0].note is not None


@pytest.mark.slow
def test_stage_on_empty_text(nlp: Language) -> None:
    assert times_in(nlp, "") == []


# --- the table of news sentences --------------------------------------------------------------------


def _cases() -> list[object]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    params: list[object] = []
    for row in rows:
        value = None if row["value"] == "None" else row["value"]
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row["xfail"] else []
        case_id = f"{row['expression']}|{row['sentence'][:40]}"
        params.append(pytest.param(row["published"] or None, row["sentence"], row["expression"], value,
                                   row["type"], marks=marks, id=case_id))
    return params


def test_table_is_large_enough() -> None:
    assert len(_cases()) >= 150


@pytest.mark.slow
@pytest.mark.parametrize(("published", "sentence", "expression", "value", "kind"), _cases())
def test_table(nlp: Language, published: str | None, sentence: str, expression: str, value: str | None,
               kind: str) -> None:
    found = time_named(nlp, sentence, expression, published)
    assert (found.value, found.type) == (value, kind), found.note


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("for thirty-five years", "P35Y"),  # the hyphen joins tens and units: no range 30 to 5
        ("ninety-nine days", "P99D"),
        ("one hundred and twenty-five years", "P125Y"),
        ("a hundred and ten days", "P110D"),
        ("twenty-one to thirty days", "PXD"),  # a real range keeps its unknown length
        ("5-7 days", "PXD"),
        ("twenty to thirty years", "PXY"),
    ],
)
def test_counts_in_words(text: str, value: str) -> None:
    assert normalize(text, THURSDAY, "past")[:2] == (value, "DURATION")
