"""The quotes stage: who said what in one article, direct and reported, with a resolved speaker.

    add_quotes(doc, article)   # a document stage; needs add_mentions (and clean_mentions
                               # when present: the cast is built from article.mentions);
                               # sets article.quotes and Mention.canonical on PERSON mentions

How it reads an article:

1. pair the quotation marks in the text (``marks``): every direct quote, including
   quotes over several paragraphs and quotes with a lost closing mark;
2. build the cast of people from the PERSON mentions (``cast``);
3. find each direct quote's cue (``cues``) and all reported speech (``reported``);
4. resolve speakers in text order (``speakers``), so that "he said" sees who spoke before.

An article whose ``language`` is set and is not English is read by its own language's
conventions instead (``foreign``: French, Russian, Korean; no quotes for a language without them).

Decisions a reader of the output needs to know:

* **One utterance, one quote** (``utterances``): a split quote (``"A," he said, "B."``, or
  ``"A," he said. "B."`` going on in the next sentence) is one ``Quote`` with ``parts``,
  its ``text`` the parts' words; reported speech with a quoted fragment (``said the plan
  was "reckless"``) is one ``Quote`` of kind ``mixed`` with the fragment in ``fragments``.
* **Quotes over several paragraphs** are one record; its text includes the paragraph break
  and the reopening mark, as the article printed them.
* **Scare quotes** are not quotes and are left out: a term of four words or fewer in marks,
  inside a sentence, that no reporting verb governs and no attribution stands beside, and
  any term after "so-called". So are **titles of works** inside a sentence: a short
  Title-Case term with no cue, or one the sentence uses as a name (``told “Morning Joe”``,
  ``on “Fox News Sunday”``); after a naming verb it is an epithet and kept (``called him
  “Crooked Kim”``). A quote a reporting verb governs is speech even when short:
  ``warned of "tight schedules"``, ``called the plan "a gamble"``.
* **Not speech**: perception ("found him lying"), a question put to someone ("asked X
  whether", "Asked if …, X said"), and the writer's inference ("…, suggesting that", "which
  means that") are not quotes (``cues.is_cue``). Nor is a quoted question put to someone at a
  hearing or a briefing ("“Have you read it?” the senator asked." answered by "“I have not,”
  Rao said."), nor the short questions that go on with that exchange: the answers are the
  quotes. A phrase in marks (no verb with a tense) inside a sentence that says no one says
  anything ("organizing “the largest march in history”") is the writer's borrowing; a short
  term glossed in a "which" clause ("…, which is Latin for “sea road”") is the writer's too.
* **Source chains** (``chains``): "TASS quoted X, speaking on Y, as saying" is X with
  ``via`` TASS and Y; "a study by X found" is X via the study.
* **Transcripts** inside one quotation (``“MS. QUILLON: … MR. WREN: …”``, two labelled
  turns or more) are one quote per turn, each spoken by its label's person.
* **Inherited speakers** (``inherited=True``, no cue): a direct quote with no cue of its own
  that opens its sentence takes, in this order, the attribution of the sentence just before
  it ("Cummings called him a master. "He showed …""), else the speaker of the previous
  quote when that is in the same or the previous paragraph (a site's line between, an
  "ADVERTISEMENT" or a related link, is not a paragraph of the article) — unless the text has made
  another person a sentence's subject since, who then is the speaker (news convention: the
  text continues the speaker it is about); else, for a quote opening its paragraph, the
  person the paragraph before made a sentence's subject (a speaker introduced, then
  quoted). Other quotes with no cue keep ``speaker=None``; an unclosed mark with no cue is
  dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from crosswire.ingest.patterns import BOILERPLATE_LINE, BOILERPLATE_MAX_WORDS
from crosswire.mentions.quotes import model
from crosswire.mentions.quotes.cast import build_cast
from crosswire.mentions.quotes.cues import (
    Context,
    Cue,
    carried_cue,
    cue_at,
    cue_for_quote,
    cut_before,
    not_speech_starts,
)
from crosswire.mentions.quotes.marks import QuotedSpan, pair_quote_marks, paragraph_starts, transcript_turns
from crosswire.mentions.quotes.reported import reported_speech
from crosswire.mentions.quotes.roles import TokenRange
from crosswire.mentions.quotes.speakers import Heard, Speakers, chars_of
from crosswire.mentions.quotes.statements import generic_speech
from crosswire.mentions.quotes.utterances import one_per_utterance
from crosswire.mentions.quotes.vocab import (
    CLAIM_NOUNS,
    INTERROGATIVE_OPENERS,
    NAMING_VERBS,
    QUESTION_CUES,
    REPORTING_LEMMAS,
    TITLE_SMALL_WORDS,
)
from crosswire.nlp.annotate import doc_text
from crosswire.types import Article, Quote, Speaker

_SCARE_WORDS = 4
_CLAUSES_AROUND = 4  # reported clauses that may hold one quoted fragment (they nest)
_ANSWER_SENTENCES = 2
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_EXCHANGE_GAP = 1  # paragraphs from one quote of a questioning to the next
_HEAD_STEPS = 8  # how far up the parse a quoted term is followed to its cue
_TITLE_WORDS = 6
# How a quoted name sits in its sentence: "on “Fox News Sunday”", "told “Morning Joe”".
_NAME_DEPS = frozenset({"pobj", "dobj", "dative", "poss", "compound", "nmod", "appos"})
_SPEECH_END = (".", "?", "!", "…")
# Labelled turns that make a quotation a transcript: one label alone may be a headline's colon.
_TRANSCRIPT_TURNS = 2
_REPORTED_WORDS = 2  # what is left of reported speech once a question or an inference is cut
_JOINERS = frozenset({"and", "or", ","})
_JOINING_TOKENS = 2  # "“A” and “B”", "“A”, “B”", "“A”, and “B”"
_OPENING_MARKS = " “\"'‘«"
# A block of related headlines a site runs into a sentence after a name: the name glued to the
# first headline ("OstrovaPier deal stalls"), "MORE" at its end.
_LINK_BLOCK = re.compile(
    r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}"  # "OstrovaPier": a name run into a headline
    r"[^\n]{0,600}?\bMORE\b(?:[’']s)?"  # the headlines, then "MORE" ("MORE’s campaign")
    r"(?:\s*\([^)\n]{1,20}\)?)?"  # and the party and state it hides the name's ("(D-Vt.)")
)
# A related-link line a site sets between paragraphs ("Related: Port strike ends"), no quote in it.
_LINK_LINE = re.compile(r"(?:related|read\ more|read\ also|see\ also|watch|listen)\s*:[^\"“”]*",
                        re.IGNORECASE | re.VERBOSE)


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: Literal["direct", "indirect"]
    cue: Cue | None
    opens_sentence: bool = False
    carried: Cue | None = None  # the attribution of the sentence before, for a quote with none
    label: tuple[int, int] | None = None  # a transcript's speaker label ("MS. QUILLON:")
    mention: bool = False  # a cue-less term in marks inside a sentence: speech only inside reported speech
    first: int = 0  # the token of the opening mark
    question: bool = False
    asked: bool = False  # a question put to someone: no quote, but its paragraph is the exchange's


def add_quotes(doc: Doc, article: Article) -> None:
    """Fill ``article.quotes`` and the ``canonical`` name of PERSON mentions."""
    if article.language and article.language != "en":  # each language by its own conventions
        from crosswire.mentions.quotes.foreign.stage import add_foreign_quotes

        add_foreign_quotes(doc, article)
        return
    text = article.text
    marks = [(s, r) for s in pair_quote_marks(text) if (r := _tokens(doc, s)) is not None]
    ctx = Context.of(doc, [r for _, r in marks], doc_text(doc, article))
    paragraphs = paragraph_starts(text)
    cast = build_cast(doc, article, paragraphs, [(s.open, s.close + 1) for s, _ in marks])
    orgs = sorted((m.start, m.text) for m in article.mentions if m.label == "ORG")
    speakers = Speakers(ctx, cast, orgs, _labels(doc, article))
    rules = list(reported_speech(ctx))
    reading = model.read(ctx, rules) if model.enabled() else None  # the learned model (model.py)
    reported = _outside_link_blocks(_reported(ctx, reading.reported() if reading else rules), text)
    found = _borrowed_words_out(_direct_quotes(ctx, marks), reported) + reported
    found.sort(key=lambda f: (f.start, f.kind))
    article.quotes = one_per_utterance(_attributed(found, speakers, text, paragraphs, reading), text)
    cast.set_canonical(article.mentions, speakers.spoken)


def _labels(doc: Doc, article: Article) -> dict[int, str]:
    """Token index → label of the mention it is part of: the article's mentions, which a
    cleaning stage may have corrected, are trusted over the model's raw entities."""
    labels: dict[int, str] = {}
    for m in article.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            labels.update(dict.fromkeys(range(span.start, span.end), m.label))
    return labels


