"""One entity across scripts: Cyrillic and Hangul names against their Latin press spellings,
with the evidence of each merge, and the names that must stay apart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from crosswire.resolve import cyrillic, resolve_entities, scripts
from crosswire.resolve.hangul import hangul_reading, korean_keys, latin_readings, romanize
from crosswire.resolve.matching import name_key, name_rule
from crosswire.types import Article, Mention


@pytest.mark.parametrize(("hangul", "latin"), [
    ("서울", "seoul"), ("부산", "busan"), ("신라", "silla"), ("종로", "jongno"), ("국물", "gungmul"),
    ("한국어", "hangugeo"), ("입니다", "imnida"), ("백리", "baengni"), ("좋고", "joko"), ("설날", "seollal"),
])
def test_revised_romanization_with_its_sound_changes(hangul: str, latin: str) -> None:
    assert romanize(hangul) == latin


def test_a_given_name_is_romanized_without_sound_changes() -> None:
    assert romanize("석열", name=True) == "seokyeol"
    assert romanize("석열") == "seogyeol"


@pytest.mark.parametrize("spelling", ["Jong Un", "Jong-un", "Jongun", "Jŏng-ŭn", "Jeong-eun", "Jung-eun"])
def test_the_spellings_of_one_given_name_read_as_its_hangul(spelling: str) -> None:
    assert hangul_reading("정은") in latin_readings(spelling)


@pytest.mark.parametrize("spelling", ["Jong Nam", "Yo Jong", "Jong Il", "Seo-yeon"])
def test_other_given_names_do_not(spelling: str) -> None:
    assert hangul_reading("정은") not in latin_readings(spelling)


@pytest.mark.parametrize(("hangul", "spelling"), [
    ("나은", "Na-eun"), ("가은", "Ga Eun"), ("래은", "Rae-eun"),
    ("나은", "Naeun"),  # no break written (or folded away with the hyphen): read both ways
])
def test_a_syllable_break_keeps_two_vowels_apart(hangul: str, spelling: str) -> None:
    # "a" and "e" on the two sides of the break are two syllables' vowels, not one ㅐ.
    assert hangul_reading(hangul) in latin_readings(spelling)


def test_a_korean_name_with_a_hyphen_joins_its_hangul() -> None:
    rule = name_rule("정다은", "Jung Da-eun", "person")
    assert rule is not None and rule.rule == "transliteration: ko Revised Romanization"


# Same person, two scripts (the brief's own example, public figures, and names we made up).
SAME = [
    ("Ким Чен Ын", "Kim Jong Un"), ("김정은", "Kim Jong-un"), ("김정은", "Kim Jongun"),
    ("김정은", "Ким Чен Ын"), ("Ким Чен Ыном", "Kim Jong Un"), ("Ким Чен Ына", "Kim Jong-un"),
    ("Владимир Путин", "Vladimir Putin"), ("Владимира Путина", "Vladimir Putin"),
    ("Путиным Владимиром", "Putin Vladimir"), ("Владимир Зеленский", "Volodymyr Zelenskyy"),
    ("Владимир Зеленский", "Vladimir Zelensky"), ("Алексей Навальный", "Alexei Navalny"),
    ("Александр Ковалёв", "Alexander Kovalev"), ("Фёдор Ёлкин", "Fyodor Yolkin"),
    ("Татьяна Сорокина", "Tatyana Sorokina"), ("박서윤", "Park Seo-yoon"), ("이도현", "Lee Do-hyun"),
    ("이도현", "Ri To Hyon"), ("Ли До Хён", "Lee Do-hyun"), ("최민호", "Choi Min-ho"),
    ("Чхве Мин Хо", "Choe Min Ho"), ("Ким Чен Ира", "Kim Jong Il"), ("Юн Сок Ёль", "Yoon Suk-yeol"),
    ("리설주", "Ri Sol Ju"), ("리설주", "Lee Sol-ju"), ("한덕수", "Han Duck-soo"),
    ("Чхве Ю Джин", "Choi Yu-jin"), ("Сергей Викторович Лавров", "Sergei Lavrov"),
    ("Лавров Сергей Викторович", "Sergei Lavrov"), ("Кузнецова Наталья", "Natalia Kuznetsova"),
]
# Different people whose names come close in another script.
APART = [
    ("Ким Чен Ын", "Kim Jong Nam"), ("김정은", "Kim Yo Jong"), ("김여정", "Kim Jong Un"),
    ("Ким Ё Чжон", "Kim Jong Un"), ("김정남", "Kim Jong-un"),
    ("Александр Ковалёв", "Aleksei Kovalev"), ("Алексей Ковалёв", "Alexander Kovalev"),
    ("Иван Смирнов", "Ivana Smirnova"), ("Путин", "Vladimir Putin"),  # a surname alone never joins
    ("Ким", "Kim Jong Un"), ("박서윤", "Park Seo-yeon"), ("Пак Со Юн", "Pak So Yon"),
    ("Сергей Викторович Лавров", "Viktor Lavrov"),  # a patronymic is the father's name
    ("В. Путин", "V. Putin"), ("Путин В. В.", "Vladimir Putin"),  # initials are no full name
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_a_name_and_its_spelling_in_another_script_are_one_person(a: str, b: str) -> None:
    rule = name_rule(a, b, "person")
    assert rule is not None and rule.rule.startswith("transliteration: ") and rule.strength == 3.0, rule


@pytest.mark.parametrize(("hangul", "other", "family"), [
    ("알렉세이 드로즈도프", "Alexei Drozdov", "person"), ("마르탱 뒤발", "Martin Duval", "person"),
    ("알렉세이 드로즈도프", "Алексей Дроздов", "person"), ("베레즈니키", "Bereznyki", "place"),
])  # fmt: skip
def test_a_foreign_name_korean_writes_by_sound_joins_its_spelling(hangul: str, other: str,
                                                                  family: str) -> None:
    rule = name_rule(hangul, other, family)
    assert rule is not None and rule.rule == "transliteration: ko foreign name by sound", rule


@pytest.mark.parametrize(("a", "b", "family"), [
    ("알렉세이 드로즈도프", "Alexei Dorofeev", "person"),  # another surname
    ("드로즈도프", "Drozdov", "person"),  # a bare surname is no full name
    ("마르탱 뒤발", "Martin Duval Jr", "person"),  # another number of words
    ("Martin Duval", "Мартен Дюваль", "person"),  # Latin and Cyrillic have their own rules
])  # fmt: skip
def test_the_sound_key_joins_nothing_else(a: str, b: str, family: str) -> None:
    rule = name_rule(a, b, family)
    assert rule is None or rule.rule != "transliteration: ko foreign name by sound", rule


@pytest.mark.parametrize(("a", "b"), [
    ("Белоярке", "Beloyarka"),  # a village the dictionary does not know, in the locative
    ("Сокхон", "Sokhon"),  # Russian "кх" for a "kh" sound
    ("해솔항", "Haesol"),  # a Korean port: the name without its ending
])
def test_a_place_in_another_case_or_with_its_ending_joins_its_latin_name(a: str, b: str) -> None:
    rule = name_rule(a, b, "place")
    assert rule is not None and rule.rule.startswith("transliteration: "), rule


@pytest.mark.parametrize(("a", "b"), APART)
def test_close_names_of_two_people_stay_apart(a: str, b: str) -> None:
    assert name_rule(a, b, "person") is None


@pytest.mark.parametrize(("a", "b"), [
    ("Дональд Трамп", "Donald Trump"), ("Джо Байден", "Joe Biden"), ("Риши Сунак", "Rishi Sunak"),
    ("Майк Пенс", "Mike Pence"), ("Олаф Шольц", "Olaf Scholz"), ("Корнелия Уэстбрук", "Cornelia Westbrook"),
])
def test_a_foreign_name_written_as_russian_hears_it_is_a_medium_match(a: str, b: str) -> None:
    rule = name_rule(a, b, "person")
    assert rule is not None and rule.rule == "transliteration: ru foreign name by sound"
    assert rule.strength == 2.0


@pytest.mark.parametrize(("a", "b"), [
    ("Дональд Трамп", "Donald Tusk"), ("Корнелия Уэстбрук", "Cornelius Westbrook"),
    ("Иван Петров", "Ivana Petrova"), ("Юрий Гагарин", "Yuri Garin"),
])
def test_foreign_names_that_sound_different_do_not_match(a: str, b: str) -> None:
    assert name_rule(a, b, "person") is None


def test_a_foreign_name_by_sound_merges_only_with_shared_context() -> None:
    bare = _article("e1", "Cornelia Westbrook spoke.", [("Cornelia Westbrook", "PERSON")], "en")
    russian = _article("r1", "Корнелия Уэстбрук выступила.", [("Корнелия Уэстбрук", "PERSON")], "ru")
    resolve_entities([bare, russian])
    assert bare.mentions[0].entity_id != russian.mentions[0].entity_id
    english = _article("e2", "Cornelia Westbrook spoke in Germany and France.",
                       [("Cornelia Westbrook", "PERSON"), ("Germany", "GPE"), ("France", "GPE")], "en")
    shared = _article("r2", "Корнелия Уэстбрук выступила в Германии и Франции.",
                      [("Корнелия Уэстбрук", "PERSON"), ("Германии", "GPE"), ("Франции", "GPE")], "ru")
    resolution = resolve_entities([english, shared])
    assert english.mentions[0].entity_id == shared.mentions[0].entity_id
    assert any(m.rule == "transliteration: ru foreign name by sound" for m in resolution.merges)


def test_the_evidence_says_when_a_patronymic_was_dropped() -> None:
    rule = name_rule("Сергей Викторович Лавров", "Sergei Lavrov", "person")
    assert rule is not None and rule.rule.endswith("patronymic dropped")


def test_the_evidence_names_the_scheme_and_both_readings() -> None:
    russian = name_rule("Владимир Путин", "Vladimir Putin", "person")
    korean = name_rule("Ким Чен Ын", "Kim Jong Un", "person")
    hangul = name_rule("김정은", "Kim Jong-un", "person")
    assert russian is not None and russian.rule == "transliteration: ru BGN/PCGN"
    assert korean is not None and korean.rule == "transliteration: ko Kontsevich/press"
    assert hangul is not None and hangul.rule == "transliteration: ko Revised Romanization"
    assert "jeongeun" in hangul.detail


def test_a_latin_name_is_korean_only_when_its_given_name_reads_as_korean_syllables() -> None:
    assert korean_keys("Kim Jong Un", "latin")
    assert not korean_keys("Lee Harvey Oswald", "latin")
    assert not korean_keys("Kim Beauchamp", "latin")


@pytest.mark.parametrize(("a", "b"), [
    ("Россия", "Russia"), ("России", "Russia"), ("Russie", "Russia"), ("러시아", "Russia"),
    ("Москва", "Moscow"), ("Москве", "Moscow"), ("서울", "Seoul"), ("평양", "Pyongyang"),
    ("КНДР", "North Korea"), ("북한", "North Korea"), ("Corée du Nord", "North Korea"),
    ("Южной Кореи", "South Korea"), ("Allemagne", "Germany"),
])
def test_a_place_in_another_language_has_its_english_key(a: str, b: str) -> None:
    assert name_key(a, "place") == name_key(b, "place")


def test_an_english_place_keeps_its_key() -> None:
    assert name_key("Velmar's", "place") == name_key("Velmar", "place") == "place:velmar"
    assert name_key("Russia's", "place") == name_key("Russia", "place")


def test_a_capital_in_another_script_is_still_not_its_country() -> None:
    assert name_key("평양", "place") != name_key("North Korea", "place")
    assert name_key("Москва", "place") != name_key("Russia", "place")


def test_a_place_merge_names_its_gazetteer() -> None:
    rule = name_rule("Russie", "Russia", "place")
    assert rule is not None and rule.rule == "translation: fr iso3166"
    assert name_rule("Москва", "Moscow", "place").rule == "translation: GeoNames"  # type: ignore[union-attr]


def test_organisations_and_other_places_match_by_transliteration() -> None:
    org = name_rule("Роскосмос", "Roscosmos", "org")
    place = name_rule("Восточный", "Vostochny", "place")
    assert org is not None and org.rule == "transliteration: ru BGN/PCGN"
    assert place is not None and place.rule.startswith("transliteration: ru")


@pytest.fixture()
def without_morphology(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The suffix rule in place of pymorphy2 (as where natasha is not installed)."""
    monkeypatch.setattr(cyrillic, "_morph", lambda: None)
    cyrillic.nominative.cache_clear()
    yield
    cyrillic.nominative.cache_clear()


