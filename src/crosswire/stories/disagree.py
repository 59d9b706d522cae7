"""Where outlets disagree: numbers, dates, places and name spellings, and the names one
outlet gives that another leaves out.

Numbers, dates and places are compared as *slots*: a value with the words around it. Two
values from different outlets fill one slot when

- they are of one kind and unit ("14 passengers" is no count of trains; a day meets a day,
  not a month) and about the same people when both values' clauses name people;
- a content word right next to each is shared ("killed and 14 others injured" / "injuring
  16": the nearest two lower-case words either side — names are shared by every sentence of
  a story and tell nothing; casualty verbs count as one word, "killed" / "murdered" /
  "fatally shot", "injured" / "wounded", and a count of the dead never meets one of the
  injured);
- and their frames (the clause around the value, the value masked) say the same thing:
  embedding cosine, or a fuzzy token-set ratio without a model; less is asked of sentences
  already aligned as one fact. Slots are matched whether or not the sentences were aligned: a
  lead packing two facts into one sentence ("talks opened on Tuesday, with Velmar demanding
  1.4 billion cubic meters a year") is aligned with one of them only.

Values of two articles are paired one to one, agreeing pairs first ("two killed and 14
injured" / "killing two and injuring 16": the 14 meets the 16). A pair disagrees when both
cannot be right: different numbers (a bound such as "at least 14" allows anything above it,
an estimate such as "about 300" a tenth either way), different days at one precision, or two
places neither outlet names anywhere else ("Port Adley" against its state "Carrow" is two
levels of one answer). Two days conflict only when they date one event: where the dates stage
found the event each expression dates, the two events must align (one word, or one outlet's
event word in the other's clause: "the vote on Tuesday" / "lawmakers held the vote on
Wednesday") and the clauses must not name only different entities; a day of one event and a
day of another are two facts, not a conflict. A value the other outlet also states in a
related frame is agreement. Scores and records ("9-14"), clock times and a time of day with
no day are no such values.

Spellings of people's names are checked in aligned claims and story-wide through resolved
entities (typography — dots, hyphens, spaces —, case, diacritics and common transliteration
variants are no respelling). One aligned claim asserted by one outlet and denied by another
("did not approve" / "approved", the same content words) is a ``claim`` conflict; so is a
denial segment of any sentence ("... and no arrests have been made in Ada Marsh's death")
against another outlet's plain report naming the same entity ("police arrested a suspect in
the death of Ada Marsh"), when the outlet itself negates (not "X denied") and does not hedge
("might not"); a figure
given as a revision ("from a revised 43,500") against another outlet's is a ``revision``.
Rounding is no conflict ("300,000" / "293,000"), nor is one estimate against a precise count
within a tenth; two estimates that differ are.

Every two-sided finding carries a confidence (0-1) and a reason in words: what tied the two
values to one slot (aligned sentences, close frames, a counted noun, one dated event) and what
weakens it (a quotation, a place). The record reports as disagreements only those above
``StorySettings.conflict_min_confidence`` and keeps the rest in its ``conflicts`` list.

An omission is a person or organisation one outlet names prominently that another outlet
never names at all: a list of its own, never a disagreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from crosswire.lexicon import FUNCTION_WORDS, NUMBERS
from crosswire.stories.compare import Claim, Coverage, outlet_of, text_similarity
from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import normalize, stem
from crosswire.types import Article, Mention, TimeExpr

PLACES = frozenset({"GPE", "LOC", "FAC"})
PEOPLE = frozenset({"PERSON"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# Event words (stemmed) that date a report, not what it reports: "reported Thursday" and
# "reported Mar. 9" are two reports as often as one report misdated.
REPORTING = frozenset({"said", "say", "told", "tell", "repor", "annou", "wrote", "write", "claim", "state"})
# Names whose spelling is compared: people's. Places and organisations have official short
# forms and local spellings ("US"/"USA", "Kyiv"/"Kiev") that are no outlet's error.
SPELLED = PEOPLE

# Counts written as words: news style spells out one to nine. "one" is left out: it is far
# more often a pronoun ("no one", "one of the") than a count. Hundreds and up are scales.
NUMBER_WORDS = {word: n for word, n in NUMBERS.items() if n < 100 and word != "one"}
SCALES = {word: float(n) for word, n in NUMBERS.items() if n >= 100}
_AMOUNT = re.compile(
    r"(?<![\w.:/-])(?P<num>\d[\d,]*(?:\.\d+)?|(?:" + "|".join(NUMBER_WORDS) + r")(?![\w-]))"
    r"(?:\s+(?P<scale>" + "|".join(SCALES) + r"))?(?P<pct>\s*%|\s+per\s?cent)?(?![\w:/])",
    re.IGNORECASE)
# A figure in a pair is a score, a record or a range ("9-14", "52 - 3", "2004-05"), not a count.
_PAIRED = re.compile(r"\s?[-–]\s?\d")
_PAIRED_BEFORE = re.compile(r"\d\s?[-–]\s?$")
# Content words either side of a value that say what it is ("killed and # others injured"): two,
# because a third already reaches into the next phrase ("convicted in # of aggravated
# assault, serving a life sentence" would meet "returned to prison in # to serve a life sentence").
CONTEXT_WORDS = 2
# A figure followed by these is a clock time, not a count ("5 p.m.", "10:30").
_CLOCK = re.compile(r"\s*(?:a\.?m\.?|p\.?m\.?|:\d)", re.IGNORECASE)
# Words before a figure that make it a bound or an estimate, so that another figure can be
# consistent with it: "at least 14" and "16" can both be right, "about 300" and "310" too.
LOWER_BOUNDS = ("at least", "more than", "over", "upwards of", "no fewer than", "in excess of")
UPPER_BOUNDS = ("up to", "fewer than", "less than", "under", "no more than", "at most", "as many as")
ESTIMATES = ("about", "around", "roughly", "nearly", "almost", "approximately", "some", "an estimated",
             "close to", "more or less")
ESTIMATE_TOLERANCE = 0.1
# A figure rounded to hundreds or more ("300,000", "1.4 million") is a reporter's rounding of
# a precise one ("293,000", "1,412,000") when the precise one rounds to it: no conflict.
ROUNDED_ZEROS = 2
# "a revised 344,750", "revised up to 12", "was revised down from": a figure an outlet gives as
# a revision of an earlier one. Two outlets' figures for one slot differing there is a revision
# finding (kind ``revision``), not a plain number conflict.
_REVISED = re.compile(r"\brevis(?:ed|ion|ions)\b", re.IGNORECASE)
REVISION_WORDS = 4  # words before the figure searched for the revision word
# Day words: a date or time expression that has none of them ("4:47 p.m.", "the night",
# "four minutes earlier") takes its day from the publication date, a guess the text never
# states, so it cannot contradict another outlet's day.
_DAY_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"tonight|weekend|week|month|year|decade|century|spring|summer|autumn|fall|winter|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{4}|\d{1,2}/\d{1,2})\b", re.IGNORECASE)
# Given names and their familiar forms: "Steve Arlow" and "Stephen Arlow", "Bob Tarrance" and
# "Robert Tarrance" are one name in two registers, no outlet's misspelling. Familiar form ->
# the given names it shortens (a form that starts another, "Chris" / "Christopher", needs no entry).
# "Jon" / "John", "Ann" / "Anna", "Dan" / "Dana" are two names, not two registers of one.
_FAMILIAR = """
    bob bobby rob robbie:robert  bill billy will willie:william  jim jimmy jamie:james
    mike mick mickey:michael  steve:stephen steven  tom tommy:thomas  dick rick richie:richard
    dan danny:daniel  dave:david  joe joey:joseph  ed eddie ted ned:edward  chuck charlie:charles
    tony:anthony  liz beth betsy betty:elizabeth  kate katie cathy kathy:katherine catherine kathleen
    peggy maggie:margaret  jack johnny:john  andy drew:andrew  sam:samuel samantha
    nick:nicholas  matt:matthew  pat:patrick patricia  jen jenny:jennifer  sue susie:susan
    larry:lawrence  jerry:gerald jerome  hank harry:henry  ben:benjamin  greg:gregory
    ken:kenneth  don:donald  ron:ronald  tim:timothy  fred:frederick  frank:francis franklin
    al:albert alan  nate:nathan nathaniel  josh:joshua  zach:zachary  gene:eugene  jeff:jeffrey
    phil:philip phillip  vince:vincent  lou:louis  mitch:mitchell  bernie:bernard  sandy:sandra
