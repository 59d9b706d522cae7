"""Quotes in French, Russian and Korean articles: direct and reported, with their speakers.

    add_foreign_quotes(doc, article)   # what add_quotes does for an article whose
                                       # ``language`` is not English

How it reads an article (the conventions of each language are data: ``vocab``):

1. pair the quotation marks of the language (``marks``) and read dialogue dashes;
2. find each direct quote's reporting clause: after the quote (``«…», — заявил Петров``,
   ``«…», a déclaré le ministre``, ``“…”라고 김 장관은 말했다``) or before it, ending in a colon
   (``Paul Girard a déclaré : « … »``); the speaker is the name in that clause, nearest the
   verb (in Korean the subject before the quote counts too), else a pronoun or role word
   (``speakers``);
3. reported speech where its pattern is plain: ``X a déclaré que …``, ``X заявил, что …``,
   ``…다고 밝혔다``, and a source put first: ``selon X, …``, ``по словам X, …``, ``X에 따르면 …``;
4. a direct quote with no clause of its own that opens its sentence goes on with the
   previous speaker in the same or the next paragraph (``inherited``), as in English.

A quote of four words or fewer with no reporting verb, inside a sentence, is a term or a
title (``l'opération « Aube claire »``) and is left out. No clause, no name: the speaker is
None, never a guess; a role with no name is an ``unknown`` speaker described by the role.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc

from crosswire.mentions.quotes.foreign.marks import Marked, dialogue_turns, pair_marks
from crosswire.mentions.quotes.foreign.speakers import Cast
from crosswire.mentions.quotes.foreign.vocab import Conventions, conventions
from crosswire.types import Article, Quote, Speaker

__all__ = ["add_foreign_quotes"]

_SHORT = 4  # words: a quote this short with no cue, inside a sentence, is a term
_CLAUSE = 120  # characters a reporting clause reaches beyond its quote
_CHAIN = 3  # quotes one Korean verb may report ("“…”이라며 “…”이라고 말했다")
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n")
# A period after an initial or a title's abbreviation ends no sentence: "a déclaré M. Girard",
# "сказал В. Петров" (a name follows it).
_ABBREVIATED = re.compile(r"(?<![\w.])(?:[A-ZÀ-ÖØ-ÞА-ЯЁ]|Mme|Mlle|Mgr|Me|Dr|Pr|St|Ste)$")
# Where a clause after a quote starts: the quote's own punctuation and a dash (, — / », a …).
_AFTER_QUOTE = re.compile(r"[ \t\u00a0]*[,.!?…]?[ \t\u00a0]*(?:[—–-][ \t\u00a0]*)?")
_KOREAN_QUOTATIVE = re.compile(r"(?:이?라고|이?라며|고|며|하고)(?=\s)")
# A Korean reported clause: "…겠다고 밝혔다", "…라고 전했다" with no quotation marks.
_KOREAN_REPORTED = re.compile(r"(?:다|라|냐|자)고(?=\s)")
# A Korean verb that ends its sentence: 반박했다, 터뜨렸다, 밝혔습니다.
_KOREAN_VERB = re.compile(r"[가-힣]+(?:다|니다)(?=[.!?\s]|$)")


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The ends of sentences between ``start`` and ``end``, less the periods of abbreviations."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group() != "." or _ABBREVIATED.search(text, max(0, m.start() - 5), m.start()) is None:
            yield m


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: Literal["direct", "indirect"]
    cue: tuple[int, int] | None = None
    speaker: Speaker | None = None
    opens_sentence: bool = False
    parts: tuple[tuple[int, int], ...] = ()


def add_foreign_quotes(doc: Doc, article: Article) -> None:
    """Fill ``article.quotes`` for an article in a language with conventions (else: none)."""
    rules = conventions(article.language or "")
    if rules is None:
        article.quotes = []
        return
    reader = _Reader(article.text, rules, Cast(doc, article, rules), _lemma_cues(doc, rules))
    found = reader.direct() + reader.dialogue()
    found += [f for f in reader.reported() if not any(_overlaps(f, d) for d in found)]
    found.sort(key=lambda f: f.start)
    article.quotes = _with_inherited(found, article.text)


def _lemma_cues(doc: Doc, rules: Conventions) -> list[tuple[int, int]]:
    """Reporting verbs the Doc's lemmas name (natasha's Russian), in forms no list spells out."""
    if not rules.lemmas or not doc.has_annotation("LEMMA"):
        return []
    return [(t.idx, t.idx + len(t.text)) for t in doc if t.lemma_.lower() in rules.lemmas]


def _overlaps(a: _Found, b: _Found) -> bool:
    return a.start < b.end and b.start < a.end


class _Reader:
    """One article's text read by one language's conventions."""

    def __init__(self, text: str, rules: Conventions, cast: Cast, lemma_cues: list[tuple[int, int]]) -> None:
        self.text, self.rules, self.cast = text, rules, cast
        self.lemma_cues = {start: end for start, end in lemma_cues}

    # --- direct quotes ------------------------------------------------------------------------

    def direct(self) -> list[_Found]:
        found = []
        for marked in pair_marks(self.text, self.rules.pairs, self.rules.spaces):
            quote = self._attributed(marked)
            short = len(self.text[marked.start:marked.end].split()) <= _SHORT
            if quote.cue is None and (short and not quote.opens_sentence):
                continue  # a term or a title in marks, not speech
            found.append(quote)
        return found

    def _attributed(self, marked: Marked) -> _Found:
        quote = _Found(marked.start, marked.end, "direct", opens_sentence=self._opens_sentence(marked.open))
        after = self._clause_after(marked.close + 1)
        head = self._clause_before(marked.open)
        if self.rules.language == "ko":
            self._korean_cue(quote, after, head)
        elif (cue := self._cue_at(after[0])) is not None:
            quote.cue = cue
            quote.speaker = self.cast.speaker_in(cue[0], after[1], cue[1], marked.open) \
                or self.cast.speaker_in(after[0], cue[0], cue[0], marked.open)
        elif (cue := self._cue_ending(head)) is not None:
            quote.cue = cue
            quote.speaker = self.cast.speaker_in(head[0], cue[0], cue[0], marked.open) \
                or self.cast.speaker_in(cue[1], head[1], cue[1], marked.open)
        return quote

    def _korean_cue(self, quote: _Found, after: tuple[int, int], head: tuple[int, int]) -> None:
        """“…”라고 (X는) 말했다: the quotative, then the verb in the same sentence; the speaker is
        named between them or, more often, is the subject before the quote."""
        if _KOREAN_QUOTATIVE.match(self.text, after[0]) is None:
            return
        verb = self._korean_verb(after)
        if verb is None:
            return
        quote.cue = verb.span()
        # The subject opens the sentence (X는 … “…”라고 말했다): the name nearest its start.
        quote.speaker = self.cast.speaker_in(after[0], min(verb.start(), after[1]), after[0], quote.start) \
            or self.cast.speaker_in(head[0], head[1], head[0], quote.start)

    def _korean_verb(self, after: tuple[int, int], chained: int = 0) -> re.Match[str] | None:
        """The verb a quotative leads to: a listed one, else the sentence's last verb; past
        the next quote when one follows (“…”이라며 “…”이라고 말했다: both quotes are its)."""
        verb = self.rules.cue.search(self.text, after[0], after[1]) \
            or _last(_KOREAN_VERB.finditer(self.text, after[0], after[1]))
        opening = self.text[after[1]:after[1] + 1]
        if verb is not None or opening not in self.rules.pairs or chained >= _CHAIN:
            return verb
        close = self.text.find(self.rules.pairs[opening], after[1] + 1)
        if close < 0 or _KOREAN_QUOTATIVE.match(self.text, close + 1) is None:
            return None
        return self._korean_verb(self._clause_after(close + 1), chained + 1)

    def _cue_at(self, at: int, after_mark: bool = True) -> tuple[int, int] | None:
        """A reporting verb (or "selon X") right at ``at``: after a closing mark and its
        punctuation, or (``after_mark`` False) at the start of a dialogue's remark."""
        lead = _AFTER_QUOTE.match(self.text, at)
        # «…», — заявил / «…», a déclaré: a quote's clause opens with a comma or a dash; a name in
        # marks running on into its sentence ("компании «Мостострой» заявил:") has neither.
        if lead is None or (after_mark and not re.search(r"[,—–-]", lead.group())):
            return None
        at = lead.end()
        for pattern in (self.rules.cue, self.rules.according):
            if (m := pattern.match(self.text, at)) is not None:
                return m.start(), m.start() + len(m.group().rstrip())
        if at in self.lemma_cues:
            return at, self.lemma_cues[at]
        # Right after «…», (—) a verb is speech even when no list names it: «…», — посетовал X.
        if self.rules.after_quote is not None and (m := self.rules.after_quote.match(self.text, at)):
            return m.span()
        return None

    def _cue_ending(self, head: tuple[int, int]) -> tuple[int, int] | None:
        """"Paul Girard a déclaré : « … »", "Петров заявил журналистам: «…»": a verb, a few
        words, and the colon that opens the quote."""
        clause = self.text[head[0]:head[1]]
        if not clause.rstrip(" \t\u00a0").endswith(":"):
            return None
        verbs = [m.span() for m in self.rules.cue.finditer(self.text, head[0], head[1])]
        verbs += [(s, e) for s, e in self.lemma_cues.items() if head[0] <= s < head[1]]
        return max(verbs, default=None)  # the verb nearest the colon

    def _clause_after(self, at: int) -> tuple[int, int]:
        """From just after a closing mark to the end of its sentence (or the next quote)."""
        end = min(len(self.text), at + _CLAUSE)
        stop = next(_sentence_ends(self.text, at + 1, end), None)  # the quote's own "." is not the end
        following = min((i for i in (self.text.find(m, at, end) for m in self.rules.pairs) if i >= 0),
                        default=end)
        return at, min(stop.start() if stop else end, following)

    def _clause_before(self, at: int) -> tuple[int, int]:
        """From the start of the sentence an opening mark stands in, to the mark."""
        start = max(0, at - _CLAUSE)
        ends = [m.end() for m in _sentence_ends(self.text, start, at)]
        return (ends[-1] if ends else start), at

    def _opens_sentence(self, at: int) -> bool:
        start, _ = self._clause_before(at)
        return not self.text[start:at].strip(" \t\u00a0—–-")

    # --- dialogue dashes ----------------------------------------------------------------------

    def dialogue(self) -> list[_Found]:
        found = []
        for turn in dialogue_turns(self.text):
            start, end = turn.parts[0][0], turn.parts[-1][1]
            quote = _Found(start, end, "direct", opens_sentence=True,
                           parts=turn.parts if len(turn.parts) > 1 else ())
            if turn.remark is not None and (cue := self._cue_at(turn.remark[0], False)) is not None:
                quote.cue = cue
                quote.speaker = self.cast.speaker_in(cue[0], turn.remark[1], cue[1], start)
            found.append(quote)
        return found

    # --- reported speech ----------------------------------------------------------------------

    def reported(self) -> list[_Found]:
        found = []
        for start, end in self._plain_sentences():
            found += self._reported_in(start, end)
        return found

    def _plain_sentences(self) -> Iterator[tuple[int, int]]:
        """Sentences not opened by a dialogue dash (reported speech inside a direct quote is
        dropped by the caller, which knows the quotes)."""
        start = 0
        for m in _sentence_ends(self.text, 0, len(self.text)):
            if not self.text[start:m.end()].lstrip().startswith(("—", "–")):
                yield start, m.end()
            start = m.end()
        if self.text[start:].strip():
            yield start, len(self.text)

    def _reported_in(self, start: int, end: int) -> list[_Found]:
        if self.rules.language == "ko":
            return [f for f in (self._korean_reported(start, end), self._according(start, end)) if f]
        found = self._that_clause(start, end)
        return [found] if found is not None else [f for f in [self._according(start, end)] if f]

    def _that_clause(self, start: int, end: int) -> _Found | None:
        """"X a déclaré que …", "X заявил, что …": the content after the conjunction."""
        for cue in self.rules.cue.finditer(self.text, start, end):
            that = _THAT[self.rules.language].match(self.text, cue.end(), end)
            if that is None:
                continue
            speaker = self.cast.speaker_in(start, cue.start(), cue.start(), cue.start()) \
                or self.cast.speaker_in(cue.end(), that.start(), cue.end(), cue.start())
            content = that.end(), _content_end(self.text, that.end(), end)
            return _Found(*content, "indirect", cue.span(), speaker)
        return None

    def _according(self, start: int, end: int) -> _Found | None:
        """"selon X, …", "по словам X, …", "X에 따르면 …": the source first, then its words."""
        m = self.rules.according.search(self.text, start, end)
        if m is None:
            return None
        cue = m.start() + len(m.group()) - len(m.group().lstrip()), m.start() + len(m.group().rstrip())
        if self.rules.language == "ko":
            speaker = self.cast.speaker_in(start, m.start(), m.start(), m.start())
            content = _skip_space(self.text, m.end(), end)
            return _Found(content, _content_end(self.text, content, end), "indirect", cue, speaker)
        first = _skip_space(self.text, start, end)
        if m.start() > first:  # "…, selon X.": the words come before their source
            content_end = self.text.rfind(",", first, m.start())
            speaker = self.cast.speaker_in(m.end(), end, m.end(), m.start())
            return _Found(first, content_end, "indirect", cue, speaker) if content_end > first else None
        comma = self.text.find(",", m.end(), end)
        if comma < 0:
            return None
        speaker = self.cast.speaker_in(m.start(), comma, m.end(), m.start())  # "по его словам": his
        comma = self._after_apposition(comma, end)
        content = _skip_space(self.text, comma + 1, end)
        return _Found(content, _content_end(self.text, content, end), "indirect", cue, speaker)

    def _after_apposition(self, comma: int, end: int) -> int:
        """"selon Odile Caradec, maire de Valmont, le chantier …": the role is no part of the words."""
        following = self.text.find(",", comma + 1, end)
        words = self.text[comma + 1:following].lower().split() if following > 0 else []
        return following if any(w in self.rules.roles for w in words[:3]) else comma

    def _korean_reported(self, start: int, end: int) -> _Found | None:
        """"김 장관은 예산을 늘리겠다고 밝혔다.": the clause before 다고, after its speaker."""
        verbs = list(self.rules.cue.finditer(self.text, start, end))
        if not verbs:
            return None
        verb = verbs[-1]
        quotative = [q for q in _KOREAN_REPORTED.finditer(self.text, start, verb.start())]
        if not quotative:
            return None
        end_of_content = quotative[-1].start() + 1  # keeps 다/라, drops 고
        speaker = self.cast.speaker_in(start, end_of_content, start, start)
        content = self._after_subject(start, end_of_content, speaker)
        if content >= end_of_content:
            return None
        return _Found(content, end_of_content, "indirect", verb.span(), speaker)

    def _after_subject(self, start: int, end: int, speaker: Speaker | None) -> int:
        """Where a Korean reported clause starts: after the word that ends its subject (은/는/이/가)."""
        at = speaker.end if speaker is not None and speaker.end is not None else start
        if speaker is None:
            return _skip_space(self.text, start, end)
        subject = re.compile(r"\S*?(?:은|는|이|가)(?=\s)")
        m = subject.search(self.text, at, end)
        return _skip_space(self.text, m.end() if m else at, end)


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    return next(iter(deque(matches, maxlen=1)), None)


