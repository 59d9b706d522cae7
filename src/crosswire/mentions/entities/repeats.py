"""Short forms of names the article gives in full: what spaCy misses once a name is known.

* **surnames** (document-level propagation, the classic NER fix): once the article names a
  person "Ada Brenk", a later bare "Brenk" spaCy did not tag is a PERSON mention too, when
  the word is capitalised where a common word would not be (not the first word of a
  sentence unless spaCy reads it as a proper noun and the article never writes it in lower
  case), stands alone (no capitalised word beside it but a title: "Brenk Hall" is another
  name, "Ms. Brenk" hers) and lies in no other mention; in a line written in title case,
  only a surname the article never writes in lower case;
* **a publication's last word** ("the Gazette" after "The Velmar Gazette"): its canonical
  is the full name when exactly one publication of the article ends in that word, so the
  short and the full form are one entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from crosswire.mentions.entities.context import has_name_shape
from crosswire.mentions.entities.joins import title_case_lines
from crosswire.mentions.entities.places import fold, is_country
from crosswire.mentions.entities.spans import is_title
from crosswire.mentions.entities.vocab import NAME_LABELS, words
from crosswire.types import Mention

# The last words of newspapers' and magazines' names, as news writes them alone.
PUBLICATION_HEADS: frozenset[str] = words("""
times journal post tribune herald gazette globe chronicle examiner observer telegraph
guardian independent inquirer courier register bulletin dispatch sentinel star sun mail
economist atlantic statesman standard
""")


def with_repeated_surnames(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the bare surnames of the article's full person names that spaCy
    left untagged, each a new PERSON mention."""
    surnames = _surnames(mentions)
    if not surnames:
        return mentions
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    headlines = title_case_lines(text)
    # The surnames' tokens found by one search of the text, not by a walk over every token;
    # the ones the text also writes in lower case by one more (not one search per token).
    lower_case = {m.group() for m in _any_of({s.lower() for s in surnames}).finditer(text)}
    added = []
    for match in _any_of(surnames).finditer(text):
        token = _token_at(doc, match.start(), match.end())
        if token is not None and _stands_alone(token, headlines, token.text.lower() in lower_case) \
                and not _covered(taken, starts, match.start(), match.end()):
            added.append(Mention(token.text, token.idx, token.idx + len(token.text), "PERSON"))
    return mentions + added if added else mentions


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end)
    return span[0] if span is not None and len(span) == 1 else None


def _any_of(words: set[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b")


def _surnames(mentions: list[Mention]) -> set[str]:
    """The last words of the article's full person names, as written ("Brenk"), that are
    names of nothing else in the article (a place, an organisation) and no country."""
    found = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and has_name_shape(m.text)}
    others = {fold(m.text) for m in mentions if m.label != "PERSON"}
    return {s for s in found if len(s) > 2 and s[0].isupper() and not s.isupper()
            and fold(s) not in others and not is_country(s)}


def _stands_alone(token: Token, headlines: list[tuple[int, int]], in_lower_case: bool) -> bool:
    """``in_lower_case``: the article also writes the word in lower case ("power")."""
    if _in_lines(token.idx, headlines):
        # A headline capitalises every word: only a surname the article never writes in
        # lower case ("Brenk", not "Power") is read there.
        return not in_lower_case
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if (before is not None and _names_on(before) and not token.is_sent_start) \
            or (after is not None and after.is_title):
        return False  # part of another name ("Brenk Hall"); "Ms. Brenk" is hers
    # "Power was ..." may be the noun.
    return not (token.is_sent_start and (token.pos_ != "PROPN" or in_lower_case))


def _names_on(before: Token) -> bool:
    """Does the capitalised word before a surname start a name that runs on into it? Not a
    title ("Ms."), nor a sentence's first word that is no proper noun ("Like Brenk, ...")."""
    if not before.is_title or is_title(before.text):
        return False
    return not (before.is_sent_start and before.pos_ != "PROPN")


def _in_lines(offset: int, lines: list[tuple[int, int]]) -> bool:
    at = bisect_right(lines, (offset, 1 << 62)) - 1
    return at >= 0 and lines[at][0] <= offset < lines[at][1]


def _covered(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    at = bisect_left(starts, end)
    return any(e > start for _, e in taken[max(0, at - 16):at])


def publication_short_forms(mentions: list[Mention]) -> None:
    """Sets the canonical of "Gazette" (a name) to "Velmar Gazette" when that is the one
    organisation of the article of several words ending in "Gazette"."""
    full: dict[str, set[str]] = {}
    for m in mentions:
        parts = m.text.split()
        if m.label == "ORG" and len(parts) > 1 and parts[-1].lower() in PUBLICATION_HEADS:
            name = " ".join(parts[1:]) if parts[0].lower() == "the" else m.text
            full.setdefault(parts[-1].lower(), set()).add(name)
    for m in mentions:
        names = full.get(m.text.lower()) if m.label in NAME_LABELS and " " not in m.text else None
        if names is not None and len(names) == 1 and m.canonical is None:
            m.canonical, m.label = next(iter(names)), "ORG"  # spaCy reads "Gazette" a person too
