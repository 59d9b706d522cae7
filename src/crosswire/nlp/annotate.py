"""Run spaCy over a batch of articles and let each document stage read the Doc.

Articles are parsed by their language (``Article.language``): English, and articles whose
language is unknown, by the project's English pipeline as always; every other language by
its parser from ``nlp.languages``, loaded on the first article in it. Each article is parsed
once; the stages then run on its Doc and dispatch on ``article.language`` themselves. An
article in a language no model analyses gets a note saying so.

A *document stage* is a function ``stage(doc, article)`` that reads the spaCy ``Doc`` of one
article and fills fields of the ``Article`` dataclass with character offsets. Stages run
inside ``nlp.memory_zone()``: the Docs (and the strings they add to the vocabulary) are gone
when the batch is done, so a long run does not grow, and no Span escapes ``nlp/`` and
``mentions/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack

from spacy.language import Language
from spacy.tokens import Doc

from crosswire.types import Article, Mention, Sentence

DocStage = Callable[[Doc, Article], None]
ENGLISH = "en"
# The note an article in a language with no model carries (shown by `crosswire show`, the web).
UNANALYSED_NOTE = "unanalysed: no model for language '{language}' (tokens and sentences only, no entities)"


def annotate(
    articles: Sequence[Article], nlp: Language, stages: Sequence[DocStage], batch_size: int = 16
) -> None:
    """Parse every article once, by its language, and run each document stage on it, in order."""
    for language, group in by_language(articles).items():
        with ExitStack() as zone:
            for article, doc in zip(group, _parse(language, group, nlp, batch_size, zone), strict=True):
                for stage in stages:
                    stage(doc, article)


def by_language(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """The articles grouped by the language they are parsed in, English first."""
    groups: dict[str, list[Article]] = {ENGLISH: []}
    for article in articles:
        groups.setdefault(parsing_language(article), []).append(article)
    return {language: group for language, group in groups.items() if group}


def parsing_language(article: Article) -> str:
    """English for English and unknown (too short to tell, or read before detection existed)."""
    return (article.language or ENGLISH).lower()


def _parse(
    language: str, articles: list[Article], nlp: Language, batch_size: int, zone: ExitStack
) -> Iterator[Doc]:
    texts = [a.text for a in articles]
    if language == ENGLISH:
        zone.enter_context(nlp.memory_zone())
        return nlp.pipe(texts, batch_size=batch_size)
    # Imported here: an English-only run never loads another language's module.
    from crosswire.nlp.languages import parser_for

    parser = parser_for(language)
    zone.enter_context(parser.nlp.memory_zone())
    if not parser.analysed:
        for article in articles:
            _note_unanalysed(article, language)
    return parser.parse(texts)


def _note_unanalysed(article: Article, language: str) -> None:
    note = UNANALYSED_NOTE.format(language=language)
    if note not in article.notes:
        article.notes.append(note)


def add_sentences(doc: Doc, article: Article) -> None:
    article.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def add_mentions(doc: Doc, article: Article) -> None:
    article.mentions = [Mention(e.text, e.start_char, e.end_char, e.label_) for e in doc.ents]
    if article.language not in (None, ENGLISH):
        _add_normal_forms(doc, article.mentions)


def _add_normal_forms(doc: Doc, mentions: list[Mention]) -> None:
    """A name's normal form, where the language's parser gave one, as its canonical name."""
    from crosswire.nlp.languages.base import NORMAL_FORMS

    normals: dict[tuple[int, int], str] = doc.user_data.get(NORMAL_FORMS, {})
    for mention in mentions:
        mention.canonical = normals.get((mention.start, mention.end), mention.canonical)


def doc_text(doc: Doc, article: Article) -> str:
    """The Doc's text: Article.text when the Doc was parsed from it, as in ``annotate``.

    ``Doc.text`` joins every token again on each access, a cost a stage should pay once at most.
    """
    last = doc[-1] if len(doc) else None
    if last is not None and last.idx + len(last.text_with_ws) == len(article.text):
        return article.text
    return doc.text
