"""The article's cast: its people in order of introduction, their roles, and who "Kim" is.

News introduces a person once in full ("Kim Dong-yub, a professor at the University of
North Korean Studies") and then shortens: a surname ("Kim"), a pronoun ("he said"), or a
description ("the professor", "the Russian president"). The cast is built from the PERSON
mentions of ``add_mentions`` and answers those three questions inside one article:

* a name resolves to the person whose full name it is a part of (a prefix "Kim" or suffix
  "Putin"); when two people share it, to the one the context points to: a cue to the press
  ("told The Korea Herald") points to the interviewed source (an analyst, not a leader),
  then to whoever already spoke, then to whoever was mentioned last;
* a pronoun resolves to the most recent speaker of that gender, unless the text has moved on
  to another person since (a later paragraph with someone else as its subject);
* a definite description resolves to the most recent person the article gave that role.

Titles ("President", "Comrade", "Dr.") are not part of names; they go to the role. The cast
also sets ``Mention.canonical`` on PERSON mentions. Gender is only what the text says (an
honorific, a gendered role word, a pronoun already resolved to the person), never guessed
from a first name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from crosswire.lexicon import DEMONYMS
from crosswire.mentions.quotes.roles import name_start, role_of
from crosswire.mentions.quotes.vocab import (
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    POSSESSIVE_ENDINGS,
    ROLE_SYNONYMS,
    SOURCE_ROLE_WORDS,
)
from crosswire.types import Article, Mention

_PARTS = re.compile(r"[^\W_]+(?:\.)?", re.U)
_LOOKBACK = 40  # how many earlier mentions a pronoun looks at: a few paragraphs of news


def name_parts(name: str) -> tuple[str, ...]:
    """Lower-case parts of a name; hyphens split, so "Kim Jong-un" and "Kim Jong Un" agree."""
    return tuple(p.rstrip(".") for p in _PARTS.findall(name.lower()))


def same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Can ``short`` name the person called ``full``: equal, its first or last parts, or
    first and last parts with a middle name dropped ("Donald J. Trump")."""
    if not short or len(short) > len(full):
        return False
    n = len(short)
    if full[:n] == short or full[-n:] == short:
        return True
    return n >= 2 and short[0] == full[0] and short[-1] == full[-1]


def role_words(role: str) -> frozenset[str]:
    """The words of a role for matching a description: lower-case, synonyms and places added."""
    text = role.lower()
    for ending in POSSESSIVE_ENDINGS:
        text = text.replace(ending + " ", " ")
    words = set(re.findall(r"[a-z]+", text))
    words |= {v for k, v in ROLE_SYNONYMS.items() if k in words or (" " in k and k in text)}
    # "the Russian president" is "Russia's president"; a place of two words ("United States")
    # counts as one word, on both sides.
    words |= {DEMONYMS[w].lower() for w in words if w in DEMONYMS}
    words |= {place for place in _PLACES_OF_SEVERAL_WORDS if place in text}
    return frozenset(words)


_PLACES_OF_SEVERAL_WORDS = frozenset(place.lower() for place in DEMONYMS.values() if " " in place)


@dataclass(slots=True)
class Person:
    """One person of the cast: the full name as introduced, the role and where it was given."""

    name: str
    parts: tuple[str, ...]
    first: int
    gender: str | None = None
    role: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    role_words: frozenset[str] = frozenset()
    seen: list[int] = field(default_factory=list)  # offsets of its mentions, in order
    spoke: list[int] = field(default_factory=list)  # offsets of its cues, in order
    to_press: bool = False  # it talked to the paper (an interview, "told reporters")

    def last_seen(self, at: int) -> int:
        i = bisect.bisect_left(self.seen, at)
        return self.seen[i - 1] if i else -1

    def spoke_before(self, at: int) -> bool:
        return bool(self.spoke) and self.spoke[0] < at

    def give_role(self, role: str, start: int, end: int) -> None:
        self.role, self.role_start, self.role_end = role, start, end
        self.role_words = role_words(role)
        words = self.role_words
        if self.gender is None and words & MALE_HONORIFICS:
            self.gender = "male"
        elif self.gender is None and words & FEMALE_HONORIFICS:
            self.gender = "female"


