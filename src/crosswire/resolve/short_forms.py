"""Short forms of an organisation's name that resolution may read as the whole name, when
context confirms (a medium match):

* ``without_leading_place`` — a team, paper or company named after its town, known by the
  rest of its name ("Harlow Red Kites" → "Red Kites"; "Velmar Gazette" → "Gazette"), and a
  unit named after the seat of its government ("White House Council of Advisers");
* ``leading_acronym`` — a firm known by the acronym its full name begins with ("QRT Field
  Systems" → "QRT"), unless the acronym is an institution of the gazetteer on its own
  ("UN Security Council" is a body of the UN, not the UN).

Pure functions over the names as written; ``matching`` turns them into rules and keys.
"""

from __future__ import annotations

from crosswire.mentions.entities.acronyms import is_acronym
from crosswire.mentions.entities.places import fold, is_place
from crosswire.mentions.entities.vocab import HEAD_LABELS
from crosswire.resolve.forms import ORG_SUFFIXES, gazetteer_acronym

# The longest town name looked for at the start of an organisation's name ("Salt Lake City").
_LONGEST_PLACE = 3
# Buildings that stand for a government and lead the names of its units. Only executive
# seats: "House" or "Senate" lead the names of committees both chambers have ("Intelligence
# Committee"), whose short forms would join two bodies.
SEATS_OF_GOVERNMENT = frozenset({"white house", "kremlin", "pentagon", "downing street", "elysee",
                                 "blue house"})


def without_leading_place(name: str) -> str | None:
    """The name without the town, or the seat of government, it begins with, or None: no
    such place, or what is left is one generic word ("Harlow Police" → "Police" names every
    force). "White House Council of Advisers" is the "Council of Advisers" its article
    names later: a unit inside its parent, named in full once."""
    words = name.split()
    for size in range(min(_LONGEST_PLACE, len(words) - 1), 0, -1):
        rest = words[size:]
        lead = " ".join(words[:size])
        if (is_place(lead) or fold(lead) in SEATS_OF_GOVERNMENT) and not _generic(rest):
            return " ".join(rest)
    return None


def leading_acronym(name: str) -> str | None:
    """The acronym a name of several words begins with ("QRT" of "QRT Field Systems"), or None."""
    words = name.split()
    if len(words) < 2 or not is_acronym(words[0]) or len(words[0].replace(".", "")) < 3:
        return None
    return None if gazetteer_acronym(fold(words[0])) else words[0]


def _generic(rest: list[str]) -> bool:
    if len(rest) != 1:
        return False
    word = fold(rest[0])
    return word in HEAD_LABELS or word in ORG_SUFFIXES or not rest[0][:1].isupper()
