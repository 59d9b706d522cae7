"""Pair quotation marks in raw text: where direct speech starts and ends, before any parsing.

Works on the text alone, in one pass, so it is linear in the length of the article whatever
the marks are (ten thousand stray marks cost what ten thousand letters cost), and it never
raises. The rules are news conventions:

* A paragraph is the unit of recovery: a mark left open at the end of a paragraph is either
  a quote that runs on (the next paragraph reopens with a mark, as newspapers do for a
  speech over several paragraphs) or a lost closing mark, and then the quote stops at the
  paragraph's end (``closed=False``, so the caller can be stricter with it). Nothing leaks
  into the rest of the article.
* Curly marks say which way they face (but a ” standing apart before an ellipsis opens: ``”
  … and then we left,”``); straight ``"`` marks alternate within a paragraph,
  except after a digit, where ``"`` is an inch sign (6'2"). Two apostrophes ``''`` are a
  double mark, as some papers' archives and typewritten copy print it (``''We won,''``):
  one opens after a space, a bracket or a dash, else it closes.
* A quotation that is a transcript ("MS. QUILLON: … MR. WREN: …") is cut into its turns
  by ``transcript_turns``, each with the span of its speaker's label.
* Curly double marks inside a quote that straight marks opened are nested speech
  (``"He read the question: “Do you agree?” Most said no."``), as single marks are; so are
  curly marks opening after a word or a comma inside a curly quote (``“They shout “Go home!””``),
  where an opening mark after a sentence's end starts a new quote (the quote before lost its
  closing mark).
* Single marks are nested speech inside double marks, and apostrophes (don’t, Russia’s,
  the students’) otherwise; a paragraph without double marks may use them as its primary
  marks (British copy, headlines), and then a ‘ at a word start pairs with the next ’ that
  is not inside a word. An unclosed single mark is dropped: it was an apostrophe (‘90s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crosswire.mentions.quotes.vocab import (
    DOUBLE_CLOSE,
    DOUBLE_OPEN,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT_DOUBLE,
    STRAIGHT_SINGLE,
)

_PARAGRAPH = re.compile(r"[^\n]+")
_TWO_APOSTROPHES = STRAIGHT_SINGLE * 2
_DOUBLE = re.compile(f"[{DOUBLE_OPEN}{DOUBLE_CLOSE}{STRAIGHT_DOUBLE}]|{_TWO_APOSTROPHES}")
_OPENS_AFTER = "([{—–-"  # what may stand before a two-apostrophe mark that opens
_SINGLE = re.compile(f"[{SINGLE_OPEN}{SINGLE_CLOSE}{STRAIGHT_SINGLE}]")
# Characters a quote's content does not end with: the comma of `"A," he said` belongs to the
# sentence around the quote, not to what was said.
_TRAILING = " \t\r\n,"
# A transcript's speaker label inside a quotation: "MS. QUILLON:", "SEN. WREN:", "RAO:". Upper
# case, at the content's start, after a sentence's end or at a paragraph's start (a transcript
# over several paragraphs reopens each with a mark), then a colon.
_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[.?!…—-]\s)|(?<=[.?!…]”\s)|(?<=\n)|(?<=\n[\"“]))"
    r"((?:(?:MR|MRS|MS|DR|SEN|REP|GOV|GEN|PROF)\.\s)?[A-Z][A-Z’'-]+(?:\s[A-Z][A-Z’'-]+){0,2}):\s"
)


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One stretch of text between an opening and a closing mark.

    ``open``/``close`` are the offsets of the marks (``close`` is the paragraph's end when
    the mark never closed); ``start``/``end`` is the content inside them.
    """

    open: int
    close: int
    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (a non-blank line) starts, in order."""
    return [m.start() for m in _PARAGRAPH.finditer(text) if not m.group().isspace()]


def pair_quote_marks(text: str) -> list[QuotedSpan]:
    """Every quoted stretch in ``text``, in order; nested quotes stay inside their outer one."""
    quotes: list[QuotedSpan] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if not m.group().isspace()]
    carried: tuple[int, int] | None = None  # (open offset, paragraphs so far) of a running quote
    family = _DOUBLE
    for n, (start, end) in enumerate(paragraphs):
        if carried is None:  # a running quote keeps the marks it started with
            family = _DOUBLE if _DOUBLE.search(text, start, end) else _SINGLE
        marks = _marks(text, start, end, family)
        if carried is not None:
            next(marks, None)  # the paragraph's reopening mark continues the running quote
        carried = _pair_paragraph(text, marks, carried, quotes)
        if carried is None:
            continue
        nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        if nxt is not None and _reopens(text, nxt, family):
            carried = (carried[0], carried[1] + 1)
        else:
            if family is _DOUBLE:  # a lost closing mark: the quote ends with its paragraph
                quotes.append(_span(text, carried[0], end, closed=False, paragraphs=carried[1]))
            carried = None
    return [q for q in quotes if q.end > q.start]


def _pair_paragraph(
    text: str, marks: Iterator[tuple[int, str]], carried: tuple[int, int] | None,
    quotes: list[QuotedSpan],
) -> tuple[int, int] | None:
    """Pair the marks of one paragraph; returns the quote still open at its end, if any."""
    open_at = carried
    nested = False  # inside curly marks nested in a quote that straight marks opened
    for pos, role in marks:
        if nested:
            nested = text[pos] not in DOUBLE_CLOSE
        elif open_at is None:
            if role != "close":  # a closing mark with nothing open is a stray: skip it
                open_at = (pos, 1)
        elif role == "open" and text[pos] in DOUBLE_OPEN and (
                text[open_at[0]] == STRAIGHT_DOUBLE or _inside_a_sentence(text, pos)):
            # "… read you the question: “Do you …?” Forty-three, yes."; "… the press shrieks
            # “You are just like him!”": a quote inside the quote.
            nested = True
        elif role == "open":
            open_at = (pos, 1)  # two openers in a row: the first never closed, start again
        else:
            quotes.append(_span(text, open_at[0], pos, closed=True, paragraphs=open_at[1]))
            open_at = None
    return open_at


def _inside_a_sentence(text: str, pos: int) -> bool:
    """Does the mark at ``pos`` follow a word or a comma, inside a sentence? A mark that opens a
    sentence while a quote is open starts a new quote: the one before lost its closing mark."""
    before = text[max(pos - 3, 0):pos].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",:;")


def _marks(text: str, start: int, end: int, family: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """The quotation marks of one paragraph with the way they face: open, close or either."""
    for m in family.finditer(text, start, end):
        pos, ch = m.start(), m.group()
        before = text[pos - 1] if pos > start else " "
        after = text[m.end()] if m.end() < end else " "
        role = _role(ch, before, after)
        if ch in DOUBLE_CLOSE and before.isspace() and text[m.end():end].lstrip().startswith("…"):
            role = "open"  # "… the bad. ” … what I learned is that …”": a quote taken up mid-sentence
        if role:
            yield pos, role


def _role(ch: str, before: str, after: str) -> str | None:
    if ch == _TWO_APOSTROPHES:
        return "open" if before.isspace() or before in _OPENS_AFTER else "close"
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        # ‘ glued to a word's end is an apostrophe typed the wrong way round (rock ‘n’ roll).
        return None if ch in SINGLE_OPEN and before.isalnum() else "open"
    if ch in SINGLE_CLOSE or ch == STRAIGHT_SINGLE:
        if before.isalnum() and after.isalnum():
            return None  # don’t, Russia’s: an apostrophe inside a word
        if ch == STRAIGHT_SINGLE and not before.isalnum() and after.isalnum():
            return "open"
        return "close" if not before.isspace() else None
    if ch in DOUBLE_CLOSE:
        # ” typed at a word's start (a paragraph opening with the wrong curly mark) opens.
        return "open" if before.isspace() and after.isalnum() else "close"
    # A straight double mark: an inch sign after a digit, else it alternates.
    return None if before.isdigit() and not after.isalnum() else "either"


def _reopens(text: str, start: int, family: re.Pattern[str]) -> bool:
    """Does the paragraph at ``start`` begin with an opening mark (a quote running on)?"""
    head = text[start:start + 8].lstrip()
    if not head:
        return False
    opening = DOUBLE_OPEN + STRAIGHT_DOUBLE if family is _DOUBLE else SINGLE_OPEN + STRAIGHT_SINGLE
    return head[0] in opening or (family is _DOUBLE and head.startswith(_TWO_APOSTROPHES))


def _span(text: str, open_at: int, close_at: int, *, closed: bool, paragraphs: int) -> QuotedSpan:
    start, end = open_at + (2 if text.startswith(_TWO_APOSTROPHES, open_at) else 1), close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return QuotedSpan(open_at, close_at, start, end, closed, paragraphs)


@dataclass(frozen=True, slots=True)
class Labelled:
    """One speaker's turn in a transcript: the label's name and the words after it."""

    name_start: int
    name_end: int
    start: int
    end: int


def transcript_turns(text: str, start: int, end: int) -> list[Labelled]:
    """The turns of a quotation that is a transcript ("MS. QUILLON: … MR. WREN: …"), or []
    when it is not one: it must open with a label."""
    content = text[start:end]  # on its own, so that a label may open it (^)
    labels = list(_LABEL.finditer(content))
    if not labels or labels[0].start() != 0:
        return []
    turns = []
    for n, label in enumerate(labels):
        stop = labels[n + 1].start() if n + 1 < len(labels) else len(content)
        while stop > label.end() and content[stop - 1] in _TRAILING + '"“':  # the next reopening mark
            stop -= 1
        if stop > label.end():
            turns.append(Labelled(start + label.start(1), start + label.end(1),
                                  start + label.end(), start + stop))
    return turns