_THAT = {
    # "a déclaré (aux élus) (jeudi soir) qu'…": an addressee, then up to two words (a time).
    "fr": re.compile(r"(?:\s+(?:à|aux|au)\s+[^,.;:]{1,40}?)?(?:\s+[^\s,.;:«»]+){0,2}?\s+qu(?:e\s+|['’])"),
    "ru": re.compile(r"(?:\s+[^\s,.;:]+){0,2},\s+что\s+"),
}


def _skip_space(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _content_end(text: str, start: int, end: int) -> int:
    """Reported words end with their sentence, its final punctuation left out."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?…"):
        end -= 1
    return end


def _with_inherited(found: list[_Found], text: str) -> list[Quote]:
    """Quotes, where an unattributed quote opening its sentence takes the previous speaker, and
    so does one whose reporting verb names no one, in the same paragraph."""
    paragraphs = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", text)]
    quotes: list[Quote] = []
    previous: Quote | None = None
    for f in found:
        quote = Quote(_words(text, f), f.start, f.end, f.kind, speaker=f.speaker, parts=f.parts)
        if f.cue is not None:
            quote.cue, quote.cue_start, quote.cue_end = text[f.cue[0]:f.cue[1]], *f.cue
            if f.speaker is None and previous is not None and previous.speaker is not None \
                    and _paragraph(paragraphs, f.start) == _paragraph(paragraphs, previous.end):
                # A verb whose subject is left out ("И добавил: «…»"): the one who just spoke.
                quote.speaker, quote.inherited = replace(previous.speaker), True
        elif f.opens_sentence and previous is not None and previous.speaker is not None \
                and _paragraph(paragraphs, f.start) - _paragraph(paragraphs, previous.end) <= 1:
            quote.speaker, quote.inherited = replace(previous.speaker), True
        quotes.append(quote)
        if quote.speaker is not None:
            previous = quote
    return quotes


def _paragraph(paragraphs: list[int], at: int) -> int:
    return bisect.bisect_right(paragraphs, at)


def _words(text: str, found: _Found) -> str:
    """The quote's words; a turn split by the author's remark is its parts' words."""
    if found.parts:
        return " ".join(text[s:e].strip(" ,") for s, e in found.parts)
    return text[found.start:found.end]
