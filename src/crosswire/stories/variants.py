"""Quote variants: one utterance rendered differently by two outlets, with a word diff.

Two quotes from different outlets are one utterance when the resolved speaker is the same
(entity id when both have one, else the same name, folded) and the words are close: most
words shared in any order (rapidfuzz token-set ratio) or one a cut of the other (partial
ratio). The variant kind says how they differ: verbatim, truncated (one is a part of the
other), or paraphrased (reworded, or translated differently from the same original).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from crosswire.stories.compare import independent, outlet_of
from crosswire.stories.settings import StorySettings
from crosswire.types import Article, Quote

VariantKind = Literal["verbatim", "truncated", "paraphrased"]
DiffOp = tuple[str, str, str]  # (op, words in a, words in b): op is equal|replace|delete|insert


@dataclass(frozen=True, slots=True)
class QuoteRef:
    article_id: str
    outlet: str
    quote: Quote


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    speaker: str
    a: QuoteRef
    b: QuoteRef
    kind: VariantKind
    similarity: float
    diff: list[DiffOp]


def normalize(text: str) -> str:
    """Compare words, not typography: curly vs straight quotes, case, punctuation, spacing."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"[\w']+", text.replace("’", "'")))


def speaker_key(quote: Quote) -> str | None:
    speaker = quote.speaker
    if speaker is None or speaker.kind == "unknown" or not (speaker.entity_id or speaker.name):
        return None
    return f"e:{speaker.entity_id}" if speaker.entity_id else f"n:{normalize(speaker.name)}"


def same_speaker(a: Quote, b: Quote) -> bool:
    sa, sb = a.speaker, b.speaker
    if sa is None or sb is None:
        return False
    if sa.entity_id and sb.entity_id:
        return sa.entity_id == sb.entity_id
    ka, kb = normalize(sa.name), normalize(sb.name)
    # "Okafor" and "Dana Okafor": a surname alone names the same speaker in a story.
    return bool(ka) and bool(kb) and (ka == kb or ka.split()[-1] == kb.split()[-1])


def classify(a: str, b: str, settings: StorySettings) -> tuple[VariantKind, float] | None:
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return None
    ratio = fuzz.ratio(na, nb)
    if ratio >= settings.quote_verbatim:
        return "verbatim", ratio
    shorter, longer = sorted((na, nb), key=len)
    partial = fuzz.partial_ratio(shorter, longer)
    if partial >= settings.quote_verbatim and len(shorter) < 0.9 * len(longer):
        return "truncated", partial
    token_set = fuzz.token_set_ratio(na, nb)
    if token_set >= settings.quote_token_set or partial >= settings.quote_partial:
        return "paraphrased", max(token_set, partial)
    return None


def word_diff(a: str, b: str) -> list[DiffOp]:
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    return [(op, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def quote_variants(articles: Sequence[Article], settings: StorySettings | None = None) -> list[QuoteVariant]:
    """Every pair of same-speaker, close quotes from two different outlets of a story."""
    settings = settings or StorySettings()
    refs = [QuoteRef(a.id, outlet_of(a), q) for a in independent(articles, settings.max_articles_compared)
            for q in a.quotes if speaker_key(q)]
    found, utterance, linked = [], list(range(len(refs))), set()
    for i, ra in enumerate(refs):
        for j in range(i + 1, len(refs)):
            rb = refs[j]
            if ra.outlet == rb.outlet or not same_speaker(ra.quote, rb.quote):
                continue
            kind = classify(ra.quote.text, rb.quote.text, settings)
            if kind is not None:
                found.append(_variant(ra, rb, kind[0], kind[1]))
                linked.add((i, j))
                utterance[_root(utterance, j)] = _root(utterance, i)
    return found + _transitive(refs, utterance, linked)


def _transitive(refs: list[QuoteRef], utterance: list[int],
                linked: set[tuple[int, int]]) -> list[QuoteVariant]:
    """A cut and a paraphrase of one full quote are variants of each other too."""
    out = []
    for i, ra in enumerate(refs):
        for j in range(i + 1, len(refs)):
            rb = refs[j]
            same = _root(utterance, i) == _root(utterance, j)
            if same and ra.outlet != rb.outlet and (i, j) not in linked:
                ratio = fuzz.token_set_ratio(normalize(ra.quote.text), normalize(rb.quote.text))
                out.append(_variant(ra, rb, "paraphrased", ratio))
    return out


def _variant(ra: QuoteRef, rb: QuoteRef, kind: VariantKind, ratio: float) -> QuoteVariant:
    return QuoteVariant(_display_name(ra.quote, rb.quote), ra, rb, kind, ratio / 100.0,
                        word_diff(ra.quote.text, rb.quote.text))


def _root(group: list[int], i: int) -> int:
    while group[i] != i:
        group[i] = group[group[i]]
        i = group[i]
    return i


def _display_name(a: Quote, b: Quote) -> str:
    names = [q.speaker.name for q in (a, b) if q.speaker is not None]
    return max(names, key=len) if names else ""


def diff_markup(diff: Sequence[DiffOp]) -> str:
    """The diff as text: [-only in a-]{+only in b+}."""
    parts = []
    for op, a, b in diff:
        if op == "equal":
            parts.append(a)
        if op in ("replace", "delete") and a:
            parts.append(f"[-{a}-]")
        if op in ("replace", "insert") and b:
            parts.append(f"{{+{b}+}}")
    return " ".join(parts)