"""
FAMILIAR: dict[str, frozenset[str]] = {
    short: frozenset(full.split()) for group in _FAMILIAR.split("  ") if ":" in group
    for shorts, full in [group.strip().split(":")] for short in shorts.split()
}
# Negation cues of an asserted-vs-denied conflict; "declined to comment" denies nothing.
NEGATIONS = frozenset({"not", "never", "no", "denied", "denies", "deny", "denying"})
AUXILIARIES = frozenset({"be", "been", "being", "have", "has", "had", "yet", "ever", "to", "actually"})
NEGATED_REACH = 3  # words after the cue searched for the word it denies
# Share of content words two claims must share to be one predicate and object, one denied.
DENIAL_OVERLAP = 0.6
# A denial's own words: its clause, cut at a coordination too ("police did not shoot the man
# and no arrests have been made in the death" denies two things, each in its own segment).
_SEGMENT_BREAK = re.compile(r"[;:()\[\]—–]|,\s|\s-\s|\s(?:and|but|while|although|though)\s", re.IGNORECASE)
DENIAL_WORDS = 3  # content words a denial segment needs to be matched outside aligned claims
# A hedge denies nothing ("members who might not be familiar"); and outside aligned claims only
# the outlet's own negation counts: "X denied working with them" is X's statement.
_STATED_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying))\b", re.IGNORECASE)
_HEDGED = re.compile(r"\b(?:might|may|could|would|should|can)\s+(?:not|never)\b|"
                     r"\b(?:couldn|wouldn|shouldn|can)['’]?t\b|\bcannot\b", re.IGNORECASE)
# A frame ends at these: a value's clause, not the whole sentence.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|,\s|\s-\s")
FRAME_WORDS = 8  # words kept either side of the value within its clause
# Words too common to tie two frames together (besides names: only lower-case words count).
_FRAME_FILLER = """
    others says said say told according least nearly roughly around almost approximately per cent
    percent one people since last next early late earlier later night evening morning afternoon
    noon midnight day days week weeks month months year years time times local
