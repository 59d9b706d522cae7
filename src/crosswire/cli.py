"""The crosswire command line: a thin shell over the pipeline and the store."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from crosswire.cli_watch import register as register_watch_commands
from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.export import ExportFormat, write_json, write_jsonl, write_parquet
from crosswire.ingest.sources import InputRef, expand_inputs
from crosswire.mentions.dates.readable import readable_time
from crosswire.pipeline import IngestReport, Pipeline, stage_table
from crosswire.resolve.matching import FAMILIES
from crosswire.scale import LocalPool, choose_workers
from crosswire.scale.cli_commands import Engine, load_command, problem_line, run_command
from crosswire.store import ArticleStore, Database, queries
from crosswire.store.entities import EntityStore, InvalidEntityChange
from crosswire.store.queries import entities as entity_reads
from crosswire.store.queries.records import TimePoint
from crosswire.store.translations import Rendering, renderings_of, unrendered_articles
from crosswire.stories import render_brief, story_record
from crosswire.stories.brief import Format as BriefFormat
from crosswire.translate import translate_articles, translator_from_settings
from crosswire.types import Article, IngestProblem

# Plain click help, not rich markup: help texts name extras as "[web]", which rich would
# take for a style tag and print as "()".
app = typer.Typer(
    help="crosswire: news articles in, a source-attributed, cross-checked knowledge base out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DEMO_CORPUS = Path(__file__).parent / "demo" / "corpus"
ID_WIDTH = 16  # article, story and entity ids
AllowFailures = Annotated[
    bool,
    typer.Option(
        "--allow-failures",
        help="Exit 0 even when some inputs failed (by default any failed input makes the exit status 1; "
        "skipped inputs never do).",
    ),
]
DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="CROSSWIRE_DB", help="SQLite database file.", show_default="crosswire.db"),
]
LanguageOption = Annotated[
    str | None, typer.Option("--language", help="Only articles in this language (ISO 639-1: en, fr, ru, ko).")
]

# Options with a fixed set of values are typed as Literals, which typer turns into choices:
# a wrong value is a usage error listing them. Entity labels are the ones resolution keeps
# entities for, a Literal built from that table at run time.
if TYPE_CHECKING:
    EntityLabel = str
else:
    EntityLabel = Literal[tuple(FAMILIES)]


def _print_version(wanted: bool) -> None:
    if not wanted:
        return
    try:
        typer.echo(f"crosswire {version('crosswire')}")
    except PackageNotFoundError:  # run from a source tree that was never installed
        typer.echo("crosswire (not installed: no version recorded)")
    raise typer.Exit()


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Options before any command (--version); the help text is the app's."""


def _fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr, never wrapped, then exit: what a script's log and a user both read."""
    err.print(Text.assemble(("error: ", "red"), message), soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def _opened(db: Path | None, *, create: bool = False) -> Iterator[tuple[Settings, ArticleStore]]:
    """The store, migrated. Only commands that write (``create``) make a store that is not
    there: a read command pointed at a mistyped path must say so, not show an empty store."""
    settings = Settings.from_env(db_path=db)
    _check_store_path(settings.db_path, create=create)
    try:
        with Database(settings.db_path) as database:
            yield settings, ArticleStore(database)
    except CrosswireError as exc:
        _fail(str(exc))


def _check_store_path(path: Path, *, create: bool) -> None:
    if path.exists():
        return
    if not create:
        _fail(f"no store at {path}: `crosswire ingest --db {path} FILES` creates one")
    if not path.parent.is_dir():
        _fail(f"cannot create the store {path}: there is no folder {path.parent}")


@app.command()
def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files (text, HTML, JSONL, WARC, Parquet, RSS/Atom feed files), folders, "
            "'-' for stdin, or http(s) URLs of pages or feeds."
        ),
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="Worker processes for analysis (default: all cores for large inputs, else 1)."
        ),
    ] = None,
    allow_failures: AllowFailures = False,
) -> None:
    """Read articles, clean them, analyse them and store them (idempotent: re-runs add nothing).

    Articles about one event are grouped into stories, on sentence embeddings too when the
    [embeddings] extra is installed. The exit status is 1 when any input failed."""
    with _opened(db, create=True) as (settings, store):
        report = _run_ingest(settings, store, inputs, quiet, workers)
    _exit_for_failures(report.failed, allow_failures)


