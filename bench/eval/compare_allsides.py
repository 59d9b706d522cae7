"""Cross-outlet comparison on AllSides stories annotated by hand (#25): a blind set and a tuning set.

Data: ../shared/eval/allsides_neus_stories (48 NeuS stories whose id ends in 0, three outlets'
title and lead extract each), ../shared/eval/allsides_baly2020/articles.jsonl.gz (10 stories of
three full-length articles, grouped by the rule written in the TSV header), and
bench/eval/allsides_compare.tsv (ours: story, outlet, character offsets, a short hash of each
span and its label, annotated before crosswire was run on these stories or its story code was
read; see the file's header for the sample rules and the conventions). The articles' text never
enters the project.

Reporting split: that blind set. Nothing was tuned on it, and nothing may be: only figures are
returned and nothing else is printed, whatever is asked (an error read there would make it a
tuning set). Tuning split: bench/eval/allsides_compare_tuning.tsv, 25 other full-length stories of
../shared/eval/allsides_baly2020 grouped by the same rule (the groups after the blind set's draw)
and annotated the same way; no article of it is in the blind set. Its individual errors are for
reading: ``errors(limit)`` lists them (false and missed conflicts, wrong uniques, missed agreed and
two-outlet facts, wrong and missed quote variants, each with its spans' text), and so does
``run(limit, "tuning")`` on stderr when ``CROSSWIRE_EVAL_VERBOSE=1``, or
``python -m bench.eval.compare_allsides [--limit N]``.

crosswire runs as a user runs it: each story's articles go into a fresh temporary store as a
JSONL file (text = the body, with title, outlet and date as fields) through ``Pipeline.ingest``,
and every story the store then holds is compared through the public record
(``crosswire.stories.record.story_record``, what ``crosswire brief --format json`` prints).
Gold spans are placed in the stored text by their words (cleaning normalises whitespace and may
drop lines); a span that cannot be placed (a title: the stored text has none) leaves its item
out of the recall counts. Two spans match when they share a character in the same article.

* ``conflict_precision``: a reported disagreement with two sides (every kind but ``omission``)
  is right when its two sides (the value spans, or the claims holding them) overlap the two
  spans of one gold conflict, one each; ``conflict_recall``: gold conflicts with such a report.
* ``unique_precision``: each claim of a fact the record lists as ``unique`` is judged where it
  overlaps gold spans of its outlet: right when the characters it shares with ``unique`` spans
  are at least those it shares with ``agreed``/``partial`` ones (a fact another outlet has),
  wrong when fewer; a claim over no labelled span is unjudged (``unique_judged``: the share
  judged).
* ``agreed_core_recall``: gold agreed facts (one span per outlet) for which one reported fact
  has a claim overlapping each outlet's span; ``agreed_pair_recall`` counts the outlet pairs
  of those facts (both spans placed) that share a reported fact; ``partial_recall`` the
  two-outlet facts.
* ``quote_variant_precision``: a reported variant pair is right when its two quotes overlap
  spans of one gold utterance in two outlets; ``quote_variant_recall``: the gold cross-outlet
  pairs of placed spans of one utterance that a reported pair covers.
* ``story_together``: stories whose articles all landed in one crosswire story (the others are
  compared within the pieces they were split into); ``span_placed``: the share of gold body
  spans found in the stored text (what the matching could see at all).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from bench.eval.common import SHARED_EVAL, baly_records, check_split, require

NAME = "compare_allsides"
TUNING = "25 full-length AllSides stories annotated like the blind set (allsides_compare_tuning.tsv)"
REPORTING = "48 NeuS + 10 full-length AllSides stories annotated blind (allsides_compare.tsv)"
NEUS = SHARED_EVAL / "allsides_neus_stories" / "headline_11_2021-10-19_crawled_all.jsonl"
BALY = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
ANNOTATION = Path(__file__).with_name("allsides_compare.tsv")
TUNING_ANNOTATION = Path(__file__).with_name("allsides_compare_tuning.tsv")
VERBOSE = "CROSSWIRE_EVAL_VERBOSE"  # =1: the tuning split's errors on stderr
COLUMNS = ("story_id", "source", "item_id", "label", "subtype", "outlet", "field", "start", "end",
           "span_sha1_8")  # fmt: skip
LABELS = ("conflict", "agreed", "partial", "unique", "quote_variant")
SUBTYPES = {
    "conflict": ("number", "date", "name", "claim", "revision"),
    "quote_variant": ("variant", "exact"),
}
SIDES = ("left", "center", "right")

Span = tuple[str, int, int]  # outlet key (a NeuS side or a Baly article id), start, end


@dataclass(frozen=True, slots=True)
class Row:
    story_id: str
    source: str
    item_id: str
    label: str
    subtype: str
    outlet: str
    field: str
    start: int
    end: int
    digest: str


@dataclass(slots=True)
class Item:
    """One annotated item; ``spans`` in the stored text's offsets once placed (None: not placed)."""

    item_id: str
    label: str
    subtype: str
    spans: list[Span | None]
    titles: int = 0  # spans in a title, which the stored text never holds


