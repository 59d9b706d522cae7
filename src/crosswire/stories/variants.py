"""Quote variants: one utterance rendered differently by two outlets, with a word diff.

Two quotes from different outlets are one utterance when the resolved speaker is the same
(entity id when both have one, else the same name, folded; a bare surname that another name
ends with, whatever the ids) and the words are close: most words shared in any order
(rapidfuzz token-set ratio), one a cut of the other (partial ratio), or a phrase of two content
words or more of the longer one (``is_fragment``). Indirect quotes are left out: a reporter's
paraphrase renders none of the speaker's words. The variant kind says how they differ:

- verbatim: the same words (typography, case and punctuation aside);
- truncated: one rendering is a cut of the other;
- translated: reworded, and at least one outlet says the words were translated — the speaker
  spoke through an interpreter, "said in Korean", told state television, "according to a
  translation" (TRANSLATION_CUES, in the quote's paragraph or in a sentence naming the
  speaker). Two translators choose different words for one original, so the
  difference is expected and is no sign that either outlet misquoted; such renderings may
  also share fewer words, so they are linked at a lower ratio (``quote_translated_token_set``),
  one rendering to its best counterpart only;
- paraphrased: reworded, with no sign of a translation.

A speaker being foreign is not taken as a sign on its own: many foreign officials speak the
reporter's language, and the article, not the name, says when words were translated.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from crosswire.lexicon import FUNCTION_WORDS
from crosswire.stories.compare import independent, outlet_of
from crosswire.stories.settings import StorySettings
from crosswire.types import Article, Quote

VariantKind = Literal["verbatim", "truncated", "paraphrased", "translated"]
DiffOp = tuple[str, str, str]  # (op, words in a, words in b): op is equal|replace|delete|insert

# Languages a speaker may be said to have spoken in. Besides these, any capitalized word in
# -ian, -ese or -ish after "in" ("said in Ostranian", "in Japanese") reads as a language;
# English does not (it is the language these articles are written in).
LANGUAGES = ("Arabic|Mandarin|Cantonese|Korean|German|French|Greek|Dutch|Hindi|Urdu|Farsi|Persian|Hebrew|"
             "Thai|Czech|Slovak|Malay|Nepali|Latin|Tibetan|Uzbek|Kazakh|Tajik|Khmer|Lao|Somali|Igbo|"
             "Swahili|Tagalog|Amharic|Pashto|Dari|Tamil|Bengali|Punjabi|Yoruba|Hausa|Zulu|Basque|Catalan|"
             "Welsh|Gaelic|sign language")
_SPEECH = (r"(?:said|says|saying|spoke|speaks|speaking|told|tells|telling|wrote|writes|added|adds|"
           r"remarks|comments|statement|speech|address|interview|broadcast|post|posted|message)")
# Phrases by which an article says the words it quotes were translated (see the module doc).
TRANSLATION_CUES = re.compile(
    r"\b(?:through|via|with the help of|using) (?:an? |the |his |her |their )?(?:interpreter|translator)s?\b"
    r"|\b(?:interpreter|translator)s? (?:said|told|rendered|translated)\b"
    r"|\b(?:according to|in|from|per) (?:an? |the |our |its |their |his |her )?(?:\w+ )?translation\b"
    r"|\btranslat(?:ed|ion|ing) (?:by|from|into|provided)\b|\(translated\)|\bas translated\b"
    r"|\b" + _SPEECH + r"\b[^.\n]{0,60}?\bin (?:(?:his|her|their) native (?:language|tongue)|"
    r"(?:" + LANGUAGES + r")\b|(?!English\b)[A-Z][a-z]+(?:ian|ese|ish)\b)"
    r"|\b(?:told|telling|tells|speaking to|spoke to|in an interview with|quoted by) (?:the )?"
    r"state(?:-run|-owned| run| owned)? (?:media|television|TV|radio|news agency|broadcaster|newspaper)\b")
_PARAGRAPH = re.compile(r"\n\s*\n")
FRAGMENT_WORDS = 2  # content words a fragment of a rendering needs (``is_fragment``)


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


# Each quote is compared with every other one of the story: the same few hundred texts are
# normalised again and again (130,000 calls for a 10-article story before this cache).
@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Compare words, not typography: curly vs straight quotes, case, punctuation, spacing."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"[\w']+", text.replace("’", "'")))


def stem(word: str) -> str:
    """Crude but symmetric: "injured", "injuring" and "injuries" meet at "injur", "truss" and
    "trusses" at "truss", "declare" and "declared" at "decla" (a suffix off, five letters kept). Shared with
    ``disagree``, which reads the words around figures with it."""
    word = word.lower().strip("'-")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:5]


def speaker_key(quote: Quote) -> str | None:
    speaker = quote.speaker
    if speaker is None or speaker.kind == "unknown" or not (speaker.entity_id or speaker.name):
        return None
    return f"e:{speaker.entity_id}" if speaker.entity_id else f"n:{normalize(speaker.name)}"


def same_speaker(a: Quote, b: Quote) -> bool:
    sa, sb = a.speaker, b.speaker
    if sa is None or sb is None:
        return False
    ka, kb = normalize(sa.name), normalize(sb.name)
    if sa.entity_id and sb.entity_id and sa.entity_id != sb.entity_id:
        # Two entities, unless one is a surname alone that the other name ends with: two
        # outlets' "Okafor-Reyes" and "Dana Okafor-Reyes" that resolution kept apart (it links
        # a bare surname only when sure) are one speaker within a story.
        return _surname_of(ka, kb) or _surname_of(kb, ka)
    if sa.entity_id and sb.entity_id:
        return True
    # "Okafor" and "Dana Okafor": a surname alone names the same speaker in a story.
    return bool(ka) and bool(kb) and (ka == kb or ka.split()[-1] == kb.split()[-1])


def _surname_of(short: str, full: str) -> bool:
    """Is ``short`` (a folded name) the end of the longer name ``full``, first names dropped?"""
    words, whole = short.split(), full.split()
    return 0 < len(words) < len(whole) and whole[-len(words):] == words


def classify(a: str, b: str, settings: StorySettings,
             translated: bool = False) -> tuple[VariantKind, float] | None:
    """How two renderings of one speaker differ, with their similarity (0-100), or None when
    they are not one utterance. ``translated``: an outlet says the words were translated."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return None
    ratio = fuzz.ratio(na, nb)
    if ratio >= settings.quote_verbatim:
        return "verbatim", ratio
    shorter, longer = sorted((na, nb), key=len)
    partial = fuzz.partial_ratio(shorter, longer)
    # A word or two found inside a long quote ("truth") is chance, not a cut of it: a short
    # rendering is a cut only of a rendering at most twice its length.
    few = len(shorter.split()) < settings.quote_min_words and len(longer.split()) > 2 * len(shorter.split())
    if partial >= settings.quote_verbatim and len(shorter) < 0.9 * len(longer) and not few:
        return "truncated", partial
    if len(shorter.split()) < settings.quote_min_words:  # a few words in common is chance
        return None
    token_set = fuzz.token_set_ratio(na, nb)
    reworded: VariantKind = "translated" if translated else "paraphrased"
    if (token_set >= settings.quote_token_set and _content_overlap(na, nb) >= settings.quote_token_set) \
            or partial >= settings.quote_partial:
        return reworded, max(ratio, fuzz.token_sort_ratio(na, nb))
    return None


