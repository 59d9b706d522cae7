"""Shards: the unit of work, of output and of resumption for ``crosswire run --out``.

One shard is one input file, or one chunk of ``shard_size`` records of a big JSONL, WARC or
Parquet file. Its name is stable across runs (the input's path hash and the chunk number),
so a re-run can tell which shards are finished: a shard is done exactly when
``<name>.parquet`` exists in the output folder, and that file only ever appears whole
(written under a temporary name, then renamed). Records that could not be read, cleaned or
analysed go to ``<name>.errors.jsonl``, written before the Parquet file for the same reason.

The Parquet rows are ``crosswire.export.article_record`` rows in ``PARQUET_SCHEMA``, plus the
raw input (``raw``, ``raw_media_type``) so that ``crosswire load`` stores exactly what
``crosswire ingest`` would, and cleaning can be redone later, plus the title+lead embedding
(``story_vector``) so that ``load`` does not run the model in the one writer.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from spacy.language import Language

from crosswire.config import Settings
from crosswire.errors import InputError
from crosswire.export import PARQUET_SCHEMA, article_record
from crosswire.ingest.extract import extract_article
from crosswire.ingest.sources import InputRef, expand_inputs, read_input
from crosswire.types import Article, IngestProblem, Mention, Quote, RawDocument, Sentence, Speaker, TimeExpr

Item = RawDocument | IngestProblem
AnalyseFn = Callable[[list[Article], Language, Settings], list[IngestProblem]]

SHARD_SCHEMA = (
    PARQUET_SCHEMA.append(pa.field("raw", pa.string()))
    .append(pa.field("raw_media_type", pa.string()))
    .append(pa.field("story_vector", pa.binary()))  # computed by the workers, not by `load`
)
# Big enough that per-shard overhead (a task round trip, a file) is noise, small enough that
# a killed run loses at most a few seconds of work per worker.
DEFAULT_SHARD_SIZE = 200


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: its stable name and the records read for it."""

    name: str
    items: list[Item]


@dataclass(slots=True)
class ShardResult:
    """What a worker sends back: the rows to write and the records that failed."""

    name: str
    table: pa.Table
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return int(self.table.num_rows)


# -- reading: inputs to shards ---------------------------------------------------------------------
def expand_shard_inputs(inputs: Sequence[str]) -> Iterator[InputRef | IngestProblem]:
    """What ``run`` reads: exactly what ``ingest`` reads (Parquet included)."""
    return expand_inputs(list(inputs))


def iter_shards(
    refs: Sequence[InputRef], settings: Settings, shard_size: int = DEFAULT_SHARD_SIZE
) -> Iterator[Shard]:
    """Every shard of every input, read lazily: at most one shard's records in memory here."""
    for ref in refs:
        chunk: list[Item] = []
        number = 0
        for item in _read(ref, settings):
            chunk.append(item)
            if len(chunk) >= shard_size:
                yield Shard(shard_name(ref.name, number, shard_size), chunk)
                chunk, number = [], number + 1
        if chunk or number == 0:
            yield Shard(shard_name(ref.name, number, shard_size), chunk)


