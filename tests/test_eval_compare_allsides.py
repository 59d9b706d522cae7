"""bench/eval/allsides_compare.tsv (blind), allsides_compare_tuning.tsv (tuning) and their scorer:
the files' form, their samples and spans, their disjointness, the matching and the error listing.

The sample and the spans are checked against ../shared when it is here (skipped when not); the
scorer's rule is checked on made-up spans, so no evaluation text is read or printed by these tests.
"""

from __future__ import annotations

import ast
import datetime
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval import compare_allsides
from bench.eval.common import Skip
from bench.eval.compare_allsides import (
    ANNOTATION,
    BALY,
    LABELS,
    NEUS,
    SIDES,
    TUNING_ANNOTATION,
    VERBOSE,
    Item,
    Piece,
    Predicted,
    Row,
    Story,
    annotation_of,
    items_of,
    load_stories,
    parse_row,
    place,
    placed_items,
    read_annotation,
    run,
    score,
    sha1_8,
    story_errors,
)


def test_the_annotation_is_well_formed() -> None:
    stories = read_annotation()
    sources = Counter(rows[0].source for rows in stories.values())
    assert sources["neus"] >= 30 and sources["baly"] >= 10
    assert_well_formed(stories)


def test_the_tuning_annotation_is_well_formed() -> None:
    stories = read_annotation(TUNING_ANNOTATION)
    assert len(stories) >= 8 and {rows[0].source for rows in stories.values()} == {"baly"}
    assert_well_formed(stories)


def assert_well_formed(stories: dict[str, list[Row]]) -> None:
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


@pytest.mark.parametrize("path", [ANNOTATION, TUNING_ANNOTATION], ids=["blind", "tuning"])
def test_every_span_is_where_its_hash_says(path: Path) -> None:
    try:
        stories = load_stories(path=path)  # raises on any span whose text no longer matches its hash
    except Skip as why:
        pytest.skip(str(why))
    for story in stories:
        texts = {(p.key, "title"): p.title for p in story.pieces}
        texts |= {(p.key, "body"): p.body for p in story.pieces}
        for r in story.rows:
            span = texts[(r.outlet, r.field)][r.start : r.end]
            assert span == span.strip() and sha1_8(span) == r.digest


def test_each_split_scores_its_own_file() -> None:
    assert annotation_of("reporting") == ANNOTATION and annotation_of("tuning") == TUNING_ANNOTATION
    with pytest.raises(ValueError):
        annotation_of("dev")


def test_the_tuning_set_shares_no_article_with_the_blind_set() -> None:
    def articles(path: Path) -> set[str]:
        return {r.outlet for rows in read_annotation(path).values() for r in rows}

    blind, tuning = read_annotation(ANNOTATION), read_annotation(TUNING_ANNOTATION)
    assert not set(blind) & set(tuning)
    assert articles(TUNING_ANNOTATION) and not articles(ANNOTATION) & articles(TUNING_ANNOTATION)


# The stopword list both files' headers write down.
STOP = set(
    re.findall(
        r"[a-z]+",
        """that this with from after have will what when were been their they them than into over says said
        about more your just amid could would should while under which where there these those other being
        most some such also only very much many make made back first last year years week weeks news report
        reports calls call new""",
    )
)


def rule_groups(count: int) -> list[list[str]]:
    """The first ``count`` groups of the headers' grouping rule, each [seed, partner, partner]."""
    kept = []
    with gzip.open(BALY, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.get("date") or "")
            if dated and 1500 <= len(r["content_original"]) <= 4500 and r.get("bias_text") in SIDES:
                words = {w for w in re.findall(r"[a-z]+", (r["title"] or "").lower()) if len(w) >= 4} - STOP
                sha = hashlib.sha1(r["ID"].encode()).hexdigest()
                day = datetime.date.fromisoformat(r["date"])
                kept.append((r["ID"], sha, r["topic"], r["bias_text"], r["source"], day, words))
    by_topic_side: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for a in kept:
        by_topic_side.setdefault((a[2], a[3]), []).append(a)
    used: set[str] = set()
    groups: list[list[str]] = []
    for seed in sorted(kept, key=lambda a: a[1]):
        if seed[0] in used:
            continue
        picks = []
        for side in (s for s in SIDES if s != seed[3]):
            fits = [
                a
                for a in by_topic_side.get((seed[2], side), [])
                if a[0] not in used and a[4] != seed[4]
                and abs((a[5] - seed[5]).days) <= 1 and len(a[6] & seed[6]) >= 3
            ]  # fmt: skip
            picks.append(min(fits, key=lambda a: (-len(a[6] & seed[6]), a[1]), default=None))
        p, q = picks
        if p is None or q is None or abs((p[5] - q[5]).days) > 2 or p[4] == q[4]:
            continue
        groups.append([seed[0], p[0], q[0]])
        used.update(groups[-1])
        if len(groups) == count:
            break
    return groups


