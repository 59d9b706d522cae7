"""Reported speech: ``X said (that) …``, ``…, X said``, ``X told Y that …``, ``according to X, …``.

The content of reported speech is the clause the reporting verb governs (its ``ccomp``), in
either order. Where the small model inverts the attachment (the content's verb as the root,
``X said`` hanging on it as ``parataxis``), the content is what comes before the attribution
in that clause. ``according to X`` takes the rest of its sentence. A clause that is mostly in
quotation marks is a direct quote, found by the direct search, and is not reported twice;
a clause that only quotes a few words of the speaker ("said the plan was "reckless"") is
both: reported speech with a direct fragment inside it.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from spacy.strings import get_string_id
from spacy.symbols import NOUN, VERB  # type: ignore[import-not-found]  # compiled, ships no stubs
from spacy.tokens import Doc, Span, Token

from crosswire.mentions.quotes.cues import Context, is_cue, source_preposition
from crosswire.mentions.quotes.roles import TokenRange
from crosswire.mentions.quotes.statements import an_infinitive, generic_speech, no_statement, without_a_gloss
from crosswire.mentions.quotes.vocab import (
    ACT_INFINITIVE_CUES,
    CLAIM_NOUNS,
    COMPLEMENT_CUES,
    HEADLINE_SOURCES,
    ISSUING_VERBS,
    MORE_COMPLEMENT_CUES,
    PASSIVE_REPORTING,
    PURPOSE_NOUNS,
    REBUKE_VERBS,
    REPORTING_LEMMAS,
    SOURCE_PREPOSITIONS,
)

_MOSTLY_QUOTED = 0.6
_MIN_WORDS = 2
_NAME_WORDS = 4  # the longest name a headline opens with before its colon
_INVERTED = frozenset({"parataxis", "ccomp", "advcl"})
# is_cue takes only verbs; source_preposition only these first words (as string ids).
_SOURCE_FIRSTS = np.array(sorted({get_string_id(words[0]) for words in SOURCE_PREPOSITIONS}), dtype=np.uint64)
# Where a noun of something said stands when its clause is parsed well: an object, mostly.
_CLAIM_PLACES = frozenset({"dobj", "pobj", "attr", "appos", "conj", "oprd"})
_COLON = get_string_id(":")
_CLAIMS = np.array(sorted(get_string_id(word) for word in CLAIM_NOUNS), dtype=np.uint64)


def reported_speech(ctx: Context) -> Iterator[tuple[Token, TokenRange]]:
    """Every (cue, content tokens) of reported speech outside quotation marks, in order."""
    doc = ctx.doc
    for i in may_report(doc):
        tok = doc[i]
        if ctx.quoted[i]:
            continue
        if source_preposition(tok):
            contents = _around_source(ctx, tok)
        elif tok.pos_ == "VERB" and (unsaid(tok) or _shouted(tok)):
            continue
        elif is_cue(tok):
            contents = _contents_of_cue(tok)
        elif tok.text == ":":
            contents = [_after_name_colon(ctx, tok)]
        elif tok.pos_ == "NOUN":
            contents = [said_in_noun(tok)]
        elif tok.lemma_.lower() in COMPLEMENT_CUES or tok.lemma_.lower() in MORE_COMPLEMENT_CUES:
            contents = [complement_of(tok)]
        else:
            continue
        for content in contents:
            part = cleaned(ctx, content) if content else None
            if part and not (tok.pos_ == "VERB" and (no_statement(tok, part) or generic_speech(tok))):
                yield tok, part


def unsaid(verb: Token) -> bool:
    """Is a speech verb's act one that did not happen? Negated ("did not disclose that",
    "is not saying that", "It's not to say that"); an infinitive under a wish, a plan or a
    judgement ("wants to argue that", "hard to explain how", "found it easier to claim
    that"); a bare condition ("a man who, if confirmed, would sit"). What was not said is no
    one's reported speech. An infinitive of purpose stays speech ("took to the radio to say")."""
    doc = verb.doc
    if any(c.dep_ == "neg" for c in verb.children) or (
            verb.i >= 2 and doc[verb.i - 2].lower_ == "not" and doc[verb.i - 1].lower_ == "to"):
        return True
    if _hypothetical(verb) or _inside_unsaid(verb) or _a_purpose(verb):
        return True
    # "For the council to claim X is a joke": a clause as a subject, talked about, not said;
    # "easier said than done": a comparison of saying and doing.
    subject_clause = verb.dep_ in ("csubj", "csubjpass") and an_infinitive(verb)
    if subject_clause or any(c.lower_ == "than" for c in verb.children):
        return True
    bare = not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    if verb.tag_ == "VBN" and bare:
        return any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children)
    infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if not infinitive or verb.head.i == verb.i:
        return False
    head = verb.head
    # "It is hard to explain how …": the parse hangs the infinitive on the copula beside its
    # adjective (whose lemma the small model may miss: "It’s").
    judged = any(c.dep_ == "acomp" for c in head.children)
    return judged or head.pos_ == "ADJ" or head.lemma_.lower() in UNREALISED_HEADS


