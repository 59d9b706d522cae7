"""Cross-document entity resolution: pairwise precision/recall on ECB+ and on our trap corpus.

ECB+ (../shared/eval/ecbplus_full, 982 documents in 43 topics) links mentions of people,
organisations and places across documents (CROSS_DOC_COREF chains, within a topic). We give
``resolve_entities`` the gold mentions that are names — capitalised, not pronouns or
descriptions ("the actress") — with labels mapped from ECB+'s types, no canonical (the cast
is not run: a surname joins the article's one full name by resolution's own fallback), and
score every pair of such mentions from two documents of the same topic (only those pairs
are annotated), in the sentences ECB+ marks as annotated. ``ecb_exact_*`` is the baseline
of merging identical strings, so the matching rules' effect is visible.

The trap corpus (tests/resolve/trap_corpus.py) has no false merge by construction of the
tests; ``trap_precision`` and ``trap_recall`` are reported here too, with no data needed.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from bench.eval.common import PRF, SHARED_EVAL, Skip, require
from crosswire.mentions.entities.places import fold
from crosswire.mentions.entities.vocab import words
from crosswire.resolve import resolve_entities
from crosswire.types import Article, Mention

NAME = "resolution"
TRAPS = Path(__file__).resolve().parents[2] / "tests" / "resolve" / "trap_corpus.py"
LABELS = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_FAC": "FAC",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
}
_NOT_NAMES = words(
    "he she it they we i you him her them us his its their our this that these those who which a an some"
)


@dataclass(slots=True)
class GoldMention:
    doc: str
    topic: str
    start: int
    chain: str
    selected: bool


def run(limit: int | None = None) -> dict[str, float]:
    figures = _traps()
    try:
        figures.update(_ecb(limit))
    except Skip:
        if not figures:
            raise
    return figures


def _traps() -> dict[str, float]:
    if not TRAPS.exists():
        return {}
    spec = importlib.util.spec_from_file_location("trap_corpus", TRAPS)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while defined
    spec.loader.exec_module(module)
    articles, gold = module.build()
    resolve_entities(articles)
    tp, fp, fn = module.pairwise(articles, gold)
    prf = PRF.from_counts(tp, fp, fn)
    return {"trap_precision": prf.precision, "trap_recall": prf.recall}


def _ecb(limit: int | None) -> dict[str, float]:
    root = require(SHARED_EVAL / "ecbplus_full")
    selected = _selected_sentences(root / "ECBplus_coreference_sentences.csv")
    files = sorted((root / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))[:limit]
    articles, gold = [], []
    for path in files:
        article, mentions = read_ecb(path, selected)
        articles.append(article)
        gold += mentions
    resolve_entities(articles)
    predicted = {(a.id, m.start): m.entity_id or "" for a in articles for m in a.mentions}
    ours = PRF.from_counts(*_pairs(gold, lambda g: predicted[(g.doc, g.start)]))
    text = {(a.id, m.start): fold(m.text) for a in articles for m in a.mentions}
    exact = PRF.from_counts(*_pairs(gold, lambda g: text[(g.doc, g.start)]))
    return {
        "ecb_precision": ours.precision,
        "ecb_recall": ours.recall,
        "ecb_f1": ours.f1,
        "ecb_exact_precision": exact.precision,
        "ecb_exact_f1": exact.f1,
    }


def read_ecb(path: Path, selected: set[tuple[str, int]]) -> tuple[Article, list[GoldMention]]:
    """One ECB+ document as an Article holding its named gold mentions, and their chains."""
    root = ET.parse(path).getroot()
    doc, topic = path.stem, path.parent.name
    text, offsets, sentence_of = _text(root)
    chains = {
        m.get("m_id"): rel.get("note", "") for rel in root.iter("CROSS_DOC_COREF") for m in rel.iter("source")
    }
    mentions, gold = [], []
    for markable in root.find("Markables") or []:
        label = LABELS.get(markable.tag)
        tokens = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        span = _name_span(text, [offsets[t] for t in tokens if t in offsets]) if label else None
        if label is None or span is None:
            continue
        start, end = span
        mentions.append(Mention(text[start:end], start, end, label))
        m_id = markable.get("m_id", "")
        gold.append(
            GoldMention(
                doc,
                topic,
                start,
                chains.get(m_id) or f"{doc}/{m_id}",
                (doc, sentence_of[tokens[0]]) in selected,
            )
        )
    mentions = list({m.start: m for m in mentions}.values())
    return Article(id=doc, text=text, source=str(path), mentions=mentions), gold


def _text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]], dict[str, int]]:
    text, offsets, sentence_of, last_sentence = "", {}, {}, None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if last_sentence is not None:
            text += "\n" if sentence != last_sentence else " "
        last_sentence = sentence
        t_id = token.get("t_id", "")
        offsets[t_id] = (len(text), len(text) + len(token.text or ""))
        sentence_of[t_id] = sentence
        text += token.text or ""
    return text, offsets, sentence_of


def _name_span(text: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The mention's span without a leading "the", if what is left is a name."""
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    words = text[start:end].split()
    while words and words[0].lower() in ("the", "a", "an"):
        start += len(words[0]) + 1
        words = words[1:]
    if not words or words[0].lower() in _NOT_NAMES or "\n" in text[start:end]:
        return None
    content = [w for w in words if w.lower() not in ("of", "and", "de", "the", "'s", "-", "&")]
    return (start, end) if all(w[:1].isupper() or w[:1].isdigit() for w in content) else None


def _selected_sentences(path: Path) -> set[tuple[str, int]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in rows}


def _pairs(gold: list[GoldMention], predicted: Callable[[GoldMention], str]) -> tuple[int, int, int]:
    """True, false and missed same-referent pairs across documents of one topic."""
    by_topic: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in gold:
        if mention.selected:
            by_topic[mention.topic].append(mention)
    tp = fp = fn = 0
    for mentions in by_topic.values():
        for i, a in enumerate(mentions):
            for b in mentions[i + 1 :]:
                if a.doc == b.doc:
                    continue
                same_gold, same_predicted = a.chain == b.chain, predicted(a) == predicted(b)
                tp += same_gold and same_predicted
                fp += same_predicted and not same_gold
                fn += same_gold and not same_predicted
    return tp, fp, fn
