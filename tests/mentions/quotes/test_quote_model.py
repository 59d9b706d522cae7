"""The learned attribution model in the quote stage, on sentences of our own.

Fictional people, places and outlets, one per shape of issue #23 the model is meant to get
right; the rules alone (``CROSSWIRE_QUOTE_MODEL=false``) are run beside it where the shape is
one they get wrong, so that the test shows what the model adds.
"""

from __future__ import annotations

import pytest
from bench.eval.quotes import model_switched
from spacy.language import Language

from crosswire.mentions.quotes import model
from crosswire.mentions.quotes.stage import add_quotes
from crosswire.nlp import add_mentions, add_sentences
from crosswire.types import Article, Quote

pytestmark = pytest.mark.slow


def quotes(nlp: Language, text: str, *, on: bool = True) -> list[Quote]:
    article = Article(id="t", text=text, source="test")
    with model_switched(on=on), nlp.memory_zone():
        doc = nlp(text)
        for stage in (add_sentences, add_mentions, add_quotes):
            stage(doc, article)
    return article.quotes


def the_quote(nlp: Language, text: str, *, on: bool = True) -> Quote:
    [quote] = quotes(nlp, text, on=on)
    return quote


SHAPES = [
    ("a dateline is not the speaker",
     "MILLBROOK, Ore. — Tessa Varga said the ferry would resume service in June.", "Tessa Varga"),
    ("the appositive name, not the descriptor",
     "The club's manager, Oskar Lindqvist, said the squad would be rebuilt over the summer.",
     "Oskar Lindqvist"),
    ("the author of a document, not the document",
     "A report by the Ferris Institute said that rents rose sharply last year.", "Ferris Institute"),
    ("the person, not the medium",
     "Halvard Brune issued a statement saying the mill would stay open.", "Halvard Brune"),
    ("a pronoun in the content is not the speaker",
     "Dana Whitcombe spoke with Governor Lyle Arden on Tuesday. Whitcombe said that she and Arden "
     "had agreed on the budget.", "Dana Whitcombe"),
]  # fmt: skip


@pytest.mark.parametrize(("shape", "text", "speaker"), SHAPES, ids=[s[0] for s in SHAPES])
def test_the_model_names_the_speaker(nlp: Language, shape: str, text: str, speaker: str) -> None:
    quote = the_quote(nlp, text)
    assert quote.speaker is not None and quote.speaker.name == speaker, shape
    assert quote.confidence is not None and quote.confidence >= model.speaker_threshold()


@pytest.mark.parametrize(("text", "speaker"), [SHAPES[1][1:], SHAPES[3][1:]])
def test_the_rules_alone_now_agree_and_score_nothing(nlp: Language, text: str, speaker: str) -> None:
    """The appositive name and the person behind the medium became rules too (chains.py):
    with the model off they name the same speaker, and no confidence is made up."""
    quote = the_quote(nlp, text, on=False)
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.confidence is None  # nothing scored it


def test_an_ambiguous_attribution_is_unknown_with_its_confidence(nlp: Language) -> None:
    text = "Arlo Venn and Piet Drummond met on Monday. The mill would close, it was announced."
    quote = the_quote(nlp, text)
    assert quote.speaker is None
    assert quote.confidence is not None and quote.confidence < model.speaker_threshold()


def test_a_dash_signature_is_left_to_the_rules(nlp: Language) -> None:
    quote = the_quote(nlp, "“The water is rising faster than last year.” ― Pamela Ostrova")
    assert quote.speaker is not None and quote.speaker.name == "Pamela Ostrova"
    assert quote.confidence is None


def test_the_model_finds_reported_speech_the_rules_miss(nlp: Language) -> None:
    text = "Twelve of the council members indicated that they would vote against the levy."
    assert not [q for q in quotes(nlp, text, on=False) if q.kind == "indirect"]
    [found] = [q for q in quotes(nlp, text) if q.kind == "indirect"]
    assert "vote against the levy" in found.text


def test_switched_off_the_stage_is_the_rules(nlp: Language) -> None:
    text = "Mara Quillon said the bridge would reopen in May."
    assert the_quote(nlp, text, on=False).confidence is None
    assert the_quote(nlp, text).confidence is not None
