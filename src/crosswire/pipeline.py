"""The pipeline: named stages wired in one place.

    read inputs ─▶ extract (clean text + metadata, content id) ─▶ skip if already stored
        ─▶ analyse a batch (here or in workers): spaCy parses each article once, then every
           document stage in ``STAGES`` reads the Doc and fills the Article
        ─▶ gather analysed batches into a write batch
        ─▶ identify near-duplicates (MinHash)
        ─▶ one transaction: write the batch, resolve its entities across the store, link
           quote speakers to them, assign the articles to stories

Every step says which fields it needs and which it adds (``Stage``); building a
``Pipeline`` checks them in order, as spaCy checks ``requires``/``assigns``, and
``crosswire stages`` prints the table. The writer's steps need the store, so they run only
in the writer's process.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal, Protocol

from spacy.language import Language

from crosswire.config import Settings
from crosswire.errors import CrosswireError, InputError
from crosswire.ingest.extract import extract_article
from crosswire.ingest.fetch import Fetcher, FetchPolicy
from crosswire.ingest.identity import Signer, best_match
from crosswire.ingest.sources import InputRef, expand_inputs, read_input
from crosswire.mentions.dates import add_times
from crosswire.mentions.entities import clean_mentions
from crosswire.mentions.quotes import add_quotes
from crosswire.nlp import DocStage, add_mentions, add_sentences, annotate, load_nlp
from crosswire.resolve import resolve_new
from crosswire.runtime import fewer_collections
from crosswire.store import ArticleStore
from crosswire.store.annotations import link_quote_speakers
from crosswire.store.articles import NewArticle
from crosswire.store.entities import EntityStore
from crosswire.store.stories import StoryStore
from crosswire.stories.embed import add_story_vectors, leave_a_core_to_the_parser, load_embedder
from crosswire.translate import translate_articles, translator_from_settings
from crosswire.types import Article, IngestProblem, RawDocument


class StageOrderError(CrosswireError):
    """A stage needs a field that no stage before it (nor the input) adds."""


Step = Literal["read", "document", "batch", "writer"]


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline with the fields it reads and writes, named ``record.field``
    (``doc.*`` the spaCy parse, ``article.*``/``mention.*``/``quote.*`` the records,
    ``store.*`` tables written). Only document stages carry their ``run``: the others are
    steps of the pipeline's own methods, listed so the order can be checked and shown."""

    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: DocStage | None = None
    step: Step = "document"


# What an ingest starts from: a document as read (a file, a URL, a record of a dump).
INPUT_FIELDS = ("raw.content",)

READ_STEPS: list[Stage] = [
    Stage("extract", needs=("raw.content",), step="read",
          adds=("article.id", "article.text", "article.title", "article.outlet", "article.published")),
    Stage("parse", needs=("article.text",), adds=("doc.sents", "doc.ents", "doc.deps"), step="read"),
]  # fmt: skip

STAGES: list[Stage] = [
    Stage("sentences", needs=("doc.sents",), adds=("article.sentences",), run=add_sentences),
    Stage("mentions", needs=("doc.ents",), adds=("article.mentions",), run=add_mentions),
    # Corrects labels and spans in place; acronyms get their expansion as canonical name.
    Stage("clean-mentions", needs=("article.mentions", "doc.deps"), adds=("mention.canonical",),
          run=clean_mentions),
    Stage("quotes", needs=("doc.deps", "article.mentions"),
          adds=("article.quotes", "quote.speaker", "mention.canonical"), run=add_quotes),
    Stage("times", needs=("doc.deps", "doc.ents", "article.published"), adds=("article.times",),
          run=add_times),
]  # fmt: skip

# After the document stages, on the whole batch (the model is fastest batched): the title+lead
# embedding the stories stage clusters on, when the [embeddings] extra is installed.
BATCH_STAGES: list[Stage] = [
    Stage("story-vectors", needs=("article.title", "article.text"), adds=("article.story_vector",),
          step="batch"),
]  # fmt: skip

