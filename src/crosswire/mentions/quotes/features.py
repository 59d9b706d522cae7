"""Token features of the attribution tagger: what the parse says about each word near a cue.

The tagger (``model.py``) labels every token of a sentence that may hold an attribution as
part of its Source (``S``), Cue (``C``) or Content (``Q``), in BIO form — PolNeAR's univocal
annotation read as a tag sequence. Its features, one list of strings per token, are:

* the word: lower case, lemma, part of speech, fine tag, dependency, entity label, shape;
* the rules' opinions: a reporting verb (``cues.is_cue``), "according to", inside quotation
  marks, inside the content the rules found (``reported.reported_speech``);
* where the word hangs from the nearest reporting verb: the dependency it reaches the verb
  through and how many steps up, or that it is the verb's subject; and the word whose
  complement clause holds it, listed or not;
* which side of the sentence's nearest reporting verb it is on, and how far;
* the same few facts about the words on either side.

Every sentence is tagged (``sentences_to_tag``).
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from spacy.tokens import Doc, Token

from crosswire.mentions.quotes.cues import Context, is_cue, source_preposition
from crosswire.mentions.quotes.reported import may_report
from crosswire.mentions.quotes.roles import TokenRange

_CLIMB = 8  # heads climbed from a word to the reporting verb it belongs to
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

Features = list[str]


def sentences_to_tag(ctx: Context) -> list[TokenRange]:
    """Every sentence (token range) with a word in it, in order.

    Every one, not only those with a reporting verb: a quarter of PolNeAR's reported speech
    hangs on a cue no verb list holds ("in a statement", "claims", a noun) or runs on into
    the next sentence, and tagging them all costs about 3% of spaCy's parse.
    """
    bounds = [*ctx.firsts, len(ctx.doc)]
    return [(a, b) for a, b in pairwise(bounds) if ctx.words[b] > ctx.words[a]]


def possible_cues(ctx: Context) -> list[int]:
    """Tokens that are reporting verbs or start "according to", outside quotation marks."""
    doc = ctx.doc
    return [i for i in may_report(doc)
            if not ctx.quoted[i] and (is_cue(doc[i]) or source_preposition(doc[i]))]


def sentence_features(ctx: Context, span: TokenRange, cues: set[int], rules: bytearray) -> list[Features]:
    """One feature list per token of the sentence ``span``.

    ``cues`` are the token indices of reporting verbs; ``rules`` marks the tokens inside
    reported speech the rules found (1) and their cue words (2).
    """
    doc = ctx.doc
    first, end = span
    here = sorted(i for i in cues if first <= i < end)
    own = [_own(doc[i], ctx, cues, rules) for i in range(first, end)]
    rows = []
    for k, i in enumerate(range(first, end)):
        feats = ["b", *own[k], *_side(i, here)]
        feats += [f"-1{f}" for f in own[k - 1][:4]] if k else ["BOS"]
        feats += [f"+1{f}" for f in own[k + 1][:4]] if k + 1 < len(own) else ["EOS"]
        rows.append(feats)
    return rows


def _own(tok: Token, ctx: Context, cues: set[int], rules: bytearray) -> Features:
    """The token's own features; the first four are also given to its neighbours."""
    feats = [f"w={tok.lower_}", f"p={tok.pos_}", f"d={tok.dep_}", f"q={ctx.quoted[tok.i]}",
             f"l={tok.lemma_.lower()}", f"t={tok.tag_}", f"e={tok.ent_type_}", f"s={tok.shape_[:4]}",
             f"r={rules[tok.i]}", f"hp={tok.head.pos_}", f"hd={tok.head.dep_}"]
    if tok.i in cues:
        feats.append("cue")
    feats.extend(_path_to_cue(tok, cues))
    said = _clause_verb(tok)
    if said is not None:
        feats.append(f"ccomp_of={said}")
    return feats


def _clause_verb(tok: Token) -> str | None:
    """The lemma of the word whose complement clause holds the token, whatever the word:
    lets the tagger learn cues no list holds ("indicated that", "charges that")."""
    child, node = tok, tok.head
    for _ in range(_CLIMB):
        if child.dep_ == "ccomp":
            return str(node.lemma_.lower())
        if node.head.i == node.i:
            return None
        child, node = node, node.head
    return None


def _path_to_cue(tok: Token, cues: set[int]) -> Features:
    """How the token hangs from the nearest reporting verb above it (or that none is above)."""
    child, node = tok, tok.head
    for step in range(1, _CLIMB + 1):
        if node.i in cues:
            if child is tok and tok.dep_ in _SUBJECTS:
                return ["subj_of_cue"]
            via = child.dep_
            return [f"via={via}", f"up={min(step, 4)}", f"via_up={via}{min(step, 4)}",
                    f"cue_l={node.lemma_.lower()}"]
        if node.head.i == node.i:
            break
        child, node = node, node.head
    return ["no_cue_above"]


def _side(i: int, here: list[int]) -> Features:
    """Where the token is from the sentence's nearest possible cue: side and distance."""
    if not here:
        return ["nocue"]
    k = bisect.bisect_left(here, i)  # not min() over the cues: a sentence of many is quadratic
    nearest = min(here[max(k - 1, 0):k + 1], key=lambda c: abs(c - i))
    gap = i - nearest
    if gap == 0:
        return ["at_cue"]
    bucket = min(abs(gap), 6) if abs(gap) <= 6 else (10 if abs(gap) <= 10 else 20)
    return [f"side={'R' if gap > 0 else 'L'}", f"gap={'R' if gap > 0 else 'L'}{bucket}"]


def rules_marks(doc: Doc, reported: list[tuple[Token, TokenRange]]) -> bytearray:
    """1 on tokens of the rules' reported content, 2 on their cue words."""
    marks = bytearray(len(doc))
    for cue, (first, end) in reported:
        marks[first:end] = b"\x01" * (end - first)
        marks[cue.i] = 2
    return marks
