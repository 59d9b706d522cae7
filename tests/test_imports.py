"""Light modules stay light: reading the settings must not load a model or the store.

Each import runs in a fresh interpreter, since this test process has long loaded everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("spacy", "torch", "sentence_transformers", "crosswire.store", "crosswire.pipeline")


def _modules_after(statement: str) -> set[str]:
    script = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("statement", [
    "import crosswire.config",
    "from crosswire.config import Settings; Settings.from_env()",
    "import crosswire.ids",
    "from crosswire.stories.settings import StorySettings",
])  # fmt: skip
def test_light_imports_load_no_model_and_no_store(statement: str) -> None:
    assert not _modules_after(statement) & set(HEAVY)


def test_the_package_still_hands_out_its_heavy_names() -> None:
    loaded = _modules_after("import crosswire; crosswire.Pipeline")
    assert "crosswire.pipeline" in loaded
