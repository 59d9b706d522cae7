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

* a **source around an attribution** ("According to the Valley Times, Reyes said the plant
  would close"; ```"It is over," Reyes said, according to the Valley Times```): the words
  are Reyes's, via the Valley Times. The reported finder also returns the whole clause as
  the outlet's speech; that wrapper is dropped and its source becomes the first link of the
  ``via`` of each quote attributed inside it.

``pieces`` turns a quote back into spans by kind, for scorers that judge direct and reported
speech apart (a mixed quote is its clause, reported, and its fragments, direct).
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from crosswire.mentions.quotes.vocab import SOURCE_PREPOSITIONS
from crosswire.types import Quote, Speaker, Via

# The most characters between two parts of one utterance: an attribution with a long role
# ("," said Mara Quillon, the director of the port authority, "…"), never a paragraph.
_ATTRIBUTION_CHARS = 160
# Reported clauses that may hold one fragment: those starting last before it (clauses nest
# a few deep at most: "said that X warned that …").
_CLAUSES_LOOKED_AT = 4


def one_per_utterance(quotes: list[Quote], text: str) -> list[Quote]:
    """``quotes`` in text order, with split quotes joined and mixed quotes folded."""
    return _join_split(_fold_mixed(_unwrapped(quotes)), text)


def _unwrapped(quotes: list[Quote]) -> list[Quote]:
    """Quotes with each "according to X" wrapper that holds an attribution of its own taken
    out, X put first in the ``via`` of the quotes attributed inside it."""
    dropped: set[int] = set()
    for wrapper in quotes:
        if wrapper.kind != "indirect" or not _cites_a_source(wrapper.cue):
            continue
        inside = [q for q in quotes if _attributed_inside(q, wrapper)]
        if not inside:
            continue
        dropped.add(id(wrapper))
        link = _link_to(wrapper.speaker)
        for q in inside:
            q.via = ((link,) if link is not None and link not in q.via else ()) + q.via
    return [q for q in quotes if id(q) not in dropped]


def _attributed_inside(quote: Quote, wrapper: Quote) -> bool:
    """Is ``quote`` attributed inside the wrapper's clause? Not when the wrapper's "according
    to" stands inside the quote's own content, nor when an outlet reports what the wrapper's
    source found ("Velmar News reports that …, according to the institute": the institute
    is where the outlet's report came from, not a link of the outlet's words)."""
    if quote is wrapper or quote.cue_start is None or wrapper.cue_start is None:
        return False
    if quote.start <= wrapper.cue_start < quote.end:
        return False
    outlet = quote.speaker is not None and quote.speaker.kind == "media"
    if outlet and (wrapper.speaker is None or wrapper.speaker.kind != "media"):
        return False
    return wrapper.start <= quote.cue_start < wrapper.end and quote.start < wrapper.end


def _cites_a_source(cue: str | None) -> bool:
    words = tuple((cue or "").lower().split())
    return words in SOURCE_PREPOSITIONS


def _link_to(source: Speaker | None) -> Via | None:
    if source is None or source.start is None or source.end is None:
        return None
    kind = source.kind if source.kind in ("person", "organization", "media") else "unknown"
    return Via(source.name, source.start, source.end, kind)


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
    if then.cue_start is None and then.speaker is None and not _ends_sentence(text[first.end:then.start]):
        return True  # the same, where the cue was not tied to "B" ("A," the Gazette reported, "and B.")
    # "A," she said. "B.": the next sentence, with no cue of its own, goes on with her.
    return then.cue_start is None and then.inherited and then.speaker == first.speaker


def _ends_sentence(between: str) -> bool:
    """Does the text between two parts end a sentence ("," she said. "")?"""
    return between.rstrip(" \u00a0\n\"“”'‘’").endswith((".", "?", "!", "…"))


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