@pytest.mark.parametrize(("oblique", "nominative"), [
    ("Путиным", "Путин"), ("Ким Чен Ыном", "Ким Чен Ын"), ("Зеленского", "Зеленский"),
    ("Сергеем Лавровым", "Сергей Лавров"),
])
def test_the_suffix_rule_reaches_the_nominative(without_morphology: None, oblique: str,
                                                nominative: str) -> None:
    assert cyrillic.nominative(oblique) == nominative


@pytest.mark.parametrize(("oblique", "nominative"), [
    ("Владимира Путина", "Владимир Путин"), ("Людмила Путина", "Людмила Путина"),
    ("Анны Ивановой", "Анна Иванова"), ("Ким Чен Ыном", "Ким Чен Ын"), ("Путина", "Путин"),
    ("Сергей Лавров", "Сергей Лавров"),
])
def test_morphology_reaches_the_nominative_with_the_given_names_gender(oblique: str, nominative: str) -> None:
    assert cyrillic.nominative(oblique) == nominative


@dataclass(slots=True)
class _NormalMention(Mention):
    """A mention with the ``normal`` form the language's analysis may add."""

    normal: str | None = None


def _article(article_id: str, text: str, names: list[tuple[str, str]], language: str) -> Article:
    mentions: list[Mention] = []
    for name, label in names:
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), label))
    return Article(id=article_id, text=text, source=article_id, mentions=mentions, language=language)


