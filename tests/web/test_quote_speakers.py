"""#23 on the web: a chain shows as "NAME (via …)", a speaker not named as "unknown (…)",
in the quote cards (search) and the article page's marks and JSON twin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from webdata import TestClient

from crosswire.config import Settings
from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.types import Article, Quote, Speaker, Via
from crosswire.web import create_app

TEXT = ("Velmar Radio quoted Dana Okafor as saying the harbour toll would double. "
        "“The toll is settled,” an aide said, “and it will not change.”")


def _article() -> Article:
    aide = TEXT.index("an aide")
    second = TEXT.index("and it will")
    return Article(
        id="0123456789abcdef", text=TEXT, source="quotes.txt", raw=TEXT, title="Harbour toll",
        quotes=[
            Quote("the harbour toll would double", 42, 71, "indirect", cue="saying",
                  speaker=Speaker("Dana Okafor", None, None, "person", 20, 31),
                  via=(Via("Velmar Radio", 0, 12, "media"),)),
            Quote("The toll is settled and it will not change.", 74, len(TEXT) - 1, "direct",
                  cue="said", speaker=Speaker("an aide", kind="unknown", start=aide, end=aide + 7),
                  parts=((74, 93), (second, len(TEXT) - 1))),
        ],
    )  # fmt: skip


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("quotes") / "q.db"
    with Database(path) as db:
        ArticleStore(db).save_batch([NewArticle(_article(), np.zeros(4, dtype=np.uint64), [(0, 1)])])
    with TestClient(create_app(Settings(db_path=path))) as c:
        yield c


def test_quote_cards_show_the_chain_and_unknown_speakers(client: TestClient) -> None:
    html = client.get("/search?q=toll").text
    assert "Dana Okafor</a> <span class=\"via\">(via Velmar Radio)</span>" in html
    assert "unknown (an aide)" in html
    data = client.get("/search.json?q=toll").json()
    assert {(q["who"], q["named"]) for q in data["quotes"]} == {
        ("Dana Okafor (via Velmar Radio)", True), ("unknown (an aide)", False)}


def test_the_article_marks_each_part_and_says_who(client: TestClient) -> None:
    html = client.get("/articles/0123456789abcdef").text
    assert "direct quote — unknown (an aide)" in html
    assert "indirect quote — Dana Okafor (via Velmar Radio)" in html
    record = client.get("/articles/0123456789abcdef.json").json()["article"]
    split = record["quotes"][1]
    assert split["speaker"] is None and split["speaker_description"]["text"] == "an aide"
    assert len(split["parts"]) == 2
