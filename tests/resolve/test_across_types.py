"""The same full name typed differently by two outlets: one entity when context agrees, and
never for a bare word or without shared context (resolve/across_types.py)."""

from __future__ import annotations

import pytest
from trap_corpus import build, pairwise, resolve_stored, save_articles

from crosswire.resolve import Override, Overrides, resolve_entities
from crosswire.store import Database
from crosswire.store.entities import EntityStore
from crosswire.types import Article, Mention


def _article(article_id: str, text: str, labelled: list[tuple[str, str]]) -> Article:
    """An article whose mentions are the first occurrence of each (name, label)."""
    mentions = [Mention(n, text.index(n), text.index(n) + len(n), label) for n, label in labelled]
    return Article(id=article_id, text=text, source=article_id, mentions=mentions)


# One story told by two outlets: the grocer is an organisation in one, a person in the other.
_ONE_STORY = (
    ("o1", "Delmont Foods said on Monday that Aaron Vell would leave. Shares fell in Chicago and Boston.",
     [("Delmont Foods", "ORG"), ("Aaron Vell", "PERSON"), ("Chicago", "GPE"), ("Boston", "GPE")]),
    ("o2", "Aaron Vell is leaving Delmont Foods, the grocer told staff in Chicago and Boston.",
     [("Aaron Vell", "PERSON"), ("Delmont Foods", "PERSON"), ("Chicago", "GPE"), ("Boston", "GPE")]),
)


def _entity_of(article: Article, name: str) -> str | None:
    return next(m.entity_id for m in article.mentions if m.text == name)


def test_a_full_name_typed_differently_in_one_story_is_one_entity() -> None:
    articles = [_article(*spec) for spec in _ONE_STORY]
    resolution = resolve_entities(articles)
    assert _entity_of(articles[0], "Delmont Foods") == _entity_of(articles[1], "Delmont Foods")
    rules = {m.rule for m in resolution.merges if m.alias == "Delmont Foods"}
    assert "type-disagreement" in rules


def test_the_merge_keeps_its_evidence() -> None:
    articles = [_article(*spec) for spec in _ONE_STORY]
    merge = next(m for m in resolve_entities(articles).merges if m.rule == "type-disagreement")
    assert "PERSON here, ORG there" in merge.detail
    assert "context" in merge.detail


def test_without_shared_context_the_types_stay_apart() -> None:
    first = _article("u1", "Delmont Foods opened a store in Tarrow.",
                     [("Delmont Foods", "ORG"), ("Tarrow", "GPE")])
    second = _article("u2", "Delmont Foods sang at the Brenwick Hall.",
                      [("Delmont Foods", "PERSON"), ("Brenwick Hall", "FAC")])
    resolve_entities([first, second])
    assert _entity_of(first, "Delmont Foods") != _entity_of(second, "Delmont Foods")


@pytest.mark.parametrize("bare", ["Ford", "Jordan"])
def test_a_bare_word_is_never_joined_across_types(bare: str) -> None:
    # The person and the company (or the country) share a story and its context, and still
    # are two referents.
    shared = [("Detroit", "GPE"), ("Ohio", "GPE"), ("Michigan", "GPE")]
    first = _article("f1", f"{bare} spoke in Detroit, Ohio and Michigan.", [(bare, "PERSON"), *shared])
    second = _article("f2", f"{bare} built plants in Detroit, Ohio and Michigan.", [(bare, "ORG"), *shared])
    resolve_entities([first, second])
    assert _entity_of(first, bare) != _entity_of(second, bare)


def test_two_fitting_entities_of_other_types_are_never_guessed_between() -> None:
    stories = [
        _article("t1", "Harlow Cross met Chicago and Boston.",
                 [("Harlow Cross", "PERSON"), ("Chicago", "GPE"), ("Boston", "GPE")]),
        _article("t2", "Harlow Cross is near Chicago and Boston.",
                 [("Harlow Cross", "GPE"), ("Chicago", "GPE"), ("Boston", "GPE")]),
        _article("t3", "Harlow Cross hired in Chicago and Boston.",
                 [("Harlow Cross", "ORG"), ("Chicago", "GPE"), ("Boston", "GPE")]),
    ]
    resolve_entities(stories)
    # The second joins the first (one candidate); the third then fits one entity, already
    # bearing both types, and joins it: still one referent.
    assert len({_entity_of(a, "Harlow Cross") for a in stories}) == 1


def test_the_user_setting_apart_wins() -> None:
    articles = [_article(*spec) for spec in _ONE_STORY]
    apart = Override("apart", "org:delmontfoods", "person:delmontfoods")
    resolve_entities(articles, overrides=Overrides([apart]))
    assert _entity_of(articles[0], "Delmont Foods") != _entity_of(articles[1], "Delmont Foods")


def test_a_stored_entity_of_another_type_is_found() -> None:
    store = EntityStore(Database())
    first, second = (_article(*spec) for spec in _ONE_STORY)
    save_articles(store.db, [first, second])
    for article in (first, second):  # one article per batch: the second reads the store
        resolve_stored(store, [article])
    assert _entity_of(first, "Delmont Foods") == _entity_of(second, "Delmont Foods")


def test_the_trap_corpus_still_has_no_false_merge() -> None:
    articles, gold = build()
    resolve_entities(articles)
    _, fp, _ = pairwise(articles, gold)
    assert fp == 0