# The writer's steps (``_IngestRun._save``), in the order they run on a write batch. Entities
# are resolved before the articles are written so that mentions are written once, with
# their entity ids. Stories use ``article.story_vector`` when present and embed the rest.
WRITER_STEPS: list[Stage] = [
    Stage("near-duplicates", needs=("article.text",),
          adds=("article.near_duplicate_of", "article.similarity"), step="writer"),
    Stage("resolve-entities", needs=("article.mentions", "mention.canonical", "article.published"),
          adds=("mention.entity_id", "store.entities"), step="writer"),
    Stage("write", needs=("article.id", "article.near_duplicate_of", "mention.entity_id"),
          adds=("store.articles",), step="writer"),
    Stage("link-quote-speakers", needs=("store.articles", "store.entities", "quote.speaker"),
          adds=("store.quote_speakers",), step="writer"),
    Stage("assign-stories", needs=("store.articles", "mention.entity_id", "article.near_duplicate_of"),
          adds=("store.stories",), step="writer"),
]  # fmt: skip


def stage_table(document_stages: Sequence[Stage] | None = None) -> list[Stage]:
    """Every step in the order it runs: reading, the document stages, the batch stages, the writer."""
    return [*READ_STEPS, *(STAGES if document_stages is None else document_stages), *BATCH_STAGES,
            *WRITER_STEPS]


def check_order(stages: Sequence[Stage], given: Iterable[str] = INPUT_FIELDS) -> None:
    """Raise ``StageOrderError`` unless every stage's needs are added before it (or given)."""
    available = set(given)
    for stage in stages:
        missing = [f for f in stage.needs if f not in available]
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage adds: "
                f"put a stage that adds it before {stage.name!r} (available: {', '.join(sorted(available))})"
            )
        available.update(stage.adds)


Analysed = tuple[list[Article], list[IngestProblem]]
"""A batch back from analysis: the articles analysed, and those that failed, as problems."""


class Analyser(Protocol):
    """Where analysis runs: in this process, or in workers (``crosswire.scale``).

    Batches go in with ``submit`` and come back analysed, in submission order, from
    ``results``; only the pipeline's own process ever writes them to the store.
    """

    def submit(self, batch: list[Article]) -> None: ...

    def results(self, wait: bool) -> Iterator[Analysed]: ...

    def close(self) -> None: ...


class InProcess:
    """The default analyser: the document stages run as each batch is submitted, the batch
    stages (the embedding model) in one background thread.

    torch releases the GIL while it computes, so the model embeds one batch on the second
    core while spaCy parses the next on the first, instead of after it. At most two batches
    are in flight; ``results`` hands them back in submission order.
    """

    def __init__(
        self,
        analyse: Callable[[list[Article]], list[IngestProblem]],
        batch_stages: Callable[[list[Article]], None] | None = None,
        start_background: Callable[[], None] | None = None,
    ) -> None:
        self._analyse = analyse
        self._batch_stages = batch_stages
        self._background = None
        if batch_stages is not None:
            self._background = ThreadPoolExecutor(1, "crosswire-batch-stages", initializer=start_background)
        self._in_flight: deque[tuple[list[Article], list[IngestProblem], Future[None] | None]] = deque()

    def submit(self, batch: list[Article]) -> None:
        failed = self._analyse(batch)
        finishing = None
        if self._background is not None and self._batch_stages is not None:
            finishing = self._background.submit(self._batch_stages, batch)
        self._in_flight.append((batch, failed, finishing))

    def results(self, wait: bool) -> Iterator[Analysed]:
        while self._in_flight:
            batch, failed, finishing = self._in_flight[0]
            if finishing is not None and not (wait or finishing.done() or len(self._in_flight) > 1):
                return  # the newest batch is still embedding: let the reader go on meanwhile
            if finishing is not None:
                finishing.result()  # re-raises what the batch stages raised
            self._in_flight.popleft()
            yield batch, failed

    def close(self) -> None:
        self._in_flight.clear()
        if self._background is not None:
            self._background.shutdown(cancel_futures=True)


def analyse_articles(
    articles: list[Article], nlp: Language, settings: Settings, stages: Sequence[Stage] | None = None
) -> list[IngestProblem]:
    """Run every document stage, then the batch stages, over a batch: the unit of work of
    any analyser (so workers, not the writer, pay for the models).

    An article that makes a stage fail is taken out of ``articles`` and returned as a
    problem; the rest of the batch is analysed as usual.
    """
    failed = run_document_stages(articles, nlp, settings, stages)
    run_batch_stages(articles, settings)
    return failed