def _inside_unsaid(verb: Token) -> bool:
    """"He may as well have said: I found a can marked “worms”": the speech verbs inside the
    words of speech that did not happen did not happen either."""
    tok = verb
    for _ in range(_UNSAID_STEPS):
        if tok.dep_ not in ("ccomp", "parataxis", "xcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_LEMMAS and (
                _hypothetical(tok) or any(c.dep_ == "neg" for c in tok.children)):
            return True
    return False


_UNSAID_STEPS = 3


def _a_purpose(verb: Token) -> bool:
    """"introduce a bill to encourage towns to …", "a grant program to help and encourage
    towns to …": an infinitive giving what a bill or a plan is for, not anyone's words."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head if verb.dep_ != "conj" else verb.head.head
    if verb.dep_ == "conj" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.children):
        return False
    if head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower() in PURPOSE_NOUNS
    return head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in PURPOSE_NOUNS
                                       for c in head.children)


def _hypothetical(verb: Token) -> bool:
    """"He may as well have said …", "Some will say …": a modal with a perfect (a counterfactual)
    or with a subject that is no one in particular (what people in general might say)."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if not any(a.tag_ == "MD" for a in auxes):
        return False
    if any(a.lemma_ == "have" for a in auxes):
        return True
    return any(c.dep_ == "nsubj" and c.lower_ in _NO_ONE_IN_PARTICULAR for c in verb.children)


_NO_ONE_IN_PARTICULAR = frozenset({"some", "others", "many", "few", "anyone", "everyone", "one", "you"})


def _shouted(verb: Token) -> bool:
    """"MAYOR SAYS FERRY WILL RUN": a line in capitals is a headline of another article (a
    related link the page extraction kept), not this article's reporting."""
    return verb.is_upper and len(verb.text) > 1


# What a participle with no subject is conditional on: "if confirmed", "unless approved".
_CONDITIONS = frozenset({"if", "unless", "once", "until"})
# Words whose infinitive is an act not (yet) done: wishes, plans, attempts, refusals, being
# made to ("inspired him to call for"); "took to the radio to say" is not among them.
UNREALISED_HEADS = frozenset({
    "want", "plan", "hope", "expect", "intend", "try", "seek", "need", "wish", "refuse",
    "decline", "fail", "hesitate", "inspire", "encourage", "urge", "ask", "find", "like",
    "love", "prefer", "dare", "afraid", "unable", "chance", "opportunity", "time",
    "easy", "hard",
})  # fmt: skip


def _contents_of_cue(verb: Token) -> list[TokenRange | None]:
    """What a reporting verb reports, in one part or two (an attribution inside the sentence)."""
    clause = _clause_of(verb)
    if clause:
        return [clause]
    around = _around_parenthetical(verb) or said_of_subject(verb)
    if around:
        return list(around)
    return [_inverted_clause(verb) or complement_of(verb)]


