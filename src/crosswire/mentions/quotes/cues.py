"""Where a quote's cue is ("said", "told The Korea Herald", "according to") and who its subject is.

The cue of a direct quote is looked for in a readable cascade:

1. the dependency parse: a reporting verb the quote hangs on (its ``ccomp``, a few heads up
   for a fragment: ``warned of "tight schedules"``), or a reporting verb hanging on the
   quote (the small model often makes ``he said`` a ``parataxis`` of the quoted verb);
2. the surface after the closing mark: ``"…," he said`` / ``"…," said Choi Yong-hwan``
   within a few tokens, for what the parse broke;
3. the surface before the opening mark: ``Kim said: "…"``, ``according to Kim, "…"``,
   also across a paragraph break after a colon.

The speaker is the cue's subject (``nsubj``, or the subject of the verb an ``and said`` or
``adding`` hangs on), else the name right after an inverted ``said``. ``Context`` holds what
is computed once per document (which tokens are quoted, sentence numbers) so that every
search is bounded and the whole stage stays linear in the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from spacy.symbols import VERB  # type: ignore[import-not-found]  # compiled, ships no stubs
from spacy.tokens import Doc, Span, Token

from crosswire.mentions.quotes.roles import TokenRange, entity_range, name_start, too_many_dependents
from crosswire.mentions.quotes.vocab import (
    CLAUSE_OPENERS,
    DOCUMENT_NOUNS,
    EVENT_NOUNS,
    INFERENCE_VERBS,
    ISSUING_VERBS,
    PARTICLE_CUES,
    PERCEPTION_VERBS,
    PICTURE_NOUNS,
    PRESS_AUDIENCE,
    QUESTION_OPENERS,
    QUOTING_VERBS,
    REPORTING_LEMMAS,
    SOURCE_PREPOSITIONS,
    THING_NOUNS,
    WEAK_CUES,
)

_WINDOW = 14  # tokens searched on either side of a quote: an attribution with a long role
# Heads climbed from a quoted fragment to its reporting verb: a fragment deep in reported speech
# ("said the protests demand that all engage in "more listening"") is still the speaker's.
_HEAD_STEPS = 6
_SENTENCE_END = frozenset({".", "!", "?"})
_HANGING = frozenset({"parataxis", "ccomp", "advcl", "conj", "dep", "acl", "relcl"})
_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"})
# What a verb with no subject of its own hangs on, to take that verb's subject: "and said",
# "went on to say", "adding", "began by saying", "but said" (parsed as a ccomp).
_SUBJECT_CARRIERS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "ccomp"})
# Dependencies through which a fragment is what a verb says, not the circumstances of it.
_ARGUMENTS = frozenset({"ccomp", "dobj", "oprd", "xcomp", "attr", "dative", "acomp", "punct"})
# "accused him of "…"", "praised her for "…"", "described it as "…"": arguments, not adjuncts.
_ARGUMENT_PREPOSITIONS = frozenset({"of", "for", "as", "about", "against", "to", "on"})
_THINGS = frozenset({"it", "this", "that"})
_DESCRIBING_OPENERS = frozenset({"where", "whereby", "wherein"})
_DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})
_PERSONS_AS_OBJECT = frozenset({"him", "her", "them"})
_SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "who"})
_PARTICIPLE_OPENERS = frozenset({"while", "before", "after", "when", "by"})
# How a clause hangs inside what a reporting verb reports: "said that …", "expects her to …",
# "by calling …".
_EPITHET_WORDS = 4
_REPORTED_CLAUSE = frozenset({"ccomp", "xcomp", "pcomp", "prep"})
_TIMES = frozenset({"DATE", "TIME"})  # "said Monday": a day is never the speaker
_SPEAKING_NAMES = frozenset({"PERSON", "ORG", "NORP", ""})  # names that speak: never a place or a day
_INVERTED = frozenset({"nsubj", "dobj", "attr", "npadvmod", "dep", "appos", "oprd"})
# "“…” ― Pamela Padilla": a dash after the closing mark, then the name, then the line's end.
_DASH = re.compile(r"[^\S\n]*([—―–])[^\S\n]*(?=[A-Z])")
_DASH_NAME_ENDS = frozenset({"\n", ".", ",", ";"})
_PUT_IT = frozenset({"put", "phrase"})  # "as Kim put it", "as Kim phrased it"
_PUT_IT_TEXT = re.compile(r"(?i)\b(?:put|puts|putting|phrase|phrases|phrased|phrasing)\s+it\b")
_DATELINE_TOKENS = 8  # "PORT ADLEY, Ostrania (Velmar News) —"


@dataclass(frozen=True, slots=True)
class Cue:
    """A quote's cue: the word it hangs on, its characters, and the token naming the speaker."""

    token: Token  # the reporting verb, "according", or the token holding an attribution dash
    start: int
    end: int
    speaker: Token | None
    to_press: bool = False