def _tokens(doc: Doc, span: QuotedSpan) -> TokenRange | None:
    """The tokens from the opening mark to the closing one (or the paragraph's end)."""
    end = span.close + 1 if span.closed else span.close
    chunk = doc.char_span(span.open, end, alignment_mode="expand")
    return (chunk.start, chunk.end) if chunk is not None and len(chunk) else None


def _direct_quotes(ctx: Context, marks: list[tuple[QuotedSpan, TokenRange]]) -> list[_Found]:
    found: list[_Found] = []
    last: tuple[int, Cue | None, bool] = (-1, None, False)  # the quote before: its end, cue, kept?
    for span, (first, end) in marks:
        turns = transcript_turns(ctx.text, span.start, span.end)
        if len(turns) >= _TRANSCRIPT_TURNS:  # one quotation, several speakers: one quote each
            found += [_Found(t.start, t.end, "direct", None, label=(t.name_start, t.name_end)) for t in turns]
            continue
        cue = None if _after_so_called(ctx, first) else cue_for_quote(ctx, first, end, span.close)
        coordinated = _coordinated(ctx, last[0], first)
        if cue is None and coordinated:
            cue = last[1]  # "can “sail through any storm” and “mend any net”": one cue for both
        opens = _opens_sentence(ctx, first)
        keep = _is_speech(ctx, span, first, end, cue, opens)
        goes_on = last[2] and 0 <= last[0] <= first and ctx.sentence[last[0] - 1] == ctx.sentence[first]
        last = (end, cue, keep)
        if not keep:
            continue
        carried = carried_cue(ctx, first, end, opens=opens) if cue is None else None
        mention = (cue is None and not opens and not goes_on and _a_phrase(ctx, first, end)
                   and not _someone_says(ctx, first))
        found.append(_Found(span.start, span.end, "direct", cue, opens, carried, mention=mention,
                            first=first, question=_a_question(ctx.text[span.start:span.end])))
    return _mark_questions_put(ctx, found)


