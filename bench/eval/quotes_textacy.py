"""The same PolNeAR quote evaluation for textacy's ``extract.triples.direct_quotations``.

A reference point for ``quotes``: same data and splits (TUNING: PolNeAR dev; REPORTING: one
PolNeAR train article in 4), same spaCy model (``load_nlp()``), same matching rule (see
``bench/eval/quotes.py``). Its figures are ``ref_*``: printed beside ours, never pinned.
textacy extracts direct quotes only, so only its direct figures are given. It gives up on a
whole document when the number of quotation marks is odd (it raises ``ValueError`` rather
than guess); such articles count with no predictions, and ``articles_scored`` is the share
it could read.

textacy is not a crosswire dependency: install it beside the project only to measure
(``pip install textacy``); without it this evaluation is skipped.
"""

from __future__ import annotations

from bench.eval.common import Skip
from bench.eval.quotes import REPORTING, TUNING, Article, Predicted, load_articles, score

NAME = "quotes_textacy"
__all__ = ["NAME", "REPORTING", "TUNING", "run"]


def predict_textacy(articles: list[Article]) -> float:
    """Fill ``predicted`` from textacy's triples; returns the share of articles it read."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise Skip("textacy is not installed (pip install textacy to compare)") from exc
    from crosswire.nlp import load_nlp

    nlp = load_nlp()
    read = 0
    with nlp.memory_zone():
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # an odd number of quotation marks: textacy bails out
                continue
            read += 1
            for t in triples:
                speaker = (min(s.idx for s in t.speaker), max(s.idx + len(s) for s in t.speaker))
                name = " ".join(s.text for s in t.speaker)
                article.predicted.append(
                    Predicted(t.content.start_char, t.content.end_char, "direct", speaker, name)
                )
    return read / len(articles)


def run(limit: int | None, split: str = "reporting") -> dict[str, float]:
    articles = load_articles(limit, split)
    read = predict_textacy(articles)
    # ref_: textacy's figures, printed beside ours and never pinned (see run.py).
    figures = {f"ref_{k}": v for k, v in score(articles).items() if k.startswith("direct")}
    figures["ref_articles_scored"] = read
    return figures
