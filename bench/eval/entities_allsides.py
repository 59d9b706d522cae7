"""Entities in real news, end to end: AllSides stories (3 outlets each), a blind set and a tuning set.

Sample (issue #25): only stories whose id ends in 0 may be annotated, every other story is
kept for checking; of those whose three sides have a title and a body, the first 20 by sha1
of the id (``sample`` recomputes it; ``run`` refuses an annotated story outside the rule).

Data: ../shared/eval/allsides_neus_stories (the articles' text, which never enters the
project) and bench/eval/allsides_entities.tsv (ours: story id, side, field, character offsets
into the title or the body, a short hash of each span, its type PERSON/ORG/GPE and a
story-level entity label shared by the three outlets; annotated before looking at crosswire's
mention or resolution code or output; see the file's header for the sample and conventions).

crosswire is run as a user runs it: each story's three articles are ingested, as plain text
"title\\n\\nbody" with the title, outlet and date as hints, into a fresh in-memory store by the
real ``Pipeline`` (every document stage, resolution on; story embeddings off: they only
group articles into stories and take no part in mentions or entities). The stored text is
aligned back to the input (the cleaner normalises whitespace and may drop lines), and each
gold mention is matched with the stored mention overlapping it most.

* ``text_kept``: share of gold mentions whose characters are still in the stored text.
* ``mention_recall`` (and per type): gold mentions with an overlapping predicted mention.
* ``type_accuracy``: on found mentions, predicted label == gold type.
* ``link_accuracy``: per found mention: right when its predicted entity is the one most of
  its gold entity's found mentions map to (ties: the first in the story's order), and no
  other gold entity of the story has that entity as its own majority (a merge of two gold
  entities makes all their mentions wrong). A mention left without an entity is wrong.
* ``cross_outlet_*``: pairwise precision/recall/F1 over pairs of found gold mentions from
  different outlets of one story: gold positive = same gold label, predicted positive = same
  (non-empty) predicted entity.

Reporting split: that blind set. Only its figures are returned and nothing else is printed,
whatever is asked: reading its misses would make it a tuning one.

Tuning split: bench/eval/allsides_entities_tuning.tsv, the blind set's twin on other articles
(issue #24): the first 8 stories, in file order, of issue #25's tuning set
(bench/eval/allsides_compare_tuning.tsv, full-length articles of
../shared/eval/allsides_baly2020/articles.jsonl.gz, never NeuS), annotated with the same columns
and conventions. Text: field ``title`` is the record's ``title``, field ``body`` its
``content_original``, both as they are; crosswire is given them as for NeuS (title, a paragraph
break, body) and scored by the same rules. Its individual misses are for reading: ``errors()``
lists them (missed mentions, those the cleaner dropped marked so, wrong types, wrong links with
the predicted entity's name), and so
does ``run(limit, "tuning")`` on stderr when ``CROSSWIRE_EVAL_VERBOSE=1``, or
``python -m bench.eval.entities_allsides [--limit N]``.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.eval.common import PRF, SHARED_EVAL, baly_records, check_split, require

NAME = "entities_allsides"
TUNING = "8 AllSides (Baly) stories x 3 outlets, the compare tuning set's first, PERSON/ORG/GPE annotated"
REPORTING = "20 AllSides NeuS stories (ids ending in 0) x 3 outlets, PERSON/ORG/GPE annotated blind"
STORIES = SHARED_EVAL / "allsides_neus_stories" / "headline_11_2021-10-19_crawled_all.jsonl"
ANNOTATION = Path(__file__).with_name("allsides_entities.tsv")
TUNING_ANNOTATION = Path(__file__).with_name("allsides_entities_tuning.tsv")
BALY = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
# The tuning sample's source: issue #25's tuning set, whose `outlet` column holds each story's
# three article IDs.
COMPARE_TUNING = Path(__file__).with_name("allsides_compare_tuning.tsv")
TUNING_SAMPLE_SIZE = 8
VERBOSE = "CROSSWIRE_EVAL_VERBOSE"  # =1: the tuning split's misses on stderr
if TYPE_CHECKING:
    from spacy.language import Language

SIDES = ("left", "center", "right")
TYPES = ("PERSON", "ORG", "GPE")
SEPARATOR = "\n\n"  # between the title and the body in the text given to crosswire
SAMPLE_SIZE = 20


@dataclass(frozen=True, slots=True)
class Gold:
    story: str
    side: str
    field: str  # "title" or "body"
    start: int
    end: int
    digest: str
    type: str
    label: str


@dataclass(frozen=True, slots=True)
class Found:
    """One gold mention and what crosswire has there: ``label`` None when nothing overlaps it."""

    story: str
    side: str
    gold_type: str
    gold_label: str
    label: str | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class StoryArticle:
    title: str
    body: str
    outlet: str
    published: str

    def field(self, name: str) -> str:
        return self.title if name == "title" else self.body

    @property
    def text(self) -> str:
        """What crosswire is given: the title, a paragraph break, the body."""
        return self.title + SEPARATOR + self.body

    def offset(self, field: str) -> int:
        """Where ``field`` starts in ``text``."""
        return 0 if field == "title" else len(self.title) + len(SEPARATOR)


def span_digest(span: str) -> str:
    return hashlib.sha1(span.encode("utf-8")).hexdigest()[:8]


def read_annotation(path: Path = ANNOTATION) -> list[Gold]:
    gold = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("story_id\t"):
            continue
        story, side, field, start, end, digest, kind, label = line.split("\t")
        gold.append(Gold(story, side, field, int(start), int(end), digest, kind, label))
    return gold


def body_text(body: object) -> str:
    """``newBody``: a list of paragraphs (or its repr), joined by a blank line."""
    paragraphs = body
    if isinstance(body, str):
        try:
            paragraphs = ast.literal_eval(body)
        except (ValueError, SyntaxError):
            return body
    if isinstance(paragraphs, list):
        return "\n\n".join(str(p) for p in paragraphs)
    return str(paragraphs or "")


def read_stories(wanted: Iterable[str], path: Path = STORIES) -> dict[str, dict[str, StoryArticle]]:
    """Story id -> side -> article, for the wanted stories."""
    wanted = set(wanted)
    stories: dict[str, dict[str, StoryArticle]] = {}
    with require(path).open(encoding="utf-8") as handle:
        lines = list(handle)
    for line in lines:
        record = json.loads(line)
        if str(record["id"]) not in wanted:
            continue
        news = record["news"] if isinstance(record["news"], dict) else ast.literal_eval(record["news"])
        stories[str(record["id"])] = {
            side: StoryArticle(
                news[side].get("newsTitle") or "",
                body_text(news[side].get("newBody", "")),
                news[side].get("newsSource") or "",
                record.get("date") or "",
            )
            for side in SIDES
            if side in news
        }
    return stories


def annotatable(story: str) -> bool:
    """Issue #25: only stories whose id ends in 0 may be annotated; the others are for checking."""
    return story.endswith("0")


