"""Stories across outlets: cluster articles into stories as they arrive, then compare how
each outlet told it — facts covered, quotes rendered, numbers, dates, places and names.

    StoryStore(db).assign(batch)        after each batch is written (pipeline)
    list_stories(db), story_record(db, id), render_brief(db, id, "md"|"html"|"json")
    cluster_stream(items)               the pure clustering core, no database

The names are imported on first use (PEP 562): ``crosswire.config`` reads
``stories.settings``, and that must not load the clustering, the store or a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.lazy import names_on_first_use

if TYPE_CHECKING:
    from crosswire.store.stories import StoryStore
    from crosswire.stories.brief import render_brief
    from crosswire.stories.cluster import Assignment, MemoryIndex, StoryInput, cluster_stream
    from crosswire.stories.compare import Coverage, compare
    from crosswire.stories.disagree import Disagreement, find_disagreements
    from crosswire.stories.record import cached_story_record, find_story, list_stories, story_record
    from crosswire.stories.settings import StorySettings
    from crosswire.stories.variants import QuoteVariant, quote_variants

# Where each public name lives.
_HOMES = {
    "Assignment": "crosswire.stories.cluster",
    "Coverage": "crosswire.stories.compare",
    "Disagreement": "crosswire.stories.disagree",
    "MemoryIndex": "crosswire.stories.cluster",
    "QuoteVariant": "crosswire.stories.variants",
    "StoryInput": "crosswire.stories.cluster",
    "StorySettings": "crosswire.stories.settings",
    "StoryStore": "crosswire.store.stories",
    "cached_story_record": "crosswire.stories.record",
    "cluster_stream": "crosswire.stories.cluster",
    "compare": "crosswire.stories.compare",
    "find_disagreements": "crosswire.stories.disagree",
    "find_story": "crosswire.stories.record",
    "list_stories": "crosswire.stories.record",
    "quote_variants": "crosswire.stories.variants",
    "render_brief": "crosswire.stories.brief",
    "story_record": "crosswire.stories.record",
}

__all__ = [
    "Assignment",
    "Coverage",
    "Disagreement",
    "MemoryIndex",
    "QuoteVariant",
    "StoryInput",
    "StorySettings",
    "StoryStore",
    "cached_story_record",
    "cluster_stream",
    "compare",
    "find_disagreements",
    "find_story",
    "list_stories",
    "quote_variants",
    "render_brief",
    "story_record",
]  # fmt: skip

__getattr__ = names_on_first_use(__name__, _HOMES)
