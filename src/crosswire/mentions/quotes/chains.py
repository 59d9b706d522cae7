"""Source chains: who said the words, and what they came through on the way to the article.

News often names the path before the person: "TASS quoted Putin, speaking on Channel One, as
saying …", "a study by the Harbor Institute found …", "Kim issued a statement saying …". The
cue's subject is then a link of the chain, not the speaker. ``follow_chain`` reads the parse
around a cue and returns the speaker's token with the links, outermost first:

* a quoting verb ("quoted", "cited") with an object: the object speaks, the subject is a link;
* a document ("a study", "emails", "a statement", "Kim's remarks"): its owner (by/from X,
  X's, a Pentagon report, released by X, X issued it, X said in it) speaks, the document is
  a link; a document with no owner stays the cue's subject, and ``speakers`` makes it an
  unknown speaker described by the document ("unknown (a video)"), still with the link;
* a descriptor with an appositive name ("The club's manager, Oskar Pell,"), or a title the
  parse made the subject with the name inside it ("Editor in Chief Tom Greer"): the name
  speaks, the descriptor is its role;
* a medium or an event ("speaking on Channel Nine", "said on a call organised by Y", "in an
  interview with Z"): a link;
* an outlet the words were said to ("told Velmar News", "said to the Daily Courier"), and a
  document or a venue the speaker spoke in ("said in a statement", "wrote in a letter",
  "said at a briefing", "during a speech", "via Twitter"), and the outlet a writer works for
  ("the Gazette's Nora Vale"): a link.

Works on tokens only; the caller turns ranges into characters and names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from crosswire.lexicon import ROLE_WORDS
from crosswire.mentions.quotes.roles import TokenRange, entity_range, too_many_dependents
from crosswire.mentions.quotes.vocab import (
    APPEARING_VERBS,
    DOCUMENT_NOUNS,
    EVENT_NOUNS,
    ISSUING_VERBS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    QUOTING_VERBS,
    SERIES_NOUNS,
)

ViaKind = Literal["media", "organization", "person", "document", "unknown"]
_OWNER_PREPOSITIONS = frozenset({"by", "from", "of"})
_MEDIUM_PREPOSITIONS = frozenset({"on", "to", "in", "with", "during", "at", "via"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PHRASE_LEFT = frozenset({"det", "amod", "compound", "nummod", "nmod"})
# What a name after "on" is not: "said on Monday", "on the border with Ostrania".
_LOOKBACK = 120  # tokens back to the quoting verb a pronoun "it also quoted" continues
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
_TITLE_TOKENS = 6  # "Editor in Chief Tom Greer": how far after a title its name may end
_NOT_MEDIA = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "EVENT"})
# Verbs whose object is who heard the words: "told Velmar News" passes them through an outlet.
_TELLING = frozenset({"tell", "say", "write", "explain", "confirm", "describe"})
# Venues beyond EVENT_NOUNS that words are said at: "said during the debate".
_VENUE_NOUNS = EVENT_NOUNS | frozenset({"debate", "roundtable", "address", "session", "episode"})
# Prepositions that put the words in a document or a venue ("in a statement", "at a briefing").
_IN_DOCUMENT = frozenset({"in", "during", "at", "on"})


@dataclass(frozen=True, slots=True)
class Link:
    """One link of a chain: its tokens and what kind of thing it is."""

    tokens: TokenRange
    kind: ViaKind


@dataclass(frozen=True, slots=True)
class Chain:
    """The speaker's token after the chain is followed, the links, and a descriptor set aside."""

    speaker: Token | None
    links: tuple[Link, ...] = ()
    role: TokenRange | None = None


