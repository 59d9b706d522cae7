"""Which event a time expression dates, chosen by a small learned ranker over the rules' pick.

``events.event_of`` walks the parse up from the expression with hand-written refinements; it
was tuned on TempEval-3 and over-fitted it (issue #28). Here every word of the expression's
sentence that could name an event (a verb, a copula, a predicate adjective, an event noun) is
a candidate, described by feature strings: the dependency path from the expression to it, its
part of speech, how far away it is, the preposition heading the expression, whether it is a
reporting verb ("said" is rarely what the date dates), and whether the rules picked it. A
logistic regression (``training/dates.py``: the heads of the clauses of the events TempEval-3
TBAQ's TLINKs name, the blind set's convention) scores each candidate;
the best one is the event. Its weights are a JSON table in ``crosswire/models/dates/``, read
once per process, the first time the stage needs them; without that file the rules decide.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.symbols import (  # type: ignore[import-not-found]  # compiled, ships no stubs
    ADJ,
    ADP,
    AUX,
    NOUN,
    VERB,
    acomp,
    attr,
    aux,
    auxpass,
    oprd,
)
from spacy.tokens import Span, Token

from crosswire.mentions.dates.events import event_of, is_event_noun, measured
from crosswire.mentions.dates.vocab import EVENT_NOUNS, OCCASION_NOUNS

__all__ = ["MODEL_DIR", "WEIGHTS_FILE", "Attacher", "attached_event", "candidates", "described", "features"]

MODEL_DIR = Path(str(resources.files("crosswire") / "models" / "dates"))
WEIGHTS_FILE = "attacher.json"

# Verbs that report rather than happen: "said on Monday" dates the saying, but a date inside
# what is said dates the reported event, so the model needs to know which verbs these are.
_REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "note", "claim", "confirm",
                        "explain", "write", "declare", "according"})
_MAX_PATH = 4


@dataclass(frozen=True, slots=True)
class Attacher:
    """A logistic regression over candidate feature strings: one weight per string."""

    weights: dict[str, float]
    bias: float

    def score(self, found: list[str]) -> float:
        weights = self.weights
        return self.bias + sum(map(weights.__getitem__, filter(weights.__contains__, found)))

    def probability(self, found: list[str]) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(found)))

    def best(self, span: Span, sentence: Span, rules: Token | None) -> Token | None:
        """The candidate scored highest (the first of equals), None when there is none."""
        found_here = candidates(span, sentence)
        if len(found_here) <= 1:  # nothing to choose between: spare the features
            return found_here[0] if found_here else None
        chosen: tuple[float, Token] | None = None
        for token, found in described(span, sentence, rules, found_here):
            score = self.score(found)
            if chosen is None or score > chosen[0]:
                chosen = (score, token)
        return chosen[1] if chosen is not None else None


def attached_event(span: Span, sentence: Span) -> Token | None:
    """The event the expression at span (in sentence) dates: the model's pick where weights
    are shipped, else the rules'. An expression that is its sentence's root (a dateline)
    dates none."""
    rules = event_of(span)
    head = span.root.head
    if head.i == span.root.i:
        return None
    if (main := _set_off_at_the_end(span, sentence)) is not None:
        return main
    if (noun := modified_noun(span)) is not None:
        return noun
    if (main := _clause_counted_from(span)) is not None:
        return main
    if (occasion := occasion_just_before(span)) is not None:
        return occasion
    if rules is not None and rules.i == head.i and rules.pos == VERB:
        # The verb the expression hangs on, picked by the rules: the model agreed on every one
        # of TBAQ's 534 such expressions, so its features are spared.
        return _attempted(rules)
    model = _attacher()
    chosen = model.best(span, sentence, rules) if model is not None else rules
    return _attempted(chosen) if chosen is not None else None


# Verbs whose complement is what they try, begin or stop: the date is the attempt's.
_ATTEMPTS = frozenset({"try", "attempt", "seek", "start", "begin", "stop", "cease", "resume", "fail",
                       "refuse", "decline", "manage"})


def _attempted(event: Token) -> Token:
    """"attempted to reach the skipper in March", "sought to calm the dockers in recent days",
    "the ferry started running again on Monday": the attempt or the start is the event the
    date marks, not the verb it governs."""
    above = event.head
    if event.pos == VERB and event.dep_ == "xcomp" and above.pos in (VERB, AUX) and above.i != event.i \
            and above.lemma_.lower() in _ATTEMPTS:
        return above
    return event


_COUNTING_MARKS = frozenset({"after", "before", "since"})


def _clause_counted_from(span: Span) -> Token | None:
    """"Three weeks after the fire destroyed it, the pier reopened": the length counts from the
    subordinate clause's event to the main clause's, which is the one dated (the parser hangs
    the length on the subordinate verb)."""
    root = span.root
    verb = root.head
    if root.dep_ != "npadvmod" or verb.dep_ != "advcl" or span.end >= len(span.doc):
        return None
    mark = span.doc[span.end]
    if mark.lower_ not in _COUNTING_MARKS or mark.dep_ != "mark" or mark.head.i != verb.i:
        return None
    return verb.head if verb.head.pos_ in ("VERB", "AUX") else None


_AT = frozenset({"in", "on", "at", "for", "during"})


def occasion_just_before(span: Span) -> Token | None:
    """"said in a statement Wednesday", "faces trial in July", "the hearing on Monday": a date
    right after a noun naming an occasion (``vocab.OCCASION_NOUNS``), bare or after "in",
    "on", "at", "for", dates that occasion, wherever the parser hangs it. A time counted from
    another ("earlier in the day") and anything after more words (a place, a name) do not."""
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].lower_ in _AT:
        before -= 1
    if before < 0 or span[0].lower_ in ("earlier", "later"):
        return None
    noun = doc[before]
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in OCCASION_NOUNS:
        return None
    if span.start <= noun.head.i < span.end:
        return None  # "an election night party": the noun qualifies the time, not the reverse
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.head.i < noun.i:
        return noun.head  # "her debates and speeches in 2008": the first of the pair, as the parse reads it
    return noun


# A full date with its year: how a photo caption ends ("..., in Corlow, March 3, 2021.").
_FULL_DATE = re.compile(r"\b\d{1,2},?\s+\d{4}\b")


def _set_off_at_the_end(span: Span, sentence: Span) -> Token | None:
    """A time set off by a comma at the very end of a sentence dates its main verb, not the
    clause just before the comma: "The council reported that the mayor had been asked to
    resign over the audit, on Monday." (the reporting), and a caption's date ("A diver
    checks the hull in Corlow harbour, March 3, 2021."), whose verb is in the present."""
    doc = span.doc
    start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ in ("on", "in") else span.start
    after = doc[span.end:sentence.end]
    if start == 0 or doc[start - 1].text != "," or any(not (t.is_punct or t.is_space) for t in after):
        return None
    main = sentence.root
    if main.pos_ not in ("VERB", "AUX") or start <= main.i:
        return None
    if main.lemma_.lower() in _REPORTING:
        return main
    return main if main.tag_ in ("VBZ", "VBP") and _FULL_DATE.search(span.text) else None


