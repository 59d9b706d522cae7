"""Which event a time expression dates: the head word of the clause it belongs to.

"Protesters gathered on Monday": "gathered"; "the summit on Monday was cancelled": "summit"
(an event noun the expression qualifies); "the Jan. 14 deadline": "deadline". The walk goes up
the dependency parse from the expression, through prepositions, adverbs and nouns that are
times themselves ("the night of Oct. 23"), to the first verb or other noun. An expression
that is the root of its sentence (a headline, a dateline) dates no clause: None.

Once the walk reaches a verb, refinements say which word of the clause names the event:

- a bare time right after an event noun in a phrase of the verb dates that noun ("spoke at a
  rally Saturday": "rally"; the parser hangs the time on the verb), and one right after an
  adjective that takes a date dates the adjective ("bonds due March 1": "due");
- a participle complement hands the time to the verb it completes ("was found clinging to a
  raft on Sunday": the finding is what Sunday dates, "clinging" only describes it);
- a light verb ("have", "be") names no event of its own: its event-noun object or its
  complement does ("is payable in March": "payable");
- a reported figure ("profit", "sales", "loss") is dated through its verb, as subject or as
  what a company "had" ("quarterly profit rose": "rose"; "had a loss in the quarter": "had").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from crosswire.mentions.dates.vocab import EVENT_NOUNS

# Words the walk passes through: they lead to the event rather than name it.
_VERB_POS = frozenset({"VERB", "AUX"})
_EVENT_POS = frozenset({"NOUN"})
# Nouns that are times or parts of one: "the night of Oct. 23" is dated through "night".
_TIME_NOUNS = frozenset({"night", "morning", "afternoon", "evening", "day", "week", "weekend", "eve",
                         "dawn", "end", "beginning", "start", "middle", "month", "year", "time",
                         "period", "months", "years", "days", "weeks", "hours", "quarter"})


_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ings")
# Adjectives whose complement is a date: "bonds due March 1", "effective Jan. 1".
_DATED_ADJECTIVES = frozenset({"due", "effective", "payable", "valid", "eligible"})
# Verbs that carry the clause while their object or complement names what happens.
_LIGHT_VERBS = frozenset({"have", "be"})
# Figures a company reports: as a subject, the verb says what happened to them ("sales fell").
_MEASURES = frozenset({"income", "profit", "sales", "earnings", "revenue", "loss", "results"})


def is_event_noun(token: Token) -> bool:
    """A noun naming something that happens (from a short list, or its suffix: "-tion", "-ment")."""
    word = token.lower_
    if token.pos_ == "PROPN" or word in _TIME_NOUNS:
        return False
    return token.lemma_.lower() in EVENT_NOUNS or word in EVENT_NOUNS or word.endswith(_EVENT_SUFFIXES)


def event_of(span: Span) -> Token | None:
    """The verb or event noun the expression at span dates, or None."""
    token = span.root
    for _ in range(12):  # a parse is a tree, but never trust a loop to end on its own
        head = token.head
        if head.i == token.i:
            return None
        if span.start <= head.i < span.end:
            token = head
            continue
        if head.pos_ in _VERB_POS:
            return _word_just_before(span) or _event_in_clause(head, token)
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd"):
            return head  # "is closed until Friday": the state is what is dated, not "is"
        if head.pos_ in _EVENT_POS and is_event_noun(head):
            return measured(head)
        token = head
    return None


def _event_in_clause(verb: Token, reached_from: Token) -> Token:
    """The word of the verb's clause that names the event: the verb a participle completes,
    a light verb's object or complement, or the verb itself."""
    if verb.dep_ == "xcomp" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB":
        return verb.head
    if verb.lemma_ in _LIGHT_VERBS:
        for child in verb.children:
            if child.i == reached_from.i or child.dep_ not in ("dobj", "attr", "acomp"):
                continue
            if child.pos_ == "ADJ" or (child.pos_ == "NOUN" and is_event_noun(child)
                                       and child.lemma_.lower() not in _MEASURES):
                return child
    return verb


def _word_just_before(span: Span) -> Token | None:
    """"at a news briefing Friday": a bare time right after an event noun in a phrase of the
    verb dates that noun, and "bonds due March 1" the adjective (the parser hangs the time on
    the verb)."""
    if span.start == 0 or span.root.dep_ not in ("npadvmod", "advmod"):
        return None
    before = span.doc[span.start - 1]
    if before.pos_ == "NOUN" and before.dep_ == "pobj" and is_event_noun(before):
        return before
    return before if before.lower_ in _DATED_ADJECTIVES else None


def measured(noun: Token) -> Token:
    """A reported figure, as subject or as what is had, is dated through its verb
    ("third-quarter profit rose", "had a loss in the quarter")."""
    subject = noun.dep_ in ("nsubj", "nsubjpass")
    had = noun.dep_ == "dobj" and noun.head.lemma_ in _LIGHT_VERBS
    if (subject or had) and noun.lemma_.lower() in _MEASURES and noun.head.pos_ in _VERB_POS:
        return noun.head
    return noun
