"""A father and a son of one name ("Odell Brisk" and "Odell Brisk Jr.") in one article are
two people: the cast's canonical does not fold the father into the son, a bare surname goes
to the father, and resolution never joins the two on a medium name rule. Names are ours."""

from __future__ import annotations

from crosswire.resolve import resolve_entities
from crosswire.resolve.profiles import local_entities
from crosswire.types import Article, Mention

TEXT = ("The inquiry asked Odell Brisk for records. His lawyer also represents Odell Brisk Jr. "
        "and other officers. Brisk said the request was unfair.")


def _article(canonical: dict[str, str]) -> Article:
    mentions, at = [], 0
    for name in ("Odell Brisk", "Odell Brisk Jr.", "Brisk"):
        start = TEXT.index(name, at)
        mentions.append(Mention(name, start, start + len(name), "PERSON", canonical=canonical.get(name)))
        at = start + len(name)
    return Article(id="g1", text=TEXT, source="g1", mentions=mentions, published="2024-03-02")


def test_a_full_name_without_jr_is_not_the_son() -> None:
    # The quote cast reads "Odell Brisk" as a short form of "Odell Brisk Jr.".
    article = _article({"Odell Brisk": "Odell Brisk Jr", "Odell Brisk Jr.": "Odell Brisk Jr"})
    keys = {local.key: sorted(local.names) for local in local_entities(article)}
    assert "person:odellbrisk" in keys and "person:odellbriskjr" in keys


def test_a_bare_surname_goes_to_the_father() -> None:
    keys = {local.key: sorted(local.names) for local in local_entities(_article({}))}
    assert "Brisk" in keys["person:odellbrisk"]
    assert "Brisk" not in keys["person:odellbriskjr"]


def test_father_and_son_of_one_article_stay_two_entities() -> None:
    article = _article({})
    resolve_entities([article])
    father, son, bare = (m.entity_id for m in article.mentions)
    assert father != son and bare == father
