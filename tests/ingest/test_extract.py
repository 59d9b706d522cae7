"""extract_article: the limits an article's text must meet, and the notes it carries."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.errors import InputError
from crosswire.ingest.extract import extract_article
from crosswire.types import RawDocument

PARAGRAPH = (
    "The Hollis Bay ferry resumed its crossings on Friday after three weeks of repairs to the "
    "pier, the harbour office said, and the first boat left on time with forty passengers."
)
OTHER = (
    "Operators said a winter timetable would follow within days, with two extra crossings on "
    "weekday evenings for commuters who had asked for them since the spring."
)


def _raw(text: str, source: str = "a.txt") -> RawDocument:
    return RawDocument(source, text, "text")


# --- Case 4: a documented length limit, refused at extract time with one clear line ---------


def test_an_article_over_the_limit_is_refused_naming_it() -> None:
    text = "\n\n".join(f"Paragraph {n}: {PARAGRAPH}" for n in range(20))
    with pytest.raises(InputError) as refused:
        extract_article(_raw(text, "long.txt"), Settings(max_article_chars=1000))
    message = str(refused.value)
    assert message.startswith("long.txt: article text of ")
    assert message.endswith("characters is over the 1,000-character limit (CROSSWIRE_MAX_ARTICLE_CHARS)")
    assert "\n" not in message and "E088" not in message


def test_an_article_at_the_limit_is_read() -> None:
    article = extract_article(_raw(PARAGRAPH), Settings(max_article_chars=len(PARAGRAPH)))
    assert article.text == PARAGRAPH


def test_the_default_limit_is_within_what_the_model_parses(nlp: Language) -> None:
    assert Settings().max_article_chars <= nlp.max_length


def test_the_limit_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSWIRE_MAX_ARTICLE_CHARS", "500")
    assert Settings.from_env().max_article_chars == 500


# --- Case 7: what cleaning removed is said, and a large input cleaned to nothing is refused --


def test_a_large_input_of_one_paragraph_repeated_is_refused_saying_why() -> None:
    text = "\n\n".join([PARAGRAPH] * 1100)
    with pytest.raises(InputError) as refused:
        extract_article(_raw(text, "repeated.txt"))
    message = str(refused.value)
    left = f"cleaning left {len(PARAGRAPH)} of {1100 * len(PARAGRAPH):,} characters"
    assert message.startswith(f"repeated.txt: {left}")
    assert "kept 1 of 1,100 identical paragraphs" in message and message.endswith("no article in it")


def test_a_paragraph_printed_twice_is_kept_once_with_a_note() -> None:
    article = extract_article(_raw("\n\n".join([PARAGRAPH, OTHER, PARAGRAPH])))
    assert article.text == f"{PARAGRAPH}\n\n{OTHER}"
    assert article.notes == [f'kept 1 of 2 identical paragraphs ("{PARAGRAPH[:60].rstrip()}…")']


def test_notes_from_reading_come_first() -> None:
    raw = RawDocument("a.txt", "\n\n".join([PARAGRAPH, OTHER, PARAGRAPH]), "text", notes=["read note"])
    assert extract_article(raw).notes[0] == "read note" and len(extract_article(raw).notes) == 2


def test_a_clean_article_has_no_notes() -> None:
    assert extract_article(_raw(f"{PARAGRAPH}\n\n{OTHER}")).notes == []
