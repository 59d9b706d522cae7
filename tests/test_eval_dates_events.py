"""The dates sets with events (bench/eval/allsides_dates2.tsv, blind; allsides_dates_tuning.tsv,
allsides_dates_tuning2.tsv and allsides_dates_tuning3.tsv, its tuning twins) and their scorer
(bench/eval/dates_events.py).

Every TSV's format and disjointness from the blind sets (and from each other) are checked always,
and so are the tuning sets' sample rules (they read only committed TSVs); the blind set's sample
rule, and every set's offsets and hashes against the AllSides articles, when ../shared is present
(skipped cleanly when not); the scorer's matching, its reading of the three tuning sets and its error
listing on small hand-made examples that hold no evaluation text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval import dates_events
from bench.eval.dates_events import GoldTime, PredictedTime, Scored, article_errors, score

FIRST_SET = Path(dates_events.__file__).with_name("allsides_dates.tsv")
COMPARE_TUNING = Path(dates_events.__file__).with_name("allsides_compare_tuning.tsv")
_VALUE = re.compile(r"[0-9A-Z:./+_-]+")
# Each set and the fewest articles it has; a tuning set must share none with a blind one.
SETS = [
    (dates_events.ANNOTATION, 30),
    (dates_events.TUNING_ANNOTATION, 21),
    (dates_events.SECOND_TUNING_ANNOTATION, 24),
    (dates_events.THIRD_TUNING_ANNOTATION, 30),
]
SET_IDS = ["reporting", "tuning", "tuning2", "tuning3"]


def _ids_of(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if line and not line.startswith(("#", "article_id\t"))}


def _first_set_ids() -> set[str]:
    return _ids_of(FIRST_SET)


@pytest.mark.parametrize(("path", "fewest_articles"), SETS, ids=SET_IDS)
def test_the_annotation_is_well_formed(path: Path, fewest_articles: int) -> None:
    text = path.read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert body[0].split("\t") == [
        *("article_id", "start", "end", "span_sha1_8", "type", "value"),
        *("event_start", "event_end", "event_sha1_8"),
    ]
    assert all(len(line.split("\t")) == 9 for line in body[1:])
    rows = dates_events.read_annotation(path)
    assert len(rows) == len(body) - 1
    articles = Counter(row.article_id for row in rows)
    assert len(articles) >= fewest_articles
    assert not set(articles) & _first_set_ids()
    if path in dates_events.TUNING_ANNOTATIONS:
        assert not set(articles) & _ids_of(dates_events.ANNOTATION)
    spans = [(row.article_id, row.gold.start, row.gold.end) for row in rows]
    assert len(spans) == len(set(spans))
    for row in rows:
        g = row.gold
        assert 0 <= g.start < g.end
        assert re.fullmatch(r"[0-9a-f]{8}", row.span_sha1)
        assert g.type in dates_events.TYPES
        assert _VALUE.fullmatch(g.value), g.value
        assert ("/" in g.value) == (g.type == "RANGE")
        if g.event_start is None:
            assert g.event_end is None and row.event_sha1 is None
        else:
            assert g.event_end is not None and row.event_sha1 is not None
            assert 0 <= g.event_start < g.event_end
            assert re.fullmatch(r"[0-9a-f]{8}", row.event_sha1)
            # The event head is a word of its own, outside the expression.
            assert g.event_end <= g.start or g.end <= g.event_start


def _shared_or_skip() -> None:
    if not dates_events.ARTICLES.exists():
        pytest.skip(f"{dates_events.ARTICLES} not present")


@pytest.mark.parametrize("path", [path for path, _ in SETS], ids=SET_IDS)
def test_offsets_and_hashes_match_the_articles(path: Path) -> None:
    _shared_or_skip()
    documents = dates_events.load_documents(path=path)  # raises on any hash that does not match
    assert len(documents) == len({row.article_id for row in dates_events.read_annotation(path)})
    for _, _, text, gold in documents:
        for g in gold:
            span = text[g.start : g.end]
            assert span == span.strip() and span
            if g.event_start is not None:
                head = text[g.event_start : g.event_end]
                assert head == head.strip() and head


def test_the_sample_is_the_rule_in_the_header() -> None:
    """Other outlets and years than allsides_dates.tsv, a YYYY-MM-DD date, 1,500-6,000 chars,
    ordered by sha1 of the ID, at most 2 per outlet, the first 30."""
    _shared_or_skip()
    first = _first_set_ids()
    records = []
    with gzip.open(dates_events.ARTICLES, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records.append(
                (record["ID"], record["source"], record.get("date") or "", len(record["content_original"]))
            )
    outlets = {source for id_, source, _, _ in records if id_ in first}
    years = {date[:4] for id_, _, date, _ in records if id_ in first}
    kept = sorted(
        (hashlib.sha1(id_.encode("utf-8")).hexdigest(), id_, source)
        for id_, source, date, size in records
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
        and source not in outlets
        and date[:4] not in years
        and 1500 <= size <= 6000
    )
    per_outlet = Counter[str]()
    sample: list[str] = []
    for _, id_, source in kept:
        if per_outlet[source] < 2 and len(sample) < 30:
            per_outlet[source] += 1
            sample.append(id_)
    assert (len(outlets), len(kept)) == (19, 1057)
    assert sample == list(dict.fromkeys(row.article_id for row in dates_events.read_annotation()))


def _compare_tuning_sample(stories: slice) -> list[str]:
    """The article IDs of those stories of the comparison's tuning set, in file order; of each
    story, the IDs in the order its rows first name them in the `outlet` column."""
    lines = COMPARE_TUNING.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith(("#", "story_id\t"))]
    story_ids = list(dict.fromkeys(row[0] for row in rows))
    assert len(story_ids) == 25
    return [
        outlet
        for story in story_ids[stories]
        for outlet in dict.fromkeys(row[5] for row in rows if row[0] == story)
    ]


@pytest.mark.parametrize(
    ("path", "stories", "size"),
    [
        (dates_events.TUNING_ANNOTATION, slice(18, None), 21),  # the last seven stories
        (dates_events.SECOND_TUNING_ANNOTATION, slice(None, 8), 24),  # the first eight
        (dates_events.THIRD_TUNING_ANNOTATION, slice(8, 18), 30),  # stories 9 to 18
    ],
    ids=["tuning", "tuning2", "tuning3"],
)
def test_each_tuning_sample_is_the_rule_in_its_header(path: Path, stories: slice, size: int) -> None:
    sample = _compare_tuning_sample(stories)
    annotated = dates_events.read_annotation(path)
    assert len(sample) == size
    assert sample == list(dict.fromkeys(row.article_id for row in annotated))


def test_the_tuning_sets_share_no_article() -> None:
    sets = [_ids_of(path) for path in dates_events.TUNING_ANNOTATIONS]
    assert len(sets) == 3 and all(sets)
    for index, one in enumerate(sets):
        for other in sets[index + 1 :]:
            assert not one & other


def test_each_split_reads_its_own_sets_and_only_the_tuning_one_lists_errors() -> None:
    assert dates_events.annotations_of("reporting") == (dates_events.ANNOTATION,)
    assert dates_events.annotations_of("tuning") == (
        dates_events.TUNING_ANNOTATION,
        dates_events.SECOND_TUNING_ANNOTATION,
        dates_events.THIRD_TUNING_ANNOTATION,
    )
    with pytest.raises(ValueError, match="split"):
        dates_events.annotations_of("test")
    with pytest.raises(ValueError, match="tuning split only"):
        dates_events.errors(1, "reporting")


def _fake_loader(
    articles_per_set: int, calls: list[tuple[int | None, Path]]
) -> Callable[[int | None, Path], list[dates_events.Document]]:
    """A stand-in for ``load_documents``: each set holds that many made-up articles, named after
    the set's file; the calls are recorded."""

    def load(limit: int | None, path: Path) -> list[dates_events.Document]:
        calls.append((limit, path))
        count = articles_per_set if limit is None else min(limit, articles_per_set)
        return [(f"{path.stem}-{i}", "2024-03-05", "text", []) for i in range(count)]

    return load


