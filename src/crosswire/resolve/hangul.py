"""Korean names in three scripts: Hangul to Revised Romanization, and the keys a Korean name
shares with its spellings in Latin and Cyrillic letters.

* ``romanize(text, name=False)`` — the Revised Romanization of Korean (2000), written here:
  a syllable is arithmetic on U+AC00 (19 initials × 21 medials × 28 finals), each part read
  from the RR tables, with the main sound changes between syllables (a final carried onto a
  following ㅇ, nasalisation before ㄴ/ㅁ, ㄴ+ㄹ as "ll", ㅎ with a plain stop). RR writes a
  person's given name without the changes ("Seok-yeol", not "Seo-gyeol"): ``name=True``
  romanizes each syllable on its own.
* ``korean_keys(name, script)`` — for a name whose first word is a Korean surname and whose
  rest reads as one to three Korean syllables: "surname|reading" keys. The surname is Hangul,
  from the gazetteer (``lexicon/data/korean_surnames.tsv``: the North's, the South's and the
  Russian spellings), so "Kim", "Gim" and "Ким" are one 김 and "Sung" and "Song" stay two.
  The given name is read as the Hangul it may stand for, in classes the spellings cannot
  tell apart (k/g/kh, t/d, p/b, ch/j, r/l; ㅐ and ㅔ): a Hangul name has one reading, a
  Latin or Russian spelling the few it may stand for ("o" is ㅗ or ㅓ; "u" is ㅜ, ㅓ or ㅡ;
  Russian "е" is ㅔ, ㅓ or ㅕ; a final "н" is ㄴ or ㅇ). Two names match when they share one.

Why Hangul as the pivot rather than a loose consonant skeleton: a skeleton that swallows
every vowel the spellings swap also swallows what they keep apart ("Seo-yeon" 서연 and
"Seo-yoon" 서윤 would be one), and Russian spells Korean by Kontsevich and by older Soviet
habit at once ("Ким Чен Ын" is Kontsevich "Ким Чон Ын"). Reading each spelling as the set
of Hangul it may be costs a few keys a name (at most ``MAX_READINGS``) and keeps every
distinction the spelling itself keeps; the surname, kept exact, and the full given name
keep different people apart ("Kim Jong Un" ≠ "Kim Jong Nam" ≠ "Kim Yo Jong").
"""

from __future__ import annotations

import itertools
import re

from crosswire.lexicon import read_table
from crosswire.mentions.entities.places import fold

_FIRST, _LAST = 0xAC00, 0xD7A3
INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
            "p", "h")
MEDIALS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "eu", "ui", "i")
# Finals as RR writes them before a consonant or at the end of a word.
FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
          "t", "t", "ng", "t", "t", "k", "t", "p", "t")
# Before a vowel (a following ㅇ) a final is carried over with its own sound (ㄱ as "g", ㅅ as
# "s", ㄹ as "r"): (what stays, what is carried). A cluster leaves its first letter behind
# (ㄺ: "l" + "g"); ㅇ stays "ng"; ㅎ falls silent.
_LIAISON = (("", ""), ("", "g"), ("", "kk"), ("k", "s"), ("", "n"), ("n", "j"), ("", "n"), ("", "d"),
            ("", "r"), ("l", "g"), ("l", "m"), ("l", "b"), ("l", "s"), ("l", "t"), ("l", "p"), ("", "r"),
            ("", "m"), ("", "b"), ("p", "s"), ("", "s"), ("", "ss"), ("ng", ""), ("", "j"), ("", "ch"),
            ("", "k"), ("", "t"), ("", "p"), ("", ""))
_NASAL = {"k": "ng", "t": "n", "p": "m"}  # a stop before ㄴ or ㅁ


def is_hangul(char: str) -> bool:
    return _FIRST <= ord(char) <= _LAST


def _parts(char: str) -> tuple[int, int, int]:
    code = ord(char) - _FIRST
    return code // 588, (code % 588) // 28, code % 28


