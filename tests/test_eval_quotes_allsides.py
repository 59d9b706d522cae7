"""bench/eval/allsides_quotes.tsv (blind), allsides_quotes_tuning.tsv and their scorer: the files'
form, their spans, the sample rules, the matching rule and the tuning split's error listing.

The spans are checked against ../shared when it is here (skipped when not); the scorer's rule
and its error lines are checked on a made-up article, so no evaluation text is read or printed
by these tests.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

# bench/ is a package beside tests/, not an installed one: import it from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.eval.quotes_allsides import (
    ANNOTATION,
    ARTICLES,
    KINDS,
    TUNING_ANNOTATION,
    Document,
    Predicted,
    Utterance,
    annotation_of,
    document_errors,
    errors,
    gold_of,
    parse_row,
    read_annotation,
    read_records,
    score,
)

DATES_SET = ANNOTATION.with_name("allsides_dates.tsv")
COMPARE_TUNING = ANNOTATION.with_name("allsides_compare_tuning.tsv")
BLIND_SETS = [ANNOTATION, DATES_SET] + [
    ANNOTATION.with_name(f"allsides_{name}.tsv") for name in ("dates2", "compare")
]  # fmt: skip
POLNEAR_OUTLETS = {
    "breitbart.com", "huffingtonpost.com", "nytimes.com", "politico.com", "usatoday.com",
    "washingtonpost.com", "westernjournal.com", "wsj.com",
}  # fmt: skip


def test_the_annotation_is_well_formed_and_apart_from_the_dates_set() -> None:
    rows = read_annotation()
    assert len(rows) >= 30
    dates_ids = {line.split("\t")[0] for line in DATES_SET.read_text(encoding="utf-8").splitlines()}
    assert not set(rows) & dates_ids
    kinds = Counter(r.kind for article in rows.values() for r in article)
    assert all(kinds[k] > 0 for k in KINDS)
    for article_id, article in rows.items():
        assert re.fullmatch(r"[A-Za-z0-9]{16}", article_id)
        ids = [r.utt_id for r in article if r.kind != "none"]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[0-9a-f]{8}", r.content_sha1_8) for r in article if r.kind != "none")
        assert all((r.speaker is None) == (r.speaker_status == "none") for r in article)


@pytest.mark.parametrize(
    "line",
    [
        "a\tu01\tdirect\t5-9\tabcdef12\tnamed\t-\t-\t-\t-\t-\t-",  # named without a span
        "a\tu01\tquoted\t5-9\tabcdef12\tnone\t-\t-\t-\t-\t-\t-",  # no such kind
        "a\tu01\tdirect\t9-5\tabcdef12\tnone\t-\t-\t-\t-\t-\t-",  # reversed span
        "a\tu01\tdirect\t5-9;7-12\tabcdef12\tnone\t-\t-\t-\t-\t-\t-",  # parts overlap
        "a\tu01\tdirect\t5-9\tabcdef12\tnone\t-\t-\t-\t-\t-",  # a column short
    ],
)
def test_a_malformed_row_is_refused(line: str) -> None:
    with pytest.raises(ValueError):
        parse_row(line)


def test_each_split_scores_its_own_file_and_only_the_tuning_split_lists_errors() -> None:
    assert annotation_of("reporting") == ANNOTATION and annotation_of("tuning") == TUNING_ANNOTATION
    with pytest.raises(ValueError, match="never listed"):
        errors(None, split="reporting")  # refused before any article is read


def _tuning_sample() -> list[str]:
    """The tuning set's sample rule: stories 9-18 of the comparison's tuning set, all 3 articles."""
    stories: dict[str, list[str]] = {}
    for line in COMPARE_TUNING.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("story_id\t"):
            continue
        story, outlet = line.split("\t")[0], line.split("\t")[5]
        if outlet not in stories.setdefault(story, []):
            stories[story].append(outlet)
    return [article for story in list(stories)[8:18] for article in stories[story]]


def test_the_tuning_set_is_well_formed_follows_its_sample_rule_and_stays_out_of_blind_sets() -> None:
    rows = read_annotation(TUNING_ANNOTATION)
    assert list(rows) == _tuning_sample() and len(rows) == 30
    kinds = Counter(r.kind for article in rows.values() for r in article)
    assert all(kinds[k] > 0 for k in KINDS)
    for article in rows.values():
        ids = [r.utt_id for r in article]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[0-9a-f]{8}", r.content_sha1_8) for r in article if r.kind != "none")
    for blind in BLIND_SETS:
        text = blind.read_text(encoding="utf-8")
        assert not [a for a in rows if a in text], blind.name


@pytest.mark.parametrize("path", [ANNOTATION, TUNING_ANNOTATION], ids=["reporting", "tuning"])
def test_every_span_is_where_it_was(path: Path) -> None:
    if not ARTICLES.exists():
        pytest.skip(f"{ARTICLES} is not here")
    annotation = read_annotation(path)
    records = read_records(annotation)
    assert set(records) == set(annotation)
    for article_id, rows in annotation.items():
        text = records[article_id]["content_original"]
        for g in gold_of(text, rows):  # raises when a stored hash no longer matches its span
            for a, b in g.parts + g.via + ([g.speaker] if g.speaker else []):
                assert text[a:b] and text[a:b] == text[a:b].strip(), (article_id, a, b)


def test_the_blind_sample_rule_holds() -> None:
    if not ARTICLES.exists():
        pytest.skip(f"{ARTICLES} is not here")
    records = read_records(read_annotation())
    outlets = Counter(".".join(r["source_url"].lower().split(".")[-2:]) for r in records.values())
    assert max(outlets.values()) <= 3 and not set(outlets) & POLNEAR_OUTLETS
    for r in records.values():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert 1500 <= len(r["content_original"]) <= 5000 and re.search('["“”]', r["content_original"])


def _span(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def test_the_scorer_counts_utterances_speakers_and_vias_by_the_rule() -> None:
    text = (
        'Bob Stone runs the town. Ann Lee said "we will build it," and "soon." '
        "The mayor told the Gazette that taxes would fall. "
        'Ann Lee added: "It is paid for." Critics say the plan is "a fantasy" for now. '
        'It is a "scare" word.'
    )
    bob, ann, gazette = _span(text, "Bob Stone"), _span(text, "Ann Lee"), _span(text, "Gazette")
    built, soon, paid = _span(text, "we will build it,"), _span(text, "soon."), _span(text, "It is paid for.")
    taxes, plan = _span(text, "taxes would fall"), _span(text, 'the plan is "a fantasy"')
    gold = [
        Utterance("direct", [built, soon], True, ann, "Ann Lee"),  # one utterance, two parts
        Utterance("indirect", [taxes], True, bob, "Bob Stone", [gazette], ["Gazette"]),
        Utterance("direct", [paid], True, ann, "Ann Lee"),
        Utterance("mixed", [plan], False),
    ]
    predicted = [
        Predicted("direct", [built], (ann[0], ann[1]), "Ann Lee"),  # 17 of 22 characters: found
        Predicted("indirect", [taxes], None, None, [(*gazette, "the Gazette")]),  # no speaker: abstains
        Predicted("direct", [paid], None, "Bob Stone"),  # found, wrong speaker
        Predicted("direct", [_span(text, "a fantasy")]),  # inside the mixed one: right, finds nothing
        Predicted("direct", [_span(text, "scare")]),  # a scare quote: wrong
    ]
    figures = score([Document("made-up", text, gold, predicted)])
    assert figures == {
        "direct_recall": 1.0,
        "quote_precision": 4 / 5,
        "reported_recall": 1 / 2,
        "reported_precision": 1.0,
        "speaker_accuracy": 1 / 2,
        "speaker_coverage": 2 / 3,
        "direct_speaker_accuracy": 1 / 2,
        "reported_speaker_accuracy": 0.0,
        "via_accuracy": 1.0,
    }


def test_a_quote_covered_less_than_half_is_not_found() -> None:
    text = 'She said "one two three four five six" today.'
    whole = _span(text, "one two three four five six")
    gold = [Utterance("direct", [whole], True, (0, 3), "She")]
    figures = score([Document("made-up", text, gold, [Predicted("direct", [_span(text, "one two")])])])
    assert figures["direct_recall"] == 0.0 and figures["quote_precision"] == 1.0


def test_the_tuning_errors_name_each_miss_false_quote_wrong_speaker_and_via() -> None:
    text = (
        'Ann Lee told the Gazette that rents would rise. "We are ready," said Bob Stone. '
        'Cal Diaz said the vote was close. Someone wrote "fine" on a wall.'
    )
    ann, bob, gazette = _span(text, "Ann Lee"), _span(text, "Bob Stone"), _span(text, "Gazette")
    rents, ready = _span(text, "rents would rise"), _span(text, "We are ready,")
    gold = [
        Utterance("indirect", [rents], True, ann, "Ann Lee", [gazette], ["Gazette"]),
        Utterance("direct", [ready], True, bob, "Bob Stone"),
        Utterance("indirect", [_span(text, "the vote was close")], True, _span(text, "Cal Diaz"), "Cal Diaz"),
    ]
    predicted = [
        Predicted("indirect", [rents], ann, "Ann Lee"),  # right speaker, no via
        Predicted("direct", [ready], ann, "Ann Lee"),  # wrong speaker
        Predicted("direct", [_span(text, "fine")], None, None),  # not an utterance
    ]
    lines = document_errors(Document("made-up", text, gold, predicted))
    assert lines == [
        "false quote (direct, speaker None): 'fine'",
        "wrong via none (gold ['Gazette']): 'rents would rise'",
        "wrong speaker 'Ann Lee' (gold 'Bob Stone'): 'We are ready,'",
        "missed indirect quote (speaker 'Cal Diaz'): 'the vote was close'",
    ]