# How a time expression modifies a noun before it: "the 2002 law", "Thursday night protests",
# "last October's massacre", "the monthly payments".
# "det": a span the parse leaves its article in ("the late March stimulus package").
_PREMODIFIER = frozenset({"compound", "nmod", "amod", "poss", "nummod", "npadvmod", "quantmod", "det"})


def modified_noun(span: Span) -> Token | None:
    """The noun the expression modifies, which the blind sets' convention takes for the event
    whatever the noun ("the 2002 law", "2019 tax returns", "the October 7 cruise"): a noun the
    expression stands before as a modifier, or after as a bare time ("a vote Friday"), or that
    "of" joins it to ("the events of October 1st"); and what a length is a length of ("30
    years of practice"). TempEval-3's events are verbs more often: these rules come from the
    news tuning set (bench/eval/allsides_dates_tuning.tsv) and the convention's examples."""
    root = span.root
    head = root.head
    if head.pos_ == "NOUN" and not span.start <= head.i < span.end and _names_a_thing(head):
        if root.dep_ in _PREMODIFIER and head.i > root.i:
            return measured(head)
        if root.dep_ == "npadvmod" and head.i < root.i and is_event_noun(head):
            return head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i < root.i \
            and is_event_noun(head.head):
        return head.head
    rated = head.head
    if root.dep_ == "pobj" and head.lower_ == "per" and rated.pos_ == "NOUN" and _names_a_thing(rated):
        return rated  # "the $600 per-week benefits": a rate of the thing it is counted for
    if (amount := _rate_of_an_amount(span)) is not None:
        return amount
    if root.tag_ == "NNS" and root.lower_ in _LENGTH_NOUNS:  # "30 years of practice", not "the day of"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                thing = next((c for c in child.children if c.dep_ == "pobj"), None)
                if thing is not None and thing.pos_ == "NOUN" and _names_a_thing(thing):
                    return thing
    return None


