"""The time stage: every date and time expression in an article, normalized (fills Article.times).

``add_times(doc, article)`` is a document stage. Candidates are spaCy's DATE and TIME entities
plus what ``patterns`` finds that the small model misses; pieces that belong together are
merged ("Sunday" + "afternoon"), lists are split ("May and August this year"), prepositions
trimmed off the span. Each expression is normalized by ``rules`` against the publication
date and the tense of the verb it hangs on (from the dependency parse), and against the time
mentioned just before it for anaphora ("the next day", "a year earlier"). A future seen from a
past moment ("said it would close in March", "planned a rally on Saturday", an infinitive after
a past-tense verb) is the tense "near": the next occurrence, or one just gone by. Words an
expression's span leaves out are read from the parse (``around``: "the year" + "ended
March 31"). Values that depend on a tense the sentence contradicts ("said on Monday he will…")
carry a note instead of a silent guess.

Needs: a parsed Doc (tagger, parser, ner). Adds: ``Article.times`` (TimeExpr with offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from crosswire.mentions.dates.around import day_named_after, read_with_words_around
from crosswire.mentions.dates.patterns import Group, candidate_spans, merge_spans, overrides_names, split_list
from crosswire.mentions.dates.rules import Context, Result, Tense, context_for, normalize, resolve
from crosswire.mentions.dates.text import clean
from crosswire.nlp.annotate import doc_text
from crosswire.types import Article, TimeExpr

__all__ = ["Anchor", "add_times", "normalize", "resolve_in_context", "tense_of"]

_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Entities a pattern hit inside is not a time: "Theresa May", "the Sunday Times".
_NOT_TIME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "NORP", "LAW"})
_LEADING = re.compile(
    r"(?i)^(?:(?:in|on|at(?! present)|for|during|since|by|until|till|from|between|over|through|throughout"
    r"|within|of|as of|starting|beginning|effective)\s+|[,(]\s*)+"
)
_TRAILING = re.compile(r"(?:['’]s|[\s,;:!?\"”])+$")
# A final full stop belongs to the expression only after an abbreviation ("Sept.", "a.m.").
_ABBREVIATED = re.compile(
    r"(?i)(?:\b[ap]\.m|\b(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec|mon|tues?|wed|thu|thur|thurs|fri|sat|sun))\.$"
)
# "a year ago" compares with the period under discussion, like "a year earlier": it is no new anchor.
_ANAPHORIC = re.compile(r"(?i)\b(?:earlier|later|before|after|previous|following|that|same|next day|year-ago"
                        r"|year-earlier|then|a year ago)\b")
_IN_PASSING = re.compile(r"(?i)\s*an?\s")
# "For the nine months, ...": a year-to-date span; "a year earlier" then means last year.
_YEAR_TO_DATE = re.compile(
    r"(?i)^(?:for\s+|in\s+)?the\s+(?:first\s+|latest\s+|past\s+)?(?:six|nine|6|9)\s+months$"
)
# Unreadable candidates are kept only when they look like a date someone mistyped: six to eight
# digits ("2882015", "20150828") or digits with separators. Five digits is a model number
# ("the 80486 chip") far more often than a date.
_DATE_SHAPED = re.compile(r"(?<!\d)\d{6,8}(?!\d)|\d[/.-]\d")


def add_times(doc: Doc, article: Article) -> None:
    base = context_for(article.published)
    times: list[TimeExpr] = []
    anchor = Anchor.of(doc)
    text = doc_text(doc, article)
    for start, end, parts in _candidates(doc, text):
        # "Thanksgiving on Thursday" was joined like "Sunday afternoon" but reads as two.
        split = len(parts) > 1 and not _reads(text[start:end], base)
        for s, e in parts if split else [(start, end)]:
            times.extend(_expressions(doc, text, s, e, base, anchor))
    article.times = times


def _reads(piece: str, base: Context) -> bool:
    return not any(_unreadable(p, base) for _, _, p in split_list(piece))


def _expressions(doc: Doc, text: str, start: int, end: int, base: Context, anchor: Anchor) -> list[TimeExpr]:
    found = (_expression(doc, text, start + s, start + e, piece, base, anchor)
             for s, e, piece in split_list(text[start:end]))
    return [t for t in found if t is not None]


def _candidates(doc: Doc, text: str) -> list[Group]:
    ents = doc.ents  # built anew on every access
    spans = [(ent.start_char, ent.end_char) for ent in ents if ent.label_ in _ENTITY_LABELS]
    blocked = [(ent.start_char, ent.end_char) for ent in ents if ent.label_ in _NOT_TIME_LABELS]
    for start, end in candidate_spans(text):
        # A name ("Theresa May", "the Sunday Times") blocks a word, never a written date:
        # the small model calls "08/30/2023" an ORG now and then.
        if overrides_names(text[start:end]) or not any(s < end and start < e for s, e in blocked):
            spans.append((start, end))
    return merge_spans(text, spans)


@dataclass(slots=True)
class Anchor:
    """What a reader of one article knows so far: the last point it named, and in which sentence.

    Also holds the article's sentences, listed once: ``Span.sent`` walks the whole Doc on
    every call, which made it most of this stage's cost.
    """

    sentences: list[Span]
    starts: list[int]
    day: date | None = None
    grain: str = "day"
    sentence: int = -1
    # The last span of time named ("a five-year overhaul"), while no point has been named
    # since, and the index of its sentence: what "during that time" refers back to.
    span: str | None = None
    span_sentence: int = -1

    @classmethod
    def of(cls, doc: Doc) -> Anchor:
        sentences = list(doc.sents)
        return cls(sentences, [s.start for s in sentences])

    def sentence_of(self, span: Span) -> Span:
        return self.sentences[self.index_of(span)]

    def index_of(self, span: Span) -> int:
        return bisect_right(self.starts, span.start) - 1


def _expression(doc: Doc, text: str, start: int, end: int, piece: str, base: Context,
                anchor: Anchor) -> TimeExpr | None:
    whole = piece == text[start:end]  # not a list piece that borrowed words ("May this year")
    start, end = _trim(text, start, end)
    if whole:
        readable = _readable_part(text, start, end, base)
        if readable != (start, end):
            (start, end), piece = readable, text[readable[0]:readable[1]]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or start >= end:
        return None
    value, kind, note = resolve_in_context(span, piece, base, anchor)
    if value is None and note and note.startswith("not a recognizable") and not _DATE_SHAPED.search(piece):
        return None  # spaCy's DATE on a word that names no time ("annual", a headline)
    sentence = anchor.sentence_of(span)
    return TimeExpr(text[start:end], start, end, value, kind, sentence.start_char, sentence.end_char, note)


def resolve_in_context(span: Span, text: str, base: Context, anchor: Anchor) -> Result:
    """Normalize text (the expression at span) with its verb's tense and the article's last time.

    Updates ``anchor``. Used by the stage and by the evaluation on gold spans.
    """
    sentence = anchor.sentence_of(span)
    if (found := _span_referred_to(span, text, anchor)) is not None:
        return found
    tense, verb = tense_of(span)
    same_day = anchor.day if anchor.grain == "day" and anchor.sentence == sentence.start else None
    ctx = replace(base, tense=tense, anchor=anchor.day, anchor_grain=anchor.grain, same_day=same_day)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("in", "within") and not re.match(r"(?i)\s*(?:in|within)\b", text):
        text = f"{before} {text}"  # "will open in three weeks": the preposition makes it a point
    value, kind, note = read_with_words_around(span, text, ctx) or resolve(text, ctx)
    if kind == "TIME" and note and "day not stated" in note:
        value, kind, note = day_named_after(span, text, ctx) or (value, kind, note)
    note = _join(note, _mixed_tense(sentence, text, ctx, verb, value))
    # "a year earlier" twice in a row means the same year: anaphora never moves the anchor; nor
    # does a quarter named in passing ("after a flat second quarter, ...").
    if not _ANAPHORIC.search(text) and not (_IN_PASSING.match(text) and "-Q" in (value or "")):
        _remember(anchor, value, kind, sentence.start)
    _remember_span(anchor, value, kind, anchor.index_of(span))
    if kind == "DURATION" and base.day is not None and _YEAR_TO_DATE.match(text.strip()):
        anchor.day, anchor.grain, anchor.sentence = date(base.day.year, 1, 1), "year", sentence.start
    return value, kind, note


# "During that time": the span just named, when one was ("a five-year overhaul. During that time").
_SPAN_ANAPHOR = re.compile(r"that\s+(?:time|period)")


def _span_referred_to(span: Span, text: str, anchor: Anchor) -> Result | None:
    """The span named in this or the previous sentence, for "that time" right after it."""
    if anchor.span is None or not _SPAN_ANAPHOR.fullmatch(clean(text)[1]):
        return None
    if anchor.index_of(span) - anchor.span_sentence > 1:
        return None
    return anchor.span, "DURATION", "the span named just before"


def _remember_span(anchor: Anchor, value: str | None, kind: str, sentence: int) -> None:
    if kind == "DURATION" and value is not None:
        anchor.span, anchor.span_sentence = value, sentence
    elif kind in ("DATE", "TIME") and value is not None:
        anchor.span = None  # a point named since: "that time" is that point now


_WORD = re.compile(r"\S+")


def _readable_part(text: str, start: int, end: int, base: Context) -> tuple[int, int]:
    """The span itself if it reads as a time, else its longest readable part.

    spaCy's DATE runs on into the next words now and then ("June 11, 2018 report", "a key
    Dec. 29, 2016"): words are dropped from the end, then from the start, until it reads.
    """
    if not _unreadable(text[start:end], base):
        return start, end
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    for drop in range(1, min(4, len(words))):
        s, e = _trim(text, start, words[-1 - drop][1])
        if not _unreadable(text[s:e], base):
            return s, e
    for drop in range(1, min(3, len(words))):
        s, e = _trim(text, words[drop][0], end)
        if not _unreadable(text[s:e], base):
            return s, e
    return start, end


def _unreadable(piece: str, base: Context) -> bool:
    note = resolve(piece, base)[2]
    return note is not None and note.startswith(("not a recognizable", "empty"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead and lead.end() < len(piece):
        start += lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    if text[start:end].endswith(".") and not _ABBREVIATED.search(text[start:end]):
        end -= 1
    while text[start:end].endswith(")") and text[start:end].count(")") > text[start:end].count("("):
        end -= 1
    return start, end


def _remember(anchor: Anchor, value: str | None, kind: str, sentence: int) -> None:
    if kind not in ("DATE", "TIME") or value is None:
        return
    if quarter := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        anchor.day = date(int(quarter.group(1)), 3 * int(quarter.group(2)) - 2, 1)
        anchor.grain, anchor.sentence = "quarter", sentence
        return
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?![\dWQHXSUFAI])", value)
    if m is None:
        return
    if m.group(1) == "0000":
        return
    anchor.day = date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    anchor.grain = "day" if m.group(3) else "month" if m.group(2) else "year"
    anchor.sentence = sentence


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


# --- tense ---------------------------------------------------------------------------------------

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
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON"})
_DONE_TO = frozenset({"decline", "refuse", "fail", "try", "manage", "begin", "start", "continue",
                      "attempt", "seek", "appear", "seem", "stop", "cease", "happen"})
_VERB_POS = frozenset({"VERB", "AUX"})
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
    for _ in range(4):
        if verb is None or not _non_finite(verb) or _done_deed(verb, span):
            break
        verb = _governing_verb(verb.head, span)
    if verb is None:
        return "unknown", None
    prep = span.root.head
    if prep.lower_ in ("to", "until", "till") and prep.head.i == verb.i and verb.lemma_ in _MOVE:
        return "future", verb  # "was moved to Oct. 12": a new, later date
    if prep.lower_ in ("until", "till") and prep.head.i == verb.i and verb.lemma_ in _GRANT:
        return "future", verb  # "gave them until Tuesday": a deadline still ahead when granted
    if (verb.lemma_ == "set" and prep.lower_ in ("on", "in") and prep.head.i == verb.i
            and not any(c.lower_ == "for" for c in verb.children)):
        return "past", verb  # "a record set on Aug. 6": the day it was set, not a plan
    tense = verb_tense(verb)
    if tense == "near" and verb.lemma_ in _PLANNED and span.end <= verb.i:
        return "past", verb  # "On Friday, the government planned to pay": the planning day
    return tense, verb


def _under_since(token: Token) -> bool:
    """"since shortly after the Oct. 23 slaying": "since" a few steps up, before any verb."""
    for _ in range(5):
        if token.head.i == token.i or token.head.pos_ in _VERB_POS:
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
        if token.pos_ in _VERB_POS:
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
    if words & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"  # "is forecast for the weekend", "is meeting on Monday"
    if verb.tag_ == "VBN":
        return "past"  # a bare participle: "the man arrested on Monday"
    return "unknown"


def _clause_tense(token: Token, below: Token, depth: int) -> Tense:
    """The tense of the nearest verb above ``token`` (itself if it is one), for an infinitive.

    Its form, not what it means: "extended their offers to acquire the firm Friday" is told
    in the past, though "extended" alone points to a later date.
    """
    for _ in range(6):
        if token.pos_ in _VERB_POS and token.i != below.i:
            if token.tag_ == "VBD" and not any(c.lower_ in _WILL for c in token.children):
                return "past"
            return verb_tense(token, depth + 1) if depth < 3 else "unknown"
        if token.head.i == token.i:
            return "unknown"
        token = token.head
    return "unknown"


def _mixed_tense(sentence: Span, piece: str, ctx: Context, verb: Token | None,
                 value: str | None) -> str | None:
    """A note when the sentence also has a verb in the other tense and that would change the value."""
    if verb is None or ctx.tense not in ("past", "future"):
        return None
    other: Tense = "future" if ctx.tense == "past" else "past"
    if not any(t.pos_ in _VERB_POS and t.dep_ != "aux" and verb_tense(t) == other for t in sentence):
        return None
    alternative: Result = resolve(piece, replace(ctx, tense=other))
    if alternative[0] == value:
        return None
    return f"sentence mixes past and future: read with '{verb.text}' ({ctx.tense}); {other}: {alternative[0]}"
