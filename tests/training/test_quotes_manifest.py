"""The shipped quote model matches what ``make train-quotes`` would make it from.

``manifest.json`` (written by ``training/quotes.py``) pins sha256 of the weights, of the
training configuration (which includes the feature and candidate code) and of the PolNeAR
files it was trained and tuned on. The weights and configuration are checked always; the
inputs only where ../shared holds PolNeAR (skipped cleanly elsewhere).
"""

from __future__ import annotations

import hashlib
import json

import pytest
from bench.eval.quotes import POLNEAR

from crosswire.mentions.quotes import model
from training import quotes as training

MANIFEST = json.loads((model.MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
SHIPPED = (model.TAGGER_FILE, model.RANKER_FILE, model.CONFIG_FILE)


@pytest.mark.parametrize("name", SHIPPED)
def test_the_weights_are_the_ones_the_manifest_names(name: str) -> None:
    digest = hashlib.sha256((model.MODEL_DIR / name).read_bytes()).hexdigest()
    assert MANIFEST[f"weights:{name}"] == digest, f"{name} changed: run `make train-quotes`"


def test_the_training_configuration_and_feature_code_are_unchanged() -> None:
    assert MANIFEST["configuration"] == training.config_digest(), (
        "the training configuration, features.py or candidates.py changed: run `make train-quotes`")


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/eval/polnear is not here")
@pytest.mark.parametrize("split", ["train", "dev"])
def test_the_training_inputs_are_unchanged(split: str) -> None:
    from training.polnear import files_digest

    assert MANIFEST[f"polnear_{split}"] == files_digest(split), f"PolNeAR {split} changed: retrain"


def test_the_weights_stay_small() -> None:
    total = sum(p.stat().st_size for p in model.MODEL_DIR.iterdir())
    assert total <= 30 * 1024 * 1024
