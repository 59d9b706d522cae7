"""bench/eval/allsides_compare.tsv and its scorer: the file's form, its sample and spans, the matching.

The sample and the spans are checked against ../shared when it is here (skipped when not); the
scorer's rule is checked on made-up spans, so no evaluation text is read or printed by these tests.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval.common import Skip
from bench.eval.compare_allsides import (
    LABELS,
    NEUS,
    SIDES,
    Item,
    Piece,
    Predicted,
    Row,
    Story,
    items_of,
    load_stories,
    parse_row,
    place,
    placed_items,
    read_annotation,
    run,
    score,
    sha1_8,
)


def test_the_annotation_is_well_formed() -> None:
    stories = read_annotation()
    sources = Counter(rows[0].source for rows in stories.values())
    assert sources["neus"] >= 30 and sources["baly"] >= 10
    labels = Counter(r.label for rows in stories.values() for items in [items_of(rows)]
                     for r in (v[0] for v in items.values()))  # fmt: skip
    assert all(labels[label] > 0 for label in LABELS)
    for story_id, rows in stories.items():
        assert {r.source for r in rows} == {rows[0].source}
        if rows[0].source == "neus":
            assert story_id.isdigit() and story_id.endswith("0")  # the other ids are kept for checking
        else:
            outlets = {r.outlet for r in rows}
            assert len(outlets) >= 3 and story_id[1:] in outlets
            assert all(re.fullmatch(r"[A-Za-z0-9]{16}", o) for o in outlets)
        for item_id, item in items_of(rows).items():
            label, outlets_ = item[0].label, [r.outlet for r in item]
            assert {r.label for r in item} == {label}, item_id
            assert {r.subtype for r in item} == {item[0].subtype}, item_id
            if label == "conflict":
                assert len(item) == 2 and len(set(outlets_)) == 2
            elif label == "unique":
                assert len(item) == 1
            elif label == "partial":
                assert len(item) == 2 and len(set(outlets_)) == 2
            elif label == "agreed":
                assert len(outlets_) == len(set(outlets_)) >= 3
            else:
                assert len(set(outlets_)) >= 2


@pytest.mark.parametrize(
    "line",
    [
        "5710\tneus\ta1\tagreed\t-\tleft\tbody\t5\t9",  # a column short
        "5710\tneus\ta1\tshared\t-\tleft\tbody\t5\t9\tabcdef12",  # no such label
        "5710\tneus\tc1\tconflict\t-\tleft\tbody\t5\t9\tabcdef12",  # a conflict without a subtype
        "5710\tneus\ta1\tagreed\t-\tmiddle\tbody\t5\t9\tabcdef12",  # a NeuS outlet is a side
        "5710\tneus\ta1\tagreed\t-\tleft\tbody\t9\t5\tabcdef12",  # offsets backwards
        "5710\tneus\ta1\tagreed\t-\tleft\tlead\t5\t9\tabcdef12",  # no such field
    ],
)
def test_a_malformed_row_is_refused(line: str) -> None:
    with pytest.raises(ValueError):
        parse_row(line)


def test_the_neus_sample_is_every_eligible_story_ending_in_0() -> None:
    if not NEUS.exists():
        pytest.skip(f"{NEUS} is not here")
    eligible = set()
    for line in NEUS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        story_id = str(record["id"])
        news = record["news"] if isinstance(record["news"], dict) else ast.literal_eval(record["news"])
        if story_id.endswith("0") and all(
            side in news and str(news[side].get("newsTitle") or "").strip()
            and any(p.strip() for p in news[side].get("newBody") or []) for side in SIDES
        ):  # fmt: skip
            eligible.add(story_id)
    neus = [s for s, rows in read_annotation().items() if rows[0].source == "neus"]
    order = sorted(eligible, key=lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest())
    assert neus == order[: len(neus)]  # read in the header's order, none skipped


def test_every_span_is_where_its_hash_says() -> None:
    try:
        stories = load_stories()  # raises on any span whose text no longer matches its hash
    except Skip as why:
        pytest.skip(str(why))
    for story in stories:
        texts = {(p.key, "title"): p.title for p in story.pieces}
        texts |= {(p.key, "body"): p.body for p in story.pieces}
        for r in story.rows:
            span = texts[(r.outlet, r.field)][r.start : r.end]
            assert span == span.strip() and sha1_8(span) == r.digest


def test_the_set_has_no_tuning_split() -> None:
    with pytest.raises(Skip, match="blind set"):
        run(1, "tuning")


# -- the matching rule, on made-up spans --------------------------------------------------------


def test_a_span_is_placed_by_its_words_in_the_cleaned_text() -> None:
    original = "Intro line.\n\nThe  council\xa0met on Monday. Later the council met again."
    stored = "The council met on Monday. Later the council met again."
    start = original.index("council\xa0met")
    assert place("council\xa0met", original, start, stored) == (4, 15)
    again = original.index("the council met again")
    assert place("the council met again", original, again, stored) == (33, 54)
    assert place("a title only", original, 0, stored) is None


def test_titles_are_not_placed_and_leave_their_item_out_of_recall() -> None:
    pieces = [Piece("left", "A", "2024-01-01", "Title one", "Body one says ten."),
              Piece("center", "B", "2024-01-01", "Title two", "Body two says nine.")]  # fmt: skip
    rows = [Row("s", "neus", "c1", "conflict", "number", "left", "title", 0, 5, sha1_8("Title")),
            Row("s", "neus", "c1", "conflict", "number", "center", "body", 0, 4, sha1_8("Body"))]  # fmt: skip
    stored = {"left": "Body one says ten.", "center": "Body two says nine."}
    items = placed_items(Story("s", "neus", pieces, rows), stored)
    assert items[0].spans == [None, ("center", 0, 4)] and items[0].titles == 1
    assert score([(items, Predicted())])["conflict_recall"] == 0.0  # nothing to find: no count


def made_up_story() -> list[Item]:
    """Three outlets' made-up spans: a conflict, two agreed facts, a partial one, uniques, a quote."""
    return [
        Item("c1", "conflict", "number", [("L", 0, 30), ("C", 0, 28)]),
        Item("c2", "conflict", "date", [("L", 100, 120), ("R", 100, 125)]),
        Item("a1", "agreed", "-", [("L", 0, 30), ("C", 0, 28), ("R", 0, 33)]),
        Item("a2", "agreed", "-", [("L", 40, 60), ("C", 40, 70), ("R", 40, 60)]),
        Item("a3", "agreed", "-", [("L", 200, 230), ("C", 200, 230), None], titles=1),  # not placed
        Item("p1", "partial", "-", [("L", 300, 330), None]),  # a body span cleaning dropped
        Item("u1", "unique", "-", [("L", 400, 450)]),
        Item("u2", "unique", "-", [("C", 400, 420)]),
        Item("q1", "quote_variant", "variant", [("L", 500, 540), ("C", 500, 530), ("R", 500, 545)]),
    ]


