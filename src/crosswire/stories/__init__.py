"""Stories across outlets: cluster articles into stories as they arrive, then compare how
each outlet told it — facts covered, quotes rendered, numbers, dates, places and names.

    StoryStore(db).assign(batch)        after each batch is written (pipeline)
    list_stories(db), story_record(db, id), render_brief(db, id, "md"|"html"|"json")
    cluster_stream(items)               the pure clustering core, no database
"""

from __future__ import annotations

from crosswire.stories.brief import render_brief
from crosswire.stories.cluster import Assignment, MemoryIndex, StoryInput, cluster_stream
from crosswire.stories.compare import Coverage, compare
from crosswire.stories.disagree import Disagreement, find_disagreements
from crosswire.stories.record import cached_story_record, find_story, list_stories, story_record
from crosswire.stories.settings import StorySettings
from crosswire.stories.store import StoryStore
from crosswire.stories.variants import QuoteVariant, quote_variants

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
