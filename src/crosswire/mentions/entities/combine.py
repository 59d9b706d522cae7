"""Combine the learned tagger's CoNLL names with spaCy's finer OntoNotes mentions.

The tagger knows four types (PER, ORG, LOC, MISC) and is better at boundaries and at the
kind of a name in news; spaCy knows eighteen labels. Neither replaces the other:

* same span, compatible kinds (PER~PERSON, LOC~GPE/LOC/FAC, ORG~ORG, MISC~NORP/EVENT/
  PRODUCT/WORK_OF_ART/LAW/LANGUAGE): spaCy's finer label stays;
* conflicting kinds: the tagger's wins when its least sure token is at least ``OVERRULE``
  sure (a marginal probability, chosen on the tuning split);
* other boundaries ("Ursula von der Leyen" over spaCy's "Ursula von" + "Leyen"): the
  tagger's span wins above ``RESPAN``, shorter ones too (letting only longer spans win
  cost 0.025 F1 on CoNLL dev: spaCy runs names into the words around them). spaCy splits
  "Jong-un" in three tokens, so the tagger's spans are first widened over a hyphen;
* a name spaCy missed (a launch site, a club) is added above ``ADD``;
* a spaCy name the tagger reads as no name at all is dropped above ``DROP``.

A label the tagger brings is made fine from the name itself (``fine_label``). Mentions that
are not names (dates, amounts) are left alone unless a sure name overlaps them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.mentions.entities.places import demonym_place, is_place
from crosswire.mentions.entities.vocab import HEAD_LABELS, NAME_LABELS, words
from crosswire.types import Mention

if TYPE_CHECKING:  # the model module imports crfsuite: only the stage's model step needs it
    from crosswire.mentions.entities.model import Found, Tagged

COMPATIBLE: dict[str, frozenset[str]] = {
    "PER": frozenset({"PERSON"}),
    "ORG": frozenset({"ORG"}),
    "LOC": frozenset({"GPE", "LOC", "FAC"}),
    "MISC": frozenset({"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}),
}

# A word that heads the name of an event ("World Cup", "Paris Open", "Gulf War").
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words a title-case headline leaves in lower case.
_SMALL_WORDS = words("a an the and or but of in on at to for from by with as vs v via into over")
_EVENT_HEADS = words("""
cup championship championships open games olympics olympiad war wars election elections
tournament trophy series prix grand festival summit conference derby league rally
""")
# Words after a hyphen that make an adjective of the name before it ("US-led talks").
_COMPOUND_ENDINGS = words("""
led based backed born owned run made funded style era linked controlled held occupied
allied bound wide passed brokered sponsored affiliated aligned friendly centric
""")
_DEMONYM_ENDING = re.compile(r"(?:an|ans|ese|ish|ic|i|ch)$")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Marginal probabilities above which the tagger overrules spaCy, chosen on CoNLL dev
    (TUNING). F1 there is flat between 0.5 and 0.9 for the first three (±0.001: the tagger
    is rarely unsure); never dropping spaCy's names costs 0.004."""

    overrule: float = 0.7
    respan: float = 0.7
    add: float = 0.6
    drop: float = 0.8
    # The CoNLL types a name spaCy missed may be added as, and the spaCy labels the tagger
    # may overrule (None: any); a probability above 1 turns its step off.
    add_kinds: frozenset[str] = frozenset(COMPATIBLE)
    overruled: frozenset[str] | None = None
    # The (spaCy label, tagger type) changes a relabel may make (None: any).
    relabels: frozenset[tuple[str, str]] | None = None
    # Leave lines in title case to spaCy: the tagger learnt from sentences in sentence case
    # and from headlines in capitals, and reads a title-case headline's words as names.
    guard_headlines: bool = False
    # Never cut a known place spaCy found whole ("Los Angeles", "North Carolina") into parts.
    keep_places: bool = False


THRESHOLDS = Thresholds()
# A marginal probability no tag reaches: the step it guards never runs.
NEVER = 2.0
# The tagger's sure additions alone: an ORG or a PERSON spaCy missed, at least 0.9 sure;
# spaCy's spans and labels are never changed. Chosen on CoNLL dev (TUNING) among the
# combinations that leave spaCy's labels alone where CoNLL cannot judge them, after reading
# the changes each made to sentences written for the purpose (not evaluation data): the
# tagger's relabels and respans turned a retailer into a place and a launch site into a
# person there, its additions named teams and platforms. CoNLL dev F1: rules 0.716, these
# additions 0.767 (0.770 at 0.6, which also added a drug maker as a PERSON), the full
# combination 0.888.
ADDITIONS = Thresholds(overrule=NEVER, respan=NEVER, add=0.9, drop=NEVER,
                       add_kinds=frozenset({"PER", "ORG"}))


