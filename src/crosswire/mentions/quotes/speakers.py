"""Who the phrase at a cue is: a person of the cast, an organisation, the press, or unknown.

A readable cascade, one kind of phrase at a time:

* ``he`` / ``she``: the cast's most recent compatible speaker;
* ``they`` / ``it``: the named institution its own sentence made the subject before it
  ("Velmar's campaign is seeking … what they call"), else the organisation that spoke last
  (a ministry, a company);
* an institution ("the ministry", "state media", "The Korea Herald", "Russia"): an
  ``organization`` or ``media`` speaker, named after the organisation the article named
  when the phrase only describes it ("the ministry" → "Unification Ministry");
* a name: the cast's person, a new one if the article never introduced it;
* a definite description ("the Russian president"): the person the article gave that role;
* anything else ("a senior official", "analysts"): ``unknown``, named by the phrase.

Before any of these, the source chain is followed (``chains``): "TASS quoted Putin as saying"
is Putin via TASS, "a study by X found" is X via the study, and a document with no owner
("reports said") is an unknown speaker the document describes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Token

from crosswire.lexicon import ROLE_WORDS
from crosswire.mentions.quotes.cast import Cast, Person, clean_name
from crosswire.mentions.quotes.chains import Link, follow_chain, is_document
from crosswire.mentions.quotes.cues import Context, Cue, phrase_range
from crosswire.mentions.quotes.roles import TokenRange, entity_range, role_of
from crosswire.mentions.quotes.vocab import (
    GROUP_PRONOUNS,
    HONORIFICS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
)
from crosswire.types import Speaker, Via

_INSTITUTION_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
INSTITUTION_NOUNS = ORG_NOUNS | MEDIA_NOUNS
Institution = Literal["organization", "media"]
_CHAIN_PARAGRAPHS = 0  # same paragraph only: further on, the tuning set's gold carried no via 2 times in 3
_ORG_LOOKBACK = 50  # organisations named before a description ("the ministry") that it may be


@dataclass(slots=True)
class Heard:
    """A resolved speaker, with the cast's person behind it when it is one."""

    speaker: Speaker | None
    person: Person | None = None
    via: tuple[Via, ...] = ()  # the source chain, outermost first


