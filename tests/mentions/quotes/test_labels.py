"""How speakers are shown: one wording for the CLI, the web and the brief."""

from __future__ import annotations

import pytest

from crosswire.mentions.quotes.labels import is_named, quote_speaker_label, speaker_label
from crosswire.types import Quote, Speaker, Via


@pytest.mark.parametrize(("name", "kind", "via", "shown"), [
    ("Arvid Lensky", "person", ["Velmar News", "Channel Nine"],
     "Arvid Lensky (via Velmar News, Channel Nine)"),
    ("Arvid Lensky", "person", [], "Arvid Lensky"),
    ("a senior official", "unknown", [], "unknown (a senior official)"),
    (None, None, [], "unknown"),
    ("", "person", [], "unknown"),
    ("Harbor Institute", "organization", ["a study"], "Harbor Institute (via a study)"),
])
def test_speaker_label(name: str | None, kind: str | None, via: list[str], shown: str) -> None:
    assert speaker_label(name, kind, via) == shown


def test_a_quote_with_no_speaker_but_a_chain_is_still_unknown() -> None:
    quote = Quote("the dam will open", 0, 17, "indirect", via=(Via("a video", 20, 27, "document"),))
    assert quote_speaker_label(quote) == "unknown (via a video)"
    assert not is_named(None, None) and not is_named("an aide", "unknown")
    named = Quote("x", 0, 1, "direct", speaker=Speaker("Dana Okafor"))
    assert quote_speaker_label(named) == "Dana Okafor" and is_named("Dana Okafor", "person")


def test_a_role_goes_with_the_name_before_the_chain() -> None:
    assert speaker_label("Arvid Lensky", "person", ["a briefing"], "Harbour Master") == (
        "Arvid Lensky, Harbour Master (via a briefing)"
    )
    assert speaker_label(None, None, [], "Harbour Master") == "unknown"  # no one to give the role to


def test_an_unowned_document_is_named_once() -> None:
    assert speaker_label("the lawsuit", "unknown", ["the lawsuit"]) == "unknown (the lawsuit)"
    assert speaker_label("an aide", "unknown", ["a memo"]) == "unknown (an aide) (via a memo)"
