"""Language identification: the article's language, a declared prior, mixed paragraphs."""

from __future__ import annotations

import pytest

from crosswire.ingest.extract import extract_article
from crosswire.ingest.jsonl import parse_record
from crosswire.ingest.language import declared_language, detect_language, language_notes
from crosswire.types import RawDocument

ENGLISH = "The harbour board said on Monday that the new ferry would start sailing to the islands in spring."
FRENCH = (
    "Le conseil du port a annoncé lundi que le nouveau traversier commencera à naviguer vers les îles "
    "au printemps, selon un communiqué publié par la mairie."
)
GERMAN = (
    "Der Hafenrat teilte am Montag mit, dass die neue Fähre im Frühjahr zu den Inseln fahren werde, "
    "wie die Stadtverwaltung in einer Erklärung mitteilte."
)
RUSSIAN = (
    "Совет порта в понедельник сообщил, что новый паром начнёт ходить к островам весной, "
    "говорится в заявлении городской администрации."
)
KOREAN = "항만위원회는 월요일 새 여객선이 봄부터 섬으로 운항을 시작할 것이라고 시청 성명을 통해 밝혔다."


@pytest.mark.parametrize(("text", "language"), [
    (ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de"), (RUSSIAN, "ru"), (KOREAN, "ko"),
])  # fmt: skip
def test_each_language_is_named_by_its_iso_639_1_code(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "OK", "12 345 678", "Paris."])
def test_a_text_too_short_to_tell_is_unknown_not_a_guess(text: str) -> None:
    assert detect_language(text) is None


def test_a_declared_language_is_taken_only_when_the_text_cannot_decide() -> None:
    assert detect_language("Paris.", declared="fr-FR") == "fr"
    assert detect_language(ENGLISH, declared="fr") == "en"  # the text wins


def test_a_paragraph_in_another_language_is_noted() -> None:
    text = f"{ENGLISH} {ENGLISH}\n\n{FRENCH}\n\n{ENGLISH}"
    language, notes = language_notes(text)
    assert language == "en"
    assert len(notes) == 1 and "reads as fr" in notes[0]
    start, end = (int(x) for x in notes[0].split()[2].split("-"))
    assert text[start:end] == FRENCH


def test_an_english_article_needs_no_detector_model() -> None:
    language, notes = language_notes(f"{ENGLISH}\n\n{ENGLISH}")
    assert (language, notes) == ("en", [])


@pytest.mark.parametrize(("raw", "declared"), [
    (RawDocument("a.html", '<!doctype html><html lang="fr-CA"><body>x</body></html>', "html"), "fr-CA"),
    (RawDocument("a.html", "<html><body>x</body></html>", "html"), None),
    (RawDocument("a.json", "x", "text", hints={"language": "ko"}), "ko"),
    (RawDocument("a.txt", '<html lang="fr">', "text"), None),
])  # fmt: skip
def test_declared_language_comes_from_hints_or_the_html_root(raw: RawDocument, declared: str | None) -> None:
    assert declared_language(raw) == declared


def test_extract_sets_the_article_language() -> None:
    article = extract_article(RawDocument("ru.txt", f"Паром\n\n{RUSSIAN}", "text"))
    assert article.language == "ru"


def test_a_jsonl_record_declares_its_language() -> None:
    raw = parse_record('{"text": "Kalt.", "lang": "de-AT", "title": "Wetter"}', "in.jsonl:1")
    assert isinstance(raw, RawDocument) and declared_language(raw) == "de-AT"
    # Too short for the text to tell: the record's word stands, as ISO 639-1.
    assert extract_article(raw).language == "de"
