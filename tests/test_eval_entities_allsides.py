"""bench/eval/allsides_entities.tsv (blind), allsides_entities_tuning.tsv (its tuning twin) and their
scorer: the files' format, their samples, their spans against the shared articles (skipped when
../shared is absent), the matching logic and the tuning split's miss listing on made-up mentions (no
evaluation text here)."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval import entities_allsides
from bench.eval.entities_allsides import (
    ANNOTATION,
    BALY,
    SAMPLE_SIZE,
    SIDES,
    STORIES,
    TUNING_ANNOTATION,
    TUNING_SAMPLE_SIZE,
    TYPES,
    Found,
    Gold,
    Scored,
    StoryArticle,
    alignment,
    annotatable,
    best_overlap,
    check_spans,
    compare_tuning_groups,
    error_report,
    figures,
    load_split,
    mapped,
    read_annotation,
    read_baly_stories,
    read_stories,
    sample,
    tuning_sample,
)


@pytest.mark.parametrize(("path", "stories"), [(ANNOTATION, 20), (TUNING_ANNOTATION, TUNING_SAMPLE_SIZE)])
def test_the_annotation_has_the_documented_columns_and_values(path: Path, stories: int) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[0].split("\t") == [
        "story_id", "side", "field", "start", "end", "span_sha1_8", "type", "entity_label",
    ]  # fmt: skip
    assert all(len(line.split("\t")) == 8 for line in lines[1:])
    gold = read_annotation(path)
    assert len(gold) == len(lines) - 1
    assert len({g.story for g in gold}) >= stories
    for g in gold:
        assert g.side in SIDES and g.field in ("title", "body") and g.type in TYPES
        assert 0 <= g.start < g.end
        assert re.fullmatch(r"[0-9a-f]{8}", g.digest)
        assert re.fullmatch(r"e[1-9][0-9]*", g.label)
    assert len({(g.story, g.side, g.field, g.start) for g in gold}) == len(gold)  # no doubled span


def test_only_stories_whose_id_ends_in_0_are_annotated() -> None:
    # Issue #25: the other stories are kept for checking and must be left alone.
    stories = {g.story for g in read_annotation()}
    assert len(stories) == SAMPLE_SIZE
    assert all(annotatable(story) for story in stories)
    assert annotatable("6000") and not annotatable("6001") and not annotatable("5607")


def test_the_sample_is_the_rule_in_the_header() -> None:
    """Stories whose id ends in 0 with a title and a body on all three sides, by sha1 of the id,
    the first 20, in that order."""
    if not STORIES.exists():
        pytest.skip(f"{STORIES} not present")
    assert sample() == list(dict.fromkeys(g.story for g in read_annotation()))


@pytest.mark.parametrize("path", [ANNOTATION, TUNING_ANNOTATION])
def test_each_story_numbers_its_entities_in_order_with_one_type_each(path: Path) -> None:
    labels: dict[str, list[str]] = defaultdict(list)
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in read_annotation(path):
        if g.label not in labels[g.story]:
            labels[g.story].append(g.label)
        types[(g.story, g.label)].add(g.type)
    for story, seen in labels.items():
        assert seen == [f"e{n}" for n in range(1, len(seen) + 1)], story
    assert all(len(kinds) == 1 for kinds in types.values())


def test_every_span_is_where_the_annotation_says_in_the_shared_articles() -> None:
    if not STORIES.exists():
        pytest.skip(f"{STORIES} not present")
    gold = read_annotation()
    stories = read_stories({g.story for g in gold})
    check_spans(gold, stories)  # raises on a moved span
    assert all(set(stories[g.story]) == set(SIDES) for g in gold)
    for g in gold:
        span = stories[g.story][g.side].field(g.field)[g.start : g.end]
        assert span == span.strip() and span


def test_a_moved_span_is_refused() -> None:
    if not STORIES.exists():
        pytest.skip(f"{STORIES} not present")
    g = read_annotation()[0]
    moved = Gold(g.story, g.side, g.field, g.start + 1, g.end + 1, g.digest, g.type, g.label)
    with pytest.raises(ValueError, match="does not match"):
        check_spans([moved], read_stories({g.story}))


# -- the tuning twin (issue #24): a set whose misses may be read ---------------------------------


def test_the_tuning_sample_is_the_compare_tuning_sets_first_stories_whole() -> None:
    """The rule in the header: the first 8 stories, in file order, of allsides_compare_tuning.tsv,
    every one with its three outlets and the left, center, right order of the blind set."""
    gold = read_annotation(TUNING_ANNOTATION)
    assert list(dict.fromkeys(g.story for g in gold)) == tuning_sample()
    assert len(tuning_sample()) == TUNING_SAMPLE_SIZE == 8
    assert all(
        story.startswith("b") and len(compare_tuning_groups()[story]) == 3 for story in tuning_sample()
    )
    for story in tuning_sample():
        sides = [g.side for g in gold if g.story == story]
        assert list(dict.fromkeys(sides)) == list(SIDES), story  # whole stories, in side order
    blind = {g.story for g in read_annotation()}
    assert not blind & set(tuning_sample())


def test_every_tuning_span_is_where_the_annotation_says_in_the_shared_articles() -> None:
    if not BALY.exists():
        pytest.skip(f"{BALY} not present")
    gold = read_annotation(TUNING_ANNOTATION)
    stories = read_baly_stories({g.story for g in gold})
    check_spans(gold, stories)  # raises on a moved span
    for story, articles in stories.items():
        assert set(articles) == set(SIDES), story  # the three articles have three biases
    for g in gold:
        span = stories[g.story][g.side].field(g.field)[g.start : g.end]
        assert span == span.strip() and span
    order, loaded, _ = load_split("tuning", limit=2)
    assert order == tuning_sample()[:2] and {g.story for g in loaded} == set(order)


def test_a_tuning_story_outside_the_sample_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tuning.tsv"
    path.write_text("bNotInTheSample\tleft\ttitle\t0\t4\t00000000\tPERSON\te1\n", encoding="utf-8")
    monkeypatch.setattr(entities_allsides, "TUNING_ANNOTATION", path)
    with pytest.raises(ValueError, match="bNotInTheSample"):
        load_split("tuning")
    with pytest.raises(ValueError, match="split"):
        load_split("dev")


def test_the_tuning_listing_names_each_miss_with_its_words_and_the_predicted_entity() -> None:
    # Made-up story: gold e1 (PERSON) in two outlets, e2 (ORG) once, e3 (GPE) missed.
    article = StoryArticle("Ada Quill visits", "Quill met the Zeta Board in Voss.", "Outlet", "2020-01-01")
    stories = {"s": {"right": article, "left": article}}  # listed in side order all the same

    def gold(side: str, field: str, words: str, kind: str, label: str) -> Gold:
        start = article.field(field).index(words)
        return Gold("s", side, field, start, start + len(words), "", kind, label)

    scored = [
        Scored(gold("left", "title", "Ada Quill", "PERSON", "e1"),
               Found("s", "left", "PERSON", "e1", "PERSON", "p1"), "Ada Quill", "Ada Quill"),
        Scored(gold("right", "body", "Quill", "PERSON", "e1"),
               Found("s", "right", "PERSON", "e1", "PERSON", "p1"), "Quill", "Ada Quill"),
        Scored(gold("right", "title", "Ada Quill", "PERSON", "e1"),
               Found("s", "right", "PERSON", "e1", "ORG", "o9"), "Ada Quill visits", "Quill Corp"),
        Scored(gold("left", "body", "Zeta Board", "ORG", "e2"),
               Found("s", "left", "ORG", "e2", "ORG", None), "Zeta Board"),
        Scored(gold("left", "body", "Voss", "GPE", "e3"), Found("s", "left", "GPE", "e3")),
    ]  # fmt: skip
    lines = error_report(scored, stories)
    assert lines[0] == "== s (left=Outlet, right=Outlet)"
    assert len(lines) == 5  # the header, two misses of one mention, a link miss, a missed mention
    assert (
        "wrong type: [right title 0] e1 'Ada Quill' is PERSON, predicted ORG on 'Ada Quill visits'" in lines
    )
    assert (
        "wrong link: [right title 0] e1 'Ada Quill' -> 'Quill Corp' (o9); e1's majority is 'Ada Quill' (p1)"
        in lines
    )
    assert "wrong link: [left body 14] e2 'Zeta Board' -> no entity; e2's majority is no entity" in lines
    assert "missed GPE: [left body 28] e3 'Voss'" in lines
    dropped = Scored(gold("left", "body", "Voss", "GPE", "e3"), Found("s", "left", "GPE", "e3"), kept=False)
    assert error_report([dropped], stories)[1].endswith("(not in the stored text)")
    # Two gold entities sharing one predicted entity: each says who shares it.
    merged = [
        Scored(
            gold("left", "body", "Quill", "PERSON", "e1"), Found("s", "left", "PERSON", "e1", "PERSON", "p1")
        ),
        Scored(gold("left", "body", "Voss", "GPE", "e3"), Found("s", "left", "GPE", "e3", "GPE", "p1")),
    ]
    assert any(line.endswith("also the majority of e3") for line in error_report(merged, stories))


def test_a_gold_span_is_found_through_the_cleaners_whitespace_changes() -> None:
    source = "Made up title\n\nAnna  Berg met the   Zed Party."
    stored = "Made up title\n\nAnna Berg met the Zed Party."
    where = alignment(source, stored)
    start = source.index("Zed Party")
    span = mapped(where, start, start + len("Zed Party"))
    assert span is not None and stored[span[0] : span[1]] == "Zed Party"
    berg = mapped(where, source.index("Anna"), source.index("Berg") + 4)
    assert berg is not None and stored[berg[0] : berg[1]] == "Anna Berg"
    assert mapped(alignment("abc XYZ", "abc"), 4, 7) is None  # a dropped line: nothing kept
    predicted = [(0, 4, "PERSON", "p1"), (5, 14, "PERSON", "p2"), (30, 39, "ORG", "o1")]
    assert best_overlap((2, 12), predicted) == 1  # the one overlapping most
    assert best_overlap((0, 9), predicted) == 0  # a tie: the first
    assert best_overlap((15, 20), predicted) is None


def test_the_figures_on_a_made_up_story() -> None:
    # Gold entities A (PERSON, three outlets), B (GPE, two), C (ORG, one). crosswire finds all
    # but B's right mention, calls A's right one ORG, gives it another entity, and merges B and C.
    found = [
        Found("s", "left", "PERSON", "A", "PERSON", "x"),
        Found("s", "center", "PERSON", "A", "PERSON", "x"),
        Found("s", "right", "PERSON", "A", "ORG", "y"),
        Found("s", "left", "GPE", "B", "GPE", "z"),
        Found("s", "right", "GPE", "B"),
        Found("s", "center", "ORG", "C", "ORG", "z"),
    ]
    got = figures(found, kept=5)
    assert got["text_kept"] == pytest.approx(5 / 6)
    assert got["mention_recall"] == pytest.approx(5 / 6)
    assert (got["mention_recall_person"], got["mention_recall_gpe"], got["mention_recall_org"]) == (
        1.0,
        0.5,
        1.0,
    )
    assert got["type_accuracy"] == pytest.approx(4 / 5)
    # A's majority x holds two right mentions; B and C share z: all their mentions are wrong.
    assert got["link_accuracy"] == pytest.approx(2 / 5)
    # Cross-outlet pairs: A left-center right, A left-right and center-right missed, B-C a false merge.
    assert got["cross_outlet_precision"] == pytest.approx(1 / 2)
    assert got["cross_outlet_recall"] == pytest.approx(1 / 3)
    assert got["cross_outlet_f1"] == pytest.approx(0.4)


def test_a_mention_left_without_an_entity_is_never_linked() -> None:
    found = [
        Found("s", "left", "PERSON", "A", "PERSON", None),
        Found("s", "right", "PERSON", "A", "PERSON", None),
        Found("t", "left", "ORG", "A", "ORG", "o"),  # another story's e-labels are another's
        Found("t", "right", "ORG", "B", "ORG", "o"),
    ]
    got = figures(found)
    assert "text_kept" not in got
    assert got["link_accuracy"] == 0.0  # story s: no entity; story t: A and B merged
    assert got["cross_outlet_recall"] == 0.0 and got["cross_outlet_precision"] == 0.0
    assert figures([Found("s", "left", "GPE", "A", "GPE", "g")])["link_accuracy"] == 1.0
