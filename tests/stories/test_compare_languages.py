"""The comparison across languages: a claim in another language than the story's joins a fact
of the story's language only on shared language-free values (one resolved entity id and the same
figure or stated day), is marked as such with its evidence, and is never a unique report nor
checked for conflicts against claims in the other language."""

from __future__ import annotations

from crosswire.store.queries.records import StoryMember
from crosswire.stories.compare import Coverage, Fact, Values, compare, is_claim, language_evidence
from crosswire.stories.disagree import find_disagreements
from crosswire.stories.record import build_record
from crosswire.stories.settings import StorySettings
from crosswire.types import Article, Mention, TimeExpr

MAYOR = "E-mayor"
PORT = "E-port"


def _article(aid: str, outlet: str, language: str, text: str, names: tuple[tuple[str, str], ...] = (),
             days: tuple[tuple[str, str], ...] = ()) -> Article:
    """An article with its mentions resolved to ``names`` (surface, entity id) and its stated
    ``days`` (surface, ISO value), at the offsets where the text has them."""
    mentions = [Mention(name, text.index(name), text.index(name) + len(name), "PERSON", eid)
                for name, eid in names]
    times = [TimeExpr(day, text.index(day), text.index(day) + len(day), value, "DATE") for day, value in days]
    return Article(id=aid, text=text, source="test", outlet=outlet, language=language, mentions=mentions,
                   times=times)


def _english() -> list[Article]:
    return [
        _article("en1", "Harbour Post", "en",
                 "Mayor Odile Karsk approved a budget of $1.2 billion for the new ferry port on March 11. "
                 "Fishermen in the old town said they were never asked about the plan.",
                 (("Odile Karsk", MAYOR),), (("March 11", "2031-03-11"),)),
        _article("en2", "Coast Daily", "en",
                 "The council led by Odile Karsk backed a $1.2 billion ferry port plan on March 11, 2031. "
                 "Construction is expected to take four years, officials told reporters.",
                 (("Odile Karsk", MAYOR),), (("March 11, 2031", "2031-03-11"),)),
    ]


def _fact_of(coverage: Coverage, article_id: str) -> Fact:
    return next(f for f in coverage.facts if any(c.article_id == article_id for c in f.claims))


def test_a_russian_claim_with_the_same_mayor_and_figure_joins_the_english_fact() -> None:
    russian = _article("ru1", "Vestnik", "ru",
                       "Мэр Одиль Карск утвердила бюджет нового паромного порта в 1,2 млрд долларов.",
                       (("Одиль Карск", MAYOR),))
    coverage = compare([*_english(), russian])
    fact = _fact_of(coverage, "ru1")
    assert fact.cross_language
    assert {"Harbour Post", "Vestnik"} <= set(fact.outlets)
    assert f"entity:{MAYOR}" in fact.evidence and "figure:1200000000" in fact.evidence
    # the Russian outlet confirms; it is never a comparable outlet nor one outlet's unique report
    assert "Vestnik" not in coverage.comparable_outlets()
    assert all(c.outlet != "Vestnik" for f in coverage.unique() for c in f.claims)


def test_a_korean_claim_with_the_same_mayor_and_day_joins_the_english_fact() -> None:
    korean = _article("ko1", "Haean Ilbo", "ko",
                      "오딜 카르스크 시장은 3월 11일 새 여객선 항구 계획을 승인했다고 밝혔다.",
                      (("오딜 카르스크", MAYOR),), (("3월 11일", "2031-03-11"),))
    coverage = compare([*_english(), korean])
    fact = _fact_of(coverage, "ko1")
    assert fact.cross_language and "Haean Ilbo" in fact.outlets
    assert fact.evidence == ["date:2031-03-11", f"entity:{MAYOR}"]  # the Korean claim gives no figure
    assert any("Odile Karsk" in c.text for c in fact.claims)


def test_the_same_mayor_with_another_figure_and_day_is_another_event() -> None:
    russian = _article("ru2", "Vestnik", "ru",
                       "Мэр Одиль Карск 2 апреля открыла школу на 450 учеников в старом квартале.",
                       (("Одиль Карск", MAYOR),), (("2 апреля", "2031-04-02"),))
    coverage = compare([*_english(), russian])
    fact = _fact_of(coverage, "ru2")
    assert not fact.cross_language and fact.outlets == ["Vestnik"]
    assert not any(f.cross_language for f in coverage.facts)
    assert all(c.outlet != "Vestnik" for f in coverage.unique() for c in f.claims)


def test_a_shared_name_alone_or_a_shared_figure_alone_aligns_nothing() -> None:
    same_name = _article("ru3", "Vestnik", "ru",
                         "Мэр Одиль Карск встретилась с рыбаками старого города в пятницу вечером.",
                         (("Одиль Карск", MAYOR),))
    same_figure = _article("ru4", "Izvestnik", "ru",
                           "Компания Портстрой получила кредит в 1,2 млрд долларов на новые суда.",
                           (("Портстрой", PORT),))
    coverage = compare([*_english(), same_name, same_figure])
    assert not any(f.cross_language for f in coverage.facts)


def test_evidence_needs_no_figure_or_day_against_it() -> None:
    english: Values = (frozenset({MAYOR}), frozenset({"1200000000"}), frozenset({"2031-03-11"}))
    other_day: Values = (frozenset({MAYOR}), frozenset({"1200000000"}), frozenset({"2031-03-12"}))
    more_figures: Values = (frozenset({MAYOR}), frozenset({"1200000000", "450"}), frozenset())
    unresolved: Values = (frozenset(), frozenset({"1200000000"}), frozenset({"2031-03-11"}))
    assert language_evidence(english, english) == [f"entity:{MAYOR}", "figure:1200000000", "date:2031-03-11"]
    assert language_evidence(english, other_day) == []
    assert language_evidence(english, more_figures) == []
    assert language_evidence(english, unresolved) == []


def test_no_conflict_or_omission_is_reported_across_languages() -> None:
    russian = _article("ru1", "Vestnik", "ru",
                       "Мэр Одиль Карск утвердила бюджет нового паромного порта в 1,2 млрд долларов.",
                       (("Одиль Карск", MAYOR),))
    story = [*_english(), russian]
    coverage = compare(story)
    assert any(f.cross_language for f in coverage.facts)
    found = find_disagreements(story, coverage)
    assert all("Vestnik" not in (d.a.outlet, d.b.outlet if d.b else None, *d.missing_from) for d in found)


def test_a_korean_sentence_is_a_claim_though_hangul_has_no_lower_case() -> None:
    assert is_claim("시장은 새 항구 계획을 승인했다고 밝혔다.")
    assert not is_claim("PORT ADLEY, Carrow (Wire) -")


def test_the_story_record_marks_the_fact_across_languages_with_its_evidence() -> None:
    russian = _article("ru1", "Vestnik", "ru",
                       "Мэр Одиль Карск утвердила бюджет нового паромного порта в 1,2 млрд долларов.",
                       (("Одиль Карск", MAYOR),))
    members = [(a, StoryMember(a.id, 1.0, True)) for a in [*_english(), russian]]
    record = build_record({"id": "s", "title": "t"}, members, None, StorySettings())
    marked = [f for f in record["coverage"]["facts"] if f["cross_language"]]
    assert len(marked) == 1 and "Vestnik" in marked[0]["outlets"]
    assert "figure:1200000000" in marked[0]["evidence"]
    assert all(not f["evidence"] for f in record["coverage"]["facts"] if not f["cross_language"])
