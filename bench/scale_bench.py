"""Scale engines next to the bare model: single process, local pool, Ray — speed and peak memory.

    python bench/scale_bench.py [--sizes 100 300] [--modes bare single pool ray]

Real articles from ../shared/eval/allsides_baly2020 (one JSONL input). Each measurement runs
in its own process; peak memory is the peak of the summed RSS of that process and all its
descendants (worker processes, Ray's GCS, raylet and actors), sampled every 0.2 s.

- ``bare``: ``nlp.pipe(batch_size=16)`` over the cleaned texts (spaCy alone; model preloaded);
- ``single``: ``Pipeline.ingest`` in-process (read, clean, all stages, MinHash, resolution,
  SQLite; model preloaded) — target ≥ 0.8 × bare throughput;
- ``pool``: the same ingest with ``LocalPool`` of 2 workers (``ingest --workers 2``), worker
  start-up included — target ≥ 1.5 × single;
- ``ray``: ``run_distributed(workers=2)`` to Parquet shards of 25, each loaded into SQLite as
  it is written (``crosswire run --engine ray --load``), Ray start-up and actor model loads
  included — target ≥ 1.3 × single;
- ``raydata`` (not run by default): the alternative design, Ray Data ``map_batches`` with a
  callable class (``concurrency=2, num_cpus=1``), analysis only (no files, no store) — to
  compare with ``ray``'s analyse time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ingest_bench import cleaned_texts, time_preloaded  # bench/ is this script's folder

ALLSIDES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "allsides_baly2020" / "articles.jsonl.gz"
MODES = ("bare", "single", "pool", "ray", "raydata")


def write_corpus(path: Path, n: int, skip: int = 0) -> None:
    """Articles skip+1 … skip+n of the AllSides file as JSONL (stubs under 500 characters left out)."""
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        seen = 0
        for line in fh:
            rec = json.loads(line)
            if len(rec.get("content_original") or "") < 500:  # a stub, not an article
                continue
            seen += 1
            if seen > skip:
                keep = {k: rec[k] for k in ("content_original", "title", "source", "date") if k in rec}
                out.write(json.dumps(keep) + "\n")
            if seen >= skip + n:
                return


# -- memory: RSS of this process tree ------------------------------------------------------------
def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier += children
    return sum(_rss_kb(pid) for pid in tree)


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory:
    """Samples the process tree's RSS in a thread; ``peak_mb`` once stopped."""

    def __init__(self) -> None:
        self.peak_kb, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return max(self.peak_kb, _tree_rss_kb(os.getpid())) / 1024


# -- one measurement (child process) ------------------------------------------------------------
def run_mode(mode: str, corpus: Path, work: Path) -> dict[str, float]:
    """pool and ray: worker start-up (model loads, Ray) is part of what they cost."""
    from crosswire.config import Settings

    settings = Settings(db_path=work / f"{mode}.db")
    texts = cleaned_texts(corpus, settings)
    memory = PeakMemory()
    start = time.perf_counter()
    extra = {"pool": _pool, "ray": _ray, "raydata": _raydata}[mode](corpus, work, settings, texts)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "peak_mb": memory.stop(), **extra}  # fmt: skip


def _pool(corpus: Path, work: Path, settings: object, texts: list[str]) -> dict[str, float]:
    from crosswire.config import Settings
    from crosswire.pipeline import Pipeline
    from crosswire.scale import LocalPool
    from crosswire.store import ArticleStore, Database

    assert isinstance(settings, Settings)
    with Database(settings.db_path) as db:
        pipeline = Pipeline(settings, ArticleStore(db), analyser=LocalPool(settings, 2))
        try:
            report = pipeline.ingest([str(corpus)])
        finally:
            pipeline.analyser.close()
    assert report.added + report.failed == len(texts), report  # as in ingest_bench.time_preloaded
    return {"failed": report.failed}


def _ray(corpus: Path, work: Path, settings: object, texts: list[str]) -> dict[str, float]:
    """``crosswire run --engine ray --load``: each shard stored while the actors analyse the next."""
    from crosswire.config import Settings
    from crosswire.scale.distributed import ShardLoader, run_distributed
    from crosswire.store import ArticleStore, Database

    assert isinstance(settings, Settings)
    with Database(settings.db_path) as db:
        loader, writing = ShardLoader(ArticleStore(db), settings), [0.0]

        def load(path: Path) -> None:
            started = time.perf_counter()
            loader.load(path)
            writing[0] += time.perf_counter() - started

        run = run_distributed([str(corpus)], work / "shards", settings, workers=2, shard_size=25,
                              on_shard=load)  # fmt: skip
    assert run.articles == loader.report.added + loader.report.already_stored, (run, loader.report)
    return {"load_s": writing[0]}


