"""Articles in French, Russian, Korean and a language with no model, through the whole
pipeline: each stored with its language and its own parser's names, none failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.nlp.annotate import UNANALYSED_NOTE
from crosswire.pipeline import Pipeline
from crosswire.store import queries

TEXTS = {
    "fr": "Le ministre Julien Marchand a visité Lyon mardi. Il a rencontré des représentants de la mairie "
    "pour discuter du nouveau tramway, qui doit relier le centre-ville à l'aéroport d'ici trois ans.",
    "ru": "Глава ведомства Ольга Смирнова заявила в Казани, что строительство нового моста начнётся весной. "
    "По её словам, работы продлятся не меньше двух лет и обойдутся городу дороже, чем ожидалось.",
    "ko": "김영수 위원장은 서울에서 열린 회의에서 새 다리 건설이 봄에 시작될 것이라고 말했다. "
    "그는 공사가 적어도 2년 동안 계속될 것이며 비용도 예상보다 많이 들 것이라고 덧붙였다.",
    "tr": "Bakan Ayşe Demir salı günü Ankara'da yaptığı açıklamada yeni köprünün yapımına ilkbaharda "
    "başlanacağını söyledi. Çalışmaların en az iki yıl süreceğini ve maliyetin beklenenden yüksek "
    "olacağını ekledi.",
}


@pytest.mark.slow
def test_each_language_is_stored_with_its_own_names(pipeline: Pipeline, tmp_path: Path) -> None:
    for language, text in TEXTS.items():
        (tmp_path / f"{language}.txt").write_text(text, encoding="utf-8")
    report = pipeline.ingest([str(tmp_path)])
    assert report.problems == [] and report.added == len(TEXTS)
    db = pipeline.store.db
    stored = {a.language: queries.article(db, a.id) for a in queries.list_articles(db)}
    assert set(stored) == set(TEXTS)
    names = {lang: {(m.text, m.label) for m in a.mentions} for lang, a in stored.items() if a is not None}
    assert ("Julien Marchand", "PERSON") in names["fr"]
    assert ("Ольга Смирнова", "PERSON") in names["ru"]
    assert ("김영수", "PERSON") in names["ko"]
    assert names["tr"] == set()
    turkish = stored["tr"]
    assert turkish is not None and UNANALYSED_NOTE.format(language="tr") in turkish.notes
    assert turkish.sentences
