"""The stored language, shown and filtered: store queries, export, the CLI and the web."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from crosswire.cli import app
from crosswire.export import article_record, write_jsonl
from crosswire.nlp.annotate import UNANALYSED_NOTE
from crosswire.store import ArticleStore, Database, queries
from crosswire.store.articles import NewArticle
from crosswire.types import Article

ARTICLES = [
    ("e1", "en", "Ferry talks resume in Calder", "2025-03-01"),
    ("f1", "fr", "Les pourparlers sur le traversier reprennent", "2025-03-02"),
    ("r1", "ru", "Переговоры о пароме возобновились", "2025-03-03"),
    ("t1", "tr", "Feribot görüşmeleri yeniden başladı", "2025-03-04"),
    ("u1", None, "Ferry", "2025-03-05"),
]


def _article(aid: str, language: str | None, title: str, published: str) -> Article:
    text = f"{title}. ferry"
    notes = [UNANALYSED_NOTE.format(language=language)] if language == "tr" else []
    return Article(id=aid, text=text, source=f"{aid}.txt", raw=text, title=title, published=published,
                   language=language, notes=notes)  # fmt: skip


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "lang.db"
    with Database(path) as db:
        ArticleStore(db).save_batch(
            [NewArticle(_article(*a), np.zeros(4, dtype=np.uint64), [(0, 1)]) for a in ARTICLES]
        )
    yield path


def test_the_store_lists_counts_and_searches_by_language(db_path: Path) -> None:
    with Database(db_path) as db:
        assert [a.id for a in queries.list_articles(db, language="fr")] == ["f1"]
        assert queries.list_articles(db, language="ru")[0].language == "ru"
        assert queries.count_articles(db, language="en") == 1
        assert dict(queries.language_counts(db)) == {"en": 1, "fr": 1, "ru": 1, "tr": 1, None: 1}
        hits, _ = queries.search_articles(db, "ferry", queries.Filters(language="en"))
        assert [h.article.id for h in hits] == ["e1"]


def test_export_carries_the_language_and_filters_on_it(db_path: Path) -> None:
    assert article_record(_article(*ARTICLES[1]))["language"] == "fr"
    out = StringIO()
    with Database(db_path) as db:
        count = write_jsonl(ArticleStore(db), out, language="ru")
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 1 and records[0]["id"] == "r1" and records[0]["language"] == "ru"


@pytest.mark.parametrize(("args", "shown", "hidden"), [
    (["articles", "--language", "fr"], "f1", "e1"),
    (["search", "ferry", "--language", "en"], "e1", "u1"),
    (["export", "-f", "jsonl", "--language", "tr"], '"language": "tr"', '"id": "e1"'),
    (["show", "t1"], "unanalysed", "no-such-text"),
    (["show", "u1"], "language: unknown", "unanalysed"),
])  # fmt: skip
def test_the_cli_filters_and_shows_the_language(
    db_path: Path, args: list[str], shown: str, hidden: str
) -> None:
    result = CliRunner().invoke(app, [*args, "--db", str(db_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert shown in result.output and hidden not in result.output


def test_the_web_filters_and_shows_the_language(db_path: Path) -> None:
    pytest.importorskip("fastapi")
    sys.path.insert(0, str(Path(__file__).parent / "web"))
    from webdata import TestClient

    from crosswire.config import Settings
    from crosswire.web import create_app

    with TestClient(create_app(Settings(db_path=db_path))) as client:
        page = client.get("/articles.json", params={"language": "ru"}).json()
        assert [a["id"] for a in page["articles"]] == ["r1"] and page["language"] == "ru"
        assert {lang["language"] for lang in page["languages"]} >= {"en", "fr", "ru", "tr"}
        html = client.get("/articles").text
        assert "/articles?language=fr" in html
        assert client.get("/articles/r1.json").json()["article"]["language"] == "ru"
        article_html = client.get("/articles/t1").text
        assert "unanalysed" in article_html and "<dt>Language</dt><dd>tr</dd>" in article_html
        assert '<article class="reader" lang="tr">' in article_html  # read aloud and hyphenated as Turkish
        found = client.get("/search.json", params={"q": "ferry", "language": "en"}).json()
        assert [a["id"] for a in found["articles"]] == ["e1"] and found["language"] == "en"
