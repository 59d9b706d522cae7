"""Korean named entities on KLUE-NER (v1.1 dev, every other sentence, in ../shared/eval/klue_ner).

Splits (by sentence): a sentence is in TUNING when the sha1 of its id is even, in REPORTING
when it is odd. The rules of ``nlp.languages.ko`` (titles, endings, the default label) were
chosen reading TUNING only. The other half of KLUE-NER dev is not here: kept for checking.

The file holds one character a line with its BIO tag, a ``## id<TAB>sentence`` line before
each sentence and a blank line after. PS (person), OG (organisation) and LC (location) are
scored; dates, times and quantities are not. A prediction counts when its start, end and type
equal a gold entity's (span level), micro-averaged.

``f1_*`` is crosswire's Korean analysis through ``add_mentions`` and the entities stage (our
labels mapped: PERSON -> PS, ORG -> OG, GPE/LOC -> LC). ``baseline_*`` tags every span our
Korean parser finds (runs of kiwipiepy proper nouns, capitals, institution nouns) PS, the
commonest type: the spans without the typing rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bench.eval.common import PRF, SHARED_EVAL, check_split, hash_bucket, require

NAME = "ner_ko"
TUNING = "KLUE-NER v1.1 dev (even half), sentences whose id's sha1 is even"
REPORTING = "KLUE-NER v1.1 dev (even half), sentences whose id's sha1 is odd"
TYPES = ("PS", "OG", "LC")
FROM_CROSSWIRE = {"PERSON": "PS", "ORG": "OG", "GPE": "LC", "LOC": "LC"}
FILE = "klue-ner-v1.1_dev_even.tsv"

Entity = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    text: str
    gold: frozenset[Entity]


def sentences(split: str) -> Iterator[Sentence]:
    path = require(SHARED_EVAL / "klue_ner" / FILE)
    wanted = 0 if check_split(split) == "tuning" else 1
    for sentence in read_sentences(path.read_text(encoding="utf-8")):
        if hash_bucket(sentence.id, 2) == wanted:
            yield sentence


def read_sentences(data: str) -> Iterator[Sentence]:
    for block in data.split("\n\n"):
        lines = block.split("\n")
        if not lines or not lines[0].startswith("## "):
            continue
        chars = [line.split("\t") for line in lines[1:] if "\t" in line]
        text = "".join(c for c, _ in chars)
        yield Sentence(lines[0][3:].split("\t")[0], text, frozenset(_bio_spans([t for _, t in chars])))


def _bio_spans(tags: list[str]) -> Iterator[Entity]:
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if label and not (tag.startswith("I-") and tag[2:] == label):
            if label in TYPES:
                yield start, i, label
            label = ""
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return


def predict(text: str) -> tuple[set[Entity], set[Entity]]:
    """Every NNP run as PS, and crosswire's entities after the entities stage."""
    from crosswire.mentions.entities import clean_mentions
    from crosswire.nlp import add_mentions
    from crosswire.nlp.languages import parser_for
    from crosswire.types import Article

    parser = parser_for("ko")
    with parser.nlp.memory_zone():
        doc = next(parser.parse([text]))
        baseline = {(e.start_char, e.end_char, "PS") for e in doc.ents}
        article = Article("x", text, "eval", language="ko")
        add_mentions(doc, article)
        clean_mentions(doc, article)
    ours = {(m.start, m.end, FROM_CROSSWIRE[m.label]) for m in article.mentions if m.label in FROM_CROSSWIRE}
    return baseline, ours


def _count(counts: dict[str, list[int]], predicted: set[Entity], gold: frozenset[Entity]) -> None:
    for label in TYPES:
        p = {e for e in predicted if e[2] == label}
        g = {e for e in gold if e[2] == label}
        for key in (label, "all"):
            counts[key][0] += len(p & g)
            counts[key][1] += len(p - g)
            counts[key][2] += len(g - p)


def _scores(counts: dict[str, list[int]], prefix: str) -> dict[str, float]:
    return {
        (f"{prefix}_{label.lower()}" if label != "all" else prefix): round(
            PRF.from_counts(*counts[label]).f1, 4
        )
        for label in (*TYPES, "all")
    }


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    ours = {k: [0, 0, 0] for k in (*TYPES, "all")}
    baseline = {k: [0, 0, 0] for k in (*TYPES, "all")}
    for i, sentence in enumerate(sentences(split)):
        if limit is not None and i >= limit:
            break
        raw, predicted = predict(sentence.text)
        _count(baseline, raw, sentence.gold)
        _count(ours, predicted, sentence.gold)
    return {**_scores(ours, "f1"), **_scores(baseline, "baseline_f1")}
