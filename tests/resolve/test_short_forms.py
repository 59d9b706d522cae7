"""An organisation's short form: its name without the town it begins with, or the acronym
its name begins with; a medium match that context must confirm."""

from __future__ import annotations

import pytest

from crosswire.resolve import resolve_entities
from crosswire.resolve.matching import MEDIUM, index_keys, lookup_keys, name_rule
from crosswire.resolve.short_forms import leading_acronym, without_leading_place
from crosswire.types import Article, Mention


@pytest.mark.parametrize(("name", "short"), [
    ("Boston Red Kites", "Red Kites"),
    ("New York Ledger", "Ledger"),
    ("Boston Police", None),          # one generic word names every force
    ("Boston University", None),
    ("Quenby Mills", None),           # no town first
    ("Boston", None),
    ("White House Council of Advisers", "Council of Advisers"),  # a unit of its seat
    ("Kremlin Press Office", "Press Office"),
    ("White House", None),
])
def test_without_leading_place(name: str, short: str | None) -> None:
    assert without_leading_place(name) == short


@pytest.mark.parametrize(("name", "short"), [
    ("QRT Field Systems", "QRT"),
    ("UN Security Council", None),    # a body of the UN is not the UN
    ("QR Field Systems", None),       # two letters are too few
    ("QRT", None),
])
def test_leading_acronym(name: str, short: str | None) -> None:
    assert leading_acronym(name) == short


@pytest.mark.parametrize(("a", "b", "rule"), [
    ("Red Kites", "Boston Red Kites", "place-dropped"),
    ("QRT", "QRT Field Systems", "leading-acronym"),
    ("Red Kites", "Boston Blue Kites", None),
    ("UN", "UN Security Council", None),
])
def test_short_form_rules(a: str, b: str, rule: str | None) -> None:
    found = name_rule(a, b, "org")
    assert (found.rule if found else None) == rule
    assert found is None or found.strength == MEDIUM


def test_a_short_form_and_its_full_name_find_each_other() -> None:
    assert lookup_keys("Red Kites", "org") & index_keys("Boston Red Kites", "org")
    assert lookup_keys("Boston Red Kites", "org") & index_keys("Red Kites", "org")


def _org_article(article_id: str, names: list[str]) -> Article:
    text = " ".join(f"{n} said so." for n in names)
    mentions, start = [], 0
    for name in names:
        start = text.index(name, start)
        mentions.append(Mention(name, start, start + len(name), "ORG"))
        start += len(name)
    return Article(id=article_id, text=text, source=article_id, mentions=mentions)


def test_a_short_form_joins_its_full_name_with_shared_context_only() -> None:
    full = _org_article("o1", ["Boston Red Kites", "Dorsal Union", "Quenby Mills"])
    short = _org_article("o2", ["Red Kites", "Dorsal Union", "Quenby Mills"])
    unrelated = _org_article("o3", ["Red Kites", "Lantern Bank"])
    resolve_entities([full, short])
    assert full.mentions[0].entity_id == short.mentions[0].entity_id
    resolve_entities([full, unrelated])
    assert unrelated.mentions[0].entity_id != full.mentions[0].entity_id


def test_an_article_bearing_both_forms_bridges_their_entities() -> None:
    full = _org_article("b1", ["QRT Field Systems"])
    short = _org_article("b2", ["QRT", "Dorsal Union"])
    both = _org_article("b3", ["QRT Field Systems", "QRT", "Dorsal Union", "Quenby Mills"])
    resolve_entities([full, short, both])
    assert len({a.mentions[0].entity_id for a in (full, short, both)}) == 1