def romanize(text: str, *, name: bool = False) -> str:
    """The Revised Romanization of ``text`` (other characters kept): "서울" → "seoul",
    "신라" → "silla"; with ``name``, syllable by syllable: "석열" → "seokyeol"."""
    out: list[str] = []
    chars = list(text)
    for i, char in enumerate(chars):
        if not is_hangul(char):
            out.append(char)
            continue
        initial, medial, final = _parts(char)
        following = chars[i + 1] if i + 1 < len(chars) and is_hangul(chars[i + 1]) else None
        preceding = chars[i - 1] if i > 0 and is_hangul(chars[i - 1]) else None
        head = INITIALS[initial]
        if not name and preceding is not None:
            head = _initial_after(_parts(preceding)[2], initial)
        tail = FINALS[final] if name or following is None else _final_before(final, _parts(following)[0])
        out.append(head + MEDIALS[medial] + tail)
    return "".join(out)


def _final_before(final: int, initial: int) -> str:
    sound = FINALS[final]
    if initial == 11:  # ㅇ: the final is pronounced as the next syllable's initial
        return _LIAISON[final][0]
    if final == 27 and initial in (0, 3, 12):  # ㅎ + ㄱ/ㄷ/ㅈ: aspirated, written on the initial
        return ""
    if initial in (2, 6) and sound in _NASAL:  # 국물 gungmul, 입니다 imnida
        return _NASAL[sound]
    if initial == 5:  # before ㄹ: 신라 silla, 종로 jongno, 백리 baengni
        return {"n": "l", "k": "ng", "p": "m", "t": "n"}.get(sound, sound)
    return sound


def _initial_after(final: int, initial: int) -> str:
    head = INITIALS[initial]
    if initial == 11:
        return _LIAISON[final][1]
    sound = FINALS[final]
    if final == 27 and initial in (0, 3, 12):
        return {0: "k", 3: "t", 12: "ch"}[initial]
    if initial == 5:  # ㄹ after ㄹ or ㄴ is "l"; after another consonant it is heard as "n"
        return "l" if sound in ("l", "n") else ("n" if sound else "r")
    if initial == 2 and sound == "l":  # 설날 seollal
        return "l"
    return head


_SURNAME_ROWS = read_table("korean_surnames")
# Spelling (Hangul, folded Latin or lower-case Cyrillic) → the surnames (as the South writes
# them in Hangul) it may stand for: the North's Hangul "리" is 이.
_BY_SPELLING: dict[str, set[str]] = {}
for _hangul, _latin, _cyrillic in _SURNAME_ROWS:
    _south = _hangul.split("|")[0]
    for _spelling in (*_hangul.split("|"), *_latin.split("|"), *_cyrillic.lower().split("|")):
        _BY_SPELLING.setdefault(_spelling, set()).add(_south)
HANGUL_SURNAMES: frozenset[str] = frozenset(s for row in _SURNAME_ROWS for s in row[0].split("|"))

# -- given names: every spelling read as the Hangul it may stand for -------------------------
#
# A reading is a string over one alphabet: consonant classes (g for ㄱ/ㅋ/ㄲ and k/g/kh, d, b,
# j for ㅈ/ㅊ and ch/j/ч/чж, s, l for ㄹ and r/l, m, n, N for ㅇ as a final, h) and vowel tokens
# (a, e for ㅐ/ㅔ, ya, ye, eo, yeo, o, yo, u, yu, eu, i, wa, wo, we, wi).

# Hangul medials and finals as reading tokens.
_MEDIAL_TOKENS = ("a", "e", "ya", "ye", "eo", "e", "yeo", "ye", "o", "wa", "we", "we", "yo", "u", "wo",
                  "we", "wi", "yu", "eu", "i", "i")
