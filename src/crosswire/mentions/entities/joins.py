"""Where spaCy's name boundaries run across two names, or stop inside one: repairs made from
the text and the article's other mentions.

* **an organisation "of" a place** is one organisation when it has chapters (an acronym,
  an association, a council) and the place is no country: "CLDF" + "of" + "Nevada" → "CLDF
  of Nevada" (a chapter is not the state: read apart, every mention of the state would
  share an entity with the chapter); a company or a club "of" a place is from there;
* **glued captions**: web pages glue a name to the box next to it ("Ada Brenk Adaline
  Rose BrenkGOP leaders ..."); a person's name is cut where a lower-case letter meets a
  run of capitals or a new long word, and a name repeated in full right after its surname
  ("Brenk Adaline Rose Brenk") is two mentions, the surname and the full name;
* **an abbreviation run into a name** ("the U.N. Harrow spoke", a sentence break spaCy
  missed): "U.N." and "Harrow" are two mentions when "Harrow" is a word of a full person
  name in the article;
* **a possessive inside a name** ("Velmar News' Ada Brenk", "Harrow's Ostrania"): two names
  when both stand alone elsewhere in the article, or the second is a full person name;
* **credit lines** run agencies together over slashes ("U.N. /VNA /Kestrel Images"): one
  mention each; a lawmaker's party tag ("(D-N.M.)") names a state, a place;
* **two names at a hyphen** ("Brenk-Quillon talks") are two; a name ends before a run of
  lower-case words or a possessive and a number;
* **a title-case headline** runs a name into the verb after it ("Harrow Picks Velmar
  Bank"): a headline name the body never uses is cut into the names of the body it holds.

Pure functions over the text and mentions (offsets kept, ``text[start:end] == mention.text``);
labels of new pieces are settled later, by the form check and the article's vote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from crosswire.mentions.entities.acronyms import is_acronym
from crosswire.mentions.entities.context import has_name_shape
from crosswire.mentions.entities.places import fold, is_country, is_place
from crosswire.mentions.entities.vocab import HEAD_LABELS, NAME_LABELS, words
from crosswire.types import Mention

_PLACE_LABELS = frozenset({"GPE", "LOC"})
# "of" or "of the" between an organisation and the place it serves.
_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
# A lower-case letter glued to a run of capitals ("BrenkGOP", "RoseMORE") or, after a long
# word, to a new capitalised word ("BrenkSpeaks"): "McAdams" and "DeVries" are left alone.
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z]{2,})|(?<=[a-z]{5})(?=[A-Z][a-z]{3,})")
_ABBREVIATION_RUN = re.compile(r"((?:[A-Z]\.){2,})[ \t]+([A-Z][\w'’-]+)$")
_POSSESSIVE_INSIDE = re.compile(r"['’]s?[ \t]+(?=[A-Z])")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME_HYPHEN = re.compile(r"(?<=[a-z])-(?=[A-Z])")
# Two or more lower-case words that are no small words, or a possessive and a number, at
# the end of a name.
_TRAILING = re.compile(r"(?:\s+(?!(?:of|the|and|for|de|la|du|von|van|der|al|bin)\b)[a-z][a-z-]+){2,}$"
                       r"|['’]s?\s+\d[\d\s]*$")
_COMPANY_HEADS = words("company corporation corp inc ltd llc plc co group holdings club team")
_SLASH_PARTS = re.compile(r"[^/\s](?:[^/]*[^/\s])?")
# After "(" or ", " only: "D-Day" is no party tag.
_PARTY_STATE = re.compile(r"(?:(?<=\()|(?<=, ))[RDI]-([A-Z][A-Za-z.]*(?: [A-Z][a-z]+\.?)?)(?=[),;]|\s)")
_SMALL_WORDS = words("a an the and or but of in on at to for from by with as vs via")


def slashed(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name running over slashes is a credit line's agencies run together ("Ada Brenk /
    U.N. /VNA /Kestrel Images"): one mention per part."""
    out: list[Mention] = []
    for mention in mentions:
        if mention.label not in NAME_LABELS or "/" not in mention.text:
            out.append(mention)
            continue
        for part in _SLASH_PARTS.finditer(mention.text):
            s, e = mention.start + part.start(), mention.start + part.end()
            out.append(Mention(text[s:e], s, e, mention.label))
    return out