"""
FRAME_STOPWORDS = FUNCTION_WORDS | frozenset(_FRAME_FILLER.split())
# Casualty words (stemmed) that outlets vary for one toll: "killed 12 people" / "murdered 11" /
# "fatally shot 11" / "11 dead" count the dead, "injured" / "wounded" / "hurt" the injured. As
# context words they are one word each, so that two outlets' tolls meet as one slot. "shot"
# alone is no such word: "shot 40 others" may count the wounded or everyone hit.
CASUALTY_WORDS = {
    **dict.fromkeys(("kill", "murde", "fatal", "dead", "death", "died", "die", "slain", "slaug"), "kill"),
    **dict.fromkeys(("injur", "wound", "hurt"), "injur"),
}


@dataclass(frozen=True, slots=True)
class SpanRef:
    article_id: str
    outlet: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    kind: str  # number | revision | date | place | spelling | claim | omission
    a: SpanRef
    b: SpanRef | None = None
    missing_from: list[str] = field(default_factory=list)  # omission: outlets that leave it out
    claim_a: SpanRef | None = None
    claim_b: SpanRef | None = None
    # How sure the finding is (0-1) and why it is one: what made the two values one slot.
    confidence: float = 1.0
    reason: str = ""

    @property
    def is_conflict(self) -> bool:
        """Two sides that cannot both be right (an omission has one side only)."""
        return self.kind != "omission" and self.b is not None


@dataclass(frozen=True, slots=True)
class Value:
    """A number or a date an article states, with the frame that says what it measures."""

    kind: str  # number | date
    key: str  # number: the amount as text; date: the day (or month, year) it names
    amount: float
    bound: str  # "" exact, "min" at least, "max" at most, "about" an estimate
    unit: str  # the word right after a number ("passengers"), "" when none
    span: SpanRef
    claim: Claim
    frame: str  # the value's clause around it, the value masked
    context: frozenset[str]  # the nearest lower-case content words either side, crudely stemmed
    people: frozenset[str]  # who the claim names: figures about different people are different slots
    # Dates only: the word of the event the expression dates, crudely stemmed ("" when the stage
    # found none), the content words of its clause, and the entities the clause names.
    event: str = ""
    clause_words: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    revised: bool = False  # numbers only: "a revised 344,000", "revised up to 12"


def find_disagreements(articles: Sequence[Article], coverage: Coverage,
                       settings: StorySettings | None = None,
                       embedder: Embedder | None = None) -> list[Disagreement]:
    settings = settings or StorySettings()
    by_id = {a.id: a for a in articles}
    compared = [by_id[a] for a in _compared(coverage)]
    found = slot_disagreements(compared, coverage, settings, embedder)
    for fact in coverage.facts:
        for i, ca in enumerate(fact.claims):
            for cb in fact.claims[i + 1:]:
                # Claims in two languages share values, not words: nothing to check between them.
                if ca.outlet != cb.outlet and ca.foreign == cb.foreign:
                    found += claim_disagreements(by_id[ca.article_id], ca, by_id[cb.article_id], cb, settings)
    found += unaligned_denials(compared, coverage)
    found += spelling_by_entity(compared, settings)
    found += omissions([a for a in compared if not _foreign(coverage, a.id)], settings)
    return _unique(found)


def _compared(coverage: Coverage) -> list[str]:
    return sorted({c.article_id for f in coverage.facts for c in f.claims})


def _foreign(coverage: Coverage, article_id: str) -> bool:
    return any(c.foreign for f in coverage.facts for c in f.claims if c.article_id == article_id)


# -- numbers and dates, slot by slot ------------------------------------------------------------


def slot_disagreements(articles: Sequence[Article], coverage: Coverage, settings: StorySettings,
                       embedder: Embedder | None) -> list[Disagreement]:
    by_id = {a.id: a for a in articles}
    fact_of = {_at(c): n for n, f in enumerate(coverage.facts) for c in f.claims}
    values = partnered([v for f in coverage.facts for c in f.claims if not c.foreign
                        for v in values_in(by_id[c.article_id], c)])
    sims = _frame_similarity(values, embedder)
    threshold = settings.slot_similarity if embedder is not None else settings.slot_fuzzy_similarity
    aligned_floor = settings.slot_aligned_floor
    index = {id(v): n for n, v in enumerate(values)}
    per_article: dict[str, list[Value]] = {}
    for v in values:
        per_article.setdefault(v.span.article_id, []).append(v)
    texts = outlet_texts(articles)
    out = []
    ids = sorted(per_article)
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            va_all, vb_all = per_article[a], per_article[b]
            if va_all[0].span.outlet == vb_all[0].span.outlet:
                continue

            def sim(x: Value, y: Value) -> float:
                return float(sims[index[id(x)], index[id(y)]])

            def same_slot(x: Value, y: Value) -> float | None:
                aligned = fact_of[_at(x.claim)] == fact_of[_at(y.claim)]
                # Two days of one named event ("the hearing on Wednesday" / "the hearing
                # Thursday") need less of their frames: the event already says what they date.
                event = x.kind == "date" and bool(x.event) and x.event == y.event and x.event not in REPORTING
                score = sim(x, y) + settings.slot_aligned_bonus * aligned + settings.slot_event_bonus * event
                return score if score >= threshold or (aligned and sim(x, y) >= aligned_floor) else None

            floor = threshold - settings.slot_agreement_margin
            for va, vb in _assign(va_all, vb_all, same_slot):
                if consistent(va, vb) or _agrees(va, vb_all, sim, floor) or _agrees(vb, va_all, sim, floor):
                    continue
                if normalize(va.span.text) == normalize(vb.span.text):
                    continue  # "Monday" and "Monday": the normalizer anchored them on two publication days
                if va.kind == "place" and _place_context(va, vb, texts, settings):
                    continue
                aligned = fact_of[_at(va.claim)] == fact_of[_at(vb.claim)]
                confidence, reason = slot_confidence(va, vb, sim(va, vb), aligned)
                kind = "revision" if va.kind == "number" and (va.revised or vb.revised) else va.kind
                out.append(Disagreement(kind, va.span, vb.span, [], _ref(va.claim, by_id),
                                        _ref(vb.claim, by_id), confidence, reason))
    return out


def slot_confidence(a: Value, b: Value, similarity: float, aligned: bool) -> tuple[float, str]:
    """How sure two values are one slot with two answers, and why (evidence, in words).

    What raises it: the two sentences were aligned as one fact, the frames around the values
    say the same thing, a number counts a named thing (its unit: "passengers"), a date's
    event is known on both sides and is one event. What lowers it: a value inside a quotation
    (a speaker's figure, not the outlet's report), a place (two levels of one answer are
    common), an event the dates stage could not find."""
    score, why = 0.45, [f"{a.kind} {a.span.text!r} vs {b.span.text!r}"]
    if aligned:
        score, why = score + 0.15, [*why, "sentences aligned as one fact"]
    if similarity >= 0.75:
        score, why = score + 0.15, [*why, f"frames {similarity:.2f}"]
    if a.kind == "number" and a.unit:
        score, why = score + 0.15, [*why, f"both count {a.unit!r}"]
    if a.kind == "date" and a.event and b.event and not {a.event, b.event} & REPORTING:
        score, why = score + 0.2, [*why, "one dated event"]
    if a.kind == "place":
        score -= 0.15
    if a.claim.quoted or b.claim.quoted:
        score, why = score - 0.15, [*why, "inside a quotation"]
    if a.revised or b.revised:
        why.append("one side is a revised figure")
    return round(min(1.0, max(0.0, score)), 2), "; ".join(why)


def partnered(values: Sequence[Value]) -> list[Value]:
    """The values another outlet has a candidate for (``_comparable``): only their frames are
    worth embedding (the model is the cost of the comparison), grouped by kind and unit first."""
    groups: dict[tuple[str, str], list[Value]] = {}
    for v in values:
        groups.setdefault((v.kind, v.unit), []).append(v)
    return [v for v in values if any(w.span.outlet != v.span.outlet and _comparable(v, w)
                                     for w in groups[(v.kind, v.unit)])]


def _at(claim: Claim) -> tuple[str, int]:
    return claim.article_id, claim.start


def _assign(xs: Sequence[Value], ys: Sequence[Value],
            score: Callable[[Value, Value], float | None]) -> list[tuple[Value, Value]]:
    """One value of an article fills at most one slot of the other: pairs that agree first
    ("two people were killed" in both), then the best; so that in "two killed and 14 injured"
    against "killing two and injuring 16" the 14 meets the 16, not the two."""
    pairs = []
    for x in xs:
        for y in ys:
            s = score(x, y) if _comparable(x, y) else None
            if s is not None:
                pairs.append((consistent(x, y), s, id(x), id(y), x, y))
    used: set[int] = set()
    out = []
    for _, _, ix, iy, x, y in sorted(pairs, key=lambda p: (not p[0], -p[1])):
        if ix not in used and iy not in used:
            used |= {ix, iy}
            out.append((x, y))
    return out


def _agrees(value: Value, others: Sequence[Value], sim: Callable[[Value, Value], float],
            floor: float) -> bool:
    """The other article states this same figure or day too, in a related frame."""
    return any(consistent(value, o) and _comparable(value, o) and sim(value, o) >= floor for o in others)


def values_in(article: Article, claim: Claim) -> list[Value]:
    return _numbers(article, claim) + _dates(article, claim) + _place_values(article, claim)


def _place_values(article: Article, claim: Claim) -> list[Value]:
    # A place name is capitalized: "the nineteen fifties" tagged as a place is a tagging slip.
    out = []
    for m in _in_claim(article, claim, PLACES):
        if m.text[:1].isupper():
            frame = _frame(claim.text, m.start - claim.start, min(m.end, claim.end) - claim.start)
            key = m.entity_id or normalize(m.text)
            out.append(Value("place", key, 0.0, "", "", _span(article, m.start, m.end), claim, *frame,
                             _people(article, claim, m.start, m.end)))
    return out


def _numbers(article: Article, claim: Claim) -> list[Value]:
    # Figures inside a date or time ("March 14, 2025", "4:47 p.m.") belong to the date check.
    timed = [(t.start, t.end) for t in article.times]
    out = []
    for m in _AMOUNT.finditer(claim.text):
        start, end = claim.start + m.start(), claim.start + m.end()
        if (any(s < end and start < e for s, e in timed) or _CLOCK.match(claim.text, m.end())
                or _PAIRED.match(claim.text, m.end()) or _PAIRED_BEFORE.search(claim.text, 0, m.start())
                or re.fullmatch(r"0\d+", m.group("num"))):
            continue
        amount = _amount(m.group("num"), m.group("scale"))
        if amount is None or (m.group("num").isdigit() and 1800 <= amount <= 2100 and not m.group("scale")):
            continue  # a bare year is a date, and the date check has it
        unit = "%" if m.group("pct") else _unit(claim.text[m.end():])
        key = f"{amount:g}{unit if unit == '%' else ''}"
        revised = bool(_REVISED.search(" ".join(claim.text[:m.start()].split()[-REVISION_WORDS:])))
        out.append(Value("number", key, amount, _bound(claim.text[:m.start()]), unit,
                         _span(article, start, end), claim, *_frame(claim.text, m.start(), m.end()),
                         _people(article, claim, start, end), revised=revised))
    return out


def _people(article: Article, claim: Claim, start: int, end: int) -> frozenset[str]:
    """Who the value's clause names: the people a figure or a day is about. The clause, not the
    sentence: "One of the governor's nominees struggled at his hearing Thursday" and "his hearing on
    Wednesday, when he told Sen. Voss ..." date one hearing though the sentences name two
    people, neither of them the one the hearing was about."""
    return frozenset(key for m in _in_clause(article, claim, PEOPLE, start, end) if normalize(m.text)
                     for key in _person_keys(m))


def _person_keys(m: Mention) -> tuple[str, ...]:
    """A person's resolved entity and family name: one person resolved to two entities in two
    outlets ("Rusk" / "Pavel Rusk") still meets by name, so that their figures are one slot."""
    family = f"n:{normalize(m.canonical or m.text).split()[-1]}"
    return (f"e:{m.entity_id}", family) if m.entity_id else (family,)


def _in_clause(article: Article, claim: Claim, labels: frozenset[str], start: int, end: int) -> list[Mention]:
    """The claim's mentions inside the clause around article.text[start:end]."""
    lo, hi = _clause(claim.text, start - claim.start, min(end, claim.end) - claim.start)
    return [m for m in _in_claim(article, claim, labels) if claim.start + lo <= m.start < claim.start + hi]


