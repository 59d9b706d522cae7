"""Who may have said it: the speaker candidates of one cue, and what the parse says of each.

The speaker ranker (``model.py``) scores each candidate token of a cue. Candidates are the
head words near the cue that could name a speaker:

* the rules' choice (``Cue.speaker``);
* the subjects of the cue and of the verbs it hangs on, and its objects ("told X");
* an appositive of any of them ("The club's manager, NAME, said");
* heads of PERSON / ORG / GPE / NORP mentions, pronouns and the tagger's Source words in
  the cue's sentence and the sentence before it, outside quotation marks, within 40 tokens.

Each candidate's features (strings, one weight each in the ranker) say how it relates to the
cue (subject, object, appositive, possessor of a document noun: "Kim's remarks"), where it
is (side, distance, same sentence, in a dateline), what it is (entity label, part of
speech, pronoun, a media or document noun such as "statement", "video", "study"), and what
the rules and the tagger think of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from crosswire.mentions.quotes.cues import Context, Cue
from crosswire.mentions.quotes.roles import entity_range
from crosswire.mentions.quotes.vocab import GROUP_PRONOUNS, MEDIA_NOUNS, PERSONAL_PRONOUNS

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "pobj"})
_CLIMB = 4  # verbs climbed from the cue looking for a subject ("and said", "adding")
# Things that speak only through someone: "a study by X", "a statement from X", "X's remarks".
DOCUMENT_NOUNS = frozenset({
    "statement", "study", "report", "video", "post", "tweet", "remark", "comment", "email",
    "letter", "memo", "interview", "speech", "release", "poll", "survey", "analysis",
    "document", "filing", "transcript", "message", "footage", "clip", "ad", "advertisement",
    "article", "book", "op-ed", "column", "editorial", "paper", "record", "data", "claim",
})
_DASHES = frozenset({"—", "–", "-", "--"})
_DATELINE_TOKENS = 8
_NEAR = 40  # tokens either side of the cue where nearby candidates are looked for
_MOST_CHILDREN = 16


@dataclass(slots=True)
class Candidate:
    """A token that may name the speaker of a cue, and its features."""

    token: Token
    features: list[str]


def candidates(ctx: Context, cue: Cue, source_probability: dict[int, float]) -> list[Candidate]:
    """Every candidate of ``cue``, the rules' choice first, with its features."""
    found: dict[int, str] = {}  # token index → how it was found
    if cue.speaker is not None:
        found[cue.speaker.i] = "rules"
    for tok, how in _around_verb(cue.token):
        found.setdefault(tok.i, how)
    for i in list(found):
        for appos in (c for c in ctx.doc[i].children if c.dep_ == "appos"):
            found.setdefault(appos.i, "appos")
    for i in _nearby(ctx, cue, source_probability):
        found.setdefault(i, "near")
    doc = ctx.doc
    return [Candidate(doc[i], _features(ctx, cue, doc[i], how, source_probability))
            for i, how in found.items() if not ctx.quoted[i] and _can_speak(doc[i])]