def cleaned(ctx: Context, content: TokenRange) -> TokenRange | None:
    """The content without the punctuation around it, or None when it is too short or is
    mostly in quotation marks (a direct quote, which the direct search reports)."""
    trimmed = _trimmed(ctx, content)
    return trimmed if trimmed and not _mostly_quoted(ctx, trimmed) else None


def may_report(doc: Doc) -> list[int]:
    """The tokens that may be a cue: verbs, and the first words of "according to" and the
    like. Picked from spaCy's arrays, so that no Token is made for the other words."""
    rows = doc.to_array(["POS", "LOWER"]).reshape(len(doc), 2)
    maybe = (rows[:, 0] == VERB) | np.isin(rows[:, 1], _SOURCE_FIRSTS) | (
        (rows[:, 0] == NOUN) & np.isin(rows[:, 1], _CLAIMS)) | (rows[:, 1] == _COLON)
    return np.flatnonzero(maybe).tolist()


def _clause_of(verb: Token) -> TokenRange | None:
    """The that-clause a reporting verb governs: "said (that) the talks failed"."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not _semicolon_between(verb, c)]
    # Two clauses on one verb: the parse hung a clause of the sentence's opening on it too
    # ("Writing for a panel that agreed Kim won, Lee noted that …"); "that" marks the content.
    marked = [c for c in clauses if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not clauses:
        return _told_that(verb)
    clause = (marked or clauses)[0]
    return clause.left_edge.i, clause.right_edge.i + 1


def _told_that(verb: Token) -> TokenRange | None:
    """"told a meeting of leaders that few understood …", parsed as a relative clause on the
    hearer; but its "that" is a conjunction (``mark``), not a relative pronoun."""
    for hearer in (c for c in verb.children if c.dep_ in ("dobj", "dative")):
        for clause in hearer.subtree:
            if clause.dep_ == "relcl" and any(g.dep_ == "mark" and g.lower_ == "that" and g.i < clause.i
                                              for g in clause.children):
                return clause.left_edge.i, clause.right_edge.i + 1
    return None


def _semicolon_between(verb: Token, clause: Token) -> bool:
    """"It is unlikely; the office says she will return": a semicolon closes a clause of its
    own, which the small model may still hang on the reporting verb after it."""
    doc = verb.doc
    lo, hi = (clause.right_edge.i + 1, verb.i) if clause.i < verb.i else (verb.i + 1, clause.left_edge.i)
    return any(doc[k].text == ";" for k in range(lo, hi))


def complement_of(verb: Token) -> TokenRange | None:
    """What a speech verb says when it is no "that" clause (the shapes of ``COMPLEMENT_CUES``):
    "vowed to rebuild the pier", "urged the council to vote", "called for a recount",
    "accused the mayor of lying", "described the plan as reckless", "called the vote a farce"."""
    lemma = verb.lemma_.lower()
    shapes = COMPLEMENT_CUES.get(lemma) or MORE_COMPLEMENT_CUES.get(lemma)
    if not shapes or _passive_or_modifier(verb):
        return None  # "was charged with", "a group called …": no one speaks
    children = list(verb.children)
    objects = [c for c in children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    for shape in shapes:
        if shape == "to" and verb.lemma_.lower() in ACT_INFINITIVE_CUES:
            continue  # "refused to assign a date": an act, not words
        found = _SHAPES.get(shape, _preposition_shape)(verb, children, objects, shape)
        if found:
            return _without_the_cues_own_verb(verb, found)
    return None


def _without_the_cues_own_verb(verb: Token, content: TokenRange) -> TokenRange:
    """"accused the press of lying and floated a plan of its own": a verb with a tense and no
    subject after "and" goes on with the cue's subject (the parse may hang it inside the
    complement); the complement stops before it."""
    doc = verb.doc
    for tok in doc[content[0]:content[1]]:
        if (tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and tok.head.tag_ in ("VBG", "VB")
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
            end = tok.i
            while end > content[0] and doc[end - 1].dep_ in ("cc", "punct"):
                end -= 1
            return content[0], end
    return content


def _passive_or_modifier(verb: Token) -> bool:
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "relcl") and not any(
        c.dep_ == "aux" for c in verb.children)


def _infinitive_shape(
    verb: Token, children: list[Token], objects: list[Token], _: str
) -> TokenRange | None:
    """"pledged to rebuild", "urged the council to vote": the object (if any) and the infinitive."""
    verbs = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i and c.tag_ == "VB"
             and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)]
    if not verbs or _raised(verb, verbs[0]):
        return None
    first = objects[0].left_edge.i if objects and objects[0].i < verbs[0].i else verbs[0].left_edge.i
    return first, verbs[0].right_edge.i + 1


def _raised(verb: Token, infinitive: Token) -> bool:
    """"what promises to be a long fight", "it threatens to be costly": a thing that looks
    set to be something, not a pledge or a threat anyone made."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return infinitive.lemma_ == "be" and subject is not None and subject.lower_ in _THING_PRONOUNS


