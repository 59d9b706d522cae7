"""The tense of the verb a time expression hangs on, read from the dependency parse.

``tense_of(span)`` gives the tense that picks among a name's occurrences ("on Friday" before or
after publication) and the verb it came from. "near" is a future seen from a past moment ("said
it would close in March", "set a hearing for June 15", "was pushed to July 4"); "unknown" when
the expression qualifies a noun, not a verb, unless that noun is dated "in"/"on" inside a clause
told in the past ("freed after a court appearance in October": that past). Moved out of
``stage`` unchanged, apart from "until": "remain closed until Friday" looks ahead.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from crosswire.mentions.dates.context import Tense

__all__ = ["VERB_POS", "tense_of", "verb_tense"]

_WILL = frozenset({"will", "'ll", "ll", "shall", "wo", "would", "'d"})
_MODAL = frozenset({"can", "could", "may", "might", "must", "should", "ca"})
# "declined to comment on Monday" happened; "plans to vote on Monday" has not.
# "postponed until Friday", "extended its offer to Nov. 16": a past verb about a later day;
# "was scheduled for Tuesday", "is expected Monday": so are these participles.
_RESCHEDULE = frozenset(
    {"schedule", "reschedule", "postpone", "extend", "delay", "defer", "slate", "adjourn"}
)
_PLAN = frozenset({"plan", "set", "expect", "intend", "propose", "due"})
_SCHEDULED = frozenset({"begin", "start", "open", "close", "end", "resume", "reopen", "expire", "launch",
                        "kick", "depart", "leave", "return", "arrive", "finish", "conclude", "convene"})
_MOVE = frozenset({"move", "push", "bring", "put", "shift", "change"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m", "does", "do"})
_BE_NOW = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON"})
_DONE_TO = frozenset({"decline", "refuse", "fail", "try", "manage", "begin", "start", "continue",
                      "attempt", "seek", "appear", "seem", "stop", "cease", "happen"})
VERB_POS = frozenset({"VERB", "AUX"})
# Nouns that are times themselves: "the night of Oct. 23" happened when its verb says.
_TIME_NOUNS = frozenset({"night", "morning", "afternoon", "evening", "day", "week", "weekend", "eve",
                         "dawn", "end", "beginning", "start", "middle"})
# Future in the past: "would" looks ahead from a past moment, not from publication.
_WOULD = frozenset({"would", "'d"})
# A past-tense plan still points ahead: "planned a march on Saturday".
_PLANNED = frozenset({"plan", "intend", "propose"})
# Granting time: "gave the relatives until Tuesday" sets a deadline after the granting.
_GRANT = frozenset({"give", "grant", "allow"})


def tense_of(span: Span) -> tuple[Tense, Token | None]:
    """The tense of the verb an expression hangs on, and that verb (None: no verb found).

    "unknown" when the expression qualifies a noun rather than a verb ("the Jan. 14
    deadline", "payable Dec. 7", "Thursday's closing price"): the sentence's verb says nothing
    about that date, unless that noun is a time itself ("the night of Oct. 23"). A participle
    without auxiliaries ("arriving Tuesday") takes the tense of the clause it modifies, but a
    past participle set off on a noun ("the ruling, announced Wednesday") is past; "since"
    points to the past whatever the verb.
    """
    if span[0].lower_ == "since" or _under_since(span.root) or _since_just_before(span):
        return "past", None
    if span.root.dep_ == "poss" or any(t.tag_ == "POS" for t in span):
        return "unknown", None
    verb = _governing_verb(span.root, span)
    if _dates_a_mishap(span, verb is None):
        return "past", None
    for _ in range(4):
        if verb is None or not _non_finite(verb) or _done_deed(verb, span):
            break
        verb = _governing_verb(verb.head, span)
    prep = span.root.head
    if verb is None:
        # "a freeze on rents until March": a limit set on a noun looks ahead, like "remain until"
        if prep.lower_ in ("until", "till") and prep.i < span.start:
            return "future", None
        return _told_of_a_past_happening(span), None
    if prep.lower_ in ("to", "until", "till") and prep.head.i == verb.i and verb.lemma_ in _MOVE:
        # "will be moved to Oct. 12": a new, later date; "was pushed to July 4": later than the
        # moving, which may be behind the reporter already
        return ("near" if verb_tense(verb) == "past" else "future"), verb
    if prep.lower_ == "for" and prep.head.i == verb.i and verb.lemma_ in _PLAN | _RESCHEDULE \
            and verb.tag_ == "VBD":
        return "near", verb  # "set a hearing for June 15": later than the setting
    if prep.lower_ in ("until", "till") and prep.head.i == verb.i and verb.lemma_ in _GRANT:
        return "future", verb  # "gave them until Tuesday": a deadline still ahead when granted
    if (verb.lemma_ == "set" and prep.lower_ in ("on", "in") and prep.head.i == verb.i
            and not any(c.lower_ == "for" for c in verb.children)):
        return "past", verb  # "a record set on Aug. 6": the day it was set, not a plan
    tense = verb_tense(verb)
    if prep.lower_ in ("until", "till") and tense in ("present", "unknown"):
        return "future", verb  # "schools remain closed until Friday": the coming Friday
    if tense == "near" and verb.lemma_ in _PLANNED and span.end <= verb.i:
        return "past", verb  # "On Friday, the government planned to pay": the planning day
    return tense, verb


# Nouns whose date is not when they happened but when they are due: left "unknown".
_DUE_NOUNS = frozenset({"deadline", "plan", "plans", "schedule", "target", "date", "goal", "vote", "election",
                        "hearing", "trial", "meeting", "summit", "visit", "talks"})


def _told_of_a_past_happening(span: Span) -> Tense:
    """"released after his arraignment in October", "said in an interview in July": a month
    or day "in"/"on" a noun whose clause is told in the past is in that past; a noun that
    names what is due (a deadline, a hearing) keeps the nearer reading ("unknown")."""
    root = span.root
    prep = root.head
    noun = prep.head
    if root.dep_ != "pobj" or prep.lower_ not in ("in", "on") or noun.pos_ != "NOUN" \
            or noun.lemma_.lower() in _DUE_NOUNS or noun.lower_ in _TIME_NOUNS:
        return "unknown"
    verb = noun.head
    for _ in range(3):  # through a preposition or two: "in an interview with the paper in July"
        if verb.pos_ in VERB_POS or verb.head.i == verb.i:
            break
        if verb.lower_ in _TOPIC:
            return "unknown"  # "told them of a cut in supply in September": what was told may lie ahead
        verb = verb.head
    if verb.pos_ not in VERB_POS:
        return "unknown"
    return "past" if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children
                                                 if c.dep_ in ("aux", "auxpass")) else "unknown"


# Prepositions that give what is told or decided about, which may lie ahead of the telling.
_TOPIC = frozenset({"of", "about", "on", "over", "for", "to"})


# Happenings nobody schedules: a date on one ("the Oct. 1 shooting", "the storm of March 3rd")
# is behind the reporter, whatever tense the sentence is in.
_MISHAPS = frozenset({
    "attack", "shooting", "massacre", "rampage", "tragedy", "tsunami", "earthquake", "quake", "storm",
    "hurricane", "bombing", "killing", "death", "crash", "explosion", "blast", "fire", "flood", "collapse",
    "disaster", "accident", "incident", "murder", "slaying", "riot", "outbreak", "event", "spill",
    "derailment",
})


def _dates_a_mishap(span: Span, under_a_noun: bool) -> bool:
    """The noun the expression qualifies (under_a_noun: the parse says so), before it or
    through "of", or right before a bare date ("the rampage Oct. 1", which the parser hangs on
    the verb), is an unscheduled happening."""
    root = span.root
    if root.dep_ == "npadvmod" and span.start > 0 and _is_mishap(span.doc[span.start - 1]):
        return True
    if not under_a_noun:
        return False
    head = root.head
    if head.pos_ == "ADP" and head.lower_ == "of":
        head = head.head
    return not span.start <= head.i < span.end and _is_mishap(head)


def _is_mishap(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in _MISHAPS


def _under_since(token: Token) -> bool:
    """"since shortly after the Oct. 23 slaying": "since" a few steps up, before any verb."""
    for _ in range(5):
        if token.head.i == token.i or token.head.pos_ in VERB_POS:
            return False
        token = token.head
        if token.lower_ == "since":
            return True
    return False


# Words that may stand between "since" and a date it governs: "since shortly after the Oct. 23".
_SINCE_GAP_POS = frozenset({"DET", "ADV", "ADP", "ADJ", "SCONJ"})


def _since_just_before(span: Span) -> bool:
    """"since" a few words before the span with no verb or noun between, however it is parsed.

    The parser hangs "since" on the verb now and then ("searching for him since shortly
    after the Oct. 23 slaying"), so the walk up the tree misses it; the words do not.
    """
    doc = span.doc
    for token in reversed(doc[max(0, span.start - 4):span.start]):
        if token.lower_ == "since":
            return True
        if token.pos_ not in _SINCE_GAP_POS:
            return False
    return False


def _non_finite(verb: Token) -> bool:
    if verb.tag_ not in ("VBG", "VBN") or verb.head.i == verb.i or verb.lemma_ in _RESCHEDULE | _PLAN:
        return False  # "the summit, originally set for Oct. 5, was moved": "set" speaks for itself
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and verb.dep_ in (
        "advcl", "acl", "relcl", "xcomp", "conj", "pcomp", "amod")


def _done_deed(verb: Token, span: Span) -> bool:
    """A bare past participle on a noun or heading a clause: "the ruling, announced Wednesday".

    It tells of something done, whatever the clause around it says ("they will appeal the
    ruling, announced Wednesday"), unless it is no aside but part of a clause in the future
    ("will buy the shares tendered through Nov. 17"). A participle with a subject or a
    conjunction of its own ("as soon as trading opened Monday") is a finite verb the tagger
    misread: not this.
    """
    if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "advcl"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux", "auxpass") for c in verb.children):
        return False
    if verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        return True  # an aside between commas: "the ruling, announced Wednesday, ..."
    above = _governing_verb(verb.head, span)
    return above is None or not any(c.lower_ in _WILL - _WOULD for c in above.children)


def _governing_verb(token: Token, span: Span) -> Token | None:
    """The verb above token, or None at the root or where the path passes through a noun."""
    for _ in range(12):  # a parse is a tree, but never trust a loop to end on its own
        if token.pos_ in VERB_POS:
            return token
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ in ("conj", "appos") and head.pos_ in ("PROPN", "NOUN", "NUM"):
            token = head  # "on Tuesday and Wednesday": Wednesday hangs where Tuesday does
            continue
        # "is due Friday": a predicate adjective hands over to its verb; "payable Dec. 7" does not;
        # nor does a noun, unless it names a time itself ("shot on the night of Oct. 23").
        nominal = (head.pos_ in _NOMINAL_POS and not (head.pos_ == "ADJ" and head.dep_ == "acomp")
                   and head.lower_ not in _TIME_NOUNS)
        if nominal and not span.start <= head.i < span.end:
            return None
        token = head
    return None


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.pos_ in VERB_POS \
            and verb.head.i < verb.i and depth < 3:
        # "will review and approve the plan on Friday": a bare verb joined to another takes
        # its "will" or "to", which the first one holds.
        return verb_tense(verb.head, depth + 1)
    words = {a.lower_ for a in auxes}
    if words & {"could", "would"} and any(c.dep_ == "neg" for c in verb.children):
        return "past"  # "could not be reached for comment Friday", "would not say Tuesday"
    if words & (_WOULD | {"could"}) and not words & {"have", "'ve"}:
        return "near"  # "said it would close the plant in March": a future seen from the past
    if words & _WILL or (words & _MODAL and not words & {"have", "'ve"}):
        return "future"
    if "to" in words:
        governor = verb.head if verb.head.i != verb.i else verb
        if governor.tag_ in ("VBD", "VBN") and governor.lemma_ in _DONE_TO:
            return "past"
        # "agreed to meet on Friday", "staged rallies to mark the day on Friday": after a
        # past-tense verb, the infinitive's time is later than that past, not than publication.
        return "near" if _clause_tense(governor, verb, depth) in ("past", "near") else "future"
    if verb.tag_ == "VBD" and verb.lemma_ in _PLANNED:
        return "near"  # "protesters planned a rally on Saturday": planned then, for later
    if verb.lemma_ in _RESCHEDULE or (verb.tag_ == "VBN" and verb.lemma_ in _PLAN):
        if verb.tag_ == "VBN" and not auxes and _clause_tense(verb.head, verb, depth) == "past":
            return "near"  # "a service planned for Saturday was cancelled": the plan is past
        if "had" in words:
            return "near"  # "had been scheduled to expire Friday": planned before a past moment
        return "future"
    if verb.lemma_ in ("push", "move", "put") and any(c.lower_ in ("back", "off") for c in verb.children):
        return "future"  # "pushed back to March 12"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") and not words and verb.lemma_ in _SCHEDULED:
        return "future"  # "the trial begins Monday": a timetable, in the present tense
    if verb.tag_ == "VBG" and words & _BE_NOW:
        return "future"  # "is meeting on Monday", "I'm going there on Tuesday": an arrangement
    if words & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"  # "is forecast for the weekend"
    if verb.tag_ == "VBN":
        return "past"  # a bare participle: "the man arrested on Monday"
    return "unknown"


def _clause_tense(token: Token, below: Token, depth: int) -> Tense:
    """The tense of the nearest verb above ``token`` (itself if it is one), for an infinitive.

    Its form, not what it means: "extended their offers to acquire the firm Friday" is told
    in the past, though "extended" alone points to a later date.
    """
    for _ in range(6):
        if token.pos_ in VERB_POS and token.i != below.i:
            if token.tag_ == "VBD" and not any(c.lower_ in _WILL for c in token.children):
                return "past"
            return verb_tense(token, depth + 1) if depth < 3 else "unknown"
        if token.head.i == token.i:
            return "unknown"
        token = token.head
    return "unknown"