def party_states(text: str, mentions: list[Mention]) -> list[Mention]:
    """The state of a lawmaker's party tag ("Sen. Ada Brenk (D-N.M.)", ", R-Texas,") is a
    place; spaCy reads the tag as a person's name or misses it."""
    states = [(m.start(1), m.end(1)) for m in _PARTY_STATE.finditer(text)]
    if not states:
        return mentions
    tags = [(s - 2, e) for s, e in states]
    kept = [m for m in mentions if not any(m.start < e and s < m.end for s, e in tags)]
    return kept + [Mention(text[s:e], s, e, "GPE") for s, e in states]


def org_of_place(text: str, mentions: list[Mention]) -> list[Mention]:
    """An ORG followed by "of" (the) and a place on the same line is one ORG."""
    # A known place the tagger typed otherwise counts too ("Nevada" read as part of an ORG).
    by_start = {m.start: m for m in mentions
                if m.label in _PLACE_LABELS or (m.label in NAME_LABELS and is_place(m.text))}
    joined: dict[int, Mention] = {}
    for org in (m for m in mentions if m.label == "ORG" and _has_chapters(m.text)):
        of = _OF.match(text, org.end)
        place = by_start.get(of.end()) if of else None
        if place is None or id(place) in joined or "\n" in text[org.start:place.end] \
                or is_country(place.text):
            continue  # "Tolley Motor Corp of Ostrania": a company and its country
        whole = Mention(text[org.start:place.end], org.start, place.end, "ORG")
        joined[id(org)] = joined[id(place)] = whole
    if not joined:
        return mentions
    kept = [m for m in mentions if id(m) not in joined]
    return kept + list({id(w): w for w in joined.values()}.values())


def glue_points(mentions: list[Mention]) -> list[int]:
    """Where a person's name is glued to a caption ("Ada BrenkGOP"): the offsets to cut at,
    found on spaCy's mentions once (the tagger's later spans may stop short of them)."""
    points = []
    surnames = person_name_words(mentions)
    for mention in mentions:
        if mention.label not in NAME_LABELS:
            continue
        for glue in _GLUE.finditer(mention.text):
            # In another kind of name, only after a word of a person's name ("Swan
            # BrenkSpeaks"): "BlackRock" and "GlaxoSmith" are companies' own capitals.
            word = mention.text[:glue.start()].split()[-1] if glue.start() else ""
            if mention.label == "PERSON" or fold(word) in surnames:
                points.append(mention.start + glue.start())
                break
    return points


def _has_chapters(name: str) -> bool:
    """Names an organisation with local chapters: an acronym ("CLDF") or a name whose head
    says so ("Velmar Bar Association"); a club or a company "of" a place is from there."""
    return is_acronym(name) or (HEAD_LABELS.get(name.split()[-1].lower()) == "ORG" \
        and name.split()[-1].lower() not in _COMPANY_HEADS)


def unglued(text: str, mentions: list[Mention], points: list[int] | None = None) -> list[Mention]:
    """Person names cut at a glued caption (``points``: ``glue_points`` unless given), and a
    name repeated in full after its surname ("Brenk Ada Brenk") made two mentions, the
    surname and the full name."""
    for end in glue_points(mentions) if points is None else points:
        mentions = _cut_at(text, mentions, end)
    return mentions


# How many words before a glue point are searched for a surname said twice.
_ECHO_WORDS = 7


