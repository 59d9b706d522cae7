"""The article's cast: its people in order of introduction, their roles, and who "Kim" is.

News introduces a person once in full ("Kim Dong-yub, a professor at the University of
North Korean Studies") and then shortens: a surname ("Kim"), a pronoun ("he said"), or a
description ("the professor", "the Russian president"). The cast is built from the PERSON
mentions of ``add_mentions`` and answers those three questions inside one article:

* a name resolves to the person whose full name it is a part of (a prefix "Kim" or suffix
  "Putin"); when two people share it, to the most prominent of them (named in full in the
  headline or lead, introduced first, named in full most often), unless explicit evidence
  next to the mention points to another: a role word tied to that person ("the professor
  Kim", "Kim, the analyst,") or a cue to the press ("Kim told The Korea Herald") when only
  one of them is an interviewed source. Recency is no evidence: an analyst quoted once does
  not take over the leader the story is about;
* a hyphenated compound of names ("the Kim-Putin summit") names each person;
* a pronoun resolves to the most recent speaker of that gender, unless the text has moved on
  to another person since (a later paragraph with someone else as its subject); a person
  named beside a pronoun of that gender ("he and Haraldsen had talked, he said") is not
  who that pronoun means: the "he" there is someone else, the thread the later "he" follows;
  a "she" prefers a woman the text said was one (this paragraph or the one before) to a
  later person of unknown gender;
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

from spacy.tokens import Doc, Span, Token

from crosswire.lexicon import DEMONYMS, MASTHEAD_WORDS, PRESS_AUDIENCE_WORDS
from crosswire.mentions.quotes.roles import name_start, role_of
from crosswire.mentions.quotes.vocab import (
    FEMALE_HONORIFICS,
    MALE_HONORIFICS,
    PERSONAL_PRONOUNS,
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
    full_mentions: int = 0  # mentions by a name of two words or more
    in_lead: bool = False  # named in full in the article's first paragraph (the headline)

    def is_source(self) -> bool:
        """An interviewed source: it talked to the press, or its role is an analyst's."""
        return self.to_press or bool(self.role_words & SOURCE_ROLE_WORDS)

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
        self._tied: dict[int, list[Person]] = {}  # mention offset → the people its role fits
        # mention offset → the gender of a pronoun coordinated with it ("he and X")
        self._beside_pronoun: dict[int, str] = {}

    # --- building --------------------------------------------------------------------------
    def introduce(self, name: str, at: int) -> Person:
        """The person ``name`` refers to at ``at``: someone already met, or a new person."""
        parts = name_parts(name)
        known = self._candidates(parts)
        if known:
            exact = [p for p in known if p.parts == parts]
            person = exact[0] if exact else self.most_prominent(known)
            if len(parts) > len(person.parts) and len(known) == 1:
                person.name, person.parts = name, parts  # "Trump" in a headline, then in full
                self._index(person)
            return person
        person = Person(name, parts, at)
        self.people.append(person)
        self._index(person)
        return person

    def note_mention(self, person: Person, at: int, end: int, *, subject: bool, quoted: bool,
                     beside_pronoun: str | None = None) -> None:
        self.by_mention[at] = person
        if beside_pronoun:
            self._beside_pronoun[at] = beside_pronoun
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
    def person_named(self, name: str, at: int, *, to_press: bool = False,
                     role: frozenset[str] = frozenset()) -> Person | None:
        """Who a (possibly shortened) name is at ``at``: the one explicit evidence next to the
        mention points to (the words of a ``role`` given there, a cue ``to_press`` that only
        one of them, an interviewed source, fits), else the most prominent holder."""
        known = self._candidates(name_parts(name))
        if len(known) <= 1:
            return known[0] if known else None
        tied = [p for p in known if role & p.role_words] if role else []
        if len(tied) == 1:
            return tied[0]
        tied = self._tied.get(at, [])  # a role given at this mention when the cast was built
        if len(tied) == 1 and tied[0] in known:
            return tied[0]
        sources = [p for p in known if p.is_source()] if to_press else []
        if len(sources) == 1:
            return sources[0]
        return self.most_prominent(known)

    def most_prominent(self, people: Sequence[Person]) -> Person:
        """The holder a shared name means by default: named in full in the lead, introduced
        first, named in full most often — in that order of weight."""
        earliest = min(p.first for p in people)
        most = max(p.full_mentions for p in people)

        def weight(p: Person) -> tuple[int, int]:
            return 2 * p.in_lead + 2 * (p.first == earliest) + (p.full_mentions == most), -p.first

        return max(people, key=weight)

    def person_for_pronoun(self, gender: str, at: int) -> Person | None:
        """The most recent compatible speaker, unless the text has moved to someone else:
        a speaker present in the pronoun's paragraph wins, then a person named there, then
        the speaker again unless a later paragraph made someone else its subject."""
        here = self._paragraph(at)
        speaker = self._said_to_be(_last(self._speeches, at, gender), self._speeches, at, gender)
        subject = self._said_to_be(_last(self._subjects, at, gender, self._beside_pronoun),
                                   self._subjects, at, gender)
        mention = self._said_to_be(_last(self._salient, at, gender, self._beside_pronoun),
                                   self._salient, at, gender)
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
        if gender == "female" and mention and found and found[1].gender is None \
                and mention[1].gender == gender:
            found = mention  # the woman the text said was one (see ``_said_to_be``)
        return found[1] if found else None

    def _said_to_be(self, found: tuple[int, Person] | None, events: list[tuple[int, Person]],
                    at: int, gender: str) -> tuple[int, Person] | None:
        """For "she", a woman the text said was one ("spokeswoman Vale", "Ms. Vale") in this
        paragraph or the one before, over a later person of unknown gender: most people news
        names without a title are men, so the unknown one is the weaker guess. Not for "he",
        whose unknown candidates are most often right."""
        if gender != "female" or found is None or found[1].gender == gender:
            return found
        said = _last(events, at, gender, strict=True)
        if said is not None and self._paragraph(said[0]) >= self._paragraph(at) - 1:
            return said
        return found

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

    def tie(self, at: int, person: Person) -> None:
        """The role given at the mention at ``at`` fits ``person``: a speaker named there is them."""
        self._tied.setdefault(at, []).append(person)

    def set_canonical(self, mentions: Sequence[Mention], spoken: dict[int, Person]) -> None:
        """Name every PERSON mention by its full name; a speaker's cue outranks prominence.

        ``spoken`` is keyed by where the speaker's phrase ends, which is where its name ends.
        """
        for m in mentions:
            person = spoken.get(m.end) or spoken.get(m.start) or self.by_mention.get(m.start)
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

    def paragraph_of(self, at: int) -> int:
        """The number of the paragraph holding offset ``at``."""
        return self._paragraph(at)

    def _paragraph(self, at: int) -> int:
        return bisect.bisect_right(self._paragraphs, at)