def _a_phrase(ctx: Context, first: int, end: int) -> bool:
    """Are the words in marks a phrase, with no verb of their own that has a tense ("the largest
    march in history", "to share good ideas")? A clause in marks ("… that Lee “would say anything
    to win”") is someone's words even where the sentence does not say whose."""
    return not any(t.tag_ in _FINITE_TAGS for t in ctx.doc[first:end])


def _someone_says(ctx: Context, first: int) -> bool:
    """Does the sentence of the token ``first`` say that someone says something (a reporting
    verb, a noun of something said, "according to") outside quotation marks? A term in marks
    there may be the speaker's words even when the parse ties it to no cue."""
    start, end = ctx.sentence_range(first)
    for tok in ctx.doc[start:end]:
        if ctx.quoted[tok.i]:
            continue
        if (tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_LEMMAS) or tok.lower_ in CLAIM_NOUNS:
            return True
        if tok.lower_ == "according" or tok.text == ":":
            return True
    return False


def _is_speech(ctx: Context, span: QuotedSpan, first: int, end: int, cue: Cue | None, opens: bool) -> bool:
    """Is the quote in marks words someone said, rather than a term the writer sets in marks?"""
    if cue is None and (_is_scare(ctx, span, first) or not span.closed):
        return False
    if not opens and _names_a_work(ctx, span, first, end, cue):
        return False
    return cue is None or not (_described_in_passing(ctx, span, first, end, cue) or generic_speech(cue.token))


