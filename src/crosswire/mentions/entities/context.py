"""Evidence, read from the parsed article, that a name is a person or a place.

spaCy's small model tags a name from its shape and a few words around it; a fictional
country ("Velmar's foreign minister") comes out PERSON, a town ("talks in Mirrow") DATE.
The article usually says what the name is somewhere. Each cue has a weight — strong cues
(a title, an appositive "a professor", "the capital of X") count 3, weak ones (a reporting
verb, which countries have too: "Velmar said") count 1 — and the correction layer compares
the sums over all mentions of a name. Only tokens are read here; nothing of the Doc is kept.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from crosswire.lexicon import PERSON_NOUNS
from crosswire.mentions.entities.spans import is_person_title
from crosswire.mentions.entities.vocab import (
    GOVERNMENT_NOUNS,
    PERSON_PRONOUNS,
    PLACE_PREPOSITIONS,
    REPORTING_VERBS,
    words,
)

STRONG, WEAK = 3, 1

# Nouns that, in "the capital of X" or "X, a town in ...", say X is a place.
PLACE_NOUNS: frozenset[str] = words("""
city town capital village region province country state nation republic kingdom island
port district county municipality territory
""")

_NAME_PARTICLES = words("al el bin ibn abu van von der den de da di du dos la le")


def span_at(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def person_score(doc: Doc, start: int, end: int) -> int:
    """How strongly the words around ``doc.text[start:end]`` say it names a person."""
    span = span_at(doc, start, end)
    if span is None or not len(span):
        return 0
    score = STRONG if has_name_shape(span.text) else 0
    before = doc[span.start - 1] if span.start else None
    if before is not None and is_person_title(before.text) and before.text[:1].isupper():
        score += STRONG
    if _appositive_noun(span, PERSON_NOUNS) or _age_follows(span) or _role_precedes(span):
        score += STRONG
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in REPORTING_VERBS:
        score += WEAK
    if root.dep_ == "nsubj" and _pronoun_follows(span):
        score += WEAK
    return score


def place_score(doc: Doc, start: int, end: int) -> int:
    """How strongly the words around ``doc.text[start:end]`` say it names a place."""
    span = span_at(doc, start, end)
    if span is None or not len(span):
        return 0
    score = 0
    if _appositive_noun(span, PLACE_NOUNS) or _place_noun_of(span):
        score += STRONG
    if _possessive_government(span):
        score += 2
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    heads_np = after is None or (after.tag_ != "POS" and after.pos_ not in ("NOUN", "PROPN"))
    if before is not None and before.lower_ in PLACE_PREPOSITIONS and heads_np:
        score += WEAK
    return score


def has_name_shape(text: str) -> bool:
    """Two or more capitalised words, as in "Tomás Erevan", "Kim Jong-un", "J. Vaughan"."""
    words = text.split()
    return len(words) >= 2 and all(_name_word(w) or w.lower() in _NAME_PARTICLES for w in words) \
        and _name_word(words[0]) and _name_word(words[-1])


def _name_word(word: str) -> bool:
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True  # an initial
    core = word.replace("-", "").replace("'", "").replace("’", "")
    return bool(core) and core.isalpha() and word[0].isupper() and any(c.islower() for c in core)


def _appositive_noun(span: Span, nouns: frozenset[str]) -> bool:
    """", a professor at ..." / ", the capital of ..." right after the name."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].text != ",":
        return False
    for token in doc[i + 1 : i + 6]:
        if token.pos_ == "NOUN":
            return token.lemma_.lower() in nouns
        if token.pos_ not in ("DET", "ADJ", "ADV", "PROPN") and token.text != "-":
            return False
    return False


def _role_precedes(span: Span) -> bool:
    """"Velmar's foreign minister, Tomás Erevan": a person noun then a comma before the name."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].lemma_.lower() in PERSON_NOUNS


def _age_follows(span: Span) -> bool:
    """"Anika Solberg, 54, said": an age in commas."""
    doc, i = span.doc, span.end
    return i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text == ","


def _pronoun_follows(span: Span) -> bool:
    """A "he"/"she" subject in the rest of the sentence or in the next one."""
    doc = span.doc
    stop = span.sent.end
    if stop < len(doc):
        stop = doc[stop].sent.end
    return any(_is_subject_pronoun(t) for t in doc[span.end : stop])


def _is_subject_pronoun(token: Token) -> bool:
    return token.lower_ in PERSON_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass")


def _place_noun_of(span: Span) -> bool:
    """"the city of Mirrow", "the capital of Ostrania"."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lemma_.lower() in PLACE_NOUNS


def _possessive_government(span: Span) -> bool:
    """"Velmar's foreign minister", "Ostrania's government"."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].tag_ != "POS":
        return False
    return any(t.lower_ in GOVERNMENT_NOUNS for t in doc[i + 1 : i + 3])