@dataclass(slots=True)
class Context:
    """Per-document facts every search reads: quoted tokens and sentence numbers."""

    doc: Doc
    quoted: bytearray  # 1 for tokens between (and including) a pair of quotation marks
    sentence: list[int]  # sentence number of each token
    firsts: list[int]  # first token of each sentence
    words: list[int]  # words (not punctuation) before each token: counts in O(1)
    quoted_words: list[int]  # the same, counting only quoted words
    breaks: list[int]  # tokens holding a line break before each token: the same, for paragraphs
    text: str  # the document's text, kept once: spaCy rebuilds Doc.text on every access
    puts_it: bool  # does the text hold "put it"/"phrased it" at all (most do not: skip the search)
    # Sentence number → its last attribution, for the quotes opening the next sentence.
    carried: dict[int, Cue | None] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, quote_ranges: list[TokenRange], text: str) -> Context:
        """``text`` is ``doc.text``, passed in because rebuilding it is costly.

        Read from spaCy's arrays, not Token objects: a Token per word was most of this stage.
        """
        n = len(doc)
        quoted = bytearray(n)
        for first, end in quote_ranges:
            quoted[first:end] = b"\x01" * (end - first)
        rows = doc.to_array(["SENT_START", "IS_PUNCT", "IS_SPACE", "ORTH"]).reshape(n, 4)
        strings = doc.vocab.strings
        orths, which = np.unique(rows[:, 3], return_inverse=True)
        has_break = np.array([("\n" in strings[int(o)]) for o in orths], dtype=bool)[which]
        # spaCy's sentences, also cut at paragraph breaks: the small model runs a dateline or
        # a headline into the next paragraph, and an attribution never crosses one.
        starts = rows[:, 0] == 1
        starts[1:] |= has_break[:-1]
        starts[:1] = False
        _open_with_the_mark(starts, quote_ranges)
        word = (rows[:, 1] == 0) & (rows[:, 2] == 0)
        in_marks = np.frombuffer(bytes(quoted), dtype=np.uint8).astype(bool)
        return cls(doc, quoted, np.cumsum(starts).tolist(), [0, *np.flatnonzero(starts).tolist()],
                   _running_count(word), _running_count(word & in_marks), _running_count(has_break), text,
                   _PUT_IT_TEXT.search(text) is not None)

    def sentence_range(self, i: int) -> TokenRange:
        """The tokens of the sentence token ``i`` is in."""
        n = self.sentence[i]
        return self.firsts[n], self.firsts[n + 1] if n + 1 < len(self.firsts) else len(self.doc)

    def usable(self, tok: Token, near: Token) -> bool:
        """Can ``tok`` name the speaker of the cue ``near``: not quoted, same paragraph, near.

        Not "same sentence": the small model splits "“…,” Kim said" after the closing mark.
        """
        first, last = min(tok.i, near.i), max(tok.i, near.i)
        if self.quoted[tok.i] or last - first > 3 * _WINDOW or in_dateline(self, tok):
            return False
        return self.breaks[last] == self.breaks[first]  # no line break in doc[first:last]


def _open_with_the_mark(starts: npt.NDArray[np.bool_], quote_ranges: list[TokenRange]) -> None:
    """A sentence that opens with a quotation mark starts at the mark: the small model leaves
    a mark after "he said. " (most often a doubled apostrophe, ''…'') at the end of the
    sentence before, and the quote then looked as if it went on that sentence."""
    for first, end in quote_ranges:
        if first > 0 and first + 1 < min(end, len(starts)) and starts[first + 1]:
            starts[first], starts[first + 1] = True, False


def _running_count(flags: npt.NDArray[np.bool_]) -> list[int]:
    """How many of ``flags`` are set before each index (one more entry than flags)."""
    return [0, *np.cumsum(flags, dtype=np.int64).tolist()]


def is_cue(tok: Token, *, strong: bool = False) -> bool:
    """Is ``tok`` a reporting verb (``strong``: one that is a cue even with nothing hanging on it)."""
    if tok.pos_ != "VERB" or tok.dep_ == "amod":
        return False
    lemma = tok.lemma_.lower()
    if lemma in PARTICLE_CUES:
        return any(c.dep_ == "prt" and c.lower_ in PARTICLE_CUES[lemma] for c in tok.children)
    if lemma not in REPORTING_LEMMAS or (strong and lemma in WEAK_CUES):
        return False
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "so":
        return False
    return not (_perceives(tok, lemma) or _asks_someone(tok, lemma) or _infers(tok, lemma)
                or _depicts(tok, lemma) or _interpreted(tok, lemma) or _writers_aside(tok))


def _writers_aside(tok: Token) -> bool:
    """"It is worth noting that …", "It goes without saying that …": the writer's own aside,
    with no one else speaking."""
    if tok.tag_ != "VBG":
        return False
    head = tok.head
    return head.lower_ == "worth" or (head.lower_ == "without" and head.head.lemma_.lower() == "go")


def _in_adverbial_clause(tok: Token) -> bool:
    """"“…,” when Kim mocked him": a verb its clause's "when" or "after" opens sets the time
    of the quote; it is no attribution of it."""
    return any(c.dep_ in ("mark", "advmod") and c.i < tok.i and c.lower_ in CLAUSE_OPENERS
               for c in tok.children)


