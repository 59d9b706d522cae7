"""The shipped event attacher matches what ``make train-dates`` would make it from.

``manifest.json`` (written by ``training/dates.py``) pins sha256 of the weights and of the
held-out figures they were chosen on, of the training configuration (which includes
``attach.py``, the candidate and feature code) and of the TBAQ files. The weights and the
configuration are checked always; the inputs only where ../shared holds TBAQ. The label
conversion the weights are trained on (``training.dates.clause_head``) is pinned on hand-built
parses of sentences written for these tests.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from bench.eval.dates import TEMPEVAL
from spacy.tokens import Doc
from spacy.vocab import Vocab

from crosswire.mentions.dates import attach
from training import dates as training

MANIFEST = json.loads((attach.MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
SHIPPED = (attach.WEIGHTS_FILE, "held_out.json")


@pytest.mark.parametrize("name", SHIPPED)
def test_the_weights_are_the_ones_the_manifest_names(name: str) -> None:
    digest = hashlib.sha256((attach.MODEL_DIR / name).read_bytes()).hexdigest()
    assert MANIFEST[f"weights:{name}"] == digest, f"{name} changed: run `make train-dates`"


def test_the_training_configuration_and_feature_code_are_unchanged() -> None:
    assert MANIFEST["configuration"] == training.config_digest(), (
        "the training configuration or attach.py changed: run `make train-dates`")


@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason="../shared/eval/tempeval3 is not here")
def test_the_training_inputs_are_unchanged() -> None:
    assert MANIFEST["tbaq"] == training.files_digest(), "TempEval-3 TBAQ changed: run `make train-dates`"


def test_the_model_beat_the_rules_on_the_held_out_quarter() -> None:
    figures = json.loads((attach.MODEL_DIR / "held_out.json").read_text(encoding="utf-8"))
    assert figures["model_accuracy"] > figures["rules_accuracy"]
    assert figures["model_accuracy"] > figures["timeml_model_accuracy"]


# Hand-built parses: (word, head index, dependency label, UD part of speech).
_PARSES = {
    "copula": [("The", 1, "det", "DET"), ("ferry", 2, "nsubj", "NOUN"), ("was", 2, "ROOT", "AUX"),
               ("late", 2, "acomp", "ADJ"), ("on", 2, "prep", "ADP"), ("Monday", 4, "pobj", "PROPN")],
    "rally": [("She", 1, "nsubj", "PRON"), ("spoke", 1, "ROOT", "VERB"), ("at", 1, "prep", "ADP"),
              ("a", 4, "det", "DET"), ("picnic", 2, "pobj", "NOUN"), ("Sunday", 1, "npadvmod", "PROPN")],
    "modified": [("They", 1, "nsubj", "PRON"), ("missed", 1, "ROOT", "VERB"), ("the", 4, "det", "DET"),
                 ("April", 4, "compound", "PROPN"), ("deadline", 1, "dobj", "NOUN")],
    "summit": [("The", 1, "det", "DET"), ("summit", 5, "nsubjpass", "NOUN"), ("on", 1, "prep", "ADP"),
               ("Monday", 2, "pobj", "PROPN"), ("was", 5, "auxpass", "AUX"),
               ("postponed", 5, "ROOT", "VERB")],
    "auxiliary": [("Crews", 2, "nsubj", "NOUN"), ("will", 2, "aux", "AUX"), ("paint", 2, "ROOT", "VERB"),
                  ("it", 2, "dobj", "PRON"), ("tomorrow", 2, "npadvmod", "NOUN")],
}


def _parsed(name: str) -> Doc:
    rows = _PARSES[name]
    return Doc(Vocab(), words=[w for w, *_ in rows], heads=[h for _, h, _, _ in rows],
               deps=[d for _, _, d, _ in rows], pos=[p for *_, p in rows])


@pytest.mark.parametrize(("name", "event", "expression", "head"), [
    ("copula", 3, (5, 6), "was"),  # a predicate adjective gives its copula
    ("rally", 4, (5, 6), "spoke"),  # a noun the expression does not modify gives its clause's verb
    ("modified", 4, (3, 4), "deadline"),  # a noun the expression modifies stays the event
    ("modified", 1, (3, 4), "missed"),  # a verb stays itself
    ("summit", 1, (3, 4), "summit"),  # so does a noun the expression modifies through a preposition
    ("summit", 4, (3, 4), "postponed"),  # an auxiliary gives its verb
    ("auxiliary", 1, (4, 5), "paint"),  # an auxiliary gives its verb
])
def test_timeml_events_are_mapped_to_the_clause_head_the_blind_set_marks(
        name: str, event: int, expression: tuple[int, int], head: str) -> None:
    doc = _parsed(name)
    assert training.clause_head(doc[event], doc[expression[0]:expression[1]]).text == head


def test_a_noun_with_no_verb_above_it_stays_the_event() -> None:
    doc = Doc(Vocab(), words=["Storm", "warnings", "Friday"], heads=[1, 1, 1],
              deps=["compound", "ROOT", "npadvmod"], pos=["NOUN", "NOUN", "PROPN"])
    assert training.clause_head(doc[0], doc[2:3]).text == "Storm"


def test_the_weights_stay_small() -> None:
    total = sum(p.stat().st_size for p in attach.MODEL_DIR.iterdir())
    assert total <= 30 * 1024 * 1024