def test_one_leader_in_three_scripts_is_one_entity_with_its_evidence() -> None:
    english = _article("en", "Kim Jong Un met Vladimir Putin in Russia.",
                       [("Kim Jong Un", "PERSON"), ("Vladimir Putin", "PERSON"), ("Russia", "GPE")], "en")
    russian = _article("ru", "Ким Чен Ын встретился с Владимиром Путиным в России.",
                       [("Ким Чен Ын", "PERSON"), ("Владимиром Путиным", "PERSON"), ("России", "GPE")], "ru")
    korean = _article("ko", "김정은 위원장이 러시아를 방문했다.",
                      [("김정은", "PERSON"), ("러시아", "GPE")], "ko")
    resolution = resolve_entities([english, russian, korean])
    kim = {m.entity_id for a in (english, russian, korean) for m in a.mentions if m.label == "PERSON"
           and m.text in ("Kim Jong Un", "Ким Чен Ын", "김정은")}
    putin = {m.entity_id for a in (english, russian) for m in a.mentions if m.text[:3] in ("Vla", "Вла")}
    russia = {m.entity_id for a in (english, russian, korean) for m in a.mentions if m.label == "GPE"}
    assert len(kim) == len(putin) == len(russia) == 1 and kim != putin
    rules = {m.rule for m in resolution.merges}
    assert {"transliteration: ru BGN/PCGN", "transliteration: ko Revised Romanization"} <= rules