def test_the_figures_on_a_made_up_story() -> None:
    predicted = Predicted(
        # right (sides swapped, the second side by its claim span); wrong (no gold conflict there)
        conflicts=[([("C", 10, 12)], [("R", 900, 905), ("L", 5, 8)]), ([("L", 40, 45)], [("R", 40, 45)])],
        # a1 in all three outlets; a2 split in two (one pair together)
        facts=[[("L", 0, 30), ("C", 0, 28), ("R", 0, 33)], [("L", 40, 60), ("C", 40, 70)], [("R", 40, 60)],
               [("L", 300, 330), ("R", 300, 340)], [("L", 400, 450)], [("C", 390, 430)], [("R", 600, 650)]],
        # right (L's unique span), right (C: 20 chars unique), unjudged (R: nothing labelled), and
        # wrong (R's claim of the agreed a2)
        unique=[("L", 400, 450), ("C", 390, 430), ("R", 600, 650), ("R", 40, 60)],
        # L-C right, C-R right, L-R is missing; one pair with no gold utterance
        variants=[(("L", 505, 510), ("C", 500, 530)), (("R", 500, 545), ("C", 500, 530)),
                  (("L", 0, 5), ("R", 0, 5))],
        together=True,
    )  # fmt: skip
    figures = score([(made_up_story(), predicted)])
    assert figures == {
        "conflict_precision": 0.5,
        "conflict_recall": 0.5,
        "unique_precision": 2 / 3,
        "unique_judged": 3 / 4,
        "agreed_core_recall": 0.5,  # a1 of a1, a2 (a3 has a span not placed)
        "agreed_pair_recall": 4 / 7,  # a1's 3 pairs, a2's 1 of 3, a3's placed pair (not found)
        "partial_recall": 0.0,  # p1 is left out: one span not placed
        "quote_variant_precision": 2 / 3,
        "quote_variant_recall": 2 / 3,
        "story_together": 1.0,
        "span_placed": 18 / 19,  # 20 spans, one in a title; one body span not placed
    }


def test_nothing_reported_scores_zero_and_a_split_story_counts() -> None:
    figures = score([(made_up_story(), Predicted(together=False)), (made_up_story(), Predicted())])
    assert figures["story_together"] == 0.5
    assert figures["conflict_recall"] == figures["agreed_core_recall"] == 0.0
    assert figures["quote_variant_recall"] == 0.0
    assert figures["conflict_precision"] == figures["unique_precision"] == 0.0
