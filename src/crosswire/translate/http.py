"""The LibreTranslate HTTP adapter: POST /translate with {q, source, target, format, api_key}.

LibreTranslate (https://github.com/LibreTranslate/LibreTranslate) and servers that copy its
API take a list of texts in ``q`` and answer ``{"translatedText": [...]}`` in the same order,
or ``{"error": "..."}`` with a 4xx/5xx status. Texts go in chunks (``chunk``) so one long
batch is neither one huge request nor one request per quote. The transport is httpx's, so
tests can pass a ``MockTransport`` or serve answers from a local server.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from crosswire.translate import TranslateError

# Texts per request: a batch's titles and quotes are short; 40 keeps a request small.
CHUNK = 40


class LibreTranslate:
    """A LibreTranslate-compatible server at ``url`` (e.g. http://localhost:5000)."""

    def __init__(self, url: str, api_key: str | None = None, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None, chunk: int = CHUNK) -> None:
        self.url = url.rstrip("/")
        self.name = f"libretranslate:{self.url}"
        self.api_key = api_key
        self.chunk = chunk
        self._client = httpx.Client(timeout=timeout, transport=transport)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        out: list[str] = []
        for start in range(0, len(texts), self.chunk):
            out += self._request(list(texts[start:start + self.chunk]), source, target)
        return out

    def close(self) -> None:
        self._client.close()

    def _request(self, texts: list[str], source: str, target: str) -> list[str]:
        body: dict[str, Any] = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        where = f"{self.url}/translate"
        try:
            response = self._client.post(where, json=body)
        except httpx.TimeoutException as exc:
            raise TranslateError(f"{where} did not answer in time ({exc.__class__.__name__}): is the "
                                 "server up? Raise CROSSWIRE_TRANSLATE_TIMEOUT for a slow one") from exc
        except httpx.HTTPError as exc:
            raise TranslateError(f"cannot reach {where}: {exc}. Start the server (docs/multilingual.md) "
                                 "or unset CROSSWIRE_TRANSLATE_URL") from exc
        return _rendered(response, where, len(texts))


def _rendered(response: httpx.Response, where: str, expected: int) -> list[str]:
    try:
        data = response.json()
    except ValueError as exc:
        raise TranslateError(f"{where} answered {response.status_code} with no JSON: is it a "
                             "LibreTranslate-compatible server?") from exc
    if response.status_code != 200:
        reason = data.get("error") if isinstance(data, dict) else None
        hint = " (check CROSSWIRE_TRANSLATE_KEY)" if response.status_code in (401, 403) else ""
        reason = reason or response.text[:200]
        raise TranslateError(f"{where} refused with {response.status_code}: {reason}{hint}")
    rendered = data.get("translatedText") if isinstance(data, dict) else None
    if isinstance(rendered, str) and expected == 1:
        rendered = [rendered]
    if not isinstance(rendered, list) or len(rendered) != expected \
            or not all(isinstance(t, str) for t in rendered):
        raise TranslateError(f"{where} answered without {expected} translatedText strings: "
                             "is it a LibreTranslate-compatible server?")
    return rendered
