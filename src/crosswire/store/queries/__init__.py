"""Every read of the store, returning typed records (``records``): one function per question.

The CLI, the web UI, the export and the story brief all call these, so they cannot
disagree about what the store holds.

    articles   list_articles, count_articles, outlet_counts, article, find_article, sources, raw
    quotes     list_quotes, speaker_names (LIKE patterns literal: ``100%`` is no wildcard)
    times      timeline
    search     search_articles, search_quotes
    entities   list_entities, find_entities, top_entities, an entity's window (its page)
    stories    list_stories, stories_of_article, story_summaries, story_members, find_story
"""

from crosswire.store.queries.articles import (
    article,
    article_ids,
    article_sources,
    count_articles,
    find_article,
    language_counts,
    list_articles,
    near_duplicate_of,
    outlet_counts,
    problem_count,
    raw_content,
    raw_input,
)
from crosswire.store.queries.entities import (
    entity_records,
    find_entities,
    list_entities,
    top_entities,
)
from crosswire.store.queries.quotes import like_pattern, list_quotes, speaker_names
from crosswire.store.queries.records import as_json
from crosswire.store.queries.search import Filters, search_articles, search_quotes
from crosswire.store.queries.stories import (
    count_stories,
    find_story,
    largest_story,
    list_stories,
    stories_of_article,
    story_ids,
    story_members,
    story_row,
    story_summaries,
)
from crosswire.store.queries.times import timeline

__all__ = [
    "Filters",
    "article",
    "article_ids",
    "article_sources",
    "as_json",
    "count_articles",
    "count_stories",
    "entity_records",
    "find_article",
    "find_entities",
    "find_story",
    "language_counts",
    "largest_story",
    "like_pattern",
    "list_articles",
    "list_entities",
    "list_quotes",
    "list_stories",
    "near_duplicate_of",
    "outlet_counts",
    "problem_count",
    "raw_content",
    "raw_input",
    "search_articles",
    "search_quotes",
    "speaker_names",
    "stories_of_article",
    "story_ids",
    "story_members",
    "story_row",
    "story_summaries",
    "timeline",
    "top_entities",
]
