"""Quotation marks and dialogue dashes, paired by one language's conventions.

``pair_marks`` pairs each opening mark with its closing one: « » with inner no-break spaces,
„ “ (Russian, German), ‹ ›, 「 」 and 『 』, “ ” and straight quotes. A quote nested in another
(„ “ inside « ») belongs to the outer one; a mark left open at the end of its paragraph is no
quote. ``dialogue_turns`` reads the dialogue dash: a paragraph opened by — or – is speech, up
to the dash that introduces the author's words (``— Мы готовы, — сказал он. — Начнём.``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Marked", "Turn", "dialogue_turns", "pair_marks"]


@dataclass(frozen=True, slots=True)
class Marked:
    """A quotation: its marks at ``open``/``close``, its words at ``start``/``end``."""

    open: int
    close: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Turn:
    """A dialogue turn: its spoken parts, and the author's words between them (if any)."""

    parts: tuple[tuple[int, int], ...]
    remark: tuple[int, int] | None


def pair_marks(text: str, pairs: dict[str, str], spaces: str = "") -> list[Marked]:
    """Every closed quotation at the outer level, in text order."""
    found, i = [], 0
    while i < len(text):
        close_mark = pairs.get(text[i])
        if close_mark is None:
            i += 1
            continue
        close = _closing(text, i, text[i], close_mark)
        if close is None:
            i += 1
            continue
        start, end = _inside(text, i + 1, close, spaces)
        if start < end:
            found.append(Marked(i, close, start, end))
        i = close + 1
    return found


def _closing(text: str, open_at: int, open_mark: str, close_mark: str) -> int | None:
    """The mark closing the one at ``open_at`` (same pair, nesting counted), in its paragraph."""
    depth = 0
    for j in range(open_at + 1, len(text)):
        c = text[j]
        if c == "\n" and text.startswith("\n\n", j):
            return None
        if c == close_mark and depth == 0:
            return j
        if c == close_mark:
            depth -= 1
        elif c == open_mark:
            depth += 1
    return None


def _inside(text: str, start: int, end: int, spaces: str) -> tuple[int, int]:
    blank = " \t" + spaces
    while start < end and text[start] in blank:
        start += 1
    while end > start and text[end - 1] in blank:
        end -= 1
    return start, end


_DASH_LINE = re.compile(r"^[ \t]*[—–][ \t\u00a0]+(?P<body>[^\n]+)", re.MULTILINE)
# The author's words inside a turn: ", — сказал он." or " — dit-elle, — " between the parts.
_REMARK = re.compile(r"(?<=[,.!?…])[ \t\u00a0]+[—–][ \t\u00a0]+")
_RESUMED = re.compile(r"[.,][ \t\u00a0]+[—–][ \t\u00a0]+")


def dialogue_turns(text: str) -> Iterator[Turn]:
    """Each paragraph opened by a dialogue dash, as spoken parts and the author's remark."""
    for line in _DASH_LINE.finditer(text):
        start, end = line.start("body"), line.end("body")
        remark = _REMARK.search(text, start, end)
        if remark is None:
            yield Turn(((start, end),), None)
            continue
        first = (start, remark.start())
        resumed = _RESUMED.search(text, remark.end(), end)
        if resumed is None:
            yield Turn((first,), (remark.end(), end))
        else:
            yield Turn((first, (resumed.end(), end)), (remark.end(), resumed.start() + 1))
