"""What one expression is resolved against, and how a tense picks among candidate dates.

Shared by every rule module: ``Context`` (publication day, tense, anaphoric anchor), the
``Result`` triple (value, type, note), and ``choose``, which picks the occurrence of a name
without a year ("Nov. 3", "May") that the verb's tense points to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

# "near": a future seen from a past moment ("said it would close in March"); the occurrence
# nearest publication is taken, as for the present.
Tense = Literal["past", "present", "future", "near", "unknown"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Result = tuple[str | None, TimeType, str | None]


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is resolved against.

    ``day`` is the publication day (None: ``missing`` says why); ``anchor`` is the time the
    text last mentioned, for "the next day" or "a year earlier" (None: the publication day,
    with a note); ``same_day`` is a day named in the same sentence, for a bare clock time;
    ``clock`` the last clock time named, what "an hour later" counts from.
    """

    day: date | None
    missing: str | None
    tense: Tense = "past"
    when: datetime | None = None
    anchor: date | None = None
    anchor_grain: str = "day"
    same_day: date | None = None
    # The clock time the text last named ("at 6:10 a.m."), for "an hour later" on that day.
    clock: datetime | None = None


def no_day(ctx: Context, kind: TimeType = "DATE") -> Result:
    return None, kind, ctx.missing or "no publication date"


_GRAIN = {"day": 0, "month": 1, "quarter": 2, "year": 3}
_UNIT_GRAIN = {"month": "month", "quarter": "month", "year": "year", "decade": "year", "century": "year",
               "millennium": "year"}


def anaphor(ctx: Context, unit: str = "day") -> tuple[date | None, str | None]:
    """The time an anaphoric expression counts from: the last one mentioned, else publication.

    An anchor coarser than the unit gives None: "the next day" after "in 2019" is unknown.
    """
    if ctx.anchor is not None:
        if _GRAIN[ctx.anchor_grain] <= _GRAIN[_UNIT_GRAIN.get(unit, "day")]:
            return ctx.anchor, None
        return None, f"relative to a time known only to the {ctx.anchor_grain}"
    if ctx.day is None:
        return None, ctx.missing
    return ctx.day, "relative to a time mentioned earlier; the publication date is used"


# --- choosing an occurrence by tense ---------------------------------------------------------


# How far back a "would" reading may reach before the next occurrence is taken instead: about
# a season ("had said it would finish in March", in May; "well into the summer", in October).
NEAR_PAST_DAYS = 150


def choose(candidates: list[tuple[date, str]], pub: date, tense: Tense) -> tuple[str, str | None]:
    """Pick among dated candidate values by tense, noting when a much nearer reading exists.

    Each candidate is (its first day, its value), one per year around publication. Past: the
    latest starting on or before publication; future: the first starting on or after it;
    present or unknown: the nearest; near (a future seen from the past): the next one, or a
    nearer one in the last few months. The tense is trusted: a past-tense "closed in November"
    in September is last November, with a note that this November is nearer.
    """
    candidates.sort()
    closest = min(candidates, key=lambda c: abs((c[0] - pub).days))
    if tense == "near":
        # A future seen from the past: ahead of publication, unless a recent occurrence is
        # nearer ("said they would return him by Jan. 14", published on the 15th).
        if closest[0] <= pub and (pub - closest[0]).days <= NEAR_PAST_DAYS:
            return closest[1], None
        return choose(candidates, pub, "future")
    if tense not in ("past", "future"):
        return closest[1], None
    side = [c for c in candidates if (c[0] <= pub if tense == "past" else c[0] >= pub)] or [closest]
    pick = side[-1] if tense == "past" else side[0]
    if abs((pick[0] - pub).days) > 180 and abs((closest[0] - pub).days) < 90:
        return pick[1], f"{tense} tense read as {pick[1]}; {closest[1]} is nearer"
    return pick[1], None
