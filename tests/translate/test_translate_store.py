"""Renderings stored beside the originals by the writer, when (and only when) a server is named."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from crosswire.cli import app
from crosswire.config import Settings
from crosswire.export import write_jsonl
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore, Database
from crosswire.store.translations import renderings_of
from crosswire.translate import translate_articles
from crosswire.translate.http import LibreTranslate

if TYPE_CHECKING:
    from tests.translate.conftest import FakeServer
from crosswire.types import Article, Quote, Speaker

FRENCH = "« Le quai nord restera fermé », a déclaré Odile Marchetti jeudi."
RUSSIAN = "«Мост откроют в пятницу», — сказал Тимур Веденеев."
ENGLISH = '"The north quay stays shut," Odile Marchetti said on Thursday.'


def article(article_id: str, language: str | None, title: str, text: str, quote: str) -> Article:
    start = text.index(quote)
    said = Quote(quote, start, start + len(quote), "direct", speaker=Speaker("Odile Marchetti"))
    return Article(article_id, text, f"test:{article_id}", title=title, language=language, quotes=[said])


def batch() -> list[Article]:
    return [article("f" * 16, "fr", "Le quai nord fermé", FRENCH, "Le quai nord restera fermé"),
            article("r" * 16, "ru", "Мост откроют в пятницу", RUSSIAN, "Мост откроют в пятницу"),
            article("e" * 16, "en", "North quay shut", ENGLISH, "The north quay stays shut,"),
            article("u" * 16, None, "Unknown language", ENGLISH, "The north quay stays shut,")]


def stored(tmp_path: Path, url: str) -> tuple[Database, Pipeline]:
    settings = Settings(db_path=tmp_path / "t.db", story_embeddings=False, translate_url=url)
    db = Database(settings.db_path)
    return db, Pipeline(settings, ArticleStore(db))


def test_titles_and_quotes_of_other_languages_get_an_english_rendering_beside_them(
    tmp_path: Path, fake_server: FakeServer
) -> None:
    db, pipeline = stored(tmp_path, fake_server.url)
    with db:
        report = pipeline.store_analysed(batch())
        assert report.added == 4 and not report.problems
        found = renderings_of(db, ["f" * 16, "r" * 16, "e" * 16, "u" * 16])
        assert set(found) == {"f" * 16, "r" * 16}  # English and unknown languages are left alone
        title, quote = found["f" * 16]
        assert (title.kind, title.original, title.text) == ("title", "Le quai nord fermé",
                                                           fake_server.rendering("Le quai nord fermé", "fr"))
        assert (quote.kind, quote.start, quote.source_language) == ("quote", FRENCH.index("Le quai"), "fr")
        assert quote.translator == f"libretranslate:{fake_server.url}"
        kept = ArticleStore(db).get("f" * 16)
        assert kept is not None and kept.title == "Le quai nord fermé"  # the original is never replaced
        assert kept.quotes[0].text == "Le quai nord restera fermé"
    assert sorted(r["source"] for r in fake_server.requests) == ["fr", "ru"]  # one request a language


def test_a_failing_server_loses_no_article_and_says_so(tmp_path: Path, fake_server: FakeServer) -> None:
    fake_server.status, fake_server.answer = 503, {"error": "loading models"}
    db, pipeline = stored(tmp_path, fake_server.url)
    with db:
        report = pipeline.store_analysed(batch())
        assert report.added == 4 and ArticleStore(db).count() == 4
        assert report.failed == 0 and len(report.problems) == 2
        assert all("503" in p.reason and "stored without renderings" in p.reason for p in report.problems)
        assert renderings_of(db, ["f" * 16, "r" * 16]) == {}


def test_without_a_server_nothing_is_sent(tmp_path: Path, fake_server: FakeServer) -> None:
    db, pipeline = stored(tmp_path, "")
    with db:
        assert pipeline.translator is None
        pipeline.store_analysed(batch())
        assert renderings_of(db, ["f" * 16]) == {}
    assert fake_server.requests == []


def test_rendering_again_replaces_the_rendering_only(tmp_path: Path, fake_server: FakeServer) -> None:
    db, pipeline = stored(tmp_path, "")
    with db:
        articles = batch()[:1]
        pipeline.store_analysed(articles)
        client = LibreTranslate(fake_server.url)
        assert translate_articles(db, client, articles) == []
        fake_server.answer = {"translatedText": ["North quay closed", "The north quay will stay closed"]}
        assert translate_articles(db, client, articles) == []
        [title, quote] = renderings_of(db, ["f" * 16])["f" * 16]
        assert (title.text, quote.text) == ("North quay closed", "The north quay will stay closed")
        assert title.original == "Le quai nord fermé"


def test_show_and_export_give_the_renderings_beside_the_originals(
    tmp_path: Path, fake_server: FakeServer
) -> None:
    db, pipeline = stored(tmp_path, fake_server.url)
    with db:
        pipeline.store_analysed(batch())
        lines = io.StringIO()
        write_jsonl(ArticleStore(db), lines)
    records = {r["id"]: r for r in map(json.loads, lines.getvalue().splitlines())}
    french = records["f" * 16]
    assert french["title"] == "Le quai nord fermé"
    assert [(t["kind"], t["original"]) for t in french["translations"]] == [
        ("title", "Le quai nord fermé"), ("quote", "Le quai nord restera fermé")]
    assert records["e" * 16]["translations"] == []
    command = ["show", "f" * 16, "--db", str(tmp_path / "t.db")]
    shown = CliRunner().invoke(app, command, env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "translations" in shown.output
    assert fake_server.rendering("Le quai nord fermé", "fr") in shown.output


def test_crosswire_translate_renders_what_a_failed_run_left(
    tmp_path: Path, fake_server: FakeServer
) -> None:
    fake_server.status, fake_server.answer = 503, {"error": "loading models"}
    db, pipeline = stored(tmp_path, fake_server.url)
    with db:
        pipeline.store_analysed(batch())
    store_path = str(tmp_path / "t.db")
    server = {"CROSSWIRE_TRANSLATE_URL": fake_server.url}
    failed = CliRunner().invoke(app, ["translate", "--db", store_path], env=server)
    assert failed.exit_code == 1 and "503" in failed.output
    fake_server.status, fake_server.answer = 200, None
    done = CliRunner().invoke(app, ["translate", "--db", store_path], env=server)
    assert done.exit_code == 0 and "rendered 2 article(s)" in done.output
    with Database(tmp_path / "t.db") as again:
        assert set(renderings_of(again, ["f" * 16, "r" * 16, "e" * 16])) == {"f" * 16, "r" * 16}
    unset = CliRunner().invoke(app, ["translate", "--db", store_path], env={"CROSSWIRE_TRANSLATE_URL": ""})
    assert unset.exit_code == 1 and "CROSSWIRE_TRANSLATE_URL" in unset.output
