"""What a speech verb reports that is no statement of the speaker's (quote precision on news, #23).

The reported finder (``reported``) asks these of every cue and content it finds:

* ``no_statement``: a question ("explaining what counts as …"), a thing's showing (the writer's
  reading: "the lack of rain shows that …"), a judgement ("found it easier to …"), "asked X Y";
* ``generic_speech``: people in general ("people who read it say …");
* ``without_a_gloss``: the content without a closing "which" clause, the writer's gloss.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosswire.mentions.quotes.roles import TokenRange
from crosswire.mentions.quotes.vocab import (
    DOCUMENT_NOUNS,
    EMBEDDED_QUESTION_OPENERS,
    FINDING_NOUNS,
    GENERIC_SPEAKERS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    THING_READING_VERBS,
)


def an_infinitive(tok: Token) -> bool:
    """A verb with "to" before it: "to stop", "to delay the vote"."""
    return tok.pos_ in ("VERB", "AUX") and any(g.dep_ == "aux" and g.lower_ == "to" for g in tok.children)


def no_statement(cue: Token, content: TokenRange) -> bool:
    """Is what a speech verb reports no statement of the speaker's? A question (it ends with
    "?"; "explaining what counts as …", "saying what many think"), a thing's showing (the
    writer's reading: "the lack of rain shows that …"), a judgement ("found it easier to …"),
    or "asked X Y" that is neither a request ("asked X to …") nor a "that" clause."""
    doc, (first, end) = cue.doc, content
    if doc[end - 1].text == "?" or (end < len(doc) and doc[end].text == "?"):
        return True
    opener = doc[first]
    while opener.i + 1 < end and opener.pos_ == "ADV":  # "explaining exactly what …"
        opener = doc[opener.i + 1]
    if opener.lower_ in EMBEDDED_QUESTION_OPENERS and opener.tag_ in ("WP", "WDT", "WRB", "IN"):
        return True
    lemma = cue.lemma_.lower()
    if lemma == "ask":
        return not any(c.dep_ in ("xcomp", "ccomp") and (an_infinitive(c) or any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children)) for c in cue.children)
    if lemma == "find" and any(c.dep_ in _SMALL_CLAUSES and c.pos_ == "ADJ" for c in cue.children):
        return True  # "found it easier to claim …", "found the plan sound": a judgement, no finding
    return lemma in THING_READING_VERBS and _a_thing_not_a_source(cue)


_SMALL_CLAUSES = frozenset({"ccomp", "xcomp", "oprd"})


def _a_thing_not_a_source(cue: Token) -> bool:
    """Is the cue's subject a thing that is no source: not a person or an organisation (a name,
    a pronoun, an institution's noun), nor a document, a poll or figures?"""
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_:
        return False
    lemma = subject.lemma_.lower()
    return not (lemma in DOCUMENT_NOUNS or subject.lower_ in DOCUMENT_NOUNS or lemma in FINDING_NOUNS
                or lemma in ORG_NOUNS or lemma in MEDIA_NOUNS)


def without_a_gloss(doc: Doc, span: TokenRange) -> TokenRange:
    """The content without a "which" clause that closes it ("… $9 million, which is more than
    the town spends in a year"): the writer's gloss on the last thing named, not the words
    reported."""
    first, end = span
    for k in range(first + 1, end - 1):
        tok = doc[k]
        if tok.lower_ == "which" and doc[k - 1].text == "," and tok.dep_ in ("nsubj", "nsubjpass"):
            clause = tok.head
            # Only after a clause: in "criticized the toll, which doubles the fare" the "which"
            # clause is what was said of the toll.
            if (clause.dep_ == "relcl" and clause.right_edge.i + 1 >= end - 1 and first < k - 1
                    and any(t.pos_ in ("VERB", "AUX") for t in doc[first:k - 1])):
                return first, k - 1
    return first, end


def generic_speech(verb: Token) -> bool:
    """"People all over the country who look at it and say …": speech in the present tense whose
    subject is people in general (a relative "who" read through to the noun it stands for)."""
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
    if verb.tag_ not in ("VB", "VBP", "VBZ") or modal:
        return False  # a modal is _hypothetical's; a past tense reports one occasion
    clause = verb
    while clause.dep_ == "conj" and not _subject_of(clause):
        clause = clause.head
    subject = _subject_of(clause)
    if subject is None or subject.lower_ not in ("who", "that") or clause.dep_ != "relcl":
        return subject is not None and subject.lower_ in GENERIC_SPEAKERS
    # "people all over the country who say": the parse hangs "who" on the nearest noun.
    noun = clause.head
    for _ in range(_ANTECEDENT_STEPS):
        if noun.lower_ in GENERIC_SPEAKERS:
            return True
        if noun.dep_ not in ("pobj", "prep", "advmod", "npadvmod") or noun.head.i == noun.i:
            return False
        noun = noun.head
    return False


_ANTECEDENT_STEPS = 4


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)