_THING_PRONOUNS = frozenset({"what", "it", "this", "that", "which"})


def _gerund_shape(
    verb: Token, children: list[Token], objects: list[Token], _: str
) -> TokenRange | None:
    """"proposed raising the levy": a gerund the verb governs."""
    gerund = next((c for c in children if c.dep_ in ("xcomp", "dobj", "ccomp") and c.i > verb.i
                   and c.tag_ == "VBG"), None)
    return (gerund.left_edge.i, gerund.right_edge.i + 1) if gerund is not None else None


def _predicate_shape(
    verb: Token, children: list[Token], objects: list[Token], _: str
) -> TokenRange | None:
    """"called the vote a farce": an object and what it is called."""
    predicate = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
    if predicate is None or not objects or predicate.pos_ == "PROPN":
        return None  # "calling it Harbourline": a name given, not a judgement said
    return objects[0].left_edge.i, predicate.right_edge.i + 1


def _preposition_shape(
    verb: Token, children: list[Token], objects: list[Token], word: str
) -> TokenRange | None:
    """"called for a recount" (the preposition's object), "accused the mayor of lying" (the
    verb's object and the phrase, which the parse may hang on either), "called on the council
    to vote" (only with an infinitive: "called on Tuesday" says nothing). "For", "on",
    "about" and "against" count only right after the verb."""
    holders = [*children, *(c for o in objects for c in o.children)]
    prep = next((c for c in holders if c.dep_ == "prep" and c.lower_ == word and c.i > verb.i), None)
    if prep is None or not any(g.dep_ in ("pobj", "pcomp") for g in prep.children):
        return None
    end = prep.right_edge.i + 1
    judged = bool(objects) and objects[0].i < prep.i and verb.lemma_.lower() != "call"
    if word in _RIGHT_AFTER and prep.i != verb.i + 1 and not judged:
        # "called on Tuesday for the third time": a call, not a demand; but "blamed the
        # officials for the delay" judges its object.
        return None
    if word == "for" and prep.i == verb.i + 1 and not _an_act_for(prep):
        return None  # "called for new laws", "pressed for action": a noun phrase, no words said
    if word == "on":
        verbs = [c for c in children
                 if c.dep_ in ("xcomp", "ccomp", "advcl") and c.i > prep.i and c.tag_ == "VB"]
        if not verbs:
            return None
        return prep.i + 1, max(end, verbs[0].right_edge.i + 1)
    if (word in _RIGHT_AFTER and not judged) or not objects or objects[0].i > prep.i:
        return prep.i + 1, end
    return objects[0].left_edge.i, max(end, objects[0].right_edge.i + 1)


def _an_act_for(prep: Token) -> bool:
    """"called for passing the bill", "pleaded for the fighting to stop": what is called for
    is an act, a gerund or a clause (a noun phrase, "called for new laws", names a topic)."""
    for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
        if obj.pos_ in ("VERB", "AUX") or any(an_infinitive(c) for c in obj.children):
            return True
    return False