def run_document_stages(
    articles: list[Article], nlp: Language, settings: Settings, stages: Sequence[Stage] | None = None
) -> list[IngestProblem]:
    """spaCy and every document stage (``STAGES`` unless given); failing articles are taken
    out and returned."""
    runs = [s.run for s in (STAGES if stages is None else stages) if s.run is not None]
    try:
        annotate(articles, nlp, runs, settings.nlp_batch_size)
        return []
    except Exception:  # one odd article must not cost its batch: retry one by one
        return _analyse_one_by_one(articles, nlp, runs)


def run_batch_stages(articles: list[Article], settings: Settings) -> None:
    """The batch stages (``BATCH_STAGES``), on the articles the document stages kept."""
    if settings.story_embeddings:
        add_story_vectors(articles, settings.stories.lead_words, load_embedder())


def _analyse_one_by_one(
    articles: list[Article], nlp: Language, stages: list[DocStage]
) -> list[IngestProblem]:
    failed = []
    for article in list(articles):
        try:
            annotate([article], nlp, stages)
        except Exception as exc:  # recorded with its reason, as bad input is
            articles.remove(article)
            failed.append(IngestProblem(article.source, f"analysis failed: {type(exc).__name__}: {exc}"))
    return failed


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, for the summary line and for tests."""

    added: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(not p.skipped for p in self.problems)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.problems)


ProgressHook = Callable[[InputRef | None, IngestReport], None]
ProblemHook = Callable[[IngestProblem], None]


def _ignore(*_: object) -> None:
    pass


def _expanded(inputs: Iterable[str | InputRef | IngestProblem]) -> Iterator[InputRef | IngestProblem]:
    for item in inputs:
        if isinstance(item, str):
            yield from expand_inputs([item])
        else:
            yield item


class Pipeline:
    def __init__(
        self,
        settings: Settings,
        store: ArticleStore,
        *,
        nlp: Language | None = None,
        fetcher: Fetcher | None = None,
        analyser: Analyser | None = None,
        stages: Sequence[Stage] | None = None,
    ) -> None:
        """``stages``: the document stages to run (``STAGES`` by default), checked in order
        with the rest of the pipeline (``check_order``) before anything runs."""
        check_order(stage_table(stages))
        self.stages = None if stages is None else list(stages)
        self.settings = settings
        self.store = store
        self._nlp = nlp
        self.fetcher = fetcher
        self.analyser = analyser or InProcess(
            self._run_document_stages,
            self._run_batch_stages,
            leave_a_core_to_the_parser if settings.story_embeddings else None,
        )
        self.entities = EntityStore(store.db)
        self.stories = StoryStore(
            store.db, settings.stories, embedder="auto" if settings.story_embeddings else None
        )
        self.signer = Signer(settings.minhash_permutations, settings.minhash_bands, settings.shingle_words)
        self.translator = translator_from_settings(settings)  # None unless CROSSWIRE_TRANSLATE_URL

    @property
    def nlp(self) -> Language:
        if self._nlp is None:  # loaded on first use: listing or exporting needs no model
            self._nlp = load_nlp(self.settings.spacy_model)
        return self._nlp

    def analyse(self, articles: list[Article]) -> list[IngestProblem]:
        return analyse_articles(articles, self.nlp, self.settings, self.stages)

    def _run_document_stages(self, articles: list[Article]) -> list[IngestProblem]:
        return run_document_stages(articles, self.nlp, self.settings, self.stages)

    def _run_batch_stages(self, articles: list[Article]) -> None:
        run_batch_stages(articles, self.settings)

    def ingest(
        self,
        inputs: Iterable[str | InputRef | IngestProblem],
        *,
        on_progress: ProgressHook | None = None,
        on_problem: ProblemHook | None = None,
    ) -> IngestReport:
        """Read, clean, analyse and store every input; bad inputs are reported, not raised.

        ``inputs`` are paths, URLs or '-', or what ``expand_inputs`` made of them (the CLI
        expands first to size its progress bar).
        """
        run = _IngestRun(self, self.analyser, on_progress or _ignore, on_problem or _ignore)
        with fewer_collections():
            for ref in _expanded(inputs):
                if isinstance(ref, IngestProblem):
                    run.problem(ref)
                    continue
                fetcher = self._fetcher() if ref.kind == "url" else None
                for item in read_input(ref, self.settings, fetcher):
                    run.take(item)
                run.input_done(ref)
            run.finish()
        return run.report

    def ingest_documents(
        self, documents: Iterable[RawDocument | IngestProblem], on_problem: ProblemHook | None = None
    ) -> IngestReport:
        """Ingest documents already in memory (the web API's uploads) exactly as files are."""
        run = _IngestRun(self, self.analyser, _ignore, on_problem or _ignore)
        with fewer_collections():
            for document in documents:
                run.take(document)
            run.finish()
        return run.report

    def store_analysed(
        self, articles: Iterable[Article], problems: Iterable[IngestProblem] = ()
    ) -> IngestReport:
        """Store articles analysed elsewhere (``crosswire run`` shards) through the same writer:
        skipped if already stored, near-duplicates linked, entities and stories updated."""
        run = _IngestRun(self, InProcess(lambda batch: []), _ignore, _ignore)
        for problem in problems:
            run.problem(problem)
        with fewer_collections():
            for article in articles:
                run.add(article, RawDocument(article.source, article.raw, article.raw_media_type))
            run.finish()
        return run.report

    def _fetcher(self) -> Fetcher:
        if self.fetcher is None:
            self.fetcher = Fetcher(
                FetchPolicy(
                    max_bytes=self.settings.max_input_bytes,
                    timeout=self.settings.fetch_timeout,
                    allow_private=self.settings.allow_private_urls,
                )
            )
        return self.fetcher


class _IngestRun:
    """The state of one ingest: the batch being filled, and what was seen in this run."""

    def __init__(
        self, pipeline: Pipeline, analyser: Analyser, on_progress: ProgressHook, on_problem: ProblemHook
    ) -> None:
        self.p = pipeline
        self.analyser = analyser
        self.on_progress = on_progress
        self.on_problem = on_problem
        self.report = IngestReport()
        self.batch: list[Article] = []
        self.problems: list[IngestProblem] = []
        # Articles queued or in analysis, each with the other inputs its text was read from
        # meanwhile. Those are written with the article, so the run holds only what is in
        # flight, never a record of everything it has read.
        self.pending: dict[str, list[RawDocument]] = {}
        self.submitted: deque[list[str]] = deque()  # ids of each batch in analysis, in order
        # Analysed batches waiting for the writer, with the ids each was submitted with, and
        # since when the first of them waits.
        self.analysed: list[tuple[list[Article], list[str]]] = []
        self.waiting_since = 0.0
        settings = pipeline.settings
        self.full_analysis_batch = max(1, min(settings.analysis_batch_size, settings.write_batch_size))
        # The first batch is small and written alone (Settings.first_write_batch says why).
        self.first_write_size = max(1, min(settings.first_write_batch, self.full_analysis_batch))
        self.analysis_batch_size = self.first_write_size
        self.written_once = False

    def take(self, item: RawDocument | IngestProblem) -> None:
        if isinstance(item, IngestProblem):
            self.problem(item)
            return
        try:
            article = extract_article(item, self.p.settings)
        except InputError as exc:
            self.problem(IngestProblem(item.source, str(exc).removeprefix(f"{item.source}: ")))
            return
        self.add(article, item)

    def add(self, article: Article, raw: RawDocument) -> None:
        """Queue a cleaned article unless it is already stored or already queued in this run."""
        if article.id in self.pending:  # read twice in this run, not yet written
            self.pending[article.id].append(raw)
            self.report.already_stored += 1
        elif self.p.store.known_ids([article.id]):
            self.p.store.add_source(article.id, raw.source, raw.content, raw.media_type)
            self.report.already_stored += 1
        else:
            self.pending[article.id] = []
            self.batch.append(article)
            if len(self.batch) >= self.analysis_batch_size:
                self.flush()

    def problem(self, problem: IngestProblem) -> None:
        self.report.problems.append(problem)
        self.problems.append(problem)
        self.on_problem(problem)

    def input_done(self, ref: InputRef) -> None:
        self.on_progress(ref, self.report)

    def flush(self) -> None:
        """Hand the filled batch to the analyser; write what has come back once it fills a write batch."""
        if self.batch:
            self.submitted.append([a.id for a in self.batch])  # before: analysis drops failures
            self.analyser.submit(self.batch)
            self.batch = []
            self.analysis_batch_size = self.full_analysis_batch
        self._write(self.analyser.results(wait=False))

    def finish(self) -> None:
        self.flush()
        self._write(self.analyser.results(wait=True), last=True)
        self._save(())  # problems read after the last batch

    def _write(self, batches: Iterable[Analysed], last: bool = False) -> None:
        """Store analysed batches as soon as they add up to a write batch (the first one:
        ``first_write_size``) or have waited the write interval (all of them when ``last``)."""
        for batch, failed in batches:
            if not self.analysed:
                self.waiting_since = time.monotonic()
            self.analysed.append((batch, self.submitted.popleft()))
            for problem in failed:
                self.problem(problem)
            if self._write_due():  # checked per batch: the first write holds one batch only
                self._write_analysed()
        if self.analysed and (last or self._write_due()):
            self._write_analysed()

    def _write_analysed(self) -> None:
        self._save([article for batch, _ in self.analysed for article in batch])
        self.written_once = True
        for _, submitted in self.analysed:
            for article_id in submitted:  # what the batch left pending, analysis failed on
                for raw in self.pending.pop(article_id, []):
                    self.report.already_stored -= 1
                    self.problem(IngestProblem(raw.source, "analysis failed on the same text read elsewhere"))
        self.analysed = []

    def _write_due(self) -> bool:
        settings = self.p.settings
        wanted = settings.write_batch_size if self.written_once else self.first_write_size
        if sum(len(batch) for batch, _ in self.analysed) >= wanted:
            return True
        return time.monotonic() - self.waiting_since >= settings.write_interval

    def _save(self, batch: Sequence[Article]) -> None:
        # Articles and their entities commit together: a killed run never leaves articles
        # that resolution has not seen. Everything read in here is read under the write
        # lock, so another process writing into the store meanwhile is seen, never overwritten.
        with self.p.store.db.atomic():
            batch = self._drop_stored_meanwhile(batch)
            new = self._link_near_duplicates(batch)
            # Resolved before they are stored, the mentions are written once, with their entities.
            resolution = resolve_new(batch, self.p.entities) if batch else None
            self.p.store.save_batch(new, self.problems)
            if resolution is not None:
                self.p.entities.save(resolution, mentions_stored=False)
                link_quote_speakers(self.p.store.db, [a.id for a in batch])
                self.p.stories.assign(batch)
                self._record_copies(batch)
        self.report.added += len(new)
        self.problems = []
        if self.p.translator is not None and new:
            # After the commit, outside the write lock: a slow or failed server costs the
            # renderings only, never the stored articles (the problem is kept with the next batch).
            rendered = [item.article for item in new]
            for problem in translate_articles(self.p.store.db, self.p.translator, rendered):
                self.problem(problem)
        self.on_progress(None, self.report)

    def _drop_stored_meanwhile(self, batch: Sequence[Article]) -> list[Article]:
        """The articles of ``batch`` still not stored; the others gain their sources only.

        ``add`` checked each article when it was read, but another process (a second ingest
        into this store) may have stored it since. One lookup for the batch, made under the
        write lock, so its answer holds until this batch commits.
        """
        stored = self.p.store.known_ids(a.id for a in batch)
        if not stored:
            return list(batch)
        for article in batch:
            if article.id in stored:
                copies = self.pending.pop(article.id, [])
                for raw in [RawDocument(article.source, article.raw, article.raw_media_type), *copies]:
                    self.p.store.add_source(article.id, raw.source, raw.content, raw.media_type)
                self.report.already_stored += 1
        return [a for a in batch if a.id not in stored]

    def _record_copies(self, batch: Sequence[Article]) -> None:
        """Where else this run read the batch's articles from. A killed run loses none of
        these: a re-run finds the article stored and records the source then."""
        for article in batch:
            for raw in self.pending.pop(article.id, []):
                self.p.store.add_source(article.id, raw.source, raw.content, raw.media_type)

    def _link_near_duplicates(self, articles: Sequence[Article]) -> list[NewArticle]:
        signer, threshold = self.p.signer, self.p.settings.near_duplicate_threshold
        in_batch: dict[tuple[int, int], list[NewArticle]] = defaultdict(list)
        new = []
        for article in articles:
            signature = signer.signature(article.text)
            keys = signer.band_keys(signature)
            candidates = self.p.store.signatures_sharing_a_band(keys)
            candidates += [(n.article.id, n.signature) for k in keys for n in in_batch.get(k, [])]
            match = best_match(signature, candidates, threshold)
            if match:
                article.near_duplicate_of, article.similarity = match
                self.report.near_duplicates += 1
            item = NewArticle(article, signature, keys)
            for key in keys:
                in_batch[key].append(item)
            new.append(item)
        return new
