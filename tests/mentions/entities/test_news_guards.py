"""The guards the tagger's correction (``combine.THRESHOLDS``, ``Settings.entity_model``)
keeps for news: which changes of type it may make, and what it leaves to spaCy. The
tagger's output is written by hand, so each guard is pinned whatever the shipped weights
say; ``FULL`` (unguarded) is the contrast."""

from __future__ import annotations

import pytest

from crosswire.mentions.entities.combine import FULL, THRESHOLDS, Thresholds, combine
from crosswire.mentions.entities.model import Found, Tagged
from crosswire.types import Mention


def _at(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def _combined(text: str, mentions: list[tuple[str, str]], found: list[tuple[str, str, float]],
              limits: Thresholds = THRESHOLDS) -> set[tuple[str, str]]:
    spacy = [Mention(name, *_at(text, name), label) for name, label in mentions]
    tagger = [Found(*_at(text, name), kind, confidence) for name, kind, confidence in found]
    # Every word tagged O, unsure: nothing is dropped.
    tagged = [Tagged(*_at(text, w), "O", 0.5) for w in dict.fromkeys(text.split())]
    return {(m.text, m.label) for m in combine(text, spacy, tagger, tagged, set(), limits)}


@pytest.mark.parametrize(("sentence", "spacy", "tagger", "shipped"), [
    # Changes of type it may make: a company spaCy took for a place or a person.
    ("Shares of Pellmark rose.", ("Pellmark", "GPE"), ("Pellmark", "ORG"), "ORG"),
    ("Orsolya Venn hired staff.", ("Orsolya Venn", "ORG"), ("Orsolya Venn", "PER"), "PERSON"),
    # And those it may not: the seat of a government is no place here, a movement no
    # nationality, an index no event, a retailer no person.
    ("The Amber Hall said no.", ("Amber Hall", "ORG"), ("Amber Hall", "LOC"), "ORG"),
    ("The Velkari fought on.", ("Velkari", "ORG"), ("Velkari", "MISC"), "ORG"),
    ("The Trask Index rose.", ("Trask Index", "ORG"), ("Trask Index", "MISC"), "ORG"),
    ("Tolvane cut prices.", ("Tolvane", "GPE"), ("Tolvane", "PER"), "GPE"),
    # An event its head word names stays an event.
    ("The Marrow Open began.", ("Marrow Open", "ORG"), ("Marrow Open", "MISC"), "EVENT"),
])
def test_only_chosen_changes_of_type_are_made(sentence: str, spacy: tuple[str, str], tagger: tuple[str, str],
                                           shipped: str) -> None:
    found = [(tagger[0], tagger[1], 0.99)]
    assert (spacy[0], shipped) in _combined(sentence, [spacy], found)


def test_the_unguarded_correction_changes_any_type() -> None:
    sentence = "The Amber Hall said no."
    found = [("Amber Hall", "LOC", 0.99)]
    assert ("Amber Hall", "GPE") in _combined(sentence, [("Amber Hall", "ORG")], found, FULL)


def test_a_new_span_keeps_spacys_type_where_the_change_is_not_allowed() -> None:
    sentence = "It was said by Mr. Fennick on the quay."
    found = [("Mr. Fennick", "LOC", 0.99)]
    assert _combined(sentence, [("Fennick", "PERSON")], found) == {("Mr. Fennick", "PERSON")}


def test_a_title_case_headline_is_left_to_spacy() -> None:
    text = "Harbour Board Vows Sweeping Changes After Storm\n\nThe Harbour Board met Monday."
    found = [("Sweeping Changes", "PER", 0.99), ("Vows", "ORG", 0.99)]
    assert _combined(text, [("Harbour Board", "ORG")], found) == {("Harbour Board", "ORG")}
    assert ("Sweeping Changes", "PERSON") in _combined(text, [("Harbour Board", "ORG")], found, FULL)


@pytest.mark.parametrize("line", ["PELLMARK BUYS CALDER ROVERS STAKE", "Calder Rovers 3 Ostrania United 1"])
def test_a_wire_headline_in_capitals_and_a_results_row_are_not_title_case(line: str) -> None:
    # The tagger learnt from both: it may add names there.
    text = f"{line}\nThe rest."
    name = "CALDER ROVERS" if line.isupper() else "Calder Rovers"
    assert (name, "ORG") in _combined(text, [], [(name, "ORG", 0.99)])


@pytest.mark.parametrize(("sentence", "spacy", "tagger"), [
    # A known place, or one of several words, is not cut ...
    ("Voters in North Carolina agreed.", [("North Carolina", "GPE")], ("Carolina", "LOC")),
    ("Ships left the Port of Tarrow Bay.", [("Port of Tarrow Bay", "FAC")], ("Tarrow Bay", "LOC")),
    # ... two places are not run into one ...
    ("The Velmar-Ostrania border closed.", [("Velmar", "GPE"), ("Ostrania", "GPE")],
     ("Velmar-Ostrania", "MISC")),
    # ... nor two names joined at a hyphen.
    ("The Fennick-Odell feud went on.", [("Fennick", "PERSON"), ("Odell", "PERSON")],
     ("Fennick-Odell", "ORG")),
])
def test_what_spacy_read_whole_is_not_broken(sentence: str, spacy: list[tuple[str, str]],
                                              tagger: tuple[str, str]) -> None:
    assert _combined(sentence, spacy, [(tagger[0], tagger[1], 0.99)]) == set(spacy)


@pytest.mark.parametrize("tagged", ["Velmar-led", "Velmar"])
def test_a_hyphenated_adjective_is_not_typed_as_a_name(tagged: str) -> None:
    sentence = "The Velmar-led talks stalled."
    combined = _combined(sentence, [("Velmar", "GPE")], [(tagged, "MISC", 0.99)])
    assert combined == {("Velmar", "GPE")}


@pytest.mark.parametrize("junk", ["Fennick Orla Fennick", "Fennick OrlaGOP"])
def test_glued_or_repeated_words_are_no_name(junk: str) -> None:
    sentence = f"Tags: {junk} more."
    assert _combined(sentence, [], [(junk, "PER", 0.99)]) == set()
    assert _combined(sentence, [(junk.split()[0], "PERSON")], [(junk, "PER", 0.99)]) == {
        (junk.split()[0], "PERSON")}


def test_the_guarded_correction_ships_and_the_setting_turns_it_off(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Deliberately changed (issue #24): the guarded correction ships on; "0" falls back to
    # the sure additions.
    from crosswire.mentions.entities.combine import ADDITIONS
    from crosswire.mentions.entities.stage import model_limits, model_settings

    for value, expected in ((None, THRESHOLDS), ("1", THRESHOLDS), ("0", ADDITIONS)):
        if value is None:
            monkeypatch.delenv("CROSSWIRE_ENTITY_MODEL", raising=False)
        else:
            monkeypatch.setenv("CROSSWIRE_ENTITY_MODEL", value)
        model_settings.cache_clear()
        assert model_limits(None) is expected
    model_settings.cache_clear()
