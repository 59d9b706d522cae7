"""Run spaCy over a batch of articles and let each document stage read the Doc.

A *document stage* is a function ``stage(doc, article)`` that reads the spaCy ``Doc`` of one
article and fills fields of the ``Article`` dataclass with character offsets. Stages run
inside ``nlp.memory_zone()``: the Docs (and the strings they add to the vocabulary) are gone
when the batch is done, so a long run does not grow, and no Span escapes ``nlp/`` and
``mentions/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from crosswire.types import Article, Mention, Sentence

DocStage = Callable[[Doc, Article], None]


def annotate(
    articles: Sequence[Article], nlp: Language, stages: Sequence[DocStage], batch_size: int = 16
) -> None:
    """Parse every article once and run each document stage on it, in order."""
    with nlp.memory_zone():
        docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs, strict=True):
            for stage in stages:
                stage(doc, article)


def add_sentences(doc: Doc, article: Article) -> None:
    article.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def add_mentions(doc: Doc, article: Article) -> None:
    article.mentions = [Mention(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents]


def doc_text(doc: Doc, article: Article) -> str:
    """The Doc's text: Article.text when the Doc was parsed from it, as in ``annotate``.

    ``Doc.text`` joins every token again on each access, a cost a stage should pay once at most.
    """
    last = doc[-1] if len(doc) else None
    if last is not None and last.idx + len(last.text_with_ws) == len(article.text):
        return article.text
    return doc.text