def not_speech_starts(ctx: Context) -> list[int]:
    """Where words inside reported speech stop being the speaker's, in order: before a
    question put to them ("… when asked by reporters whether …") or the writer's inference
    ("…, suggesting that …"). Found once per document, so that cutting stays linear."""
    doc = ctx.doc
    verbs = np.flatnonzero(doc.to_array(["POS"]) == VERB).tolist()
    cuts = []
    for i in verbs:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if ctx.quoted[i] or not (_put_to_someone(tok, lemma)
                                 or (tok.tag_ == "VBG" and _infers(tok, lemma))):
            continue
        cut = tok.left_edge.i
        while cut > 0 and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
            cut -= 1
        cuts.append(cut)
    return sorted(cuts)


def _put_to_someone(tok: Token, lemma: str) -> bool:
    """"… when asked by reporters whether …": a question put to the speaker. Not "had asked
    for the files" (a perfect tense: the asker's act) nor "asked to leave" (a request)."""
    if lemma != "ask" or tok.tag_ != "VBN":
        return False
    return not any(c.dep_ == "xcomp" or (c.dep_ == "aux" and c.lemma_ == "have") for c in tok.children)


def cut_before(cuts: list[int], first: int, end: int) -> int:
    """The first of ``cuts`` (from ``not_speech_starts``) inside ``first:end``, else ``end``."""
    k = bisect.bisect_right(cuts, first)
    return cuts[k] if k < len(cuts) and cuts[k] < end else end


def _interpreted(tok: Token, lemma: str) -> bool:
    """"The remarks are being read as …", "was seen as": how others take words, not words."""
    return lemma in ("read", "see", "interpret", "view") and any(c.dep_ == "auxpass" for c in tok.children)


def _depicts(tok: Token, lemma: str) -> bool:
    """"A video showed Kim shaking hands": a picture of an act, not anyone's words."""
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if lemma != "show" or subject is None or subject.lemma_.lower() not in PICTURE_NOUNS:
        return False  # a poll or a study "shows" findings: that is reported
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") and (c.tag_ == "VBG" or any(
        g.dep_ == "acl" and g.tag_ == "VBG" for g in c.children)) for c in tok.children)


def _perceives(tok: Token, lemma: str) -> bool:
    """"found him lying", "saw her leave": what someone perceived, not what anyone said. A
    document's findings ("the study found voters leaving") stay reports."""
    if lemma not in PERCEPTION_VERBS:
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in DOCUMENT_NOUNS:
        return False
    has_object = any(c.dep_ == "dobj" for c in tok.children)
    for child in tok.children:
        if child.dep_ not in ("ccomp", "xcomp") or child.tag_ not in ("VBG", "VB"):
            continue
        bare = not any(g.dep_ in ("mark", "aux", "auxpass") for g in child.children)
        if bare and (has_object or any(g.dep_ == "nsubj" and g.i < child.i for g in child.children)):
            return True  # an object doing something, with no "that" or tense of a report
    return False


def _asks_someone(tok: Token, lemma: str) -> bool:
    """A question put to someone ("asked Kim whether", "Asked if …, Kim said"): it is no
    statement of the one asked, and its asker is rarely who the sentence is about."""
    if lemma != "ask":
        return False
    if tok.tag_ == "VBN":  # "was asked", "Asked whether …, she said"
        return True
    asked = any(c.dep_ in ("dobj", "dative") for c in tok.children)
    opens_question = any(c.dep_ in ("ccomp", "prep", "advcl", "xcomp")
                         and c.left_edge.lower_ in QUESTION_OPENERS for c in tok.children)
    return asked and opens_question


def _infers(tok: Token, lemma: str) -> bool:
    """The writer's own inference: "met the crew, suggesting that", "which means that",
    "This shows that". A participle after a reporting verb goes on with its speaker
    ("recalled, suggesting that …")."""
    if lemma not in INFERENCE_VERBS:
        return False
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        return subject.lower_ in ("which", "this")
    as_reading = tok.dep_ == "pcomp" and tok.head.lower_ == "as"  # "read as signaling that"
    if tok.tag_ != "VBG" or not (as_reading or tok.dep_ in ("advcl", "conj", "xcomp")):
        return False
    head = tok.head
    return not (head.pos_ == "VERB" and head.lemma_.lower() in REPORTING_LEMMAS)


def source_preposition(tok: Token) -> int:
    """How many tokens of "according to" / "in the words of" start at ``tok`` (0 if none)."""
    first, doc, i = tok.lower_, tok.doc, tok.i  # asked of nearly every token: compare one word first
    for words in SOURCE_PREPOSITIONS:
        n = len(words)
        if first != words[0] or i + n > len(doc):
            continue
        if all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            return n
    return 0


