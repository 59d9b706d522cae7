"""Who speaks in a French, Russian or Korean clause: a name, a pronoun, or a role.

A speaker is looked for in a stretch of text (the clause around a reporting verb): the
nearest PERSON or ORG mention in it; else a pronoun (il/elle, он/она, 그는), which stands for
the last person named before; else a role word alone ("le porte-parole", "대변인"), which is
the last person named with that role, or a speaker the text does not name. A role beside a
name ("le ministre Paul Girard", "Иван Петров, министр финансов,", "김민수 장관") is the
speaker's role, as in English. A surname alone is the full name said before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from crosswire.mentions.quotes.foreign.vocab import Conventions
from crosswire.types import Article, Speaker

__all__ = ["Cast", "Name"]

_SPEAKER_LABELS = {"PERSON": "person", "ORG": "organization"}
_ROLE_GAP = 40  # characters between a role word and the name it stands before
_WORD = re.compile(r"[\w'’-]+")
_NOT_SPACE = re.compile(r"\S+")
# A form of address before a surname ("M. Girard", "Mme Roux", "г-н Петров"): the surname alone.
_ADDRESS = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Me|Mgr|Dr|Pr|г-н|г-жа|господин|госпожа)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Name:
    start: int
    end: int
    label: str
    text: str


class Cast:
    """The article's named speakers, in text order, and what refers to them."""

    def __init__(self, doc: Doc, article: Article, conventions: Conventions) -> None:
        self.text = article.text
        self.conventions = conventions
        found = [(m.start, m.end, m.label, m.text) for m in article.mentions]
        if not found:  # a stage list without the mentions stage: the Doc's own entities
            found = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        self.names = sorted(Name(*f) for f in found if f[2] in _SPEAKER_LABELS)
        self.starts = [n.start for n in self.names]
        self.people = [n for n in self.names if n.label == "PERSON"]
        self.people_ends = [n.end for n in self.people]
        self.nominative = _nominative_names(doc, self.names) if conventions.language == "ru" else {}
        # Per name, computed once: a long article asks about the same people at every quote.
        self._full_names: dict[Name, str] = {}
        self._roles: dict[Name, tuple[int, int] | None] = {}

    def speaker_in(self, start: int, end: int, nearest_to: int, before: int) -> Speaker | None:
        """The speaker named between ``start`` and ``end`` (the name nearest ``nearest_to``), or
        the one a pronoun or a role there stands for (the last named before ``before``)."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        inside = self._without_roles([n for n in self.names[first:last] if n.end <= end])
        if inside:
            name = min(inside, key=lambda n: abs(n.start - nearest_to))
            return self._spoken_for(name, start) or self._named(name)
        words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(self.text, start, end)]
        words += self._korean_words(start, end)
        for word, s, e in words:
            # French inverts the pronoun into the verb: "a-t-elle ajouté", "dit-il".
            person = self._last_person(before)
            if word.split("-")[-1] in self.conventions.pronouns and person is not None:
                speaker = self._named(person)
                speaker.start, speaker.end = s, e
                return speaker
        for word, s, e in words:
            if self._is_role(word):
                return self._role_alone(word, s, e, before)
        return None

    def _without_roles(self, names: list[Name]) -> list[Name]:
        """Names less those inside a person's role ("김도윤 국토부 장관": the ministry is the role)."""
        roles = [r for n in names if n.label == "PERSON" and (r := self._role_of(n)) is not None]
        return [n for n in names if not any(s <= n.start and n.end <= e for s, e in roles)]

    def _spoken_for(self, name: Name, start: int) -> Speaker | None:
        """"le porte-parole de la SNCF", "представитель компании «Мостострой»": a role word before
        an organisation is someone speaking for it, whom the text does not name."""
        if name.label != "ORG" or self.conventions.language == "ko":
            return None
        for m in _WORD.finditer(self.text, max(start, name.start - _ROLE_GAP), name.start):
            if self._is_role(m.group().lower()) and not re.search(r"[.;:!?]", self.text[m.end():name.start]):
                role_end = name.end + (1 if self.text[name.end:name.end + 1] in "»”“\"" else 0)
                words = self.text[m.start():role_end]
                return Speaker(words, role=words, kind="unknown", start=m.start(), end=role_end,
                               role_start=m.start(), role_end=role_end)
        return None

    def _korean_words(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """Korean words with their particle ("장관은", "그는"): the role is the word's head."""
        if self.conventions.language != "ko":
            return []
        return [(role, m.start(), m.start() + len(role)) for m in _NOT_SPACE.finditer(self.text, start, end)
                for role in self.conventions.roles if m.group().startswith(role)]

    def _is_role(self, word: str) -> bool:
        return word in self.conventions.roles

    def _named(self, name: Name) -> Speaker:
        kind: Literal["person", "organization"] = "person" if name.label == "PERSON" else "organization"
        speaker = Speaker(self._full_name(name), kind=kind, start=name.start, end=name.end)
        if kind == "person" and (role := self._role_of(name) or self._role_before(name)) is not None:
            speaker.role, speaker.role_start, speaker.role_end = self.text[role[0]:role[1]], *role
        return speaker

    def _full_name(self, name: Name) -> str:
        if name not in self._full_names:
            self._full_names[name] = self._read_full_name(name)
        return self._full_names[name]

    def _people_before(self, at: int) -> list[Name]:
        """The PERSON names ending by ``at``, the nearest first."""
        return self.people[:bisect.bisect_right(self.people_ends, at)][::-1]

    def _read_full_name(self, name: Name) -> str:
        """A surname (or a Korean family name) alone is the full name said before it; a Russian
        name in the nominative when the Doc has lemmas ("по словам Анны Соколовой")."""
        own = self.nominative.get(name.start, name.text)
        short = _ADDRESS.sub("", name.text)
        if name.label != "PERSON" or (len(short.split()) > 1 and self.conventions.language != "ko"):
            return own
        for earlier in self._people_before(name.start):
            if _same_person(_ADDRESS.sub("", earlier.text), short, self.conventions.language):
                return self.nominative.get(earlier.start, earlier.text)
        return own

    def _role_of(self, name: Name) -> tuple[int, int] | None:
        if name not in self._roles:
            self._roles[name] = self._read_role(name)
        return self._roles[name]

    def _read_role(self, name: Name) -> tuple[int, int] | None:
        """The role beside a name: before it (fr, ru: "le ministre Paul Girard"), in apposition
        after it ("Paul Girard, ministre de l'Intérieur,"), or after it in Korean ("김민수 장관")."""
        if self.conventions.language == "ko":
            after = self.text[name.end:name.end + 15]
            ends = [after.find(r) + len(r) for r in self.conventions.roles if r in after.split("\n")[0]]
            cut = re.search(r"[,.!?\"“”「」]", after)
            ends = [e for e in ends if cut is None or e <= cut.start()]
            return _stripped(self.text, name.end, name.end + max(ends)) if ends else None
        before = self.text[max(0, name.start - _ROLE_GAP):name.start]
        for m in _WORD.finditer(before):
            between = before[m.end():]
            if self._is_role(m.group().lower()) and not re.search(r"[,.;:!?«»\"“”]", between) \
                    and not any(w.lower() in self.conventions.breaks for w in _WORD.findall(between)):
                return _stripped(self.text, name.start - len(before) + m.start(), name.start)
        apposition = re.match(r",\s+([^,.;:«»]{2,60})[,.]", self.text[name.end:name.end + 70])
        if apposition and any(self._is_role(w.lower()) for w in _WORD.findall(apposition.group(1))):
            return name.end + apposition.start(1), name.end + apposition.end(1)
        return None

    def _role_before(self, name: Name) -> tuple[int, int] | None:
        """The role the article gave this person where it named them before."""
        full = self._full_name(name)
        for earlier in self._people_before(name.start):
            if self._full_name(earlier) == full and (role := self._role_of(earlier)) is not None:
                return role
        return None

    def _last_person(self, before: int) -> Name | None:
        people = self._people_before(before)
        return people[0] if people else None

    def _role_alone(self, role: str, start: int, end: int, before: int) -> Speaker:
        """"le président" alone: the last person named with that role, else an unnamed speaker."""
        for name in self._people_before(before):
            found = self._role_of(name)
            if found is not None and role in self.text[found[0]:found[1]].lower():
                speaker = self._named(name)
                speaker.start, speaker.end = start, end
                return speaker
        return Speaker(self.text[start:end], role=self.text[start:end], kind="unknown", start=start, end=end,
                       role_start=start, role_end=end)


def _nominative_names(doc: Doc, names: list[Name]) -> dict[int, str]:
    """Russian person names as their lemmas, capitalised: "Анны Соколовой" → "Анна Соколова".

    A lemmatiser gives a woman's surname its masculine lemma (Демина → демин): a name whose
    first word is its own lemma is already in the nominative and kept as written, and so is a
    lone surname that is its lemma plus "а" (Демина: a nominative or a genitive; kept).
    """
    if not doc.has_annotation("LEMMA"):
        return {}
    found = {}
    for name in names:
        span = doc.char_span(name.start, name.end, alignment_mode="expand")
        if name.label != "PERSON" or span is None or not all(t.lemma_ for t in span):
            continue
        written, lemmas = name.text.split(), " ".join(t.lemma_ for t in span).split()
        if len(written) != len(lemmas) or written[0].lower() == lemmas[0].lower():
            continue
        if len(written) == 1 and written[0].lower() == lemmas[0].lower() + "а":
            continue
        found[name.start] = " ".join(word.capitalize() for word in lemmas)
    return found


def _same_person(full: str, short: str, language: str) -> bool:
    """Is ``short`` ("Girard", "Петрова", "김") a part of ``full`` ("Paul Girard", "Иван Петров")?"""
    if language == "ko":
        return full.replace(" ", "").startswith(short.replace(" ", "")) and len(short) < len(full)
    last = full.split()[-1]
    stem = min(len(last), len(short)) - 2  # Russian declines names: Петров, Петрова, Петровым
    return len(full.split()) > 1 and stem >= 3 and last[:stem].lower() == short[:stem].lower() \
        and abs(len(last) - len(short)) <= 2


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end
