"""Speakers are entities: a quote's speaker takes its mentions' entity, in memory and in the
store, and keeps following them through the user's merges and splits."""

from __future__ import annotations

from crosswire.resolve import resolve_entities, resolve_new
from crosswire.store import Database
from crosswire.store.annotations import link_quote_speakers, save_annotations
from crosswire.store.entities import EntityStore
from crosswire.types import Article, Mention, Quote, Speaker

# Two people sharing a surname; the cast has already named every "Reyes" (canonical).
_FIRST = ("Dana Reyes, the port director, met Omar Reyes, a fisheries analyst. "
          "Reyes said the dock will open. He said it twice.")


def _article(article_id: str, text: str, mentions: list[Mention], quotes: list[Quote]) -> Article:
    return Article(id=article_id, text=text, source=article_id, mentions=mentions, quotes=quotes)


def _first() -> Article:
    text = _FIRST
    bare = text.index("Reyes said")
    he = text.index("He said")
    mentions = [Mention("Dana Reyes", 0, 10, "PERSON"),
                Mention("Omar Reyes", text.index("Omar"), text.index("Omar") + 10, "PERSON"),
                Mention("Reyes", bare, bare + 5, "PERSON", canonical="Omar Reyes")]
    quotes = [
        # the bare name: its own mention decides, though "Reyes" names two people
        Quote("the dock will open", bare + 11, bare + 29, "indirect", "said",
              Speaker("Omar Reyes", start=bare, end=bare + 5)),
        # a pronoun: no mention at the speaker's span, the full name decides
        Quote("it twice", he + 8, he + 16, "indirect", "said", Speaker("Omar Reyes", start=he, end=he + 2)),
    ]
    return _article("s1", text, mentions, quotes)


def _second() -> Article:
    text = "Omar Reyes, a fisheries analyst, said the catch fell."
    quote = Quote("the catch fell", 38, 52, "indirect", "said", Speaker("Omar Reyes", start=0, end=10))
    return _article("s2", text, [Mention("Omar Reyes", 0, 10, "PERSON")], [quote])


def test_a_speaker_takes_the_entity_of_its_mentions_across_articles() -> None:
    first, second = _first(), _second()
    resolve_entities([first, second])
    omar = first.mentions[1].entity_id
    assert omar is not None and omar != first.mentions[0].entity_id
    assert [q.speaker.entity_id for q in first.quotes if q.speaker] == [omar, omar]
    assert second.quotes[0].speaker is not None and second.quotes[0].speaker.entity_id == omar


def test_an_unnamed_speaker_stays_unlinked() -> None:
    text = "Officials said the dock will open."
    quote = Quote("the dock will open", 15, 33, "indirect", "said",
                  Speaker("Officials", kind="unknown", start=0, end=9))
    article = _article("u", text, [], [quote])
    resolve_entities([article])
    assert quote.speaker is not None and quote.speaker.entity_id is None


def _stored() -> tuple[EntityStore, Article, Article]:
    """Both articles stored as the pipeline's writer does: resolved, then written."""
    db = Database()
    store = EntityStore(db)
    db.execute("INSERT OR IGNORE INTO raw_inputs (id, media_type, content) VALUES ('r', 'text', '')")
    first, second = _first(), _second()
    resolution = resolve_new([first, second], store)
    for a in (first, second):
        db.execute("INSERT INTO articles (id, raw_id, source, text, word_count) VALUES (?, 'r', ?, ?, 1)",
                   (a.id, a.source, a.text))
        save_annotations(db, a)
    store.save(resolution, mentions_stored=False)
    link_quote_speakers(db, [first.id, second.id])
    return store, first, second


def _quote_entities(store: EntityStore, article_id: str) -> list[str | None]:
    rows = store.db.query("SELECT entity_id FROM quotes WHERE article_id = ? ORDER BY start", (article_id,))
    return [r["entity_id"] for r in rows]


def test_stored_quotes_keep_the_entity_resolution_gave_their_speaker() -> None:
    store, first, _ = _stored()
    omar = first.mentions[1].entity_id
    assert _quote_entities(store, "s1") == [omar, omar]
    assert _quote_entities(store, "s2") == [omar]


def test_quotes_follow_their_speaker_through_a_merge_and_a_split() -> None:
    store, first, _ = _stored()
    dana, omar = str(first.mentions[0].entity_id), str(first.mentions[1].entity_id)
    store.merge(dana, omar, note="test")
    assert _quote_entities(store, "s1") == [dana, dana]
    assert _quote_entities(store, "s2") == [dana]
    split_off = store.split(dana, names=["Omar Reyes"], note="test")
    assert _quote_entities(store, "s1") == [split_off, split_off]
    assert _quote_entities(store, "s2") == [split_off]
