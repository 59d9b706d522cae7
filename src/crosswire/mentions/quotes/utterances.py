"""One utterance, one quote: the pieces the finders return, joined as a reader counts them.

The direct and reported finders work piece by piece, so one utterance may come out as
several records. Joined here, after speakers are resolved:

* a **split quote** (``"A," she said, "B."`` in one sentence, or ``"A," she said. "B."``
  going on in the next) is one ``Quote`` with ``parts``: the span of each piece. Its
  ``start``/``end`` run from the first part to the last (the attribution between them
  included); its ``text`` is the parts' words joined by a space, what the person said.
* a **mixed quote** (reported speech with a quoted fragment: ``said the plan was
  "reckless"``) is one ``Quote`` of kind ``mixed``: the reported clause, with the quoted
  words as ``fragments`` (the spans inside the marks).

``pieces`` turns a quote back into spans by kind, for scorers that judge direct and reported
speech apart (a mixed quote is its clause, reported, and its fragments, direct).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from crosswire.types import Quote

# The most characters between two parts of one utterance: an attribution with a long role
# ("," said Mara Quillon, the director of the port authority, "…"), never a paragraph.
_ATTRIBUTION_CHARS = 160
# Reported clauses that may hold one fragment: those starting last before it (clauses nest
# a few deep at most: "said that X warned that …").
_CLAUSES_LOOKED_AT = 4


def one_per_utterance(quotes: list[Quote], text: str) -> list[Quote]:
    """``quotes`` in text order, with split quotes joined and mixed quotes folded."""
    return _join_split(_fold_mixed(quotes), text)


def _fold_mixed(quotes: list[Quote]) -> list[Quote]:
    """Direct fragments inside a reported clause become that clause's ``fragments``."""
    reported = sorted((q for q in quotes if q.kind == "indirect"), key=lambda q: q.start)
    starts = [q.start for q in reported]
    folded: dict[int, list[Quote]] = {}  # id of the clause → its fragments
    kept: list[Quote] = []
    for q in quotes:
        clause = _clause_around(q, reported, starts) if q.kind == "direct" and not q.parts else None
        if clause is None:
            kept.append(q)
        else:
            folded.setdefault(id(clause), []).append(q)
    for q in kept:
        fragments = folded.get(id(q))
        if fragments:
            q.kind = "mixed"
            q.fragments = tuple((f.start, f.end) for f in fragments)
            if q.speaker is None:  # the fragment's own cue may have found who said it
                spoken = next((f for f in fragments if f.speaker is not None), None)
                if spoken is not None:
                    q.speaker, q.via, q.confidence = spoken.speaker, spoken.via, spoken.confidence
    return kept


def _clause_around(fragment: Quote, reported: list[Quote], starts: list[int]) -> Quote | None:
    """The reported clause that holds the fragment whole, with the same cue or none. Only the
    few clauses starting last before it are looked at, so a run of quotes stays linear."""
    i = bisect.bisect_right(starts, fragment.start)
    for clause in reversed(reported[max(i - _CLAUSES_LOOKED_AT, 0):i]):
        inside = fragment.end <= clause.end
        if inside and (fragment.cue_start is None or fragment.cue_start == clause.cue_start):
            return clause
    return None


def _join_split(quotes: list[Quote], text: str) -> list[Quote]:
    joined: list[Quote] = []
    for q in quotes:
        last = joined[-1] if joined else None
        if last is not None and _goes_on(last, q, text):
            joined[-1] = _joined(last, q, text)
        else:
            joined.append(q)
    return joined


def _goes_on(first: Quote, then: Quote, text: str) -> bool:
    """Is ``then`` the next part of the utterance ``first`` began (see the module doc)?"""
    if first.kind != then.kind or first.kind == "mixed" or first.cue_start is None:
        return False
    gap = text[first.end:then.start]
    if len(gap) > _ATTRIBUTION_CHARS or "\n" in gap:
        return False
    if not first.end <= first.cue_start < then.start:
        return False  # the attribution stands between the two parts
    if then.cue_start == first.cue_start:
        return True  # "A," she said, "B."
    # "A," she said. "B.": the next sentence, with no cue of its own, goes on with her.
    return then.cue_start is None and then.inherited and then.speaker == first.speaker


def _joined(first: Quote, then: Quote, text: str) -> Quote:
    parts = (first.parts or ((first.start, first.end),)) + ((then.start, then.end),)
    words = " ".join(text[a:b] for a, b in parts)
    return replace(first, text=words, end=then.end, parts=parts)


def pieces(quote: Quote) -> list[tuple[int, int, str]]:
    """The quote as (start, end, kind) spans: each part of a split quote, direct; a mixed
    quote's clause, reported, and its fragments, direct; otherwise the quote itself."""
    if quote.kind == "mixed":
        return [(quote.start, quote.end, "indirect")] + [(a, b, "direct") for a, b in quote.fragments]
    if quote.parts:
        return [(a, b, quote.kind) for a, b in quote.parts]
    return [(quote.start, quote.end, quote.kind)]
