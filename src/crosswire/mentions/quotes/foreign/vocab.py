"""Each language's quoting conventions, read from the word lists in ``lexicon/data``.

``conventions(language)`` gives the quotation mark pairs (``quote_marks.tsv``), the reporting
expressions built from ``speech_verbs_<language>.tsv`` as regular expressions, and the
pronouns and role words of ``speaker_words.tsv``. Everything is read once per language, when
the first article in that language is analysed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crosswire.lexicon import read_table

__all__ = ["LANGUAGES", "Conventions", "conventions", "past_forms"]

# The languages with reporting verbs as data; an article in another one gets no quotes.
LANGUAGES = frozenset({"fr", "ru", "ko"})
_SPACES = "\u00a0\u202f\u2009"  # French typography puts a (thin) no-break space inside « »


@dataclass(frozen=True, slots=True)
class Conventions:
    """How one language quotes and attributes speech."""

    language: str
    pairs: dict[str, str]  # opening mark → its closing mark
    cue: re.Pattern[str]  # a reporting verb as printed (a déclaré, заявила, 밝혔다)
    according: re.Pattern[str]  # selon / по словам / 에 따르면
    after_quote: re.Pattern[str] | None  # a verb the lists miss, read only right after a quote
    lemmas: frozenset[str]  # reporting verbs' lemmas, for a Doc that has them
    pronouns: frozenset[str]
    roles: frozenset[str]
    breaks: frozenset[str]  # words that part a role from the name after it

    @property
    def spaces(self) -> str:
        return _SPACES


@cache
def conventions(language: str) -> Conventions | None:
    """The conventions of ``language`` (ISO 639-1), or None when crosswire has none."""
    if language not in LANGUAGES:
        return None
    rows = read_table(f"speech_verbs_{language}")
    words = {kind: [w for w, k in rows if k == kind] for kind in {k for _, k in rows}}
    speaker_words = [(w, k) for lang, w, k in read_table("speaker_words") if lang == language]
    return Conventions(
        language,
        _pairs(language),
        re.compile(_CUE_BUILDERS[language](words), re.IGNORECASE),
        re.compile(_ACCORDING[language].format(_alternation(words.get("according", []))), re.IGNORECASE),
        re.compile("|".join(f"(?:{p})" for p in words["after_quote"])) if "after_quote" in words else None,
        frozenset(words.get("lemma", [])),
        frozenset(w for w, k in speaker_words if k == "pronoun"),
        frozenset(w for w, k in speaker_words if k == "role"),
        frozenset(w for w, k in speaker_words if k == "break"),
    )


def _pairs(language: str) -> dict[str, str]:
    """The language's own pairs first: they decide a mark that opens in one and closes in another."""
    rows = read_table("quote_marks")
    own = {o: c for lang, o, c in rows if lang == language}
    shared = {o: c for lang, o, c in rows if lang == "*" and o not in own and o not in own.values()}
    return own | shared


def past_forms(lemma: str) -> list[str]:
    """The Russian past tense of every gender and number: заявить → заявил, заявила, заявило, заявили."""
    if lemma.endswith("ться"):
        stem = lemma[:-4]
        return [stem + end for end in ("лся", "лась", "лось", "лись")]
    stem = lemma[:-2] if lemma.endswith("ть") else lemma
    return [stem + end for end in ("л", "ла", "ло", "ли")]


def _alternation(words: list[str]) -> str:
    # Longest first, so that "a déclaré" is not read as a shorter word inside it.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _french_cue(words: dict[str, list[str]]) -> str:
    """"a déclaré", "ont affirmé", "a-t-il ajouté", "avait dit", "s'est félicité";
    "déclare", "dit-elle"."""
    inverted = r"(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))?"
    reflexive = r"s['’](?:est|était)|se\s+sont"  # a pronominal verb: s'est félicité, s'est réjoui
    auxiliary = rf"(?:a|ont|avait|avaient|aurait|{reflexive}){inverted}\s+"
    participle, present = _alternation(words["participle"]), _alternation(words["present"])
    return rf"(?<![\w-])(?:{auxiliary}(?:{participle})|(?:{present}){inverted})(?![\w-])"


def _russian_cue(words: dict[str, list[str]]) -> str:
    forms = [f for lemma in words["lemma"] for f in past_forms(lemma)] + words.get("form", [])
    return rf"(?<!\w)(?:{_alternation(forms)})(?!\w)"


def _korean_cue(words: dict[str, list[str]]) -> str:
    return rf"(?:{_alternation(words['verb'])})"


_CUE_BUILDERS = {"fr": _french_cue, "ru": _russian_cue, "ko": _korean_cue}
# "selon X", "по словам X" put the source after the expression; "X에 따르면" before it.
_ACCORDING = {"fr": r"(?<![\w'])(?:{})\s+", "ru": r"(?<!\w)(?:{})(?=[\s,])\s*", "ko": r"\s*(?:{})(?!\w)"}
