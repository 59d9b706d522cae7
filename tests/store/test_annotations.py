"""Every annotation kind survives the store: what is saved is what is read back."""

import sqlite3
from pathlib import Path

import numpy as np

from crosswire.store import ArticleStore, Database, queries
from crosswire.store.articles import NewArticle
from crosswire.store.migrations import MIGRATIONS
from crosswire.types import Article, Mention, Quote, Sentence, Speaker, TimeExpr, Via

PUBLICATION = "the publication date (2025-03-04)"
TEXT = "“We will rebuild,” said Mayor Dana Okafor on Monday. Okafor spoke for ten minutes."


def annotated_article() -> Article:
    return Article(
        id="a1",
        text=TEXT,
        source="t.txt",
        raw=TEXT,
        sentences=[Sentence(0, 52), Sentence(53, len(TEXT))],
        mentions=[
            Mention("Dana Okafor", 30, 41, "PERSON"),
            Mention("Okafor", 53, 59, "PERSON", entity_id="e1", canonical="Dana Okafor"),
        ],
        quotes=[
            Quote(
                "We will rebuild,",
                1,
                17,
                "direct",
                cue="said",
                cue_start=19,
                cue_end=23,
                speaker=Speaker("Dana Okafor", None, "Mayor", "person", 30, 41, 24, 29),
            ),
            Quote("spoke for ten minutes", 60, 81, "mixed", confidence=0.75,
                  via=(Via("Velmar Radio", 0, 5, "media"), Via("a statement", 6, 9, "document")),
                  parts=((60, 65), (70, 81)), fragments=((70, 81),)),
            Quote("ten minutes", 70, 81, "indirect", inherited=True),
        ],
        times=[
            TimeExpr("Monday", 45, 51, "2025-03-03", "DATE", 0, 52, reference=PUBLICATION,
                     event_start=19, event_end=23),
            TimeExpr("ten minutes", 70, 81, "PT10M", "DURATION", 53, len(TEXT), note="a duration"),
        ],
    )


def test_annotations_round_trip() -> None:
    store = ArticleStore(Database())
    article = annotated_article()
    store.save_batch([NewArticle(article, np.zeros(4, dtype=np.uint64), [(0, 1)])])
    loaded = store.get("a1")
    assert loaded is not None
    for field in ("sentences", "mentions", "quotes", "times"):
        assert getattr(loaded, field) == getattr(article, field), field


def test_spans_in_the_sample_point_at_their_text() -> None:
    article = annotated_article()
    spans: list[Mention | Quote | TimeExpr] = [*article.mentions, *article.quotes[:1], *article.times[:1]]
    for span in spans:
        assert article.text[span.start : span.end] == span.text


def test_the_timeline_names_the_event_each_time_dates() -> None:
    store = ArticleStore(Database())
    store.save_batch([NewArticle(annotated_article(), np.zeros(4, dtype=np.uint64), [(0, 1)])])
    [point] = queries.timeline(store.db)
    assert (point.value, point.event, point.reference) == ("2025-03-03", "said", PUBLICATION)


def test_a_range_and_a_counted_length_survive_the_store() -> None:
    article = annotated_article()
    article.times = [TimeExpr("Monday", 45, 51, "2025-03-03/2025-03-05", "DATE", 0, 52,
                              range_start="2025-03-03", range_end="2025-03-05", duration="P2D")]
    store = ArticleStore(Database())
    store.save_batch([NewArticle(article, np.zeros(4, dtype=np.uint64), [(0, 1)])])
    loaded = store.get("a1")
    assert loaded is not None and loaded.times == article.times


def test_quotes_stored_before_the_utterance_columns_keep_their_rows(tmp_path: Path) -> None:
    """The migration that lets a quote be ``mixed`` rebuilds the table: old rows stay, with
    empty chains, parts and fragments, and a mixed quote can be written after it."""
    before = next(i for i, script in enumerate(MIGRATIONS) if "quotes_rebuilt" in script)
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:before], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    conn.execute("INSERT INTO raw_inputs (id, media_type, content) VALUES ('r1', 'text', 'Old.')")
    conn.execute("INSERT INTO articles (id, raw_id, source, text, word_count) "
                 "VALUES ('a1', 'r1', 'old.txt', 'Old text.', 2)")
    conn.execute("INSERT INTO quotes (article_id, start, \"end\", text, kind, speaker, speaker_kind) "
                 "VALUES ('a1', 0, 3, 'Old', 'direct', 'Dana Okafor', 'person')")
    conn.commit()
    conn.close()
    with Database(path) as db:
        article = ArticleStore(db).get("a1")
        assert article is not None
        [quote] = article.quotes
        assert (quote.text, quote.via, quote.parts, quote.confidence) == ("Old", (), (), None)
        assert quote.speaker is not None and quote.speaker.name == "Dana Okafor"
        db.execute("INSERT INTO quotes (article_id, start, \"end\", text, kind)"
                   " VALUES ('a1', 4, 8, 'text', 'mixed')")
