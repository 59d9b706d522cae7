"""Every `crosswire` example in README.md and docs/*.md runs as written.

The examples of each page run in a shell, in the page's order, from a scratch folder that
links the repository's src/ (so the demo corpus paths resolve as in a checkout), against a
store built once by `crosswire demo`. Examples that need the network, a running server,
Ray, or ids nobody can know in advance are listed in SKIPPED with the reason.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
# A crosswire command at the start of a line or after a pipe ("cat x | crosswire ingest -").
COMMAND = re.compile(r"(?:^|\|\s*)crosswire\s")
# A shell comment after the command: two spaces or more, then "#".
COMMENT = re.compile(r"\s+#\s.*$")
# Readers whose point is to find something: "no match" would mean the example is wrong.
MUST_FIND = ("crosswire search", "crosswire quotes", "crosswire timeline")

SKIPPED = {
    "crosswire ingest https://news.example/story.html https://news.example/feed.xml": "the network",
    "crosswire show 3f9c1a": "an article id: `crosswire articles` prints them",
    "crosswire entities merge E1… E2…": "entity ids: `crosswire entities` prints them",
    "crosswire serve": "a server that runs until stopped (test_serve_help_runs checks the command)",
    "crosswire load /data/shards/": "a cluster's output folder",
    "crosswire watch feeds.txt": "the network, until stopped (tests/watch/test_cli_watch.py runs it locally)",
    "crosswire watch feeds.txt --once --log-json": "the network (tests/watch/test_cli_watch.py: locally)",
}
SKIPPED_WORDS = {"--engine ray": "starts Ray; the same lines with --engine local run"}


@dataclass(frozen=True, slots=True)
class Example:
    page: str
    line: int
    command: str  # without its trailing comment

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.command}"


def page_examples(page: Path) -> list[Example]:
    """The crosswire command lines in the page's fenced code blocks, in order."""
    text = page.read_text(encoding="utf-8")
    examples = []
    for block in FENCE.finditer(text):
        first_line = text.count("\n", 0, block.start(1)) + 1
        for offset, line in enumerate(block.group(1).splitlines()):
            if COMMAND.search(line):
                examples.append(Example(page.name, first_line + offset, COMMENT.sub("", line).strip()))
    return examples


def skip_reason(example: Example) -> str | None:
    if example.command in SKIPPED:
        return SKIPPED[example.command]
    return next((why for word, why in SKIPPED_WORDS.items() if word in example.command), None)


@dataclass(frozen=True, slots=True)
class Workspace:
    folder: Path
    env: dict[str, str]

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", f"set -o pipefail; {command}"],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A scratch folder with src/ linked, `crosswire` on the PATH, and the demo store."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "src").symlink_to(REPO / "src")
    shim = folder / "bin" / "crosswire"
    shim.parent.mkdir()
    # This interpreter and this source tree, as tests/test_cli.py runs the CLI.
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m crosswire.cli "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"}
    env["CROSSWIRE_DB"] = str(folder / "demo.db")
    if os.environ.get("PYTHONPATH"):  # a relative entry would now resolve in the scratch folder
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(entry).resolve()) for entry in os.environ["PYTHONPATH"].split(os.pathsep)
        )
    space = Workspace(folder, env)
    built = space.run("crosswire demo")
    assert built.returncode == 0, built.stderr
    return space


def test_the_pages_have_examples() -> None:
    readme = page_examples(REPO / "README.md")
    assert len(readme) >= 10 and readme[0].command == "crosswire ingest src/crosswire/demo/corpus/"


def test_skipped_examples_are_still_in_the_pages() -> None:
    commands = {example.command for page in PAGES for example in page_examples(page)}
    assert not set(SKIPPED) - commands, "an example listed as skipped is gone: drop it from SKIPPED"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_example_runs_as_written(workspace: Workspace, page: Path) -> None:
    failures = []
    for example in page_examples(page):
        if skip_reason(example):
            continue
        result = workspace.run(example.command)
        found = result.stdout.strip() and not result.stdout.lstrip().startswith("no ")
        if result.returncode != 0 or (example.command.startswith(MUST_FIND) and not found):
            said = (result.stderr or result.stdout).strip().splitlines()[-3:]
            failures.append(f"{example} -> exit {result.returncode}: {' / '.join(said)}")
    assert not failures, "\n".join(failures)


def test_serve_help_runs(workspace: Workspace) -> None:
    result = workspace.run("crosswire serve --help")
    assert result.returncode == 0 and "[web]" in result.stdout


# ``tests/x.py::name`` in a page, or ``::name`` after one: the test a row says keeps it true.
TEST_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`|`::(\w+)`")


def cited_tests(page: Path) -> list[tuple[str, str | None]]:
    """The test files and test functions a page cites, in order."""
    cited: list[tuple[str, str | None]] = []
    current = ""
    for found in TEST_REFERENCE.finditer(page.read_text(encoding="utf-8")):
        path, name, after_previous = found.groups()
        current = path or current
        cited.append((current, name or after_previous))
    return cited


def missing_tests(page: Path) -> list[str]:
    """The cited test files that do not exist, and cited test functions their file lacks."""
    return [f"{path}::{name}" if name else path for path, name in cited_tests(page)
            if not (REPO / path).exists()
            or (name and not re.search(rf"\bdef {name}\b", (REPO / path).read_text(encoding="utf-8")))]


def test_the_robustness_page_cites_tests_that_exist() -> None:
    page = REPO / "docs" / "robustness.md"
    assert len(cited_tests(page)) >= 30
    assert not missing_tests(page), "docs/robustness.md cites tests that are gone"


def test_a_cited_test_that_is_gone_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("| 1 | x | `tests/test_docs.py::test_nothing_of_the_kind`, `::test_serve_help_runs` |")
    assert missing_tests(page) == ["tests/test_docs.py::test_nothing_of_the_kind"]
