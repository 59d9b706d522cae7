"""What the learned quote model costs: time beside spaCy's parse, and memory.

    python -m bench.quotes_model_bench [--articles 50]

Over the first N PolNeAR dev articles (the tuning split): seconds in ``nlp.pipe``, in the
quote stage with the model and without it (``CROSSWIRE_QUOTE_MODEL``), each the best of
three rounds over the same parsed Docs; and the memory the model adds (resident set size
before and after its first use, and tracemalloc's peak over one model round). The budget of
issue #23: the stage with its model <= 15% of spaCy's parse time, <= 150 MB more memory.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

from bench.eval.quotes import load_articles, model_switched


def _rss_mb() -> float:
    """The resident set now (Linux), else the peak so far."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from crosswire.mentions.quotes import add_quotes
    from crosswire.nlp import add_mentions, add_sentences, load_nlp
    from crosswire.types import Article

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50)
    n = parser.parse_args().articles
    nlp = load_nlp()
    texts = [a.text for a in load_articles(n, "tuning")]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_seconds = time.perf_counter() - started
    records = [Article(id=str(k), text=t, source="bench") for k, t in enumerate(texts)]
    for doc, record in zip(docs, records, strict=True):
        add_sentences(doc, record)
        add_mentions(doc, record)

    def stage_seconds(on: bool) -> float:
        with model_switched(on=on):
            started = time.perf_counter()
            for doc, record in zip(docs, records, strict=True):
                add_quotes(doc, record)
            return time.perf_counter() - started

    rss_before = _rss_mb()
    rules = min(stage_seconds(False) for _ in range(3))
    first = stage_seconds(True)  # loads the weights
    rss_after = _rss_mb()
    tracemalloc.start()
    stage_seconds(True)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    with_model = min(stage_seconds(True) for _ in range(3))
    print(f"{n} PolNeAR dev articles: spaCy {spacy_seconds:.2f}s")
    print(f"quotes, rules alone  {rules:.3f}s = {rules / spacy_seconds:.1%} of spaCy")
    print(f"quotes, with model   {with_model:.3f}s = {with_model / spacy_seconds:.1%} of spaCy "
          f"(first round, loading the weights: {first:.3f}s)")
    print(f"memory: RSS {rss_before:.0f} -> {rss_after:.0f} MB after the model's first use "
          f"(+{rss_after - rss_before:.0f} MB); tracemalloc peak of one round {peak:.1f} MB")


if __name__ == "__main__":
    main()