def _described_in_passing(ctx: Context, span: QuotedSpan, first: int, end: int, cue: Cue) -> bool:
    """A short term in marks inside a relative clause that the cue is outside of ("said it
    would be called Harbourline, which is Latin for “harbour road”"; "…, which is known as the
    “blue file”"): the writer's gloss on a word, not the speaker's words."""
    content = ctx.text[span.start:span.end]
    if len(content.split()) > _SCARE_WORDS or content.endswith(_SPEECH_END[1:]):
        return False
    roots = [t for t in ctx.doc[first:end] if not first <= t.head.i < end and not t.is_punct]
    tok = roots[0] if roots else None
    for _ in range(_HEAD_STEPS):
        if tok is None or tok.i == cue.token.i or tok.head.i == tok.i:
            return False
        if tok.dep_ == "relcl":  # a "which" clause glosses a thing; "who is “…”" may be the epithet
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "which" for c in tok.children)
        tok = tok.head
    return False


def _a_question(content: str) -> bool:
    """Does the quote ask: a question mark at its end, or a wh-word or an auxiliary first?"""
    words = content.rstrip(" ,.").split()
    if not words:
        return False
    return words[-1].endswith("?") or words[0].lower().strip("“\"‘'") in INTERROGATIVE_OPENERS


def _mark_questions_put(ctx: Context, found: list[_Found]) -> list[_Found]:
    """``found`` with ``asked`` set on the questions put to someone at a hearing or a
    briefing: a question with a cue of asking ("“Have you read it?” the senator asked") that
    the next sentence answers in another's words ("“I have not,” Rao said."), and the
    questions with no cue that go on with the exchange, quote after quote in the paragraphs
    that follow ("“Civil?”" / "“No.”" / "“Criminal?”"). They are no quotes: the answers are.
    A question a speaker asks an audience ("“Who pays?” she asked. “You do.”") stays."""
    exchange = -_EXCHANGE_GAP - 1  # the paragraph (line breaks before it) of the exchange's last quote
    for k, f in enumerate(found):
        here = ctx.breaks[f.first]
        in_exchange = here - exchange <= _EXCHANGE_GAP
        exchange = here if in_exchange else exchange
        if in_exchange and f.cue is None and f.opens_sentence and f.question:
            f.asked = True
        elif f.question and f.cue is not None and f.cue.token.lemma_.lower() in QUESTION_CUES:
            answer = found[k + 1] if k + 1 < len(found) else None
            if answer is not None and _answered_by_another(ctx, f, answer):
                f.asked, exchange = True, here
    return found


def _answered_by_another(ctx: Context, question: _Found, answer: _Found) -> bool:
    """Does ``answer`` open the sentence after the question's, with a cue naming someone else?"""
    if answer.cue is None or not answer.opens_sentence or question.cue is None:
        return False
    # The small model may cut "“…?” Rao asked." after the mark: the answer opens the next
    # sentence but one, counted from the question's.
    if not 0 < ctx.sentence[answer.first] - ctx.sentence[question.first] <= _ANSWER_SENTENCES:
        return False
    asker, replier = question.cue.speaker, answer.cue.speaker
    return asker is not None and replier is not None and asker.lower_ != replier.lower_


def _outside_link_blocks(found: list[_Found], text: str) -> list[_Found]:
    """Reported speech but what a cue inside a site's block of related headlines reports
    ("… Lena Ostrova Lena Maria OstrovaPier deal stalls Council says no MORE (D-Vt.) said …"):
    the headlines' verbs report other articles, not this one."""
    blocks = [m.span() for m in _LINK_BLOCK.finditer(text)]
    if not blocks:
        return found

    def in_a_headline(f: _Found) -> bool:  # the words around may be the article's, run through
        return f.cue is not None and any(a <= f.cue.start < b for a, b in blocks)

    return [f for f in found if not in_a_headline(f)]


def _borrowed_words_out(direct: list[_Found], reported: list[_Found]) -> list[_Found]:
    """The direct quotes without the writer's borrowed words: a cue-less term in marks inside
    a sentence ("organizing “the largest march in history,” to pressure …") is no one's speech,
    unless it lies inside reported speech, of which it is then a quoted fragment ("Rao said
    the ferry would run because there is “a lot going on”")."""
    spans = sorted((f.start, f.end) for f in reported)
    starts = [a for a, _ in spans]

    def inside(f: _Found) -> bool:
        k = bisect.bisect_right(starts, f.start)
        return any(a <= f.start and f.end <= b + 2 for a, b in spans[max(k - _CLAUSES_AROUND, 0):k])

    return [f for f in direct if not f.mention or inside(f)]


