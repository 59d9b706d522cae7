"""Names and roles around a token: where a name starts once titles are set aside, and the role.

A role is what the article says a person is, in one of two news forms:

* an appositive after the name, set off by commas: ``Hugh Hill, a doctor at Calder General,``
* a title and descriptors before the name: ``Kremlin press secretary Dmitry Peskov``,
  ``North Korean leader Kim Jong-un`` (the titles a mention may include, "President
  Vladimir Putin", are moved from the name to the role).

These read the dependency parse and check it against the surface (the comma, a determiner,
a role word), because the small model attaches appositives loosely. Token ranges are
half-open ``(first, end)`` pairs of token indices; callers turn them into character offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosswire.lexicon import ROLE_WORDS
from crosswire.mentions.quotes.vocab import ADDRESS_FORMS, HONORIFICS

TokenRange = tuple[int, int]

# Tokens that may make up a title before a name: "Trump’s campaign manager", "Secretary of State".
_ROLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "ADP", "NUM", "PUNCT"})
_STOP_DEPS = frozenset({"det", "cc", "conj", "nsubj", "dobj", "appos", "relcl", "advmod"})
_APPOS_END = frozenset({",", ".", ";", ":", "—", "–", "(", ")", "!", "?", '"', "“", "”"})
# More dependents than any sentence gives one word: the parse of a text with no sentence ends
# (a hostile input), where a walk over them for every quote grows with the square of its length.
MOST_DEPENDENTS = 40


def entity_range(tok: Token) -> TokenRange:
    """The tokens of the named entity ``tok`` belongs to, or ``tok`` alone."""
    doc = tok.doc
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return tok.i, tok.i + 1
    first = tok.i
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return first, end


def name_start(doc: Doc, first: int, end: int) -> int:
    """The first token of a name once leading titles are set aside ("President Vladimir Putin")."""
    i = first
    while i < end - 1 and doc[i].lower_ in HONORIFICS:
        i += 1
    return i


def role_of(doc: Doc, first: int, end: int) -> TokenRange | None:
    """The role the text gives the name at ``first:end``: a title before it, else an appositive."""
    return role_before(doc, first, end) or role_after(doc, first, end)


def role_before(doc: Doc, first: int, end: int) -> TokenRange | None:
    """Titles and descriptors right before the name that the parse attaches to it."""
    start = name_start(doc, first, end)
    root = doc[start:end].root
    left = first
    while left > 0 and _in_title(doc[left - 1], root):
        left -= 1
    while left < start and doc[left].pos_ in ("ADP", "PART", "PUNCT"):
        left += 1  # a title does not start with "of" or "’s"
    if left >= start or not _names_a_role(doc, left, start):
        return None
    return left, start


def _in_title(tok: Token, root: Token) -> bool:
    if tok.pos_ not in _ROLE_POS or tok.dep_ in _STOP_DEPS or "\n" in tok.text_with_ws:
        return False
    if tok.pos_ == "PUNCT" and tok.text not in ("-", "’s", "'s"):
        return False
    head = tok
    for _ in range(6):  # inside the name's own noun phrase, not a neighbour's
        if head.head.i == head.i:
            return False
        head = head.head
        if head.i == root.i:
            return True
    return False


def _names_a_role(doc: Doc, first: int, end: int) -> bool:
    words = [t.lower_ for t in doc[first:end]]
    if all(w in ADDRESS_FORMS for w in words):
        return False  # "Mr." and "Comrade" are forms of address, not roles
    return any(w in ROLE_WORDS or (w in HONORIFICS and w not in ADDRESS_FORMS) for w in words) or any(
        t.pos_ == "NOUN" for t in doc[first:end]
    )


def role_after(doc: Doc, first: int, end: int) -> TokenRange | None:
    """An appositive after the name, set off by a comma: ", a professor at Korea University"."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    root = doc[first:end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i > end and _is_description(child):
            return _trimmed(doc, child.left_edge.i, child.right_edge.i + 1)
    return _surface_appositive(doc, end + 1)


def _is_description(head: Token) -> bool:
    return head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.left_edge.dep_ == "det")


def _surface_appositive(doc: Doc, first: int) -> TokenRange | None:
    """", a doctor," where the parse missed the appositive: a determiner, then up to a comma."""
    if doc[first].lower_ not in ("a", "an", "the"):
        return None
    last = first + 1
    while last < len(doc) and last - first < 25 and doc[last].text not in _APPOS_END:
        if "\n" in doc[last].text or doc[last].pos_ in ("VERB", "AUX"):
            return None  # a clause, not a description
        last += 1
    if not any(t.pos_ == "NOUN" for t in doc[first:last]):
        return None
    return _trimmed(doc, first, last)


def _trimmed(doc: Doc, first: int, end: int) -> TokenRange | None:
    while end > first and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (first, end) if end > first else None


def too_many_dependents(tok: Token) -> bool:
    """Has ``tok`` more dependents than a real sentence gives a word (see MOST_DEPENDENTS)?"""
    return tok.n_lefts + tok.n_rights > MOST_DEPENDENTS
