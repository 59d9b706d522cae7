"""What other languages cost: language identification per article, and parsing per word.

    python -m bench.language_bench [--docs N]

Prints, for English, French, Russian and Korean, the seconds per 1,000 words of the parse
step (the language's parser, then the document stages' shared first steps ``add_sentences``
and ``add_mentions`` and the entities stage) and the ratio to English; then language
identification: milliseconds per article on English (the function-word check) and on the
other languages (lingua, low-accuracy mode), and the memory lingua's models take
(maximum resident set before and after its first use). Texts: English from PolNeAR, Russian
from factRuEval, Korean from KLUE sentences joined, French from the langid evaluation's
written paragraphs joined into articles. Words are whitespace-separated tokens.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from bench.eval import langid


def _texts(docs: int) -> dict[str, list[str]]:
    english = list(langid._english())
    russian = list(langid._russian())
    korean = list(langid._korean())
    french = langid.WRITTEN["fr"]

    def articles(paragraphs: Sequence[str], per: int) -> list[str]:
        return [
            "\n\n".join(paragraphs[i : i + per]) for i in range(0, per * docs, per) if paragraphs[i : i + per]
        ]

    return {
        "en": articles(english, 6),
        "fr": articles(french * (6 * docs // len(french) + 1), 6),
        "ru": articles(russian, 6),
        "ko": articles(korean, 6),
    }


def _seconds(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _parse_all(language: str, texts: list[str]) -> None:
    from crosswire.mentions.entities import clean_mentions
    from crosswire.nlp import add_mentions, add_sentences, annotate, load_nlp
    from crosswire.types import Article

    articles = [Article(str(i), t, "bench", language=language) for i, t in enumerate(texts)]
    annotate(articles, load_nlp(), [add_sentences, add_mentions, clean_mentions])


def parse_costs(texts: dict[str, list[str]]) -> dict[str, float]:
    """Seconds per 1,000 words, each language's model loaded (and warmed) first."""
    costs = {}
    for language, group in texts.items():
        _parse_all(language, group[:1])  # loads the model: a once-per-process cost, not per word
        words = sum(len(t.split()) for t in group)
        costs[language] = _seconds(partial(_parse_all, language, group)) / words * 1000
    return costs


def detection_costs(texts: dict[str, list[str]]) -> tuple[float, float, float]:
    """ms per English article, ms per other article, MB lingua added."""
    from crosswire.ingest.language import detect_language

    english = texts["en"]
    others = [t for lang in ("fr", "ru", "ko") for t in texts[lang]]
    # Before anything loads lingua: its models' memory, then the cost per article once loaded.
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    detect_language(others[0])
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    other_ms = _seconds(lambda: [detect_language(t) for t in others]) / len(others) * 1000
    en_ms = _seconds(lambda: [detect_language(t) for t in english]) / len(english) * 1000
    return en_ms, other_ms, grown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    texts = _texts(parser.parse_args().docs)
    en_ms, other_ms, grown = detection_costs(texts)
    print(f"language id: {en_ms:.2f} ms per English article, {other_ms:.2f} ms per other article, "
          f"lingua's models +{grown:.0f} MB resident")  # fmt: skip
    costs = parse_costs(texts)
    for language, cost in costs.items():
        print(f"parse {language}: {cost:.3f} s per 1,000 words ({cost / costs['en']:.2f}x English)")


if __name__ == "__main__":
    main()