def _last(events: list[tuple[int, Person]], at: int, gender: str | None,
          beside_pronoun: dict[int, str] | None = None, *, strict: bool = False) -> tuple[int, Person] | None:
    """The latest event before ``at`` whose person may be ``gender`` (None: any; ``strict``:
    is known to be), skipping mentions coordinated with a pronoun of that gender
    (``beside_pronoun``)."""
    allowed = (gender,) if strict else (None, gender)
    i = bisect.bisect_left(events, at, key=lambda e: e[0])
    for j in range(i - 1, max(i - _LOOKBACK, 0) - 1, -1):
        if beside_pronoun and gender and beside_pronoun.get(events[j][0]) == gender:
            continue
        if gender is None or events[j][1].gender in allowed:
            return events[j]
    return None


def pronoun_beside(span: Span) -> str | None:
    """The gender of a personal pronoun coordinated with a name: "he and Piet Haraldsen",
    "Haraldsen and she"; None when there is none."""
    root = span.root
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [t for t in root.children if t.dep_ == "conj"]
    return next((PERSONAL_PRONOUNS[t.lower_] for t in partners if t.lower_ in PERSONAL_PRONOUNS), None)


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
    """The cast of ``article`` from its PERSON mentions, with roles read off ``doc``.

    Two passes: the people named in full first, so that how prominent each is (lead, first
    introduction, full mentions) is known before any shortened name is given to one of
    them; then every mention in order. Compounds of names ("Kim-Putin") are split into one
    mention per person, so ``article.mentions`` may grow.
    """
    cast = Cast(paragraph_starts)
    lead_end = paragraph_starts[1] if len(paragraph_starts) > 1 else len(article.text)
    named = _named_mentions(doc, article)
    for m, _, name in named:
        if len(name_parts(name)) > 1:
            person = cast.introduce(name, m.start)
            person.full_mentions += 1
            person.in_lead = person.in_lead or m.start < lead_end
    starts = [q[0] for q in quoted]
    for m, span, name in named:
        person = _person_of(cast, doc, span, name, m.start)
        i = bisect.bisect_right(starts, m.start) - 1
        inside = i >= 0 and quoted[i][0] <= m.start < quoted[i][1]
        cast.note_mention(person, m.start, m.end, subject=span.root.dep_.startswith("nsubj"), quoted=inside,
                          beside_pronoun=pronoun_beside(span))
        _learn(doc, article.text, person, span.start, span.end)
    return cast


def _named_mentions(doc: Doc, article: Article) -> list[tuple[Mention, Span, str]]:
    """The PERSON mentions that are names, in order, each with its tokens and clean name;
    compounds of two known names split first."""
    found = []
    for m in sorted(split_compounds(article), key=lambda m: m.start):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        first = name_start(doc, span.start, span.end)
        name = clean_name(article.text[max(doc[first].idx, m.start):m.end])
        if name and any(c.isupper() for c in name):
            found.append((m, span, name))
    return found