@dataclass(frozen=True, slots=True)
class Piece:
    """One outlet's article of a story, as the dataset gives it."""

    key: str
    outlet: str
    published: str
    title: str
    body: str


@dataclass(slots=True)
class Story:
    story_id: str
    source: str
    pieces: list[Piece]
    rows: list[Row]


@dataclass(slots=True)
class Predicted:
    """What crosswire reported for one story, in (outlet key, start, end) of its stored text.

    ``conflicts``: both sides of each two-sided disagreement, each side as its value span and
    the claim holding it; ``facts``: each reported fact's claims; ``unique``: the claims of the
    facts listed as unique; ``variants``: the two quotes of each quote-variant pair."""

    conflicts: list[tuple[list[Span], list[Span]]] = field(default_factory=list)
    facts: list[list[Span]] = field(default_factory=list)
    unique: list[Span] = field(default_factory=list)
    variants: list[tuple[Span, Span]] = field(default_factory=list)
    together: bool = True


def sha1_8(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def parse_row(line: str) -> Row:
    """One TSV row, checked for form (the offsets are checked against the text elsewhere)."""
    cells = line.split("\t")
    if len(cells) != len(COLUMNS):
        raise ValueError(f"{len(cells)} columns, not {len(COLUMNS)}: {line!r}")
    story_id, source, item_id, label, subtype, outlet, field_, start, end, digest = cells
    if source not in ("neus", "baly") or label not in LABELS or field_ not in ("title", "body"):
        raise ValueError(f"bad source, label or field: {line!r}")
    if subtype not in SUBTYPES.get(label, ("-",)):
        raise ValueError(f"subtype {subtype!r} is not one of {label}'s: {line!r}")
    if source == "neus" and outlet not in SIDES:
        raise ValueError(f"a NeuS outlet is a side: {line!r}")
    if not re.fullmatch(r"[0-9a-f]{8}", digest) or not 0 <= int(start) < int(end):
        raise ValueError(f"bad offsets or hash: {line!r}")
    return Row(story_id, source, item_id, label, subtype, outlet, field_, int(start), int(end), digest)


def read_annotation(path: Path = ANNOTATION) -> dict[str, list[Row]]:
    """Story id -> its rows, in file order."""
    stories: dict[str, list[Row]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("story_id\t"):
            continue
        row = parse_row(line)
        stories.setdefault(row.story_id, []).append(row)
    return stories


def items_of(rows: Iterable[Row]) -> dict[str, list[Row]]:
    items: dict[str, list[Row]] = {}
    for row in rows:
        items.setdefault(row.item_id, []).append(row)
    return items


def _neus_pieces(wanted: set[str]) -> dict[str, list[Piece]]:
    found: dict[str, list[Piece]] = {}
    if not wanted:  # the tuning set has no NeuS story: its absence must not matter
        return found
    with require(NEUS).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            story_id = str(record["id"])
            if story_id not in wanted or story_id in found:
                continue
            news = record["news"] if isinstance(record["news"], dict) else ast.literal_eval(record["news"])
            found[story_id] = [
                Piece(side, str(news[side]["newsSource"]), str(record["date"]), str(news[side]["newsTitle"]),
                      "\n\n".join(news[side]["newBody"]))
                for side in SIDES
            ]  # fmt: skip
    return found


def _baly_pieces(groups: dict[str, list[str]]) -> dict[str, list[Piece]]:
    records = baly_records(article_id for members in groups.values() for article_id in members)
    return {
        story_id: [Piece(a, str(records[a]["source"]), str(records[a]["date"]), str(records[a]["title"]),
                         str(records[a]["content_original"])) for a in members if a in records]
        for story_id, members in groups.items()
    }  # fmt: skip


def text_of(piece: Piece, field_: str) -> str:
    return piece.title if field_ == "title" else piece.body


def annotation_of(split: str) -> Path:
    """The annotation file a split scores."""
    return TUNING_ANNOTATION if check_split(split) == "tuning" else ANNOTATION


def load_stories(limit: int | None = None, path: Path = ANNOTATION) -> list[Story]:
    """The stories annotated in ``path`` with their outlets' text, in file order.

    Raises when an outlet is missing or a span's hash no longer matches: the shared text
    changed under the offsets."""
    annotation = read_annotation(path)
    wanted = list(annotation)[:limit]
    neus = _neus_pieces({s for s in wanted if annotation[s][0].source == "neus"})
    groups: dict[str, list[str]] = {}
    for s in wanted:
        if annotation[s][0].source == "baly":
            groups[s] = sorted({r.outlet for r in annotation[s]}, key=lambda a: a != s[1:])
    baly = _baly_pieces(groups)
    stories = []
    for story_id in wanted:
        rows = annotation[story_id]
        pieces = (neus if rows[0].source == "neus" else baly).get(story_id, [])
        by_key = {p.key: p for p in pieces}
        for row in rows:
            if row.outlet not in by_key:
                raise ValueError(f"story {story_id}: outlet {row.outlet} is not in the shared data")
            span = text_of(by_key[row.outlet], row.field)[row.start : row.end]
            if sha1_8(span) != row.digest:
                raise ValueError(f"story {story_id} {row.item_id}: the span at {row.start}-{row.end} "
                                 f"does not match {row.digest}")  # fmt: skip
        stories.append(Story(story_id, rows[0].source, pieces, rows))
    return stories


# -- placing gold spans in the stored text -----------------------------------------------------


def place(span: str, original: str, start: int, stored: str) -> tuple[int, int] | None:
    """Where ``span`` (at ``start`` of ``original``) lies in ``stored``, the cleaned text.

    Matched by its words with any whitespace between them; of several matches, the one at the
    nearest relative position."""
    words = span.split()
    if not words or not stored:
        return None
    matches = list(re.finditer(r"\s+".join(re.escape(w) for w in words), stored))
    if not matches:
        return None
    where = start / max(len(original), 1)
    best = min(matches, key=lambda m: abs(m.start() / len(stored) - where))
    return best.start(), best.end()


def placed_items(story: Story, stored: dict[str, str]) -> list[Item]:
    """The story's items with spans in stored-text offsets (``stored``: outlet key -> text)."""
    pieces = {p.key: p for p in story.pieces}
    items = []
    for item_id, rows in items_of(story.rows).items():
        spans: list[Span | None] = []
        for r in rows:
            at = None
            if r.field == "body" and r.outlet in stored:
                body = pieces[r.outlet].body
                at = place(body[r.start : r.end], body, r.start, stored[r.outlet])
            spans.append(None if at is None else (r.outlet, *at))
        titles = sum(r.field == "title" for r in rows)
        items.append(Item(item_id, rows[0].label, rows[0].subtype, spans, titles))
    return items


# -- running crosswire ---------------------------------------------------------------------------


def predict_crosswire(story: Story, nlp: Any) -> tuple[dict[str, str], Predicted]:
    """Ingest the story's articles into a fresh store and read every story's record there.

    Returns the stored text per outlet key and the predictions in those texts' offsets."""
    from crosswire.config import Settings
    from crosswire.pipeline import Pipeline
    from crosswire.store import ArticleStore, Database, queries
    from crosswire.stories.record import list_stories, story_record

    with tempfile.TemporaryDirectory(prefix="crosswire-compare-") as tmp:
        inputs = Path(tmp) / "story.jsonl"
        lines = [json.dumps({"text": p.body, "title": p.title, "outlet": p.outlet, "published": p.published})
                 for p in story.pieces]  # fmt: skip
        inputs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        settings = Settings(db_path=Path(tmp) / "store.db")
        with Database(settings.db_path) as db:
            Pipeline(settings, ArticleStore(db), nlp=nlp).ingest([str(inputs)])
            records = [r for s in list_stories(db, limit=100)
                       if (r := story_record(db, str(s["id"]), cache=False)) is not None]  # fmt: skip
            keys: dict[str, str] = {}
            stored: dict[str, str] = {}
            titles = {p.title.strip(): p.key for p in story.pieces}
            for record in records:
                for a in record["articles"]:
                    article = queries.article(db, a["id"])
                    key = titles.get((a["title"] or "").strip())
                    if article is not None and key is not None:
                        keys[a["id"]], stored[key] = key, article.text
    predicted = predictions(records, keys)
    predicted.together = sum(1 for r in records if any(a["id"] in keys for a in r["articles"])) == 1
    return stored, predicted


def _ref(ref: dict[str, Any] | None, keys: dict[str, str]) -> Span | None:
    if ref is None or ref.get("article_id") not in keys or ref.get("start") is None:
        return None
    return keys[ref["article_id"]], int(ref["start"]), int(ref["end"])


def predictions(records: Sequence[dict[str, Any]], keys: dict[str, str]) -> Predicted:
    """The comparison's findings in every record, as spans of outlet keys (``keys``: article id ->
    outlet key; articles not in it are ignored)."""
    out = Predicted()
    for record in records:
        for d in record.get("disagreements", []):
            if d["kind"] == "omission" or d.get("b") is None:
                continue
            a = [s for s in (_ref(d["a"], keys), _ref(d.get("claim_a"), keys)) if s]
            b = [s for s in (_ref(d["b"], keys), _ref(d.get("claim_b"), keys)) if s]
            if a and b:
                out.conflicts.append((a, b))
        coverage = record.get("coverage") or {"facts": [], "unique": []}
        facts = [[s for c in f["claims"] if (s := _ref(c, keys))] for f in coverage["facts"]]
        out.facts += facts
        out.unique += [s for i in coverage["unique"] for s in facts[i]]
        for v in record.get("quote_variants", []):
            a_, b_ = _ref(v["a"], keys), _ref(v["b"], keys)
            if a_ and b_:
                out.variants.append((a_, b_))
    return out


# -- scoring -------------------------------------------------------------------------------------


def overlaps(x: Span, y: Span) -> bool:
    return x[0] == y[0] and x[1] < y[2] and y[1] < x[2]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _covered(claim: Span, spans: Iterable[Span]) -> int:
    """Characters of ``claim`` inside the union of ``spans`` (of its outlet)."""
    chars: set[int] = set()
    for s in spans:
        if s[0] == claim[0]:
            chars.update(range(max(claim[1], s[1]), min(claim[2], s[2])))
    return len(chars)


def _placed(item: Item) -> list[Span] | None:
    """The item's spans when every one is placed, else None (left out of the recall counts)."""
    spans = [s for s in item.spans if s is not None]
    return spans if len(spans) == len(item.spans) else None


def _pairs(spans: Sequence[Span]) -> list[tuple[Span, Span]]:
    return [(x, y) for x, y in combinations(spans, 2) if x[0] != y[0]]


def conflict_hits(sides: tuple[list[Span], list[Span]], pair: Sequence[Span]) -> bool:
    """A reported conflict's two sides overlap a gold conflict's two spans, one each."""
    (a, b), (x, y) = sides, pair
    return (any(overlaps(s, x) for s in a) and any(overlaps(s, y) for s in b)) or (
        any(overlaps(s, y) for s in a) and any(overlaps(s, x) for s in b))  # fmt: skip


def variant_hits(v: tuple[Span, Span], pair: tuple[Span, Span]) -> bool:
    (a, b), (x, y) = v, pair
    return (overlaps(a, x) and overlaps(b, y)) or (overlaps(a, y) and overlaps(b, x))


def found_together(spans: Sequence[Span], facts: Sequence[list[Span]]) -> bool:
    """One reported fact has a claim overlapping each of ``spans``."""
    return any(all(any(overlaps(c, s) for c in fact) for s in spans) for fact in facts)


def gold_conflicts(items: Sequence[Item]) -> list[tuple[Item, list[Span]]]:
    return [(i, spans) for i in items if i.label == "conflict" and (spans := _placed(i)) and len(spans) == 2]


def gold_variant_pairs(items: Sequence[Item]) -> list[tuple[Item, tuple[Span, Span]]]:
    return [(i, p) for i in items if i.label == "quote_variant" for p in _pairs([s for s in i.spans if s])]


def unique_verdict(claim: Span, items: Sequence[Item]) -> bool | None:
    """A claim called unique: right (True) when it shares at least as many characters with gold
    ``unique`` spans as with ``agreed``/``partial`` ones, wrong (False) when fewer, None over none."""

    def spans(*labels: str) -> list[Span]:
        return [s for i in items if i.label in labels for s in i.spans if s is not None]

    u, s = _covered(claim, spans("unique")), _covered(claim, spans("agreed", "partial"))
    return None if not (u or s) else u >= s


@dataclass(slots=True)
class Counts:
    conflict_right: int = 0
    conflicts: int = 0
    gold_conflicts_found: int = 0
    gold_conflicts: int = 0
    unique_right: int = 0
    unique_judged: int = 0
    unique: int = 0
    agreed_found: int = 0
    agreed: int = 0
    agreed_pairs_found: int = 0
    agreed_pairs: int = 0
    partial_found: int = 0
    partial: int = 0
    variants_right: int = 0
    variants: int = 0
    gold_pairs_found: int = 0
    gold_pairs: int = 0
    together: int = 0
    stories: int = 0
    body_spans: int = 0
    placed: int = 0

    def add(self, items: Sequence[Item], predicted: Predicted) -> None:
        self.stories += 1
        self.body_spans += sum(len(i.spans) - i.titles for i in items)
        self.placed += sum(s is not None for i in items for s in i.spans)
        self.together += predicted.together
        self._conflicts(items, predicted)
        self._unique(items, predicted)
        self._facts(items, predicted)
        self._variants(items, predicted)

    def _conflicts(self, items: Sequence[Item], predicted: Predicted) -> None:
        gold = [spans for _, spans in gold_conflicts(items)]
        self.conflicts += len(predicted.conflicts)
        self.conflict_right += sum(any(conflict_hits(c, g) for g in gold) for c in predicted.conflicts)
        self.gold_conflicts += len(gold)
        self.gold_conflicts_found += sum(any(conflict_hits(c, g) for c in predicted.conflicts) for g in gold)

    def _unique(self, items: Sequence[Item], predicted: Predicted) -> None:
        for claim in predicted.unique:
            self.unique += 1
            verdict = unique_verdict(claim, items)
            if verdict is not None:
                self.unique_judged += 1
                self.unique_right += verdict

    def _facts(self, items: Sequence[Item], predicted: Predicted) -> None:
        for item in items:
            if item.label == "agreed":
                pairs = _pairs([s for s in item.spans if s is not None])
                self.agreed_pairs += len(pairs)
                self.agreed_pairs_found += sum(found_together(p, predicted.facts) for p in pairs)
            spans = _placed(item)
            if spans is None:
                continue
            if item.label == "agreed":
                self.agreed += 1
                self.agreed_found += found_together(spans, predicted.facts)
            elif item.label == "partial":
                self.partial += 1
                self.partial_found += found_together(spans, predicted.facts)

    def _variants(self, items: Sequence[Item], predicted: Predicted) -> None:
        gold = [pair for _, pair in gold_variant_pairs(items)]
        self.variants += len(predicted.variants)
        self.variants_right += sum(any(variant_hits(v, g) for g in gold) for v in predicted.variants)
        self.gold_pairs += len(gold)
        self.gold_pairs_found += sum(any(variant_hits(v, g) for v in predicted.variants) for g in gold)

    def figures(self) -> dict[str, float]:
        return {
            "conflict_precision": _share(self.conflict_right, self.conflicts),
            "conflict_recall": _share(self.gold_conflicts_found, self.gold_conflicts),
            "unique_precision": _share(self.unique_right, self.unique_judged),
            "unique_judged": _share(self.unique_judged, self.unique),
            "agreed_core_recall": _share(self.agreed_found, self.agreed),
            "agreed_pair_recall": _share(self.agreed_pairs_found, self.agreed_pairs),
            "partial_recall": _share(self.partial_found, self.partial),
            "quote_variant_precision": _share(self.variants_right, self.variants),
            "quote_variant_recall": _share(self.gold_pairs_found, self.gold_pairs),
            "story_together": _share(self.together, self.stories),
            "span_placed": _share(self.placed, self.body_spans),
        }


def score(scored: Iterable[tuple[Sequence[Item], Predicted]]) -> dict[str, float]:
    counts = Counts()
    for items, predicted in scored:
        counts.add(items, predicted)
    return counts.figures()


# -- the tuning split's errors, for reading (never the reporting split's) -------------------------


def story_errors(items: Sequence[Item], predicted: Predicted, texts: dict[str, str]) -> list[str]:
    """One line per error of one story, by the scorer's own rules, with the spans' text.

    ``texts``: outlet key -> the text the spans index (the stored text), shown as "key: words"."""

    def show(span: Span) -> str:
        words = " ".join(texts.get(span[0], "")[span[1] : span[2]].split())
        return f"[{span[0]}] {words[:240]!r}"

    def shows(spans: Iterable[Span]) -> str:
        return " | ".join(show(s) for s in spans)

    def side(spans: list[Span]) -> str:  # a conflict's side: its value, then the claim holding it
        return show(spans[0]) + "".join(f" in {show(s)[len(s[0]) + 3 :]}" for s in spans[1:2])

    lines: list[str] = []
    gold = gold_conflicts(items)
    for sides in predicted.conflicts:
        if not any(conflict_hits(sides, spans) for _, spans in gold):
            lines.append(f"false conflict: {side(sides[0])} <> {side(sides[1])}")
    for item, spans in gold:
        if not any(conflict_hits(c, spans) for c in predicted.conflicts):
            lines.append(f"missed conflict {item.item_id} ({item.subtype}): {shows(spans)}")
    for claim in predicted.unique:
        if unique_verdict(claim, items) is False:
            lines.append(f"wrong unique (another outlet has it): {show(claim)}")
    for item in items:
        spans_ = _placed(item)
        if item.label in ("agreed", "partial") and spans_ and not found_together(spans_, predicted.facts):
            lines.append(f"missed {item.label} {item.item_id}: {shows(spans_)}")
    pairs = gold_variant_pairs(items)
    for v in predicted.variants:
        if not any(variant_hits(v, pair) for _, pair in pairs):
            lines.append(f"false quote variant: {shows(v)}")
    for item, pair in pairs:
        if not any(variant_hits(v, pair) for v in predicted.variants):
            lines.append(f"missed quote variant {item.item_id} ({item.subtype}): {shows(pair)}")
    return lines


def _nlp() -> Any:
    from crosswire.nlp import load_nlp

    return load_nlp()


def _scored(stories: Sequence[Story]) -> list[tuple[Story, dict[str, str], list[Item], Predicted]]:
    nlp = _nlp()
    out = []
    for story in stories:
        stored, predicted = predict_crosswire(story, nlp)
        out.append((story, stored, placed_items(story, stored), predicted))
    return out


def _error_report(scored: Sequence[tuple[Story, dict[str, str], list[Item], Predicted]]) -> list[str]:
    lines = []
    for story, stored, items, predicted in scored:
        outlets = ", ".join(f"{p.key}={p.outlet}" for p in story.pieces)
        together = "one story" if predicted.together else "split into several stories"
        lines.append(f"== {story.story_id} ({outlets}; {together})")
        lines += story_errors(items, predicted, stored) or ["no errors"]
    return lines


def errors(limit: int | None = None) -> list[str]:
    """The tuning split's individual errors, story by story (there is no such listing for the
    reporting split: reading its errors would make it a tuning set)."""
    return _error_report(_scored(load_stories(limit, TUNING_ANNOTATION)))


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    path = annotation_of(split)
    scored = _scored(load_stories(limit, path))
    if path == TUNING_ANNOTATION and os.environ.get(VERBOSE) == "1":
        print("\n".join(_error_report(scored)), file=sys.stderr)
    return score((items, predicted) for _, _, items, predicted in scored)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="List the comparison's errors on the TUNING split.")
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    print("\n".join(errors(parser.parse_args().limit)))
