"""Figures that are 1.0 by construction: checked here as tests, never pinned as evaluations.

Each of these data sets was written together with the rules it checks (the resolution traps,
the two seed articles, whose title, byline, date and outlet tests/ingest/test_plaintext.py
checks), so a full score says the rules still do what they were written to do,
not how well they generalise; that is what the reporting splits of bench/eval measure. The
date case table (tests/mentions/date_cases.tsv) is in this family too: tests/mentions/
test_dates.py checks each of its cases.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from crosswire.ingest.plaintext import CleanedText, clean_plain_text
from crosswire.resolve import resolve_entities

TESTS = Path(__file__).resolve().parent
# ../shared beside the repository; a git worktree elsewhere names it with CROSSWIRE_SHARED.
SEEDS = Path(os.environ.get("CROSSWIRE_SHARED") or TESTS.parents[1] / "shared") / "seeds"
SEED_NAMES = ("000_0e30341d27dc35da.txt", "004_fe5f14eb834764ed.txt")
# Page furniture of the two seed articles' sites that the cleaner must drop.
BOILERPLATE = ("scroll to top", "Related stories", "Most viewed", "Please direct questions")


def _trap_corpus() -> ModuleType:
    """tests/resolve/trap_corpus.py, loaded by path: tests/resolve is no package."""
    # A name of its own: test_resolve.py imports the same file as ``trap_corpus``.
    spec = importlib.util.spec_from_file_location("eval_trap_corpus", TESTS / "resolve" / "trap_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while defined
    spec.loader.exec_module(module)
    return module


def test_the_trap_corpus_resolves_with_no_false_merge_and_no_missed_one() -> None:
    traps = _trap_corpus()
    articles, gold = traps.build()
    resolve_entities(articles)
    true_pairs, false_pairs, missed_pairs = traps.pairwise(articles, gold)
    assert true_pairs > 0
    assert (false_pairs, missed_pairs) == (0, 0)


def _cleaned_seed(name: str) -> CleanedText:
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} not present")
    return clean_plain_text((SEEDS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_article_keeps_no_boilerplate_and_no_doubled_paragraph(name: str) -> None:
    cleaned = _cleaned_seed(name)
    assert [line for line in BOILERPLATE if line in cleaned.text] == []
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs))