def _amount(num: str, scale: str | None) -> float | None:
    word = NUMBER_WORDS.get(num.lower())
    try:
        value = float(word if word is not None else num.replace(",", ""))
    except ValueError:
        return None
    return value * SCALES.get((scale or "").lower(), 1.0)


def _unit(after: str) -> str:
    m = re.match(r"\s+([^\W\d_][\w'-]*)", after)
    word = m.group(1).lower() if m else ""
    return "" if word in FRAME_STOPWORDS else stem(word)


def _bound(before: str) -> str:
    tail = " ".join(before.lower().rstrip("$€£¥ ").split()[-3:])
    for bound, words in (("min", LOWER_BOUNDS), ("max", UPPER_BOUNDS), ("about", ESTIMATES)):
        if any(tail.endswith(w) for w in words):
            return bound
    return ""


def _dates(article: Article, claim: Claim) -> list[Value]:
    out = []
    clause_words = frozenset(stem(w) for w in _content(claim.text.split()))
    for t in article.times:
        if claim.start <= t.start < claim.end and stated_day(t):
            day = str(t.value).split("T")[0]
            entities = frozenset(_entity_key_of(m) for m in _in_clause(article, claim, NAMED, t.start, t.end)
                                 if normalize(m.text))
            out.append(Value("date", day, 0.0, "", _granularity(day), _span(article, t.start, t.end), claim,
                             *_frame(claim.text, t.start - claim.start, min(t.end, claim.end) - claim.start),
                             _people(article, claim, t.start, t.end), _event_word(article, t), clause_words,
                             entities))
    return out


def _event_word(article: Article, t: TimeExpr) -> str:
    """The event the expression dates, stemmed; "" when the stage found none."""
    if t.event_start is None or t.event_end is None:
        return ""
    return stem(article.text[t.event_start:t.event_end])