def sample(path: Path = STORIES, size: int = SAMPLE_SIZE) -> list[str]:
    """The sample rule: annotatable stories whose three sides all have a non-empty title and
    body, ordered by sha1(id) hex digest, the first ``size``."""
    complete = []
    with require(path).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            story = str(record["id"])
            if not annotatable(story):
                continue
            news = record["news"] if isinstance(record["news"], dict) else ast.literal_eval(record["news"])
            if all(
                side in news and news[side].get("newsTitle") and body_text(news[side].get("newBody", ""))
                for side in SIDES
            ):
                complete.append(story)
    return sorted(complete, key=lambda story: hashlib.sha1(story.encode("utf-8")).hexdigest())[:size]


def compare_tuning_groups(path: Path = COMPARE_TUNING) -> dict[str, list[str]]:
    """Issue #25's tuning set: story id -> its article IDs (the `outlet` column), stories in file order."""
    groups: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("story_id\t"):
            continue
        cells = line.split("\t")
        members = groups.setdefault(cells[0], [])
        if cells[5] not in members:
            members.append(cells[5])
    return groups


def tuning_sample(size: int = TUNING_SAMPLE_SIZE) -> list[str]:
    """The tuning sample rule: the compare tuning set's first ``size`` stories, in file order."""
    return list(compare_tuning_groups())[:size]