class Speakers:
    """Resolves the speakers of one article's quotes, in text order (pronouns need the past)."""

    def __init__(self, ctx: Context, cast: Cast, orgs: list[tuple[int, str]],
                 labels: dict[int, str]) -> None:
        self.ctx, self.cast, self.orgs = ctx, cast, orgs
        self.labels = labels  # token index → label of the (cleaned) mention it belongs to
        self.text = ctx.text
        # A non-person speaker, where it spoke, and the documents it spoke through.
        self._last_group: tuple[int, Speaker, tuple[Via, ...]] | None = None
        self.spoken: dict[int, Person] = {}  # end offset of a named speaker → its person
        # id of a person → where they last spoke through a chain, and its links
        self._chain_of: dict[int, tuple[int, tuple[Via, ...]]] = {}

    def at_cue(self, cue: Cue, chosen: Token | None = None) -> Heard | None:
        """The speaker the cue's subject names, with the chain the words came through;
        None when the cue has neither a subject nor a chain. ``chosen`` is the learned
        model's speaker where it overrules the rules': the chain is still read from the
        rules' subject ("X issued a statement saying": X via the statement), and a choice
        that is one of the chain's links (the statement itself) does not replace its speaker."""
        chain = follow_chain(cue.token, cue.speaker)
        via = tuple(self._via(link) for link in chain.links)
        head = chain.speaker
        links = [link.tokens for link in chain.links]
        if chosen is not None and not any(a <= chosen.i < b for a, b in links):
            head = chosen
        if head is None or not self.ctx.usable(head, cue.token):
            return Heard(None, via=via) if via else None
        first, end = phrase_range(head)
        heard = self._resolve(head, first, end, cue.to_press, chain.role)
        heard.via = via or heard.via
        if heard.person is not None:
            if heard.via:
                self._chain_of[id(heard.person)] = (cue.start, heard.via)
            else:
                heard.via = self._chain_going_on(heard.person, cue.start)
            self.cast.note_speech(heard.person, cue.start, to_press=cue.to_press)
            self.spoken[self._chars(first, end)[1]] = heard.person
        elif heard.speaker is not None and (
            heard.speaker.kind in ("organization", "media") or head.tag_ in ("NNS", "NNPS")
        ):
            # What a later "it"/"they" may be: "A memo said … It also said" is the memo again.
            documents = tuple(v for v in heard.via if v.kind == "document")
            self._last_group = (cue.start, heard.speaker, documents)
        return heard

    def _chain_going_on(self, person: Person, at: int) -> tuple[Via, ...]:
        """The links a person's words came through earlier in the paragraph, when this cue
        names none: a paragraph goes on quoting the same statement ("X said in a statement
        that … "We will appeal," X added")."""
        earlier = self._chain_of.get(id(person))
        if earlier is None:
            return ()
        near = self.cast.paragraph_of(at) - self.cast.paragraph_of(earlier[0]) <= _CHAIN_PARAGRAPHS
        return earlier[1] if near else ()

    def labelled(self, start: int, end: int) -> Heard:
        """The speaker a transcript's label names ("MS. QUILLON" is the cast's Quillon)."""
        words = self.text[start:end]
        name = " ".join(w for w in words.split() if w.lower() not in HONORIFICS).title()
        person = self.cast.person_named(name, start) or self.cast.introduce(name, start)
        self.spoken[end] = person
        return self._person(person, start, end)

    def _via(self, link: Link) -> Via:
        start, end = self._chars(*link.tokens)
        name = self.text[start:end]
        if name.lower() in GROUP_PRONOUNS:  # "It quoted him as saying": the organisation "it" is
            said = self._group(name, start, end).speaker
            if said is not None and said.kind != "unknown":
                return Via(said.name, start, end, "media" if said.kind == "media" else "organization")
        if link.kind != "document":  # "the Velmar news agency" is named "Velmar news agency"
            name = name.removeprefix("the ").removeprefix("The ")
        return Via(name, start, end, link.kind)

    def _resolve(self, head: Token, first: int, end: int, press: bool,
                 role: TokenRange | None = None) -> Heard:
        start, stop = self._chars(first, end)
        words = self.text[start:stop]
        lower = head.lower_
        if lower in PERSONAL_PRONOUNS:
            person = self.cast.person_for_pronoun(PERSONAL_PRONOUNS[lower], start)
            return self._person(person, start, stop) if person else _unknown(words, start, stop)
        if lower in GROUP_PRONOUNS:
            subject = _institution_subject_before(head)
            said = self._resolve(subject, *phrase_range(subject), press) if subject is not None else None
            if said is not None and said.speaker is not None and _names_someone(said.speaker):
                # "The campaign is seeking … what they call": the campaign, at the pronoun
                return Heard(replace(said.speaker, start=start, end=stop))
            return self._group(words, start, stop)
        label = self.labels.get(head.i, "")
        if label != "PERSON" and head.pos_ == "PROPN" and self._is_personal(head, words):
            label = "PERSON"  # tagged ORG, but the article treats it as a person
        if is_document(head):  # "reports said", "a video shows": no one named, a document
            return _unknown(words, start, stop)
        kind = _institution(head, words, label)
        if kind:
            return Heard(Speaker(self._org_name(head, words, start), kind=kind, start=start, end=stop))
        # A description first, even where the tagger took "the senator" for a name.
        described = self._described(head, first, end, start) if head.is_lower or head.pos_ == "NOUN" else None
        if described is not None:
            return self._person(described, start, stop)
        if label == "PERSON" or head.pos_ == "PROPN":
            return self._named(head, words, start, stop, press, role)
        return _unknown(words, start, stop)

    def _described(self, head: Token, first: int, end: int, start: int) -> Person | None:
        """The person a definite description ("the Russian president") stands for, if any."""
        if not _definite(head):
            return None
        return self.cast.person_described([t.lower_ for t in head.doc[first:end]], head.lemma_.lower(), start)

    def subject_since(self, after: int, before: int) -> Heard | None:
        """The person who became a sentence's subject between two quotes, as a speaker."""
        found = self.cast.subject_between(after, before)
        if found is None:
            return None
        at, person = found
        return self._person(person, at, self.cast.mention_end[at])

    def _is_personal(self, head: Token, words: str) -> bool:
        """A name with no institution word that the article gives a person's role
        ("Imogen Thale, a geologist,") or names a person elsewhere."""
        name = clean_name(words)
        if set(name.lower().split()) & INSTITUTION_NOUNS:
            return False
        if self.cast.person_named(name, len(self.text)) is not None:
            return True
        role = role_of(head.doc, *entity_range(head))
        if role is None:
            return False
        root = head.doc[role[0]:role[1]].root  # "a geologist" is a person; "a bank" is not
        return root.lower_ in ROLE_WORDS or (root.pos_ == "NOUN" and root.lemma_ not in INSTITUTION_NOUNS)

    def _group(self, words: str, start: int, stop: int) -> Heard:
        """"it said", "they added": the latest of the last non-person speaker and the last
        organisation the article named."""
        spoke = self._last_group if self._last_group and self._last_group[0] < start else None
        i = bisect.bisect_left(self.orgs, (start, ""))
        named = self.orgs[i - 1] if i else None
        if named and (spoke is None or named[0] > spoke[0]):
            kind: Institution = "media" if set(named[1].lower().split()) & MEDIA_NOUNS else "organization"
            return Heard(Speaker(named[1].removeprefix("the "), kind=kind, start=start, end=stop))
        if spoke:
            return Heard(replace(spoke[1], start=start, end=stop), via=spoke[2])
        return _unknown(words, start, stop)

    def _named(self, head: Token, words: str, start: int, stop: int, press: bool,
               role: TokenRange | None = None) -> Heard:
        """A name; ``role`` is a descriptor the name stood beside ("The club's manager, X,")."""
        name = clean_name(words)
        person = self.cast.person_named(name, start, to_press=press) or self.cast.introduce(name, start)
        role = role or role_of(head.doc, *entity_range(head))
        here = self._chars(*role) if role else None
        if here and person.role is None:
            person.give_role(self.text[here[0]:here[1]], *here)
        return self._person(person, start, stop, here)

    def _person(self, person: Person, start: int, stop: int,
                role: tuple[int, int] | None = None) -> Heard:
        """A person speaker; the role given here if any, else the one from the introduction."""
        role_text, role_start, role_end = person.role, person.role_start, person.role_end
        if role:
            role_text, role_start, role_end = self.text[role[0]:role[1]], role[0], role[1]
        speaker = Speaker(person.name, role=role_text, kind="person", start=start, end=stop,
                          role_start=role_start, role_end=role_end)
        return Heard(speaker, person)

    def _org_name(self, head: Token, words: str, at: int) -> str:
        """An organisation's name: as written, or the named one a description refers to."""
        if head.pos_ == "NOUN" and _definite(head):
            word = head.lower_
            i = bisect.bisect_left(self.orgs, (at, ""))
            for _, name in reversed(self.orgs[max(i - _ORG_LOOKBACK, 0):i]):
                if word in name.lower():
                    return name.removeprefix("the ").removeprefix("The ")
        return words.removeprefix("the ")

    def _chars(self, first: int, end: int) -> tuple[int, int]:
        doc = self.ctx.doc
        return doc[first].idx, doc[end - 1].idx + len(doc[end - 1])


