"""The evaluations of issue #26 (ner_ru, ner_ko, langid): their readers on made-up files,
their splits, and a clean Skip when ../shared is absent. No evaluation data is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.eval import langid, ner_ko, ner_ru
from bench.eval.common import Skip, hash_bucket
from bench.eval.run import MODULES


def test_the_three_evaluations_are_registered() -> None:
    assert {"ner_ru", "ner_ko", "langid"} <= set(MODULES)
    for module in (ner_ru, ner_ko, langid):
        assert module.TUNING != module.REPORTING


def test_factrueval_objects_span_from_their_first_to_their_last_span(tmp_path: Path) -> None:
    (tmp_path / "book_1.spans").write_text(
        "1 loc_name 10 6 100 1  # 100 Казани\n2 org_descr 0 5 101 1  # 101 мэрия\n"
        "3 name 20 5 102 1  # 102 Ольга\n4 surname 26 8 103 1  # 103 Смирнова\n",
        encoding="utf-8",
    )
    (tmp_path / "book_1.objects").write_text(
        "7 Org 1 2 # Казани мэрия\n8 LocOrg 1 # Казани\n9 Person 3 4 # Ольга Смирнова\n10 Project 3 #\n",
        encoding="utf-8",
    )
    assert sorted(ner_ru.read_gold(tmp_path, "book_1")) == [(0, 16, "ORG"), (10, 16, "LOC"), (20, 34, "PER")]


def test_klue_blocks_become_sentences_with_their_entities() -> None:
    chars = "박\tB-PS\n \tO\n씨\tO\n가\tO\n \tO\n녹\tB-LC\n원\tI-LC\n시\tI-LC\n에\tO\n"
    data = f"## s-1\t<박:PS> 씨가 <녹원시:LC>에\n{chars}\n"
    (sentence,) = ner_ko.read_sentences(data)
    assert sentence.id == "s-1"
    assert sentence.text == "박 씨가 녹원시에"
    assert sorted(sentence.gold) == [(0, 1, "PS"), (5, 8, "LC")]


def test_written_paragraphs_are_long_enough_and_split_both_ways() -> None:
    texts = [t for group in langid.WRITTEN.values() for t in group]
    assert all(len(t.split()) >= langid.MIN_WORDS for t in texts)
    assert {hash_bucket(t, 2) for t in texts} == {0, 1}


@pytest.mark.parametrize("module", [ner_ru, ner_ko, langid])
def test_missing_data_is_a_skip(module: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(f"{module.__name__}.SHARED_EVAL", tmp_path)  # type: ignore[attr-defined]
    with pytest.raises(Skip):
        module.run(limit=1, split="tuning")  # type: ignore[attr-defined]
