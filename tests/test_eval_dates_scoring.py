"""How bench/eval/dates.py scores: TimeML read with its event links, ranges against points, value F1.

A hand-written TimeML document (our own sentence), no shared data.
"""

from __future__ import annotations

from pathlib import Path

from bench.eval.dates import Detection, Gold, agrees, read_tml

from crosswire.types import TimeExpr

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-14">2023-09-14</TIMEX3></DCT>
<TEXT>The ferry <EVENT eid="e1" class="OCCURRENCE">sailed</EVENT> on <TIMEX3 tid="t1" type="DATE" \
value="2023-09-12">Tuesday</TIMEX3> and <EVENT eid="e2" class="OCCURRENCE">docked</EVENT> later.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t1" />
</TimeML>
"""


def test_timeml_gives_each_time_the_events_it_dates(tmp_path: Path) -> None:
    path = tmp_path / "ferry.tml"
    path.write_text(TML, encoding="utf-8")
    dct, text, [gold] = read_tml(path)
    assert (dct, gold.text, gold.value) == ("2023-09-14", "Tuesday", "2023-09-12")
    # the IS_INCLUDED link dates "sailed"; BEFORE only orders "docked"
    assert [text[s:e] for s, e in gold.events] == ["sailed"]


def test_a_range_agrees_with_a_gold_point_at_either_end_but_not_with_another_range() -> None:
    found = TimeExpr("2009 to 2011", 10, 22, "2009/2011", "DATE", range_start="2009", range_end="2011")
    assert agrees(found, Gold(18, 22, "2011", "DATE", "2011"))
    assert not agrees(found, Gold(10, 14, "2008", "DATE", "2008"))
    assert agrees(found, Gold(10, 22, "2009 to 2011", "RANGE", "2009/2011"))
    assert not agrees(found, Gold(10, 22, "2009 to 2011", "RANGE", "2009/2012"))


def test_value_f1_counts_values_and_the_event_each_time_dates() -> None:
    gold = [Gold(0, 7, "Tuesday", "DATE", "2023-09-12", events=((20, 26),)),
            Gold(30, 40, "five years", "DURATION", "P5Y")]
    predicted = [TimeExpr("Tuesday", 0, 7, "2023-09-12", "DATE", event_start=20, event_end=26),
                 TimeExpr("five years", 30, 40, "P4Y", "DURATION"),
                 TimeExpr("now", 50, 53, "PRESENT_REF", "DATE")]
    detection = Detection()
    detection.add(predicted, gold)
    assert detection.value_prf("all") == (1 / 3, 1 / 2, 0.4)
    assert detection.value_prf("duration") == (0.0, 0.0, 0.0)
    assert detection.value_prf("range") is None  # no gold ranges: no figure
    assert detection.events == [1, 1]


def test_a_counted_decade_or_century_matches_the_same_length_in_years() -> None:
    def expr(value: str) -> TimeExpr:
        return TimeExpr(text="x", start=0, end=5, value=value, type="DURATION")

    def gold(value: str) -> Gold:
        return Gold(start=0, end=5, text="x", type="DURATION", value=value)

    assert agrees(expr("P2DE"), gold("P20Y")) and agrees(expr("P20Y"), gold("P2DE"))
    assert agrees(expr("P1CE"), gold("P100Y"))
    assert not agrees(expr("P2DE"), gold("P2Y")) and not agrees(expr("PXDE"), gold("PXY"))
