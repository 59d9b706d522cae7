"""The entities stage on a non-English article: the parser's names kept, junk left out,
and none of the English corrections applied."""

from __future__ import annotations

import pytest
import spacy

from crosswire.mentions.entities.stage import clean_mentions, kept_as_found
from crosswire.types import Article, Mention


def _mention(text: str, whole: str, label: str = "PERSON") -> Mention:
    start = whole.index(text)
    return Mention(text, start, start + len(text), label)


@pytest.mark.parametrize(("found", "kept"), [
    ("«Северный ветер»", "Северный ветер"),  # quote marks off
    ("Ольга Смирнова\nМосква", "Ольга Смирнова"),  # one line only
    ("박", "박"),  # one Hangul syllable can be a name
    ("—", None),  # no letter
    ("42", None),
    ("Ж.", None),  # one letter of an alphabet
])  # fmt: skip
def test_obvious_junk_is_left_out(found: str, kept: str | None) -> None:
    text = f"Сегодня {found} там."
    names = [m.text for m in kept_as_found(text, [_mention(found, text)])]
    assert names == ([kept] if kept else [])


def test_the_same_span_is_kept_once() -> None:
    text = "Сегодня «Ладога» там."
    mentions = [_mention("«Ладога»", text, "ORG"), _mention("Ладога", text, "ORG")]
    assert [(m.text, m.label) for m in kept_as_found(text, mentions)] == [("Ладога", "ORG")]


def test_english_corrections_never_run_on_another_language() -> None:
    # English rules would drop a PERSON with no capital letter and relabel a country.
    text = "김영수 위원장은 프랑스에서 말했다."
    article = Article("a", text, "t", language="ko")
    article.mentions = [_mention("김영수", text), _mention("프랑스", text, "GPE")]
    clean_mentions(spacy.blank("xx")("x"), article, model=False)
    assert [(m.text, m.label) for m in article.mentions] == [("김영수", "PERSON"), ("프랑스", "GPE")]