def follow_chain(cue: Token, head: Token | None) -> Chain:
    """The speaker behind the cue's subject ``head`` and the links in between."""
    links: list[Link] = []
    quoting = quoting_verb(cue)
    if quoting is not None:
        quoted = next((c for c in quoting.children if c.dep_ == "dobj"), None)
        if quoted is not None:
            source = next((c for c in quoting.children if c.dep_ == "nsubj"), None)
            earlier = _earlier_quoting(quoting) if source is not None and source.pos_ == "PRON" else None
            if earlier is not None:  # "It also quoted him": "it" is who quoted him before
                source = next(c for c in earlier.children if c.dep_ == "nsubj")
            if source is not None:
                links.append(Link(noun_range(source), _kind(source, "media")))
            if earlier is not None:
                links += [link for link in _places_in(earlier) if link not in links]
            head = quoted
    links += media_links(cue, head, quoting)
    if head is None and is_document(cue) and owner_of(cue) is not None:
        head = cue  # a document as the cue ("said in a statement that …"): its owner speaks
    if head is not None and is_document(head):
        owner = owner_of(head)  # none: an unknown speaker the document describes, via it
        links.append(Link(noun_range(head, without=owner), "document"))
        head = owner or head
    role = None
    if head is not None and head.pos_ == "NOUN":
        name = appositive_name(head)
        if name is not None:
            role, head = noun_range(head), name
    if head is not None and head.ent_type_ != "PERSON" and head.lower_ in ROLE_WORDS:
        name = name_in_title(head)
        if name is not None:
            role, head = (noun_range(head)[0], entity_range(name)[0]), name
    return Chain(head, tuple(links), role)


def quoting_verb(cue: Token) -> Token | None:
    """"quoted X as saying": the quoting verb the cue hangs on through "as", if any (a cue
    that is the quoting verb itself, "citing her work", passes on no one's words)."""
    via_as = cue.head.lower_ == "as" and cue.dep_ in ("pcomp", "pobj")
    verb = cue.head.head if via_as else cue.head
    if cue.head.i == cue.i or not (via_as or cue.dep_ in ("xcomp", "oprd")):
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in QUOTING_VERBS else None


def _earlier_quoting(verb: Token) -> Token | None:
    """The quoting verb before ``verb`` with a named subject ("TASS quoted remarks …"), within
    a few sentences: what a pronoun subject ("It also quoted him") stands for."""
    doc = verb.doc
    for k in range(verb.i - 1, max(verb.i - _LOOKBACK, 0) - 1, -1):
        tok = doc[k]
        if tok.pos_ == "VERB" and tok.lemma_.lower() in QUOTING_VERBS and any(
            c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in tok.children
        ):
            return tok
    return None


def _places_in(verb: Token) -> list[Link]:
    """The media and events anywhere in a quoting clause: "quoted remarks made by X in an
    appearance on Channel Nine"."""
    # The sentence rather than the verb's subtree: the parse often leaves "made by X in …"
    # hanging elsewhere in it.
    places = [p for tok in verb.sent for p in _prep_objects(tok)]
    links = [_link_of_place(p) for p in dict.fromkeys(places)]
    return list(dict.fromkeys(link for link in links if link is not None))


