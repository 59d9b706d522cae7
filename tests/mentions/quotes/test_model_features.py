"""The attribution model's inputs on sentences of our own: tagger features and speaker candidates.

Fictional people, places and outlets; the parse is the real small model, loaded once.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from crosswire.mentions.quotes import model
from crosswire.mentions.quotes.candidates import Candidate
from crosswire.mentions.quotes.cues import Context, cue_at, is_cue
from crosswire.mentions.quotes.features import possible_cues, rules_marks, sentence_features, sentences_to_tag
from crosswire.mentions.quotes.reported import reported_speech

pytestmark = pytest.mark.slow


def context(nlp: Language, text: str) -> tuple[Doc, Context]:
    doc = nlp(text)
    return doc, model.context_of(doc, text)


def token(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def features_of(nlp: Language, text: str, word: str) -> list[str]:
    doc, ctx = context(nlp, text)
    marks = rules_marks(doc, list(reported_speech(ctx)))
    cues = set(possible_cues(ctx))
    i = token(doc, word)
    span = next(s for s in sentences_to_tag(ctx) if s[0] <= i < s[1])
    return sentence_features(ctx, span, cues, marks)[i - span[0]]


def test_every_sentence_with_words_is_tagged(nlp: Language) -> None:
    text = "Rain fell on Oldham.\n\nThe council met. Mara Quillon said the road would close."
    doc, ctx = context(nlp, text)
    spans = sentences_to_tag(ctx)
    assert len(spans) == 3
    assert spans[0][0] == 0 and spans[-1][1] <= len(doc)


@pytest.mark.parametrize(("word", "feature"), [
    ("Quillon", "subj_of_cue"),   # the reporting verb's subject
    ("bridge", "via=ccomp"),      # inside the clause the verb governs
    ("said", "cue"),              # the verb itself
    ("bridge", "r=1"),            # inside the rules' reported speech
    ("bridge", "side=R"),         # after the cue
])  # fmt: skip
def test_a_token_knows_how_it_hangs_from_the_cue(nlp: Language, word: str, feature: str) -> None:
    assert feature in features_of(nlp, "Mara Quillon said that the bridge would reopen in May.", word)


def test_a_word_in_quotation_marks_is_marked(nlp: Language) -> None:
    feats = features_of(nlp, "Mara Quillon said the plan was “reckless and late” on Monday.", "reckless")
    assert "q=1" in feats


def candidates_of(nlp: Language, text: str, verb: str) -> dict[str, Candidate]:
    doc, ctx = context(nlp, text)
    reading = model.Reading(ctx, [], [])
    cue_token = doc[token(doc, verb)]
    assert is_cue(cue_token)
    return {c.token.text: c for c in reading.candidates(cue_at(ctx, cue_token))}


def test_the_appositive_name_is_a_candidate_beside_the_descriptor(nlp: Language) -> None:
    text = "The club's manager, Oskar Lindqvist, said the squad would be rebuilt."
    found = candidates_of(nlp, text, "said")
    assert {"manager", "Lindqvist"} <= set(found)
    assert "has_named_appositive" in found["manager"].features
    assert "how=rules" in found["manager"].features


def test_a_dateline_place_is_marked(nlp: Language) -> None:
    text = "MILLBROOK, Ore. — Tessa Varga said the ferry would resume service in June."
    found = candidates_of(nlp, text, "said")
    assert "Varga" in found
    places = [c for c in found.values() if c.token.text == "MILLBROOK"]
    assert all("dateline" in c.features for c in places)
    assert "dateline" not in found["Varga"].features


def test_a_document_and_its_author_are_told_apart(nlp: Language) -> None:
    text = "A report by the Ferris Institute said that rents rose sharply last year."
    found = candidates_of(nlp, text, "said")
    assert "document_noun" in found["report"].features
    assert "Institute" in found
    assert "document_by" in found["Institute"].features


def test_candidates_inside_quotation_marks_are_left_out(nlp: Language) -> None:
    found = candidates_of(nlp, "“Ask Brenner about it,” Ilse Maro said.", "said")
    assert "Brenner" not in found and "Maro" in found
