"""Ingest throughput next to bare spaCy on the same texts, with peak memory of each.

    python bench/ingest_bench.py [--n 2000] [--source generated|allsides]

Each measurement runs in its own process so that peak RSS belongs to that mode alone.
``bare`` is ``nlp.pipe(batch_size=16)`` over the cleaned article texts (what spaCy alone
costs); ``ingest`` is the whole ``crosswire ingest`` path: read files, clean, identify,
annotate, near-duplicate search and SQLite writes. The target is ingest ≤ 1.3 × bare.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "allsides_baly2020" / "articles.jsonl.gz"


def write_corpus(folder: Path, n: int, source: str) -> None:
    if source == "allsides":
        with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh, (folder / "a.jsonl").open("w") as out:
            for i, line in enumerate(fh):
                if i >= n:
                    break
                rec = json.loads(line)
                out.write(
                    json.dumps(
                        {
                            "text": rec["content_original"],
                            "title": rec["title"],
                            "outlet": rec["source"],
                            "published": rec["date"],
                        }
                    )
                    + "\n"
                )
        return
    from corpus import corpus

    for i, text in enumerate(corpus(n)):
        (folder / f"{i:05}.txt").write_text(text, encoding="utf-8")


def run_mode(mode: str, folder: Path) -> dict[str, float]:
    from crosswire.config import Settings

    seconds, texts = time_preloaded(mode, folder, Settings(db_path=folder / "bench.db"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "peak_mb": peak_mb}  # fmt: skip


def time_preloaded(mode: str, folder: Path, settings: Any) -> tuple[float, list[str]]:
    """Seconds for ``bare`` (spaCy alone over the cleaned texts) or ``ingest``/``single`` (the
    whole in-process ingest of ``folder``), the model loaded before the clock starts."""
    from crosswire.nlp import load_nlp
    from crosswire.pipeline import Pipeline
    from crosswire.store import ArticleStore, Database
    from crosswire.stories.embed import load_embedder

    nlp = load_nlp(settings.spacy_model)
    if mode != "bare" and settings.story_embeddings:
        load_embedder()  # a once-per-process model load, like spaCy's: not per-article cost
    texts = cleaned_texts(folder, settings)
    start = time.perf_counter()
    if mode == "bare":
        with nlp.memory_zone():
            for _ in nlp.pipe(texts, batch_size=settings.nlp_batch_size):
                pass
    else:
        with Database(settings.db_path) as db:
            report = Pipeline(settings, ArticleStore(db), nlp=nlp).ingest([str(folder)])
        # texts are de-duplicated and the store starts empty: every text is added or failed (a
        # copy read twice counts as already stored)
        assert report.added + report.failed == len(texts), report
    return time.perf_counter() - start, texts


def cleaned_texts(folder: Path, settings: Any) -> list[str]:
    """Exactly the texts crosswire's cleaning hands to spaCy, de-duplicated as ingest does."""
    from crosswire.ingest.extract import extract_article
    from crosswire.ingest.sources import expand_inputs, read_input
    from crosswire.types import RawDocument

    texts: dict[str, str] = {}
    for ref in expand_inputs([str(folder)]):
        for item in read_input(ref, settings, None):  # type: ignore[arg-type]
            if isinstance(item, RawDocument):
                article = extract_article(item)
                texts.setdefault(article.id, article.text)
    return list(texts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--source", choices=["generated", "allsides"], default="generated")
    parser.add_argument("--mode", choices=["bare", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:  # child process: one measurement, printed as JSON
        print(json.dumps(run_mode(args.mode, Path(args.folder))))
        return
    if args.source == "allsides" and not ALLSIDES.exists():
        sys.exit(f"{ALLSIDES} is not here: use --source generated")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder, args.n, args.source)
        results = {mode: _child(mode, folder) for mode in ("bare", "ingest")}
    _report(results, args)


def _child(mode: str, folder: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--mode", mode, "--folder", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(
        f"corpus: {args.n} {args.source} articles, "
        f"{results['bare']['words'] / results['bare']['articles']:.0f} words each on average"
    )
    print(f"{'mode':<8}{'seconds':>10}{'articles/s':>12}{'words/s':>10}{'peak MB':>10}")
    for mode, r in results.items():
        print(
            f"{mode:<8}{r['seconds']:>10.1f}{r['articles'] / r['seconds']:>12.1f}"
            f"{r['words'] / r['seconds']:>10.0f}{r['peak_mb']:>10.0f}"
        )
    ratio = results["ingest"]["seconds"] / results["bare"]["seconds"]
    print(f"ingest / bare nlp.pipe = {ratio:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
