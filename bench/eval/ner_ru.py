"""Russian named entities on factRuEval-2016 (the dev set in ../shared/eval/factrueval2016).

Splits (by document): a document is in TUNING when the sha1 of its name (``book_N``) is even,
in REPORTING when it is odd. Labels were only mapped, never tuned, on TUNING; REPORTING is
run for the figure alone. The factRuEval test set is not here: it is kept for checking.

Gold: each object of ``book_N.objects`` spans from its first span's start to its last span's
end (``book_N.spans``: character offset and length into ``book_N.txt``). Person -> PER, Org ->
ORG, Location and LocOrg -> LOC (a country or city named as an actor is a place to us too);
other objects are not scored. Nested objects ("мэрии Москвы" ORG holding "Москвы" LOC) are
all gold, so a flat tagger cannot reach recall 1.

Scored at span level: a prediction counts when its start, end and type equal a gold
object's, micro-averaged. ``baseline_*`` is natasha's NER alone (its spans and labels as it
gives them); ``f1_*`` is crosswire's Russian analysis (``nlp.languages.ru``) through
``add_mentions`` and the entities stage, our labels mapped back (PERSON -> PER, ORG -> ORG,
GPE/LOC -> LOC).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.eval.common import PRF, SHARED_EVAL, check_split, hash_bucket, require

NAME = "ner_ru"
TUNING = "factRuEval-2016 dev, documents whose name's sha1 is even"
REPORTING = "factRuEval-2016 dev, documents whose name's sha1 is odd"
TYPES = ("PER", "ORG", "LOC")
GOLD_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
FROM_CROSSWIRE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

Entity = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    gold: frozenset[Entity]


def documents(split: str) -> Iterator[Document]:
    folder = require(SHARED_EVAL / "factrueval2016" / "devset")
    wanted = 0 if check_split(split) == "tuning" else 1
    for txt in sorted(folder.glob("book_*.txt")):
        name = txt.stem
        if hash_bucket(name, 2) == wanted:
            yield Document(name, txt.read_text(encoding="utf-8"), frozenset(read_gold(folder, name)))


def read_gold(folder: Path, name: str) -> Iterator[Entity]:
    spans = {}
    for line in (folder / f"{name}.spans").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        if len(fields) >= 4:
            spans[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
    for line in (folder / f"{name}.objects").read_text(encoding="utf-8").splitlines():
        fields = line.split("#")[0].split()
        label = GOLD_TYPES.get(fields[1]) if len(fields) > 2 else None
        parts = [spans[s] for s in fields[2:] if s in spans]
        if label and parts:
            yield min(s for s, _ in parts), max(e for _, e in parts), label


def predict(text: str) -> tuple[set[Entity], set[Entity]]:
    """natasha's own entities, and crosswire's after the entities stage."""
    from crosswire.mentions.entities import clean_mentions
    from crosswire.nlp import add_mentions
    from crosswire.nlp.languages import parser_for
    from crosswire.nlp.languages.ru import NATASHA_LABELS, RAW_ENTITIES
    from crosswire.types import Article

    parser = parser_for("ru")
    with parser.nlp.memory_zone():
        doc = next(parser.parse([text]))
        raw = {(s, e, NATASHA_LABELS[label]) for s, e, label in doc.user_data[RAW_ENTITIES]}
        article = Article("x", text, "eval", language="ru")
        add_mentions(doc, article)
        clean_mentions(doc, article)
    ours = {(m.start, m.end, FROM_CROSSWIRE[m.label]) for m in article.mentions if m.label in FROM_CROSSWIRE}
    return raw, ours


def _scores(counts: dict[str, list[int]], prefix: str) -> dict[str, float]:
    figures = {}
    for label in (*TYPES, "all"):
        tp, fp, fn = counts[label]
        prf = PRF.from_counts(tp, fp, fn)
        figures[f"{prefix}_{label.lower()}" if label != "all" else prefix] = round(prf.f1, 4)
    return figures


def _count(counts: dict[str, list[int]], predicted: set[Entity], gold: frozenset[Entity]) -> None:
    for label in TYPES:
        p = {e for e in predicted if e[2] == label}
        g = {e for e in gold if e[2] == label}
        for key in (label, "all"):
            counts[key][0] += len(p & g)
            counts[key][1] += len(p - g)
            counts[key][2] += len(g - p)


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    ours = {k: [0, 0, 0] for k in (*TYPES, "all")}
    raw = {k: [0, 0, 0] for k in (*TYPES, "all")}
    for i, document in enumerate(documents(split)):
        if limit is not None and i >= limit:
            break
        baseline, predicted = predict(document.text)
        _count(raw, baseline, document.gold)
        _count(ours, predicted, document.gold)
    return {**_scores(ours, "f1"), **_scores(raw, "baseline_f1")}