def _exit_for_failures(failed: int, allowed: bool) -> None:
    """Exit 1 when inputs failed, so that a script notices; what was stored stays stored."""
    if failed and not allowed:
        raise typer.Exit(1)


def _run_ingest(
    settings: Settings, store: ArticleStore, inputs: list[str], quiet: bool, workers: int | None = None
) -> IngestReport:
    refs = list(expand_inputs(inputs))
    count = choose_workers(workers, _input_bytes(refs))
    analyser = LocalPool(settings, count) if count > 1 else None
    pipeline = Pipeline(settings, store, analyser=analyser)
    started = time.perf_counter()
    try:
        report = _ingest_with_progress(pipeline, refs, quiet)
    finally:
        pipeline.analyser.close()
    _print_ingest_summary(report, time.perf_counter() - started)
    return report


def _input_bytes(refs: list[InputRef | IngestProblem]) -> int | None:
    """Total size of the named files; None when a URL or stdin makes it unknowable."""
    if any(isinstance(r, InputRef) and r.kind != "file" for r in refs):
        return None
    return sum(Path(r.name).stat().st_size for r in refs if isinstance(r, InputRef))


def _ingest_with_progress(
    pipeline: Pipeline, refs: list[InputRef | IngestProblem], quiet: bool
) -> IngestReport:
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(refs))
        started = time.perf_counter()

        def advance(ref: object, report: IngestReport) -> None:
            rate = report.added / max(time.perf_counter() - started, 1e-9)
            progress.update(
                task,
                advance=1 if ref else 0,
                description=f"{report.added} added ({rate:.1f}/s), {report.already_stored} known",
            )

        return pipeline.ingest(refs, on_progress=advance, on_problem=_print_problem)


def _print_problem(problem: IngestProblem) -> None:
    kind = "skipped" if problem.skipped else "error"
    style = "yellow" if problem.skipped else "red"
    err.print(Text.assemble((f"{kind}: ", style), problem_line(problem)), soft_wrap=True)


def _print_ingest_summary(report: IngestReport, seconds: float) -> None:
    out.print(
        f"added {report.added} article(s), {report.already_stored} already stored, "
        f"{report.near_duplicates} near-duplicate(s) linked, {report.failed} error(s), "
        f"{report.skipped} skipped in {seconds:.1f}s",
        soft_wrap=True,  # one line, whatever the width: scripts grep it
    )


@app.command()
def articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: LanguageOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """List stored articles, newest first."""
    with _opened(db) as (_, store):
        table = Table(_id_column(), "published", "outlet", "title", "byline", "words", box=None)
        for a in queries.list_articles(store.db, limit, offset, outlet, language=language):
            table.add_row(
                a.id,
                a.published or "",
                Text(a.outlet or ""),
                _titled_in(a.title, a.language),
                Text(a.byline or ""),
                str(a.word_count),
            )
        out.print(table)


def _titled_in(title: str | None, language: str | None) -> Text:
    """The title, after its language when that is not English ("[fr] Les pourparlers…")."""
    text = Text(title or "")
    if language and language != "en":
        text = Text.assemble((f"[{language}] ", "dim"), text)
    return text


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = None,
) -> None:
    """One article: metadata, cleaned text with entities highlighted, and its mentions."""
    with _opened(db) as (_, store):
        article = queries.find_article(store.db, article_id)
        if article is None:
            _fail(f"no article with id {article_id!r} (or the prefix is ambiguous)")
        _print_article(article, renderings_of(store.db, [article.id]).get(article.id, []))


def _print_article(a: Article, renderings: Sequence[Rendering] = ()) -> None:
    out.print(Text(a.title or "(untitled)", style="bold"))
    for label, value in (
        ("id", a.id),
        ("outlet", a.outlet),
        ("byline", a.byline),
        ("published", a.published),
        ("language", a.language or "unknown"),
        ("source", a.source),
        ("url", a.url),
        ("near-duplicate of", a.near_duplicate_of),
        ("dek", a.dek),
    ):
        if value:
            out.print(Text.assemble((f"{label}: ", "dim"), str(value)))
    for note in a.notes:  # what reading did, and "unanalysed" for a language with no model
        out.print(Text.assemble(("note: ", "dim"), note))
    body = Text(a.text)
    for m in a.mentions:
        body.stylize("bold cyan", m.start, m.end)
    out.print()
    out.print(body)
    table = Table("label", "mention", "offsets", title="mentions", box=None)
    for m in a.mentions:
        table.add_row(m.label, Text(m.text), f"{m.start}-{m.end}")
    out.print(table)
    _print_renderings(renderings)


