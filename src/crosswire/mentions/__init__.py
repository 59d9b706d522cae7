"""Inside one article: quotes, entity mentions, dates."""