def test_the_tuning_split_reads_the_three_sets_in_turn_and_the_limit_counts_over_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[int | None, Path]] = []
    monkeypatch.setattr(dates_events, "load_documents", _fake_loader(3, calls))
    first, second, third = dates_events.TUNING_ANNOTATIONS

    assert [doc[0] for doc in dates_events.load_split("tuning")] == [
        *(f"{first.stem}-{i}" for i in range(3)),
        *(f"{second.stem}-{i}" for i in range(3)),
        *(f"{third.stem}-{i}" for i in range(3)),
    ]
    assert calls == [(None, first), (None, second), (None, third)]

    calls.clear()
    assert len(dates_events.load_split("tuning", 5)) == 5
    assert calls == [(5, first), (2, second)]  # the third set is not read at all

    calls.clear()
    assert len(dates_events.load_split("tuning", 7)) == 7
    assert calls == [(7, first), (4, second), (1, third)]

    calls.clear()
    assert len(dates_events.load_split("tuning", 2)) == 2
    assert calls == [(2, first)]  # neither later set is read

    calls.clear()
    assert [doc[0] for doc in dates_events.load_split("reporting")] == [
        f"{dates_events.ANNOTATION.stem}-{i}" for i in range(3)
    ]
    assert calls == [(None, dates_events.ANNOTATION)]