def _entity_key_of(m: Mention) -> str:
    return m.entity_id or normalize(m.text).split()[-1]


def same_event(a: Value, b: Value) -> bool:
    """Do two dates date one event? Unknown when either event is (frames decide then); else
    the events align — one word, or one outlet's event word named in the other's clause —
    and the clauses do not name only different entities ("Harlow Rail opened the depot" /
    "Vossen Freight opened the depot": two openings)."""
    if not a.event or not b.event:
        return True
    aligned = a.event == b.event or a.event in b.clause_words or b.event in a.clause_words
    return aligned and not (a.entities and b.entities and not a.entities & b.entities)


def stated_day(t: TimeExpr) -> bool:
    """A calendar date the text itself states (not "now", not a time of day alone)."""
    return (t.type in ("DATE", "TIME") and bool(t.value) and str(t.value)[:1].isdigit()
            and bool(_DAY_WORDS.search(t.text)))


def _granularity(value: str) -> str:
    return "week" if "W" in value else str(len(value))


def _frame(text: str, start: int, end: int) -> tuple[str, frozenset[str]]:
    """The value's clause, at most FRAME_WORDS words either side, the value masked as "#"; and
    the CONTEXT_WORDS content words nearest the value on either side, which say what it is."""
    lo, hi = _clause(text, start, end)
    left = text[lo:start].split()[-FRAME_WORDS:]
    right = text[end:hi].split()[:FRAME_WORDS]
    near = _content(reversed(left))[:CONTEXT_WORDS] + _content(right)[:CONTEXT_WORDS]
    # The start or the end of a change ("fell from # to 41,000", "from a revised #") says what
    # a figure is as well as a content word does: the week before, the week now.
    change = [f"<{w}>" for w in (w.lower() for w in left[-3:]) if w in ("from", "to")][-1:]
    context = frozenset(CASUALTY_WORDS.get(stem(w), stem(w)) for w in near)
    return " ".join([*left, "#", *right]), context | frozenset(change)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around text[start:end] begins and ends (``_CLAUSE_BREAK``)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return (breaks[-1] if breaks else 0), (after.start() if after else len(text))


def _content(words: Iterable[str]) -> list[str]:
    """Lower-case content words (names, which every frame of a story shares, do not count)."""
    out = []
    for word in words:
        w = word.strip(".,;:!?\"'“”‘’()[]")
        if re.fullmatch(r"[a-z][\w'-]+", w) and w not in FRAME_STOPWORDS and w not in NUMBER_WORDS \
                and w not in SCALES:
            out.append(w)
    return out


def _root(word: str) -> str:
    """``stem`` without the cut to five letters."""
    word = word.lower().strip("'-")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _comparable(a: Value, b: Value) -> bool:
    """Candidates for one slot: the same kind and unit ("14 passengers" is no count of trains;
    a day meets a day, not a month), a content word next to both, and not about two different
    sets of people ("Cheeks played 11 seasons" / "O'Brien coached five")."""
    if a.kind != b.kind or a.unit != b.unit or not (a.context & b.context) - {a.unit}:
        return False
    if _casualties(a) and _casualties(b) and not _casualties(a) & _casualties(b):
        return False  # the dead and the injured: two tolls, whatever else the frames share
    if a.kind == "date" and not same_event(a, b):
        return False
    return not (a.people and b.people and not a.people & b.people)


def _casualties(v: Value) -> frozenset[str]:
    return v.context & frozenset(CASUALTY_WORDS.values())


def _frame_similarity(values: Sequence[Value], embedder: Embedder | None) -> np.ndarray:
    return text_similarity([v.frame for v in values], embedder, lambda i, j: values[i].kind == values[j].kind)


def consistent(a: Value, b: Value) -> bool:
    """Can both values be right? Equal, or one a bound or an estimate the other satisfies."""
    if a.key == b.key:
        return True
    if a.kind == "date":
        return False
    if a.bound == b.bound == "about":
        # Two estimates: each allows a tenth around itself, but two outlets' estimates of one
        # figure differing by more than a twentieth ("some 1.5 million" / "an estimated 1.4
        # million") are two answers; "about 300" / "some 310" are one.
        return abs(a.amount - b.amount) <= ESTIMATE_TOLERANCE / 2 * max(abs(a.amount), abs(b.amount))
    return _within(a, b.amount) or _within(b, a.amount) or _rounds_to(a.amount, b.amount) \
        or _rounds_to(b.amount, a.amount)


def _rounds_to(rounded: float, precise: float) -> bool:
    """Is ``rounded`` (a figure ending in ROUNDED_ZEROS zeros or more) ``precise`` rounded?"""
    if rounded <= 0 or rounded != int(rounded):
        return False
    whole, zeros = int(rounded), 0
    while whole % 10 == 0 and whole:
        whole, zeros = whole // 10, zeros + 1
    return zeros >= ROUNDED_ZEROS and round(precise, -zeros) == rounded


def _within(bounded: Value, amount: float) -> bool:
    if bounded.bound == "min":
        return amount >= bounded.amount
    if bounded.bound == "max":
        return amount <= bounded.amount
    if bounded.bound == "about":
        return abs(amount - bounded.amount) <= ESTIMATE_TOLERANCE * abs(bounded.amount)
    return False


# -- places and spellings in aligned claims ----------------------------------------------------


def claim_disagreements(a: Article, ca: Claim, b: Article, cb: Claim,
                        settings: StorySettings) -> list[Disagreement]:
    return _spelling_in_claims(a, ca, b, cb, settings) + _asserted_and_denied(a, ca, b, cb)


def negated_predicate(text: str) -> str | None:
    """The stemmed word a negation denies ("did not sign" -> "sign"), None when the text has
    no negation; "" when it has one but no content word follows it closely."""
    word = negated_word(text)
    return None if word is None else stem(word) if word else ""


def negated_word(text: str) -> str | None:
    """The word a negation denies, as written ("did not sign" -> "sign"); None, "": as above."""
    words = [w.strip(".,;:!?\"'“”‘’()").replace("’", "'") for w in text.split()]
    for n, word in enumerate(words):
        if word.lower() in NEGATIONS or word.lower().endswith("n't"):
            after = _content(w for w in words[n + 1 : n + 1 + NEGATED_REACH] if w not in AUXILIARIES)
            return after[0] if after else ""
    return None


