"""Place each article of a just-written batch in a story: the stories stage of the writer.

The clustering is the pure core (``stories.cluster``); what it and this stage read and write
goes through ``StoryTables``, a protocol the store implements (``crosswire.store.stories``):
candidates from ``story_keys`` by indexed lookups capped per key, IDF from ``story_term_df``,
so the cost of one article stays flat as the store grows (``bench/stories_bench.py``). It runs
inside the pipeline's batch transaction, after entity resolution, so mentions already carry
entity ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Literal, Protocol

from crosswire.stories.cluster import Assignment, Regrouping, StoryIndex, StoryInput, assign_one, settled
from crosswire.stories.crosslang import event_dates, figures_in, is_english
from crosswire.stories.embed import load_embedder, vector_from_bytes
from crosswire.stories.features import Embedder, Vector, lead_text
from crosswire.stories.settings import StorySettings
from crosswire.types import Article

Auto = Literal["auto"]


class StoryTables(StoryIndex, Regrouping, Protocol):
    """The clustering index, and what placing a written batch needs besides."""

    def placed(self, article_ids: Sequence[str]) -> set[str]:
        """The articles among ``article_ids`` already in a story."""
        ...

    def resolved_entities(self, article_ids: Sequence[str]) -> dict[str, set[str]]:
        """The entity ids of the stored mentions of each article."""
        ...

    def transaction(self) -> AbstractContextManager[object]:
        """Everything inside commits together."""
        ...

    def states_cached(self) -> AbstractContextManager[object]:
        """Stories read or written inside are parsed once (the batch's transaction is open)."""
        ...

    def make_original(self, article_id: str, copy_id: str) -> bool:
        """If ``copy_id`` is stored as a near-copy of ``article_id``, make ``article_id`` the
        independent source of the two and return True."""
        ...

    def forget_comparisons(self, story_ids: Sequence[str]) -> None:
        """Drop the cached comparisons of stories that changed."""
        ...


class StoryAssigner:
    """``assign(batch)`` with the settings and the embedding model (loaded on first use)."""

    def __init__(self, tables: StoryTables, settings: StorySettings | None = None,
                 embedder: Embedder | Auto | None = "auto") -> None:
        self.tables = tables
        self.settings = settings or StorySettings()
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder | None:
        if self._embedder == "auto":  # loaded on first use: listing stories needs no model
            self._embedder = load_embedder()
        return self._embedder

    def assign(self, articles: Sequence[Article]) -> list[Assignment]:
        """Place each article of a just-written batch in a story, in one transaction.

        Articles already in a story are left where they are (a re-run adds nothing).
        """
        tables = self.tables
        placed = tables.placed([a.id for a in articles])
        todo = [a for a in articles if a.id not in placed]
        items = self._inputs(todo)
        vectors = self._vectors(todo, {i.id: i for i in items})
        titles = {a.id: (a.title or a.text[:120]).strip() for a in articles}
        with tables.transaction():
            # The articles of a batch share many candidates (the same day, the same people).
            with tables.states_cached():
                done = [assign_one(i, vectors.get(i.id), tables, self.settings, titles[i.id]) for i in items]
            done = settled(self._originals_read_late(items, done), tables)
            tables.forget_comparisons(sorted({d.story_id for d in done}))
        return done

    def _originals_read_late(self, items: Sequence[StoryInput], done: list[Assignment]) -> list[Assignment]:
        """An original read after its copy joins the story as the independent source, and the copy
        stops being one: the store links a pair by publication date, not by reading order."""
        fixed = []
        for item, assignment in zip(items, done, strict=True):
            copy = item.duplicate_of
            if copy and self.tables.make_original(item.id, copy):
                assignment = replace(assignment, independent=True)
            fixed.append(assignment)
        return fixed

    def _inputs(self, articles: Sequence[Article]) -> list[StoryInput]:
        entities = self.tables.resolved_entities([a.id for a in articles])
        for a in articles:  # ids set on the records by resolution but not (yet) written
            entities.setdefault(a.id, set()).update(m.entity_id for m in a.mentions if m.entity_id)
        lead = self.settings.lead_words
        return [StoryInput(a.id, lead_text(a.title, a.text, lead), a.published, a.outlet,
                           frozenset(entities.get(a.id, ())), a.near_duplicate_of, a.language,
                           event_dates(a.times), figures_in(a.text)) for a in articles]

    def _vectors(self, articles: Sequence[Article], items: dict[str, StoryInput]) -> dict[str, Vector]:
        """Title+lead vectors: those the analysis computed, the rest embedded here.

        Copies of a stored original need none (they join its story); articles analysed
        without the model (an older shard, ``story_embeddings`` off in a worker) are
        embedded here when this process has the model.
        """
        vectors: dict[str, Vector] = {}
        missing: list[StoryInput] = []
        for article in articles:
            item = items[article.id]
            if not is_english(article.language):
                continue  # the model reads English: clustering leaves other languages' vectors out
            given = vector_from_bytes(article.story_vector) if article.story_vector else None
            if given is not None:
                vectors[article.id] = given
            elif not item.duplicate_of and self._embedder is not None:
                missing.append(item)
        if missing and self.embedder is not None:
            matrix = self.embedder.embed([i.lead for i in missing])
            vectors.update((item.id, matrix[n]) for n, item in enumerate(missing))
        return vectors
