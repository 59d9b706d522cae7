"""How a quote's speaker is shown to people: one wording for the CLI, the web and the brief.

* a named speaker is their name, with the chain the words came through:
  ``Putin (via TASS, Channel One)``;
* a speaker the article does not name is ``unknown``, with the phrase that describes them
  when there is one: ``unknown (a senior official)``; so is a quote no one is found for.

Plain strings in, a string out: readers of the store and of ``Article`` records share it,
and it imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosswire.types import Quote

UNKNOWN = "unknown"


def speaker_label(
    name: str | None, kind: str | None, via: Sequence[str] = (), role: str | None = None
) -> str:
    """``name`` and ``kind`` as stored on a quote's speaker; ``via`` the chain's names; ``role``
    the speaker's role, shown with the name and before the chain ("Okafor, Mayor (via …)")."""
    if not name or kind is None:
        who = UNKNOWN
    elif kind == "unknown":
        who = f"{UNKNOWN} ({name})"
        via = [v for v in via if v != name]  # an unowned document is its own only link: say it once
    else:
        who = name
    if role and who != UNKNOWN:
        who = f"{who}, {role}"
    return f"{who} (via {', '.join(via)})" if via else who


def quote_speaker_label(quote: Quote) -> str:
    s = quote.speaker
    return speaker_label(s.name if s else None, s.kind if s else None, [v.name for v in quote.via])


def is_named(name: str | None, kind: str | None) -> bool:
    """Does the quote have a speaker the article names (a person, an organisation, the press)?"""
    return bool(name) and kind not in (None, "unknown")
