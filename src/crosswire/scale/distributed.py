"""A cluster: analyse shards on Ray (or local worker processes) into Parquet, then load them.

    inputs ─▶ shards (one file, or N records of a big one) ─▶ worker: clean + analyse,
        model loaded once per worker ─▶ <out>/<shard>.parquet (+ .errors.jsonl), atomically
    crosswire load <out> ─▶ the normal writer path: near-duplicates, entity resolution, store
    (or ``run --load``: each shard stored as soon as it is written, while the workers go on)

The driver (this process) reads inputs and writes shard files; workers only compute, so on a
real cluster only the driver needs the inputs and the output folder. A run is resumable:
shards whose Parquet file exists are not redone. Articles are stored exactly once because
their ids are content hashes and ``load`` records the shards it has loaded.

Ray is optional (``pip install 'crosswire[distributed]'``) and imported only when used.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.pipeline import Pipeline, analyse_articles
from crosswire.scale.lifetime import end_with_parent
from crosswire.scale.local import prepare_worker
from crosswire.scale.shards import (
    DEFAULT_SHARD_SIZE,
    AnalyseFn,
    Shard,
    ShardResult,
    analyse_shard,
    done_shards,
    estimate_shards,
    expand_shard_inputs,
    iter_shards,
    read_errors,
    read_shard,
    write_shard,
)  # fmt: skip
from crosswire.store import ArticleStore
from crosswire.types import Article, IngestProblem

Submit = Callable[[Shard], "Future[ShardResult]"]
ShardHook = Callable[[Path], None]
"""Called with each shard's Parquet file once it is written (``ShardLoader.load`` stores it)."""


@dataclass(slots=True)
class RunReport:
    """What a run did; also what the progress hook sees after every shard."""

    shards_total: int = 0
    shards_done: int = 0
    shards_skipped: int = 0  # finished by an earlier run
    articles: int = 0
    errors: int = 0
    failed_shards: dict[str, str] = field(default_factory=dict)  # name -> reason; redone on re-run
    problems: list[IngestProblem] = field(default_factory=list)  # inputs that were not there
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


RunHook = Callable[[RunReport], None]