def _asserted_and_denied(a: Article, ca: Claim, b: Article, cb: Claim) -> list[Disagreement]:
    """One aligned claim says it happened, the other that it did not: the negated word is a
    word of the other claim, which has no negation, and the two share most content words (the
    same predicate and object, not two facts of one sentence). Quotations are left out: a
    speaker denying what an outlet reports is a statement, not the outlets disagreeing."""
    if ca.quoted or cb.quoted:
        return []
    na, nb = negated_predicate(ca.text), negated_predicate(cb.text)
    if (na is None) == (nb is None):
        return []
    negated, plain = (ca, cb) if na is not None else (cb, ca)
    if _HEDGED.search(negated.text):
        return []  # "might not attend" says it is uncertain, not that it did not happen
    word = na if na is not None else nb
    plain_words = {stem(w) for w in _content(plain.text.split())}
    neg_words = {stem(w) for w in _content(negated.text.split())}
    overlap = len(plain_words & neg_words) / max(1, min(len(plain_words), len(neg_words)))
    if not word or word not in plain_words or overlap < DENIAL_OVERLAP:
        return []
    confidence = round(0.5 + 0.2 * (overlap >= 0.75), 2)
    reason = f"{word!r} asserted in one, denied in the other; {overlap:.0%} of content words shared"
    return [Disagreement("claim", _claim_ref(a, ca), _claim_ref(b, cb), [], _claim_ref(a, ca),
                         _claim_ref(b, cb), confidence, reason)]


def unaligned_denials(articles: Sequence[Article], coverage: Coverage) -> list[Disagreement]:
    """A denial in one outlet ("no arrests have been made in Ada Marsh's death") against
    another outlet's plain report of it ("police arrested a suspect in the death of Ada
    Marsh"), in sentences the alignment did not pair: a lead rewritten with an update, or one
    clause of a long sentence. Asked more than of aligned claims: the denied word and most of
    the denial segment's content words in the other claim, and a name of the segment there too."""
    by_id = {a.id: a for a in articles}
    claims = [c for f in coverage.facts for c in f.claims if not c.quoted and not c.foreign]
    plain: dict[str, list[_Plain]] = {}  # by the roots of their words: a denial meets only its word's
    for c in claims:
        if negated_predicate(c.text) is None:
            read = _Plain.of(by_id[c.article_id], c)
            for root in read.roots:
                plain.setdefault(root, []).append(read)
    out = []
    for neg in claims:
        article = by_id[neg.article_id]
        for word, lo, hi in denials_in(neg.text):
            segment = frozenset(stem(w) for w in _content(neg.text[lo:hi].split()))
            names = _names_between(article, neg.start + lo, neg.start + hi)
            if len(segment) < DENIAL_WORDS or not names or _in_quote(article, neg.start + lo, neg.start + hi):
                continue
            side = _span(article, neg.start + lo, neg.start + hi)
            out += [_denial(side, _claim_ref(article, neg), other, word, segment, names)
                    for other in plain.get(_root(word), []) if other.claim.outlet != neg.outlet
                    and other.answers(word, segment, names)]
    return out


@dataclass(frozen=True, slots=True)
class _Plain:
    """A claim with no negation, read once for the denials it may answer."""

    article: Article
    claim: Claim
    stems: frozenset[str]
    roots: frozenset[str]
    names: frozenset[str]

    def answers(self, word: str, segment: frozenset[str], names: frozenset[str]) -> bool:
        """Does this claim assert what the segment denies: the denied word itself (not its first
        five letters: "familiar" is no form of "family"), most of the segment's content words,
        and one of its names?"""
        return (_root(word) in self.roots and len(self.stems & segment) >= DENIAL_OVERLAP * len(segment)
                and bool(self.names & names))

    @classmethod
    def of(cls, article: Article, claim: Claim) -> _Plain:
        content = _content(claim.text.split())
        return cls(article, claim, frozenset(stem(w) for w in content), frozenset(_root(w) for w in content),
                   _names_between(article, claim.start, claim.end))


def _denial(side: SpanRef, denying: SpanRef, other: _Plain, word: str, segment: frozenset[str],
            names: frozenset[str]) -> Disagreement:
    overlap = len(other.stems & segment) / len(segment)
    confidence = round(0.6 + 0.2 * (overlap >= 0.75), 2)
    reason = (f"{word!r} denied in one, asserted in the other; both name {len(names & other.names)} of "
              f"the same entities; {overlap:.0%} of the denial's content words shared")
    asserting = _claim_ref(other.article, other.claim)
    return Disagreement("claim", side, asserting, [], denying, asserting, confidence, reason)


def denials_in(text: str) -> list[tuple[str, int, int]]:
    """Each segment of the text that denies something: the word it denies and where the
    segment is (``_SEGMENT_BREAK``)."""
    cuts = [0, *(x for m in _SEGMENT_BREAK.finditer(text) for x in (m.start(), m.end())), len(text)]
    out = []
    for lo, hi in zip(cuts[::2], cuts[1::2], strict=False):
        segment = text[lo:hi]
        word = negated_word(segment)
        if word and not _STATED_DENIAL.search(segment) and not _HEDGED.search(segment):
            out.append((word, lo, hi))
    return out


def _names_between(article: Article, start: int, end: int) -> frozenset[str]:
    return frozenset(m.entity_id or normalize(m.text) for m in article.mentions
                     if m.label in NAMED and start <= m.start < end and normalize(m.text))


def _in_quote(article: Article, start: int, end: int) -> bool:
    return any(q.kind == "direct" and q.start <= start and end <= q.end for q in article.quotes)


def _names_place(texts: dict[str, str], outlet: str, place: Value) -> bool:
    """Does this outlet name the place anywhere in the story? Then it is context ("Port Adley"
    and its state "Carrow" are two levels of one answer), not a rival location."""
    return f" {normalize(place.span.text)} " in texts.get(outlet, "")


def outlet_texts(articles: Sequence[Article]) -> dict[str, str]:
    """Each outlet's articles as one normalized text, padded so that " name " finds words."""
    texts: dict[str, list[str]] = {}
    for a in articles:
        texts.setdefault(outlet_of(a), []).append(f" {normalize(a.text)} ")
    return {o: " ".join(t) for o, t in texts.items()}


