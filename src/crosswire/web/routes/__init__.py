"""Route modules, one per kind of page: stories, articles, entities, search, and the JSON API."""
