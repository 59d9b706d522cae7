"""How the tagger's CoNLL names and spaCy's OntoNotes mentions are combined. The tagger's
output is written by hand (names, kinds, confidences), so each rule is pinned whatever the
shipped weights say."""

from __future__ import annotations

import pytest

from crosswire.mentions.entities.combine import ADDITIONS, Thresholds, combine, compatible, fine_label
from crosswire.mentions.entities.model import Found, Tagged, found_names
from crosswire.types import Mention

LIMITS = Thresholds(overrule=0.8, respan=0.7, add=0.7, drop=0.9)


def _at(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def _found(text: str, name: str, kind: str, confidence: float) -> Found:
    return Found(*_at(text, name), kind, confidence)


def _mention(text: str, name: str, label: str) -> Mention:
    return Mention(name, *_at(text, name), label)


def _outside(text: str, confidence: float) -> list[Tagged]:
    """Every word of ``text`` tagged O with ``confidence``."""
    tagged, at = [], 0
    for word in text.split():
        start = text.index(word, at)
        tagged.append(Tagged(start, start + len(word), "O", confidence))
        at = start + len(word)
    return tagged


def _combined(text: str, mentions: list[Mention], found: list[Found],
              outside: float = 0.5) -> set[tuple[str, str]]:
    result = combine(text, mentions, found, _outside(text, outside), set(), LIMITS)
    return {(m.text, m.label) for m in result}


TEXT = "Calder Rovers beat Ostrania at the Halden Cup, said Mara Quillon of Brinmoor."


@pytest.mark.parametrize(("mention", "found", "expected"), [
    # Compatible kinds: spaCy's finer label stays.
    (("Halden Cup", "EVENT"), ("Halden Cup", "MISC", 0.99), ("Halden Cup", "EVENT")),
    (("Brinmoor", "FAC"), ("Brinmoor", "LOC", 0.99), ("Brinmoor", "FAC")),
    # A conflict: the tagger wins when sure ...
    (("Calder Rovers", "PERSON"), ("Calder Rovers", "ORG", 0.95), ("Calder Rovers", "ORG")),
    (("Mara Quillon", "ORG"), ("Mara Quillon", "PER", 0.9), ("Mara Quillon", "PERSON")),
    # ... and spaCy keeps its label when the tagger is not.
    (("Calder Rovers", "PERSON"), ("Calder Rovers", "ORG", 0.6), ("Calder Rovers", "PERSON")),
    # Boundaries: the tagger's span wins, with the finer label of what it replaces.
    (("Calder", "GPE"), ("Calder Rovers", "ORG", 0.9), ("Calder Rovers", "ORG")),
    (("Halden", "EVENT"), ("Halden Cup", "MISC", 0.9), ("Halden Cup", "EVENT")),
])
def test_kinds_and_spans(mention: tuple[str, str], found: tuple[str, str, float],
                         expected: tuple[str, str]) -> None:
    combined = _combined(TEXT, [_mention(TEXT, *mention)], [_found(TEXT, *found)])
    assert combined == {expected}


def test_names_spacy_missed_are_added_when_sure() -> None:
    found = [_found(TEXT, "Halden Cup", "MISC", 0.9), _found(TEXT, "Ostrania", "LOC", 0.5)]
    assert _combined(TEXT, [], found) == {("Halden Cup", "EVENT")}


def test_a_cut_name_is_joined_into_the_taggers_span() -> None:
    text = "Commission chief Mirela von der Hagen arrived."
    mentions = [_mention(text, "Mirela von", "PERSON"), _mention(text, "Hagen", "GPE")]
    found = [_found(text, "Mirela von der Hagen", "PER", 0.85)]
    assert _combined(text, mentions, found) == {("Mirela von der Hagen", "PERSON")}


@pytest.mark.parametrize(("outside", "kept"), [(0.95, False), (0.6, True)])
def test_a_name_the_tagger_is_sure_is_none_is_dropped(outside: float, kept: bool) -> None:
    text = "Slideshow opened the evening in Calder."
    mentions = [_mention(text, "Slideshow", "PERSON"), _mention(text, "evening", "TIME")]
    combined = _combined(text, mentions, [], outside=outside)
    assert (("Slideshow", "PERSON") in combined) is kept
    assert ("evening", "TIME") in combined  # not a name: never the tagger's to drop


def test_compatible_and_fine_labels() -> None:
    assert compatible("LOC", "GPE") and compatible("MISC", "NORP") and not compatible("PER", "ORG")
    text = "Velmarian fans at the Tirrell Open near Karsk Bridge"
    assert fine_label(text, _found(text, "Velmarian", "MISC", 1.0)) == "NORP"
    assert fine_label(text, _found(text, "Tirrell Open", "MISC", 1.0)) == "EVENT"
    assert fine_label(text, _found(text, "Karsk Bridge", "LOC", 1.0)) == "FAC"


def test_found_names_reads_bio_tags() -> None:
    sentence = [Tagged(0, 5, "B-PER", 0.9), Tagged(6, 9, "I-PER", 0.8), Tagged(10, 12, "O", 1.0),
                Tagged(13, 17, "I-ORG", 0.7), Tagged(18, 20, "B-ORG", 0.6)]
    assert found_names([sentence]) == [Found(0, 9, "PER", 0.8), Found(13, 17, "ORG", 0.7),
                                       Found(18, 20, "ORG", 0.6)]


def test_a_bare_place_is_a_gpe_unless_its_head_says_otherwise() -> None:
    text = "Talks in Mirrow near the Serrin River"
    assert fine_label(text, _found(text, "Mirrow", "LOC", 1.0)) == "GPE"
    assert fine_label(text, _found(text, "Serrin River", "LOC", 1.0)) == "LOC"


def test_a_hyphenated_name_is_not_cut_and_a_sure_shorter_span_wins() -> None:
    text = "Leader Kim Jong-un met Mara Quillon Friday."
    mentions = [_mention(text, "Kim Jong-un", "PERSON"), _mention(text, "Mara Quillon Friday", "ORG")]
    found = [_found(text, "Kim Jong", "PER", 0.95), _found(text, "Mara Quillon", "PER", 0.95)]
    assert _combined(text, mentions, found) == {("Kim Jong-un", "PERSON"), ("Mara Quillon", "PERSON")}


def test_a_name_cut_at_a_hyphen_is_widened_to_the_whole_word() -> None:
    text = "Leader Kim Jong-un spoke."
    assert _combined(text, [], [_found(text, "Kim Jong", "PER", 0.95)]) == {("Kim Jong-un", "PERSON")}


def test_a_capital_after_a_hyphen_starts_another_name() -> None:
    text = "The Velmar-Ostrania talks ended."
    assert _combined(text, [], [_found(text, "Velmar", "LOC", 0.95)]) == {("Velmar", "GPE")}


def _added_only(mentions: list[Mention], found: list[Found], outside: float = 0.99) -> set[tuple[str, str]]:
    result = combine(TEXT, mentions, found, _outside(TEXT, outside), set(), ADDITIONS)
    return {(m.text, m.label) for m in result}


def test_the_shipped_additions_add_only_sure_orgs_and_people() -> None:
    found = [_found(TEXT, "Calder Rovers", "ORG", 0.95), _found(TEXT, "Mara Quillon", "PER", 0.92),
             _found(TEXT, "Ostrania", "LOC", 0.99), _found(TEXT, "Halden Cup", "MISC", 0.99),
             _found(TEXT, "Brinmoor", "ORG", 0.8)]
    assert _added_only([], found) == {("Calder Rovers", "ORG"), ("Mara Quillon", "PERSON")}


@pytest.mark.parametrize(("mention", "found"), [
    (("Calder Rovers", "PERSON"), ("Calder Rovers", "ORG", 0.99)),   # no relabel
    (("Calder", "GPE"), ("Calder Rovers", "ORG", 0.99)),             # no respan
    (("Brinmoor", "ORG"), None),                                     # no drop
])
def test_the_shipped_additions_leave_spacys_names_alone(mention: tuple[str, str],
                                                         found: tuple[str, str, float] | None) -> None:
    names = [_found(TEXT, *found)] if found else []
    assert _added_only([_mention(TEXT, *mention)], names) == {mention}
