"""Given names that may be one person's: a formal name and its short forms ("William" /
"Bill", "Elizabeth" / "Bettie").

Pure functions over folded name parts (``matching.person_parts``); the table is data
(``lexicon/data/given_names.tsv``), read once. A short form may belong to two formal names
("Ted": Edward, Theodore): two given names are variants when some group holds both.
"""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType

from crosswire.lexicon import read_table


def _groups() -> MappingProxyType[str, frozenset[int]]:
    groups: dict[str, set[int]] = defaultdict(set)
    for number, (formal, forms) in enumerate(read_table("given_names")):
        for name in (formal, *forms.split("|")):
            groups[name].add(number)
    return MappingProxyType({name: frozenset(found) for name, found in groups.items()})


GROUPS = _groups()
_FORMAL: tuple[str, ...] = tuple(formal for formal, _forms in read_table("given_names"))


def given_name_variants(a: str, b: str) -> bool:
    """Are the folded given names ``a`` and ``b`` two forms of one formal name?"""
    return a != b and bool(GROUPS.get(a, frozenset()) & GROUPS.get(b, frozenset()))


def formal_names(given: str) -> frozenset[str]:
    """The formal names a folded given name may stand for: "bill" → {"william"}; none when
    the table does not know it."""
    return frozenset(_FORMAL[number] for number in GROUPS.get(given, frozenset()))


def variant_given_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given-name lists of one person under two forms of the first name: "Fred" and
    "Frederick Cheney" (the first names variants, the rest of the shorter list left out
    of the longer, in order). Initials are left out of both."""
    full_a, full_b = [w for w in a if len(w) > 1], [w for w in b if len(w) > 1]
    if not full_a or not full_b or not given_name_variants(full_a[0], full_b[0]):
        return False
    short, long = sorted((full_a[1:], full_b[1:]), key=len)
    rest = iter(long)
    return all(word in rest for word in short)
