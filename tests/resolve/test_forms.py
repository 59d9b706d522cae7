"""Forms of one name that resolve as one: suffixes, ordinals, titles, initials, acronyms from
a small gazetteer and from another article's brackets."""

from __future__ import annotations

import pytest

from crosswire.mentions.entities.acronyms import link_acronyms
from crosswire.resolve import resolve_entities
from crosswire.resolve.matching import name_key, name_rule
from crosswire.types import Article, Mention


@pytest.mark.parametrize(("a", "b", "family"), [
    ("5th Circuit", "Fifth Circuit", "org"),                  # ordinals
    ("Second Avenue", "2nd Avenue", "place"),
    ("Ford Motor Company", "Ford", "org"),                    # trading words
    ("Ford Motor Co.", "Ford", "org"),
    ("Harwick Corporation", "Harwick Corp.", "org"),
    ("Harwick Group", "Harwick", "org"),
    ("Tellmark Inc.", "Tellmark", "org"),
    ("Tellmark US", "Tellmark", "org"),                       # a national arm
    ("the Velmar Trust", "Velmar Trust", "org"),              # a leading "the"
    ("Union of Soviet Socialist Republics", "USSR", "place"),  # the gazetteer
    ("Soviet Union", "U.S.S.R.", "place"),
    ("UN Security Council", "UNSC", "org"),
    ("United Nations", "U.N.", "org"),
    ("North Atlantic Treaty Organisation", "NATO", "org"),
    ("Dr. Imani Okoro", "Imani Okoro", "person"),             # titles are not names
    ("Sgt. Imani Okoro", "Imani Okoro", "person"),
])
def test_one_key(a: str, b: str, family: str) -> None:
    assert name_key(a, family) == name_key(b, family)


@pytest.mark.parametrize(("a", "b", "family"), [
    ("General Motors", "General", "org"),        # "motors" is a name's word, not a suffix
    ("UN Security Council", "UN", "org"),        # a body of an institution is not the institution
    ("Fifth Circuit", "Sixth Circuit", "org"),
    ("Group", "Group Tellmark", "org"),          # only a final word is dropped
    ("President", "Imani Okoro", "person"),      # a title alone stays a title
])
def test_other_keys(a: str, b: str, family: str) -> None:
    assert name_key(a, family) != name_key(b, family)


def test_a_dropped_leading_initial_is_a_medium_match() -> None:
    rule = name_rule("W. Tobin Harle", "Tobin Harle", "person")
    assert rule is not None and rule.rule == "initial-dropped"
    assert name_rule("George W. Harle", "George Harle", "person") is not None  # middle initial too
    assert name_rule("W. Tobin Harle", "Tobin Marle", "person") is None


def test_an_acronym_fits_a_name_with_a_company_suffix() -> None:
    for acronym in ("HF", "HFC"):  # "Company" gives its letter or not
        rule = name_rule(acronym, "Harwick Fibre Company", "org")
        assert rule is not None and rule.rule == "acronym"


def _article(article_id: str, text: str, names: list[tuple[str, str]]) -> Article:
    mentions, start = [], 0
    for name, label in names:
        start = text.index(name, start)
        mentions.append(Mention(name, start, start + len(name), label))
        start += len(name)
    return Article(id=article_id, text=text, source=article_id, mentions=mentions)


def test_an_acronym_defined_in_one_article_joins_the_bare_acronym_of_another() -> None:
    first = _article("x1", "Norland Airways (NAW) cancelled flights. NAW blamed a strike.",
                     [("Norland Airways", "ORG"), ("NAW", "ORG"), ("NAW", "ORG")])
    first.mentions = link_acronyms(first.text, first.mentions)
    second = _article("x2", "NAW resumed flights to Port Adley on Monday.", [("NAW", "ORG")])
    third = _article("x3", "Norland Airways said bookings were up.", [("Norland Airways", "ORG")])
    resolve_entities([first, second, third])
    ids = {m.entity_id for a in (first, second, third) for m in a.mentions}
    assert len(ids) == 1 and None not in ids


@pytest.mark.parametrize(("a", "b", "family", "rule"), [
    ("Ford Motor Company", "Ford", "org", "org-suffix"),
    ("5th Circuit", "Fifth Circuit", "org", "ordinal"),
    ("Soviet Union", "USSR", "place", "acronym-gazetteer"),
    ("UN Security Council", "UNSC", "org", "acronym-gazetteer"),
    ("the Fed", "Federal Reserve", "org", "acronym-gazetteer"),  # a short form, not letters
    ("Justice Department", "DOJ", "org", "acronym-gazetteer"),
    ("N. Korea", "North Korea", "place", "country-alias"),
    ("Dr. Imani Okoro", "Imani Okoro", "person", "title"),
    ("Kim Jong-un", "Kim Jong Un", "person", "spelling-variant"),
    ("U.N.", "UN", "org", "spelling-variant"),
])
def test_each_merge_names_the_form_that_made_it(a: str, b: str, family: str, rule: str) -> None:
    found = name_rule(a, b, family)
    assert found is not None and found.rule == rule and a in found.detail and b in found.detail