def _rate_of_an_amount(span: Span) -> Token | None:
    """"a $40 per month fee", "the 300-a-week allowance": an amount before a noun, counted per
    unit of time; the noun it qualifies is the event. The parse makes "per" the expression's
    head word and hangs it on the amount, which modifies the noun after it."""
    root = span.root
    if root.lower_ not in ("per", "a") or root.dep_ != "prep":
        return None
    amount = root.head
    if amount.pos_ != "NUM":
        return None
    # The noun the amount modifies, or one the parse makes a second object of "per" ("the $40
    # per month mooring fee": "fee").
    for thing in (amount.head, *(c for c in root.children if c.dep_ == "pobj")):
        if thing.pos_ == "NOUN" and thing.i >= span.end and _names_a_thing(thing):
            return thing
    return None


_LENGTH_NOUNS = frozenset({"years", "months", "weeks", "days", "hours", "decades", "year", "month", "week",
                           "day", "hour", "decade", "minutes"})


def _names_a_thing(noun: Token) -> bool:
    """Not a time itself ("Thursday night", "the first week of March") nor a unit of one."""
    return noun.lower_ not in _TIME_WORDS and noun.ent_type_ not in ("DATE", "TIME")


_TIME_WORDS = frozenset({*_LENGTH_NOUNS, "night", "morning", "afternoon", "evening", "weekend", "eve", "dawn",
                         "end", "beginning", "start", "middle", "time", "period", "quarter", "half",
                         "season", "term", "anniversary"})


@lru_cache(maxsize=1)
def _attacher() -> Attacher | None:
    path = MODEL_DIR / WEIGHTS_FILE
    if not path.exists():
        return None
    return load_attacher(path)


def load_attacher(path: Path) -> Attacher:
    table = json.loads(path.read_text(encoding="utf-8"))
    return Attacher({str(k): float(v) for k, v in table["weights"].items()}, float(table["bias"]))


def candidates(span: Span, sentence: Span) -> list[Token]:
    """Words of the expression's sentence outside it that could name an event: a verb or a
    copula heading a clause (no auxiliary), a predicate adjective or one the expression
    completes ("notes due March 1"), an event noun."""
    governors = _governors(span)
    quoted = _quoted_elsewhere(span, sentence)
    found = []
    for token in sentence:
        if token.i in quoted:
            continue
        pos = token.pos
        if pos in (VERB, AUX):
            keep = token.dep not in (aux, auxpass)
        elif pos == ADJ:
            keep = token.dep in (acomp, oprd, attr) or token.i in governors
        else:  # compared as numbers: reading each word's labels as strings was most of the cost
            keep = pos == NOUN and is_event_noun(token)
        if keep and not span.start <= token.i < span.end:
            found.append(token)
    return found


def _quoted_elsewhere(span: Span, sentence: Span) -> set[int]:
    """Indexes of the words inside quotation marks in the sentence, unless the expression is
    inside the same quotation: "chanted 'we want the tape' Thursday" dates the chanting."""
    inside: set[int] = set()
    opened: int | None = None
    for token in sentence:
        if not token.is_quote:
            continue
        if opened is None:
            opened = token.i
            continue
        if not (opened < span.start and span.end <= token.i):
            inside.update(range(opened + 1, token.i))
        opened = None
    return inside


