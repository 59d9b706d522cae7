"""How the writer's cost grows with the store: ``crosswire load`` of shards, measured as it goes.

    python bench/load_bench.py SHARDS [--store GROWN.db] [--every 1000]

Loads the Parquet shards of ``SHARDS`` (made once by ``crosswire run``: the analysis is
already paid) one by one into a copy of ``--store`` (or a new store), and prints, every
``--every`` stored articles, the CPU and wall time per article of the last stretch, the
process's RSS and the store's size on disk. Loading is the single writer alone (near-
duplicates, SQLite writes, entity resolution, speaker links, stories): the part of a run
that reads the store, so the part that would grow if any step were not flat in its size.
It grows a store to 20k articles in minutes where ``growth_bench.py`` (analysis included)
takes hours on two cores.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from crosswire.config import Settings
from crosswire.scale.distributed import load_shards
from crosswire.store import ArticleStore, Database


def _store_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("shards", type=Path)
    parser.add_argument("--store", type=Path, help="start from a copy of this store")
    parser.add_argument("--every", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-bench-"))
    db_path = work / "store.db"
    if args.store:
        shutil.copy(args.store, db_path)
    shards = sorted(args.shards.glob("*.parquet"))
    print(f"{'stored':>8} {'CPU ms/art':>10} {'wall ms/art':>11} {'RSS MB':>7} {'DB MB':>7}", flush=True)
    try:
        with Database(db_path) as db:
            store = ArticleStore(db)
            settings = Settings(db_path=db_path)
            mark = (store.count(), time.process_time(), time.perf_counter())
            for shard in shards:
                one = work / "one"  # load_shards reads a folder: give it this shard alone
                shutil.rmtree(one, ignore_errors=True)
                one.mkdir()
                shutil.copy(shard, one / shard.name)
                load_shards(one, store, settings)
                stored = store.count()
                if stored - mark[0] >= args.every or shard == shards[-1]:
                    n = max(1, stored - mark[0])
                    cpu, wall = time.process_time() - mark[1], time.perf_counter() - mark[2]
                    print(f"{stored:>8,} {1000 * cpu / n:>10.1f} {1000 * wall / n:>11.1f} "
                          f"{_rss_mb():>7.0f} {_store_mb(db_path):>7.0f}", flush=True)  # fmt: skip
                    mark = (stored, time.process_time(), time.perf_counter())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