def _raydata(corpus: Path, work: Path, settings: object, texts: list[str]) -> dict[str, float]:
    import ray

    from crosswire.config import Settings
    from crosswire.ingest.sources import InputRef
    from crosswire.scale.shards import iter_shards

    assert isinstance(settings, Settings)
    raws = [i for s in iter_shards([InputRef(str(corpus), "file")], settings) for i in s.items]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.from_items([{"raw": r} for r in raws]).map_batches(
            _RayDataAnalyser, fn_constructor_args=(settings,), concurrency=2, num_cpus=1, batch_size=25
        )
        assert ds.count() == len(texts)
    finally:
        ray.shutdown()
    return {}


class _RayDataAnalyser:
    """Ray Data's way: a callable class, constructed (model loaded) once per actor."""

    def __init__(self, settings: object) -> None:
        from crosswire.nlp import load_nlp

        self.settings = settings
        self.nlp = load_nlp()

    def __call__(self, batch: dict[str, object]) -> dict[str, list[str]]:
        from crosswire.ingest.extract import extract_article
        from crosswire.pipeline import analyse_articles

        articles = [extract_article(r) for r in batch["raw"]]  # type: ignore[attr-defined]
        analyse_articles(articles, self.nlp, self.settings)  # type: ignore[arg-type]
        return {"id": [a.id for a in articles], "mentions": [str(len(a.mentions)) for a in articles]}


def run_preloaded(mode: str, corpus: Path, work: Path) -> dict[str, float]:
    """bare and single: the model is loaded before the clock starts (as in ingest_bench.py)."""
    from crosswire.config import Settings

    memory = PeakMemory()
    seconds, texts = time_preloaded(mode, corpus, Settings(db_path=work / f"{mode}.db"))
    return {"seconds": seconds, "articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "peak_mb": memory.stop()}  # fmt: skip


# -- the parent: one child per (size, mode), then the table ---------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES[:4]))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # mode corpus work
    args = parser.parse_args()
    if args.child:
        mode, corpus, work = args.child
        runner = run_preloaded if mode in ("bare", "single") else run_mode
        print(json.dumps(runner(mode, Path(corpus), Path(work))))
        return
    if not ALLSIDES.exists():
        sys.exit(f"{ALLSIDES} is not here")
    print(f"machine: {os.cpu_count()} cores; load before: {os.getloadavg()}")
    for n in args.sizes:
        results = _measure_size(n, args.modes)
        _report(n, results)
    print(f"load after: {os.getloadavg()}")


def _measure_size(n: int, modes: list[str]) -> dict[str, dict[str, float]]:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "allsides.jsonl"
        write_corpus(corpus, n)
        for mode in modes:
            work = Path(tmp) / mode
            work.mkdir()
            child = subprocess.run([sys.executable, __file__, "--child", mode, str(corpus), str(work)],
                                   capture_output=True, text=True)  # fmt: skip
            if child.returncode:  # say why: a long measurement must not fail silently
                sys.exit(f"{n} {mode} failed (exit {child.returncode}):\n{child.stderr[-4000:]}")
            results[mode] = json.loads(child.stdout.strip().splitlines()[-1])
            print(f"  {n} {mode}: {results[mode]}", flush=True)
    return results


def _report(n: int, results: dict[str, dict[str, float]]) -> None:
    first = next(iter(results.values()))
    print(f"\n{n} articles, {first['words'] / first['articles']:.0f} words each on average")
    print(f"{'mode':<8}{'seconds':>9}{'art/s':>8}{'ms/art':>8}{'words/s':>9}{'peak MB':>9}")
    for mode, r in results.items():
        rate, ms = r["articles"] / r["seconds"], 1000 * r["seconds"] / r["articles"]
        words = r["words"] / r["seconds"]
        print(f"{mode:<8}{r['seconds']:>9.1f}{rate:>8.2f}{ms:>8.0f}{words:>9.0f}{r['peak_mb']:>9.0f}")
    speed = {m: r["articles"] / r["seconds"] for m, r in results.items()}
    if "bare" in speed and "single" in speed:
        print(f"single / bare = {speed['single'] / speed['bare']:.2f} (target >= 0.8)")
    for mode, target in (("pool", 1.5), ("ray", 1.3)):
        if mode in speed and "single" in speed:
            print(f"{mode} / single = {speed[mode] / speed['single']:.2f} (target >= {target})")
    if "ray" in results:
        print(f"ray: {results['ray']['load_s']:.1f}s of it in the driver's writer (loading shards)")


if __name__ == "__main__":
    main()
