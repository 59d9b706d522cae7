"""``crosswire run --out DIR`` and ``crosswire load DIR``: the CLI side of shard runs.

Kept here rather than in ``cli.py`` so that the command-line shell stays a few lines per
command (``cli.py`` registers these) and Ray stays an optional import.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)  # fmt: skip
from rich.text import Text

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.scale.distributed import (
    LoadReport,
    RunHook,
    RunReport,
    ShardHook,
    ShardLoader,
    connect_ray,
    load_shards,
    run_distributed,
    run_local,
)
from crosswire.scale.shards import DEFAULT_SHARD_SIZE
from crosswire.store import ArticleStore
from crosswire.types import IngestProblem

Engine = Literal["local", "ray"]
# Summaries go to stdout, as `crosswire ingest`'s does: they are the command's result, which a
# script captures; progress and one line per failed input go to stderr.
stdout = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def run_command(
    inputs: list[str], out: Path, settings: Settings, *, engine: Engine = "local", address: str | None = None,
    workers: int | None = None, shard_size: int = DEFAULT_SHARD_SIZE, quiet: bool = False,
    load_into: ArticleStore | None = None,
) -> RunReport:  # fmt: skip
    """Analyse ``inputs`` into Parquet shards in ``out``; re-running resumes where it stopped.

    With ``load_into``, each shard is stored as soon as it is written, while the workers
    analyse the next ones, and shards an earlier run wrote but did not load are loaded last.
    """
    if engine == "ray":
        _require_ray()
    loader = ShardLoader(load_into, settings) if load_into is not None else None
    on_shard = loader.load if loader is not None else None
    with _progress(quiet) as hook:
        if engine == "ray":
            report = _run_on_ray(inputs, out, settings, address, workers, shard_size, hook, on_shard)
        else:
            report = run_local(inputs, out, settings, workers=workers or os.cpu_count() or 1,
                               shard_size=shard_size, on_progress=hook, on_shard=on_shard)  # fmt: skip
    _print_run_summary(report, out, loading=loader is not None)
    if loader is not None:
        loader.load_folder(out)  # shards a killed run wrote but did not load
        _print_load_summary(loader.report)
    return report


def load_command(out: Path, store: ArticleStore, settings: Settings) -> LoadReport:
    """Store the shards of ``out`` not loaded yet (a second load adds nothing)."""
    if not out.is_dir():
        raise CrosswireError(f"{out} is not a folder of shards (made by 'crosswire run --out {out}')")
    report = load_shards(out, store, settings)
    _print_load_summary(report)
    return report


def _print_load_summary(report: LoadReport) -> None:
    stdout.print(
        f"loaded {report.shards_loaded} shard(s) ({report.shards_skipped} already loaded): "
        f"added {report.added} article(s), {report.already_stored} already stored, "
        f"{report.near_duplicates} near-duplicate(s) linked, {report.errors} error(s) recorded",
        soft_wrap=True,
    )


def _run_on_ray(
    inputs: list[str], out: Path, settings: Settings, address: str | None, workers: int | None,
    shard_size: int, hook: RunHook, on_shard: ShardHook | None,
) -> RunReport:  # fmt: skip
    import ray

    if workers is None and address:
        # One actor per CPU of the cluster joined: read from the cluster, so connect first.
        connect_ray(address)
        try:
            resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
            count = max(1, int(resources.get("CPU", 1)))
            return run_distributed(inputs, out, settings, workers=count, shard_size=shard_size,
                                   on_progress=hook, on_shard=on_shard)  # fmt: skip
        finally:
            ray.shutdown()
    return run_distributed(inputs, out, settings, address=address, workers=workers or os.cpu_count() or 1,
                           shard_size=shard_size, on_progress=hook, on_shard=on_shard)  # fmt: skip


def _require_ray() -> None:
    try:
        import ray  # noqa: F401 -- only checking that the extra is installed
    except ImportError as exc:
        raise CrosswireError(
            "the ray engine needs the distributed extra: pip install 'crosswire[distributed]'"
        ) from exc


@contextmanager
def _progress(quiet: bool) -> Iterator[RunHook]:
    """A progress bar over shards (done / total, ETA) with articles per second."""
    with Progress(
        TextColumn("[bold]run"), BarColumn(), MofNCompleteColumn(), TextColumn("shards"),
        TextColumn("{task.description}"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=err, disable=quiet or not err.is_terminal, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=None)

        def hook(report: RunReport) -> None:
            rate = report.articles / max(report.seconds, 1e-9)
            progress.update(
                task,
                total=report.shards_total,
                completed=report.shards_done + report.shards_skipped,
                description=f"{report.articles} articles ({rate:.1f}/s), {report.errors} error(s)",
            )

        yield hook


def problem_line(problem: IngestProblem) -> str:
    """"source: reason", the source named once even when the reason starts with it."""
    reason = problem.reason.removeprefix(f"{problem.source}: ")
    return f"{problem.source}: {reason}"


def _print_run_summary(report: RunReport, folder: Path, loading: bool = False) -> None:
    for problem in report.problems:
        kind, style = ("skipped", "yellow") if problem.skipped else ("error", "red")
        err.print(Text.assemble((f"{kind}: ", style), problem_line(problem)), soft_wrap=True)
    for name, reason in report.failed_shards.items():
        err.print(Text.assemble(("failed shard: ", "red"), f"{name}: {reason} (re-run to retry it)"))
    rate = report.articles / max(report.seconds, 1e-9)
    stdout.print(
        f"{report.shards_done} shard(s) written to {folder} ({report.shards_skipped} already there, "
        f"{len(report.failed_shards)} failed): {report.articles} article(s) at {rate:.1f}/s, "
        f"{report.errors} error(s) in *.errors.jsonl, {report.seconds:.1f}s"
        + ("" if loading else f"; next: crosswire load {folder}"),
        soft_wrap=True,
    )
