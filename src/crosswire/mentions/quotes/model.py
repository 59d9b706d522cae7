"""The learned attribution model: reported speech the rules miss, and who spoke, with confidence.

Two parts, trained on PolNeAR by ``training/quotes.py``:

* a linear-chain CRF (python-crfsuite) tags every sentence's tokens as Source / Cue /
  Content (BIO) — PolNeAR's univocal annotation read as a tag sequence — over the features
  of ``features.py``, which include the rules' own reading;
* a logistic-regression ranker scores the speaker candidates of each cue
  (``candidates.py``); its weights are a JSON table scored with plain Python at run time.

How they join the rules (``stage.py``), as the tuning split (PolNeAR dev) measured best:

    reading = read(ctx, rules)            # tags the article once
    reading.reported()                    # the rules' reported speech + the CRF's extra spans
    reading.speaker_of(cue)               # (cue with the ranker's speaker, its probability)

A CRF content span is added where no rule span overlaps it and its mean marginal probability
reaches ``content_threshold``. The ranker's best candidate replaces the rules' choice; its
probability is ``Quote.confidence``, and below ``speaker_threshold`` the stage abstains
(``speaker=None``). Both thresholds were chosen on dev and live in ``config.json``.

The weights load lazily, once per process, from ``crosswire/models/quotes/`` (package data:
nothing is downloaded). ``enabled()`` reads ``Settings.quote_model``
(``CROSSWIRE_QUOTE_MODEL=false`` gives the rules alone).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, Token

from crosswire.config import Settings
from crosswire.mentions.quotes.candidates import DOCUMENT_NOUNS, Candidate, candidates
from crosswire.mentions.quotes.cues import Context, Cue, is_cue, source_preposition
from crosswire.mentions.quotes.features import possible_cues, rules_marks, sentence_features, sentences_to_tag
from crosswire.mentions.quotes.marks import pair_quote_marks
from crosswire.mentions.quotes.reported import cleaned
from crosswire.mentions.quotes.roles import TokenRange

MODEL_DIR = Path(str(resources.files("crosswire") / "models" / "quotes"))
TAGGER_FILE = "attribution.crfsuite"
RANKER_FILE = "speaker_ranker.json"
CONFIG_FILE = "config.json"

Reported = tuple[Token, TokenRange]
_CUE_REACH = 20  # tokens before or after a content span where its cue is looked for


@dataclass(frozen=True, slots=True)
class Tagged:
    """A span the tagger labelled: ``S`` source, ``C`` cue or ``Q`` content, and how sure."""

    label: str
    first: int
    end: int
    probability: float


@dataclass(slots=True)
class Ranker:
    """A logistic regression over candidate feature strings: one weight per string."""

    weights: dict[str, float]
    bias: float

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def best(self, found: list[Candidate]) -> tuple[Candidate, float] | None:
        scored = [(c, self.probability(c.features)) for c in found]
        return max(scored, key=lambda s: s[1]) if scored else None


@dataclass(slots=True)
class Reading:
    """What the model read in one article: the tagged spans and each token's P(Source)."""

    ctx: Context
    rules: list[Reported]
    tagged: list[Tagged]
    source_probability: dict[int, float] = field(default_factory=dict)

    def reported(self, threshold: float | None = None) -> list[Reported]:
        """The rules' reported speech and the content spans only the model found."""
        at = _config()["content_threshold"] if threshold is None else threshold
        return combine(self.ctx, self.rules, self.tagged, at)

    def candidates(self, cue: Cue) -> list[Candidate]:
        return candidates(self.ctx, cue, self.source_probability)

    def speaker_of(self, cue: Cue, ranker: Ranker | None = None) -> tuple[Cue, float | None]:
        """The cue with the ranker's speaker, and that speaker's probability (None: not scored).

        The rules' choice stands unless the ranker prefers another candidate by more than
        ``override_margin`` (chosen on dev). A dash signature ("― Name") is left to the rules:
        PolNeAR has too few for the ranker to have learnt them.
        """
        if cue.token.is_punct or (cue.token.pos_ == "VERB" and not is_cue(cue.token)):
            # A cue the rules found by its shape, not a reporting word (a colon introduction,
            # "X swiped at Y in posts:"), is theirs too: PolNeAR has too few of them.
            return cue, None
        ranker = ranker or _ranker()
        scored = [(c.token, ranker.probability(c.features)) for c in self.candidates(cue)]
        if not scored:
            return cue, None
        best, p = max(scored, key=lambda s: s[1])
        ruled = next((q for t, q in scored if cue.speaker is not None and t.i == cue.speaker.i), None)
        if ruled is not None and p - ruled <= _config().get("override_margin", 0.0):
            # The rules' choice stands as the rules read it: their chain ("a study by X", "X
            # issued a statement") starts from the cue's own subject.
            return cue, ruled
        return replace(cue, speaker=_named(best)), p


def _named(tok: Token) -> Token:
    """Of a name and its descriptor in apposition, the name: "Hugh Hill, a doctor," and
    "the club's manager, NAME," are both one gold Source, and the name is who spoke."""
    author = _author(tok)
    if author is not None:
        tok = author  # "a report by the Harbor Institute said": the institute, through its report
    while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i and tok.head.pos_ in ("PROPN", "NOUN"):
        tok = tok.head  # "State media", "Kremlin spokesman Peskov": the phrase's head
    if tok.pos_ == "PROPN":
        return tok
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        return tok.head
    return next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), tok)


