"""Russian: natasha (segmenter, morphology, syntax, NER) into a spaCy Doc.

natasha's tokens become the Doc's tokens with their UD part of speech, lemma, head and
relation; its sentences are the Doc's. Its NER labels PER, ORG and LOC become PERSON, ORG and
GPE-or-LOC (GPE when the name's normal form is a country or a city the gazetteer knows, in
English or Russian). The normal form of each name ("Москве" -> "Москва", "Ивана Петрова" ->
"Иван Петров") is left in ``doc.user_data[NORMAL_FORMS]`` for the entities stage.

natasha's models multiply numpy matrices of one sentence at a time: with OpenBLAS's threads
on (one per core) they spent more time handing work between threads than computing it (9.7 s
per 1,000 words against 2.1 with one thread, bench/language_bench.py), so they run with
BLAS limited to one thread (threadpoolctl, which scikit-learn already brings).

natasha's morphology imports pymorphy2, which imports ``pkg_resources``: setuptools<81 is a
dependency for it, and its deprecation warning is silenced here, where we chose to import it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

import spacy
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from crosswire.nlp.languages.base import (
    GPE,
    LOC,
    NORMAL_FORMS,
    ORG,
    PERSON,
    Parser,
    TokenSpan,
    doc_from_spans,
    set_entities,
)

_LABELS = {"PER": PERSON, "ORG": ORG, "LOC": LOC}
# natasha's own labels, for the evaluation's baseline (bench/eval/ner_ru.py).
NATASHA_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
# Where the Doc keeps natasha's entities as it gave them: (start, end, natasha label).
RAW_ENTITIES = "crosswire_raw_entities"
# Countries and cities as Russian names them in their normal form, for LOC -> GPE; the
# gazetteer (English names) answers for the rest. A few common ones suffice: a LOC stays a
# place either way.
_PLACE_WORDS = (
    "россия украина сша китай япония франция германия великобритания корея кндр индия турция "
    "иран израиль белоруссия беларусь казахстан польша италия испания канада бразилия "
    "москва петербург санкт-петербург киев пекин токио сеул пхеньян вашингтон париж берлин "
    "лондон владивосток хабаровск новосибирск екатеринбург казань минск"
)
RUSSIAN_PLACES = frozenset(_PLACE_WORDS.split())


class _Natasha:
    """natasha's models, loaded once."""

    def __init__(self) -> None:
        # pymorphy2 (under MorphVocab) imports pkg_resources, deprecated: not ours to fix.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            import natasha

            self.morph_vocab = natasha.MorphVocab()
        embedding = natasha.NewsEmbedding()
        self.natasha = natasha
        self.segmenter = natasha.Segmenter()
        self.morph = natasha.NewsMorphTagger(embedding)
        self.syntax = natasha.NewsSyntaxParser(embedding)
        self.ner = natasha.NewsNERTagger(embedding)
        self.threads = ThreadpoolController()

    def analyse(self, text: str) -> Any:
        doc = self.natasha.Doc(text)
        doc.segment(self.segmenter)
        with self.threads.limit(limits=1, user_api="blas"):
            doc.tag_morph(self.morph)
            doc.parse_syntax(self.syntax)
            doc.tag_ner(self.ner)
        return doc


def load() -> Parser:
    models = _Natasha()
    nlp = spacy.blank("ru")

    def parse(texts: Sequence[str]) -> Iterator[Doc]:
        for text in texts:
            yield to_doc(nlp, text, models)

    return Parser("ru", nlp, parse)


def to_doc(nlp: spacy.language.Language, text: str, models: _Natasha) -> Doc:
    analysed = models.analyse(text)
    doc = doc_from_spans(nlp, text, list(_tokens(analysed, models)))
    spans, normals = [], {}
    doc.user_data[RAW_ENTITIES] = [
        (s.start, s.stop, s.type) for s in analysed.spans if s.type in NATASHA_LABELS
    ]
    for span in analysed.spans:
        label = _LABELS.get(span.type)
        if label is None:
            continue
        span.normalize(models.morph_vocab)
        normal = span.normal or span.text
        if (label == LOC and _is_settlement_or_country(normal)) or is_dateline(text, span.start, span.stop):
            label = GPE
        spans.append((span.start, span.stop, label))
        if normal != span.text:
            normals[(span.start, span.stop)] = normal
    set_entities(doc, spans)
    doc.user_data[NORMAL_FORMS] = normals
    return doc


def _tokens(analysed: Any, models: _Natasha) -> Iterator[TokenSpan]:
    """natasha's tokens in order, heads as indices into that order."""
    index = {token.id: i for i, token in enumerate(analysed.tokens)}
    first_of_sentence = {sent.tokens[0].id for sent in analysed.sents if sent.tokens}
    for token in analysed.tokens:
        token.lemmatize(models.morph_vocab)
        head = index.get(token.head_id) if token.head_id != token.id else None
        yield TokenSpan(
            token.start,
            token.stop,
            lemma=token.lemma or token.text,
            pos=token.pos or "",
            head=head,
            dep=(token.rel or "dep") if head is not None else "ROOT",
            sent_start=token.id in first_of_sentence,
        )


_DATELINE_END = re.compile(r"[ \t\u00a0]*(?:,|—|–)")


def is_dateline(text: str, start: int, stop: int) -> bool:
    """A name in capitals opening the text before a comma or a dash ("КАМЫШОВКА, 25 марта."):
    the place the article was filed from, whatever label the model gave its capitals."""
    name = text[start:stop]
    return not text[:start].strip() and name.isupper() and _DATELINE_END.match(text, stop) is not None


def _is_settlement_or_country(normal: str) -> bool:
    from crosswire.mentions.entities.places import is_country, is_place

    return normal.lower() in RUSSIAN_PLACES or is_country(normal) or is_place(normal)
