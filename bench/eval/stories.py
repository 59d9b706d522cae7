"""Story clustering as a stream: B-cubed and pairwise scores on AllSides NeuS and ECB+.

AllSides NeuS (../shared/eval/allsides_neus_stories): 505 stories x 3 outlets; each article
is its title + lead paragraph (the first paragraph of ``newBody``), dated with the story's
date, gold story = the record's ``id``. Fed in publication order (ties by story id, then
left/center/right), so a story's articles arrive together with that day's other stories.

ECB+ (../shared/eval/ecbplus_full): 982 documents, gold story = topic dir + ecb/ecbplus
suffix (two events of one kind per topic: the hard negatives). ECB+ has no dates, so the
stream is a fixed pseudo-random shuffle (seed 13) of all documents — not topic order, which
would hand the clusterer its answer — and the time window is off (every article undated).
The "title + lead" is the first 60 words (its first sentence is the headline when it has one).

Splits, by story (AllSides) and by topic (ECB+, so both same-kind events of a topic stay on
one side), as the thresholds in ``crosswire/stories/settings.py`` were tuned:
  * TUNING — AllSides stories with an even id, ECB+ even-numbered topics: the halves the
    join thresholds were tuned on. Printed, never pinned.
  * REPORTING — AllSides stories with an odd id, ECB+ odd-numbered topics. Pinned. Some
    later settings (split check, candidates read, member cap, lead words) were compared on
    the whole of both sets, so these halves are held out for the join thresholds only;
    tune on the even halves alone from now on.
Each half is streamed on its own, in the order below.

Both run the pure core (``cluster_stream`` over a ``MemoryIndex``), with the title+lead
embeddings of all-MiniLM-L6-v2 when installed (``*_noembed`` figures say what terms alone do).
``*_store`` figures run the same stream through the SQLite index the pipeline uses
(``StoryStore``): equal to the in-memory ones unless the two indexes drift apart.
"""

from __future__ import annotations

import ast
import json
import random
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from bench.eval.common import PRF, SHARED_EVAL, Skip, check_split, require
from crosswire.store import Database
from crosswire.store.stories import StoryStore
from crosswire.stories.cluster import StoryInput, cluster_stream
from crosswire.stories.embed import load_embedder
from crosswire.stories.features import Vector, lead_text
from crosswire.stories.settings import StorySettings

NAME = "stories"
TUNING = "AllSides NeuS even story ids, ECB+ even topics"
REPORTING = "AllSides NeuS odd story ids, ECB+ odd topics"
SIDES = ("left", "center", "right")


def split_of(number: int) -> str:
    """Stories and topics by parity: even ones were tuned on, odd ones are reported."""
    return "tuning" if number % 2 == 0 else "reporting"


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    check_split(split)
    figures: dict[str, float] = {}
    for prefix, reader in (("allsides", read_allsides), ("ecb", read_ecbplus)):
        try:
            items, gold = reader(limit, split)
        except Skip:
            continue
        figures.update(score_stream(prefix, items, gold))
    if not figures:
        raise Skip(f"neither allsides_neus_stories nor ecbplus_full is in {SHARED_EVAL}")
    return figures


def score_stream(prefix: str, items: list[StoryInput], gold: list[str]) -> dict[str, float]:
    embedder = load_embedder()
    vectors: Sequence[Vector | None] | None = None
    figures: dict[str, float] = {}
    if embedder is not None:
        matrix = embedder.embed([i.lead for i in items])
        vectors = [matrix[n] for n in range(len(items))]
    else:
        print(f"  ({prefix}: no embedding model installed, terms alone: only *_noembed figures)")
    for suffix, vecs in (("", vectors), ("_noembed", None)):
        if suffix == "_noembed" and vectors is None:
            continue
        predicted = [a.story_id for a in cluster_stream(items, vecs, StorySettings())]
        figures.update(_scores(f"{prefix}{suffix}", predicted, gold))
    if vectors is not None:
        figures[f"{prefix}_store_b3_f1"] = _scores("", _store_stream(items, vectors), gold)["_b3_f1"]
    return figures