def _author(tok: Token) -> Token | None:
    """The named author of a document noun: "a study by X", "a statement from X"."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            named = [g for g in prep.children if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_)]
            if named:
                return named[0]
    return None


def enabled() -> bool:
    """Is the model on (``Settings.quote_model``, ``CROSSWIRE_QUOTE_MODEL``) and shipped?"""
    return Settings.from_env().quote_model and (MODEL_DIR / TAGGER_FILE).exists()


def speaker_threshold() -> float:
    """Below this probability the stage says "unknown" rather than guess (chosen on dev)."""
    return _config()["speaker_threshold"]


@cache
def _tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_DIR / TAGGER_FILE))
    return tagger


@cache
def _ranker() -> Ranker:
    return load_ranker(MODEL_DIR / RANKER_FILE)


def load_ranker(path: Path) -> Ranker:
    table = json.loads(path.read_text(encoding="utf-8"))
    return Ranker({str(k): float(v) for k, v in table["weights"].items()}, float(table["bias"]))


@cache
def _config() -> dict[str, float]:
    loaded: dict[str, float] = json.loads((MODEL_DIR / CONFIG_FILE).read_text(encoding="utf-8"))
    return loaded


def read(ctx: Context, rules: list[Reported], tagger: pycrfsuite.Tagger | None = None) -> Reading:
    """Tag every sentence of the article once."""
    tagger = tagger or _tagger()
    cues = set(possible_cues(ctx))
    marks = rules_marks(ctx.doc, rules)
    reading = Reading(ctx, rules, [])
    for first, end in sentences_to_tag(ctx):
        labels = tagger.tag(sentence_features(ctx, (first, end), cues, marks))
        reading.tagged.extend(_spans(tagger, labels, first))
        for k in range(end - first):
            p = tagger.marginal("B-S", k) + tagger.marginal("I-S", k)
            if p >= 0.05:  # the rest are 0 to the features' precision (``candidates._bucket_p``)
                reading.source_probability[first + k] = p
    return reading


def _spans(tagger: pycrfsuite.Tagger, labels: list[str], offset: int) -> list[Tagged]:
    """BIO labels to spans, each with the mean marginal probability of its labels."""
    spans: list[Tagged] = []
    start = None
    for k, label in enumerate([*labels, "O"]):
        inside = label.startswith("I-") and start is not None and labels[start][2:] == label[2:]
        if start is not None and not inside:
            probs = [tagger.marginal(labels[j], j) for j in range(start, k)]
            spans.append(Tagged(labels[start][2:], offset + start, offset + k, sum(probs) / len(probs)))
            start = None
        if label != "O" and not inside:
            start = k
    return spans


def combine(ctx: Context, rules: list[Reported], tagged: list[Tagged], threshold: float) -> list[Reported]:
    """Every rule finding, and each model content span at ``threshold`` that no rule overlaps."""
    cue_words = {t.first for t in tagged if t.label == "C"}
    added: list[Reported] = []
    taken = [r for _, r in rules]
    for t in tagged:
        if t.label != "Q" or t.probability < threshold or any(_overlaps((t.first, t.end), r) for r in taken):
            continue
        content = cleaned(ctx, (t.first, t.end))
        if content is not None and _names_the_words_only(ctx.doc, content):
            continue
        cue = _cue_for(ctx, content, cue_words) if content else None
        if content and cue is not None:
            added.append((cue, content))
            taken.append(content)
    return sorted([*rules, *added], key=lambda r: r[1][0])


def _names_the_words_only(doc: Doc, content: TokenRange) -> bool:
    """"quoted remarks made by X", "cited a statement": a span headed by the speech act's own
    noun names the words without giving them, so it is no one's reported speech."""
    first, end = content
    heads = [t for t in doc[first:end] if not first <= t.head.i < end or t.head.i == t.i]
    return len(heads) == 1 and heads[0].lemma_.lower() in DOCUMENT_NOUNS


def _cue_for(ctx: Context, content: TokenRange, tagged_cues: set[int]) -> Token | None:
    """The cue of a content span: the nearest word of its sentence the tagger labelled a cue
    ("indicated", "in a statement": words no list holds), else the nearest reporting verb."""
    doc = ctx.doc
    first, end = ctx.sentence_range(content[0])
    first, end = max(first, content[0] - _CUE_REACH), min(end, content[1] + _CUE_REACH)
    outside = [i for i in range(first, end) if not content[0] <= i < content[1] and not ctx.quoted[i]
               and (i in tagged_cues or _is_cue_word(ctx, doc[i]))]
    if not outside:
        return None

    def distance(i: int) -> tuple[bool, int]:
        return i not in tagged_cues, min(abs(i - content[0]), abs(i - content[1]))

    return doc[min(outside, key=distance)]


def _is_cue_word(ctx: Context, tok: Token) -> bool:
    return not ctx.quoted[tok.i] and ((tok.pos_ == "VERB" and is_cue(tok)) or bool(source_preposition(tok)))


def _overlaps(a: TokenRange, b: TokenRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def context_of(doc: Doc, text: str) -> Context:
    """The quote stage's Context for a Doc parsed from ``text`` (training reads it too)."""
    ranges = []
    for span in pair_quote_marks(text):
        end = span.close + 1 if span.closed else span.close
        chunk = doc.char_span(span.open, end, alignment_mode="expand")
        if chunk is not None and len(chunk):
            ranges.append((chunk.start, chunk.end))
    return Context.of(doc, ranges, text)