def _print_renderings(renderings: Sequence[Rendering]) -> None:
    """English renderings beside the originals (only when a translation server made some)."""
    if not renderings:
        return
    table = Table("", "original", "English rendering", title="translations", box=None)
    for r in renderings:
        table.add_row(r.kind if r.kind == "title" else f"quote @{r.start}", Text(r.original), Text(r.text))
    out.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words or an FTS5 query, e.g. 'NEAR(bridge collapse, 5)'.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    language: LanguageOption = None,
) -> None:
    """Full-text search over titles and article text."""
    with _opened(db) as (_, store):
        filters = queries.Filters(language=language)
        hits, _ = queries.search_articles(
            store.db, query, filters, limit=limit, marks=("[", "]"), snippet_tokens=12
        )
        for hit in hits:
            a = hit.article
            out.print(
                Text.assemble(
                    (a.id[:12], "dim"),
                    "  ",
                    (a.title or "", "bold"),
                    f"  ({a.outlet or '?'}, {a.published or '?'})",
                )
            )
            out.print(Text("    " + (hit.snippet or "")))
        if not hits:
            out.print("no match")


@app.command("quotes")
def list_quotes(
    db: DbOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only quotes by this speaker (part of the name).")
    ] = None,
    article: Annotated[str | None, typer.Option(help="Only quotes in this article (id prefix).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
) -> None:
    """Who said what: every quote with its speaker, the speaker's role, and the outlet."""
    with _opened(db) as (_, store):
        rows = queries.list_quotes(store.db, speaker, article, limit)
        table = Table("speaker", "role", "outlet", "kind", "quote", "article", box=None)
        for q in rows:
            name = q.who + (" ↩" if q.inherited else "")
            copies = f" (+{q.copies} syndicated copies)" if q.copies else ""
            table.add_row(Text(name), Text(q.role or ""), Text(q.outlet or ""), q.kind,
                          Text(_shorten(q.text, 110) + copies), q.article_id[:10])  # fmt: skip
        out.print(table if rows else "no quotes")


@app.command("stories")
def list_stories_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Stories: articles about one event grouped across outlets, latest first."""
    with _opened(db) as (_, store):
        table = Table(_id_column(), "first", "last", "articles", "sources", "outlets", "title", box=None)
        for s in queries.list_stories(store.db, limit, offset):
            table.add_row(
                s.id, s.first_published or "", s.last_published or "", str(s.articles),
                str(s.sources), Text(", ".join(s.outlets)), Text(s.title or ""),
            )  # fmt: skip
        out.print(table if table.row_count else "no stories yet")


@app.command()
def brief(
    story: Annotated[
        str | None, typer.Argument(help="Story id (a unique prefix is enough); omit with --largest.")
    ] = None,
    db: DbOption = None,
    fmt: Annotated[BriefFormat, typer.Option("--format", "-f")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default: stdout).")] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every line: all single-outlet facts, quotes and events.")
    ] = False,
    largest: Annotated[
        bool, typer.Option("--largest", help="The story with the most independent sources.")
    ] = False,
    link_base: Annotated[
        str, typer.Option(help="HTML: where citation links point, e.g. http://127.0.0.1:8000 (serve).")
    ] = "",
) -> None:
    """A one-screen brief on one story for an editor: the top line, where outlets disagree,
    what all report, what only one reports, who said what, a timeline of events, the sources;
    every line citing its article and span."""
    _check_output(output)
    if (story is None) == (not largest):
        _fail("name one story, or pass --largest (not both)")
    with _opened(db) as (_, store):
        story = story or queries.largest_story(store.db)
        if story is None:
            _fail("no stories yet: `crosswire ingest` some articles first")
        text = render_brief(store.db, story, fmt, show_all=show_all, link_base=link_base)
    if output is None:
        typer.echo(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _cannot_write(output, exc)
    err.print(f"wrote {output}", markup=False)


def _check_output(output: Path | None) -> None:
    """Before any work: an output file needs an existing folder (nothing is created unasked)."""
    if output is not None and not output.parent.is_dir():
        _fail(f"cannot write {output}: there is no folder {output.parent}")


def _cannot_write(output: Path, exc: OSError) -> NoReturn:
    """A file that cannot be written (permissions, a full disk) is one line, not a traceback."""
    _fail(f"cannot write {output}: {exc.strerror or exc}")


@app.command()
def timeline(
    db: DbOption = None,
    entity: Annotated[str | None, typer.Option(help="Only points whose sentence names this entity.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 200,
) -> None:
    """Dates and times the articles mention, normalized and in order, with their sentences."""
    with _opened(db) as (_, store):
        rows = queries.timeline(store.db, entity, limit)
        table = Table("when", "as written", "event", "outlet", "sentence", box=None)
        for t in rows:
            table.add_row(_when(t), Text(t.text), Text(t.event or ""), Text(t.outlet or ""),
                          Text(_shorten(t.sentence or "", 100)))  # fmt: skip
        out.print(table if rows else "no dated events")


def _when(t: TimePoint) -> Text:
    """The value in words; the time it was counted from when the text had moved away from the
    publication date ("relative to 2023-10-03 (“Oct. 3”)")."""
    shown = readable_time(t.value, t.type)
    if t.reference and not t.reference.startswith("the publication date"):
        shown += f"\n(relative to {t.reference})"
    return Text(shown)


def _id_column() -> Column:
    """Ids are copied into other commands and URLs: never cut to fit the width, on a narrow
    terminal or in a pipe (80 columns); the other columns wrap first."""
    return Column("id", no_wrap=True, min_width=ID_WIDTH, overflow="fold")


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


entities_app = typer.Typer(
    help="Entities resolved across articles; merge and split them.", no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(entities_app, name="entities")


@entities_app.callback(invoke_without_command=True)
def list_entities(
    ctx: typer.Context,
    db: DbOption = None,
    type_: Annotated[
        EntityLabel | None, typer.Option("--type", case_sensitive=False, help="Only this label.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
) -> None:
    """List entities, most widely reported first, with their aliases."""
    if ctx.invoked_subcommand:
        return
    with _opened(db) as (_, store):
        table = Table(_id_column(), "name", "label", "articles", "aliases", box=None)
        for e in queries.list_entities(store.db, type_, limit):
            table.add_row(e.id, Text(e.name), e.label, str(e.article_count), Text(" | ".join(e.aliases)))
        out.print(table)


@entities_app.command("merge")
def merge_entities(
    keeper: Annotated[str, typer.Argument(help="Entity id that stays.")],
    other: Annotated[str, typer.Argument(help="Entity id merged into it.")],
    db: DbOption = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the merge).")] = None,
) -> None:
    """Say that two entities are one: kept across re-analysis."""
    with _opened(db) as (_, store):
        try:
            _entity_store(store).merge(keeper, other, note)
        except InvalidEntityChange as exc:  # the arguments are wrong, whatever the store holds
            _fail(str(exc), 2)
        out.print(f"merged {other} into {keeper}")


@entities_app.command("split")
def split_entity(
    entity_id: Annotated[str, typer.Argument(help="Entity id to split.")],
    name: Annotated[list[str] | None, typer.Option("--name", help="Names that are someone else.")] = None,
    article: Annotated[
        list[str] | None, typer.Option("--article", help="Articles about someone else.")
    ] = None,
    db: DbOption = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the split).")] = None,
) -> None:
    """Say that part of an entity is someone else: kept across re-analysis."""
    with _opened(db) as (_, store):
        new_id = _entity_store(store).split(entity_id, names=name or (), articles=article or (), note=note)
        out.print(f"split {entity_id}: the named part is now {new_id}")


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, an alias or an entity id.")],
    db: DbOption = None,
) -> None:
    """One entity: aliases with merge evidence, roles by outlet, articles, quotes."""
    with _opened(db) as (_, store):
        found = queries.find_entities(store.db, name)
        if not found:
            _fail(f"no entity named {name!r}: `crosswire entities` lists them")
        _print_entity(store, found[0].id)
        for other in found[1:6]:
            out.print(Text(f"also matching: {other.name} ({other.label}, {other.id})", style="dim"))


def _print_entity(store: ArticleStore, entity_id: str) -> None:
    entities = _entity_store(store)
    e = entities.entity(entity_id)
    assert e is not None
    out.print(Text.assemble((e.name, "bold"), f"  {e.label}  {e.id}  in {len(e.articles)} article(s)"))
    out.print(Text("aliases: " + " | ".join(e.aliases)))
    evidence = Table("alias", "matched", "rule", "score", "evidence", title="merges", box=None)
    for r in entities.evidence(entity_id):
        if r["rule"] not in ("new", "exact"):
            evidence.add_row(
                Text(r["alias"]), Text(r["matched"]), r["rule"], f"{r['score']:.1f}", Text(r["detail"])
            )
    if evidence.row_count:
        out.print(evidence)
    # What the entity's web page shows, read by the same functions.
    key = entity_reads.entity_key(store.db, entity_id)
    roles = Table("outlet", "role", "times", title="roles by outlet", box=None)
    for role in entity_reads.window_roles(store.db, key):
        roles.add_row(Text(role.outlet or "(unknown)"), Text(role.role), str(role.quotes))
    if roles.row_count:
        out.print(roles)
    articles = Table("published", "outlet", "title", "as", title="articles, newest first", box=None)
    for a in entity_reads.window_articles(store.db, key, limit=200, offset=0):
        articles.add_row(a.published or "", Text(a.outlet or ""), Text(a.title or ""), Text(a.names))
    out.print(articles)
    for q in entity_reads.window_quotes(store.db, key, limit=50, offset=0):
        out.print(Text.assemble(("“", "dim"), _shorten(q.text, 200), ("”", "dim"), f"  — {q.outlet or '?'}"))


def _entity_store(store: ArticleStore) -> EntityStore:
    return EntityStore(store.db)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default: stdout).")] = None,
    db: DbOption = None,
    language: LanguageOption = None,
) -> None:
    """Export every article with its annotations in the documented JSON schema."""
    if fmt == "parquet" and output is None:
        _fail("parquet needs a file: add -o FILE.parquet", 2)
    _check_output(output)
    with _opened(db) as (_, store):
        count = _export(store, fmt, output, language)
    err.print(f"exported {count} article(s)" + (f" to {output}" if output else ""), markup=False)


def _export(store: ArticleStore, fmt: ExportFormat, output: Path | None, language: str | None = None) -> int:
    writer = write_json if fmt == "json" else write_jsonl
    if output is None:  # never parquet: the command refused that
        return writer(store, sys.stdout, language)
    try:
        if fmt == "parquet":
            return write_parquet(store, str(output), language=language)
        with output.open("w", encoding="utf-8") as fh:
            return writer(store, fh, language)
    except OSError as exc:
        _cannot_write(output, exc)


@app.command()
def demo(
    db: DbOption = None,
    corpus: Annotated[Path, typer.Option(help="Folder of articles to ingest.")] = DEMO_CORPUS,
) -> None:
    """Ingest the bundled sample corpus (fictional articles) and print a summary."""
    with _opened(db, create=True) as (settings, store):
        out.print(f"ingesting the demo corpus from {corpus} into {settings.db_path}")
        _run_ingest(settings, store, [str(corpus)], quiet=False)
        compared = [story_record(store.db, story_id) for story_id in queries.story_ids(store.db)]
        out.print(f"compared {len(compared)} stories across outlets")
        _print_store_summary(store)
        out.print(f"next: crosswire quotes / entities / timeline --db {settings.db_path}, "
                  f"or `make serve` and open http://127.0.0.1:8000")  # fmt: skip


@app.command()
def summary(db: DbOption = None) -> None:
    """Articles per outlet and the most mentioned names."""
    with _opened(db) as (_, store):
        _print_store_summary(store)


def _print_store_summary(store: ArticleStore) -> None:
    outlets = Table("outlet", "articles", title=f"{queries.count_articles(store.db)} articles", box=None)
    for o in queries.outlet_counts(store.db, limit=1000):
        outlets.add_row(Text(o.outlet), str(o.articles))
    out.print(outlets)
    top = Table(
        "name", "label", "articles", "mentions", title="top entities (resolved across outlets)", box=None
    )
    for e in queries.top_entities(store.db, 12):
        top.add_row(Text(e.name), e.label, str(e.articles), str(e.mentions))
    out.print(top)
    if problems := queries.problem_count(store.db):
        out.print(f"{problems} input problem(s) recorded in the ingest_errors table")


@app.command()
def translate(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many articles in this run.")] = 1000,
) -> None:
    """English renderings for stored non-English articles that have none (CROSSWIRE_TRANSLATE_URL)."""
    with _opened(db) as (settings, store):
        translator = translator_from_settings(settings)
        if translator is None:
            _fail("no translation server: set CROSSWIRE_TRANSLATE_URL (docs/multilingual.md)")
        ids = unrendered_articles(store.db, limit=limit)
        articles = [a for a in (store.article(i, with_raw=False) for i in ids) if a is not None]
        problems = translate_articles(store.db, translator, articles)
        for problem in problems:
            err.print(f"{problem.source}: {problem.reason}")
        out.print(f"rendered {len(articles)} article(s) in English" if not problems
                  else f"{len(problems)} language(s) not rendered; the stored articles are unchanged")
        if problems:
            raise typer.Exit(1)


@app.command()
def stages() -> None:
    """Every step of the pipeline, in the order it runs, with the fields each needs and adds."""
    table = Table("stage", "runs", box=None)
    for fields in ("needs", "adds"):  # folded, never cut: every field name is shown whole
        table.add_column(fields, overflow="fold")
    for stage in stage_table():
        table.add_row(stage.name, stage.step, ", ".join(stage.needs), ", ".join(stage.adds))
    out.print(table)


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders: text, HTML, JSONL, WARC, Parquet.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet shards (re-run to resume).")],
    engine: Annotated[
        Engine, typer.Option(help="local: worker processes; ray: a Ray cluster (extra [distributed]).")
    ] = "local",
    address: Annotated[str | None, typer.Option(help="Ray cluster to join, e.g. ray://head:10001.")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Workers (default: every core or cluster CPU).")
    ] = None,
    shard_size: Annotated[int, typer.Option(min=1, help="Records per shard of a big input file.")] = 200,
    load_too: Annotated[
        bool, typer.Option("--load", help="Store each shard in --db as soon as it is written.")
    ] = False,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    allow_failures: AllowFailures = False,
) -> None:
    """Analyse articles into Parquet shards, resumably; then `crosswire load DIR` stores them
    (or `--load`: stored while the workers go on). The exit status is 1 when any input or
    shard failed; --allow-failures relaxes the first, never the second (re-run to retry it)."""
    with ExitStack() as stack:
        settings, store = Settings.from_env(db_path=db), None
        if load_too:  # the store opens (and migrates) before any worker starts
            settings, store = stack.enter_context(_opened(db, create=True))
        try:
            report = run_command(
                inputs, out, settings, engine=engine,
                address=address, workers=workers, shard_size=shard_size, quiet=quiet, load_into=store,
            )  # fmt: skip
        except CrosswireError as exc:
            _fail(str(exc))
    if report.failed_shards:
        raise typer.Exit(1)
    _exit_for_failures(report.errors + sum(not p.skipped for p in report.problems), allow_failures)


@app.command()
def load(
    out: Annotated[Path, typer.Argument(help="A folder written by `crosswire run --out`.")],
    db: DbOption = None,
) -> None:
    """Store analysed shards: each shard once, each article once (idempotent)."""
    with _opened(db, create=True) as (settings, store):
        load_command(out, store, settings)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Serve the web UI and JSON API (extra [web]); writes need CROSSWIRE_TOKEN.

    On a path with no store yet the server starts on an empty one, which the API's writes
    (or `crosswire ingest`) fill; a folder that does not exist is refused."""
    try:
        from crosswire.web import serve as serve_web
    except ImportError:
        _fail("the web UI needs the [web] extra: pip install -e '.[web]'")
    settings = Settings.from_env(db_path=db)
    _check_store_path(settings.db_path, create=True)
    path = settings.db_path
    if not path.exists():  # said, not silent: it may be a mistyped --db
        note = f"no store at {path} yet: serving an empty one (`crosswire ingest --db {path} FILES` fills it)"
        err.print(note, markup=False, soft_wrap=True)
    serve_web(settings, host, port)


# Following feeds and their alerts: `crosswire watch` and `crosswire alerts` (cli_watch.py).
register_watch_commands(app)


def main() -> None:
    app()


__all__ = ["app", "main"]


if __name__ == "__main__":
    main()
