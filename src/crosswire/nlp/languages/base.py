"""What every language's parser gives, and the helpers they share to build a spaCy Doc.

A ``Parser`` owns a spaCy ``Language`` (for its vocabulary and ``memory_zone``) and turns
texts into Docs whose text is the input's, character for character, so every offset a stage
takes from the Doc is an offset into ``Article.text``. Models that are not spaCy (natasha,
kiwipiepy) give token and entity spans as character offsets; ``doc_from_spans`` makes the
Doc from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from crosswire.nlp.tokenizer import bound_tokenizer

# Labels every language's entities are given: crosswire's English ones.
PERSON, ORG, GPE, LOC = "PERSON", "ORG", "GPE", "LOC"
# Where a parser leaves the normal (dictionary) form of each entity, keyed by its character
# span: Russian "Москве" -> "Москва". The entities stage makes it the mention's canonical name.
NORMAL_FORMS = "crosswire_normal_forms"


@dataclass(frozen=True, slots=True)
class Parser:
    """Texts in one language to Docs. ``nlp`` holds the vocabulary (its ``memory_zone``
    frees what a batch added); ``parse`` does the work; ``analysed`` is False for a language
    with no model (tokens and sentences only)."""

    language: str
    nlp: Language
    parse: Callable[[Sequence[str]], Iterator[Doc]]
    analysed: bool = True


@dataclass(frozen=True, slots=True)
class TokenSpan:
    """One token as a model gave it: its character span, and what the model said of it."""

    start: int
    end: int
    lemma: str = ""
    pos: str = ""
    head: int | None = None  # index of the head token, None for a root
    dep: str = ""
    sent_start: bool = False


def doc_from_spans(nlp: Language, text: str, tokens: Sequence[TokenSpan]) -> Doc:
    """A Doc whose text is ``text`` with the model's tokens; whatever they leave out
    (spaces past the first after a token, characters no token covers) becomes tokens of
    their own, so offsets stay exact. Heads, when the model gave them, decide sentences."""
    words: list[str] = []
    spaces: list[bool] = []
    origin: list[int | None] = []  # Doc token -> index in ``tokens``
    at = 0
    for i, token in enumerate(tokens):
        if token.start < at or token.end <= token.start:
            continue  # overlapping or empty: the models' quirks, never text
        _add_gap(text, at, token.start, words, spaces, origin)
        words.append(text[token.start : token.end])
        spaces.append(False)
        origin.append(i)
        at = token.end
    _add_gap(text, at, len(text), words, spaces, origin)
    model = [tokens[i] if i is not None else None for i in origin]
    has_heads = any(t is not None and t.head is not None for t in model)
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        lemmas=[t.lemma if t is not None and t.lemma else w for t, w in zip(model, words, strict=True)],
        pos=[_pos(t, w) for t, w in zip(model, words, strict=True)],
        heads=_heads(origin, tokens) if has_heads else None,
        deps=[t.dep if t is not None and t.dep else "dep" for t in model] if has_heads else None,
        sent_starts=None if has_heads else _sent_starts(model),
    )


def _pos(token: TokenSpan | None, word: str) -> str:
    if token is not None and token.pos:
        return token.pos
    return "X" if word.strip() else "SPACE"


def _add_gap(
    text: str, start: int, end: int, words: list[str], spaces: list[bool], origin: list[int | None]
) -> None:
    for piece in _gap_pieces(text[start:end]):
        if piece[0] == " " and words and not spaces[-1]:
            spaces[-1] = True  # one space after a token is its trailing whitespace, as in spaCy
            piece = piece[1:]
        if piece:
            words.append(piece)
            spaces.append(False)
            origin.append(None)


def _gap_pieces(gap: str) -> Iterator[str]:
    """Whitespace and non-whitespace runs of a gap, each one token."""
    start = 0
    for i in range(1, len(gap) + 1):
        if i == len(gap) or gap[i].isspace() != gap[start].isspace():
            yield gap[start:i]
            start = i


def _sent_starts(model: Sequence[TokenSpan | None]) -> list[bool | int | None]:
    starts: list[bool | int | None] = [t is not None and t.sent_start for t in model]
    if starts:
        starts[0] = True
    return starts


def _heads(origin: list[int | None], tokens: Sequence[TokenSpan]) -> list[int]:
    """Each Doc token's head as a Doc index: the model's head where it gave one (a root is
    its own head), the token before for what the model did not cover (so a space never
    starts a sentence of its own)."""
    position = {index: i for i, index in enumerate(origin) if index is not None}
    heads = []
    for i, index in enumerate(origin):
        head = tokens[index].head if index is not None else None
        if index is not None and head is None:
            heads.append(i)
        elif head is not None and head in position:
            heads.append(position[head])
        elif i:
            heads.append(i - 1)
        else:
            heads.append(next((j for j, k in enumerate(origin) if k is not None), 0))
    return heads


def set_entities(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> None:
    """``doc.ents`` from character spans and labels; spans that do not fall on token
    boundaries are widened to them, and overlapping ones after the first are left out."""
    ents: list[Span] = []
    taken = -1
    for start, end, label in sorted(spans):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or span.start < taken or not span.text.strip():
            continue
        ents.append(span)
        taken = span.end
    doc.ents = ents


def blank_nlp(language: str) -> Language:
    """spaCy's blank pipeline for a language when spaCy has one that needs nothing more,
    else its multi-language one."""
    try:
        return spacy.blank(language)
    except Exception:  # unknown to spaCy, or its tokenizer needs a package we do not ship
        return spacy.blank("xx")


def blank_parser(language: str) -> Parser:
    """Tokens and sentences only, for a language no model here analyses."""
    # Bounded: Chinese or Japanese read by the multi-language tokenizer is one long chunk a line.
    nlp = bound_tokenizer(blank_nlp(language))
    nlp.add_pipe("sentencizer")
    return Parser(language, nlp, lambda texts: nlp.pipe(texts), analysed=False)