def _governors(span: Span) -> tuple[int, int]:
    """The word the expression hangs on, and the one above it when that is a preposition."""
    head = span.root.head
    return head.i, head.head.i if head.pos == ADP else head.i


def described(span: Span, sentence: Span, rules: Token | None,
              found: list[Token] | None = None) -> list[tuple[Token, list[str]]]:
    """Each candidate (``found``, or the sentence's) with its feature strings, including where
    it ranks among the others by distance in the tree and in the text."""
    found = candidates(span, sentence) if found is None else found
    where = _Expression.of(span)
    paths = [where.path_to(t) for t in found]
    tree = _ranks([len(up) + len(down) for up, down in paths])
    text = _ranks([abs(t.i - where.root.i) for t in found])
    described = []
    for k, token in enumerate(found):
        ranks = [f"tree_rank={tree[k]}", f"text_rank={text[k]}", f"tree_rank={tree[k]}|pos={token.pos_}"]
        described.append((token, features(span, token, rules, paths[k], where) + ranks))
    return described


@dataclass(frozen=True, slots=True)
class _Expression:
    """What every candidate's features share: the expression's head word, the chain of words
    above it with their dependency labels, and the preposition heading it."""

    root: Token
    above: dict[int, int]
    labels: list[str]
    prep: str

    @classmethod
    def of(cls, span: Span) -> _Expression:
        root = span.root
        chain = [root, *root.ancestors]
        head = root.head
        prep = head.lower_ if head.i != root.i and head.pos_ == "ADP" else "-"
        return cls(root, {t.i: k for k, t in enumerate(chain)}, [t.dep_ for t in chain], prep)

    def path_to(self, end: Token) -> tuple[list[str], list[str]]:
        """Dependency labels from the expression up to the lowest common head, and from end up
        to it (each at most _MAX_PATH long; "far" stands for the rest)."""
        down: list[str] = []
        for token in (end, *end.ancestors):
            if (k := self.above.get(token.i)) is not None:
                return _cap(self.labels[:k]), _cap(down)
            down.append(token.dep_)
        return ["far"], ["far"]


def _ranks(values: list[int]) -> list[str]:
    """Each value's rank: how many others are smaller (ties share a rank), 3 standing for more."""
    order = sorted(values)
    return [str(min(bisect_left(order, v), 3)) for v in values]


def features(span: Span, token: Token, rules: Token | None,
             path: tuple[list[str], list[str]] | None = None, where: _Expression | None = None) -> list[str]:
    """The feature strings of one candidate event for the expression at span."""
    where = where if where is not None else _Expression.of(span)
    root, prep = where.root, where.prep
    up, down = path if path is not None else where.path_to(token)
    pos, dep = token.pos_, token.dep_
    shape = f"{len(up)}/{len(down)}"
    distance = _bucket(token.i - root.i)
    found = [
        f"pos={pos}", f"tag={token.tag_}", f"dep={dep}", f"prep={prep}", f"prep={prep}|pos={pos}",
        f"shape={shape}", f"shape={shape}|pos={pos}", f"up={'>'.join(up)}",
        f"dist={distance}", f"dist={distance}|pos={pos}", f"rootdep={root.dep_}",
        f"rootdep={root.dep_}|shape={shape}",
    ]
    if rules is not None and token.i == rules.i:
        found += ["rules", f"rules|pos={pos}", f"rules|shape={shape}", f"rules|dep={dep}"]
    lemma = token.lemma_.lower()
    if lemma in _REPORTING:
        found += ["reporting", f"reporting|shape={shape}"]
    if pos == "NOUN":
        listed = lemma in EVENT_NOUNS or token.lower_ in EVENT_NOUNS
        found += [f"noun_under={'yes' if not down else 'no'}", f"noun_listed={listed}"]
    return found


def _cap(labels: list[str]) -> list[str]:
    return labels if len(labels) <= _MAX_PATH else [*labels[:_MAX_PATH], "far"]


def _bucket(distance: int) -> str:
    size = abs(distance)
    band = "1" if size <= 1 else "2-3" if size <= 3 else "4-9" if size <= 9 else "10+"
    return f"{'-' if distance < 0 else '+'}{band}"
