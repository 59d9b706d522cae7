"""The static claim embedding (``stories.static_embed``) beside MiniLM, for issue #25's budget.

    python -m bench.claimvec_bench [--part sanity|speed|budget|tuning] [--embedder minilm|static]

- ``sanity``: cosine of each embedder on pairs of sentences written for this bench (no
  evaluation data): paraphrases, and unrelated sentences of one news register;
- ``speed``: each embedder's milliseconds per 100 claim-like sentences (best of three);
- ``budget``: ``bench.compare_budget``'s story (10 full-length articles) compared with each
  embedder: claims + alignment per article against the parse, and the whole ``build_record``;
- ``tuning``: ``bench.eval.compare_allsides`` on its TUNING split only
  (bench/eval/allsides_compare_tuning.tsv), the record built with each embedder. Ingest (story
  vectors, clustering) keeps MiniLM in both runs: only the comparison's embedder changes.

Prints figures only; the reporting split is never run here.
"""

from __future__ import annotations

import argparse
import json
from typing import Any
from unittest import mock

from bench.compare_budget import best_of
from crosswire.stories.features import Embedder

# (a, b, paraphrase?) written for this bench.
PAIRS = [
    ("The mayor resigned on Friday after weeks of pressure.",
     "After weeks of pressure, the mayor stepped down Friday.", True),
    ("Unemployment claims fell by 12,000 last week.",
     "Fewer people filed for jobless benefits last week, down 12,000.", True),
    ("The storm knocked out power to 40,000 homes.",
     "About 40,000 households lost electricity in the storm.", True),
    ("Lawmakers approved the spending bill late Tuesday.",
     "The spending measure passed the legislature on Tuesday night.", True),
    ("Police arrested two men in connection with the robbery.",
     "Two men were taken into custody over the robbery, police said.", True),
    ("The company will cut 300 jobs at its plant in Ohio.",
     "Some 300 workers at the firm's Ohio factory will lose their jobs.", True),
    ("The mayor resigned on Friday after weeks of pressure.",
     "The storm knocked out power to 40,000 homes.", False),
    ("Unemployment claims fell by 12,000 last week.",
     "Police arrested two men in connection with the robbery.", False),
    ("Lawmakers approved the spending bill late Tuesday.",
     "The team won its third straight game on Sunday.", False),
    ("The company will cut 300 jobs at its plant in Ohio.",
     "The senator said she would not seek a fourth term.", False),
    ("Two men were taken into custody over the robbery, police said.",
     "The central bank left interest rates unchanged.", False),
    ("About 40,000 households lost electricity in the storm.",
     "The president met the prime minister in Paris.", False),
]
SENTENCES = [a for a, _, _ in PAIRS] + [b for _, b, _ in PAIRS]


def embedders() -> dict[str, Embedder]:
    from crosswire.stories.embed import load_embedder
    from crosswire.stories.static_embed import load_static_embedder

    found = {"minilm": load_embedder(), "static": load_static_embedder()}
    return {name: e for name, e in found.items() if e is not None}


def sanity(models: dict[str, Embedder]) -> None:
    for name, model in models.items():
        left = model.embed([a for a, _, _ in PAIRS])
        right = model.embed([b for _, b, _ in PAIRS])
        cosines = (left * right).sum(axis=1)
        same = [float(c) for c, (_, _, p) in zip(cosines, PAIRS, strict=True) if p]
        other = [float(c) for c, (_, _, p) in zip(cosines, PAIRS, strict=True) if not p]
        print(f"{name}: paraphrase mean {sum(same) / len(same):.3f} (min {min(same):.3f}), "
              f"unrelated mean {sum(other) / len(other):.3f} (max {max(other):.3f})")
    if len(models) == 2:
        a, b = (m.embed(SENTENCES) for m in models.values())
        sims_a, sims_b = (a @ a.T)[~_eye(len(SENTENCES))], (b @ b.T)[~_eye(len(SENTENCES))]
        import numpy as np

        print(f"pearson of all pairwise cosines, minilm vs static: {np.corrcoef(sims_a, sims_b)[0, 1]:.3f}")


def _eye(n: int) -> Any:
    import numpy as np

    return np.eye(n, dtype=bool)


def speed(models: dict[str, Embedder]) -> None:
    texts = (SENTENCES * 30)[:600]  # a 10-article story's claims
    for name, model in models.items():
        model.embed(texts[:32])  # warm
        seconds = best_of(3, lambda m=model: m.embed(texts))  # type: ignore[misc]
        print(f"{name}: {100_000 * seconds / len(texts):.1f} ms per 100 sentences ({len(texts)} sentences)")


def budget(models: dict[str, Embedder], articles: int) -> None:
    import crosswire
    from bench.compare_budget import texts
    from crosswire.nlp import load_nlp
    from crosswire.store.queries.records import StoryMember
    from crosswire.stories.compare import compare
    from crosswire.stories.record import build_record
    from crosswire.stories.settings import StorySettings

    bodies = texts(articles)
    parse = best_of(3, lambda: list(load_nlp().pipe(bodies)))
    analysed = crosswire.analyze(bodies)
    for n, article in enumerate(analysed):
        article.outlet = f"Outlet {n}"
    settings = StorySettings()
    members = [(a, StoryMember(a.id, 1.0, True)) for a in analysed]
    print(f"articles: {len(analysed)}, spaCy parse per article: {1000 * parse / len(analysed):.1f} ms")
    for name, model in models.items():
        compare(analysed, model, settings)  # warm
        align = best_of(3, lambda m=model: compare(analysed, m, settings))  # type: ignore[misc]
        whole = best_of(3, lambda m=model: build_record({"id": "b", "title": "b"}, members, m, settings))  # type: ignore[misc]
        print(f"{name}: claims + alignment per article {1000 * align / len(analysed):.1f} ms "
              f"({align / parse:.0%} of the parse); whole comparison {whole:.2f} s")


def tuning(models: dict[str, Embedder]) -> None:
    from bench.eval import compare_allsides

    for name, model in models.items():
        with mock.patch("crosswire.stories.record.comparison_embedder", lambda m=model: m):
            figures = compare_allsides.run(None, "tuning")
        print(name, json.dumps(figures, sort_keys=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("sanity", "speed", "budget", "tuning"), action="append")
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--embedder", choices=("minilm", "static"), action="append",
                        help="only these (default: both)")
    args = parser.parse_args()
    models = {k: v for k, v in embedders().items() if not args.embedder or k in args.embedder}
    for part in args.part or ("sanity", "speed", "budget"):
        print(f"== {part}")
        if part == "budget":
            budget(models, args.articles)
        else:
            {"sanity": sanity, "speed": speed, "tuning": tuning}[part](models)


if __name__ == "__main__":
    main()
