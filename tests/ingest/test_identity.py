import pytest

from crosswire.ingest.identity import Signer, article_id, best_match, similarity

TEXT = (
    "The harbour authority of Port Adley closed the eastern quay on Monday after inspectors "
    "found cracks in the pilings. Officials said repairs would take three weeks and cost "
    "about 2 million dollars, and that ferries would use the western terminal meanwhile. "
    "Fishing crews who moor at the quay were told to move their boats by Wednesday evening. "
    "The union representing dock workers said it had warned of the damage two years ago and "
    "called for an independent review of how the harbour's maintenance budget was spent. "
    "A spokesperson for the city council said the review would be considered at its next "
    "meeting, and that no jobs were at risk while the repairs were carried out. "
    "Traders at the fish market near the quay said business had already fallen by a third "
    "since the closure was first rumoured, and asked the council for temporary relief. "
    "The western terminal, built in 1998, can handle four ferries an hour at most."
)


@pytest.mark.parametrize(
    "variant",
    [
        TEXT.replace(" ", "  "),
        TEXT.replace("said", "said").upper(),
        "\n" + TEXT.replace(". ", ".\n\n") + "\n",
        TEXT.replace("'", "’"),
    ],
)
def test_id_ignores_case_spacing_and_quote_style(variant: str) -> None:
    assert article_id(variant) == article_id(TEXT)


def test_id_changes_with_the_words() -> None:
    assert article_id(TEXT) != article_id(TEXT.replace("three weeks", "four weeks"))


def test_near_copy_is_similar_and_other_text_is_not() -> None:
    signer = Signer(num_perm=128, bands=32, shingle_words=5)
    original = signer.signature(TEXT)
    syndicated = signer.signature("By Wire Staff\n" + TEXT.replace("three weeks", "a month"))
    unrelated = signer.signature(
        "Voters in Velmar chose a new council on Sunday, with turnout "
        "at a record high and the opposition winning nine of twelve seats."
    )
    assert similarity(original, syndicated) > 0.7
    assert similarity(original, unrelated) < 0.2
    assert set(signer.band_keys(original)) & set(signer.band_keys(syndicated))
    assert best_match(original, [("u", unrelated), ("s", syndicated)], 0.7) == (
        "s",
        similarity(original, syndicated),
    )
    assert best_match(original, [("u", unrelated)], 0.7) is None


def test_signer_rejects_bands_that_do_not_divide_permutations() -> None:
    with pytest.raises(ValueError):
        Signer(num_perm=100, bands=32, shingle_words=5)