def _person_of(cast: Cast, doc: Doc, span: Span, name: str, at: int) -> Person:
    """The person a mention names: a full name introduces; a shortened one is weighed."""
    if len(name_parts(name)) > 1:
        return cast.introduce(name, at)
    role = role_of(doc, span.start, span.end)
    words = role_words(doc[role[0]:role[1]].root.lower_) if role else frozenset()
    press = span.root.dep_.startswith("nsubj") and told_the_press(span.root.head)
    person = cast.person_named(name, at, role=words, to_press=press)
    if person is None:
        return cast.introduce(name, at)
    if (words and words & person.role_words) or (press and person.is_source()):
        cast.tie(at, person)
    return person


def told_the_press(verb: Token) -> bool:
    """Is ``verb`` a telling to the press: "told The Hollis Bay Ledger", "said in an
    interview", "told reporters"? A hearer whose head is a masthead word of a name
    ("Ledger", "Herald") counts; "told the leader" does not."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    hearers = [c for c in verb.children if c.dep_ in ("dobj", "dative")] if verb.lemma_ == "tell" else []
    hearers += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "with")
                for g in c.children if g.dep_ == "pobj"]
    return any(h.lower_ in MASTHEAD_WORDS and h.pos_ == "PROPN" for h in hearers) or any(
        w.lower_ in PRESS_AUDIENCE_WORDS for h in hearers for w in h.subtree)


def split_compounds(article: Article) -> list[Mention]:
    """``article.mentions`` with compounds of person names split, one mention per name:
    "the Kim-Putin summit" names both men, whether the model tagged "Kim-Putin", "Kim" or
    "Putin". Only words of full names the article gives its people are split off, and never
    a hyphenated name one person bears ("Smith-Jones"). Returns the PERSON mentions."""
    text = article.text
    full_names = {name_parts(m.text) for m in article.mentions
                  if m.label == "PERSON" and len(m.text.split()) > 1}
    taken = {(m.start, m.end) for m in article.mentions}
    kept: list[Mention] = []
    for m in article.mentions:
        pieces = _compound_pieces(text, m, full_names) if m.label == "PERSON" else []
        if not pieces:
            kept.append(m)
        for start, end in pieces:
            if (start, end) not in taken or (start, end) == (m.start, m.end):
                taken.add((start, end))
                kept.append(Mention(text[start:end], start, end, "PERSON"))
    if len(kept) != len(article.mentions):
        article.mentions = sorted(kept, key=lambda m: (m.start, -m.end))
    return [m for m in article.mentions if m.label == "PERSON"]


def _compound_pieces(text: str, m: Mention, full_names: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """The span of each name in the compound of names around ``m`` ("Kim-Putin"), or []."""
    if " " in m.text:
        return []
    lo, hi = m.start, m.end
    while (found := _COMPOUND_BEFORE.search(text, max(0, lo - _LONGEST_WORD), lo)) is not None:
        lo = found.start()
    while (found := _COMPOUND_AFTER.match(text, hi)) is not None:
        hi = found.end()
    words = [(w.start(), w.end()) for w in _NAME_WORD.finditer(text, lo, hi)]
    parts = [name_parts(text[s:e])[0] for s, e in words]
    if len(words) < 2 or "-".join(text[s:e] for s, e in words) != text[lo:hi]:
        return []
    named = [{n for n in full_names if part in n} for part in parts]
    if not all(named) or set.intersection(*named):
        return []  # a word no one here bears, or one person's hyphenated name
    return words


_NAME_WORD = re.compile(r"[A-Z][^\W\d_]+")
_COMPOUND_BEFORE = re.compile(r"(?<![\w-])[A-Z][^\W\d_]+-$")
_COMPOUND_AFTER = re.compile(r"-[A-Z][^\W\d_]+(?![\w-])")
_LONGEST_WORD = 30


def _learn(doc: Doc, text: str, person: Person, first: int, end: int) -> None:
    """What this mention tells about the person: a role if none yet, a gender from a title."""
    role = role_of(doc, first, end)
    if role:
        start, stop = doc[role[0]].idx, doc[role[1] - 1].idx + len(doc[role[1] - 1])
        if person.role is None:
            person.give_role(text[start:stop], start, stop)
        else:  # a later role still describes them: "Kim, a critic, …" then "Kim, the CEO, …"
            person.role_words |= role_words(text[start:stop])
    if person.gender is None:
        titles = {t.lower_ for t in doc[max(first - 1, 0):name_start(doc, first, end)]}
        if titles & MALE_HONORIFICS:
            person.gender = "male"
        elif titles & FEMALE_HONORIFICS:
            person.gender = "female"