def cue_for_quote(ctx: Context, first: int, end: int, close: int) -> Cue | None:
    """The cue of the direct quote at tokens ``first:end`` (marks included), or None.

    ``close`` is the character offset of the closing mark, where a dash attribution starts.
    "As Kim put it" comes first: the writer naming whose words these are beats a reporting
    verb the parse found higher up ("members echo her concerns, since the rule is “…,” as a
    memo put it").
    """
    tok = _as_put_it(ctx, first, end) or _cue_in_parse(ctx, first, end)
    if tok is None:
        dash = _dash_cue(ctx, close)
        if dash is not None:
            return dash
        tok = _cue_after(ctx, first, end) or _cue_before(ctx, first)
    if tok is None:
        return _colon_cue(ctx, first)
    return cue_at(ctx, tok)


def _colon_cue(ctx: Context, first: int) -> Cue | None:
    """"Kim, on social media: "…"", "Kim swiped at Lee in a post: "…"": a colon introducing
    the quote with no reporting verb; the speaker is who the words before it are about (the
    verb's subject, else the name they open with), the cue that verb or the colon."""
    doc = ctx.doc
    if first == 0 or doc[first - 1].text != ":" or ctx.quoted[first - 1]:
        return None
    colon = doc[first - 1]
    start, _ = ctx.sentence_range(colon.i)
    start = max(start, colon.i - 3 * _WINDOW)  # bounded: a sentence of many colons stays linear
    before = [t for t in doc[start:colon.i] if not ctx.quoted[t.i]]
    verb = _clause_before_colon(before)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if subject is None:
        subject = next((t for t in before if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"), None)
        if subject is not None and subject.ent_iob_ in ("B", "I"):
            subject = doc[entity_range(subject)[1] - 1]  # the name's last word heads it
    if subject is None or subject.ent_type_ in ("DATE", "TIME") or in_dateline(ctx, subject):
        return None
    holder = verb if verb is not None and verb.i < colon.i else colon
    return Cue(holder, holder.idx, holder.idx + len(holder), subject)


def _clause_before_colon(before: list[Token]) -> Token | None:
    """The verb of the clause the colon closes: the last verb before it with a subject of its
    own, outside a relative clause ("She got so upset that I had to change my answer: "…"" is
    mine), else the sentence's main verb."""
    for tok in reversed(before):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "relcl" and any(
                c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in tok.children):
            return tok
    return next((t for t in before if t.pos_ == "VERB" and t.dep_ == "ROOT"), None)


def in_dateline(ctx: Context, tok: Token) -> bool:
    """Is ``tok`` in a dateline ("BRINMOOR, Ostrania — …"): before a dash near the start of
    its paragraph that an upper-case place opens? A dateline's place never speaks."""
    first, _ = ctx.sentence_range(tok.i)
    doc = ctx.doc
    opener = doc[first]
    if not (opener.text.isupper() and opener.is_alpha and len(opener.text) > 1):
        return False
    dash = next((t.i for t in doc[first:min(first + _DATELINE_TOKENS, len(doc))]
                 if t.text in ("—", "–", "--", "-")), None)
    return dash is not None and tok.i < dash


def cue_at(ctx: Context, tok: Token) -> Cue:
    """The cue whose word is ``tok`` (a reporting verb or "according"), with its speaker."""
    first, end = cue_range(tok)
    doc = ctx.doc
    return Cue(tok, doc[first].idx, doc[end - 1].idx + len(doc[end - 1]), speaker_head(ctx, tok),
               to_press(tok))


def _dash_cue(ctx: Context, close: int) -> Cue | None:
    doc, text = ctx.doc, ctx.text
    m = _DASH.match(text, close + 1)
    if m is None:
        return None
    name = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
    if name is None or name[0].pos_ != "PROPN":
        return None
    _, end = entity_range(name[0]) if name[0].ent_type_ else (name.start, name.start + 1)
    while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        end += 1
    if end < len(doc) and not any(c in doc[end].text_with_ws for c in _DASH_NAME_ENDS):
        return None  # a dash inside a sentence ("— a view Kim shares"), not a signature
    holder = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    token = holder[0] if holder is not None else name[0]
    return Cue(token, m.start(1), m.end(1), doc[end - 1])


def _cue_in_parse(ctx: Context, first: int, end: int) -> Token | None:
    found: list[Token] = []
    sentences = {ctx.sentence[first], ctx.sentence[end - 1]}
    for tok in ctx.doc[first:end]:
        if tok.is_punct or tok.is_space:
            continue
        if not first <= tok.head.i < end:
            found += _cue_above(ctx, tok, lift=not _an_epithet(ctx.doc[first:end]))
        found += [c for c in tok.children if not first <= c.i < end and c.dep_ in _HANGING
                  and not ctx.quoted[c.i] and is_cue(c) and not _in_adverbial_clause(c)]
    found = [t for t in found if ctx.sentence[t.i] in sentences]
    if not found:
        return None
    return _outer_if_thing(ctx, min(found, key=lambda t: min(abs(t.i - first), abs(t.i - end))))


def _outer_if_thing(ctx: Context, cue: Token) -> Token:
    """"She says it underscores that …": a cue whose subject is a thing ("it", "this"),
    inside someone's reported speech, gives way to that someone's cue."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.lower_ in _THINGS or _a_thing(subject)):
        return cue
    head = cue
    for _ in range(3):
        if head.dep_ != "ccomp" or head.head.i == head.i:
            break
        head = head.head
        if not ctx.quoted[head.i] and is_cue(head):
            return head
    return cue


def _a_thing(noun: Token) -> bool:
    """"the ad", "the report": a common noun for a thing, which speaks only through someone."""
    return noun.pos_ in ("NOUN", "ADJ") and not noun.ent_type_ and noun.lower_ in THING_NOUNS


def _cue_above(ctx: Context, tok: Token, *, lift: bool = True) -> list[Token]:
    """The reporting verb a quoted fragment (whose root is ``tok``) hangs on. A weak cue counts
    when the path enters it through one of its arguments ("reports that …", "called the plan
    "a gamble""), not through an adjunct ("had shown bad judgment in using "…"")."""
    head = tok.head
    for _ in range(_HEAD_STEPS):
        if not ctx.quoted[head.i] and is_cue(head, strong=not _argument(tok)):
            return [(_reporter_above(ctx, head) if lift else None) or head]
        if head.head.i == head.i:
            break
        tok, head = head, head.head
    return []


def _an_epithet(quoted: Span) -> bool:
    """A short Title-Case term in marks ("called him “Crooked Harry”"): the naming verb is
    what keeps it a quote (the stage takes such a term for a title elsewhere), so its cue
    stays that verb, even inside another's report."""
    words = [t for t in quoted if t.is_alpha]
    return 0 < len(words) <= _EPITHET_WORDS and all(t.is_title for t in words)


def _reporter_above(ctx: Context, cue: Token) -> Token | None:
    """"Kim said at the rally that Lee once described the deal as “the best ever”": a fragment
    a naming verb (``WEAK_CUES``: describe, call, label …) takes, inside what someone else
    reports, is quoted by the one reporting: that verb's speaker is told of, not heard.
    The reporting verb whose clause holds ``cue``, a few heads up, if it names its speaker."""
    if cue.lemma_.lower() not in WEAK_CUES:
        return None
    tok = cue
    for _ in range(_HEAD_STEPS):
        if tok.dep_ not in _REPORTED_CLAUSE or tok.head.i == tok.i or ctx.quoted[tok.head.i]:
            return None
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in WEAK_CUES and is_cue(tok, strong=True):
            return tok if any(_is_subject(c) for c in tok.children) else None
    return None


def _argument(tok: Token) -> bool:
    return tok.dep_ in _ARGUMENTS or (tok.dep_ == "prep" and tok.lower_ in _ARGUMENT_PREPOSITIONS)


def _cue_after(ctx: Context, first: int, end: int) -> Token | None:
    doc = ctx.doc
    # After a quote that ends its sentence with a period, a new sentence is not its attribution;
    # after "?" or "!" it may be (“Why?” Kim asked), but only the first step.
    ended = any(t.text == "." for t in doc[max(end - 3, first):end])
    for k in range(end, min(end + _WINDOW, len(doc))):
        tok = doc[k]
        if ctx.quoted[k] or "\n" in tok.text or tok.text in _SENTENCE_END:
            return None
        if ctx.sentence[k] != ctx.sentence[k - 1] and (k > end or ended):
            return None
        if source_preposition(tok) or per_source(tok) or (is_cue(tok) and not _in_adverbial_clause(tok)):
            return tok  # "“…,” according to the commission."
    return None


def _cue_before(ctx: Context, first: int) -> Token | None:
    doc = ctx.doc
    k = first - 1
    while k >= max(first - _WINDOW, 0):
        tok = doc[k]
        if ctx.quoted[k] or tok.text in _SENTENCE_END:
            return None
        if "\n" in tok.text and not (k > 0 and doc[k - 1].text == ":"):
            return None  # a paragraph break ends the search, unless a colon introduced the quote
        if source_preposition(tok) or per_source(tok) or is_cue(tok, strong=True):
            return tok
        k -= 1
    return None


def per_source(tok: Token) -> bool:
    """"“…,” per the club's charter", "per Kim, “…”": "per" naming where the words come from.
    Only beside a direct quote (not in reported speech): elsewhere "per" is mostly a rate, and
    a rate's object ("per gallon") has no determiner, possessive or name, which a source has."""
    if tok.lower_ != "per":
        return False
    source = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return source is not None and (
        source.pos_ == "PROPN" or any(c.dep_ in ("det", "poss") for c in source.children))


def _as_put_it(ctx: Context, first: int, end: int) -> Token | None:
    """"As Kim put it, “…”", "as Kim put it in a letter, the port is “…”", "“…,” as the
    memo put it": the writer hands the words to Kim with "put it", which is no reporting verb
    elsewhere ("put it on the table"). Searched back to the quote's sentence start, bounded
    (the aside may carry a long adjunct), then a few words on after the closing mark."""
    if not ctx.puts_it:
        return None
    start, _ = ctx.sentence_range(first)
    doc = ctx.doc
    for k in range(first - 1, max(start, first - 3 * _WINDOW) - 1, -1):
        if ctx.quoted[k]:
            break
        if _puts_it(doc[k]):
            return doc[k]
    for k in range(end, min(end + _WINDOW // 2, len(doc))):
        tok = doc[k]
        if ctx.quoted[k] or tok.text in _SENTENCE_END or "\n" in tok.text:
            return None
        if _puts_it(tok):
            return tok
    return None


def _puts_it(tok: Token) -> bool:
    return tok.lemma_.lower() in _PUT_IT and _has_child(tok, "dobj", "it") and _has_child(tok, "mark", "as")


def _has_child(tok: Token, dep: str, word: str) -> bool:
    return any(c.dep_ == dep and c.lower_ == word for c in tok.children)


def carried_cue(ctx: Context, first: int, end: int, *, opens: bool) -> Cue | None:
    """The attribution a direct quote at tokens ``first:end`` with no cue of its own carries:
    the sentence before's, for a quote opening its sentence; else its own sentence's subject."""
    return cue_before_sentence(ctx, first) if opens else cue_of_sentence(ctx, first, end)


def cue_before_sentence(ctx: Context, first: int) -> Cue | None:
    """The last attribution of the sentence before the one a quote opens, in the same or the
    previous paragraph: "Cummings called him a master. "He showed…"" goes on with Cummings.

    The quote opens its sentence, so only marks and spaces stand before it there, never a cue:
    the search is of the sentence before alone, made once per sentence (``Context.carried``),
    however many fragments open the next one (a run of quotation marks opens hundreds).
    """
    n = ctx.sentence[first]
    if n == 0:
        return None
    start = ctx.firsts[n - 1]
    if first - start > 8 * _WINDOW:
        return None  # too long a sentence to be an attribution
    if ctx.breaks[first] - ctx.breaks[start] > 1:
        return None  # a paragraph between
    if n - 1 not in ctx.carried:
        ctx.carried[n - 1] = _last_attribution(ctx, start, ctx.firsts[n])
    return ctx.carried[n - 1]


def cue_of_sentence(ctx: Context, first: int, end: int) -> Cue | None:
    """The sentence's own subject for a quoted stretch inside it that no verb attributes:
    "Kim has gone after Lee as a “human leech”", "After saying her foot was “too swollen,”
    she left". The first subject up the parse from the quote that can speak (a name, a
    pronoun for people); things ("everything is “on the up and up”") are passed over."""
    doc = ctx.doc
    tok = next((t for t in doc[first:end] if not first <= t.head.i < end and not t.is_punct), None)
    steps = 0
    while tok is not None and steps < 2 * _HEAD_STEPS:
        subject = next((c for c in tok.children if _is_subject(c) and ctx.usable(c, tok)), None)
        if subject is not None and not ctx.quoted[subject.i] and _may_speak(subject):
            return Cue(tok, tok.idx, tok.idx + len(tok), _antecedent(subject))
        if tok.head.i == tok.i:
            return None
        tok, steps = tok.head, steps + 1
    return None


def _may_speak(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        return subject.lower_ in _SPEAKING_PRONOUNS
    return subject.pos_ == "PROPN" and subject.ent_type_ in _SPEAKING_NAMES


def _last_attribution(ctx: Context, first: int, end: int) -> Cue | None:
    """The last cue in tokens ``first:end`` (outside quotes) that names a speaker."""
    doc = ctx.doc
    for k in range(end - 1, first - 1, -1):
        tok = doc[k]
        if not ctx.quoted[k] and is_cue(tok):
            cue = cue_at(ctx, tok)
            if cue.speaker is not None:
                return cue
    return None


def cue_range(tok: Token) -> TokenRange:
    """The cue's tokens: the verb with its particle, and for "tell" its hearer ("told reporters")."""
    n = source_preposition(tok)
    if n:
        return tok.i, tok.i + n
    end = tok.i + 1
    for child in tok.children:
        first = child.left_edge.i
        near = first == end or (first == end + 1 and tok.doc[end].dep_ == "prt")
        if near and (child.dep_ == "prt" or (child.dep_ in ("dobj", "dative") and _tells(tok))):
            end = _hearer_end(child) if child.dep_ != "prt" else child.i + 1
    return tok.i, end


def _hearer_end(hearer: Token) -> int:
    """Where "told a meeting of leaders" ends: before a "that" the parse hung on the hearer
    as a relative clause, which opens what was told (``reported._told_that``)."""
    for t in hearer.subtree:
        if t.dep_ == "mark" and t.lower_ == "that" and t.head.dep_ == "relcl":
            return t.i
    return hearer.right_edge.i + 1


def _tells(tok: Token) -> bool:
    return tok.lemma_.lower() in ("tell", "inform", "assure", "remind", "ask")


def to_press(tok: Token) -> bool:
    """Was this said to the press ("told The Korea Herald", "said in an interview")?"""
    hearers = [c for c in tok.children if c.dep_ in ("dobj", "dative")] if _tells(tok) else []
    hearers += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "with")
                for g in c.children if g.dep_ == "pobj"]
    return any(w.lower_ in PRESS_AUDIENCE for h in hearers for w in h.subtree)


def speaker_head(ctx: Context, tok: Token) -> Token | None:
    """The token that names who spoke: the cue's subject, or a name after an inverted verb."""
    n = source_preposition(tok) or int(per_source(tok))
    if n:
        last = tok.doc[tok.i + n - 1]
        objects = [c for c in last.children if c.dep_ == "pobj" and ctx.usable(c, tok)]
        return objects[0] if objects else None
    if reported_of(tok):
        return None
    if tok.text == ":" and tok.i > 0:  # "Whitby: Fees Will Rise": the line's name before its colon
        named = tok.doc[tok.i - 1]
        return named if ctx.usable(named, tok) else None
    if tok.pos_ == "NOUN":
        owner = owner_of_claim(tok)
        return owner if owner is not None and ctx.usable(owner, tok) else None
    found = (_subject_in_parse(ctx, tok) or _name_before(tok) or _name_before_aside(ctx, tok)
             or _inverted_subject(tok))
    if found is None and tok.tag_ in ("VBG", "VB"):
        found = _subject_of_cue_before(ctx, tok)
    return found if found is not None and ctx.usable(found, tok) else None


def reported_of(verb: Token) -> bool:
    """"Kim is said to have left", "is reported to": words about Kim, by someone unnamed. (Not
    "was quoted as saying", where Kim is the speaker.)"""
    if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in verb.children)


def owner_of_claim(noun: Token) -> Token | None:
    """Who made a claim: "Kim's claim", "a claim by Kim", "Kim made the claim"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    verb = noun.head  # "Kim made the claim", not "the council rejected the claim"
    if noun.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS | {"repeat"}:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _subject_in_parse(ctx: Context, tok: Token) -> Token | None:
    pictured = _pictured_before(tok)
    if pictured is not None and ctx.usable(pictured, tok):
        return pictured  # "footage of Kim asking, …" however the participle was attached
    verb = tok
    for _ in range(_HEAD_STEPS):
        if too_many_dependents(verb):
            return None  # a hostile text's one-sentence parse: no subject to find in it
        if verb is not tok and _participle_aside(tok) and _describes(verb):
            above = _verb_above(verb)
            if above is None:
                return None
            verb = above
            continue
        subjects = [c for c in verb.children if _is_subject(c) and ctx.usable(c, tok)]
        if subjects and not all(_demonstrative(c) for c in subjects):
            return _antecedent(min(subjects, key=lambda c: abs(c.i - tok.i)))
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            held = _event_holder(verb.head)
            if held is None:
                return verb.head  # "footage of Kim saying, ..."
            verb = held  # "spoke at a news conference announcing …": who spoke there
            continue
        if verb.dep_ not in _SUBJECT_CARRIERS or verb.head.i == verb.i or ctx.quoted[verb.head.i]:
            break
        controller = _object_control(verb)
        if controller is not None and ctx.usable(controller, tok):
            return controller
        verb = verb.head
    return None


def _demonstrative(subject: Token) -> bool:
    """"that was not her view", "this is wrong": a demonstrative subject is a thing; the
    speaker is further up ("Kim's brief said that was not her view and dismissed …"). Not
    one a phrase describes: "those close to him say" are people."""
    return subject.tag_ == "DT" and subject.lower_ in _DEMONSTRATIVES and not any(subject.children)


def _object_control(verb: Token) -> Token | None:
    """"Kim got Lee to admit that …", "pressed him to concede": the object of the verb an
    infinitive hangs on is who does the infinitive's act (not the subject further up). The
    small model often makes the infinitive an adverbial clause ("got Lee to admit"), as it
    does a purpose ("called a meeting to announce"): there only a person's name or a pronoun
    for one is taken."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ not in ("xcomp", "advcl") or not infinitive or too_many_dependents(verb.head):
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    if verb.dep_ == "advcl":
        return next((c for c in objects if c.ent_type_ == "PERSON" or c.lower_ in _PERSONS_AS_OBJECT), None)
    return next((c for c in objects if c.pos_ in ("PROPN", "PRON", "NOUN")), None)


def _participle_aside(tok: Token) -> bool:
    """", saying …", "while chanting …": a participle set off by a comma or opened by "while",
    which goes on with the subject of the sentence (the small model often hangs it on the
    clause just before)."""
    if tok.tag_ != "VBG" or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return before.text == "," or (before.head.i == tok.i and before.lower_ in _PARTICIPLE_OPENERS)


def _describes(verb: Token) -> bool:
    """Is ``verb`` the verb of a clause describing a noun ("an architect who said …", "the
    stadium, where the team played")? Its subject is no one the sentence goes on with."""
    return verb.dep_ == "relcl" or any(
        c.dep_ in ("advmod", "mark") and c.i < verb.i and c.lower_ in _DESCRIBING_OPENERS
        for c in verb.children)


def _verb_above(verb: Token) -> Token | None:
    """The verb of the clause ``verb``'s describing clause hangs in, a few heads up."""
    tok = verb
    for _ in range(_HEAD_STEPS):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and not _describes(tok):
            return tok
    return None


def _event_holder(noun: Token) -> Token | None:
    """The verb an event hangs on ("spoke at a news conference"): an event announces nothing
    itself; who spoke at it does."""
    if noun.lemma_.lower() not in EVENT_NOUNS or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _pictured_before(tok: Token) -> Token | None:
    """"uses footage of Kim asking, …": the one a picture shows, right before its participle.
    The small model often hangs the participle on the main verb, whose subject is the ad."""
    if tok.tag_ != "VBG" or tok.i == 0:
        return None
    shown = tok.doc[tok.i - 1]
    of = shown.head
    if shown.dep_ != "pobj" or of.lower_ != "of" or shown.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return shown if of.head.lemma_.lower() in PICTURE_NOUNS else None


def _is_subject(tok: Token) -> bool:
    # "it said" is an organisation or a document speaking; "it was reported" is no one; "the
    # board was described as …" is what was described (only "Kim was quoted as saying" speaks).
    if tok.dep_ != "nsubjpass":
        return tok.dep_ == "nsubj"
    verb = tok.head.lemma_.lower()
    return tok.lower_ != "it" and (verb not in REPORTING_LEMMAS or verb in QUOTING_VERBS)


def _subject_of_cue_before(ctx: Context, tok: Token) -> Token | None:
    """"Kim said, going on to say …": a participle with no subject goes on with the
    subject of the reporting verb just before it in the paragraph."""
    doc = ctx.doc
    for k in range(tok.i - 1, max(tok.i - _WINDOW, 0) - 1, -1):
        if "\n" in doc[k].text:
            return None
        if not ctx.quoted[k] and is_cue(doc[k]):
            subjects = [c for c in doc[k].children if _is_subject(c) and ctx.usable(c, doc[k])]
            if subjects:
                return _antecedent(subjects[0])
    return None


def _name_before(tok: Token) -> Token | None:
    """"… Chuck Jordan said" where the parse lost the subject: the name right before the verb."""
    if tok.i == 0 or source_preposition(tok):
        return None
    prev = tok.doc[tok.i - 1]
    if prev.pos_ == "PROPN" and prev.ent_type_ not in _TIMES:
        return prev
    return prev if prev.lower_ in ("he", "she", "they") else None


def _name_before_aside(ctx: Context, tok: Token) -> Token | None:
    """"“…,” Ilse Varn, a port official, said", "Ilse Varn, opening the new pier on Monday,
    said": a name, then an aside between commas, then the verb, where the parse gave the verb
    no subject (it hung the name on a word of the quote, or on a headline before)."""
    doc = tok.doc
    if tok.i < 3 or doc[tok.i - 1].text != ",":
        return None
    for k in range(tok.i - 2, max(tok.i - 2 * _WINDOW, 0), -1):
        if doc[k].text != ",":
            if ctx.quoted[k] or doc[k].text in _SENTENCE_END or "\n" in doc[k].text:
                return None
            continue
        name = doc[k - 1]
        if name.pos_ == "PROPN" and name.ent_type_ in _SPEAKING_NAMES:
            return name
        return None
    return None


def _antecedent(subject: Token) -> Token:
    """"an architect who said": the noun a relative pronoun stands for."""
    verb = subject.head
    if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _inverted_subject(tok: Token) -> Token | None:
    """"…," said Choi Yong-hwan: the name right after a verb that follows the closing mark,
    when the parse gave no subject (elsewhere what follows a verb is its object)."""
    doc = tok.doc
    before = [t.text for t in doc[max(tok.i - 2, 0):tok.i]]
    after_mark = bool(before) and bool({'"', "”", "’", "'"} & {before[-1], before[0]})
    opening = tok.is_sent_start or (tok.i > 0 and "\n" in doc[tok.i - 1].text)  # "Said Ellis: …"
    if _tells(tok) or not (after_mark or opening):
        return None  # after "told" comes the hearer, not the speaker
    after = [c for c in tok.children if c.i > tok.i and c.dep_ in _INVERTED
             and c.pos_ in ("PROPN", "NOUN", "PRON") and c.ent_type_ not in _TIMES]
    if after:
        return after[0]
    if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].ent_type_ not in _TIMES:
        nxt = doc[tok.i + 1]
        while nxt.dep_ == "compound" and nxt.head.i > nxt.i:
            nxt = nxt.head
        return nxt
    return None


def phrase_range(head: Token) -> TokenRange:
    """The tokens naming the speaker: a name without its titles, a pronoun, or a noun phrase."""
    doc = head.doc
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    if head.ent_type_ or head.pos_ == "PROPN":
        first, end = entity_range(head) if head.ent_type_ else _compound_range(head)
        return name_start(doc, first, end), end
    first = min([c.left_edge.i for c in head.children if c.dep_ in _NP_LEFT and c.i < head.i],
                default=head.i)
    end = head.i + 1
    for c in head.children:
        if c.dep_ == "prep" and c.i == end and c.lower_ in ("for", "of", "at", "from", "in"):
            end = c.right_edge.i + 1  # "a spokesman for the ministry"
    return first, end


def _compound_range(head: Token) -> TokenRange:
    first = min([c.left_edge.i for c in head.children if c.dep_ == "compound" and c.i < head.i],
                default=head.i)
    return first, head.i + 1
