"""How ingest cost grows with the store: time and memory per article at 1k, 5k, 20k articles.

    python bench/growth_bench.py [--marks 1000 5000 20000] [--workers 2] [--window 500]
                                 [--store GROWN.db --skip N] [--keep GROWN.db]

One ingest of the first max(marks) real articles of ../shared/eval/allsides_baly2020 (one
JSONL input, in file order), through the local pool (``--workers 1``: in-process;
``--workers 0``: bare ``nlp.pipe(batch_size=16)`` over the same cleaned texts, no store, the
reference the single process is measured against, window by window). At each mark it prints,
over the last ``--window`` articles stored before the mark (a window as wide as the gap
between marks covers the whole run):

- ``ms/art``: wall time per article (what a user waits);
- ``writer ms/art``: time in the single writer per article (near-duplicate search, SQLite
  writes, entity resolution, speaker links, story assignment): the part that reads the store,
  so the part that would grow if any step were not flat in the store's size;
- ``CPU ms/art`` and ``writer CPU``: CPU time of the whole process tree (workers included),
  and of the writer thread, per article: what the work costs whatever else the machine runs
  (wall times on a shared machine swing with its load; CPU times do not);
- ``RSS MB``: the summed RSS of this process and its workers at the mark;
- ``DB MB``: the store's size on disk.

Flat means the last column pair does not climb with the mark. The model loads (and the
workers' start-up) happen before the clock starts. ``--store`` starts from a copy of a store
grown earlier (skip the ``--skip`` articles it already holds): the cost of the next articles
at that size, without growing it again; ``--keep`` saves the store this run grew, for that.

``--pairs N`` checks single against bare the way this VM's drift allows: N alternating pairs,
bare then single, each a fresh process over the same articles (with ``--store``/``--skip``:
at that store size), and the ratio of each pair over the last mark's window.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_bench import ALLSIDES, _tree_rss_kb, write_corpus  # bench/ is this script's folder


@dataclass
class Marks:
    """Stored-article counts and clock readings, taken after every written batch."""

    marks: list[int]
    window: int
    started: float = field(default_factory=time.perf_counter)
    # (stored, wall, writer wall, tree CPU, writer CPU)
    points: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    writer_seconds: float = 0.0
    writer_cpu: float = 0.0
    rows: list[dict[str, float]] = field(default_factory=list)

    def record(self, stored: int, db_path: Path) -> None:
        now = time.perf_counter() - self.started
        cpu = _tree_cpu_seconds(os.getpid())
        self.points.append((stored, now, self.writer_seconds, cpu, self.writer_cpu))
        for mark in self.marks:
            if self.points[-2:-1] and self.points[-2][0] < mark <= stored:
                self.rows.append(self._row(mark, db_path))
                print(f"  reached {mark}: {self.rows[-1]}", flush=True)  # a long run shows as it goes

    def finish(self, db_path: Path) -> None:
        """A mark the input fell short of (duplicates and failures are not stored) is reported at
        the last batch, under the count actually stored."""
        stored = self.points[-1][0] if self.points else 0
        if stored and any(mark > stored for mark in self.marks):
            self.rows.append(self._row(stored, db_path))

    def _row(self, mark: int, db_path: Path) -> dict[str, float]:
        stored, wall, writer, cpu, writer_cpu = self.points[-1]
        before = next((p for p in reversed(self.points) if p[0] <= stored - self.window), self.points[0])
        n = max(1, stored - before[0])
        size = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
        return {"mark": mark, "stored": stored, "ms_per_article": 1000 * (wall - before[1]) / n,
                "writer_ms_per_article": 1000 * (writer - before[2]) / n,
                "cpu_ms_per_article": 1000 * (cpu - before[3]) / n,
                "writer_cpu_ms_per_article": 1000 * (writer_cpu - before[4]) / n,
                "rss_mb": _tree_rss_kb(os.getpid()) / 1024, "db_mb": size / 2**20}  # fmt: skip


def _tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of ``root`` and its live descendants (the pool's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(entry) == root or int(fields[1]) == root:  # the bench and its direct children
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def run(marks: list[int], workers: int, window: int, store: Path | None = None, skip: int = 0,
        keep: Path | None = None) -> Marks:
    from crosswire import pipeline as pipeline_module
    from crosswire.config import Settings
    from crosswire.nlp import load_nlp
    from crosswire.pipeline import Pipeline
    from crosswire.scale import LocalPool
    from crosswire.store import ArticleStore, Database
    from crosswire.stories.embed import load_embedder
    from crosswire.types import Article

    with tempfile.TemporaryDirectory() as tmp:
        corpus, db_path = Path(tmp) / "allsides.jsonl", Path(tmp) / "growth.db"
        settings = Settings(db_path=db_path)
        # Analysed batches wait for a whole write batch, with two more in flight per worker,
        # so the articles written at the very end come without analysis after them: a window
        # ending there would miss that work. Read past the last mark so every mark is mid-run.
        past = settings.write_batch_size + settings.analysis_batch_size * (2 * max(1, workers) + 1)
        write_corpus(corpus, max(marks) + past, skip)
        if store is not None:
            shutil.copy(store, db_path)
        if workers == 0:
            return _run_bare(corpus, settings, Marks(marks, window), db_path)
        if workers > 1:
            analyser = LocalPool(settings, workers)
            analyser.warm_up()
            nlp = None
        else:
            analyser, nlp = None, load_nlp(settings.spacy_model)
            load_embedder()
        timing = Marks(marks, window)
        save = pipeline_module._IngestRun._save

        def timed_save(run: pipeline_module._IngestRun, batch: Sequence[Article]) -> None:
            started, cpu = time.perf_counter(), time.thread_time()
            save(run, batch)
            timing.writer_seconds += time.perf_counter() - started
            timing.writer_cpu += time.thread_time() - cpu

        pipeline_module._IngestRun._save = timed_save  # type: ignore[method-assign, assignment]
        with Database(db_path) as db:
            pipeline = Pipeline(settings, ArticleStore(db), nlp=nlp, analyser=analyser)
            timing.started = time.perf_counter()
            try:
                pipeline.ingest([str(corpus)], on_progress=lambda _, r: timing.record(r.added, db_path))
                timing.finish(db_path)
            finally:
                pipeline.analyser.close()
                pipeline_module._IngestRun._save = save  # type: ignore[method-assign]
        if keep is not None:  # closed above: SQLite checkpointed the WAL into the file
            shutil.copy(db_path, keep)
        return timing


def _run_bare(corpus: Path, settings: object, timing: Marks, db_path: Path) -> Marks:
    """spaCy alone over exactly the texts ingest would parse, timed like an ingest."""
    from crosswire.config import Settings
    from crosswire.nlp import load_nlp
    from ingest_bench import cleaned_texts

    assert isinstance(settings, Settings)
    nlp, texts = load_nlp(settings.spacy_model), cleaned_texts(corpus, settings)
    batch = settings.nlp_batch_size
    timing.started = time.perf_counter()
    with nlp.memory_zone():
        for n, _ in enumerate(nlp.pipe(texts, batch_size=batch), start=1):
            if n % batch == 0 or n == len(texts):
                timing.record(n, db_path)
    timing.finish(db_path)
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--marks", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--workers", type=int, default=2, help="0: bare nlp.pipe; 1: in-process")
    parser.add_argument("--window", type=int, default=500)
    parser.add_argument("--store", type=Path, help="start from a copy of this store")
    parser.add_argument("--skip", type=int, default=0, help="articles the store already holds")
    parser.add_argument("--keep", type=Path, help="save the grown store here")
    parser.add_argument("--pairs", type=int, default=0, help="N alternating bare/single runs")
    args = parser.parse_args()
    if not ALLSIDES.exists():
        sys.exit(f"{ALLSIDES} is not here")
    if args.pairs:
        run_pairs(args)
        return
    print(f"machine: {os.cpu_count()} cores; load before: {os.getloadavg()}", flush=True)
    timing = run(sorted(args.marks), args.workers, args.window, args.store, args.skip, args.keep)
    print(f"{args.workers} worker(s); per article over the last {args.window} stored before each mark")
    print(f"{'mark':>7}{'ms/art':>9}{'writer ms/art':>15}{'CPU ms/art':>12}{'writer CPU':>12}"
          f"{'RSS MB':>9}{'DB MB':>8}")  # fmt: skip
    for r in timing.rows:
        print(f"{r['mark']:>7}{r['ms_per_article']:>9.0f}{r['writer_ms_per_article']:>15.1f}"
              f"{r['cpu_ms_per_article']:>12.0f}{r['writer_cpu_ms_per_article']:>12.1f}"
              f"{r['rss_mb']:>9.0f}{r['db_mb']:>8.0f}", flush=True)  # fmt: skip
    total = timing.points[-1]
    print(f"all {total[0]} articles: {total[1]:.0f}s, {1000 * total[1] / max(1, total[0]):.0f} ms/article")
    print(f"load after: {os.getloadavg()}")
    print("LAST " + json.dumps(timing.rows[-1] if timing.rows else {}))  # read by run_pairs


def run_pairs(args: argparse.Namespace) -> None:
    """Bare then single, ``args.pairs`` times, each in a fresh process: the two runs of a pair
    share the machine's speed of the moment, which drifts by ±15% over minutes."""
    common = ["--marks", *map(str, args.marks), "--window", str(args.window), "--skip", str(args.skip)]
    if args.store is not None:
        common += ["--store", str(args.store)]
    ratios = []
    print(f"{'pair':>5}{'bare ms/art':>13}{'single ms/art':>15}{'writer wall / CPU':>19}{'single/bare':>13}")
    for pair in range(1, args.pairs + 1):
        bare, single = (_child([*common, "--workers", workers]) for workers in ("0", "1"))
        ratios.append(bare["ms_per_article"] / single["ms_per_article"])
        writer = f"{single['writer_ms_per_article']:.1f} / {single['writer_cpu_ms_per_article']:.1f}"
        print(f"{pair:>5}{bare['ms_per_article']:>13.0f}{single['ms_per_article']:>15.0f}{writer:>19}"
              f"{ratios[-1]:>13.2f}", flush=True)  # fmt: skip
    print(f"single/bare: mean {statistics.mean(ratios):.2f}, median {statistics.median(ratios):.2f}")


def _child(argv: list[str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, check=True)
    last = [line for line in done.stdout.splitlines() if line.startswith("LAST ")]
    return dict(json.loads(last[-1].removeprefix("LAST ")))


if __name__ == "__main__":
    main()