def _can_speak(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL")


def _around_verb(verb: Token) -> list[tuple[Token, str]]:
    """Subjects of the cue and the verbs above it, its objects, and "by" agents."""
    out: list[tuple[Token, str]] = []
    node = verb
    for step in range(_CLIMB):
        if node.n_lefts + node.n_rights > _MOST_CHILDREN:
            break  # a broken parse hanging a whole run of text on one word: nothing to read
        for c in node.children:
            if c.dep_ in _SUBJECTS:
                out.append((c, f"subj{step}"))
            elif c.dep_ == "agent":
                out.extend((g, f"agent{step}") for g in c.children if g.dep_ == "pobj")
            elif step == 0 and c.dep_ in ("dobj", "dative"):
                out.append((c, "obj"))
            elif step == 0 and c.dep_ == "prep":
                out.extend((g, f"pobj_{c.lower_}") for g in c.children if g.dep_ == "pobj")
        if node.head.i == node.i:
            break
        node = node.head
    return out


def _nearby(ctx: Context, cue: Cue, source_probability: dict[int, float]) -> list[int]:
    """Entity heads, pronouns and likely Source words in the cue's sentence and the one before."""
    n = ctx.sentence[cue.token.i]
    first = ctx.firsts[max(n - 1, 0)]
    end = ctx.firsts[n + 1] if n + 1 < len(ctx.firsts) else len(ctx.doc)
    doc = ctx.doc
    found = []
    for tok in doc[max(first, cue.token.i - _NEAR):min(end, cue.token.i + _NEAR)]:
        pronoun = tok.lower_ in PERSONAL_PRONOUNS or tok.lower_ in GROUP_PRONOUNS
        likely = source_probability.get(tok.i, 0.0) >= 0.5 and tok.pos_ in ("PROPN", "NOUN", "PRON")
        if _heads_entity(tok) or (pronoun and tok.dep_ in _SUBJECTS) or likely:
            found.append(tok.i)
    return found


def _heads_entity(tok: Token) -> bool:
    """Is ``tok`` the head word of a PERSON / ORG / GPE / NORP mention?"""
    if tok.ent_type_ not in _LABELS:
        return False
    first, end = entity_range(tok)
    return tok.head.i == tok.i or not first <= tok.head.i < end


def _features(ctx: Context, cue: Cue, tok: Token, how: str,
              source_probability: dict[int, float]) -> list[str]:
    gap = tok.i - cue.token.i
    same = ctx.sentence[tok.i] == ctx.sentence[cue.token.i]
    feats = [f"how={how}", f"side={'R' if gap > 0 else 'L'}", f"gap={_bucket(gap)}",
             f"same_sentence={same}", f"pos={tok.pos_}", f"ent={tok.ent_type_}", f"dep={tok.dep_}",
             f"how_ent={how}_{tok.ent_type_}", f"how_pos={how}_{tok.pos_}",
             f"cue={cue.token.lemma_.lower()}", f"src={_bucket_p(source_probability.get(tok.i, 0.0))}"]
    lemma = tok.lemma_.lower()
    if tok.lower_ in PERSONAL_PRONOUNS:
        feats.append("pronoun=person")
    elif tok.lower_ in GROUP_PRONOUNS:
        feats.append("pronoun=group")
    if lemma in DOCUMENT_NOUNS:
        feats.append("document_noun")
    if lemma in MEDIA_NOUNS:
        feats.append("media_noun")
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in DOCUMENT_NOUNS:
        feats.append("owns_document")  # "Kim's remarks"
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in DOCUMENT_NOUNS:
        feats.append(f"document_{tok.head.lower_}")  # "a study by X", "a statement from X"
    if tok.dep_ == "appos":
        feats.append("is_appositive")
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        feats.append("has_named_appositive")  # "the club's manager, NAME": the name speaks
    if _in_dateline(ctx, tok):
        feats.append("dateline")
    return feats


def _in_dateline(ctx: Context, tok: Token) -> bool:
    """"CITY, State — …": a place at a paragraph's start, before a dash."""
    doc = ctx.doc
    start = tok.i
    while start > 0 and "\n" not in doc[start - 1].text and tok.i - start < _DATELINE_TOKENS:
        start -= 1
    if start > 0 and "\n" not in doc[start - 1].text:
        return False
    return any(t.text in _DASHES for t in doc[tok.i + 1:min(tok.i + _DATELINE_TOKENS, len(doc))])


def _bucket(gap: int) -> str:
    size = abs(gap)
    b = size if size <= 3 else (6 if size <= 6 else (12 if size <= 12 else 30))
    return f"{'R' if gap > 0 else 'L'}{b}"


def _bucket_p(p: float) -> str:
    return str(min(int(p * 5), 4))
