"""The shipped event attacher matches what ``make train-dates`` would make it from.

``manifest.json`` (written by ``training/dates.py``) pins sha256 of the weights and of the
held-out figures they were chosen on, of the training configuration (which includes
``attach.py``, the candidate and feature code) and of the TBAQ files. The weights and the
configuration are checked always; the inputs only where ../shared holds TBAQ.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from bench.eval.dates import TEMPEVAL

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


def test_the_weights_stay_small() -> None:
    total = sum(p.stat().st_size for p in attach.MODEL_DIR.iterdir())
    assert total <= 30 * 1024 * 1024
