"""The time stage and its rules: every date and time expression in an article, as TIMEX3.

``stage`` finds and anchors expressions in a parsed Doc; ``rules`` normalizes one expression
against the publication date (a cascade over ``phrases``, ``spans``, ``points``, ``periods``,
``ending``, ``seasons``, ``clock``); ``patterns`` finds what spaCy's small model misses;
``around`` reads the words a span leaves out; ``calendar``, ``context`` and ``text`` are
shared by all of them.
"""

from crosswire.mentions.dates.stage import add_times

__all__ = ["add_times"]
