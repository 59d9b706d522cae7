"""One article through the stages the quote tests read: sentences, mentions, quotes."""

from __future__ import annotations

from spacy.language import Language

from crosswire.mentions.quotes import add_quotes
from crosswire.nlp import add_mentions, add_sentences
from crosswire.types import Article


def analysed(nlp: Language, text: str) -> Article:
    article = Article(id="t", text=text, source="test")
    with nlp.memory_zone():
        doc = nlp(text)
        for stage in (add_sentences, add_mentions, add_quotes):
            stage(doc, article)
    return article
