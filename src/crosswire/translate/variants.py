"""Quote variants across languages: one utterance quoted in two languages, linked by its renderings.

Two outlets writing in two languages quote one speaker; their words never match, but their
English renderings (``crosswire.translate``; an English quote is its own rendering) do when
it is one utterance. The test is the one ``stories.variants`` applies to two English
renderings of a translated quote (``classify(..., translated=True)``), on the renderings;
the variant keeps the original quotes, and its diff is between the renderings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crosswire.store.translations import Rendering
from crosswire.stories.compare import independent, outlet_of
from crosswire.stories.crosslang import language_key
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import QuoteRef, QuoteVariant, classify, same_speaker, speaker_key, word_diff
from crosswire.types import Article


@dataclass(frozen=True, slots=True)
class _Rendered:
    ref: QuoteRef
    language: str
    english: str


def quote_variants_across_languages(
    articles: Sequence[Article], renderings: Mapping[str, Sequence[Rendering]],
    settings: StorySettings | None = None,
) -> list[QuoteVariant]:
    """Same-speaker quotes of two outlets in two languages whose English renderings are one utterance.

    ``renderings``: each article's stored renderings (``store.translations.renderings_of``);
    a non-English quote without one is left out.
    """
    settings = settings or StorySettings()
    quoted = _rendered_quotes(articles, renderings, settings)
    found = []
    for i, a in enumerate(quoted):
        for b in quoted[i + 1:]:
            if a.language == b.language or a.ref.outlet == b.ref.outlet:
                continue  # within a language, stories.variants compares the words themselves
            kind = classify(a.english, b.english, settings, translated=True) \
                if same_speaker(a.ref.quote, b.ref.quote) else None
            if kind is not None:
                found.append(QuoteVariant(_name(a, b), a.ref, b.ref, "translated", kind[1] / 100.0,
                                          word_diff(a.english, b.english)))
    return found


def _name(a: _Rendered, b: _Rendered) -> str:
    names = [q.speaker.name for q in (a.ref.quote, b.ref.quote) if q.speaker is not None]
    return max(names, key=len, default="")


def _rendered_quotes(articles: Sequence[Article], renderings: Mapping[str, Sequence[Rendering]],
                     settings: StorySettings) -> list[_Rendered]:
    quoted = []
    for article in independent(articles, settings.max_articles_compared):
        language = language_key(article.language)
        english = {r.start: r.text for r in renderings.get(article.id, ()) if r.kind == "quote"}
        for quote in article.quotes:
            text = quote.text if language == "en" else english.get(quote.start)
            if text and speaker_key(quote):
                quoted.append(_Rendered(QuoteRef(article.id, outlet_of(article), quote), language, text))
    return quoted


__all__ = ["quote_variants_across_languages"]