def is_fragment(a: str, b: str) -> bool:
    """Is one rendering a fragment of the other: two content words or more of the shorter, all
    standing in the longer (crudely stemmed: "seemed" and "seems" meet)? Outlets quote a phrase
    of a sentence another prints whole ("a reckless gamble" / "this plan is a reckless gamble
    with our savings"). Asked only of renderings by one speaker: from anyone, a phrase in common
    is chance; and one word is chance even from one speaker ("truth" / "try being truthful";
    tuning split: every one-word fragment linked was wrong)."""
    shorter, longer = sorted((normalize(a), normalize(b)), key=lambda t: len(t.split()))
    few, many = _content_stems(shorter), _content_stems(longer)
    return len(few) >= FRAGMENT_WORDS and len(shorter.split()) < len(longer.split()) and few <= many


def _content_stems(normalized: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalized.split() if w.isalpha() and w not in FUNCTION_WORDS)


def _content_overlap(na: str, nb: str) -> float:
    """Token-set ratio of the content words: "that he had never tried a case" and "that he had
    no experience trying a jury trial" share their function words, not what was said."""
    ca = " ".join(w for w in na.split() if w not in FUNCTION_WORDS)
    cb = " ".join(w for w in nb.split() if w not in FUNCTION_WORDS)
    return fuzz.token_set_ratio(ca, cb) if ca and cb else 0.0