def read_baly_stories(wanted: Iterable[str], path: Path = BALY) -> dict[str, dict[str, StoryArticle]]:
    """Story id -> side (the article's ``bias_text``) -> article, for the wanted tuning stories."""
    wanted = set(wanted)
    groups = {story: members for story, members in compare_tuning_groups().items() if story in wanted}
    records = baly_records({article for members in groups.values() for article in members}, path)
    return {
        story: {str(records[a]["bias_text"]): baly_article(records[a]) for a in members if a in records}
        for story, members in groups.items()
    }


def baly_article(record: dict[str, object]) -> StoryArticle:
    """``title`` and ``content_original`` as they are: the annotation's offsets index them."""
    return StoryArticle(
        str(record["title"]), str(record["content_original"]), str(record["source"]), str(record["date"])
    )


def load_split(
    split: str, limit: int | None = None
) -> tuple[list[str], list[Gold], dict[str, dict[str, StoryArticle]]]:
    """The split's stories in order (the first ``limit``), their gold mentions and their articles,
    every span checked against the shared text."""
    tuning = check_split(split) == "tuning"
    path = TUNING_ANNOTATION if tuning else ANNOTATION
    gold = read_annotation(path)
    annotated = {g.story for g in gold}
    if tuning:
        outside = sorted(annotated - set(tuning_sample()))
        why = "not among the compare tuning set's first stories (the tuning sample rule)"
    else:
        outside = sorted(story for story in annotated if not annotatable(story))
        why = "kept for checking (issue #25)"
    if outside:
        raise ValueError(f"{path}: stories {' '.join(outside)} are {why}")
    order = list(dict.fromkeys(g.story for g in gold))[:limit]
    gold = [g for g in gold if g.story in order]
    stories = read_baly_stories(order) if tuning else read_stories(order)
    check_spans(gold, stories)
    return order, gold, stories


def check_spans(gold: Sequence[Gold], stories: dict[str, dict[str, StoryArticle]]) -> None:
    """Raises when a span's story is missing or its hash no longer matches the shared text."""
    for g in gold:
        article = stories.get(g.story, {}).get(g.side)
        if article is None:
            raise ValueError(f"story {g.story} has no {g.side} article in the shared data")
        span = article.field(g.field)[g.start : g.end]
        if span_digest(span) != g.digest:
            raise ValueError(
                f"{g.story} {g.side} {g.field} {g.start}-{g.end}: span does not match {g.digest}"
            )