def _place_context(a: Value, b: Value, texts: dict[str, str], settings: StorySettings) -> bool:
    return (_close(a, b, settings) or _names_place(texts, b.span.outlet, a)
            or _names_place(texts, a.span.outlet, b))


def _close(a: Value, b: Value, settings: StorySettings) -> bool:
    """One place spelled two ways: a spelling finding, not a place disagreement."""
    return fuzz.ratio(normalize(a.span.text), normalize(b.span.text)) >= settings.spelling_ratio


def _ref(claim: Claim, by_id: dict[str, Article]) -> SpanRef:
    return _claim_ref(by_id[claim.article_id], claim)


def _claim_ref(article: Article, claim: Claim) -> SpanRef:
    return SpanRef(article.id, claim.outlet, claim.start, claim.end, claim.text)


def _span(article: Article, start: int, end: int) -> SpanRef:
    return SpanRef(article.id, outlet_of(article), start, end, article.text[start:end])


def _in_claim(article: Article, claim: Claim, labels: frozenset[str]) -> list[Mention]:
    return [m for m in article.mentions if m.label in labels and claim.start <= m.start < claim.end]


def is_respelling(x: str, y: str, settings: StorySettings) -> bool:
    """Close but different, and not a short form ("Okafor" of "Dana Okafor" is no respelling)
    nor typography: "U.S."/"US", "P.J."/"PJ", "Trail Blazers"/"Trailblazers" differ only in
    dots, hyphens and spaces, not in letters."""
    nx, ny = normalize(x), normalize(y)
    wx, wy = set(nx.split()), set(ny.split())
    if not nx or not ny or nx == ny or wx <= wy or wy <= wx or _letters(x) == _letters(y):
        return False
    if transliterated(x) == transliterated(y) or familiar_forms(nx, ny):
        return False
    return fuzz.ratio(nx, ny) >= settings.spelling_ratio


def familiar_forms(x: str, y: str) -> bool:
    """One name with a familiar given name in one and the full one in the other ("steve
    bannon" / "stephen bannon", "chris wray" / "christopher wray"): same family name, and the
    given names are one name (``FAMILIAR``, or one the start of the other)."""
    wx, wy = x.split(), y.split()
    if len(wx) < 2 or len(wy) < 2 or wx[1:] != wy[1:] or wx[0] == wy[0]:
        return False
    short, full = sorted((wx[0], wy[0]), key=len)
    # A cut drops a syllable ("Alex" / "Alexander"); one letter more is another name ("Ann" / "Anna").
    cut = len(short) >= 3 and len(full) >= len(short) + 2 and full.startswith(short)
    return full in FAMILIAR.get(short, frozenset()) or cut


def _letters(name: str) -> str:
    return "".join(c for c in normalize(name) if c.isalnum())


def transliterated(name: str) -> str:
    """The name with what transliteration and typesetting vary folded away: diacritics
    ("Müller"/"Muller"), doubled letters and y/i ("Zelenskyy"/"Zelensky", "Dmitriy"/"Dmitri"),
    "ph"/"f", "kh"/"h". Names equal here are one spelling, not two."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    letters = _letters(plain).replace("ph", "f").replace("kh", "h").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", letters)


def _spelling_in_claims(a: Article, ca: Claim, b: Article, cb: Claim,
                        settings: StorySettings) -> list[Disagreement]:
    return [Disagreement("spelling", _span(a, ma.start, ma.end), _span(b, mb.start, mb.end), [],
                         _claim_ref(a, ca), _claim_ref(b, cb), *spelling_confidence(ma, mb))
            for ma in _in_claim(a, ca, SPELLED) for mb in _in_claim(b, cb, SPELLED)
            if ma.label == mb.label and not _other_entities(ma, mb)
            and is_respelling(ma.text, mb.text, settings)]


def spelling_confidence(a: Mention, b: Mention) -> tuple[float, str]:
    """A person's name resolved to one entity on both sides is the surest respelling; a name
    of an organisation or a place, or one only the sentences' alignment ties, less so (two
    similar names may be two bodies: "Calder Rail" / "Calder Mail")."""
    same = bool(a.entity_id and a.entity_id == b.entity_id)
    score = 0.5 + 0.2 * same + 0.15 * (a.label in PEOPLE)
    why = [f"name {a.text!r} vs {b.text!r}", "one resolved entity" if same else "aligned sentences",
           "a person" if a.label in PEOPLE else a.label.lower()]
    return round(score, 2), "; ".join(why)


def _other_entities(a: Mention, b: Mention) -> bool:
    """Resolved to two different entities: two names, not one name spelled two ways."""
    return bool(a.entity_id and b.entity_id and a.entity_id != b.entity_id)


def spelling_by_entity(articles: Sequence[Article], settings: StorySettings) -> list[Disagreement]:
    """One resolved entity, spelled differently by two outlets (each outlet's forms of it)."""
    forms: dict[str, dict[tuple[str, str], tuple[Article, Mention]]] = {}
    for article in articles:
        for m in article.mentions:
            if m.entity_id and m.label in SPELLED:
                spelled = forms.setdefault(m.entity_id, {})
                spelled.setdefault((outlet_of(article), normalize(m.text)), (article, m))
    out = []
    for spelled in forms.values():
        items = list(spelled.values())
        for i, (aa, ma) in enumerate(items):
            for ab, mb in items[i + 1:]:
                if outlet_of(aa) != outlet_of(ab) and is_respelling(ma.text, mb.text, settings):
                    out.append(Disagreement("spelling", _span(aa, ma.start, ma.end),
                                            _span(ab, mb.start, mb.end), [], None, None,
                                            *spelling_confidence(ma, mb)))
    return out


# -- omissions ---------------------------------------------------------------------------------


def omissions(articles: Sequence[Article], settings: StorySettings) -> list[Disagreement]:
    """People and organisations one outlet names prominently (twice, in its lead, or as a
    quoted source) that other outlets never name.

    Among many outlets, a name only one of them gives is that outlet's own detail: it is an
    omission by the others once a share of the outlets (``omission_share``) names it.

    The press itself is no omission: an outlet naming itself ("told Meridian Wire") or
    another outlet of the story is a byline matter, not a news actor the others left out.
    """
    outlets = sorted({outlet_of(a) for a in articles})
    if len(outlets) < 2:
        return []
    named: dict[str, dict[str, list[tuple[Article, Mention]]]] = {o: {} for o in outlets}
    quoted: set[tuple[str, str]] = set()  # (outlet, key) of named sources it quotes
    for article in articles:
        for m in article.mentions:
            named[outlet_of(article)].setdefault(_entity_key(m), []).append((article, m))
        for m in _speakers(article):
            named[outlet_of(article)].setdefault(_entity_key(m), []).append((article, m))
            quoted.add((outlet_of(article), _entity_key(m)))
    texts = outlet_texts(articles)
    out, reported = [], set()
    for outlet in outlets:
        for key, places in named[outlet].items():
            # shown by its fullest form ("Tony DiLeo", not a later bare "DiLeo")
            article, first = max(places, key=lambda p: (len(p[1].text), -p[1].start))
            if (key in reported or not any(m.label in ("PERSON", "ORG") for _, m in places)
                    or _is_press(first, outlets, settings) or _capitalized_word(places)):
                continue
            prominent = (len({(a.id, m.start) for a, m in places}) >= 2 or (outlet, key) in quoted
                         or first.start < 0.25 * max(1, len(article.text)))
            missing = [o for o in outlets if o != outlet
                       and not _names_it(named[o], texts[o], key, first, settings)]
            shared = len(outlets) - len(missing) >= settings.omission_share * len(outlets)
            if prominent and missing and shared:  # once per entity: the first outlet naming it stands for all
                reported.add(key)
                out.append(Disagreement("omission", _span(article, first.start, first.end), None, missing))
    return out


def _speakers(article: Article) -> list[Mention]:
    """Quoted sources resolved to an entity, as mentions of their name where the article
    names them (a speaker's NER label may be wrong or missing; being quoted says who it is)."""
    out = []
    for q in article.quotes:
        s = q.speaker
        if s is None or not s.entity_id or s.kind not in ("person", "organization") or s.start is None:
            continue
        start, end = s.start, s.end if s.end is not None else s.start + len(s.name)
        inside = [m for m in article.mentions if m.start < end and start < m.end]
        if inside:  # the name's own span, without a leading "the" or a role
            start, end = inside[0].start, inside[0].end
        surface = article.text[start:end]
        if s.name.split() and s.name.split()[-1] in surface:
            out.append(Mention(surface, start, end, "PERSON" if s.kind == "person" else "ORG", s.entity_id,
                               s.name))
    return out


def _capitalized_word(places: Sequence[tuple[Article, Mention]]) -> bool:
    """One word, only ever at the start of a sentence: "Floodwater swept ..." tagged as a name
    is an ordinary word a capital letter made look like one."""
    return all(len(m.text.split()) == 1 and _sentence_start(a.text, m.start) for a, m in places)


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \"'“‘")
    return not before or before[-1] in ".!?\n"


