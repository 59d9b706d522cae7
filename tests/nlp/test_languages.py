"""Analysis per language: Docs built from other models' tokens, labels mapped, lazy loading."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pytest
import spacy
from spacy.tokens import Doc, Span

from crosswire.nlp.annotate import UNANALYSED_NOTE, add_mentions, add_sentences, annotate, by_language
from crosswire.nlp.languages import Parser, is_analysed, parser_for
from crosswire.nlp.languages.base import NORMAL_FORMS, TokenSpan, doc_from_spans, set_entities
from crosswire.nlp.languages.fr import relabel
from crosswire.nlp.languages.ko import find_names, label_name
from crosswire.types import Article


def _article(text: str, language: str | None) -> Article:
    return Article(id=text[:8], text=text, source="t", language=language)


@pytest.mark.parametrize(("text", "spans", "words"), [
    ("Ab cd.", [(0, 2), (3, 5), (5, 6)], ["Ab", "cd", "."]),
    ("Ab   cd", [(0, 2), (5, 7)], ["Ab", "  ", "cd"]),  # spaces past the first become a token
    ("  Ab\n\ncd  ", [(2, 4), (6, 8)], ["  ", "Ab", "\n\n", "cd", " "]),
    ("Abcd", [(0, 2), (1, 3), (2, 4)], ["Ab", "cd"]),  # an overlapping token is left out
    ("Ab cd", [], ["Ab", "cd"]),  # what no token covers is tokens of its own
])  # fmt: skip
def test_a_doc_from_token_spans_has_the_text_character_for_character(
    text: str, spans: list[tuple[int, int]], words: list[str]
) -> None:
    doc = doc_from_spans(spacy.blank("xx"), text, [TokenSpan(s, e) for s, e in spans])
    assert doc.text == text
    assert [t.text for t in doc] == words


def test_heads_decide_sentences_and_a_gap_joins_the_token_before() -> None:
    text = "Ab cd.\n\nEf gh."
    tokens = [TokenSpan(0, 2, head=1), TokenSpan(3, 5), TokenSpan(5, 6, head=1),
              TokenSpan(8, 10), TokenSpan(11, 13, head=3), TokenSpan(13, 14, head=3)]  # fmt: skip
    doc = doc_from_spans(spacy.blank("xx"), text, tokens)
    assert [s.text for s in doc.sents] == ["Ab cd.\n\n", "Ef gh."]
    assert doc[0].head.text == "cd"


def test_entities_widen_to_tokens_and_keep_the_first_of_overlapping_ones() -> None:
    doc = doc_from_spans(spacy.blank("xx"), "Ab cd ef", [TokenSpan(0, 2), TokenSpan(3, 5), TokenSpan(6, 8)])
    set_entities(doc, [(0, 4, "PERSON"), (3, 8, "ORG"), (6, 8, "GPE")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Ab cd", "PERSON"), ("ef", "GPE")]


def test_french_labels_become_crosswire_labels_and_misc_is_dropped() -> None:
    doc = Doc(spacy.blank("fr").vocab, words=["Marie", "Lenoir", "à", "Marseille", "C'", "est", "Alpes"])
    doc.ents = [
        Span(doc, 0, 2, "PER"),
        Span(doc, 3, 4, "LOC"),
        Span(doc, 4, 6, "MISC"),
        Span(doc, 6, 7, "LOC"),
    ]
    relabel(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Marie Lenoir", "PERSON"), ("Marseille", "GPE"), ("Alpes", "LOC"),
    ]  # fmt: skip


@pytest.mark.parametrize(("name", "following", "label"), [
    ("박영호", "위원장", "PERSON"),  # a title after it
    ("한솔", "씨", "PERSON"),
    ("부산시", "에", "GPE"),  # a place ending
    ("프랑스", "의", "GPE"),  # a country in pycountry's Korean names
    ("새벽통신", "은", "ORG"),  # an organisation ending
    ("녹색미래당", "은", "ORG"),
    ("최민서", "가", "PERSON"),  # three syllables, a surname first
])  # fmt: skip
def test_korean_proper_nouns_are_labelled_by_the_rules(name: str, following: str, label: str) -> None:
    assert label_name(name, following) == label


@dataclass(frozen=True)
class _Morpheme:
    form: str
    tag: str
    start: int
    len: int


def _morphemes(text: str, pieces: list[tuple[str, str]]) -> list[_Morpheme]:
    """kiwipiepy-like morphemes from (form, tag) pieces found left to right in ``text``."""
    found, at = [], 0
    for form, tag in pieces:
        at = text.index(form, at)
        found.append(_Morpheme(form, tag, at, len(form)))
        at += len(form)
    return found


@pytest.mark.parametrize(("text", "pieces", "names"), [
    # a Korean name cut by the tokenizer as surname + syllable, then a one-syllable noun
    ("조하윤 대사는", [("조하", "NNP"), ("윤", "NNG"), ("대사", "NNG"), ("는", "JX")],
     [("조하윤", "PERSON")]),
    # a name, then a proper noun glued to the title it modifies: two names, not one, the second
    # the body whose head the title is
    ("문태오 청솔우주청장은", [("문태오", "NNP"), ("청솔우주", "NNP"), ("청장", "NNG"), ("은", "JX")],
     [("문태오", "PERSON"), ("청솔우주", "ORG")]),  # glued to a title: the body it heads
    ("하민준씨는", [("하민준", "NNP"), ("씨", "NNB"), ("는", "JX")], [("하민준", "PERSON")]),
    # a foreign name written word by word, then a body with a long ending, then a title
    ("아르카디 베스닌 동해운송연합 의장", [("아르카디", "NNP"), ("베스닌", "NNP"), ("동해운송연합", "NNP"),
                                ("의장", "NNG")],
     [("아르카디 베스닌", "PERSON"), ("동해운송연합", "ORG")]),
    # a place's head noun after a name: a place, and the head is no part of it
    ("솔봉 발사장에서", [("솔봉", "NNP"), ("발사장", "NNP"), ("에서", "JKB")], [("솔봉", "GPE")]),
    # a numbered vessel or satellite is no person
    ("기상위성 누리 5호를", [("기상", "NNG"), ("위성", "NNG"), ("누리", "NNP"), ("5", "SN"), ("호", "NNB"),
                        ("를", "JKO")], []),
])  # fmt: skip
def test_korean_name_runs_end_where_a_name_of_another_kind_begins(
        text: str, pieces: list[tuple[str, str]], names: list[tuple[str, str]]) -> None:
    found = find_names(text, _morphemes(text, pieces))
    assert [(text[start:end], label) for start, end, label in found] == names


def test_articles_are_grouped_by_the_language_they_are_parsed_in() -> None:
    articles = [_article("a", "fr"), _article("b", None), _article("c", "en"), _article("d", "fr")]
    groups = by_language(articles)
    assert list(groups) == ["en", "fr"]
    assert [a.text for a in groups["en"]] == ["b", "c"]


def test_an_unanalysed_language_gets_sentences_no_entities_and_a_note() -> None:
    article = _article("Bu bir cümle. Bu da başka bir cümle.", "tr")
    assert not is_analysed("tr") and is_analysed(None) and is_analysed("ko")
    annotate([article], spacy.blank("en"), [add_sentences, add_mentions])
    assert len(article.sentences) == 2
    assert article.mentions == []
    assert UNANALYSED_NOTE.format(language="tr") in article.notes


def test_a_parsers_normal_forms_become_canonical_names(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = spacy.blank("xx")

    def parse(texts: Sequence[str]) -> Iterator[Doc]:
        for text in texts:
            doc = doc_from_spans(nlp, text, [TokenSpan(0, 1), TokenSpan(2, 8)])
            set_entities(doc, [(2, 8, "GPE")])
            doc.user_data[NORMAL_FORMS] = {(2, 8): "Москва"}
            yield doc

    monkeypatch.setattr("crosswire.nlp.languages.parser_for", lambda language: Parser("zz", nlp, parse))
    article = _article("в Москве", "zz")
    annotate([article], spacy.blank("en"), [add_mentions])
    assert [(m.text, m.label, m.canonical) for m in article.mentions] == [("Москве", "GPE", "Москва")]


@pytest.mark.slow
def test_russian_names_with_normal_forms_and_a_parse() -> None:
    text = (
        "Глава ведомства Ольга Смирнова заявила в Казани, что работа продолжится.\n\n"
        "Компания «Ладога» молчит."
    )
    doc = next(parser_for("ru").parse([text]))
    assert doc.text == text
    assert ("Ольга Смирнова", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert doc.user_data[NORMAL_FORMS][(text.index("Казани"), text.index("Казани") + 6)] == "Казань"
    assert len(list(doc.sents)) == 2
    assert any(t.dep_ == "nsubj" for t in doc)


@pytest.mark.parametrize(("text", "dateline"), [
    ("БЕЛОЯРКА, 4 июня. Рыбаки вышли в море.", True),
    ("БЕЛОЯРКА — Рыбаки вышли в море.", True),
    ("Рыбаки из БЕЛОЯРКА, 4 июня, вышли в море.", False),  # not where the text opens
])
def test_a_dateline_in_capitals_is_a_place(text: str, dateline: bool) -> None:
    from crosswire.nlp.languages.ru import is_dateline

    start = text.index("БЕЛОЯРКА")
    assert is_dateline(text, start, start + len("БЕЛОЯРКА")) is dateline


@pytest.mark.slow
def test_korean_names_from_proper_nouns() -> None:
    text = "김영수 위원장은 서울에서 열린 회의에서 이같이 말했다.\n\n대한통신은 이 소식을 전했다."
    doc = next(parser_for("ko").parse([text]))
    assert doc.text == text
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("김영수", "PERSON"), ("서울", "GPE")]
    assert len(list(doc.sents)) == 2


@pytest.mark.slow
def test_french_model_gives_crosswire_labels() -> None:
    text = "Le ministre Julien Marchand a visité Lyon mardi avec des représentants de Renault."
    doc = next(parser_for("fr").parse([text]))
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Julien Marchand") == "PERSON"
    assert labels.get("Lyon") == "GPE"
    assert not {"PER", "LOC", "MISC"} & set(labels.values())


def test_an_unanalysed_text_without_spaces_is_tokenized_in_bounded_pieces() -> None:
    text = "北京" * 2000  # no whitespace at all: one chunk for a whitespace tokenizer
    doc = next(parser_for("zz").parse([text]))
    assert doc.text == text and len(doc) > 1
