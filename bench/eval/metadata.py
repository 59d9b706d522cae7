"""Plain-text metadata on the mission's seed articles (../shared/seeds).

Two real articles in plain text with their expected title, byline and publication date, as
the foundation issue states them. Metric: fraction of fields right, and whether known
boilerplate lines and doubled captions are gone from the text.
"""

from __future__ import annotations

from bench.eval.common import SHARED_EVAL, require
from crosswire.ingest.plaintext import clean_plain_text

NAME = "metadata"

EXPECTED = {
    "000_0e30341d27dc35da.txt": {
        "title": "Kim, Putin meet at Russian spaceport after NK missile launches",
        "byline": "Ji Da-gyum",
        "published": "2023-09-13",
        "outlet": "The Korea Herald",
    },
    "004_fe5f14eb834764ed.txt": {
        "title": "Cosmodrome summit will likely lead to weapons-tech swap by N. Korea, Russia",
        "byline": "Jang Ye-ji",
        "published": "2023-09-14T15:46:00+09:00",
    },
}
BOILERPLATE = ("scroll to top", "Related stories", "Most viewed", "Please direct questions")


def run(limit: int | None = None) -> dict[str, float]:
    seeds = require(SHARED_EVAL.parent / "seeds")
    right = total = clean = 0
    for name, fields in EXPECTED.items():
        cleaned = clean_plain_text(require(seeds / name).read_text(encoding="utf-8"))
        for field, value in fields.items():
            total += 1
            right += getattr(cleaned, field) == value
        paragraphs = cleaned.text.split("\n\n")
        clean += not any(b in cleaned.text for b in BOILERPLATE) and len(paragraphs) == len(set(paragraphs))
    return {"field_accuracy": right / total, "clean_text_rate": clean / len(EXPECTED)}