# Prepositions that make the verb a phrase only right after it ("called for", "called on").
_RIGHT_AFTER = frozenset({"for", "on", "against", "about"})
def _object_shape(
    verb: Token, children: list[Token], objects: list[Token], _: str
) -> TokenRange | None:
    """"noted the delays that stranded commuters", "cited rents rising": the object is what
    was said when it holds a proposition, a verb of its own. A bare noun phrase names a topic
    ("cited the audit", "criticized the toll", "announced the inquiry"), not words anyone said
    (news readers' convention; PolNeAR, which annotates every attribution, counts them). Not
    after "to" ("a meeting to discuss the test"): a purpose."""
    if not objects or any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return None
    first, end = objects[0].left_edge.i, objects[0].right_edge.i + 1
    # "slammed the council for its delays", "praised the plan as bold": a judgement of the
    # object, with its reason or its verdict, is what was said.
    verdicts = [c for c in (*children, *objects[0].children)
                if c.dep_ == "prep" and c.lower_ in _VERDICTS and c.i >= end]
    if verdicts and verb.lemma_.lower() not in REBUKE_VERBS:
        return first, max(end, verdicts[0].right_edge.i + 1)
    said = any(_a_clause_verb(t) for t in verb.doc[first:end])
    return (first, end) if said else None


