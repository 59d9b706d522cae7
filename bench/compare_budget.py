"""What the cross-outlet comparison costs against spaCy's parse (#25 budget).

    python -m bench.compare_budget [--articles 10]

Reads the first ``--articles`` full-length articles (2,000+ characters) of
../shared/eval/allsides_baly2020 that the blind comparison set does not use, gives each its own
outlet, analyses them with crosswire (spaCy and every document stage), then times:

- spaCy's parse alone (``nlp.pipe`` over the texts), per article;
- claims and alignment (``stories.compare.compare`` with the embedding model, warm), per
  article: the budget is at most 25% of the parse;
- the whole comparison of the story (``stories.record.build_record``: alignment, conflicts,
  omissions, quote variants, frames): the budget is under 2 s for 10 articles.

Prints figures only. Each timing is the best of three runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

from bench.eval.common import SHARED_EVAL, require

BALY = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
BLIND = Path(__file__).parent / "eval" / "allsides_compare.tsv"


def texts(n: int) -> list[str]:
    blind = BLIND.read_text(encoding="utf-8")
    out = []
    with gzip.open(require(BALY), "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            body = str(record.get("content_original") or "")
            if len(body) >= 2000 and str(record.get("ID")) not in blind:
                out.append(body)
            if len(out) == n:
                break
    return out


def best_of(runs: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10)
    args = parser.parse_args()

    import crosswire
    from crosswire.nlp import load_nlp
    from crosswire.store.queries.records import StoryMember
    from crosswire.stories.compare import compare
    from crosswire.stories.record import build_record, comparison_embedder
    from crosswire.stories.settings import StorySettings

    bodies = texts(args.articles)
    nlp = load_nlp()
    parse = best_of(3, lambda: list(nlp.pipe(bodies)))
    articles = crosswire.analyze(bodies)
    for n, article in enumerate(articles):
        article.outlet = f"Outlet {n}"
    embedder = comparison_embedder()  # what story records align claims with
    settings = StorySettings()
    compare(articles, embedder, settings)  # warm the model
    align = best_of(3, lambda: compare(articles, embedder, settings))
    members = [(a, StoryMember(a.id, 1.0, True)) for a in articles]
    story = {"id": "budget", "title": "budget"}
    whole = best_of(3, lambda: build_record(story, members, embedder, settings))
    n = len(articles)
    print(f"articles: {n}, characters: {sum(len(b) for b in bodies)}")
    print(f"spaCy parse per article: {1000 * parse / n:.1f} ms")
    print(f"claims + alignment per article: {1000 * align / n:.1f} ms ({align / parse:.0%} of the parse)")
    print(f"whole comparison of the story: {whole:.2f} s")


if __name__ == "__main__":
    main()