def test_two_people_of_one_family_stay_two_entities_across_scripts() -> None:
    english = _article("en", "Kim Jong Un spoke after Kim Yo Jong.", [("Kim Jong Un", "PERSON"),
                                                                      ("Kim Yo Jong", "PERSON")], "en")
    korean = _article("ko", "김여정 부부장이 말했다.", [("김여정", "PERSON")], "ko")
    resolve_entities([english, korean])
    sister = {english.mentions[1].entity_id, korean.mentions[0].entity_id}
    assert len(sister) == 1 and english.mentions[0].entity_id not in sister


def test_a_name_in_another_script_joins_only_its_own_type() -> None:
    person = _article("a", "Vostochny spoke.", [("Vostochny", "PERSON")], "en")
    place = _article("b", "Космодром Восточный.", [("Восточный", "GPE")], "ru")
    resolve_entities([person, place])
    assert person.mentions[0].entity_id != place.mentions[0].entity_id


def test_a_mentions_normal_form_is_the_name_it_stands_for() -> None:
    text = "Заявление Лаврова Сергея прозвучало."
    start = text.index("Лаврова Сергея")
    mention = _NormalMention("Лаврова Сергея", start, start + 14, "PERSON", normal="Лавров Сергей")
    article = Article(id="n", text=text, source="n", mentions=[mention], language="ru")
    english = _article("e", "Lavrov Sergei spoke.", [("Lavrov Sergei", "PERSON")], "en")
    resolve_entities([article, english])
    assert mention.entity_id == english.mentions[0].entity_id