def _coordinated(ctx: Context, after: int, first: int) -> bool:
    """Is the quote opening at ``first`` joined to the one ending at ``after`` by only "and",
    "or" or a comma, in one sentence: the second of a pair of fragments the same verb governs."""
    if not 0 <= after <= first < len(ctx.sentence) or first - after > _JOINING_TOKENS:
        return False  # no quote before, overlapping marks, or too far apart
    if ctx.sentence[after] != ctx.sentence[first]:
        return False
    return all(t.lower_ in _JOINERS for t in ctx.doc[after:first])


def _is_scare(ctx: Context, span: QuotedSpan, first: int) -> bool:
    """A short term in marks inside a sentence, with nothing saying anyone said it."""
    content = ctx.text[span.start:span.end]
    if _after_so_called(ctx, first):
        return True
    # A period inside the closing mark is the sentence's own (American style: `called it “the
    # truth.”`); a question or an exclamation is the speaker's.
    short = len(content.split()) <= _SCARE_WORDS and not content.endswith(_SPEECH_END[1:])
    return short and not _opens_sentence(ctx, first)


def _names_a_work(ctx: Context, span: QuotedSpan, first: int, end: int, cue: Cue | None) -> bool:
    """“Morning Joe”, “The Art of the Deal” inside a sentence: a short Title-Case term with no
    cue, or one the sentence uses as a name (told “Morning Joe”, on “Fox News Sunday”)."""
    content = ctx.text[span.start:span.end]
    words = [w for w in content.strip(" .,;:").split() if w.lower() not in TITLE_SMALL_WORDS]
    if not 0 < len(words) <= _TITLE_WORDS or content.endswith(("!", "?")):
        return False
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    if cue is None:
        return True
    roots = [t for t in ctx.doc[first:end] if not first <= t.head.i < end and not t.is_punct]
    as_name = any(t.dep_ in _NAME_DEPS for t in roots)
    return as_name and cue.token.lemma_ not in NAMING_VERBS


def _after_so_called(ctx: Context, first: int) -> bool:
    words = [t.lower_ for t in ctx.doc[max(first - 3, 0):first]]
    return words[-3:] == ["so", "-", "called"] or words[-1:] == ["so-called"]


def _opens_sentence(ctx: Context, first: int) -> bool:
    """Is the opening mark the first word-like token of its sentence (or paragraph)?

    Sentences are cut at line breaks (``Context``), so this is "no word between the sentence's
    start and the mark", counted in O(1): walking back over the marks before it made a run of
    quotation marks cost its length squared.
    """
    sentence_start = ctx.firsts[ctx.sentence[first]]
    return ctx.words[first] == ctx.words[sentence_start]


def _reported(ctx: Context, reported: list[tuple[Token, TokenRange]]) -> list[_Found]:
    found = []
    cuts = not_speech_starts(ctx)
    for cue, (first, end) in reported:
        first, end = _in_paragraph_of(ctx, cue.i, first, end)
        stop = cut_before(cuts, first, end) if first < end else end
        if ctx.words[stop] - ctx.words[first] < _REPORTED_WORDS:
            continue
        start, end = chars_of(ctx, (first, stop))
        found.append(_Found(start, end, "indirect", cue_at(ctx, cue)))
    return found


def _in_paragraph_of(ctx: Context, cue: int, first: int, end: int) -> tuple[int, int]:
    """Reported speech stays in its cue's paragraph: the small model runs a headline into the
    first line ("Kim, Putin meet …\n\nKim says …"), and no attribution crosses a paragraph."""
    doc, paragraph = ctx.doc, ctx.breaks[cue]  # line-break tokens before the cue
    while first < end and (ctx.breaks[first] < paragraph or "\n" in doc[first].text):
        first += 1
    while end > first and (ctx.breaks[end - 1] > paragraph or "\n" in doc[end - 1].text):
        end -= 1
    return first, end


