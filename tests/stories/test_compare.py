"""Precision and recall on what the corpus plants: quote variants, disagreements, omissions,
facts only one outlet reports — with the model, and with fuzzy matching alone; the traps
that must not be reported; and bad input (one article, 500 copies, no dates, another language)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from spacy.language import Language
from story_corpus import PLANTED, TRAPS, build

from crosswire.mentions.dates.stage import add_times
from crosswire.store.queries.records import StoryMember
from crosswire.stories.compare import compare
from crosswire.stories.disagree import find_disagreements
from crosswire.stories.embed import MiniLM
from crosswire.stories.features import Embedder
from crosswire.stories.record import build_record
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import classify, is_translated, quote_variants, word_diff
from crosswire.types import Article, Mention, Quote, Speaker, TimeExpr

Found = dict[str, set[tuple[object, ...]]]


def findings(embedder: Embedder | None) -> Found:
    articles, gold = build()
    found: Found = {k: set() for k in PLANTED}
    for event in sorted(set(gold.values())):
        story = [a for a in articles if gold[a.id] == event]
        coverage = compare(story, embedder)
        for v in quote_variants(story):
            found["quote_variants"].add((event, *sorted((v.a.outlet, v.b.outlet)), v.kind))
        for d in find_disagreements(story, coverage, embedder=embedder):
            if d.kind == "omission":
                found["omissions"].add((event, d.a.text))
            elif d.b is not None:
                found["disagreements"].add((event, d.kind, *sorted((d.a.text, d.b.text))))
        for fact in coverage.unique():
            found["unique"].add((event, fact.outlets[0], fact.claims[0].text))
    return found


def normalized_planted() -> Found:
    planted: Found = {k: set() for k in PLANTED}
    planted["quote_variants"] = {(e, *sorted((a, b)), k) for e, a, b, k in PLANTED["quote_variants"]}
    planted["disagreements"] = {(e, k, *sorted((a, b))) for e, k, a, b in PLANTED["disagreements"]}
    planted["omissions"] = set(PLANTED["omissions"])
    planted["unique"] = set(PLANTED["unique"])
    return planted


def planted_unique(item: tuple[object, ...]) -> tuple[object, ...] | None:
    """A unique fact is right when that outlet's unique claim contains the planted keyword."""
    event, outlet, text = item
    return next(
        ((e, o, w) for e, o, w in PLANTED["unique"] if (e, o) == (event, outlet) and str(w) in str(text)),
        None,
    )


def scores(found: Found, kind: str) -> tuple[float, float]:
    planted = normalized_planted()[kind]
    if kind == "unique":
        matched = [planted_unique(item) for item in found[kind]]
        right, hits = sum(m is not None for m in matched), {m for m in matched if m is not None}
    else:
        hits = found[kind] & planted
        right = len(hits)
    precision = right / len(found[kind]) if found[kind] else 1.0
    return precision, len(hits) / len(planted)


@pytest.fixture(scope="module", params=["fuzzy", "model"])
def found(request: pytest.FixtureRequest) -> Found:
    if request.param == "fuzzy":
        return findings(None)
    model: MiniLM = request.getfixturevalue("embedder")
    return findings(model)


@pytest.mark.parametrize("kind", ["quote_variants", "disagreements", "omissions", "unique"])
def test_precision_and_recall_of_planted(found: Found, kind: str) -> None:
    precision, recall = scores(found, kind)
    assert recall == 1.0, (kind, found[kind])
    assert precision >= 0.75, (kind, found[kind])


def test_traps_are_not_reported(found: Found) -> None:
    for kind, traps in TRAPS.items():
        shaped = {(t[0], t[1], *sorted(t[2:])) for t in traps} if kind == "disagreements" else traps
        assert not found[kind] & shaped, kind


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("We will rebuild the bridge.", "we will rebuild the bridge", "verbatim"),
    ("We will rebuild the bridge by spring, whatever it costs.", "We will rebuild the bridge", "truncated"),
    ("The bridge will be rebuilt by spring", "We will rebuild the bridge by spring", "paraphrased"),
    ("Taxes are going up next year", "We will rebuild the bridge", None),
])  # fmt: skip
def test_classify_quote_renderings(a: str, b: str, kind: str | None) -> None:
    result = classify(a, b, StorySettings())
    assert (result[0] if result else None) == kind


def _plain(outlet: str, text: str) -> Article:
    return Article(id=outlet, text=text, source="x", outlet=outlet)


