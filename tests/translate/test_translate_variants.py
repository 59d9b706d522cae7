"""One utterance quoted in two languages is linked through its English renderings."""

from __future__ import annotations

from crosswire.store.translations import Rendering
from crosswire.translate.variants import quote_variants_across_languages
from crosswire.types import Article, Quote, Speaker

ENGLISH_QUOTE = "The north quay will stay closed until the pumps are repaired"
FRENCH_QUOTE = "Le quai nord restera fermé jusqu'à la réparation des pompes"
RUSSIAN_QUOTE = "Мы не подпишем ни одного контракта до весны"


def quoted(article_id: str, language: str, outlet: str, quote: str, speaker_id: str = "e:odile") -> Article:
    text = f"« {quote} », dit-elle." if language == "fr" else f'"{quote}," she said.'
    start = text.index(quote)
    speaker = Speaker("Odile Marchetti", entity_id=speaker_id)
    said = Quote(quote, start, start + len(quote), "direct", speaker=speaker)
    return Article(article_id, text, "test", outlet=outlet, language=language, quotes=[said])


def rendered(article: Article, english: str) -> Rendering:
    q = article.quotes[0]
    return Rendering(article.id, "quote", q.start, "en", article.language or "", q.text, english, "fake")


def test_a_quote_and_its_translation_are_linked_by_the_rendering() -> None:
    english = quoted("en1", "en", "Harbor Ledger", ENGLISH_QUOTE)
    french = quoted("fr1", "fr", "Le Courrier", FRENCH_QUOTE)
    renderings = {"fr1": [rendered(french, "The north quay will remain closed until the pumps are repaired")]}
    [variant] = quote_variants_across_languages([english, french], renderings)
    assert variant.kind == "translated" and variant.speaker == "Odile Marchetti"
    assert {variant.a.quote.text, variant.b.quote.text} == {ENGLISH_QUOTE, FRENCH_QUOTE}  # the originals
    assert ("replace", "stay", "remain") in variant.diff or ("replace", "remain", "stay") in variant.diff


def test_no_rendering_another_utterance_or_another_speaker_links_nothing() -> None:
    english = quoted("en1", "en", "Harbor Ledger", ENGLISH_QUOTE)
    french = quoted("fr1", "fr", "Le Courrier", FRENCH_QUOTE)
    russian = quoted("ru1", "ru", "Вестник", RUSSIAN_QUOTE)
    other = quoted("fr2", "fr", "L'Écho", FRENCH_QUOTE, speaker_id="e:someone-else")
    assert quote_variants_across_languages([english, french], {}) == []
    renderings = {"ru1": [rendered(russian, "We will not sign a single contract before spring")],
                  "fr2": [rendered(other, "The north quay will remain closed until the pumps are repaired")]}
    assert quote_variants_across_languages([english, russian, other], renderings) == []
