"""The time stage and its rules: every date and time expression in an article, as TIMEX3.

``stage`` finds and anchors expressions in a parsed Doc; ``rules`` normalizes one expression
against the publication date (a cascade over ``phrases``, ``spans``, ``points``, ``periods``,
``ending``, ``seasons``, ``clock``); ``patterns`` finds what spaCy's small model misses;
``around`` reads the words a span leaves out; ``calendar``, ``context`` and ``text`` are
shared by all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.lazy import names_on_first_use

if TYPE_CHECKING:
    from crosswire.mentions.dates.stage import add_times

__all__ = ["add_times"]

# The stage imports spaCy; a caller that needs one rule module of the family (resolution
# reads the entity word lists, the evaluation the date rules) should not pay for it.
__getattr__ = names_on_first_use(__name__, {"add_times": "crosswire.mentions.dates.stage"})