@pytest.mark.parametrize(("a", "b", "expected"), [
    # two figures in one clause: each meets its own counterpart, spelled out or not
    ("Two people were killed and 14 others injured when the span fell.",
     "The span fell, killing two people and injuring 16.", {("14", "16")}),
    # a lower bound another figure satisfies; an estimate within a tenth
    ("At least 14 people were injured when the span fell.",
     "Sixteen people were injured when the span fell.", set()),
    ("About 300 homes lost power after the storm.", "Some 310 homes lost power after the storm.", set()),
    # scale words: 1.2 and 1.4 billion are the figures, not 1.2 and 1.4
    ("Velmar demands a flow of 1.2 billion cubic meters a year.",
     "Velmar demands a flow of 1.4 billion cubic meters a year.", {("1.2 billion", "1.4 billion")}),
    # a score or a record is no count; counts of different things are no disagreement
    ("The team lost 88-72 and fell to 9-14 for the season.",
     "The team lost 88-70 and fell to 9-15 for the season.", set()),
    ("Crews rescued 12 passengers from the ferry.", "Crews rescued 12 crew members and 30 cars.", set()),
])  # fmt: skip
@pytest.mark.parametrize("mode", ["fuzzy", "model"])
def test_figures_meet_the_figure_in_the_same_slot(
    a: str, b: str, expected: set[tuple[str, str]], mode: str, request: pytest.FixtureRequest
) -> None:
    model: Embedder | None = request.getfixturevalue("embedder") if mode == "model" else None
    story = [_plain("One", a), _plain("Two", b)]
    found = find_disagreements(story, compare(story, model), embedder=model)
    assert {(d.a.text, d.b.text) for d in found if d.kind == "number" and d.b} == expected


def test_reworded_translations_are_translated_but_copies_stay_verbatim() -> None:
    settings = StorySettings()
    reworded = ("We have waited forty years for this river", "For forty years we waited for the river")
    about_76: object = pytest.approx(76, abs=20)  # object: mypy cannot compare a float with approx
    assert classify(*reworded, settings, translated=True) == ("translated", about_76)
    assert classify(*reworded, settings)[0] == "paraphrased"  # type: ignore[index]
    same = ("We will not yield.", "we will not yield")
    assert classify(*same, settings, translated=True)[0] == "verbatim"  # type: ignore[index]


def _said(sentence: str, before: str = "") -> bool:
    text = f"{before}{sentence}"
    words = "We will not yield"
    at = text.index(words)
    quote = Quote(words, at, at + len(words), "direct", "said", Speaker("Mira Kestel", "E-k", None, "person"))
    return is_translated(Article(id="t", text=text, source="x"), quote)


@pytest.mark.parametrize(("sentence", "translated"), [
    ("\u201cWe will not yield,\u201d the minister said through an interpreter.", True),
    ("\u201cWe will not yield,\u201d she said in Korean.", True),
    ("\u201cWe will not yield,\u201d Kestel said in Ostranian at the border.", True),
    ("\u201cWe will not yield,\u201d Kestel told state television.", True),
    ("\u201cWe will not yield,\u201d she said, according to a translation by the agency.", True),
    ("\u201cWe will not yield,\u201d the minister said in Brussels.", False),
    ("\u201cWe will not yield,\u201d the minister said in English.", False),
    ("\u201cWe will not yield,\u201d the minister said in a statement.", False),
    ("The translation of the treaty took months. \u201cWe will not yield,\u201d she said.", False),
])  # fmt: skip
def test_translation_cues(sentence: str, translated: bool) -> None:
    assert _said(sentence) is translated


def test_a_cue_naming_the_speaker_elsewhere_translates_her_quotes() -> None:
    quote = "\u201cWe will not yield,\u201d she said."
    assert _said(quote, "Kestel spoke in Velmari through an interpreter.\n\n")
    assert not _said(quote, "Brand spoke through an interpreter.\n\n")


def test_word_diff_marks_only_what_changed() -> None:
    assert word_diff("we will not reopen", "we will reopen") == [
        ("equal", "we will", "we will"),
        ("delete", "not", ""),
        ("equal", "reopen", "reopen"),
    ]


def test_a_story_of_one_article_compares_to_nothing() -> None:
    articles, _ = build()
    coverage = compare(articles[:1])
    assert coverage.unique() == [] and quote_variants(articles[:1]) == []
    assert find_disagreements(articles[:1], coverage) == []


def test_five_hundred_unmarked_copies_are_compared_capped_and_agree() -> None:
    articles, _ = build()
    original = articles[0]
    copies = [replace(original, id=f"c{n}", outlet=f"Reprint {n}") for n in range(500)]
    story = [original, *copies]
    coverage = compare(story)
    assert len(coverage.outlets) == StorySettings().max_articles_compared
    assert coverage.unique() == [] and find_disagreements(story, coverage) == []
    assert {v.kind for v in quote_variants(story)} == {"verbatim"}


def test_undated_articles_compare_on_content() -> None:
    articles, gold = build()
    ferry = [replace(a, published=None, times=[]) for a in articles if gold[a.id] == "ferry"]
    members = [(a, StoryMember(a.id, 1.0, True)) for a in ferry]
    record = build_record({"id": "s", "title": "t"}, members, None, StorySettings())
    assert record["timeline"] == []
    kinds = {d["kind"] for d in record["disagreements"]}
    assert "number" in kinds and "date" not in kinds



