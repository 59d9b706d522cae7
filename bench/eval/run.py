"""`make eval`: run every evaluation, print its figures, and check them against the baseline.

    python -m bench.eval.run [--only NAME] [--limit N] [--update]

Each evaluation module has ``NAME`` and ``run(limit) -> {metric: value}`` and raises
``Skip`` when its data in ../shared/eval is absent. ``bench/eval/baseline.json`` pins the
figures reached so far: a metric below its pinned value (minus a small tolerance for
floating-point noise) fails the run, so quality can only go up. ``--update`` re-pins after a
real improvement. Metrics named ``ref_*`` are other tools' figures on the same data, printed
for comparison and never pinned: a new release of someone else's tool is not our regression.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

from bench.eval.common import Skip

MODULES = [
    "extraction",
    "metadata",
    "ner",
    "resolution",
    "quotes",
    "quotes_textacy",
    "dates",
    "dates_allsides",
    "stories",
]
BASELINE = Path(__file__).with_name("baseline.json")
TOLERANCE = 0.005


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this evaluation (repeatable)")
    parser.add_argument("--limit", type=int, help="use at most N documents (a quick look; no check)")
    parser.add_argument("--update", action="store_true", help="pin the figures measured now")
    args = parser.parse_args()
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    measured, failures = {}, []
    for name in args.only or MODULES:
        module = importlib.import_module(f"bench.eval.{name}")
        started = time.perf_counter()
        try:
            figures = module.run(args.limit)
        except Skip as why:
            print(f"{name}: skipped ({why})")
            continue
        measured[name] = figures
        print(f"{name} ({time.perf_counter() - started:.0f}s)")
        for metric, value in figures.items():
            pinned = None if metric.startswith("ref_") else baseline.get(name, {}).get(metric)
            flag = "" if pinned is None else f"   baseline {pinned:.3f}"
            if pinned is not None and args.limit is None and value < pinned - TOLERANCE:
                failures.append(f"{name}.{metric} {value:.3f} < baseline {pinned:.3f}")
                flag += "   REGRESSION"
            print(f"  {metric:<28}{value:8.3f}{flag}")
    if args.update and args.limit is None:
        baseline.update(
            {
                name: {m: round(v, 4) for m, v in figures.items() if not m.startswith("ref_")}
                for name, figures in measured.items()
            }
        )
        BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")
        print(f"pinned in {BASELINE}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