_INITIAL_CLASSES = ("g", "g", "n", "d", "d", "l", "m", "b", "b", "s", "s", "", "j", "j", "j", "g", "d", "b",
                    "h")
_FINAL_CLASSES = ("", "g", "g", "g", "n", "n", "n", "d", "l", "g", "m", "l", "l", "l", "b", "l", "m", "b",
                  "b", "d", "d", "N", "d", "d", "g", "d", "b", "d")
# A Latin vowel spelling → the Hangul vowels it is written for: the North and older maps
# write ㅓ as "o", the South's press writes it "u" ("Jung", "Hyun"), ㅡ is "eu", "u" or "ŭ".
_LATIN_VOWELS: dict[str, tuple[str, ...]] = {
    "yeo": ("yeo",), "yoo": ("yu",), "you": ("yu",), "woo": ("u",), "eui": ("i",), "yae": ("ye",),
    "wae": ("we",), "weo": ("wo",), "eo": ("eo",), "eu": ("eu",),
    "ae": ("e",), "oe": ("we",), "ui": ("i",), "oo": ("u",), "ee": ("i",), "ya": ("ya",),
    "ye": ("ye", "e"), "yo": ("yo", "yeo"), "yu": ("yu", "yeo"), "wa": ("wa",), "wo": ("wo",),
    "we": ("we",), "wi": ("wi",), "a": ("a",), "e": ("e",), "i": ("i",), "o": ("o", "eo"),
    "u": ("u", "eo", "eu"), "y": ("i",), "w": ("u",),
}
_LATIN_CONSONANTS: dict[str, str] = {
    "tch": "j", "ch": "j", "c": "j", "j": "j", "jj": "j", "z": "j", "sh": "s", "s": "s", "ss": "s",
    "k": "g", "kk": "g", "g": "g", "kh": "g", "q": "g", "t": "d", "tt": "d", "d": "d", "th": "d",
    "p": "b", "pp": "b", "b": "b", "ph": "b", "f": "b", "v": "b", "r": "l", "l": "l", "m": "m",
    "n": "n", "ng": "N", "h": "h", "x": "s", "ck": "g",
}
_LATIN_TOKENS = re.compile("|".join(sorted({*_LATIN_VOWELS, *_LATIN_CONSONANTS}, key=lambda t: -len(t))))
# Russian spellings of Korean (Kontsevich and the older press habit: "Чен" for 정): each
# letter or digraph → the readings it may stand for. "е" after a consonant is ㅔ, ㅓ, or
# (its dots lost to folding) ㅕ; a final "н" is ㄴ or ㅇ, which Russian writes alike.
_CYRILLIC_TOKENS: dict[str, tuple[str, ...]] = {
    "чж": ("j",), "дж": ("j",), "чх": ("j",), "кх": ("g",), "тх": ("d",), "пх": ("b",), "нъ": ("N",),
    "ль": ("l",),
    "ва": ("wa",), "во": ("wo",), "вэ": ("we",), "ве": ("we",), "ви": ("wi",), "ый": ("i",), "ой": ("o",),
    "а": ("a",), "б": ("b",), "в": ("b",), "г": ("g",), "д": ("d",), "ж": ("j",), "з": ("j",), "и": ("i",),
    "й": ("",), "к": ("g",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o", "eo"), "п": ("b",),
    "р": ("l",), "с": ("s",), "т": ("d",), "у": ("u",), "ф": ("b",), "х": ("h",), "ц": ("j",),
    "ч": ("j",), "ш": ("s",), "щ": ("s",), "ы": ("eu",), "э": ("e",), "ю": ("yu",), "я": ("ya",),
    "ё": ("yeo", "yo"), "ъ": ("",), "ь": ("",),
}
_CYRILLIC_SPLIT = re.compile("|".join(sorted(_CYRILLIC_TOKENS, key=lambda t: -len(t))) + "|е|.")
# Beyond this many readings a spelling is too vague to be a key.
MAX_READINGS = 64


def hangul_reading(given: str) -> str:
    """The one reading of a given name in Hangul: "정은" → "jeoNeun"."""
    out = []
    for char in given:
        initial, medial, final = _parts(char)
        out.append(_INITIAL_CLASSES[initial] + _MEDIAL_TOKENS[medial] + _FINAL_CLASSES[final])
    return "".join(out)


def latin_readings(given: str) -> frozenset[str]:
    """The readings a romanized given name may stand for: "Jong Un" → {"joNun", "jeoNeun", …}.
    Each word (or hyphenated part) is read on its own: the break is a syllable's, so "Da-eun"
    is 다은 and never a "dae" (ㅐ) running over it. Written without the break ("Daeun", or a
    name whose hyphen was folded away), "ae"/"oe" before "u" or "o" is also read as two
    syllables' vowels (다은 as well as 데운)."""
    folded = fold(given)
    variants = {folded, _VOWELS_APART.sub(r"\1 e", folded)}
    return frozenset().union(*(_readings_of_words(v) for v in sorted(variants)))


_VOWELS_APART = re.compile(r"([ao])e(?=[uo])")


def _readings_of_words(given: str) -> frozenset[str]:
    options = [_LATIN_VOWELS.get(t) or (_LATIN_CONSONANTS[t],)
               for word in re.split(r"[\s\-]+", given)
               for t in _LATIN_TOKENS.findall(re.sub(r"[^a-z]", "", word))]
    return _joined(options)


def cyrillic_readings(words: list[str]) -> frozenset[str]:
    """The readings of a given name spelled in Russian, one word a syllable: "Чен Ын"."""
    options: list[tuple[str, ...]] = []
    for word in words:
        tokens = _CYRILLIC_SPLIT.findall(word.lower())
        for i, token in enumerate(tokens):
            if token == "е":
                after_consonant = i > 0 and tokens[i - 1] not in "аеёиоуыэюя"
                options.append(("e", "eo", "ye", "yeo") if after_consonant else ("ye", "yeo", "yo"))
            elif token == "н" and i == len(tokens) - 1:
                options.append(("n", "N"))
            else:
                options.append(_CYRILLIC_TOKENS.get(token, ("",)))
    return _joined(options)


def _joined(options: list[tuple[str, ...]]) -> frozenset[str]:
    count = 1
    for choice in options:
        count *= len(choice)
    if count > MAX_READINGS:
        return frozenset()
    return frozenset("".join(p) for p in itertools.product(*options))


# A romanized Korean syllable: an initial, a vowel (with its glide), a final.
_LATIN_SYLLABLE = r"(?:kk|tt|pp|ss|jj|tch|ch|sh|g|k|n|d|t|r|l|m|b|p|s|j|h)?" \
    r"(?:y|w)?(?:eo|eu|ae|oe|ui|oo|ee|a|e|i|o|u|ŏ|ŭ)(?:ng|ck|n|m|l|k|p|t|r|g|b|d)?"
_LATIN_GIVEN = re.compile(f"(?:{_LATIN_SYLLABLE}){{1,3}}")
_CYRILLIC_SYLLABLE = re.compile(r"[а-яё]{1,5}")
MAX_GIVEN_SYLLABLES = 3


def korean_keys(name: str, script: str) -> dict[str, str]:
    """Keys "surname|reading" of a Korean person's name in ``script`` ("hangul", "latin",
    "cyrillic"), each with the spelling it was read from; empty when the name is not Korean."""
    parsed = _split(name, script)
    if parsed is None:
        return {}
    spelled_surname, given, readings = parsed
    return {f"{surname}|{reading}": given
            for surname in sorted(_BY_SPELLING.get(spelled_surname, ())) for reading in sorted(readings)}


def _split(name: str, script: str) -> tuple[str, str, frozenset[str]] | None:
    """The surname as spelled, the given name, and its readings; None when not Korean."""
    if script == "hangul":
        joined = "".join(name.split())
        for size in (2, 1):  # two-syllable surnames first (남궁, 선우)
            surname, given = joined[:size], joined[size:]
            if surname in HANGUL_SURNAMES and 1 <= len(given) <= MAX_GIVEN_SYLLABLES \
                    and all(is_hangul(c) for c in given):
                return surname, romanize(given, name=True), frozenset({hangul_reading(given)})
        return None
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    if len(words) < 2:
        return None
    surname, given_words = words[0].lower(), words[1:]
    if script == "cyrillic":
        syllables = all(_CYRILLIC_SYLLABLE.fullmatch(w.lower()) for w in given_words)
        if len(given_words) > MAX_GIVEN_SYLLABLES or not syllables or surname not in _BY_SPELLING:
            return None
        return surname, " ".join(given_words), cyrillic_readings(given_words)
    surname = fold(surname)
    text = re.sub(r"[^a-z]", "", fold("".join(given_words)))
    if surname not in _BY_SPELLING or len(given_words) > 2 or not _LATIN_GIVEN.fullmatch(text):
        return None
    return surname, " ".join(given_words), latin_readings(" ".join(given_words))


# -- foreign names in Hangul: a consonant skeleton ------------------------------------------
#
# Korean writes a foreign name by sound, syllable by syllable, with a vowel (mostly ㅡ) after
# every consonant Korean cannot end a syllable with: "Ostapenko" 오스타펜코, "Lunegorsk"
# 루노고르스크. No scheme reverses that, but the consonants survive in order, in classes the
# Hangul spelling cannot tell apart (b/p/v/f as ㅂ/ㅍ, k/g/c/kh as ㄱ/ㅋ, t/d, s/z/j/ch/ts/sh,
# r/l as ㄹ), so a name and its Hangul spelling share that skeleton; vowels are left out (the
# added ㅡ, and ㅓ/ㅗ for "o").
_SOUND_INITIALS = ("K", "K", "N", "T", "T", "L", "M", "P", "P", "S", "S", "", "S", "S", "S", "K", "T", "P",
                   "")
_SOUND_FINALS = ("", "K", "K", "K", "N", "N", "N", "T", "L", "L", "M", "L", "L", "L", "P", "L", "M", "P", "P",
                 "S", "S", "N", "S", "S", "K", "T", "P", "")
_LATIN_SOUND_REWRITES = (("sch", "S"), ("tch", "S"), ("ch", "S"), ("sh", "S"), ("zh", "S"), ("ts", "S"),
                         ("tz", "S"), ("ck", "K"), ("ph", "P"), ("th", "T"), ("kh", "K"), ("gh", "K"),
                         ("qu", "K"), ("x", "KS"), ("ng", "N"))
_LATIN_SOUND_LETTERS = dict(zip("bpvfkgcqtdszjrlmn", "PPPPKKKKTTSSSLLMN", strict=True))
_SAME_CLASS_RUN = re.compile(r"(.)\1+")


def sound_skeleton(name: str) -> str:
    """The consonant classes of a name in Hangul or Latin letters, word by word:
    "베라 오스타펜코" and "Vera Ostapenko" → "PL|STPNK" (see above)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "|".join(_SAME_CLASS_RUN.sub(r"\1", _word_sound(w)) for w in words)


def _word_sound(word: str) -> str:
    if any(is_hangul(c) for c in word):
        out = []
        for char in word:
            if is_hangul(char):
                initial, _, final = _parts(char)
                out.append(_SOUND_INITIALS[initial] + _SOUND_FINALS[final])
        return "".join(out)
    text = re.sub(r"c(?=[eiy])", "s", re.sub(r"[^a-z]", "", fold(word)))
    for old, new in _LATIN_SOUND_REWRITES:
        text = text.replace(old, new)
    return "".join(c if c.isupper() else _LATIN_SOUND_LETTERS.get(c, "") for c in text)