def _attributed(found: list[_Found], speakers: Speakers, text: str, paragraphs: list[int],
                reading: model.Reading | None = None) -> list[Quote]:
    """Quotes with their speakers, resolved in text order so pronouns see earlier speakers."""
    quotes: list[Quote] = []
    heard: dict[int, Heard | None] = {}  # per cue: split quotes share one resolution
    sure: dict[int, float | None] = {}  # per cue: the model's confidence in that speaker
    previous: Quote | None = None
    # Paragraphs of questions put to someone: no quotes, but the answers after them go on
    # with the one who answered before ("“I have not,” Rao said." / "“Civil?”" / "“No.”").
    asked = {_paragraph(paragraphs, f.start) for f in found if f.asked}

    def hear(cue: Cue) -> Heard | None:
        if cue.start not in heard:
            picked, p = reading.speaker_of(cue) if reading else (cue, None)
            sure[cue.start] = p  # below the threshold: "unknown" rather than a guess
            unsure = p is not None and p < model.speaker_threshold()
            overruled = picked.speaker if picked is not cue else None  # the model's own choice
            heard[cue.start] = None if unsure else speakers.at_cue(cue, overruled)
        return heard[cue.start]

    for f in found:
        if f.asked:
            continue
        quote = Quote(text[f.start:f.end], f.start, f.end, f.kind)
        if f.label is not None:
            quote.speaker = speakers.labelled(*f.label).speaker
        elif f.cue is not None:
            h = hear(f.cue)
            quote.cue, quote.cue_start, quote.cue_end = text[f.cue.start:f.cue.end], f.cue.start, f.cue.end
            if h is not None:
                quote.speaker, quote.via = _copy(h.speaker), h.via
            quote.confidence = sure[f.cue.start]
        elif f.carried is not None and (h := hear(f.carried)) is not None and h.speaker is not None:
            quote.speaker, quote.via, quote.inherited = replace(h.speaker), h.via, True
            quote.confidence = sure[f.carried.start]
        elif (previous is not None and previous.speaker is not None
              and _continues(f, previous, text, paragraphs, asked)):
            # The text may have moved on since: "Sanders … identified X as Y. "…"" is Sanders.
            moved = speakers.subject_since(previous.end, f.start)
            quote.speaker = moved.speaker if moved else replace(previous.speaker)
            quote.via = () if moved else previous.via
            quote.inherited = True
        elif (introduced := _introduced(f, speakers, text, paragraphs)) is not None:
            quote.speaker, quote.inherited = introduced.speaker, True
        quotes.append(quote)
        if quote.speaker is not None:
            previous = quote
    return quotes


def _copy(speaker: Speaker | None) -> Speaker | None:
    return replace(speaker) if speaker is not None else None


def _continues(f: _Found, previous: Quote, text: str, paragraphs: list[int], asked: set[int]) -> bool:
    """Does this unattributed quote go on with the previous speaker (same or next paragraph,
    not counting the site's lines nor the questions put to the speaker in between)?"""
    if f.kind != "direct" or not f.opens_sentence:
        return False
    after, here = _paragraph(paragraphs, previous.end), _paragraph(paragraphs, f.start)
    # An "ADVERTISEMENT" or a related-link line set between two paragraphs is not the text's.
    furniture = sum(k in asked or _is_furniture(text, paragraphs, k) for k in range(after + 1, here))
    return here - after - furniture <= 1


def _introduced(f: _Found, speakers: Speakers, text: str, paragraphs: list[int]) -> Heard | None:
    """The person the paragraph before made a sentence's subject, for a quote that opens its
    own paragraph with no cue: news introduces a speaker, then gives the words ("Ferrante has
    run the harbour for a decade.\n\n“Every winter is worse.”")."""
    here = _paragraph(paragraphs, f.start)
    if f.kind != "direct" or here < 2 or text[paragraphs[here - 1]:f.start].strip(_OPENING_MARKS):
        return None
    before = here - 1
    while before > 1 and _is_furniture(text, paragraphs, before):
        before -= 1
    return speakers.subject_since(paragraphs[before - 1] - 1, f.start)


def _is_furniture(text: str, paragraphs: list[int], k: int) -> bool:
    """Is paragraph ``k`` (as ``_paragraph`` numbers them) a site's line, not the article's?"""
    end = paragraphs[k] if k < len(paragraphs) else len(text)
    line = text[paragraphs[k - 1]:end].strip()
    if len(line.split()) > BOILERPLATE_MAX_WORDS:
        return False
    return bool(BOILERPLATE_LINE.fullmatch(line) or _LINK_LINE.fullmatch(line))


def _paragraph(paragraphs: list[int], at: int) -> int:
    return bisect.bisect_right(paragraphs, at)