def _a_clause_verb(tok: Token) -> bool:
    """A verb that makes a proposition of a noun phrase ("delays that stranded commuters",
    "rents rising"), not one that only describes it ("a newly earned rating") or gives its
    aim ("a deal to fund ferries")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("compound", "aux", "auxpass"):
        return False
    if tok.dep_ == "amod":  # "delays that stranded commuters" may be parsed so; it has a subject
        return any(c.dep_ == "nsubj" for c in tok.children)
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


_VERDICTS = frozenset({"for", "as", "over"})


_SHAPES = {"thing": _object_shape, "to": _infinitive_shape, "ing": _gerund_shape, "obj": _predicate_shape}


def _a_source_by_name(words: Span) -> bool:
    """Do the words before a headline's colon name a source? A person or organisation, as the
    model tagged it; else (the small model reads a headline poorly: "Whitby: Fees Will
    Rise", Whitby an adjective) Title-Case words the article names a person or organisation
    by elsewhere, or a poll or survey ("Poll: …")."""
    if all(t.ent_type_ in ("PERSON", "ORG") and t.pos_ == "PROPN" for t in words):
        return True
    if not all(t.is_title and t.is_alpha for t in words):
        return False
    if len(words) == 1 and words[0].lower_ in HEADLINE_SOURCES:
        return True
    named = {t.lower_ for e in words.doc.ents if e.label_ in ("PERSON", "ORG") and e.start >= words.end
             for t in e}
    return all(t.lower_ in named for t in words)


def _after_name_colon(ctx: Context, colon: Token) -> TokenRange | None:
    """"Rao: Harbour tunnel will reopen in May": a line that opens with a person's or an
    organisation's name and a colon (a headline's attribution) reports the rest of the line."""
    doc = ctx.doc
    first, _ = ctx.sentence_range(colon.i)
    if not 0 < colon.i - first <= _NAME_WORDS or (first > 0 and "\n" not in doc[first - 1].text):
        return None  # not at the start of a line
    if not _a_source_by_name(doc[first:colon.i]):
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return colon.i + 1, end


def said_in_noun(noun: Token) -> TokenRange | None:
    """"Kim's claim that the port was closed": the "that" clause of a noun of something said.
    Only a clause "that" opens as a conjunction: in "the claim that he made" it is a pronoun."""
    if noun.lower_ not in CLAIM_NOUNS or noun.dep_ not in _CLAIM_PLACES:
        return None  # as a sentence's subject the small model runs the clause into the verb
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return None if _relative(child) else (child.left_edge.i, child.right_edge.i + 1)
    return None


def _relative(clause: Token) -> bool:
    """"the claim that he made": a verb of saying or issuing with its object missing is a
    relative clause about the claim (parsed as a "that" clause), not what was claimed."""
    lemma = clause.lemma_.lower()
    if lemma not in ISSUING_VERBS and lemma not in REPORTING_LEMMAS:
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in clause.children)


def said_of_subject(verb: Token) -> tuple[TokenRange, TokenRange] | None:
    """"The harbour master is said to have resigned": passive reporting, whose content is its
    subject and the infinitive (its speaker is unknown: see ``cues.reported_of``)."""
    if verb.lemma_.lower() not in PASSIVE_REPORTING or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    rest = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                 and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if subject is None or rest is None or subject.lower_ == "it":
        return None
    return (subject.left_edge.i, subject.right_edge.i + 1), (rest.left_edge.i, rest.right_edge.i + 1)


def _around_parenthetical(verb: Token) -> tuple[TokenRange, TokenRange] | None:
    """"The bridge, Rao said, would open in May": an attribution set off by commas inside the
    sentence it reports, which the parse hangs on the main verb after it. The content is the
    sentence on both sides of it: two parts of one utterance."""
    head, doc = verb.head, verb.doc
    if verb.dep_ not in _INVERTED or head.i <= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "mark" for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children):
        return None  # "as crowds protested the plan, the council said": a clause of its own
    words = [c for c in verb.children if not c.is_punct]  # the commas hang on the verb too
    left = min([c.left_edge.i for c in words], default=verb.i)
    right = max([c.right_edge.i for c in words] + [verb.i])
    left, right = min(left, verb.i), right
    if left == 0 or right + 1 >= len(doc) or doc[left - 1].text != "," or doc[right + 1].text != ",":
        return None
    return (head.left_edge.i, left - 1), (right + 2, head.right_edge.i + 1)


def _inverted_clause(verb: Token) -> TokenRange | None:
    """"The talks failed, Kim said", parsed with "said" hanging on "failed": what precedes it."""
    head = verb.head
    if verb.dep_ not in _INVERTED or head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in ("dobj", "mark") for c in verb.children):
        return None  # "…, since the inspectors found nothing": a clause of its own, no attribution
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None  # "…, promising to …": a participle, no attribution of what comes before
    left = verb.left_edge.i
    if left == 0 or verb.doc[left - 1].text != ",":
        return None  # only an attribution set off by a comma
    return head.left_edge.i, left - 1


def _around_source(ctx: Context, tok: Token) -> list[TokenRange | None]:
    """The sentence around "according to X", without that phrase: the side that is longer,
    or both sides when commas set the phrase inside the sentence ("The tunnel, according to
    the agency, will reopen"), two parts of one utterance."""
    doc = ctx.doc
    n = source_preposition(tok)
    phrase_end = max(doc[tok.i + n - 1].right_edge.i + 1, tok.i + n)
    first, end = ctx.sentence_range(tok.i)
    before, after = (first, tok.i), (phrase_end, end)
    inside = first < tok.i and doc[tok.i - 1].text == "," and phrase_end < end and doc[phrase_end].text == ","
    if inside and not _has_verb(doc, before):
        return [before, after]  # the clause's subject before the phrase, its verb after
    # The side with a clause in it ("…, according to the agency, after two weeks of repairs"
    # reports what comes before), else the longer one.
    sides = [side for side in (after, before) if _has_verb(doc, side)] or [after, before]
    return [max(sides, key=lambda side: side[1] - side[0])]


def _has_verb(doc: Doc, side: TokenRange) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in doc[side[0]:side[1]])


def _trimmed(ctx: Context, span: TokenRange) -> TokenRange | None:
    doc = ctx.doc
    first, end = without_a_gloss(doc, span)
    while first < end and (doc[first].is_punct or doc[first].is_space) and not ctx.quoted[first]:
        first += 1
    while end > first and (doc[end - 1].is_punct or doc[end - 1].is_space) and not ctx.quoted[end - 1]:
        end -= 1
    return (first, end) if ctx.words[end] - ctx.words[first] >= _MIN_WORDS else None


def _mostly_quoted(ctx: Context, span: TokenRange) -> bool:
    first, end = span
    words = ctx.words[end] - ctx.words[first]
    return words > 0 and ctx.quoted_words[end] - ctx.quoted_words[first] >= _MOSTLY_QUOTED * words
