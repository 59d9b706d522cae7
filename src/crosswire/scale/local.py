"""All cores of one machine: worker processes that each load spaCy once and analyse batches.

The pipeline's own process keeps reading, cleaning and de-duplicating (cheap) and is the
only writer; workers get cleaned Articles and send them back analysed. At most
``2 × workers`` batches are in flight, so memory stays bounded whatever the input size, and
results come back in submission order, so a run is reproducible.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from spacy.language import Language

from crosswire.config import Settings
from crosswire.nlp import load_nlp
from crosswire.runtime import collect_less_often
from crosswire.scale.lifetime import end_with_parent
from crosswire.stories.embed import limit_threads, load_embedder
from crosswire.types import Article

if TYPE_CHECKING:
    from crosswire.pipeline import Analysed

# Below this much input, starting workers (each loads the model, ~2 s) costs more than it saves.
PARALLEL_MIN_BYTES = 4 * 1024 * 1024

_worker_nlp: Language | None = None
_worker_settings: Settings | None = None


def prepare_worker(settings: Settings) -> Language:
    """Load what analysis needs, once per worker process (pool worker, Ray actor).

    The embedding model runs on one thread here: the workers already fill the cores, and
    torch's own thread pool on top of them only makes them take turns.
    """
    nlp = load_nlp(settings.spacy_model)
    if settings.story_embeddings:
        limit_threads(1)
        load_embedder()
    collect_less_often()  # the process analyses until it ends (crosswire.runtime says why)
    return nlp


def _start_worker(settings: Settings, parent_pid: int) -> None:
    global _worker_nlp, _worker_settings
    end_with_parent(parent_pid)  # before the models load: a killed ingest leaves no worker behind
    _worker_settings = settings
    _worker_nlp = prepare_worker(settings)


def _analyse_in_worker(batch: list[Article]) -> Analysed:
    from crosswire.pipeline import analyse_articles  # the stages as this process knows them

    assert _worker_nlp is not None and _worker_settings is not None, "worker not initialised"
    failed = analyse_articles(batch, _worker_nlp, _worker_settings)
    return batch, failed


class LocalPool:
    """An Analyser backed by a pool of worker processes."""

    def __init__(self, settings: Settings, workers: int) -> None:
        # spawn, not fork: a forked copy of a process holding threads or open sockets (the
        # fetcher's, the progress bar's) can deadlock; workers need nothing from the parent.
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            workers, context, initializer=_start_worker, initargs=(settings, os.getpid())
        )
        self._in_flight: deque[Future[Analysed]] = deque()
        self._limit = 2 * workers

    def warm_up(self) -> None:
        """Start the workers and wait until their models are loaded (benchmarks time work, not start-up)."""
        for future in [self._pool.submit(os.getpid) for _ in range(self._limit // 2)]:
            future.result()

    def submit(self, batch: list[Article]) -> None:
        self._in_flight.append(self._pool.submit(_analyse_in_worker, batch))

    def results(self, wait: bool) -> Iterator[Analysed]:
        """Finished batches in order; blocks only to keep in-flight work bounded, or at the end."""
        while self._in_flight and (wait or self._in_flight[0].done() or len(self._in_flight) > self._limit):
            yield self._in_flight.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def choose_workers(requested: int | None, input_bytes: int | None) -> int:
    """Workers to use: as asked, else every core for large inputs and one for small ones."""
    if requested is not None:
        return max(1, requested)
    if input_bytes is None or input_bytes < PARALLEL_MIN_BYTES:
        return 1
    return os.cpu_count() or 1