class Cast:
    """The people of one article and the questions asked about them while quotes are read."""

    def __init__(self, paragraph_starts: Sequence[int]) -> None:
        self.people: list[Person] = []
        self.by_mention: dict[int, Person] = {}
        self.mention_end: dict[int, int] = {}
        self._by_part: dict[str, list[Person]] = {}
        self._paragraphs = list(paragraph_starts)
        self._subjects: list[tuple[int, Person]] = []  # grammatical subjects outside quotes
        self._salient: list[tuple[int, Person]] = []  # any mention outside quotes
        self._speeches: list[tuple[int, Person]] = []

    # --- building --------------------------------------------------------------------------
    def introduce(self, name: str, at: int) -> Person:
        """The person ``name`` refers to at ``at``: someone already met, or a new person."""
        parts = name_parts(name)
        known = self._candidates(parts)
        if known:
            person = max(known, key=lambda p: (p.parts == parts, p.first <= at, p.last_seen(at)))
            if len(parts) > len(person.parts) and len(known) == 1:
                person.name, person.parts = name, parts  # "Trump" in a headline, then in full
                self._index(person)
            return person
        person = Person(name, parts, at)
        self.people.append(person)
        self._index(person)
        return person

    def note_mention(self, person: Person, at: int, end: int, *, subject: bool, quoted: bool) -> None:
        self.by_mention[at] = person
        self.mention_end[at] = end
        bisect.insort(person.seen, at)
        if not quoted:
            self._salient.append((at, person))
            if subject:
                self._subjects.append((at, person))

    def note_speech(self, person: Person, at: int, *, to_press: bool) -> None:
        """``person`` spoke at ``at``; quotes are read in order, so pronouns see it next."""
        person.spoke.append(at)
        person.to_press = person.to_press or to_press
        self._speeches.append((at, person))

    # --- questions -------------------------------------------------------------------------
    def person_named(self, name: str, at: int, *, to_press: bool = False) -> Person | None:
        """Who a (possibly shortened) name is at ``at``, given the cue it came with."""
        parts = name_parts(name)
        known = self._candidates(parts)
        if len(known) <= 1:
            return known[0] if known else None

        def fit(p: Person) -> tuple[bool, bool, bool, int]:
            press = to_press and (p.to_press or bool(p.role_words & SOURCE_ROLE_WORDS))
            return p.first <= at, press, p.spoke_before(at), p.last_seen(at)

        return max(known, key=fit)

    def person_for_pronoun(self, gender: str, at: int) -> Person | None:
        """The most recent compatible speaker, unless the text has moved to someone else:
        a speaker present in the pronoun's paragraph wins, then a person named there, then
        the speaker again unless a later paragraph made someone else its subject."""
        here = self._paragraph(at)
        speaker = _last(self._speeches, at, gender)
        subject = _last(self._subjects, at, gender)
        mention = _last(self._salient, at, gender)
        if speaker and self._paragraph(max(speaker[0], speaker[1].last_seen(at))) == here:
            return speaker[1]
        for named in (subject, mention):
            if named and self._paragraph(named[0]) == here:
                return named[1]
        if speaker and (subject is None or self._paragraph(subject[0]) <= self._paragraph(speaker[0])):
            return speaker[1]
        # The gender is not learned from these answers: one wrong guess would then exclude the
        # person from every later "she", and errors would compound along the article.
        found = subject or mention
        return found[1] if found else None

    def subject_between(self, after: int, before: int) -> tuple[int, Person] | None:
        """The latest person who was a sentence's subject between two offsets (outside quotes)."""
        found = _last(self._subjects, before, None)
        return found if found is not None and found[0] > after else None

    def person_described(self, words: Sequence[str], head: str, at: int) -> Person | None:
        """The person most recently given a role with this head noun ("the Russian president")."""
        wanted = role_words(" ".join(words))
        heads = role_words(head)
        known = [p for p in self.people if p.first < at and p.role_words & heads]
        if not known:
            return None
        return max(known, key=lambda p: (len(p.role_words & wanted), p.last_seen(at)))

    def set_canonical(self, mentions: Sequence[Mention], spoken: dict[int, Person]) -> None:
        """Name every PERSON mention by its full name; a speaker's cue outranks recency."""
        for m in mentions:
            person = spoken.get(m.start) or self.by_mention.get(m.start)
            if m.label == "PERSON" and person is not None:
                m.canonical = person.name

    def _candidates(self, parts: tuple[str, ...]) -> list[Person]:
        if not parts:
            return []
        pool = {id(p): p for key in (parts[0], parts[-1]) for p in self._by_part.get(key, [])}
        return [p for p in pool.values() if same_person(parts, p.parts) or same_person(p.parts, parts)]

    def _index(self, person: Person) -> None:
        for part in person.parts:
            bucket = self._by_part.setdefault(part, [])
            if person not in bucket:
                bucket.append(person)

    def _paragraph(self, at: int) -> int:
        return bisect.bisect_right(self._paragraphs, at)


def _last(events: list[tuple[int, Person]], at: int, gender: str | None) -> tuple[int, Person] | None:
    """The latest event before ``at`` whose person may be ``gender`` (None: any)."""
    i = bisect.bisect_left(events, at, key=lambda e: e[0])
    for j in range(i - 1, max(i - _LOOKBACK, 0) - 1, -1):
        if gender is None or events[j][1].gender in (None, gender):
            return events[j]
    return None


def clean_name(text: str) -> str:
    """A mention's text as a name: no possessive ending, no trailing punctuation."""
    text = text.strip()
    for ending in POSSESSIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
            break
    return text.strip(" \u00a0,.;:–—―-\"“”‘’()")


def build_cast(doc: Doc, article: Article, paragraph_starts: Sequence[int],
               quoted: Sequence[tuple[int, int]]) -> Cast:
    """The cast of ``article`` from its PERSON mentions, with roles read off ``doc``."""
    cast = Cast(paragraph_starts)
    starts = [q[0] for q in quoted]
    for m in sorted((m for m in article.mentions if m.label == "PERSON"), key=lambda m: m.start):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        first = name_start(doc, span.start, span.end)
        name = clean_name(article.text[max(doc[first].idx, m.start):m.end])
        if not name or not any(c.isupper() for c in name):
            continue
        person = cast.introduce(name, m.start)
        i = bisect.bisect_right(starts, m.start) - 1
        inside = i >= 0 and quoted[i][0] <= m.start < quoted[i][1]
        cast.note_mention(person, m.start, m.end, subject=span.root.dep_.startswith("nsubj"), quoted=inside)
        _learn(doc, article.text, person, span.start, span.end)
    return cast


def _learn(doc: Doc, text: str, person: Person, first: int, end: int) -> None:
    """What this mention tells about the person: a role if none yet, a gender from a title."""
    if person.role is None:
        role = role_of(doc, first, end)
        if role:
            start, stop = doc[role[0]].idx, doc[role[1] - 1].idx + len(doc[role[1] - 1])
            person.give_role(text[start:stop], start, stop)
    if person.gender is None:
        titles = {t.lower_ for t in doc[max(first - 1, 0):name_start(doc, first, end)]}
        if titles & MALE_HONORIFICS:
            person.gender = "male"
        elif titles & FEMALE_HONORIFICS:
            person.gender = "female"
