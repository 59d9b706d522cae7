"""Date and time normalization on real news: 30 AllSides articles annotated blind.

Data: ../shared/eval/allsides_baly2020/articles.jsonl.gz (the articles' text, which never enters
the project) and bench/eval/allsides_dates.tsv (ours: article id, character offsets into
``content_original``, a short hash of each span, and the TIMEX3 type and value a reader gives
it, annotated before looking at the stage's output; see the file's header). TempEval-3 (dates.py)
has gold values that disagree with each other; this is an independent measure.

* ``value_accuracy*``: every gold span's text normalized the way dates.py scores TempEval-3: the
  article's ``date`` as publication date, the tense of the verb the span hangs on (the stage's
  ``tense_of``), the previous expression as anchor, in document order; compared with dates.py's
  ``_same``. Overall and per gold type.
* ``detection_*``: the full stage (``add_times``) on each whole article; a gold span counts as
  found when a predicted span overlaps it, a predicted span as right when it overlaps a gold
  one (every expression in these articles is annotated, so precision means something).
  ``detected_value_accuracy``: value match on the overlapping pairs.

The misses (gold value, ours, span, context) are printed for the reader, not returned.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path

from bench.eval.common import SHARED_EVAL, require
from bench.eval.dates import Gold, _count_detection, _figures, _same, overlaps, value_in_place
from crosswire.mentions.dates.rules import context_for, normalize
from crosswire.mentions.dates.stage import Anchor, add_times
from crosswire.nlp import load_nlp
from crosswire.types import Article

NAME = "dates_allsides"
ARTICLES = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
ANNOTATION = Path(__file__).with_name("allsides_dates.tsv")


def read_annotation(path: Path = ANNOTATION) -> dict[str, list[tuple[int, int, str, str, str]]]:
    """Article id -> [(start, end, span_sha1_8, type, value)], in file order."""
    gold: dict[str, list[tuple[int, int, str, str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("article_id\t"):
            continue
        article_id, start, end, digest, kind, value = line.split("\t")
        gold.setdefault(article_id, []).append((int(start), int(end), digest, kind, value))
    return gold


def load_documents(limit: int | None = None) -> list[tuple[str, str, str, list[Gold]]]:
    """(article id, publication date, text, gold in document order) of each annotated article.

    Raises when a span's hash no longer matches: the shared text changed under the offsets."""
    annotation = read_annotation()
    wanted = list(annotation)[:limit]
    found: dict[str, tuple[str, str]] = {}
    with gzip.open(require(ARTICLES), "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("ID") in wanted:
                found[record["ID"]] = (record["date"], record["content_original"])
    documents = []
    for article_id in wanted:
        if article_id not in found:
            raise ValueError(f"{ARTICLES}: article {article_id} is not there")
        published, text = found[article_id]
        gold = []
        for start, end, digest, kind, value in sorted(annotation[article_id]):
            span = text[start:end]
            if hashlib.sha1(span.encode("utf-8")).hexdigest()[:8] != digest:
                raise ValueError(f"{article_id} {start}-{end}: span {span!r} does not match {digest}")
            gold.append(Gold(start, end, span, kind, value))
        documents.append((article_id, published, text, gold))
    return documents


def run(limit: int | None = None) -> dict[str, float]:
    documents = load_documents(limit)
    nlp = load_nlp()
    right, plain, total = Counter[str](), Counter[str](), Counter[str]()
    found, matched_values, matched = [0, 0, 0], 0, 0
    misses: list[str] = []
    for article_id, published, text, gold in documents:
        doc = nlp(text)
        base, anchor = context_for(published), Anchor.of(doc)
        for g in gold:
            value = value_in_place(doc, g, base, anchor)
            total[g.type] += 1
            right[g.type] += _same(value, g.value)
            plain[g.type] += _same(normalize(g.text, published)[0], g.value)
            if not _same(value, g.value):
                misses.append(
                    f"  value   {article_id} gold {g.value:<14} ours {value!s:<14} "
                    f"{g.text!r:<22} {_context(text, g.start, g.end)}"
                )
        article = Article(id=article_id, text=text, source="allsides", published=published)
        add_times(doc, article)
        predicted = [(t.start, t.end, t.value) for t in article.times]
        pairs, agreeing = _count_detection(found, predicted, gold)
        matched += pairs
        matched_values += agreeing
        for g in gold:
            if not any(overlaps(p, g) for p in predicted):
                misses.append(
                    f"  missed  {article_id} gold {g.value:<14} {g.text!r:<22} "
                    f"{_context(text, g.start, g.end)}"
                )
        for extra in predicted:
            if not any(overlaps(extra, g) for g in gold):
                start, end, value = extra
                misses.append(
                    f"  extra   {article_id} ours {value!s:<14} {text[start:end]!r:<22} "
                    f"{_context(text, start, end)}"
                )
    print(f"  ({len(documents)} articles, {sum(total.values())} gold expressions; misses:)")
    print("\n".join(misses))
    return _figures(right, plain, total, found, matched_values / matched if matched else 0.0)


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    """About 100 characters around a span, the span in brackets, on one line."""
    around = f"{text[max(0, start - width) : start]}[{text[start:end]}]{text[end : end + width]}"
    return " ".join(around.split())
