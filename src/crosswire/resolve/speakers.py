"""Speakers are entities: a quote's speaker takes the entity its article's mentions of that
person were resolved to, so who-said-what, entity pages and timelines count the same person.

Run after ``Mention.entity_id`` is set. The speaker's own name span comes first (the "Kim"
of "Kim told The Herald" is the mention the cast already weighed); a speaker named by a
pronoun or a description ("he said", "the professor said") has no mention there, and takes
the entity of the mentions that stand for the same full name (``Mention.canonical``).
"""

from __future__ import annotations

from crosswire.types import Article, Mention

_SPEAKING_LABELS = {"person": frozenset({"PERSON"}), "organization": frozenset({"ORG"}),
                    "media": frozenset({"ORG"})}


def link_speakers(article: Article) -> None:
    """Set ``Speaker.entity_id`` on the article's quotes from its resolved mentions."""
    by_end: dict[int, list[Mention]] = {}
    for m in article.mentions:
        if m.entity_id:
            by_end.setdefault(m.end, []).append(m)
    by_name: dict[tuple[str, str], str] = {}
    for m in sorted(article.mentions, key=lambda m: m.start):
        if m.entity_id:
            for name in {m.canonical or m.text, m.text}:
                by_name.setdefault((m.label, name), m.entity_id)
    for quote in article.quotes:
        speaker = quote.speaker
        labels = _SPEAKING_LABELS.get(speaker.kind) if speaker else None
        if speaker is None or labels is None:
            continue
        found = _mention_inside(by_end, speaker.start, speaker.end, labels)
        entity = found.entity_id if found else None
        entity = entity or next((by_name[(label, speaker.name)] for label in sorted(labels)
                                 if (label, speaker.name) in by_name), None)
        speaker.entity_id = entity


def _mention_inside(by_end: dict[int, list[Mention]], start: int | None, end: int | None,
                    labels: frozenset[str]) -> Mention | None:
    """The resolved mention that ends where the speaker's phrase ends ("Professor Kim")."""
    if start is None or end is None:
        return None
    inside = [m for m in by_end.get(end, ()) if start <= m.start and m.label in labels]
    return min(inside, key=lambda m: m.start) if inside else None