def combine(text: str, mentions: list[Mention], found: list[Found], tagged: list[Tagged],
            sure: set[int], limits: Thresholds | None = None) -> list[Mention]:
    """``mentions`` corrected by the tagger's names ``found`` and its per-token ``tagged``
    (``limits``: ``THRESHOLDS`` unless given)."""
    limits = limits or THRESHOLDS
    names = _Spans([m for m in mentions if m.label in NAME_LABELS])
    others = _Spans([m for m in mentions if m.label not in NAME_LABELS])
    removed: set[int] = set()
    added: list[Mention] = []
    headlines = _TitleCaseLines(text) if limits.guard_headlines else None
    for name in (whole_words(text, f) for f in found):
        name = _without_compound_ending(text, name)
        overlapping = names.overlapping(name.start, name.end)
        if headlines is not None and headlines.holds(name.start):
            continue  # spaCy's reading of a headline in title case stands: see Thresholds
        if not overlapping:
            if name.kind in limits.add_kinds and name.confidence >= limits.add \
                    and _clear_of(others, name, limits, removed):
                added.append(Mention(text[name.start:name.end], name.start, name.end, fine_label(text, name)))
        elif _other_span(name, overlapping) and name.confidence >= limits.respan \
                and not (limits.keep_places and _splits_a_place(name, overlapping)):
            removed.update(id(m) for m in overlapping)
            added.append(_respanned(text, name, overlapping))
        elif len(overlapping) == 1:
            # The same span (or another one the tagger is unsure of): the kind may change.
            _relabel(text, overlapping[0], name, sure, limits)
    covered = _Covered(found)
    starts = [t.start for t in tagged]
    for mention in names.mentions:
        if id(mention) in sure or covered.touches(mention):
            continue
        if _outside_confidence(tagged, starts, mention) >= limits.drop:
            removed.add(id(mention))
    return [m for m in mentions if id(m) not in removed] + added


def whole_words(text: str, name: Found) -> Found:
    """The name widened over a lower-case piece after a hyphen: spaCy splits "Jong-un" into
    three tokens and the tagger, trained on CoNLL's unsplit ones, may stop at the hyphen. A
    capital after the hyphen starts another name ("Korea-Russia talks")."""
    end = name.end
    while end + 1 < len(text) and text[end] in "-‐" and text[end + 1].islower():
        word = end + 1
        while word < len(text) and text[word].isalnum():
            word += 1
        if text[end + 1:word] in _COMPOUND_ENDINGS:
            break  # "US-led", "Chicago-based": an adjective made of the name, not the name
        end = word
    return name._replace(end=end)


def _without_compound_ending(text: str, name: Found) -> Found:
    """The name without a hyphenated adjective ending it: the tagger, trained on CoNLL's
    unsplit tokens, reads "US-led" as one name, and spaCy's "US" is the place."""
    hyphen = max(text.rfind("-", name.start, name.end), text.rfind("‐", name.start, name.end))
    if hyphen > name.start and text[hyphen + 1:name.end] in _COMPOUND_ENDINGS:
        return name._replace(end=hyphen)
    return name


def _splits_a_place(name: Found, overlapping: list[Mention]) -> bool:
    """Would the tagger's span cut a place spaCy found whole, a known one or one of several
    words ("North Carolina" into "Carolina", "Port of Los Angeles" into "Port" and "Los
    Angeles"), or run two places into one name ("US-Mexico")?"""
    places = [m for m in overlapping if m.label in _PLACE_LABELS]
    cut = any((is_place(m.text) or " " in m.text) and not (name.start <= m.start and m.end <= name.end)
              for m in places)
    return cut or len(places) > 1


def _other_span(name: Found, overlapping: list[Mention]) -> bool:
    return any((m.start, m.end) != (name.start, name.end) for m in overlapping)


def compatible(kind: str, label: str) -> bool:
    return label in COMPATIBLE.get(kind, frozenset())


