"""Shared fixtures: a fresh store, the spaCy model loaded once, article makers."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.nlp import load_nlp
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The evaluations (bench/) and the training code (training/) are read by tests as packages of
# the checkout; `pytest` alone, unlike `python -m pytest`, does not put the checkout on the path.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_PEOPLE = [
    "Mara Quillon",
    "Tobias Wren",
    "Anika Solberg",
    "Desmond Achterberg",
    "Lucia Ferrante",
    "Rafael Ostrow",
    "Imogen Thale",
    "Kwame Boateng",
    "Sunita Rao",
    "Elias Varga",
]
_PLACES = ["Port Adley", "Calder", "Velmar", "Ostrania", "Brinmoor", "Hollis Bay", "Karsk", "Tirrell"]
_NOUNS = [
    "ferry service",
    "water treaty",
    "grain harbour",
    "rail link",
    "hospital budget",
    "fishing quota",
    "power grid",
    "school reform",
    "flood barrier",
    "customs office",
]
_VERBS = ["announced", "criticised", "postponed", "approved", "questioned", "defended", "expanded"]


def make_article_text(seed: int, paragraphs: int = 5) -> str:
    """A plain-text article of our own making: title, date line, then varied prose."""
    rng = random.Random(seed)
    person, place, noun = rng.choice(_PEOPLE), rng.choice(_PLACES), rng.choice(_NOUNS)
    lines = [
        f"{place} {rng.choice(_VERBS)} plan for the {noun} ({seed})",
        "",
        f"March {rng.randint(1, 28)}, 2025",
        "",
    ]
    for _ in range(paragraphs):
        words = [
            f"{rng.choice(_PEOPLE)} {rng.choice(_VERBS)} the {rng.choice(_NOUNS)} in "
            f"{rng.choice(_PLACES)} after {rng.randint(2, 900)} residents signed a petition"
            for _ in range(2)
        ]
        lines += [f"{person} said on Tuesday that " + "; ".join(words) + ".", ""]
    return "\n".join(lines)


@pytest.fixture(scope="session")
def make_article() -> Callable[..., str]:
    return make_article_text


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "test.db", write_batch_size=4)


@pytest.fixture
def fresh_store(settings: Settings) -> Iterator[ArticleStore]:
    with Database(settings.db_path) as db:
        yield ArticleStore(db)


@pytest.fixture
def pipeline(settings: Settings, fresh_store: ArticleStore, nlp: Language) -> Pipeline:
    return Pipeline(settings, fresh_store, nlp=nlp)


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(make_article_text(i), encoding="utf-8")
    return folder