def estimate_shards(ref: InputRef, shard_size: int = DEFAULT_SHARD_SIZE) -> int:
    """How many shards an input will make, for the progress bar's total (cheap: no parsing)."""
    path = Path(ref.name)
    name = path.name.lower()
    if name.endswith(".parquet"):
        rows: int = pq.ParquetFile(path).metadata.num_rows
        return max(1, -(-rows // shard_size))
    if name.endswith((".jsonl", ".ndjson")):
        with path.open("rb") as stream:
            return max(1, -(-sum(1 for _ in stream) // shard_size))
    return 1  # gzip and WARC would need a full pass: the total grows as more shards show up


def shard_name(source: str, number: int, shard_size: int = DEFAULT_SHARD_SIZE) -> str:
    """``<file name>-<hash>-<chunk>``: readable, unique for two files with one name.

    The hash covers what decides a chunk's records — the path, the file's size and mtime, the
    shard size — so a changed input or another ``--shard-size`` is redone, never taken as done.
    """
    path = Path(source)
    stat = path.stat() if path.is_file() else None
    key = f"{path.resolve()}\0{stat and stat.st_size}\0{stat and stat.st_mtime_ns}\0{shard_size}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.name)[:40]
    return f"{stem}-{digest}-{number:05d}"


def _read(ref: InputRef, settings: Settings) -> Iterator[Item]:
    yield from read_input(ref, settings, None)  # Parquet too: the reader ``ingest`` uses


# -- analysing one shard (in a worker) ----------------------------------------------------------
def analyse_shard(shard: Shard, nlp: Language, settings: Settings, analyse: AnalyseFn) -> ShardResult:
    """Clean and analyse a shard's records; one bad record never fails its shard."""
    errors: list[dict[str, str]] = []
    articles: list[Article] = []
    seen: set[str] = set()
    for item in shard.items:
        if isinstance(item, IngestProblem):
            if not item.skipped:
                errors.append({"source": item.source, "reason": item.reason})
            continue
        try:
            article = extract_article(item, settings)
        except InputError as exc:
            errors.append({"source": item.source, "reason": str(exc).removeprefix(f"{item.source}: ")})
            continue
        if article.id not in seen:  # the same text twice in one shard: analysed once
            seen.add(article.id)
            articles.append(article)
    good = _analyse_guarded(articles, nlp, settings, analyse, errors)
    table = pa.Table.from_pylist([shard_record(a) for a in good], schema=SHARD_SCHEMA)
    return ShardResult(shard.name, table, errors)


def _analyse_guarded(
    articles: list[Article], nlp: Language, settings: Settings, analyse: AnalyseFn,
    errors: list[dict[str, str]],
) -> list[Article]:  # fmt: skip
    """Analyse the batch; failed articles leave it and become errors (its stage reasons).

    ``analyse_articles`` already isolates a failing article; an exception that still escapes
    (a fault outside the stages) costs one article, not the shard: one at a time, then.
    """
    try:
        failed = analyse(articles, nlp, settings)
    except Exception:
        failed = _analyse_one_by_one(articles, nlp, settings, analyse)
    errors.extend({"source": p.source, "reason": p.reason} for p in failed)
    return articles


def _analyse_one_by_one(
    articles: list[Article], nlp: Language, settings: Settings, analyse: AnalyseFn
) -> list[IngestProblem]:
    failed: list[IngestProblem] = []
    for article in list(articles):
        _reset(article)  # the failed batch may have half-filled it
        try:
            failed += analyse([article], nlp, settings)
        except Exception as exc:  # recorded with its reason, the shard goes on
            articles.remove(article)
            failed.append(IngestProblem(article.source, f"analysis failed: {type(exc).__name__}: {exc}"))
    return failed


def _reset(article: Article) -> None:
    article.sentences, article.mentions, article.quotes, article.times = [], [], [], []


# -- writing and reading shard files ------------------------------------------------------------
def shard_record(article: Article) -> dict[str, Any]:
    return {**article_record(article), "raw": article.raw, "raw_media_type": article.raw_media_type,
            "story_vector": article.story_vector}


def write_shard(out_dir: Path, result: ShardResult) -> Path:
    """Errors first, then the Parquet file, each atomically: the Parquet file means 'done'."""
    errors_path = out_dir / f"{result.name}.errors.jsonl"
    if result.errors:
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors)
        _atomic_write(errors_path, lambda tmp: tmp.write_text(lines, encoding="utf-8"))
    else:
        errors_path.unlink(missing_ok=True)  # left by an earlier, killed attempt
    path = out_dir / f"{result.name}.parquet"
    _atomic_write(path, lambda tmp: pq.write_table(result.table, tmp))
    return path


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)  # atomic on POSIX: readers see the old file or the whole new one
    finally:
        tmp.unlink(missing_ok=True)


def done_shards(out_dir: Path) -> set[str]:
    return {p.name.removesuffix(".parquet") for p in out_dir.glob("*.parquet")}


def read_shard(path: Path) -> Iterator[Article]:
    """The articles of a shard file, back as dataclasses."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        yield from (article_from_record(r) for r in batch.to_pylist())


def read_errors(out_dir: Path, name: str) -> list[dict[str, str]]:
    path = out_dir / f"{name}.errors.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_from_record(r: dict[str, Any]) -> Article:
    """The inverse of ``shard_record``."""
    keys = ("id", "text", "source", "url", "outlet", "title", "dek", "byline", "published")
    article = Article(**{k: r[k] for k in keys}, raw=r.get("raw") or "", captions=list(r["captions"] or []),
                      notes=list(r.get("notes") or []), raw_media_type=r.get("raw_media_type") or "text",
                      story_vector=r.get("story_vector"))  # fmt: skip
    article.sentences = [Sentence(**s) for s in r["sentences"] or []]
    article.mentions = [Mention(**m) for m in r["mentions"] or []]
    article.quotes = [_quote(q) for q in r["quotes"] or []]
    article.times = [_time(t) for t in r["times"] or []]
    return article


def _quote(q: dict[str, Any]) -> Quote:
    cue = q.get("cue_span") or {}
    s = q.get("speaker")
    speaker = None
    if s is not None:
        span, role = s.get("span") or {}, s.get("role_span") or {}
        speaker = Speaker(s["name"], s["entity_id"], s["role"], s["kind"], span.get("start"), span.get("end"),
                          role.get("start"), role.get("end"))  # fmt: skip
    return Quote(q["text"], q["start"], q["end"], q["kind"], q["cue"], speaker, bool(q["inherited"]),
                 cue.get("start"), cue.get("end"))  # fmt: skip


def _time(t: dict[str, Any]) -> TimeExpr:
    anchor, ends, event = t.get("anchor") or {}, t.get("range") or {}, t.get("event") or {}
    return TimeExpr(t["text"], t["start"], t["end"], t["value"], t["type"], anchor.get("start"),
                    anchor.get("end"), t["note"], ends.get("start"), ends.get("end"), t.get("duration"),
                    t.get("reference"), event.get("start"), event.get("end"))  # fmt: skip