def _cut_at(text: str, mentions: list[Mention], end: int) -> list[Mention]:
    """Mentions running over ``end`` cut there; the full name ending there, when the words
    before it repeat its surname, one PERSON, and the surname before it another."""
    line_start = text.rfind("\n", 0, end) + 1
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, line_start, end)][-_ECHO_WORDS:]
    last = text[words[-1][0]:words[-1][1]] if words else ""
    repeats = [i for i, (s, e) in enumerate(words[:-1]) if text[s:e] == last]
    echo = (words[repeats[-1] + 1][0], end) if repeats and len(words) - repeats[-1] > 2 else None
    if echo is not None and not _is_echo(text, words[repeats[-1]:]):
        echo = None
    out: list[Mention] = []
    for m in mentions:
        if echo is not None and m.start < echo[1] and echo[0] < m.end:
            if m.start < echo[0]:  # "Brenk Ada": its words before the echo stay
                cut = text[m.start:echo[0]].rstrip()
                out.append(Mention(cut, m.start, m.start + len(cut), m.label))
            continue
        if m.start < end < m.end:
            out.append(Mention(text[m.start:end], m.start, end, m.label))
        else:
            out.append(m)
    if echo is not None:
        out.append(Mention(text[echo[0]:echo[1]], echo[0], echo[1], "PERSON"))
    return out


def _is_echo(text: str, words: list[tuple[int, int]]) -> bool:
    """Is the surname (``words[0]``) followed straight by a name ending in it, every word
    capitalised ("Brenk Ada Lynn Brenk"), not by a sentence ("Brenk said so. Lynn Brenk")?"""
    gap = text[words[0][1]:words[1][0]]
    return gap.isspace() and all(text[s].isupper() for s, _ in words[1:])


def abbreviation_runs(text: str, mentions: list[Mention]) -> list[Mention]:
    """"U.N. Harrow" is "U.N." and "Harrow" when "Harrow" is a word of a full person name
    in the article."""
    name_words = person_name_words(mentions)
    out: list[Mention] = []
    for mention in mentions:
        run = _ABBREVIATION_RUN.fullmatch(mention.text) if mention.label in NAME_LABELS else None
        if run is None or fold(run.group(2)) not in name_words:
            out.append(mention)
            continue
        s1, e1 = mention.start + run.start(1), mention.start + run.end(1)
        s2, e2 = mention.start + run.start(2), mention.start + run.end(2)
        out.append(Mention(text[s1:e1], s1, e1, "ORG" if mention.label != "GPE" else "GPE"))
        out.append(Mention(text[s2:e2], s2, e2, "PERSON"))
    return out