def test_the_error_listing_names_each_kind_of_miss_with_its_words() -> None:
    # A hand-made article (our own sentence, no evaluation text) and its offsets:
    #  0 Talks, 6 resumed, 17 Monday, 30 three weeks, 47 again, 60 2019, 65 vote
    text = "Talks resumed on Monday after three weeks, and again at the 2019 vote."
    gold = [
        GoldTime(17, 23, "DATE", "2024-03-04", 6, 13),  # right value, wrong event
        GoldTime(30, 41, "DURATION", "P3W", 6, 13),  # wrong value, right event
        GoldTime(60, 64, "DATE", "2019", 65, 69),  # missed
    ]
    predicted = [
        PredictedTime(17, 23, "2024-03-04", event_start=0, event_end=5),
        PredictedTime(30, 41, "P3D", event_start=6, event_end=13),
        PredictedTime(47, 52, "PRESENT_REF"),  # "again": overlaps no gold
    ]
    lines = article_errors(Scored("doc", "2024-03-05", text, gold, predicted))
    assert lines == [
        "wrong event: 17-23 'Monday' predicted 'Talks' gold 'resumed'",
        "wrong value DURATION: 30-41 'three weeks' predicted P3D gold P3W",
        "missed DATE 2019: 60-64 '2019'",
        "spurious PRESENT_REF: 47-52 'again'",
    ]
    right = [
        PredictedTime(g.start, g.end, g.value, event_start=g.event_start, event_end=g.event_end) for g in gold
    ]
    assert article_errors(Scored("doc", "2024-03-05", text, gold, right)) == []


def test_the_scorer_matches_spans_values_ranges_and_events() -> None:
    # A hand-made document: gold spans and values of our own, no evaluation text.
    gold = [
        GoldTime(0, 6, "DATE", "2020-01-06", 10, 14),  # found, right value, right event
        GoldTime(20, 29, "DURATION", "P5Y", 30, 35),  # found, wrong value, wrong event
        GoldTime(40, 52, "RANGE", "2009/2011", 53, 58),  # found as range_start/range_end, no event
        GoldTime(60, 66, "TIME", "2020-01-06T18:00", None, None),  # found with an offset; dates nothing
        GoldTime(70, 75, "SET", "P1Y", 76, 80),  # missed
        GoldTime(90, 95, "RANGE", "2016-06-15/2016-06-18", 96, 99),  # found as one "a/b" value
    ]
    predicted = [
        PredictedTime(2, 6, "2020-01-06", event_start=12, event_end=13),
        PredictedTime(20, 25, "2015", event_start=0, event_end=4),
        PredictedTime(40, 52, "2009", range_end="2011"),
        PredictedTime(60, 66, "2020-01-06T18:00+00:00", event_start=1, event_end=2),
        PredictedTime(100, 104, "2020"),  # overlaps no gold
        PredictedTime(90, 95, "2016-06-15/2016-06-18"),
    ]
    figures = score([(gold, predicted)])
    assert figures["detection_precision"] == pytest.approx(5 / 6)
    assert figures["detection_recall"] == pytest.approx(5 / 6)
    assert figures["detection_f1"] == pytest.approx(5 / 6)
    assert figures["value_accuracy"] == pytest.approx(4 / 5)
    assert figures["value_accuracy_date"] == 1.0
    assert figures["value_accuracy_duration"] == 0.0
    assert figures["value_accuracy_range"] == 1.0
    assert figures["value_accuracy_time"] == 1.0
    assert figures["value_accuracy_set"] == 0.0  # none found
    assert figures["value_precision"] == pytest.approx(4 / 6)
    assert figures["value_recall"] == pytest.approx(4 / 6)
    assert figures["value_f1"] == pytest.approx(4 / 6)
    # Found gold with an event: the DATE, the DURATION and both RANGEs; only the DATE is attached right.
    assert figures["event_attachment"] == pytest.approx(1 / 4)


def test_a_range_needs_both_ends_and_a_stage_without_events_scores_zero() -> None:
    gold = [GoldTime(0, 9, "RANGE", "2009/2011", 10, 12)]
    assert score([(gold, [PredictedTime(0, 9, "2009")])])["value_accuracy"] == 0.0
    assert score([(gold, [PredictedTime(0, 9, "2009", range_end="2010")])])["value_accuracy"] == 0.0
    assert (
        score([(gold, [PredictedTime(0, 9, None, range_start="2009", range_end="2011")])])["value_accuracy"]
        == 1.0
    )
    assert score([(gold, [PredictedTime(0, 9, "2009/2011")])])["event_attachment"] == 0.0


def test_a_time_expression_without_the_new_fields_is_read_with_none() -> None:
    class Old:
        start, end, value = 3, 7, "P5Y"

    assert dates_events.predicted_of(Old()) == PredictedTime(3, 7, "P5Y")
