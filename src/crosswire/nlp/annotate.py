"""Sentences and named-entity mentions for a batch of articles (spaCy ``nlp.pipe``)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from crosswire.types import Article, Mention, Sentence


def annotate(articles: Sequence[Article], nlp: Language, batch_size: int = 16) -> None:
    """Fill ``sentences`` and ``mentions`` of each article in place."""
    with nlp.memory_zone():
        docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs, strict=True):
            article.sentences = sentences_of(doc)
            article.mentions = mentions_of(doc)


def sentences_of(doc: Doc) -> list[Sentence]:
    return [Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def mentions_of(doc: Doc) -> list[Mention]:
    return [Mention(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents]