def fine_label(text: str, name: Found) -> str:
    """The OntoNotes label for a name the tagger typed ``name.kind``, read from its words."""
    words = text[name.start:name.end].split()
    head = words[-1].lower().rstrip(".") if words else ""
    if name.kind == "PER":
        return "PERSON"
    if name.kind == "ORG":
        return "ORG"
    if name.kind == "LOC":
        # OntoNotes' LOC is for places that are not states or towns (rivers, ranges,
        # regions), and those mostly say so in their last word ("Serrin River"); a bare
        # name of a place in news is most often a town or a country.
        by_head = HEAD_LABELS.get(head)
        return by_head if by_head in ("FAC", "LOC", "GPE") else "GPE"
    if demonym_place(text[name.start:name.end]) or (len(words) == 1 and _DEMONYM_ENDING.search(head)):
        return "NORP"
    # CoNLL's other MISC names are mostly events ("Australian Open") and products; one word
    # alone is most often a people or a creed ("Sunni", "Zulu").
    return "EVENT" if head in _EVENT_HEADS or len(words) > 1 else "NORP"


def _relabel(text: str, mention: Mention, name: Found, sure: set[int], limits: Thresholds) -> None:
    if compatible(name.kind, mention.label) or id(mention) in sure:
        return
    if limits.overruled is not None and mention.label not in limits.overruled:
        return
    if limits.relabels is not None and (mention.label, name.kind) not in limits.relabels:
        return
    if name.confidence >= limits.overrule:
        mention.label = fine_label(text, name)


def _respanned(text: str, name: Found, overlapping: list[Mention]) -> Mention:
    """The tagger's span, with the finer label of the longest compatible mention it replaces."""
    label = fine_label(text, name)
    for mention in sorted(overlapping, key=lambda m: m.start - m.end):
        if compatible(name.kind, mention.label):
            label = mention.label
            break
    return Mention(text[name.start:name.end], name.start, name.end, label)


def _clear_of(others: _Spans, name: Found, limits: Thresholds, removed: set[int]) -> bool:
    """A new name may take the place of dates or amounts it overlaps only when it is sure."""
    overlapping = others.overlapping(name.start, name.end)
    if overlapping and name.confidence < limits.overrule:
        return False
    removed.update(id(m) for m in overlapping)
    return True


def _outside_confidence(tagged: list[Tagged], starts: list[int], mention: Mention) -> float:
    """How sure the tagger is that none of the mention's tokens is part of a name."""
    at = bisect_left(starts, mention.start)
    inside = []
    while at < len(tagged) and tagged[at].start < mention.end:
        inside.append(tagged[at])
        at += 1
    if not inside or any(t.tag != "O" for t in inside):
        return 0.0
    return min(t.confidence for t in inside)


class _Spans:
    """Mentions sorted by start, asked for the ones overlapping a range: an article has
    hundreds of mentions and names, and comparing each with each would grow as their product."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return [m for m in self.mentions[first:last] if m.end > start]


class _TitleCaseLines:
    """The lines of a text written in title case: four words or more, nearly every word
    but the small ones capitalised, no digit, not all in capitals (a wire headline in
    capitals is what the tagger learnt from)."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        at = 0
        for line in text.split("\n"):
            if _in_title_case(line):
                self.spans.append((at, at + len(line)))
            at += len(line) + 1
        self.starts = [s for s, _ in self.spans]

    def holds(self, offset: int) -> bool:
        at = bisect_left(self.starts, offset + 1) - 1
        return at >= 0 and offset < self.spans[at][1]


def _in_title_case(line: str) -> bool:
    found: list[str] = re.findall(r"[^\W\d_][\w'’-]*", line)
    kept = [w for w in found if w.lower() not in _SMALL_WORDS]
    if len(kept) < 4 or line.isupper() or any(c.isdigit() for c in line):
        return False  # a row of a results table or a line-up is no headline
    return sum(w[0].isupper() for w in kept) >= 0.8 * len(kept)


class _Covered:
    """Which character ranges the tagger called names, asked for by overlap."""

    def __init__(self, found: list[Found]) -> None:
        self.spans = sorted((f.start, f.end) for f in found)
        self.starts = [s for s, _ in self.spans]

    def touches(self, mention: Mention) -> bool:
        at = bisect_left(self.starts, mention.end)
        return any(e > mention.start for _, e in self.spans[max(0, at - 8):at])