def _is_press(m: Mention, outlets: Sequence[str], settings: StorySettings) -> bool:
    name = set(normalize(m.canonical or m.text).split())
    return bool(name) and any(name <= set(normalize(o).split()) or
                              fuzz.ratio(normalize(m.text), normalize(o)) >= settings.spelling_ratio
                              for o in outlets if not o.startswith("(unknown"))


def _entity_key(m: Mention) -> str:
    return f"e:{m.entity_id}" if m.entity_id else f"n:{normalize(m.canonical or m.text)}"


def _names_it(names: dict[str, list[tuple[Article, Mention]]], text: str, key: str, mention: Mention,
              settings: StorySettings) -> bool:
    """Does the other outlet name this entity at all: the same resolved entity, its full name
    anywhere in the text (under any label), a respelling, or its bare family name — unless
    that name was resolved to someone else (Mayor Dana Okafor is not analyst Femi Okafor)."""
    full = normalize(mention.canonical or mention.text)
    if key in names or (full and f" {full} " in text):
        return True
    surname = full.split()[-1] if full else ""
    someone_else = False  # the family name belongs to another resolved person in that outlet
    for group in names.values():
        for _, m in group:
            other = normalize(m.canonical or m.text)
            if _other_entities(mention, m):
                someone_else |= bool(surname) and other.split()[-1:] == [surname]
                continue
            if fuzz.ratio(full, other) >= settings.spelling_ratio and _same_given_name(full, other):
                return True
            if surname and other == surname:
                return True
    # A bare family name in the text (the tagger may have missed or mislabelled it) names a
    # person too, unless that outlet gives the name to somebody else.
    return (mention.label == "PERSON" and len(full.split()) > 1 and len(surname) > 2
            and f" {surname} " in text and not someone_else)


def _same_given_name(a: str, b: str) -> bool:
    """"Ilse Marchetti" and "Ilse Marcetti" are one name; "Femi Okafor" and "Dana Okafor" two."""
    wa, wb = a.split(), b.split()
    return len(wa) < 2 or len(wb) < 2 or wa[0][:1] == wb[0][:1]


def _unique(found: Sequence[Disagreement]) -> list[Disagreement]:
    """Each finding once, in the order found.

    A spelling is found per claim and per entity: it is kept once per pair of outlets and
    family names, the fullest form first ("Ilse Marchetti"/"Ilse Marcetti" rather than the bare
    "Marchetti"/"Marcetti" of the same two outlets).
    """
    seen: set[tuple[object, ...]] = set()
    kept: set[int] = set()
    for n, d in sorted(enumerate(found), key=lambda nd: -len(nd[1].a.text) * (nd[1].kind == "spelling")):
        if d.kind == "spelling" and d.b is not None:
            key: tuple[object, ...] = (d.kind, frozenset({(d.a.outlet, _family(d.a.text)),
                                                          (d.b.outlet, _family(d.b.text))}))
        else:
            other = (d.b.article_id, d.b.start) if d.b else None
            key = (d.kind, frozenset({(d.a.article_id, d.a.start), other}))
        if key not in seen:
            seen.add(key)
            kept.add(n)
    return [d for n, d in enumerate(found) if n in kept]


def _family(name: str) -> str:
    words = normalize(name).split()
    return words[-1] if words else ""