# -- the driver, whatever runs the shards -------------------------------------------------------
def drive(
    inputs: Sequence[str], out_dir: Path, settings: Settings, submit: Submit, *, in_flight: int,
    shard_size: int = DEFAULT_SHARD_SIZE, on_progress: RunHook | None = None,
    on_shard: ShardHook | None = None,
) -> RunReport:  # fmt: skip
    """Feed shards to ``submit`` (at most ``in_flight`` at once) and write what comes back.

    ``on_shard`` runs in this process while the workers analyse the shards still in flight.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    report, hook = RunReport(), on_progress or (lambda _: None)
    refs = []
    for ref in expand_shard_inputs(inputs):
        if isinstance(ref, IngestProblem):
            report.problems.append(ref)
        else:
            refs.append(ref)
    report.shards_total = sum(estimate_shards(r, shard_size) for r in refs)
    done = done_shards(out_dir)
    pending: dict[Future[ShardResult], str] = {}
    seen = 0
    for shard in iter_shards(refs, settings, shard_size):
        seen += 1
        report.shards_total = max(report.shards_total, seen)
        if shard.name in done:
            report.shards_skipped += 1
            hook(report)
            continue
        while len(pending) >= in_flight:
            _collect(pending, out_dir, report, hook, on_shard)
        pending[submit(shard)] = shard.name
    while pending:
        _collect(pending, out_dir, report, hook, on_shard)
    report.shards_total = seen
    return report


def _collect(
    pending: dict[Future[ShardResult], str], out_dir: Path, report: RunReport, hook: RunHook,
    on_shard: ShardHook | None,
) -> None:  # fmt: skip
    finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
    for future in finished:
        name = pending.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # a shard that kept killing its worker: report, go on
            report.failed_shards[name] = f"{type(exc).__name__}: {str(exc)[:300]}"
            continue
        path = write_shard(out_dir, result)
        report.shards_done += 1
        report.articles += result.articles
        report.errors += len(result.errors)
        if on_shard is not None:
            on_shard(path)
        hook(report)


# -- Ray ------------------------------------------------------------------------------------------
class ShardWorker:
    """A Ray actor: loads the spaCy model once, then analyses shard after shard.

    Ray runs the constructor in the worker process, so the model is loaded there, once.
    """

    def __init__(self, settings: Settings, analyse: AnalyseFn) -> None:
        self.settings = settings
        self.analyse = analyse
        self.nlp: Language = prepare_worker(settings)

    def process(self, shard: Shard) -> ShardResult:
        return analyse_shard(shard, self.nlp, self.settings, self.analyse)


class _RayActors:
    """Actors and their futures; a shard goes to the actor with the least work queued.

    Ray and the actors start on the first shard to do, so a re-run with nothing left to do
    costs no cluster start-up and no model loads.
    """

    def __init__(self, settings: Settings, analyse: AnalyseFn, workers: int, address: str | None) -> None:
        self.settings, self.analyse, self.workers, self.address = settings, analyse, workers, address
        # Any: Ray's typing does not see a class's methods through .remote handles.
        self.actors: list[Any] = []
        self.queued: list[list[Future[ShardResult]]] = []
        self.started_ray = False

    def _start(self) -> None:
        import ray

        if not ray.is_initialized():
            if self.address:
                connect_ray(self.address)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
            self.started_ray = True
        # A worker killed mid-shard (OOM, lost node) is restarted and the shard retried; a
        # shard that kills its worker three times is reported as failed instead of looping.
        remote = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=3)(ShardWorker)
        self.actors = [remote.remote(self.settings, self.analyse) for _ in range(self.workers)]
        self.queued = [[] for _ in self.actors]

    def submit(self, shard: Shard) -> Future[ShardResult]:
        if not self.actors:
            self._start()
        for queue in self.queued:
            queue[:] = [f for f in queue if not f.done()]
        index = min(range(len(self.actors)), key=lambda i: len(self.queued[i]))
        future: Future[ShardResult] = self.actors[index].process.remote(shard).future()
        self.queued[index].append(future)
        return future

    def close(self) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)
        if self.started_ray:
            ray.shutdown()


def connect_ray(address: str, timeout: float = 5.0) -> None:
    """``ray.init(address)``, failing fast and clearly when no cluster answers there.

    Ray itself retries an unreachable address for many minutes; a TCP connect tells at once.
    "auto" (the cluster started on this machine by ``ray start``) Ray checks quickly itself.
    """
    import ray

    if address != "auto":
        host, _, port = address.removeprefix("ray://").rpartition(":")
        if not host or not port.isdigit():
            raise CrosswireError(f"Ray address {address!r}: expected host:port, ray://host:port or auto")
        try:
            socket.create_connection((host, int(port)), timeout=timeout).close()
        except OSError as exc:
            raise CrosswireError(f"no Ray cluster answers at {address} ({exc.strerror or exc}): "
                                 "start one with 'ray start --head', or check --address") from exc
    try:
        ray.init(address=address)
    except ConnectionError as exc:
        raise CrosswireError(f"cannot join the Ray cluster at {address}: {exc}") from exc


def run_distributed(
    inputs: list[str], out_dir: Path, settings: Settings, *, address: str | None = None, workers: int = 2,
    shard_size: int = DEFAULT_SHARD_SIZE, on_progress: RunHook | None = None,
    on_shard: ShardHook | None = None, analyse: AnalyseFn = analyse_articles,
) -> RunReport:  # fmt: skip
    """Analyse ``inputs`` on a Ray cluster into Parquet shards in ``out_dir`` (resumable).

    Without ``address`` a local Ray instance with ``workers`` CPUs starts (and stops at the
    end) unless Ray is already initialised; with one (``ray://head:10001`` or ``auto``) the
    run joins that cluster with ``workers`` actors. ``analyse`` is the document-stage runner
    each worker applies: the pipeline's own, or a test's that injects faults.
    """
    actors = _RayActors(settings, analyse, workers, address)
    try:
        return drive(inputs, out_dir, settings, actors.submit, in_flight=2 * workers,
                     shard_size=shard_size, on_progress=on_progress, on_shard=on_shard)  # fmt: skip
    finally:
        actors.close()


# -- local worker processes, same shards ------------------------------------------------------------
_local_nlp: Language | None = None
_local: tuple[Settings, AnalyseFn] | None = None


def _start_local(settings: Settings, analyse: AnalyseFn, parent_pid: int) -> None:
    global _local_nlp, _local
    end_with_parent(parent_pid)  # before the models load: a killed run leaves no worker behind
    _local_nlp, _local = prepare_worker(settings), (settings, analyse)


def _process_local(shard: Shard) -> ShardResult:
    assert _local_nlp is not None and _local is not None, "worker not initialised"
    return analyse_shard(shard, _local_nlp, _local[0], _local[1])


def run_local(
    inputs: list[str], out_dir: Path, settings: Settings, *, workers: int = 2,
    shard_size: int = DEFAULT_SHARD_SIZE, on_progress: RunHook | None = None,
    on_shard: ShardHook | None = None,
) -> RunReport:  # fmt: skip
    """The same shards and files as ``run_distributed``, from worker processes on this machine."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # as in scale/local.py: no forked threads
    with ProcessPoolExecutor(workers, context, initializer=_start_local,
                             initargs=(settings, analyse_articles, os.getpid())) as pool:  # fmt: skip
        return drive(inputs, out_dir, settings, lambda s: pool.submit(_process_local, s),
                     in_flight=2 * workers, shard_size=shard_size, on_progress=on_progress,
                     on_shard=on_shard)  # fmt: skip


# -- load: shards into the store ------------------------------------------------------------------
@dataclass(slots=True)
class LoadReport:
    shards_loaded: int = 0
    shards_skipped: int = 0  # loaded by an earlier run, unchanged since
    added: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    errors: int = 0


def load_shards(out_dir: Path, store: ArticleStore, settings: Settings | None = None) -> LoadReport:
    """Store every shard of ``out_dir`` not loaded yet, through the pipeline's own writer."""
    loader = ShardLoader(store, settings)
    loader.load_folder(out_dir)
    return loader.report


class ShardLoader:
    """Stores shards one by one, each once: ``loaded_shards`` keeps the digest of each.

    Near-duplicate links, entity resolution and speaker links run exactly as in ``ingest``;
    an article already stored (same content id) only gains a source. A shard is marked
    loaded once all its batches are committed, so a killed load re-runs only that shard,
    and content ids make the re-run add nothing twice.
    """

    def __init__(self, store: ArticleStore, settings: Settings | None = None) -> None:
        self.store = store
        self.pipeline = Pipeline(settings or Settings.from_env(), store)
        self.report = LoadReport()
        self._seen: set[Path] = set()  # loaded or found loaded by this loader: not digested again

    def load_folder(self, out_dir: Path) -> None:
        for path in sorted(out_dir.glob("*.parquet")):
            self.load(path)

    def load(self, path: Path) -> None:
        if path in self._seen:
            return
        self._seen.add(path)
        name, digest = path.name.removesuffix(".parquet"), _digest(path)
        if self.store.loaded_shard_digest(name) == digest:
            self.report.shards_skipped += 1
            return
        added = _load_one(self.pipeline, path, read_errors(path.parent, name), self.report)
        self.store.mark_shard_loaded(name, digest, added)
        self.report.shards_loaded += 1


def _load_one(pipeline: Pipeline, path: Path, errors: list[dict[str, str]], report: LoadReport) -> int:
    problems = [IngestProblem(error["source"], error["reason"]) for error in errors]
    stored = pipeline.store_analysed(read_shard(path), problems)
    report.added += stored.added
    report.already_stored += stored.already_stored
    report.near_duplicates += stored.near_duplicates
    report.errors += len(errors)
    return stored.added


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()[:16]


def shard_results(out_dir: Path) -> Iterator[tuple[str, list[Article]]]:
    """Every finished shard with its articles (for checks and tests)."""
    for path in sorted(out_dir.glob("*.parquet")):
        yield path.name.removesuffix(".parquet"), list(read_shard(path))


__all__ = [
    "LoadReport", "RunReport", "ShardLoader", "ShardWorker", "connect_ray", "load_shards", "run_distributed",
    "run_local",
]
