"""Layering: light modules stay light, and SQL stays in store/.

Reading the settings must not load a model or the store; each import runs in a fresh
interpreter, since this test process has long loaded everything.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import crosswire

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


SRC = Path(crosswire.__file__).parent
# Every module outside store/: none writes a statement or runs one.
OUTSIDE_STORE = sorted(p for p in SRC.rglob("*.py") if "store" not in p.relative_to(SRC).parts[:1])
# Modules whose SQL moved into store/ reach the database only through a protocol
# (resolve.index.EntityIndex, stories.assign.StoryTables), never a Database of their own.
STORE_FREE = [
    *sorted((SRC / "resolve").glob("*.py")),
    *sorted((SRC / "scale").glob("*.py")),
    *(SRC / "stories" / name for name in ("assign.py", "cluster.py", "embed.py", "features.py",
                                          "settings.py", "__init__.py")),
]  # fmt: skip
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b"
                 r"|\.execute(many|script)?\(|\bPRAGMA\b")
DATABASE = re.compile(r"crosswire\.store\.db")


def _name(path: Path) -> str:
    return str(path.relative_to(SRC))


@pytest.mark.parametrize("path", OUTSIDE_STORE, ids=_name)
def test_sql_lives_in_the_store(path: Path) -> None:
    assert not SQL.search(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", STORE_FREE, ids=_name)
def test_stages_reach_the_store_through_a_protocol(path: Path) -> None:
    assert not DATABASE.search(path.read_text(encoding="utf-8"))


def test_the_sql_check_finds_sql() -> None:
    assert SQL.search('db.query("SELECT id FROM stories WHERE x = ?")')
    assert SQL.search("conn.execute(sql)")
    assert DATABASE.search("from crosswire.store.db import Database")
    assert not SQL.search("Select the stories from the store")
    assert len(OUTSIDE_STORE) > 50  # the walk found the package


def test_test_files_have_unique_basenames() -> None:
    """tests/ is no package: pytest imports each test file by its basename, so two files with
    one name in two folders stop the whole run at collection."""
    names: dict[str, list[str]] = {}
    for path in Path(__file__).parent.rglob("test_*.py"):
        names.setdefault(path.name, []).append(str(path.parent.name))
    assert {name: folders for name, folders in names.items() if len(folders) > 1} == {}
