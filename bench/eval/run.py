"""`make eval`: run every evaluation on its reporting split and check it against the baseline.

    python -m bench.eval.run [--only NAME] [--split reporting|tuning] [--limit N] [--update]
    python -m bench.eval.run --smoke

Each evaluation module has ``NAME``, ``TUNING`` and ``REPORTING`` (what its two splits are;
its docstring says why) and ``run(limit, split) -> {metric: value}``, and raises ``Skip`` when
its data in ../shared/eval is absent. ``bench/eval/baseline.json`` pins reporting-split
figures only: a metric below its pinned value (minus a small tolerance for floating-point
noise) fails the run, so quality can only go up. The tuning split is for the person tuning
rules: its figures are printed, never checked or pinned.

``--update`` pins the figures measured now, and refuses (naming the metric) when one is below
its pin: a pin is raised or kept, never lowered; a new metric may be added. Metrics named
``ref_*`` are other tools' figures on the same data, printed for comparison and never pinned:
a new release of someone else's tool is not our regression.

``--smoke`` runs every module on both splits on a few documents, checks only that each
figure is a proportion, and skips what has no data: CI's proof that the evaluations still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, cast

from bench.eval.common import SPLITS, Skip

MODULES = [
    "extraction",
    "ner",
    "resolution",
    "quotes",
    "quotes_textacy",
    "quotes_allsides",
    "dates",
    "dates_events",
    "entities_allsides",
    "stories",
    "compare_allsides",
    "names_scripts",
    "multilingual",
    "ner_ru",
    "ner_ko",
    "langid",
]
BASELINE = Path(__file__).with_name("baseline.json")
TOLERANCE = 0.005
SMOKE_DOCUMENTS = 3

Figures = dict[str, float]
Baseline = dict[str, dict[str, float]]


class Evaluation(Protocol):
    NAME: str
    TUNING: str
    REPORTING: str

    def run(self, limit: int | None, split: str) -> Figures: ...


class RefusedPin(Exception):
    """``--update`` was asked to pin a figure below its pin."""


def load(name: str) -> Evaluation:
    return cast(Evaluation, importlib.import_module(f"bench.eval.{name}"))


def pinnable(metric: str) -> bool:
    return not metric.startswith("ref_")


def regressions(name: str, figures: Mapping[str, float], baseline: Baseline) -> list[str]:
    """Each pinned metric of ``name`` measured more than the tolerance below its pin."""
    pins = baseline.get(name, {})
    return [
        f"{name}.{metric} {value:.4f} < baseline {pins[metric]:.4f}"
        for metric, value in figures.items()
        if pinnable(metric) and metric in pins and value < pins[metric] - TOLERANCE
    ]


def updated(baseline: Baseline, measured: Mapping[str, Mapping[str, float]]) -> Baseline:
    """The baseline with ``measured`` pinned; raises ``RefusedPin`` naming every figure below its pin.

    A figure within the tolerance under its pin keeps the pin (noise must not ratchet it
    down); pins of metrics not measured now stay as they are."""
    refused = [
        failure for name, figures in measured.items() for failure in regressions(name, figures, baseline)
    ]
    if refused:
        raise RefusedPin("refusing to pin figures below their pins: " + "; ".join(refused))
    pinned = {name: dict(pins) for name, pins in baseline.items()}
    for name, figures in measured.items():
        pins = pinned.setdefault(name, {})
        for metric, value in figures.items():
            if pinnable(metric):
                pins[metric] = max(round(value, 4), pins.get(metric, 0.0))
    return pinned


def read_baseline() -> Baseline:
    return cast(Baseline, json.loads(BASELINE.read_text())) if BASELINE.exists() else {}


def write_baseline(baseline: Baseline) -> None:
    BASELINE.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n")


def measure(name: str, limit: int | None, split: str) -> Figures | None:
    """One evaluation's figures, printed with its time; None when its data is absent."""
    module = load(name)
    started = time.perf_counter()
    try:
        figures = module.run(limit, split)
    except Skip as why:
        print(f"{name} [{split}]: skipped ({why})")
        return None
    print(f"{name} [{split}: {getattr(module, split.upper())}] ({time.perf_counter() - started:.0f}s)")
    return figures


def show(name: str, figures: Mapping[str, float], baseline: Baseline, checked: bool) -> None:
    pins = baseline.get(name, {}) if checked else {}
    for metric, value in figures.items():
        pinned = pins.get(metric) if pinnable(metric) else None
        flag = "" if pinned is None else f"   baseline {pinned:.3f}"
        if pinned is not None and value < pinned - TOLERANCE:
            flag += "   REGRESSION"
        print(f"  {metric:<32}{value:8.3f}{flag}")


def smoke(names: list[str]) -> int:
    """Every module on both splits on a few documents: they run, and give proportions."""
    broken = []
    for name in names:
        for split in SPLITS:
            figures = measure(name, SMOKE_DOCUMENTS, split) or {}
            broken += [
                f"{name}[{split}].{metric} = {value!r}"
                for metric, value in figures.items()
                if not (isinstance(value, float | int) and math.isfinite(value) and 0.0 <= value <= 1.0)
            ]
    for failure in broken:
        print(f"FAIL {failure} is not a proportion", file=sys.stderr)
    return 1 if broken else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", action="append", choices=MODULES, help="this evaluation only (repeatable)")
    parser.add_argument("--split", choices=SPLITS, default="reporting", help="tuning: printed, never checked")
    parser.add_argument("--limit", type=int, help="use at most N documents (a quick look; no check)")
    parser.add_argument("--update", action="store_true", help="pin the figures measured now")
    parser.add_argument("--smoke", action="store_true", help="every evaluation on a few documents (CI)")
    args = parser.parse_args(argv)
    names = args.only or MODULES
    if args.smoke:
        return smoke(names)
    checked = args.split == "reporting" and args.limit is None
    if args.update and not checked:
        parser.error("--update pins full reporting-split runs only (no --limit, no --split tuning)")
    baseline = read_baseline()
    measured: dict[str, Figures] = {}
    failures: list[str] = []
    for name in names:
        figures = measure(name, args.limit, args.split)
        if figures is None:
            continue
        measured[name] = figures
        show(name, figures, baseline, checked)
        failures += regressions(name, figures, baseline) if checked else []
    if args.update:
        try:
            write_baseline(updated(baseline, measured))
        except RefusedPin as refusal:
            print(f"FAIL {refusal}", file=sys.stderr)
            return 1
        print(f"pinned in {BASELINE}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
