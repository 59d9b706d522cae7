"""Which event a time expression dates: the head word of the clause it belongs to.

"Protesters gathered on Monday": "gathered"; "the summit on Monday was cancelled": "summit"
(an event noun the expression qualifies); "the Jan. 14 deadline": "deadline". The walk goes up
the dependency parse from the expression, through prepositions, adverbs and nouns that are
times themselves ("the night of Oct. 23"), to the first verb or other noun. An expression
that is the root of its sentence (a headline, a dateline) dates no clause: None.

Once the walk reaches a verb, three refinements say which word of the clause names the event:

- a participle complement hands the time to the verb it completes ("was found clinging to a
  raft on Sunday": the finding is what Sunday dates, "clinging" only describes it);
- a light verb ("have", "be") names no event of its own: its object or complement does ("had a
  loss in the quarter": "loss"; "is payable in March": "payable");
- a measure that is the subject ("quarterly profit rose") is dated through the verb that says
  what happened to it ("rose").
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
            return _event_in_clause(head, token)
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd"):
            return head  # "is closed until Friday": the state is what is dated, not "is"
        if head.pos_ in _EVENT_POS and is_event_noun(head):
            return _measured(head)
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
            if child.pos_ == "ADJ" or (child.pos_ == "NOUN" and is_event_noun(child)):
                return child
    return verb


def _measured(noun: Token) -> Token:
    """A reported figure as subject is dated through its verb ("third-quarter profit rose")."""
    subject = noun.dep_ in ("nsubj", "nsubjpass")
    if subject and noun.lemma_.lower() in _MEASURES and noun.head.pos_ == "VERB":
        return noun.head
    return noun