def test_the_tuning_stories_are_the_rules_next_groups() -> None:
    if not BALY.exists():
        pytest.skip(f"{BALY} is not here")
    tuning = read_annotation(TUNING_ANNOTATION)
    groups = rule_groups(14 + len(tuning))
    blind = [s for s, rows in read_annotation(ANNOTATION).items() if rows[0].source == "baly"]
    assert ["b" + g[0] for g in groups[: len(blind)]] == blind  # the blind set's first groups
    expected = {"b" + g[0]: set(g) for g in groups[14:]}  # after the blind set's draw of 14
    assert {s: {r.outlet for r in rows} for s, rows in tuning.items()} == expected


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


MADE_UP_PREDICTION = Predicted(
    conflicts=[([("C", 10, 12)], [("R", 900, 905), ("L", 5, 8)]), ([("L", 40, 45)], [("R", 40, 45)])],
    facts=[[("L", 0, 30), ("C", 0, 28), ("R", 0, 33)], [("L", 40, 60), ("C", 40, 70)], [("R", 40, 60)]],
    unique=[("L", 400, 450), ("R", 600, 650), ("R", 40, 60)],
    variants=[(("L", 505, 510), ("C", 500, 530)), (("R", 500, 545), ("C", 500, 530)),
              (("L", 0, 5), ("R", 0, 5))],
)  # fmt: skip


def test_the_error_listing_names_each_error_with_its_text() -> None:
    texts = {key: f"{key} says " + "word " * 200 for key in "LCR"}
    lines = story_errors(made_up_story(), MADE_UP_PREDICTION, texts)
    assert sorted(line.split(":")[0] for line in lines) == [
        "false conflict",  # the L-R pair at 40: no gold conflict there
        "false quote variant",  # L-R at 0: no utterance there
        "missed agreed a2",  # split over two facts (a3: a span not placed, out of the counts)
        "missed conflict c2 (date)",
        "missed quote variant q1 (variant)",  # the L-R pair of q1
        "wrong unique (another outlet has it)",  # R's claim of the agreed a2
    ]  # c1 found, a1 found, the right and unjudged uniques: not listed
    variant = next(line for line in lines if line.startswith("false quote variant"))
    assert variant.endswith("[L] 'L say' | [R] 'R say'")


def test_errors_are_printed_for_the_tuning_split_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pieces = [Piece("L", "Outlet L", "2024-01-01", "T", "L says ten."),
              Piece("C", "Outlet C", "2024-01-01", "T", "C says nine.")]  # fmt: skip
    rows = [Row("bL", "baly", "c1", "conflict", "number", "L", "body", 7, 10, sha1_8("ten")),
            Row("bL", "baly", "c1", "conflict", "number", "C", "body", 7, 11, sha1_8("nine"))]  # fmt: skip
    wrong = Predicted(conflicts=[([("L", 0, 1)], [("C", 0, 1)])])
    stored = {p.key: p.body for p in pieces}
    story = Story("bL", "baly", pieces, rows)
    monkeypatch.setattr(compare_allsides, "load_stories", lambda limit, path: [story])
    monkeypatch.setattr(compare_allsides, "_nlp", lambda: None)
    monkeypatch.setattr(compare_allsides, "predict_crosswire", lambda s, nlp: (stored, wrong))
    monkeypatch.setenv(VERBOSE, "1")
    assert run(None, "reporting")["conflict_precision"] == 0.0
    assert capsys.readouterr() == ("", "")  # the blind set's errors are never shown
    run(None, "tuning")
    err = capsys.readouterr().err
    assert "== bL (L=Outlet L, C=Outlet C; one story)" in err
    assert "false conflict: [L] 'L' <> [C] 'C'" in err
    assert "missed conflict c1 (number): [L] 'ten' | [C] 'nine'" in err


def test_nothing_reported_scores_zero_and_a_split_story_counts() -> None:
    figures = score([(made_up_story(), Predicted(together=False)), (made_up_story(), Predicted())])
    assert figures["story_together"] == 0.5
    assert figures["conflict_recall"] == figures["agreed_core_recall"] == 0.0
    assert figures["quote_variant_recall"] == 0.0
    assert figures["conflict_precision"] == figures["unique_precision"] == 0.0
