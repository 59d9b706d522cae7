"""Which language an article is written in, and which of its paragraphs are in another.

Detection runs at read time, before parsing, so that the parse step can hand each article to
its language's analysis (``nlp/languages``). It is a cascade, cheapest first:

1. **English prose** is recognised without any model: a text of Latin letters in which
   English function words ("the", "of", "would") make up a large share of the words is
   English. An English-only run never loads the language detector.
2. **lingua** (lingua-language-detector) decides everything else, restricted to
   ``NEWS_LANGUAGES`` and in its low-accuracy mode (trigram models only, about 20 MB for all
   of them, loaded lazily on the first text that needs it). A text it cannot tell apart
   (too short, or two languages too close) is ``None``: never a guess.

A declared language (the HTML ``lang`` attribute, a feed's language) is a prior: it is used
when the text alone says nothing, and the text wins when the two disagree.

Paragraphs of ``PARAGRAPH_WORDS`` words or more are checked one by one; those in another
language than the article's are listed (``paragraph_languages``) so a mixed text says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from crosswire.lexicon import FUNCTION_WORDS
from crosswire.types import RawDocument

if TYPE_CHECKING:
    from lingua import LanguageDetector

# The languages news in this knowledge base is written in, as ISO 639-1 codes: the detector
# knows only these, which keeps its memory small and its answers among languages we expect.
# A language outside the set is read as the nearest one inside it, so the set is wide enough
# for the world's main news languages, not only those analysed.
NEWS_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "ru", "uk", "tr", "ar", "fa", "he",
    "hi", "id", "vi", "ko", "ja", "zh",
)  # fmt: skip

# Below this many words the text alone is too short to decide (lingua's own advice is a few
# words at least; headlines mislead it).
MIN_WORDS = 3
# A paragraph this long is checked on its own for a mixed text.
PARAGRAPH_WORDS = 20
# How far apart lingua's best two languages must be before its answer counts.
_MIN_DISTANCE = 0.25
# English prose: at least this share of words are function words (measured: English news
# paragraphs 0.35-0.55; French, German and Spanish paragraphs under 0.08).
_ENGLISH_FUNCTION_SHARE = 0.22
_ENGLISH_MIN_WORDS = 8
# At most this many paragraphs in another language are listed per article.
MAX_PARAGRAPHS_LISTED = 5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\S)")


@dataclass(frozen=True, slots=True)
class ParagraphLanguage:
    """A paragraph (``start``/``end`` in the text) whose language is not the article's."""

    start: int
    end: int
    language: str


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure.

    ``declared`` (an HTML ``lang`` attribute, a feed's language: "fr", "en-GB") is taken
    only when the text cannot decide.
    """
    words = _WORD.findall(text)
    found = _detect(text, words)
    if found is None and declared:
        return _iso(declared)
    return found


def paragraph_languages(text: str, language: str | None) -> list[ParagraphLanguage]:
    """The paragraphs of ``PARAGRAPH_WORDS`` words or more that read as another language."""
    found: list[ParagraphLanguage] = []
    start = 0
    for m in [*_PARAGRAPH.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        paragraph = text[start:end]
        words = _WORD.findall(paragraph)
        if len(words) >= PARAGRAPH_WORDS and not (language == "en" and is_english_prose(words)):
            other = _detect(paragraph, words)
            if other is not None and other != language:
                found.append(ParagraphLanguage(start, end, other))
                if len(found) == MAX_PARAGRAPHS_LISTED:
                    break
        start = m.end() if m is not None else len(text)
    return found


def is_english_prose(words: list[str]) -> bool:
    """Enough words, Latin letters, and English function words in an English share."""
    if len(words) < _ENGLISH_MIN_WORDS or not all(w.isascii() or _latin(w) for w in words):
        return False
    function = sum(w.lower() in FUNCTION_WORDS for w in words)
    return function >= _ENGLISH_FUNCTION_SHARE * len(words)


def _detect(text: str, words: list[str]) -> str | None:
    if len(words) < MIN_WORDS:
        return None
    if is_english_prose(words):
        return "en"
    return _detect_with_lingua(text)


def _detect_with_lingua(text: str) -> str | None:
    language = _detector().detect_language_of(text)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Imported here: an English-only run never needs it.
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in NEWS_LANGUAGES]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_minimum_relative_distance(_MIN_DISTANCE)
        .with_low_accuracy_mode()
        .build()
    )


def _latin(word: str) -> bool:
    """Latin letters only (an apostrophe inside, "Clinton’s", is no letter)."""
    return all(c < "\u0250" for c in word if c.isalpha())


def _iso(declared: str) -> str | None:
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


# <html lang="fr-FR">: the first lang attribute of the page's root element.
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I)


def declared_language(raw: RawDocument) -> str | None:
    """The language the input declares for itself: a hint from its container (a feed's or a
    JSONL record's ``language``), else an HTML page's ``lang`` attribute."""
    hint = raw.hints.get("language")
    if hint:
        return hint
    if raw.media_type == "html":
        m = _HTML_LANG.search(raw.content[:4096])
        return m.group(1) if m else None
    return None


def language_notes(text: str, declared: str | None = None) -> tuple[str | None, list[str]]:
    """The article's language, and a note for each long paragraph in another language."""
    language = detect_language(text, declared)
    notes = [
        f"paragraph at {p.start}-{p.end} reads as {p.language}, not {language or 'unknown'}"
        for p in paragraph_languages(text, language)
    ]
    return language, notes