def is_document(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and (tok.lower_ in DOCUMENT_NOUNS or tok.lemma_.lower() in DOCUMENT_NOUNS)


def owner_of(document: Token) -> Token | None:
    """Who a document is from: "Kim's remarks", "a study by X", "a Pentagon report",
    "emails released by X", "X issued a statement (saying)", "X said in a statement"."""
    for child in document.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "compound" and child.ent_type_ in _NAMED:
            return child
        if child.dep_ == "prep" and child.lower_ in _OWNER_PREPOSITIONS:
            owner = next((g for g in child.children if g.dep_ == "pobj"), None)
            if owner is not None and _may_own(owner, strict=child.lower_ == "of"):
                return owner
        if child.dep_ == "acl" and child.lemma_.lower() in ISSUING_VERBS:
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            owner = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if owner is not None:
                return owner
    verb = document.head
    if document.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lower_ in SERIES_NOUNS:
        document, verb = verb.head, verb.head.head  # "a series of posts" is put out as one
    if document.dep_ == "pobj" and verb.lower_ in _IN_DOCUMENT and verb.head.pos_ == "VERB":
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # said in it
    if document.dep_ == "dobj" and verb.dep_ == "conj" and verb.head.lemma_.lower() in ISSUING_VERBS:
        verb = verb.head  # "published and retracted a story"
    if document.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS:
        return _subject_of(verb)
    return None


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the one of the clause a participle hangs on ("X aired her anger,
    issuing a series of posts": X issued them)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head  # "Velmar News, which published a story": the outlet
    return subject


def _may_own(tok: Token, *, strict: bool) -> bool:
    """A document's "by X" names its author unless X is a date or a number; "of X" only
    when X is a name ("a study of 500 voters" is about them, not by them)."""
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
        return False
    return tok.ent_type_ in _NAMED if strict else tok.pos_ in ("PROPN", "NOUN")


def appositive_name(descriptor: Token) -> Token | None:
    """"The club's manager, Oskar Pell,": the name set beside a descriptor."""
    for child in descriptor.children:
        if child.dep_ == "appos" and child.i > descriptor.i and (
            child.ent_type_ == "PERSON" or child.pos_ == "PROPN"
        ):
            return child
    return None


def name_in_title(title: Token) -> Token | None:
    """"Editor in Chief Tom Greer": the parse makes the title the subject and hangs the name
    inside it; the name speaks. Only a person named right after the title's own words."""
    for tok in title.doc[title.i + 1:min(title.i + _TITLE_TOKENS, len(title.doc))]:
        if tok.ent_type_ == "PERSON":
            name = title.doc[entity_range(tok)[1] - 1]
            return name if any(a.i == title.i for a in name.ancestors) else None
        if not (tok.is_title or tok.lower_ in ("of", "in", "for", "the")):
            return None
    return None


def media_links(cue: Token, speaker: Token | None, quoting: Token | None) -> list[Link]:
    """Media and events the words came through: "speaking on Channel Nine", "said on a call
    organised by Y", "in an interview with Z"."""
    holders = [t for t in (cue, quoting, speaker) if t is not None]
    if cue.dep_ == "conj" and cue.head.pos_ == "VERB":
        holders.append(cue.head)  # "In her remarks, X said …, and noted that": noted in them too
    holders = [h for h in holders if not too_many_dependents(h)]
    places: list[Token] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("advcl", "acl") and child.tag_ == "VBG" and child.i != cue.i \
                    and child.lemma_.lower() in APPEARING_VERBS:  # "sharing the clip on Twitter"
                places += _prep_objects(child) + [p for o in child.children if o.dep_ == "dobj"
                                                  for p in _prep_objects(o)]
        places += _prep_objects(holder)
        places += [p for obj in holder.children if obj.dep_ in ("dobj", "dative") for p in _prep_objects(obj)]
    heard_by = hearers_of(cue) + _outlets_owning(speaker)
    links = [link for h in heard_by if (link := _outlet_link(h)) is not None]
    for place in dict.fromkeys(places):  # in order, once each
        link = _link_of_place(place)
        if link is not None and link not in links:
            links.append(link)
    return links


def hearers_of(cue: Token) -> list[Token]:
    """Who the words were said to: "told X", "said to X"."""
    told = [c for c in cue.children if c.dep_ in ("dobj", "dative")] if cue.lemma_.lower() == "tell" else []
    to = [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "to"
          and cue.lemma_.lower() in _TELLING for g in c.children if g.dep_ == "pobj"]
    return told + to


def _outlets_owning(speaker: Token | None) -> list[Token]:
    """"the Gazette's Nora Vale", "CNN's Tom Greer": a press outlet the speaker writes for."""
    if speaker is None:
        return []
    first, end = noun_range(speaker)
    return [t for t in speaker.doc[first:end] if t.dep_ == "poss" and first <= t.head.i < end
            and any(_is_press(w) for w in speaker.doc[slice(*noun_range(t))])]


def _outlet_link(hearer: Token) -> Link | None:
    """An outlet that heard the words ("told Velmar News", "told the newspaper"); people, the
    press in general ("told reporters") and bodies ("told Congress") are not links."""
    first, end = noun_range(hearer)
    words = {t.lower_ for t in hearer.doc[first:end]}
    if _is_press(hearer) and hearer.tag_ not in ("NNS", "NNPS"):
        return Link((first, end), "media")  # "the Gazette", which the tagger may take for a person
    if hearer.ent_type_ in ("PERSON", "GPE", "NORP") or hearer.pos_ == "PRON":
        return None
    if words & MEDIA_NOUNS and hearer.tag_ not in ("NNS", "NNPS"):
        return Link((first, end), "media")  # "told CNN's Sunday show", "told the newspaper"
    if hearer.pos_ == "PROPN" and hearer.ent_type_ == "ORG" and not words & ORG_NOUNS:
        return Link((first, end), "media")
    return None


def _prep_objects(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in _MEDIUM_PREPOSITIONS
            for g in c.children if g.dep_ == "pobj"]


def _link_of_place(place: Token) -> Link | None:
    """A medium by name ("on Channel Nine", "on Twitter"), the organiser of an event or the
    event itself, or the document the words were in ("in a statement")."""
    if place.lemma_.lower() in _VENUE_NOUNS and place.pos_ == "NOUN":
        return _event_link(place)
    if is_document(place) and place.head.lower_ in _IN_DOCUMENT:
        return Link(noun_range(place), "document")
    if place.head.lower_ not in ("on", "via"):  # "said in London", "at the White House": a place
        return None
    if place.pos_ == "PROPN" and place.ent_type_ not in _NOT_MEDIA:
        return Link(noun_range(place), _kind(place, "media"))
    if _is_press(place):
        return Link(noun_range(place), "media")
    return None


def _event_link(place: Token) -> Link | None:
    """"on a call organised by Y", "in an interview with Z": the organiser or host; an event
    with neither ("at a briefing", "during a speech") is itself the link."""
    for child in place.children:
        if child.dep_ == "acl":
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if by is not None:
                return Link(noun_range(by), _kind(by, "organization"))
        if child.dep_ == "prep" and child.lower_ in ("with", "by", "on"):
            host = next((g for g in child.children if g.dep_ == "pobj"), None)
            if host is not None and (host.pos_ == "PROPN" or _is_press(host)):
                return Link(noun_range(host), _kind(host, "media"))
    if place.head.lower_ not in _IN_DOCUMENT:  # "talks with a call to arms"
        return None
    return Link(noun_range(place), "media")


def _is_press(tok: Token) -> bool:
    return tok.lower_ in MEDIA_NOUNS or tok.lemma_.lower() in MEDIA_NOUNS


def _kind(tok: Token, default: ViaKind) -> ViaKind:
    if tok.ent_type_ == "PERSON" and tok.head.lower_ != "on":  # "on Twitter" is no person
        return "person"
    if is_document(tok):
        return "document"
    if any(_is_press(t) for t in tok.subtree):
        return "media"
    return default


def noun_range(head: Token, without: Token | None = None) -> TokenRange:
    """The tokens of a noun phrase: the head with its determiners, modifiers and name parts,
    leaving out ``without`` (a document's owner)."""
    lefts = [c.left_edge.i for c in head.children
             if c.i < head.i and c.dep_ in _PHRASE_LEFT | {"poss"} and (without is None or c.i != without.i)]
    first = min(lefts, default=head.i)
    end = head.i + 1
    while end < len(head.doc) and head.doc[end].dep_ == "compound" and head.doc[end].head.i == head.i:
        end += 1
    if head.ent_iob_ in ("B", "I"):  # a name's own tokens ("Channel Nine")
        while first > 0 and head.doc[first].ent_iob_ == "I":
            first -= 1
        while end < len(head.doc) and head.doc[end].ent_iob_ == "I":
            end += 1
    return first, end
