"""The shipped entity tagger: its weights match the manifest that says how they were made,
it loads only when used, and with spaCy it gets our own sentences of each hard shape right."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from spacy.language import Language
from training.entities import DATA, INPUTS, Config, sha256_of_config, sha256_of_files, sha256_of_weights

from crosswire.mentions.entities.model import MODEL_DIR, WEIGHTS
from crosswire.mentions.entities.stage import clean_mentions
from crosswire.nlp import add_mentions
from crosswire.types import Article

MANIFEST = json.loads((MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))


def test_the_weights_are_the_ones_the_manifest_names() -> None:
    assert MANIFEST["weights"] == WEIGHTS.name
    assert sha256_of_weights(WEIGHTS) == MANIFEST["weights_sha256"], "retrain: make train-entities"
    assert WEIGHTS.stat().st_size <= 30 * 1024 * 1024


def test_the_configuration_and_features_are_the_ones_trained() -> None:
    config = Config().with_features()
    assert config == MANIFEST["config"], "features.py or the configuration changed: make train-entities"
    assert sha256_of_config(config) == MANIFEST["config_sha256"]


def test_the_training_data_is_the_one_trained_on() -> None:
    if not all((DATA / name).exists() for name in INPUTS):
        pytest.skip(f"{DATA} is not here: the inputs' hash cannot be recomputed")
    assert list(INPUTS) == MANIFEST["inputs"]
    assert sha256_of_files([DATA / name for name in INPUTS]) == MANIFEST["inputs_sha256"]


def test_the_model_card_is_beside_the_weights() -> None:
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "conllpp_test" in card and "Known limits" in card


def test_the_stage_loads_no_model_until_it_tags() -> None:
    script = ("import sys, crosswire.mentions.entities.stage\n"
              "print('pycrfsuite' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.slow
def test_the_setting_leaves_the_model_out() -> None:
    script = ("import sys\n"
              "from crosswire.nlp import add_mentions, load_nlp\n"
              "from crosswire.mentions.entities.stage import clean_mentions\n"
              "from crosswire.types import Article\n"
              "text = 'Mara Quillon flew to Calder on Monday.'\n"
              "doc, article = load_nlp()(text), Article(id='s', text=text, source='s')\n"
              "add_mentions(doc, article)\n"
              "clean_mentions(doc, article)\n"
              "print('pycrfsuite' in sys.modules)")
    env = {**os.environ, "CROSSWIRE_ENTITY_MODEL": "0", "CROSSWIRE_ENTITY_ADDITIONS": "0"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "False"


def _entities(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    article = Article(id="m", text=text, source="m")
    add_mentions(doc, article)
    clean_mentions(doc, article, model=True)
    assert all(text[m.start:m.end] == m.text for m in article.mentions)
    return {(m.text, m.label) for m in article.mentions}


@pytest.mark.slow
@pytest.mark.parametrize(("text", "present", "absent"), [
    ("The Tarvik rocket lifted off from the Halvorsk Cosmodrome on Tuesday, officials said.",
     {("Tarvik", "PRODUCT"), ("Halvorsk Cosmodrome", "FAC")}, {"PERSON"}),
    ("European Commission President Mirela von der Hagen met farmers in Calder on Monday.",
     {("Mirela von der Hagen", "PERSON")}, set()),
    ("COVID-19 cases rose again in Ostrania, health officials said.",
     {("COVID-19", "EVENT")}, {"ORG:COVID-19", "PERSON:COVID-19"}),
    ("Flood waters reached the harbour on Sunday.\nPhoto: Jana Pell/Reuters\n"
     "The mayor, Oren Talvik, said the town would rebuild.",
     {("Oren Talvik", "PERSON")}, {"PERSON:Jana Pell", "ORG:Reuters"}),
    ("Slideshow\nThe mayor, Oren Talvik, said the town would rebuild.",
     {("Oren Talvik", "PERSON")}, {"PERSON:Slideshow"}),
])
def test_hard_shapes_get_the_right_type_and_span(nlp: Language, text: str,
                                                 present: set[tuple[str, str]], absent: set[str]) -> None:
    found = _entities(nlp, text)
    assert present <= found
    as_strings = {f"{label}:{name}" for name, label in found}
    for unwanted in absent:
        assert unwanted not in as_strings and unwanted not in {label for _, label in found}
