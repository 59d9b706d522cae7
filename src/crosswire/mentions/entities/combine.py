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

The guarded correction (``THRESHOLDS``, ``Settings.entity_model``) keeps news from CoNLL's
habits: only the changes of type in ``RELABELS`` (a respan keeps spaCy's type otherwise
too), lines in title case left to spaCy, no place cut or two run together, no two names
joined at a hyphen, no hyphenated adjective typed ("US-led"), no span of glued or repeated
words. ``FULL`` is the same
correction unguarded, ``ADDITIONS`` its sure additions alone.

A label the tagger brings is made fine from the name itself (``fine_label``). Mentions that
are not names (dates, amounts) are left alone unless a sure name overlaps them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise
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
_GLUED = re.compile(r"[a-z][A-Z]{2}")
# Words a title-case headline leaves in lower case.
_SMALL_WORDS = words("a an the and or but of in on at to for from by with as vs v via into over")
_EVENT_HEADS = words("""
cup championship championships open games olympics olympiad war wars election elections
tournament trophy series prix grand festival summit conference derby league rally
""")
# Words after a hyphen that make an adjective of the name before it ("US-led talks").
_COMPOUND_ENDINGS = words("""
led based backed born owned run made funded style era linked controlled held occupied
allied bound wide passed brokered sponsored affiliated aligned friendly centric related like
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
    # Never cut a place spaCy found whole ("Los Angeles", "North Carolina") into parts, nor
    # join spaCy's names at a hyphen ("Arlow-Tarrance"), nor take a span of glued words.
    keep_whole: bool = False


# The full correction without the guards below: CoNLL dev F1 0.888, but on news it typed one
# name differently from outlet to outlet (CoNLL's conventions: the White House a place, the
# Taliban a nationality) and read title-case headlines as names, which split entities.
FULL = Thresholds()
# The changes of type the shipped correction may make (spaCy's label, the tagger's type):
# those CoNLL dev gains from that changed no name's type in the news tuning set for the
# worse (a company spaCy took for a place or a person, a work or a law that is an
# organisation, a people spaCy took for a place or a person). Left out, each of which the
# news tuning set or our own sentences showed wrong: ORG to a place ("White House", a
# parcel carrier), ORG to a nationality ("Taliban"), ORG to an event (a price index; events
# named by their head word still are: ``_relabel_allowed``), GPE or ORG to a person (a
# retailer, a grocer).
RELABELS: frozenset[tuple[str, str]] = frozenset({
    ("GPE", "ORG"), ("PERSON", "ORG"), ("FAC", "ORG"), ("WORK_OF_ART", "ORG"), ("PRODUCT", "ORG"),
    ("LAW", "ORG"), ("EVENT", "ORG"), ("ORG", "PER"), ("GPE", "MISC"), ("PERSON", "MISC"),
    ("NORP", "LOC"),
})
# The guarded correction, ``Settings.entity_model`` (ON by default: the model card). Chosen
# on CoNLL dev (TUNING: F1 0.869 against 0.888 unguarded and 0.767 for the sure additions)
# and the AllSides news tuning set (bench/eval/allsides_entities_tuning.tsv; against the
# sure additions / unguarded, before the stage's boundary repairs: link accuracy 0.838 /
# 0.834 / 0.815, cross-outlet pairwise F1 0.872 / 0.862 / 0.860). With the repairs of
# ``joins`` (spans run across two names, which the tagger's respans had made worse) it
# scores there link accuracy 0.950 against 0.944 for the sure additions: it ships on.
THRESHOLDS = Thresholds(relabels=RELABELS, guard_headlines=True, keep_whole=True)
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
    for name in (whole_words(text, f, stop_at_adjectives=limits.keep_whole) for f in found):
        if limits.keep_whole and _ends_in_compound(text, name):
            continue  # "US-led": the tagger's type is the adjective's; spaCy's "US" stands
        overlapping = names.overlapping(name.start, name.end)
        if headlines is not None and headlines.holds(name.start):
            continue  # spaCy's reading of a headline in title case stands: see Thresholds
        if not overlapping:
            if name.kind in limits.add_kinds and name.confidence >= limits.add \
                    and not (limits.keep_whole and _glued(text[name.start:name.end])) \
                    and _clear_of(others, name, limits, removed):
                added.append(Mention(text[name.start:name.end], name.start, name.end, fine_label(text, name)))
        elif _other_span(name, overlapping) and name.confidence >= limits.respan \
                and not (limits.keep_whole and _breaks_names(text, name, overlapping)):
            removed.update(id(m) for m in overlapping)
            added.append(_respanned(text, name, overlapping, limits))
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


def whole_words(text: str, name: Found, *, stop_at_adjectives: bool = False) -> Found:
    """The name widened over a lower-case piece after a hyphen: spaCy splits "Jong-un" into
    three tokens and the tagger, trained on CoNLL's unsplit ones, may stop at the hyphen. A
    capital after the hyphen starts another name ("Korea-Russia talks"); with
    ``stop_at_adjectives``, so does an adjective ("US-led")."""
    end = name.end
    while end + 1 < len(text) and text[end] in "-‐" and text[end + 1].islower():
        word = end + 1
        while word < len(text) and text[word].isalnum():
            word += 1
        if stop_at_adjectives and text[end + 1:word] in _COMPOUND_ENDINGS:
            break  # "US-led", "Chicago-based": an adjective made of the name, not the name
        end = word
    return name._replace(end=end)


def _ends_in_compound(text: str, name: Found) -> bool:
    """Does the name end in, or stand before, a hyphenated adjective ("US-led")? The tagger,
    trained on CoNLL's unsplit tokens, types the adjective (a MISC), where spaCy has the
    place "US"."""
    hyphen = max(text.rfind("-", name.start, name.end), text.rfind("‐", name.start, name.end))
    if hyphen > name.start and text[hyphen + 1:name.end] in _COMPOUND_ENDINGS:
        return True
    after = re.match(r"[-‐]([a-z]+)\b", text[name.end:name.end + 20])
    return after is not None and after.group(1) in _COMPOUND_ENDINGS


def _breaks_names(text: str, name: Found, overlapping: list[Mention]) -> bool:
    """Would the tagger's span break what spaCy read whole (``keep_whole``)?"""
    return _splits_a_place(name, overlapping) or _joins_at_hyphen(text, overlapping) \
        or _glued(text[name.start:name.end])


def _joins_at_hyphen(text: str, overlapping: list[Mention]) -> bool:
    """Two of spaCy's names joined into one at a hyphen: "Arlow-Tarrance" is two people,
    "Washington Post-Schar" two organisations."""
    ordered = sorted(overlapping, key=lambda m: m.start)
    return any(text[a.end:b.start].strip() in ("-", "‐", "–") for a, b in pairwise(ordered))


def _glued(span: str) -> bool:
    """A line of tags or a caption run together ("Arlow Dana Lee ArlowParty"): a word
    glued to capitals, or a word said twice, is no name."""
    folded = [w.lower() for w in span.split()]
    return bool(_GLUED.search(span)) or len(set(folded)) < len(folded)


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
    if not _relabel_allowed(text, mention.label, name, limits):
        return
    if name.confidence >= limits.overrule:
        mention.label = fine_label(text, name)


def _relabel_allowed(text: str, label: str, name: Found, limits: Thresholds) -> bool:
    """May the tagger's type replace spaCy's ``label``: a change ``limits.relabels`` allows,
    or an organisation the tagger reads as an event that its head word names ("Open",
    "Cup": sports events spaCy calls organisations)?"""
    if limits.relabels is None or (label, name.kind) in limits.relabels:
        return True
    words = text[name.start:name.end].split()
    return (label, name.kind) == ("ORG", "MISC") and len(words) > 1 and words[-1].lower() in _EVENT_HEADS


def _respanned(text: str, name: Found, overlapping: list[Mention], limits: Thresholds) -> Mention:
    """The tagger's span, with the finer label of the longest compatible mention it replaces;
    with none, the tagger's type where a relabel of the longest one is allowed, else that
    one's label (a new span is no licence to change a type the relabels keep)."""
    longest = sorted(overlapping, key=lambda m: m.start - m.end)
    label = next((m.label for m in longest if compatible(name.kind, m.label)), None)
    if label is None:
        allowed = _relabel_allowed(text, longest[0].label, name, limits)
        label = fine_label(text, name) if allowed else longest[0].label
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