def test_copies_are_not_a_second_source() -> None:
    articles, _ = build()
    original = articles[3]
    copies = [
        Article(
            id=f"c{n}",
            text=original.text,
            source="x",
            outlet=f"Reprint {n}",
            sentences=original.sentences,
            near_duplicate_of=original.id,
        )
        for n in range(500)
    ]
    coverage = compare([original, *copies])
    assert coverage.outlets == [original.outlet]


def test_empty_and_foreign_articles_do_not_crash(embedder_or_none: Callable[[], Embedder | None]) -> None:
    foreign = Article(
        id="de",
        text="Die Fähre brannte am Montag. Vierzehn Fahrgäste wurden verletzt, hieß es.",
        source="x",
        outlet="Zeitung",
    )
    empty = Article(id="e", text="", source="y", outlet="Blank")
    articles, _ = build()
    story = [articles[0], articles[1], foreign, empty]
    coverage = compare(story, embedder_or_none())
    assert "Zeitung" in coverage.outlets
    # German claims were never comparable with English ones: not "only Zeitung reports" them
    assert all(c.outlet != "Zeitung" for f in coverage.unique() for c in f.claims)
    found = find_disagreements(story, coverage)
    assert all("Zeitung" not in (d.a.outlet, *d.missing_from) for d in found)


@pytest.fixture
def embedder_or_none() -> Callable[[], Embedder | None]:
    from crosswire.stories.embed import load_embedder

    return load_embedder


def _dated(outlet: str, text: str, when: str, day: str, event: str,
           names: tuple[tuple[str, str], ...] = ()) -> Article:
    """One outlet's sentence with the day it states and the event word that day dates, as the
    dates stage records them; ``names`` are (name, label) mentions in it."""
    at, verb = text.index(when), text.index(event)
    article = _plain(outlet, text)
    article.times = [TimeExpr(when, at, at + len(when), day, "DATE", 0, len(text),
                              event_start=verb, event_end=verb + len(event))]
    article.mentions = [Mention(name, text.index(name), text.index(name) + len(name), label)
                        for name, label in names]
    return article


def _date_conflicts(story: list[Article]) -> set[tuple[str, str]]:
    found = find_disagreements(story, compare(story))
    return {(d.a.text, d.b.text) for d in found if d.kind == "date" and d.b}


def test_one_event_on_two_days_is_a_date_conflict() -> None:
    story = [
        _dated("One", "The regional council approved the harbour budget on Tuesday.", "Tuesday",
               "2024-05-07", "approved"),
        _dated("Two", "The regional council approved the harbour budget on Wednesday.", "Wednesday",
               "2024-05-08", "approved"),
    ]
    assert _date_conflicts(story) == {("Tuesday", "Wednesday")}


def test_an_event_word_named_in_the_other_clause_aligns() -> None:
    story = [
        _dated("One", "The council vote on the harbour budget came on Tuesday.", "Tuesday",
               "2024-05-07", "vote"),
        _dated("Two", "The council held its vote on the harbour budget on Wednesday.", "Wednesday",
               "2024-05-08", "held"),
    ]
    assert _date_conflicts(story) == {("Tuesday", "Wednesday")}


def test_two_events_on_two_days_are_no_conflict() -> None:
    story = [
        _dated("One", "The regional council approved the harbour budget on Tuesday.", "Tuesday",
               "2024-05-07", "approved"),
        _dated("Two", "The regional council will debate the harbour budget on Wednesday.", "Wednesday",
               "2024-05-08", "debate"),
    ]
    assert _date_conflicts(story) == set()


def test_one_event_of_two_different_actors_is_no_conflict() -> None:
    story = [
        _dated("One", "Harlow Rail opened its new freight depot on Tuesday.", "Tuesday", "2024-05-07",
               "opened", (("Harlow Rail", "ORG"),)),
        _dated("Two", "Vossen Freight opened its new freight depot on Wednesday.", "Wednesday",
               "2024-05-08", "opened", (("Vossen Freight", "ORG"),)),
    ]
    assert _date_conflicts(story) == set()


@pytest.mark.slow
def test_dates_stage_events_keep_a_second_event_out_of_the_conflicts(nlp: Language) -> None:
    # The walkout is one event on two days; the reopening and the inspection are two events.
    texts = ("Harbour workers walked off the job on Tuesday. The port authority reopened the east "
             "terminal on Wednesday.",
             "Harbour workers walked off the job on Monday. The port authority will inspect the east "
             "terminal on Thursday.")
    story = [Article(id=o, text=t, source="x", outlet=o, published="2024-05-10")
             for o, t in zip(("One", "Two"), texts, strict=True)]
    for article in story:
        add_times(nlp(article.text), article)
    assert _date_conflicts(story) == {("Tuesday", "Monday")}
