"""What the entity stages cost beside spaCy's parse: CPU time per article and memory.

    python bench/entities_model_bench.py [--articles 40] [--seeds DIR]

Parses generated news articles (``bench/corpus.py``, ~20 paragraphs each; or the ``.txt``
files of ``--seeds``) with the project's spaCy model, then times, on the same Docs, the
entity correction stage with rules alone and with the learned tagger, and prints each as
a share of the parse time (the issue's budget: at most 10%) and the process's RSS before
and after the tagger is loaded and has run (budget: at most 100 MB more). CPU time
(``time.process_time``), so that other work on the machine counts less (on a loaded
machine both figures still swell: read the shares, not the milliseconds). The tagger is
timed twice: on its first pass over the articles (its per-word feature caches cold, as
for the first articles of a run) and on a second (warm, as for the rest of a long run).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.tokens import Doc

from bench.corpus import corpus
from crosswire.mentions.entities.model import load_tagger
from crosswire.mentions.entities.stage import clean_mentions
from crosswire.nlp import add_mentions, load_nlp
from crosswire.types import Article


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def stage_seconds(docs: list[Doc], texts: list[str], model: bool) -> float:
    started = time.process_time()
    for doc, text in zip(docs, texts, strict=True):
        article = Article(id="b", text=text, source="b")
        add_mentions(doc, article)
        clean_mentions(doc, article, model=model)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seeds", type=Path, help="a folder of .txt articles instead of generated ones")
    args = parser.parse_args()
    texts = (sorted(p.read_text(encoding="utf-8") for p in args.seeds.glob("*.txt")) if args.seeds
             else corpus(args.articles))
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm up the model's first-call costs
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.process_time() - started
    stage_seconds(docs, texts, model=False)  # warm up gazetteers and word lists
    before = rss_mb()
    rules = stage_seconds(docs, texts, model=False)
    load_tagger()
    loaded = rss_mb()
    cold = stage_seconds(docs, texts, model=True)
    warm = stage_seconds(docs, texts, model=True)
    after = rss_mb()
    n, tokens = len(texts), sum(len(d) for d in docs)
    print(f"{n} articles, {tokens / n:.0f} tokens each")
    print(f"spaCy parse           {1000 * parse / n:7.1f} ms/article")
    print(f"entities, rules only  {1000 * rules / n:7.1f} ms/article  {100 * rules / parse:5.1f}% of parse")
    for name, seconds in (("cold", cold), ("warm", warm)):
        print(f"entities, + tagger, {name} {1000 * seconds / n:7.1f} ms/article  "
              f"{100 * seconds / parse:5.1f}% of parse")
    print(f"RSS {before:.0f} MB before the tagger, {loaded:.0f} MB loaded, {after:.0f} MB after "
          f"tagging: +{after - before:.0f} MB")


if __name__ == "__main__":
    main()