def _institution(head: Token, words: str, label: str) -> Institution | None:
    """"media" or "organization" when the phrase names an institution, else None."""
    lemma = head.lemma_.lower()
    lower = set(words.lower().replace("’s", " ").replace("'s", " ").split())
    if label == "PERSON" or head.pos_ == "PRON":
        return None
    if lower & MEDIA_NOUNS and (label == "ORG" or lemma in MEDIA_NOUNS or head.lower_ in MEDIA_NOUNS):
        return "media"
    if label in _INSTITUTION_LABELS or lemma in ORG_NOUNS:
        return "organization"
    if head.pos_ == "PROPN" and lower & ORG_NOUNS:
        return "organization"  # "Unification Ministry" the model did not tag
    return None


def _institution_subject_before(pronoun: Token) -> Token | None:
    """The institution a pronoun's own sentence made its subject before it ("Velmar's campaign
    is seeking … what they call"), which "it" or "they" there stands for."""
    if pronoun.lower_ == "we":
        return None
    for tok in reversed(pronoun.doc[pronoun.sent.start:pronoun.i]):
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
            institution = tok.ent_type_ == "ORG" or tok.lemma_.lower() in ORG_NOUNS
            return tok if institution and tok.ent_type_ not in ("PERSON", "GPE") else None
    return None


def _names_someone(speaker: Speaker) -> bool:
    """A speaker with a name ("Velmar's campaign"), not only a description ("the two groups")."""
    words = speaker.name.split()[1:] if speaker.name.lower().startswith("the ") else speaker.name.split()
    return speaker.kind != "unknown" and any(w[:1].isupper() for w in words)


def _definite(head: Token) -> bool:
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.dep_ == "poss"
               for c in head.children)


def _unknown(words: str, start: int, stop: int) -> Heard:
    return Heard(Speaker(words, kind="unknown", start=start, end=stop))


def chars_of(ctx: Context, span: TokenRange) -> tuple[int, int]:
    doc = ctx.doc
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])
