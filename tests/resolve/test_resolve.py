"""Cross-article resolution: name rules, the trap corpus (zero false merges), the store layer,
incremental resolution and user overrides."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pytest
from trap_corpus import build, pairwise, resolve_stored, save_articles

from crosswire.resolve import Override, Overrides, resolve_entities
from crosswire.resolve.matching import lookup_keys, name_key, name_rule
from crosswire.resolve.profiles import EntityProfile
from crosswire.store import Database
from crosswire.store.entities import EntityStore
from crosswire.types import Article, Mention


@pytest.mark.parametrize(("a", "b", "family"), [
    ("Kim Jong-un", "Kim Jong Un", "person"),          # hyphen / space
    ("Kim Jong-un", "KIM JONG-UN", "person"),          # case
    ("Tomás Erevan", "Tomas Erevan", "person"),        # diacritics
    ("Erevan's", "Erevan", "person"),                  # a possessive
    ("Erevan ’s", "Erevan", "person"),
    ("North Korea", "DPRK", "place"),                  # country aliases
    ("North Korea", "N. Korea", "place"),
    ("North Korea", "Democratic People's Republic of Korea", "place"),
    ("United States", "U.S.", "place"),
    ("U.N.", "UN", "org"),                             # periods
    ("Brinmoor Holdings Ltd.", "Brinmoor Holdings", "org"),  # legal suffix
    ("Ariz.", "Arizona", "place"),                     # a state by the agencies' abbreviation
    ("N.M.", "New Mexico", "place"),
    ("TN", "Tennessee", "place"),                      # by its postal code
])
def test_same_key(a: str, b: str, family: str) -> None:
    assert name_key(a, family) == name_key(b, family)


@pytest.mark.parametrize(("a", "b", "family"), [
    ("Pyongyang", "North Korea", "place"),             # a capital is not its country
    ("Kim Jong-un", "Kim Jong-il", "person"),
    ("Kim Dong-yub", "Kim Dong-yup", "person"),        # fuzzy, not exact
    ("South Korea", "North Korea", "place"),
    ("LA", "Louisiana", "place"),                      # news writes LA for Los Angeles
    ("Me", "Maine", "place"),                          # a postal code only in capitals
])
def test_different_key(a: str, b: str, family: str) -> None:
    assert name_key(a, family) != name_key(b, family)


@pytest.mark.parametrize(("a", "b", "rule"), [
    ("Kim Dong-yub", "Kim Dong-yup", "given-name-edit"),
    ("Kim Dong-yub", "Kim Dong Yub", "spelling-variant"),
    ("Kim Jong-un", "Kim Jong-il", None),              # two edits: father and son
    ("Kim Jong-un", "Kim Yo-jong", None),
    ("L. Ferrante", "Lucia Ferrante", "initials"),
    ("Putin", "Vladimir Putin", "surname-only"),
    ("Lo Presti", "Amedeo Lo Presti", "surname-only"),    # a surname from its particle on
    ("von der Brenk", "Ilka von der Brenk", "surname-only"),
    ("Al Brenk", "Albert Brenk", None),                # a given name, not a particle
    ("Odell Brisk Sr.", "Odell Brisk", "generation-dropped"),  # medium: the son shares it
    ("Odell Brisk Jr.", "Odell Brisk Sr.", None),      # son and father
    ("Brisk", "Odell Brisk Jr.", "surname-only"),
    ("O. Brisk", "Odell Brisk III", "initials"),
    ("Ilka Moor Brenk", "Ilka Brenk", "given-name-dropped"),  # medium: a middle name left out
    ("Ansel Ilka Brenk", "Ilka Brenk", "given-name-dropped"),
    ("Ansel Brenk", "Ilka Brenk", None),
    ("Fred Quillon", "Frederick Quillon", "given-name-variant"),  # medium: context must confirm
    ("Jon Wren", "John Wren", None),                   # short given names: never fuzzy
    ("Kim Dong-yub", "Park Dong-yub", None),
])
def test_name_rules(a: str, b: str, rule: str | None) -> None:
    found = name_rule(a, b, "person")
    assert (found.rule if found else None) == rule


def test_a_generation_is_no_part_of_the_blocking_keys() -> None:
    assert "person/s:brisk" in lookup_keys("Brisk", "person")
    assert "person/i:brisk|o" in lookup_keys("Odell Brisk Jr.", "person")
    assert name_key("Odell Brisk Jr.", "person") != name_key("Odell Brisk Sr.", "person")


def test_lookup_keys_find_fuzzy_candidates_without_the_whole_surname() -> None:
    assert "person/i:kim|d" in lookup_keys("Kim Dong-yup", "person")
    assert "person/s:kim" not in lookup_keys("Kim Dong-yup", "person")
    assert "person/s:kim" in lookup_keys("Kim", "person")


def _resolved() -> tuple[list[Article], dict[tuple[str, int], str]]:
    articles, gold = build()
    resolve_entities(articles)
    return articles, gold


def _entity(articles: list[Article], article_id: str, text: str) -> str | None:
    article = next(a for a in articles if a.id == article_id)
    return next(m.entity_id for m in article.mentions if m.text == text)


def test_trap_corpus_has_no_false_merge_and_high_recall() -> None:
    articles, gold = _resolved()
    tp, fp, fn = pairwise(articles, gold)
    assert fp == 0
    assert tp / (tp + fn) >= 0.95


@pytest.mark.parametrize(("a", "b", "same"), [
    (("a1", "Kim Dong-yub"), ("a2", "Kim Dong-yup"), True),       # three spellings
    (("a1", "Kim Dong-yub"), ("a4", "Kim Dong Yub"), True),
    (("a2", "Kim Jong-un"), ("a3", "Kim Jong Un"), True),         # hyphenation
    (("a1", "Kim Dong-yub"), ("a2", "Kim Jong-un"), False),       # shared surname
    (("a3", "Kim Yo-jong"), ("a2", "Kim Jong-un"), False),
    (("a5", "Kim Jong-il"), ("a2", "Kim Jong-un"), False),        # father and son
    (("a1", "North Korea"), ("a2", "DPRK"), True),                # four forms of a country
    (("a1", "North Korea"), ("a3", "N. Korea"), True),
    (("a1", "North Korea"), ("a4", "Democratic People's Republic of Korea"), True),
    (("a1", "Pyongyang"), ("a1", "North Korea"), False),          # capital ≠ country
    (("c1", "Maria Santos"), ("c2", "Maria Santos"), False),      # same name, two people
    (("b1", "Tomás Erevan"), ("b2", "Tomas Erevan"), True),       # diacritics
    (("b2", "IAEA"), ("b3", "IAEA"), True),                       # acronym via expansion
    (("b2", "International Atomic Energy Agency"), ("b3", "IAEA"), True),
    (("d1", "Lucia Ferrante"), ("d2", "L. Ferrante"), True),      # initials, same story
    (("b1", "Marina Quillon"), ("e1", "Marino Quillon"), False),  # one letter, two people
    (("d1", "Brinmoor Holdings Ltd."), ("d2", "Brinmoor Holdings"), True),
    (("a1", "United States"), ("a3", "U.S."), True),
])
def test_traps(a: tuple[str, str], b: tuple[str, str], same: bool) -> None:
    articles, _ = _resolved()
    assert (_entity(articles, *a) == _entity(articles, *b)) is same


def test_a_bare_surname_fitting_several_people_stays_alone() -> None:
    articles, _ = _resolved()
    alone = _entity(articles, "a6", "Kim")
    others = {_entity(articles, a, n) for a, n in [("a1", "Kim Dong-yub"), ("a2", "Kim Jong-un"),
                                                  ("a3", "Kim Yo-jong"), ("a5", "Kim Jong-il")]}
    assert alone not in others


def test_every_merge_keeps_its_evidence() -> None:
    articles, _ = build()
    resolution = resolve_entities(articles)
    fuzzy = [m for m in resolution.merges if m.rule == "given-name-edit"]
    assert fuzzy and fuzzy[0].alias == "Kim Dong-yup" and fuzzy[0].matched == "Kim Dong-yub"
    assert "professor" in fuzzy[0].detail and fuzzy[0].score > 3
    rules = {m.rule for m in resolution.merges}
    assert {"new", "exact", "country-alias", "spelling-variant", "initials"} <= rules


def test_override_apart_wins_over_an_exact_name() -> None:
    articles, _ = build()
    apart = Override("apart", name_key("Tomás Erevan", "person"),
                     name_key("Tomas Erevan", "person"), "b1", "b2")
    resolve_entities(articles, overrides=Overrides([apart]))
    assert _entity(articles, "b1", "Tomás Erevan") != _entity(articles, "b2", "Tomas Erevan")


def test_override_together_joins_what_rules_keep_apart() -> None:
    articles, _ = build()
    together = Override("together", name_key("Marina Quillon", "person"),
                        name_key("Marino Quillon", "person"))
    resolve_entities(articles, overrides=Overrides([together]))
    assert _entity(articles, "b1", "Marina Quillon") == _entity(articles, "e1", "Marino Quillon")


# -- the store ------------------------------------------------------------------------------
@pytest.fixture
def store() -> EntityStore:
    return EntityStore(Database())


def _incremental(store: EntityStore) -> list[Article]:
    articles: list[Article]
    articles, _ = build()
    save_articles(store.db, articles)
    for article in articles:  # one article per batch: each resolved against the store only
        resolve_stored(store, [article])
    return articles


def test_incremental_resolution_matches_the_batch(store: EntityStore) -> None:
    articles = _incremental(store)
    _, gold = build()
    tp, fp, fn = pairwise(articles, gold)
    assert fp == 0 and tp / (tp + fn) >= 0.95
    stored = store.db.query("SELECT entity_id FROM mentions WHERE article_id = 'b3' AND text = 'IAEA'")
    assert stored[0][0] == _entity(articles, "b2", "IAEA")


def test_the_store_reads_only_candidates(store: EntityStore) -> None:
    articles = _incremental(store)
    found = store.candidates({name_key("Kim Dong-yup", "person"), "person/i:kim|d"})
    assert [e.id for e in found] == [_entity(articles, "a1", "Kim Dong-yub")]


def _record_lookups(store: EntityStore) -> list[list[str]]:
    """From now on, the keys of every candidate lookup the store is asked for, in order."""
    lookups: list[list[str]] = []
    read = store.candidates

    def counted(keys: Iterable[str]) -> list[EntityProfile]:
        lookups.append(sorted(keys))
        return read(lookups[-1])

    store.candidates = counted  # type: ignore[method-assign]
    return lookups


def test_a_batch_reads_its_candidates_in_two_lookups(store: EntityStore) -> None:
    first, _ = build()
    save_articles(store.db, first)
    resolve_stored(store, first)  # the store now knows every trap entity
    again, _ = build()
    for article in again:  # the same texts as new articles: each must find its stored entities
        article.id += "-again"
        for mention in article.mentions:
            mention.entity_id = None
    save_articles(store.db, again)
    lookups = _record_lookups(store)
    resolution = resolve_stored(store, again)
    # Two lookups for the whole batch: people's full names, then every other referent's keys;
    # a person found by full name is not looked up again by surname or initials.
    assert len(lookups) == 2 and len(lookups[0]) + len(lookups[1]) > len(again)
    assert all(k.startswith("person:") for k in lookups[0])
    assert not any(k.startswith("person/i:") for k in lookups[1])
    assert not resolution.new_ids  # every referent joined an entity already stored
    for article, twin in zip(again, first, strict=True):
        assert [m.entity_id for m in article.mentions] == [m.entity_id for m in twin.mentions]


def test_a_spelling_the_store_does_not_know_is_looked_up_by_initials(store: EntityStore) -> None:
    articles, _ = build()
    save_articles(store.db, articles)
    variant = next(a for a in articles if "Kim Dong-yup" in a.text)
    for article in articles:
        if article is not variant:
            resolve_stored(store, [article])
    lookups = _record_lookups(store)
    resolve_stored(store, [variant])
    assert name_key("Kim Dong-yup", "person") in lookups[0]  # no entity bears that spelling...
    assert "person/i:kim|d" in lookups[1]  # ...so its surname and initial are read too
    assert _entity([variant], variant.id, "Kim Dong-yup") == _entity(articles, "a1", "Kim Dong-yub")


def test_candidates_read_evidence_only_when_asked(store: EntityStore) -> None:
    articles = _incremental(store)
    (kim,) = store.candidates({name_key("Kim Dong-yup", "person"), "person/i:kim|d"})
    assert kim.stored is not None  # names and member keys read, the evidence still JSON
    assert name_key("Kim Dong-yub", "person") in kim.member_keys
    saved = json.loads(store.db.scalar("SELECT profile FROM entities WHERE id = ?", (kim.id,)))
    assert kim.to_json() == saved and kim.stored is None  # parsed on first use, once
    assert kim.context and kim.first_seen is not None
    assert kim.id == _entity(articles, "a1", "Kim Dong-yub")


def test_an_entity_read_lazily_keeps_its_evidence_when_it_grows(store: EntityStore) -> None:
    _incremental(store)
    (kim,) = store.candidates({name_key("Kim Dong-yup", "person")})
    before = json.loads(store.db.scalar("SELECT profile FROM entities WHERE id = ?", (kim.id,)))
    kim.names.update({"Kim Dong-yup": 1})
    store._save_entities([kim])  # written back without its evidence ever being read
    after = json.loads(store.db.scalar("SELECT profile FROM entities WHERE id = ?", (kim.id,)))
    assert after == before and before["context"]


def test_stored_entity_has_aliases_articles_and_evidence(store: EntityStore) -> None:
    articles = _incremental(store)
    nk = store.entity(str(_entity(articles, "a1", "North Korea")))
    assert nk is not None and nk.name == "North Korea" and nk.label == "GPE"
    assert {"DPRK", "N. Korea", "North Korea"} <= set(nk.aliases)
    assert nk.articles == ["a1", "a2", "a3", "a4", "a5"]
    assert {r["rule"] for r in store.evidence(nk.id)} >= {"new", "country-alias"}


def test_user_split_and_merge_survive_re_analysis(store: EntityStore) -> None:
    articles = _incremental(store)
    erevan = str(_entity(articles, "b1", "Tomás Erevan"))
    split_off = store.split(erevan, articles=["b2"], note="two different ministers")
    assert store.entity(split_off).articles == ["b2"]  # type: ignore[union-attr]
    runner, economist = (str(_entity(articles, c, "Maria Santos")) for c in ("c1", "c2"))
    store.merge(runner, economist, note="same person after all")
    assert store.entity(economist) is None
    # Re-analysis: forget every article, resolve them again; the user's decisions hold.
    store.forget_articles([a.id for a in articles])
    assert store.db.scalar("SELECT count(*) FROM entities") == 0
    again, _ = build()
    for article in again:
        resolve_stored(store, [article])
    assert _entity(again, "b1", "Tomás Erevan") != _entity(again, "b2", "Tomas Erevan")
    assert _entity(again, "c1", "Maria Santos") == _entity(again, "c2", "Maria Santos")


def test_mentions_get_their_entity_id() -> None:
    text = "Kim Dong-yub said so."
    article = Article(id="z", text=text, source="z", mentions=[Mention("Kim Dong-yub", 0, 12, "PERSON")])
    resolution = resolve_entities([article])
    assert article.mentions[0].entity_id in set(resolution.members.values())


def _person_in(article_id: str, text: str, name: str, others: list[str]) -> Article:
    mentions = [Mention(name, text.index(name), text.index(name) + len(name), "PERSON")]
    mentions += [Mention(o, text.index(o), text.index(o) + len(o), "ORG") for o in others]
    return Article(id=article_id, text=text, source=article_id, mentions=mentions)


def test_the_same_full_name_in_unrelated_stories_merges_without_a_conflict() -> None:
    # Two stories about different events, nothing in common but the name, nothing said of
    # the person that differs: the same person (contexts alone are no conflict).
    first = _person_in("u1", "Ilse Varn spoke on Monday.\nThe Tolbrook Mill, the Harlow Guild and "
                       "the Osk Trust came.", "Ilse Varn", ["Tolbrook Mill", "Harlow Guild", "Osk Trust"])
    second = _person_in("u2", "Ilse Varn spoke on Friday.\nThe Corley Institute, the Dene Museum and "
                        "the Ferris Council wrote.", "Ilse Varn",
                        ["Corley Institute", "Dene Museum", "Ferris Council"])
    resolve_entities([first, second])
    assert first.mentions[0].entity_id == second.mentions[0].entity_id


def _article(article_id: str, text: str, people: list[str], orgs: list[str]) -> Article:
    """An article whose mentions are the first occurrence of each given name."""
    spans = [(n, "PERSON") for n in people] + [(n, "ORG") for n in orgs]
    mentions = [Mention(n, text.index(n), text.index(n) + len(n), label) for n, label in spans]
    return Article(id=article_id, text=text, source=article_id, mentions=mentions)


def _bare_first_story(extra: str = "") -> list[Article]:
    # The bare surname is read first, with nothing in common with the full name's article;
    # a later bare mention ties the two stories' organisations together.
    return [
        _article("s1", "Halvorsen told the Brenwick Canal Authority the locks would reopen.",
                 ["Halvorsen"], ["Brenwick Canal Authority"]),
        _article("s2", f"Dagny Halvorsen, who chairs the Osterby Ferry Trust, spoke.{extra}",
                 ["Dagny Halvorsen", *(["Petter Halvorsen"] if extra else [])], ["Osterby Ferry Trust"]),
        _article("s3", "Halvorsen said the Brenwick Canal Authority and the Osterby Ferry Trust agreed.",
                 ["Halvorsen"], ["Brenwick Canal Authority", "Osterby Ferry Trust"]),
    ]


def test_a_bare_surname_read_first_joins_the_one_full_name_of_its_story() -> None:
    articles = _bare_first_story()
    resolution = resolve_entities(articles)
    assert len({a.mentions[0].entity_id for a in articles}) == 1
    assert any(m.rule == "bridge:surname-in-story" for m in resolution.merges)


def test_a_bare_surname_with_two_full_names_in_its_story_stays_alone() -> None:
    articles = _bare_first_story(" Petter Halvorsen agreed.")
    resolve_entities(articles)
    people = {m.entity_id for m in articles[1].mentions if m.label == "PERSON"}
    assert len(people) == 2 and articles[0].mentions[0].entity_id not in people


def test_a_bare_surname_joins_the_full_name_it_ends_not_one_it_begins() -> None:
    # A caption glued to a headline made "Halvorsen Brisk" a person: "Halvorsen" is its
    # first word, and the surname of "Dagny Halvorsen".
    articles = _bare_first_story()
    text = articles[1].text + " Halvorsen Brisk agreed."
    articles[1] = _article("s2", text, ["Dagny Halvorsen", "Halvorsen Brisk"], ["Osterby Ferry Trust"])
    resolve_entities(articles)
    assert articles[0].mentions[0].entity_id == articles[1].mentions[0].entity_id


def test_a_bare_surname_outside_the_full_names_story_stays_alone() -> None:
    articles = _bare_first_story()[:2]
    resolve_entities(articles)
    assert articles[0].mentions[0].entity_id != articles[1].mentions[0].entity_id


def test_override_apart_keeps_a_bare_surname_from_its_full_name() -> None:
    articles = _bare_first_story()
    apart = Override("apart", name_key("Halvorsen", "person"), name_key("Dagny Halvorsen", "person"))
    resolve_entities(articles, overrides=Overrides([apart]))
    assert articles[0].mentions[0].entity_id != articles[1].mentions[0].entity_id


def test_a_surname_from_its_particle_on_joins_the_full_name_in_its_article() -> None:
    text = "Amedeo Lo Presti was arrested in Palmora. Lo Presti denied it. Presti's lawyer spoke."
    mentions = [Mention(n, text.rindex(n), text.rindex(n) + len(n), "PERSON")
                for n in ("Amedeo Lo Presti", "Lo Presti", "Presti")]
    article = Article(id="p1", text=text, source="p1", mentions=mentions)
    resolve_entities([article])
    assert len({m.entity_id for m in article.mentions}) == 1


def test_a_full_name_with_a_namesake_in_its_article_does_not_claim_a_bare_surname() -> None:
    articles = [
        _article("n1", "Halvorsen told the Brenwick Canal Authority the locks would reopen.",
                 ["Halvorsen"], ["Brenwick Canal Authority"]),
        _article("n2", "Dagny Halvorsen and her brother Petter Halvorsen run the Brenwick Canal Authority.",
                 ["Dagny Halvorsen", "Petter Halvorsen"], ["Brenwick Canal Authority"]),
    ]
    resolve_entities(articles)
    bare = articles[0].mentions[0].entity_id
    assert bare not in {m.entity_id for m in articles[1].mentions}


def test_a_stored_bare_surname_joins_a_full_name_new_in_a_later_batch(store: EntityStore) -> None:
    """The keeper of that join is new in its batch: its row is written before the stored
    bare entity is moved onto it (the entities' foreign keys refused the move before)."""
    articles = _bare_first_story()
    save_articles(store.db, articles)
    resolve_stored(store, articles[:1])
    resolution = resolve_stored(store, articles[1:])
    assert resolution.absorbed
    rows = store.db.query("SELECT DISTINCT entity_id FROM mentions WHERE text LIKE '%Halvorsen'")
    [entity] = {r[0] for r in rows}
    assert store.db.scalar("SELECT count(*) FROM entities WHERE id = ?", (entity,)) == 1
