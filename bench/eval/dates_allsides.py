"""The reporting split of ``dates``: 30 AllSides articles annotated blind (see dates.py).

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

Only the figures are returned and nothing else is printed: this is a reporting split, and
a miss read here would make it a tuning one. (Until the splits were named, this module printed
its misses; the figures pinned since then are on the same 30 articles, so treat them as
slightly optimistic and annotate a fresh blind sample before tuning against this one.)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from bench.eval.common import SHARED_EVAL, baly_records
from bench.eval.dates import Detection, Gold, _figures, _same, value_in_place
from crosswire.mentions.dates.rules import context_for, normalize
from crosswire.mentions.dates.stage import Anchor, add_times
from crosswire.nlp import load_nlp
from crosswire.types import Article

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
    found = {i: (r["date"], r["content_original"]) for i, r in baly_records(wanted, ARTICLES).items()}
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


def run_blind(limit: int | None = None) -> dict[str, float]:
    """The blind set's figures, scored as dates.py scores TempEval-3."""
    documents = load_documents(limit)
    nlp = load_nlp()
    right, plain, total = Counter[str](), Counter[str](), Counter[str]()
    detection = Detection()
    for article_id, published, text, gold in documents:
        doc = nlp(text)
        base, anchor = context_for(published), Anchor.of(doc)
        for g in gold:
            value = value_in_place(doc, g, base, anchor)
            total[g.type] += 1
            right[g.type] += _same(value, g.value)
            plain[g.type] += _same(normalize(g.text, published)[0], g.value)
        article = Article(id=article_id, text=text, source="allsides", published=published)
        add_times(doc, article)
        detection.add(article.times, gold)
    return _figures(right, plain, total, detection)
