"""The time stage's cost next to spaCy's parse: the issue-28 budget is at most 5% per article.

    python -m bench.times_bench [--documents 50]

Every fifth document of TempEval-3 TBAQ (../shared/eval/tempeval3, the dates tuning split), up
to ``--documents``: each is parsed once, then the time stage (``add_times``) runs three times on
the parse and its fastest run counts, so a cold cache or a busy neighbour does not. Prints the
two totals and the stage's share; asserts nothing (timings are no quality floor).
"""

from __future__ import annotations

import argparse
import time

from spacy.tokens import Doc

from bench.eval.common import require
from bench.eval.dates import TEMPEVAL, read_tml
from crosswire.mentions.dates.stage import add_times
from crosswire.nlp import load_nlp
from crosswire.types import Article


def main(documents: int) -> None:
    root = require(TEMPEVAL)
    paths = (sorted((root / "TimeBank").glob("*.tml")) + sorted((root / "AQUAINT").glob("*.tml")))[::5]
    nlp = load_nlp()
    warm = "The ferry sailed on Monday."
    add_times(nlp(warm), Article(id="w", text=warm, source="bench", published="2020-01-01"))
    parse = stage = 0.0
    for path in paths[:documents]:
        published, text, _ = read_tml(path)
        started = time.perf_counter()
        doc = nlp(text)
        parse += time.perf_counter() - started
        stage += min(_stage_seconds(doc, text, published) for _ in range(3))
    print(f"{min(documents, len(paths))} documents: spaCy {parse:.2f}s, time stage {stage:.3f}s "
          f"= {100 * stage / parse:.1f}% of the parse")


def _stage_seconds(doc: Doc, text: str, published: str) -> float:
    article = Article(id="bench", text=text, source="bench", published=published)
    started = time.perf_counter()
    add_times(doc, article)
    return time.perf_counter() - started


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50)
    main(parser.parse_args().documents)
