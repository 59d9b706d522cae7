"""Kinds of names neither spaCy's small model nor 1996 Reuters news knows, from word lists.

Run after the tagger, since what they know is not in its training data:

* **vehicles**: a name right before a vehicle noun ("the Arkan rocket", "the Selwyn
  tanker") or after a ship prefix ("HMS Dauntless") is a PRODUCT, never a PERSON;
* **launch sites**: capitalised words before "Cosmodrome" or "Spaceport" are one FAC name,
  added when spaCy missed it;
* **name particles**: "Ursula von der Leyen" cut by spaCy into "Ursula von" and "Leyen" is
  one PERSON again, and a particle alone is no entity;
* **diseases and coined events** ("COVID-19", "Brexit") are EVENTs, never an ORG or a PERSON;
* **platforms** ("Twitter", "Telegram") are ORGs, never a PERSON;
* **credit lines and bylines** inside the body ("Photo: …", "Slideshow", "By …") are no
  subjects of the story: the names on them are dropped.
"""

from __future__ import annotations

import re

from crosswire.mentions.entities.vocab import (
    COINED_EVENTS,
    CREDIT_LINE_STARTS,
    DISEASE_NAMES,
    NAME_LABELS,
    NAME_PARTICLES,
    PLATFORMS,
    VEHICLE_NOUNS,
)
from crosswire.types import Mention

# Not "probe" here (the tagger's features keep it): news writes "the Velmar probe" and "the
# Brenk probe" for inquiries far more often than for spacecraft.
_VEHICLE_AFTER = re.compile(r"[\s-]+(" + "|".join(sorted(VEHICLE_NOUNS - {"probe"})) + r")\b", re.I)
_SHIP_PREFIX = re.compile(r"\b(?:USS|HMS|HMAS|HMCS|INS|RFS|MV|SS|RV)\s+$")
_NAME_WORD = r"[A-Z][\w'’.-]*"
_LAUNCH_SITE = re.compile(
    rf"\b(?:(?!(?:The|A|At|From|In)\b){_NAME_WORD}[ \t]+){{1,3}}(?:[Cc]osmodrome|[Ss]paceport)\b"
)
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_PARTICLE_NAME = re.compile(
    rf"\b{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?(?:[ \t]+(?:{_PARTICLE})(?=[ \t-]))+[ \t-]+{_NAME_WORD}"
)
_NUMBERED = re.compile(r"[-\s]?\d+$")
_BYLINE = re.compile(r"(?:By|BY)\s+[A-Z][^\n]{0,60}$|(?:Reporting|Writing|Editing)(?: by)?\b[^\n]*$")
_WORD = re.compile(r"[\w']+")
# A credit inside a caption line: "… examine a launch pad. PHOTO: AP/THE HERALD".
_CREDIT_IN_LINE = re.compile(r"\b(?:photo|photograph|picture|image|credit)s?\s*:", re.I)
# Labels a word list may overrule: the small model's usual guesses for these names.
_GUESSES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"})


def correct_kinds(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the kinds above corrected, joined, added or dropped."""
    mentions = _joined_particle_names(text, mentions)
    mentions = _with_launch_sites(text, mentions)
    for mention in mentions:
        relabel = _kind_from_words(text, mention)
        if relabel is not None:
            mention.label = relabel
    credit_lines = _credit_lines(text)
    return [m for m in mentions if not _dropped(m, credit_lines)]


def _kind_from_words(text: str, mention: Mention) -> str | None:
    if mention.label not in _GUESSES:
        return None
    bare = mention.text.lower()
    if bare in DISEASE_NAMES or _NUMBERED.sub("", bare) in DISEASE_NAMES or bare in COINED_EVENTS:
        return "EVENT"
    if bare in PLATFORMS and mention.label == "PERSON":
        return "ORG"
    if mention.label in ("PERSON", "ORG", "GPE", "NORP") and _is_vehicle(text, mention):
        return "PRODUCT"
    return None


def _is_vehicle(text: str, mention: Mention) -> bool:
    return bool(_VEHICLE_AFTER.match(text, mention.end)) or bool(
        _SHIP_PREFIX.search(text, max(0, mention.start - 6), mention.start))


def _joined_particle_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """One PERSON for a name running through particles, where spaCy tagged a part of it PERSON."""
    for match in _PARTICLE_NAME.finditer(text):
        parts = [m for m in mentions if m.start < match.end() and match.start() < m.end]
        if not any(m.label == "PERSON" for m in parts) or any(_outside(m, match) for m in parts):
            continue
        # From where spaCy's name starts: a title before it ("President") is not part of it.
        start = min(m.start for m in parts)
        mentions = [m for m in mentions if m not in parts]
        mentions.append(Mention(text[start:match.end()], start, match.end(), "PERSON"))
    return mentions


def _outside(mention: Mention, match: re.Match[str]) -> bool:
    return mention.start < match.start() or mention.end > match.end()


def _with_launch_sites(text: str, mentions: list[Mention]) -> list[Mention]:
    for match in _LAUNCH_SITE.finditer(text):
        start, end = match.start(), match.end()
        mentions = [m for m in mentions if not (m.start < end and start < m.end)]
        mentions.append(Mention(text[start:end], start, end, "FAC"))
    return mentions


def _credit_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every line that is a picture credit or a byline, and of the
    credit that ends a caption line."""
    lines = []
    at = 0
    for line in text.split("\n"):
        credit = _CREDIT_IN_LINE.search(line)
        if _is_credit_line(line):
            lines.append((at, at + len(line)))
        elif credit is not None and len(_WORD.findall(line[credit.end():])) <= 8:
            lines.append((at + credit.start(), at + len(line)))
        at += len(line) + 1
    return lines


def _is_credit_line(line: str) -> bool:
    stripped = line.strip()
    words = _WORD.findall(stripped)
    if not words or len(words) > 12:
        return False
    if words[0].lower() in CREDIT_LINE_STARTS and (len(words) == 1 or stripped[len(words[0])] in ":/|-–— "):
        # "Photo: Jane Doe/AP", "Slideshow (5 images)"; not "Photos show the damage." (a verb
        # follows and the line ends like a sentence).
        return not stripped.endswith(".") or ":" in stripped[:20]
    return bool(_BYLINE.fullmatch(stripped)) and not stripped.endswith(".")


def _dropped(mention: Mention, credit_lines: list[tuple[int, int]]) -> bool:
    if mention.label not in NAME_LABELS:
        return False
    # A particle alone, as written in a name ("von"; the Turkish city "Van" stays), or a
    # credit word alone ("Slideshow").
    if mention.text in NAME_PARTICLES or mention.text.lower() in CREDIT_LINE_STARTS:
        return True
    return any(s <= mention.start and mention.end <= e for s, e in credit_lines)
