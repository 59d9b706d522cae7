"""Acronyms linked to the name an article gives them: in brackets, letters from inside the
words (Schwartz–Hearst); without brackets, the one name whose initials they are."""

from __future__ import annotations

import pytest

from crosswire.mentions.entities.acronyms import defines, link_acronyms
from crosswire.types import Mention


@pytest.mark.parametrize(("expansion", "acronym", "fits"), [
    ("Norland Airways", "NAW", True),              # letters inside a word, in order
    ("Tarrow Electric Power Company", "TEPCO", True),
    ("Velmar Security Council", "VSC", True),       # initials
    ("Federal Grain Board", "FBI", False),
    ("Velmar Union", "UV", False),                  # the first letter must start the name
    ("Port", "PT", False),                          # one word is no expansion
])
def test_defines(expansion: str, acronym: str, fits: bool) -> None:
    assert defines(expansion, acronym) is fits


def _mentions(text: str, names: list[str], label: str = "ORG") -> list[Mention]:
    found, start = [], 0
    for name in names:
        start = text.index(name, start)
        found.append(Mention(name, start, start + len(name), label))
        start += len(name)
    return found


def test_a_bracketed_acronym_stands_for_its_name_everywhere_in_the_article() -> None:
    text = "Norland Airways (NAW) cancelled flights. Later NAW blamed a strike."
    linked = link_acronyms(text, _mentions(text, ["Norland Airways", "NAW"]))
    assert sorted((m.start, m.canonical) for m in linked if m.text == "NAW") == [
        (17, "Norland Airways"), (text.rindex("NAW"), "Norland Airways")]


def test_an_acronym_spelled_out_elsewhere_in_the_article_stands_for_that_name() -> None:
    text = ("The VFTA talks resumed. The Velmar Free Trade Association, founded in 1990, met "
            "the Velmar Fishing Board.")
    mentions = _mentions(text, ["VFTA", "Velmar Free Trade Association", "Velmar Fishing Board"])
    [acronym] = [m for m in link_acronyms(text, mentions) if m.text == "VFTA"]
    assert acronym.canonical == "Velmar Free Trade Association"


def test_a_short_or_ambiguous_acronym_without_brackets_stays_itself() -> None:
    text = "The VF said so. The Velmar Fund and the Velmar Foundation agreed; the VSF did not."
    mentions = _mentions(text, ["VF", "Velmar Fund", "Velmar Foundation", "VSF"])
    linked = {m.text: m.canonical for m in link_acronyms(text, mentions)}
    assert linked["VF"] is None  # two letters, and two names fit them
    assert linked["VSF"] is None  # no name has these initials