def is_translated(article: Article, quote: Quote) -> bool:
    """Does the article say this quote's words were translated? A cue in the quote's own
    paragraph, or in any sentence that names the speaker ("Erevan, who spoke in Velmari ...")."""
    text = article.text
    start = max((m.end() for m in _PARAGRAPH.finditer(text, 0, quote.start)), default=0)
    after = _PARAGRAPH.search(text, quote.end)
    if TRANSLATION_CUES.search(text[start:after.start() if after else len(text)]):
        return True
    names = quote.speaker.name.split() if quote.speaker and quote.speaker.name else []
    surname = names[-1] if names and names[-1][:1].isupper() else ""
    return bool(surname) and any(surname in s.group() and TRANSLATION_CUES.search(s.group())
                                 for s in _sentences(article))


def _sentences(article: Article) -> list[re.Match[str]]:
    return list(re.finditer(r"[^.!?\n]+[.!?]*", article.text))


def word_diff(a: str, b: str) -> list[DiffOp]:
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    return [(op, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def quote_variants(articles: Sequence[Article], settings: StorySettings | None = None) -> list[QuoteVariant]:
    """Every pair of same-speaker, close quotes from two different outlets of a story."""
    settings = settings or StorySettings()
    refs, translated = [], []
    for a in independent(articles, settings.max_articles_compared):
        for q in a.quotes:
            # A reporter's paraphrase ("she said that the plant would close") renders no words
            # of the speaker's: two outlets' paraphrases of one wire story share their wording,
            # not an utterance (tuning split: 7 such pairs linked, none of them a gold variant).
            if speaker_key(q) and q.kind != "indirect":
                refs.append(QuoteRef(a.id, outlet_of(a), q))
                translated.append(is_translated(a, q))
    found, linked = [], set()
    loose: list[tuple[int, int]] = []
    for i, ra in enumerate(refs):
        for j in range(i + 1, len(refs)):
            rb = refs[j]
            if ra.outlet == rb.outlet or not same_speaker(ra.quote, rb.quote):
                continue
            either = translated[i] or translated[j]
            kind = classify(ra.quote.text, rb.quote.text, settings, either)
            if kind is None and is_fragment(ra.quote.text, rb.quote.text):
                kind = ("truncated", _overlap(ra, rb))
            if kind is None and either and _loosely_close(ra, rb, settings):
                loose.append((i, j))
            elif kind is not None:
                found.append(_variant(ra, rb, kind[0], kind[1]))
                linked.add((i, j))
    for i, j in loose:  # two translations sharing fewer words: only each other's best match
        if _best(refs, i, refs[j].article_id) == j and _best(refs, j, refs[i].article_id) == i:
            ra, rb = refs[i], refs[j]
            found.append(_variant(ra, rb, "translated", _overlap(ra, rb)))
            linked.add((i, j))
    found += _transitive(refs, linked, translated, settings)
    return found + unattributed_variants(articles, found, settings)


def unattributed_variants(articles: Sequence[Article], found: Sequence[QuoteVariant],
                          settings: StorySettings) -> list[QuoteVariant]:
    """Renderings of one utterance whose speakers do not match (one outlet names no one, or
    the two name the speaker differently): only the same words, or a cut of them, and long
    enough that chance cannot explain it (``quote_unattributed_min_words``)."""
    if settings.quote_unattributed_min_words <= 0:
        return []
    done = {frozenset({(v.a.article_id, v.a.quote.start), (v.b.article_id, v.b.quote.start)}) for v in found}
    refs = [QuoteRef(a.id, outlet_of(a), q) for a in independent(articles, settings.max_articles_compared)
            for q in a.quotes if q.kind != "indirect"
            and len(q.text.split()) >= settings.quote_unattributed_min_words]
    out = []
    for i, ra in enumerate(refs):
        for rb in refs[i + 1:]:
            pair = frozenset({(ra.article_id, ra.quote.start), (rb.article_id, rb.quote.start)})
            if ra.outlet == rb.outlet or pair in done:
                continue
            kind = classify(ra.quote.text, rb.quote.text, settings)
            if kind is not None and kind[0] in ("verbatim", "truncated"):
                out.append(_variant(ra, rb, kind[0], kind[1]))
                done.add(pair)
            elif shared_sentence(ra.quote.text, rb.quote.text, settings):
                # Quote boundaries differ between outlets (one quote there, two here, a
                # sentence more): one sentence in both, nearly word for word, is one utterance.
                out.append(_variant(ra, rb, kind[0] if kind else "paraphrased", kind[1] if kind else 0.0))
                done.add(pair)
    return out


def shared_sentence(a: str, b: str, settings: StorySettings) -> bool:
    """Do two quotes hold one sentence (``quote_unattributed_min_words`` words or more) nearly
    word for word (``quote_sentence_ratio``)? Two outlets cut one sentence at different places
    too ("I think if it is accurate, it is a disgrace" / "it is a disgrace to all of media"):
    a sentence of ``quote_contained_words`` words or more inside the other's counts (partial
    ratio), as do the same words in another order (token sort ratio)."""
    def sentences(text: str) -> list[str]:
        return [n for s in re.split(r"(?<=[.!?;])\s+|\s+[—–-]+\s+", text)
                if len((n := normalize(s)).split()) >= settings.quote_unattributed_min_words]
    sa, sb = sentences(a), sentences(b)
    return any(_sentence_ratio(x, y, settings) >= settings.quote_sentence_ratio for x in sa for y in sb)


def _sentence_ratio(x: str, y: str, settings: StorySettings) -> float:
    contained = min(len(x.split()), len(y.split())) >= settings.quote_contained_words
    return max(fuzz.ratio(x, y), fuzz.token_sort_ratio(x, y), fuzz.partial_ratio(x, y) if contained else 0.0)


def _loosely_close(a: QuoteRef, b: QuoteRef, settings: StorySettings) -> bool:
    words = min(len(a.quote.text.split()), len(b.quote.text.split()))
    return words >= settings.quote_min_words and _overlap(a, b) >= settings.quote_translated_token_set


def _overlap(a: QuoteRef, b: QuoteRef) -> float:
    return fuzz.token_set_ratio(normalize(a.quote.text), normalize(b.quote.text))


def _best(refs: Sequence[QuoteRef], i: int, article_id: str) -> int | None:
    """The quote of that article by the same speaker that shares most words with quote i."""
    options = [j for j, r in enumerate(refs)
               if r.article_id == article_id and same_speaker(refs[i].quote, r.quote)]
    return max(options, key=lambda j: _overlap(refs[i], refs[j]), default=None)


def _transitive(refs: list[QuoteRef], linked: set[tuple[int, int]], translated: Sequence[bool],
                settings: StorySettings) -> list[QuoteVariant]:
    """A cut and a paraphrase of one full quote are variants of each other too: two renderings
    both linked to a third, from outlets of their own, that still share words with each other
    (chains through several renderings drift to other utterances of a talkative speaker)."""
    near: dict[int, set[int]] = {}
    for i, j in linked:
        near.setdefault(i, set()).add(j)
        near.setdefault(j, set()).add(i)
    out = []
    for i, ra in enumerate(refs):
        for j in range(i + 1, len(refs)):
            rb = refs[j]
            if (i, j) in linked or ra.outlet == rb.outlet or not near.get(i, set()) & near.get(j, set()):
                continue
            if _overlap(ra, rb) < settings.quote_translated_token_set or min(
                    len(ra.quote.text.split()), len(rb.quote.text.split())) < settings.quote_min_words:
                continue  # "No." shares its one word with any long answer
            na, nb = normalize(ra.quote.text), normalize(rb.quote.text)
            ratio = max(fuzz.ratio(na, nb), fuzz.token_sort_ratio(na, nb))
            kind: VariantKind = "translated" if translated[i] or translated[j] else "paraphrased"
            out.append(_variant(ra, rb, kind, ratio))
    return out


def _variant(ra: QuoteRef, rb: QuoteRef, kind: VariantKind, ratio: float) -> QuoteVariant:
    return QuoteVariant(_display_name(ra.quote, rb.quote), ra, rb, kind, ratio / 100.0,
                        word_diff(ra.quote.text, rb.quote.text))


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