def alignment(source: str, stored: str) -> list[int | None]:
    """For each character of ``source``, its position in ``stored`` (None when not kept)."""
    where: list[int | None] = [None] * len(source)
    matcher = difflib.SequenceMatcher(None, source, stored, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            where[a + k] = b + k
    return where


def mapped(where: Sequence[int | None], start: int, end: int) -> tuple[int, int] | None:
    """The span ``start:end`` of the source in stored coordinates: its first and last kept characters."""
    kept = [p for p in where[start:end] if p is not None]
    return (kept[0], kept[-1] + 1) if kept else None


def best_overlap(span: tuple[int, int], predicted: Sequence[tuple[int, int, str, str | None]]) -> int | None:
    """Index of the predicted (start, end, label, entity) overlapping ``span`` most; ties: the first."""
    best, best_size = None, 0
    for n, (start, end, _, _) in enumerate(predicted):
        size = min(end, span[1]) - max(start, span[0])
        if size > best_size:
            best, best_size = n, size
    return best


def figures(found: Sequence[Found], kept: int | None = None) -> dict[str, float]:
    """Every figure from the gold mentions in story order, each with what crosswire has there."""
    total = len(found)
    hits = [f for f in found if f.label is not None]
    out: dict[str, float] = {}
    if kept is not None:
        out["text_kept"] = kept / total if total else 0.0
    out["mention_recall"] = len(hits) / total if total else 0.0
    for kind in TYPES:
        of_kind = [f for f in found if f.gold_type == kind]
        out[f"mention_recall_{kind.lower()}"] = (
            sum(f.label is not None for f in of_kind) / len(of_kind) if of_kind else 0.0
        )
    out["type_accuracy"] = sum(f.label == f.gold_type for f in hits) / len(hits) if hits else 0.0
    out["link_accuracy"] = link_accuracy(hits)
    pairs = cross_outlet_pairs(hits)
    out["cross_outlet_precision"] = pairs.precision
    out["cross_outlet_recall"] = pairs.recall
    out["cross_outlet_f1"] = pairs.f1
    return out


def link_accuracy(hits: Sequence[Found]) -> float:
    """Share of found mentions mapped to their gold entity's majority entity, unshared by another."""
    verdicts = link_verdicts(hits)
    return sum(verdicts) / len(verdicts) if verdicts else 0.0


def majorities(hits: Sequence[Found]) -> dict[tuple[str, str], str | None]:
    """(story, gold label) -> the predicted entity most of its found mentions have (ties: the first)."""
    by_cluster: dict[tuple[str, str], Counter[str]] = {}
    for f in hits:
        counts = by_cluster.setdefault((f.story, f.gold_label), Counter())
        if f.entity is not None:
            counts[f.entity] += 1
    return {
        cluster: counts.most_common(1)[0][0] if counts else None for cluster, counts in by_cluster.items()
    }


def link_verdicts(hits: Sequence[Found]) -> list[bool]:
    """Per found mention: linked to its gold entity's majority entity, which no other gold entity
    of the story has as its own majority."""
    majority = majorities(hits)
    owners = Counter((story, entity) for (story, _), entity in majority.items() if entity is not None)
    verdicts = []
    for f in hits:
        entity = majority[(f.story, f.gold_label)]
        verdicts.append(entity is not None and f.entity == entity and owners[(f.story, entity)] == 1)
    return verdicts


def cross_outlet_pairs(hits: Sequence[Found]) -> PRF:
    tp = fp = fn = 0
    for i, a in enumerate(hits):
        for b in hits[i + 1 :]:
            if a.story != b.story or a.side == b.side:
                continue
            same_gold = a.gold_label == b.gold_label
            same_predicted = a.entity is not None and a.entity == b.entity
            tp += same_gold and same_predicted
            fp += same_predicted and not same_gold
            fn += same_gold and not same_predicted
    return PRF.from_counts(tp, fp, fn)


@dataclass(frozen=True, slots=True)
class Scored:
    """One gold mention, what crosswire has there, and that prediction's words and entity name;
    ``kept`` False when the mention's characters are not in the stored text (cleaning dropped them)."""

    gold: Gold
    found: Found
    predicted: str | None = None
    entity_name: str | None = None
    kept: bool = True


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    order, gold, stories = load_split(split, limit)
    scored, kept = score(order, gold, stories)
    if split == "tuning" and os.environ.get(VERBOSE) == "1":
        print("\n".join(error_report(scored, stories)), file=sys.stderr)
    return figures([s.found for s in scored], kept)


def errors(limit: int | None = None) -> list[str]:
    """The tuning split's individual misses, story by story (there is no such listing for the
    reporting split: reading its misses would make it a tuning set)."""
    order, gold, stories = load_split("tuning", limit)
    return error_report(score(order, gold, stories)[0], stories)


def score(
    order: Sequence[str], gold: Sequence[Gold], stories: dict[str, dict[str, StoryArticle]]
) -> tuple[list[Scored], int]:
    """Each gold mention in story order with what crosswire has there; and how many were kept."""
    scored: list[Scored] = []
    kept = 0
    nlp: Language | None = None
    for story in order:
        predicted, names, nlp = ingest_story(story, stories[story], nlp)
        for g in (g for g in gold if g.story == story):
            article = stories[story][g.side]
            where, mentions, stored = predicted.get(g.side, ([], [], ""))
            offset = article.offset(g.field)
            span = mapped(where, offset + g.start, offset + g.end) if where else None
            kept += span is not None
            n = best_overlap(span, mentions) if span else None
            if n is None:
                scored.append(Scored(g, Found(story, g.side, g.type, g.label), kept=span is not None))
                continue
            start, end, label, entity = mentions[n]
            found = Found(story, g.side, g.type, g.label, label, entity)
            scored.append(Scored(g, found, stored[start:end], names.get(entity) if entity else None))
    return scored, kept


# -- the tuning split's misses, for reading (never the reporting split's) -------------------------


def error_report(scored: Sequence[Scored], stories: dict[str, dict[str, StoryArticle]]) -> list[str]:
    """One line per missed mention, wrong type and wrong link, story by story, with the words."""
    hits = [s for s in scored if s.found.label is not None]
    right_link = dict(zip(map(id, hits), link_verdicts([s.found for s in hits]), strict=True))
    majority = majorities([s.found for s in hits])
    name_of = {s.found.entity: s.entity_name for s in hits if s.found.entity is not None}
    lines: list[str] = []
    for story in dict.fromkeys(s.gold.story for s in scored):
        outlets = ", ".join(
            f"{side}={stories[story][side].outlet}" for side in SIDES if side in stories[story]
        )
        lines.append(f"== {story} ({outlets})")
        misses = [
            line
            for s in scored
            if s.gold.story == story
            for line in mention_misses(
                s, stories[story][s.gold.side], right_link.get(id(s)), majority, name_of
            )
        ]
        lines += misses or ["no misses"]
    return lines


def mention_misses(
    s: Scored,
    article: StoryArticle,
    linked_right: bool | None,
    majority: dict[tuple[str, str], str | None],
    name_of: dict[str, str | None],
) -> list[str]:
    """What is wrong with one gold mention: missed, or its type and its link."""
    g = s.gold
    where = f"[{g.side} {g.field} {g.start}] {g.label} {article.field(g.field)[g.start : g.end]!r}"
    if s.found.label is None:
        return [f"missed {g.type}: {where}" + ("" if s.kept else " (not in the stored text)")]
    out = []
    if s.found.label != g.type:
        out.append(f"wrong type: {where} is {g.type}, predicted {s.found.label} on {s.predicted!r}")
    if not linked_right:
        entity = majority.get((g.story, g.label))
        sharers = sorted(label for (story, label), e in majority.items()
                         if story == g.story and e == entity and label != g.label)  # fmt: skip
        out.append(
            f"wrong link: {where} -> {show_entity(s.found.entity, name_of)}; {g.label}'s majority is "
            f"{show_entity(entity, name_of)}"
            + (f", also the majority of {' '.join(sharers)}" if sharers else "")
        )
    return out


def show_entity(entity: str | None, name_of: dict[str, str | None]) -> str:
    return "no entity" if entity is None else f"{name_of.get(entity)!r} ({entity})"


Predicted = dict[str, tuple[list[int | None], list[tuple[int, int, str, str | None]], str]]


def ingest_story(
    story: str, articles: dict[str, StoryArticle], nlp: Language | None
) -> tuple[Predicted, dict[str, str], Language]:
    """Ingest the story's articles into a fresh store: side -> (alignment, stored mentions, stored
    text), and each predicted entity's name."""
    # Imported here: the module's pure scoring is tested without loading the pipeline.
    from crosswire.config import Settings
    from crosswire.nlp import load_nlp
    from crosswire.pipeline import Pipeline
    from crosswire.store import ArticleStore, Database
    from crosswire.store.entities import EntityStore
    from crosswire.types import RawDocument

    settings = Settings(story_embeddings=False)
    if nlp is None:
        nlp = load_nlp(settings.spacy_model)
    source = {f"allsides-{story}-{side}": side for side in SIDES if side in articles}
    documents = [
        RawDocument(
            name,
            articles[side].text,
            "text",
            hints={
                "title": articles[side].title,
                "outlet": articles[side].outlet,
                "published": articles[side].published,
            },
        )
        for name, side in source.items()
    ]
    db = Database(":memory:")
    try:
        store = ArticleStore(db)
        Pipeline(settings, store, nlp=nlp).ingest_documents(documents)
        predicted: Predicted = {}
        for article in store.iter_articles():
            side = source.get(article.source)
            if side is None:
                continue
            mentions = [(m.start, m.end, m.label, m.entity_id) for m in article.mentions]
            predicted[side] = (alignment(articles[side].text, article.text), mentions, article.text)
        entities = EntityStore(db)
        names = {
            entity_id: found.name
            for entity_id in {m[3] for _, mentions, _ in predicted.values() for m in mentions if m[3]}
            if (found := entities.entity(entity_id)) is not None
        }
        return predicted, names, nlp
    finally:
        db.close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="List the entities' misses on the TUNING split.")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    print("\n".join(errors(parser.parse_args().limit)))