def test_english_names_find_no_candidates_through_the_keys_of_other_scripts() -> None:
    own = scripts.index_keys_across("vladimir zelensky", "person")
    looked_up = scripts.lookup_keys_across("volodymyr zelenskyy", "person")
    assert own and looked_up and not own & looked_up


def test_a_korean_name_in_russian_is_not_declined_as_a_russian_one() -> None:
    # Russian morphology reads "Ир" as a form of the woman's name "Ира".
    assert scripts.native_form("Ким Чен Ир", "person") == "Ким Чен Ир"
    assert scripts.native_form("Ким Чен Ыном", "person") == "Ким Чен Ын"


def test_the_pairs_list_has_enough_pairs_and_hard_negatives() -> None:
    from bench.eval.names_scripts import read_pairs

    pairs = read_pairs()
    assert len(pairs) >= 80 and sum(not same for *_, same in pairs) >= 30
    assert {family for family, *_ in pairs} == {"person", "place", "org"}


@pytest.mark.parametrize("order", [("en", "ru", "ko"), ("ko", "ru", "en")])
def test_a_stored_entity_is_found_from_another_script_in_a_later_batch(order: tuple[str, ...]) -> None:
    """One article per batch, each resolved against the store alone: the keys of each script
    are in the store's index for the others to find, whichever came first."""
    from trap_corpus import resolve_stored, save_articles

    from crosswire.store import Database
    from crosswire.store.entities import EntityStore

    texts = {"en": ("Kim Jong Un toured Vostochny.", "Kim Jong Un", "Vostochny"),
             "ru": ("Ким Чен Ын посетил Восточный.", "Ким Чен Ын", "Восточный"),
             "ko": ("김정은이 보스토치니를 찾았다.", "김정은", "보스토치니")}
    store = EntityStore(Database())
    articles = []
    for language in order:
        text, person, place = texts[language]
        article = _article(language, text, [(person, "PERSON"), (place, "GPE")], language)
        save_articles(store.db, [article])
        resolve_stored(store, [article])
        articles.append(article)
    people = {a.mentions[0].entity_id for a in articles}
    places = {a.mentions[1].entity_id for a in articles if a.language != "ko"}
    assert len(people) == 1 and len(places) == 1 and None not in people


def test_cross_script_keys_are_shared_by_the_spellings_of_one_name_only() -> None:
    from crosswire.resolve.matching import cross_script_keys

    kim = [cross_script_keys(n, "person") for n in ("김정은", "Kim Jong Un", "Ким Чен Ын")]
    assert kim[0] & kim[1] & kim[2]
    assert not cross_script_keys("김여정", "person") & kim[1]
    assert cross_script_keys("Россия", "place") & cross_script_keys("Russia", "place")
