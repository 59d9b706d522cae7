"""The LibreTranslate adapter against a local fake server: requests, answers, clear errors."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import pytest

from crosswire.config import Settings
from crosswire.translate import TranslateError, translator_from_settings
from crosswire.translate.http import LibreTranslate

if TYPE_CHECKING:
    from tests.translate.conftest import FakeServer


def test_texts_go_as_one_list_and_come_back_in_order(fake_server: FakeServer) -> None:
    client = LibreTranslate(fake_server.url + "/")
    texts = ["« Nous avons trouvé un prix juste »", "Port-Varenne à l'arrêt"]
    assert client.translate(texts, "fr", "en") == [fake_server.rendering(t, "fr") for t in texts]
    [request] = fake_server.requests
    assert request == {"path": "/translate", "q": texts, "source": "fr", "target": "en", "format": "text"}


def test_long_batches_go_in_chunks(fake_server: FakeServer) -> None:
    texts = [f"фраза {n}" for n in range(7)]
    rendered = LibreTranslate(fake_server.url, chunk=3).translate(texts, "ru", "en")
    assert rendered == [fake_server.rendering(t, "ru") for t in texts]
    assert [len(r["q"]) for r in fake_server.requests] == [3, 3, 1]


def test_the_key_is_sent_when_given(fake_server: FakeServer) -> None:
    fake_server.key = "s3cret"
    rendered = LibreTranslate(fake_server.url, api_key="s3cret").translate(["안녕"], "ko", "en")
    assert rendered == [fake_server.rendering("안녕", "ko")]
    with pytest.raises(TranslateError, match=r"403.*Invalid API key.*CROSSWIRE_TRANSLATE_KEY"):
        LibreTranslate(fake_server.url).translate(["안녕"], "ko", "en")


@pytest.mark.parametrize(
    ("status", "answer", "message"),
    [
        (500, {"error": "model for xx not loaded"}, "refused with 500: model for xx not loaded"),
        (200, {"translatedText": ["only one"]}, "without 2 translatedText strings"),
        (200, {"detail": "something else"}, "LibreTranslate-compatible"),
    ],
)
def test_a_bad_answer_is_a_clear_error(
    fake_server: FakeServer, status: int, answer: object, message: str
) -> None:
    fake_server.status, fake_server.answer = status, answer
    with pytest.raises(TranslateError, match=message):
        LibreTranslate(fake_server.url).translate(["un", "deux"], "fr", "en")


def test_no_server_is_a_clear_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TranslateError, match=r"cannot reach .*unset CROSSWIRE_TRANSLATE_URL"):
        LibreTranslate(f"http://127.0.0.1:{port}", timeout=2).translate(["un"], "fr", "en")


def test_no_translator_unless_a_server_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROSSWIRE_TRANSLATE_URL", raising=False)
    assert translator_from_settings(Settings.from_env()) is None
    monkeypatch.setenv("CROSSWIRE_TRANSLATE_URL", "http://127.0.0.1:5000")
    monkeypatch.setenv("CROSSWIRE_TRANSLATE_KEY", "k")
    translator = translator_from_settings(Settings.from_env())
    assert isinstance(translator, LibreTranslate) and translator.api_key == "k"
