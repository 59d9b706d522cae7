"""A given name and its short forms ("Bill" / "William"): a medium match context must confirm."""

from __future__ import annotations

import pytest

from crosswire.resolve import resolve_entities
from crosswire.resolve.given_names import formal_names, given_name_variants
from crosswire.resolve.matching import MEDIUM, index_keys, lookup_keys, name_rule
from crosswire.types import Article, Mention


@pytest.mark.parametrize(("a", "b", "same"), [
    ("bill", "william", True),
    ("bob", "robert", True),
    ("peggy", "margaret", True),
    ("bert", "albert", True),
    ("bert", "robert", True),
    ("albert", "robert", False),   # one short form of two names does not make them one
    ("william", "william", False),  # the same name is the exact rule's, not this one's
    ("bill", "mike", False),
    ("ormond", "orm", False),       # names the table does not know
])
def test_given_name_variants(a: str, b: str, same: bool) -> None:
    assert given_name_variants(a, b) is same


@pytest.mark.parametrize(("a", "b", "rule"), [
    ("Bill Tarrow", "William Tarrow", "given-name-variant"),
    ("Peggy Oswin", "Margaret Ann Oswin", "given-name-variant"),   # a middle name left out
    ("Dr. Bob Hesketh", "Robert Hesketh", "given-name-variant"),
    ("Bill Tarrow", "William Farrow", None),                        # another surname
    ("Bill Tarrow", "Michael Tarrow", None),                        # another given name
    ("Peggy Oswin", "Margaret Ann Oswin Lane", None),
])
def test_the_variant_rule(a: str, b: str, rule: str | None) -> None:
    found = name_rule(a, b, "person")
    assert (found.rule if found else None) == rule
    assert found is None or found.strength == MEDIUM


def test_a_short_form_finds_the_formal_name_under_another_initial() -> None:
    assert formal_names("bill") == {"william"}
    assert lookup_keys("Bill Tarrow", "person") & index_keys("William Tarrow", "person")


def _person(article_id: str, name: str, others: list[str]) -> Article:
    text = f"{name} spoke to reporters. " + " ".join(f"{o} was there." for o in others)
    mentions = [Mention(name, 0, len(name), "PERSON")]
    for other in others:
        start = text.index(other)
        mentions.append(Mention(other, start, start + len(other), "ORG"))
    return Article(id=article_id, text=text, source=article_id, mentions=mentions)


def test_a_short_form_joins_with_shared_context_only() -> None:
    formal = _person("a1", "William Tarrow", ["Quenby Mills", "Dorsal Union"])
    short = _person("a2", "Bill Tarrow", ["Quenby Mills", "Dorsal Union"])
    stranger = _person("a3", "Bill Tarrow", ["Harwick Fibre", "Lantern Bank"])
    resolve_entities([formal, short])
    assert formal.mentions[0].entity_id == short.mentions[0].entity_id
    resolve_entities([formal, stranger])
    assert stranger.mentions[0].entity_id != formal.mentions[0].entity_id