def possessive_splits(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Velmar News' Ada Brenk" is two names when each half is a name of its own: both
    named alone elsewhere in the article, or the second a full person name."""
    alone = {fold(m.text) for m in mentions}
    out: list[Mention] = []
    for mention in mentions:
        cut = _POSSESSIVE_INSIDE.search(mention.text) if mention.label in NAME_LABELS else None
        if cut is None:
            out.append(mention)
            continue
        left, right = mention.text[:cut.start()], mention.text[cut.end():]
        head = right.split()[-1].lower().rstrip(".")
        known = fold(left) in alone and (fold(right) in alone or has_name_shape(right))
        if not known or head in HEAD_LABELS:
            out.append(mention)  # "Tolley's Stadium", "Tolley's Investors Service"
            continue
        s2 = mention.start + cut.end()
        out.append(Mention(left, mention.start, mention.start + len(left), mention.label))
        out.append(Mention(right, s2, mention.end, "PERSON" if has_name_shape(right) else mention.label))
    return out


def hyphen_splits(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Brenk-Quillon talks", "Velmar Post-Ostrania School poll": two names joined at a hyphen
    are two mentions when the first is named alone elsewhere in the article and the second
    is too, or is a name of two words or more ("Rolls-Royce" stays whole)."""
    alone = {fold(m.text): m.label for m in mentions}
    out: list[Mention] = []
    for mention in mentions:
        parts = _hyphen_parts(mention, alone) if mention.label in NAME_LABELS else None
        out.extend(parts or [mention])
    return out


def _hyphen_parts(mention: Mention, alone: dict[str, str]) -> list[Mention] | None:
    for hyphen in _NAME_HYPHEN.finditer(mention.text):
        left, right = mention.text[:hyphen.start()], mention.text[hyphen.end():]
        known = fold(left) in alone and (fold(right) in alone or len(right.split()) > 1)
        # "Velmar Post-Ostrania School": two names of several words, the second with a head.
        headed = len(left.split()) > 1 and len(right.split()) > 1 \
            and right.split()[-1].lower() in HEAD_LABELS
        if known or headed:
            start2 = mention.start + hyphen.end()
            return [Mention(left, mention.start, mention.start + len(left),
                            alone.get(fold(left), mention.label)),
                    Mention(right, start2, mention.end, alone.get(fold(right), mention.label))]
    return None


def without_trailing_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name ends before a run of lower-case words or a number after a possessive
    ("Velmar Institute criminal justice reform group", "Velmar Institute’s 2016"): those are
    the sentence's, not the name's."""
    out: list[Mention] = []
    for mention in mentions:
        tail = _TRAILING.search(mention.text) if mention.label in NAME_LABELS else None
        if tail is None or tail.start() == 0:
            out.append(mention)
            continue
        end = mention.start + tail.start()
        out.append(Mention(text[mention.start:end], mention.start, end, mention.label,
                           mention.entity_id, mention.canonical))
    return out


def headline_cuts(text: str, mentions: list[Mention]) -> list[Mention]:
    """In a line written in title case, a name of several words the rest of the article
    never uses ("Harrow Picks Velmar Bank") is replaced by the names of the article it holds
    ("Harrow", "Velmar Bank"); words that are no name elsewhere are dropped."""
    headline_ends = _title_case_lines(text)
    if not headline_ends:
        return mentions
    elsewhere: dict[str, str] = {}
    for m in mentions:
        if not _inside(m, headline_ends):
            elsewhere.setdefault(fold(m.text), m.label)
    out: list[Mention] = []
    for mention in mentions:
        if mention.label not in NAME_LABELS or len(mention.text.split()) < 2 \
                or not _inside(mention, headline_ends) or fold(mention.text) in elsewhere:
            out.append(mention)
            continue
        pieces = list(_known_pieces(text, mention, elsewhere))
        # "Velmar Committee": a name's head word no piece holds keeps the name whole.
        headless = mention.text.split()[-1].lower() in HEAD_LABELS \
            and not any(p.end == mention.end for p in pieces)
        out.extend(pieces if pieces and not headless else [mention])
    return out


def _known_pieces(text: str, mention: Mention, known: dict[str, str]) -> Iterable[Mention]:
    """The longest runs of the mention's words that the article names elsewhere."""
    words = [(mention.start + m.start(), mention.start + m.end())
             for m in _WORD.finditer(mention.text)]
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            name = text[words[i][0]:words[j - 1][1]]
            if fold(name) in known:
                yield Mention(name, words[i][0], words[j - 1][1], known[fold(name)])
                i = j
                break
        else:
            i += 1


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every line written in title case, in order."""
    return list(_title_case_lines(text))


@lru_cache(maxsize=2)  # asked three times per article: by each repair pass and the surnames
def _title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    spans, at = [], 0
    for line in text.split("\n"):
        if _in_title_case(line):
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return tuple(spans)


def _in_title_case(line: str) -> bool:
    if line.count(" ") > 40:
        return False  # a paragraph: more words than any headline (checked before the words)
    kept: list[str] = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    if len(kept) < 3 or len(kept) > 20 or line.isupper() \
            or sum(any(c.isdigit() for c in w) for w in line.split()) > 1:
        return False  # a row of a results table or a line-up is no headline
    return sum(w[0].isupper() for w in kept) >= 0.8 * len(kept)


def _inside(mention: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    """Is the mention inside one of ``spans`` (sorted, not overlapping)? A lookup, not a scan:
    a long text may have thousands of such lines."""
    at = bisect_right(spans, (mention.start, _LAST)) - 1
    return at >= 0 and spans[at][0] <= mention.start and mention.end <= spans[at][1]


_LAST = 1 << 62  # sorts after any end offset


def person_name_words(mentions: list[Mention]) -> set[str]:
    """Words of full person names in the article ("havel" from "Vaclav Havel")."""
    found: set[str] = set()
    for mention in mentions:
        if mention.label == "PERSON" and has_name_shape(mention.text):
            found.update(fold(w) for w in mention.text.split() if len(w) > 2)
    return found
