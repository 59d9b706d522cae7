"""Span surgery on entity mentions: what is not part of a name comes off its edges.

Pure functions on the article text and character offsets, so the invariant
``text[start:end] == mention.text`` holds after every cut:

* a span never crosses a line break (spaCy joins a table cell or a headline to the next line);
* punctuation, quotes and possessives come off both ends ("North Korea's" → "North Korea"),
  but the period of an abbreviation or an initial stays ("Brinmoor Holdings Ltd.", "J.");
* a leading article comes off ("the United Nations" → "United Nations"), except in titles
  of works ("The Godfather");
* from a PERSON: leading titles and honorifics ("Comrade Kim Jong-un" → "Kim Jong-un",
  "Foreign Minister Tomás Erevan" → "Tomás Erevan") and anything from the first number on
  ("Andrew Park 72" → "Andrew Park").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crosswire.lexicon import PERSON_TITLES, TITLES
from crosswire.mentions.entities.vocab import ABBREVIATIONS, NAME_LABELS

Span = tuple[int, int]

_LEAD_JUNK = set(" \t\r\n\"'“”‘’«»([{<-–—•·*#:;,./|")
_TRAIL_JUNK = set(" \t\r\n\"'“”‘’«»)]}>-–—•·*#:;,./|!?")
_POSSESSIVE = re.compile(r"\s?['’]s$|(?<=[sSzZ])['’]$")
_LEADING_ARTICLE = re.compile(r"(?i)(?:the|an?)\s+(?=\S)")
_WORD = re.compile(r"\S+")


def trim_span(text: str, start: int, end: int, label: str) -> list[Span]:
    """The name parts of ``text[start:end]``: zero (nothing left), one, or more (a line break
    split it)."""
    spans = []
    for s, e in _split_lines(text, start, end):
        if label not in NAME_LABELS:  # amounts and dates keep their words ("the 1990s")
            s, e = _strip_space(text, s, e)
        else:
            s, e = _strip_edges(text, s, e, label)
        if label == "PERSON":
            s, e = _strip_person(text, s, e)
        if e > s and any(c.isalnum() for c in text[s:e]):
            spans.append((s, e))
    return spans


def _split_lines(text: str, start: int, end: int) -> Iterator[Span]:
    s = start
    for match in re.finditer(r"[\r\n]+", text[start:end]):
        yield s, start + match.start()
        s = start + match.end()
    yield s, end


def _strip_space(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while s < e and text[e - 1].isspace():
        e -= 1
    return s, e


def _strip_edges(text: str, s: int, e: int, label: str) -> Span:
    """Peel junk off both ends until nothing more comes off (a possessive can hide behind
    a quote mark, a quote behind a possessive)."""
    while True:
        before = (s, e)
        while s < e and text[s] in _LEAD_JUNK:
            s += 1
        article = _LEADING_ARTICLE.match(text, s, e)
        if article and label != "WORK_OF_ART":
            s = article.end()
        possessive = _POSSESSIVE.search(text, s, e)
        if possessive and possessive.start() > s:
            e = possessive.start()
        while s < e and text[e - 1] in _TRAIL_JUNK and not _keeps_period(text, s, e):
            e -= 1
        if (s, e) == before:
            return s, e


def _keeps_period(text: str, s: int, e: int) -> bool:
    """A final period that belongs to the name: "Ltd.", "U.S.", the initial "J."."""
    if text[e - 1] != ".":
        return False
    last = text[s:e].split()[-1].rstrip(".")
    return (len(last) == 1 and last.isalpha()) or "." in last or last.lower() in ABBREVIATIONS


def _strip_person(text: str, s: int, e: int) -> Span:
    """Drop leading titles and everything from the first number on; (s, s) when only
    titles are left."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, s, e)]
    while len(words) > 1 and is_title(text[words[0][0]:words[0][1]]):
        words.pop(0)
    if len(words) == 1 and is_person_title(text[words[0][0]:words[0][1]]):
        return s, s
    for i, (ws, we) in enumerate(words[1:], start=1):
        if any(c.isdigit() for c in text[ws:we]):
            words = words[:i]
            break
    if not words:
        return s, s
    return _strip_edges(text, words[0][0], words[-1][1], "PERSON")


def _title_forms(word: str) -> tuple[str, str]:
    bare = word.strip(".,:;-–—").lower()
    # Plural headings of sports line-ups: "Goalkeepers - Bogdan Stelea".
    return bare, bare[:-1] if bare.endswith("s") else bare


def is_title(word: str) -> bool:
    """A title, honorific or the modifier of one ("former", "foreign")."""
    return any(form in TITLES for form in _title_forms(word))


def is_person_title(word: str) -> bool:
    """A title that alone names a role held by a person ("President", "Dr.")."""
    return any(form in PERSON_TITLES for form in _title_forms(word))
