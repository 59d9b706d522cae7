"""Acronyms linked to the expansion the article gives: "UN Security Council (UNSC)".

When an article writes a name followed by its acronym in brackets (or the acronym followed
by the name), or spells out an acronym of three letters or more anywhere else in the text
(the one name whose initials it is), every mention of the acronym in that article stands
for the name:
its ``canonical`` becomes the expansion and it takes the expansion's label. Occurrences of
the acronym spaCy did not tag are added as mentions, so "UNSC" later in the text is counted.

The letters must fit: each word of the expansion gives its initial, an all-capitals word
may give all its letters ("UN" in "UN Security Council"), and small words ("of", "the",
"and") may give theirs or not ("DPRK" ← "Democratic People's Republic of Korea"). Next to
brackets, where the article itself says the two are one, letters from inside the words are
accepted too, in order ("Singapore Airlines (SIA)": ``defines``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosswire.mentions.entities.vocab import words
from crosswire.types import Mention

_SMALL_WORDS = words("of the and for on in at to de des du la le del &")
_BRACKETED = re.compile(r"\s*\(\s*([^()]{2,80}?)\s*\)")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.\-]{1,11}")


def is_acronym(text: str) -> bool:
    """Two or more capitals and no spaces: "UNSC", "IAEA", "U.N.", "DPRK"."""
    return bool(_ACRONYM.fullmatch(text)) and sum(c.isupper() for c in text) >= 2


def acronym_fits(acronym: str, expansion: str) -> bool:
    letters = "".join(c for c in acronym.upper() if c.isalnum())
    words = tuple(w for w in re.split(r"[\s\-]+", expansion) if w)
    return len(words) > 1 and _fits(letters, words)


def defines(expansion: str, acronym: str) -> bool:
    """Can a name written next to an acronym in brackets be what it stands for? Its words'
    initials fit (``acronym_fits``), or the letters are found in order inside the name,
    the first one starting it and the last ones taken as late as they can be ("Singapore
    Airlines (SIA)"): the Schwartz–Hearst test for abbreviations defined in the text."""
    letters = "".join(c for c in acronym.lower() if c.isalnum())
    words = expansion.split()
    if not letters or len(words) < 2 or len(words) > min(len(letters) + 5, 2 * len(letters)):
        return False
    if acronym_fits(acronym, expansion):
        return True
    return expansion[:1].lower() == letters[0] and _in_order(letters, expansion.lower())


def _in_order(letters: str, text: str) -> bool:
    """Schwartz–Hearst: each letter, right to left, at its latest place in ``text``; the
    first letter at the start of a word."""
    at = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        while at >= 0 and (text[at] != letters[i] or (i == 0 and at > 0 and text[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return True


@lru_cache(maxsize=4096)
def _fits(letters: str, words: tuple[str, ...]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word.lower() in _SMALL_WORDS and _fits(letters, rest):
        return True  # a small word may give no letter
    initial = word[0].upper()
    if letters[:1] == initial and _fits(letters[1:], rest):
        return True
    caps = "".join(c for c in word if c.isupper())
    return len(caps) > 1 and word.isupper() and letters.startswith(caps) and _fits(letters[len(caps):], rest)


def link_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with acronyms linked to their expansion, and untagged occurrences added."""
    expansions = _expansions(text, mentions)
    expansions.update(_spelled_out(mentions, expansions))
    if not expansions:
        return mentions
    for mention in mentions:
        found = expansions.get(mention.text)
        if found is not None and mention.text != found.text:
            mention.canonical, mention.label = found.text, found.label
    return mentions + _untagged(text, mentions, expansions)


def _expansions(text: str, mentions: list[Mention]) -> dict[str, Mention]:
    """Acronym → the mention that spells it out, from "Name (ACR)" and "ACR (Name)"."""
    found: dict[str, Mention] = {}
    by_start = {m.start: m for m in mentions}
    for mention in mentions:
        bracket = _BRACKETED.match(text, mention.end)
        if bracket is None:
            continue
        inside = bracket.group(1)
        if is_acronym(inside) and defines(mention.text, inside):
            found.setdefault(inside, mention)
        named = by_start.get(bracket.start(1))
        if named and is_acronym(mention.text) and defines(named.text, mention.text):
            found.setdefault(mention.text, named)
    return found


def _spelled_out(mentions: list[Mention], known: dict[str, Mention]) -> dict[str, Mention]:
    """Acronym → the one name elsewhere in the article whose initials it is, with no
    brackets between them ("the USSR", then "the Union of Soviet Socialist Republics").
    Three letters at least, and a single such name: two letters fit too many names."""
    names = [m for m in mentions if " " in m.text and not is_acronym(m.text)]
    found: dict[str, Mention] = {}
    for acronym in {m.text for m in mentions if is_acronym(m.text) and m.text not in known}:
        if sum(c.isalnum() for c in acronym) < _SPELLED_OUT_LETTERS:
            continue
        fitting = {m.text: m for m in names if acronym_fits(acronym, m.text)}
        if len(fitting) == 1:
            found[acronym] = next(iter(fitting.values()))
    return found


_SPELLED_OUT_LETTERS = 3


def _untagged(text: str, mentions: list[Mention], expansions: dict[str, Mention]) -> list[Mention]:
    taken = sorted((m.start, m.end) for m in mentions)
    added = []
    for acronym, expansion in expansions.items():
        for match in re.finditer(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                added.append(Mention(acronym, match.start(), match.end(), expansion.label,
                                     canonical=expansion.text))
    return added
