"""Runs of quotation marks cost the quote stage what their length does, never its square.

Work is counted, not timed: the lines of the quote finder's Python that run (``sys.settrace``)
on a text, then on one with twice the marks. Linear work about doubles; the quadratic walks
this guards against made it four times.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import crosswire.mentions.quotes as quotes_package
from crosswire.mentions.quotes.stage import add_quotes
from crosswire.nlp import add_mentions, add_sentences
from crosswire.types import Article
from line_counting import counted_lines

pytestmark = pytest.mark.slow

_QUOTES_CODE = str(Path(quotes_package.__file__).parent)


def lines_run(stage: Callable[[Doc, Article], None], doc: Doc, article: Article) -> int:
    with counted_lines(_QUOTES_CODE) as counter:
        stage(doc, article)
    return int(counter.lines)  # the helper is imported unfollowed (pyproject), so typed Any here


def _mixed(n: int) -> str:
    rng = random.Random(n)
    return "".join(rng.choice("'\"“”«»‘’") for _ in range(n))


RUNS: dict[str, Callable[[int], str]] = {
    "straight and single": lambda n: "\"'" * (n // 2),
    "mixed marks": _mixed,
    "marks around letters": lambda n: "“a”" * (n // 2),
    "runs between words": lambda n: ("\"'" * 100 + " said Kim ") * (n // 200),
}


@pytest.mark.parametrize("kind", list(RUNS))
def test_quote_stage_work_is_linear_in_the_marks(nlp: Language, kind: str) -> None:
    work = []
    for marks in (2_000, 4_000):
        text = "Mara Quillon said " + RUNS[kind](marks) + " on Tuesday."
        article = Article(id="t", text=text, source="test")
        with nlp.memory_zone():
            doc = nlp(text)
            add_sentences(doc, article)
            add_mentions(doc, article)
            work.append(lines_run(add_quotes, doc, article))
        assert all(text[q.start:q.end] == q.text for q in article.quotes)
    assert work[1] <= 2.3 * work[0] + 1_000, work