def _scores(name: str, predicted: list[str], gold: list[str]) -> dict[str, float]:
    b3, pairs = bcubed(predicted, gold), pairwise(predicted, gold)
    return {
        f"{name}_b3_precision": b3.precision,
        f"{name}_b3_recall": b3.recall,
        f"{name}_b3_f1": b3.f1,
        f"{name}_pair_f1": pairs.f1,
    }


def _store_stream(items: list[StoryInput], vectors: Sequence[Vector | None]) -> list[str]:
    """Story ids from the pipeline's SQLite index, on a throwaway in-memory database."""
    db = Database()
    db.execute("PRAGMA foreign_keys = OFF")  # the stream's items are not stored articles
    try:
        done = cluster_stream(items, vectors, StorySettings(), index=StoryStore(db, embedder=None))
        return [a.story_id for a in done]
    finally:
        db.close()


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> PRF:
    """Mean over items of |own predicted ∩ own gold cluster| / |predicted| (precision), / |gold| (recall)."""
    both = Counter(zip(predicted, gold, strict=True))
    pred_size, gold_size = Counter(predicted), Counter(gold)
    n = len(predicted) or 1
    p = sum(both[(a, b)] / pred_size[a] for a, b in zip(predicted, gold, strict=True)) / n
    r = sum(both[(a, b)] / gold_size[b] for a, b in zip(predicted, gold, strict=True)) / n
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def pairwise(predicted: Sequence[str], gold: Sequence[str]) -> PRF:
    def pairs(counts: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    tp = pairs(Counter(zip(predicted, gold, strict=True)))
    return PRF.from_counts(tp, pairs(Counter(predicted)) - tp, pairs(Counter(gold)) - tp)


def read_allsides(limit: int | None, split: str = "reporting") -> tuple[list[StoryInput], list[str]]:
    folder = require(SHARED_EVAL / "allsides_neus_stories")
    rows = []
    for line in (folder / "headline_11_2021-10-19_crawled_all.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if split_of(int(record["id"])) != split:
            continue
        news = record["news"] if isinstance(record["news"], dict) else ast.literal_eval(record["news"])
        for rank, side in enumerate(SIDES):
            if side in news and news[side].get("newsTitle"):
                rows.append((record["date"], record["id"], rank, news[side]))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    items, gold = [], []
    for published, story, rank, article in rows[:limit]:
        lead = _first_paragraph(article.get("newBody", ""))
        text = lead_text(article["newsTitle"], lead, StorySettings().lead_words)
        items.append(StoryInput(f"{story}-{rank}", text, published, article.get("newsSource")))
        gold.append(str(story))
    return items, gold


def _first_paragraph(body: object) -> str:
    paragraphs = body
    if isinstance(body, str):
        try:
            paragraphs = ast.literal_eval(body)
        except (ValueError, SyntaxError):
            return body
    return str(paragraphs[0]) if isinstance(paragraphs, list) and paragraphs else ""


def read_ecbplus(limit: int | None, split: str = "reporting") -> tuple[list[StoryInput], list[str]]:
    root = require(SHARED_EVAL / "ecbplus_full" / "ECB+")
    chosen = (p for p in root.glob("*/*.xml") if split_of(int(p.parent.name)) == split)
    files = sorted(chosen, key=lambda p: (int(p.parent.name), p.name))
    random.Random(13).shuffle(files)
    items, gold = [], []
    for path in files[:limit]:
        items.append(StoryInput(path.stem, lead_text(None, _ecb_text(path), StorySettings().lead_words)))
        gold.append(f"{path.parent.name}{'ecbplus' if path.stem.endswith('ecbplus') else 'ecb'}")
    return items, gold


def _ecb_text(path: Path) -> str:
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    return "\n".join(" ".join(words) for _, words in sorted(sentences.items()))
