"""Which values fill one slot across outlets (#25, round 2): casualty tolls worded with different
verbs, and days of one event whose sentences name different bystanders; and a denial in one
outlet against another's plain report, in sentences the alignment did not pair. Each story is written
here by hand, with its mentions and time expressions placed as the analysis would place them."""

from __future__ import annotations

import hashlib

from crosswire.stories.compare import compare
from crosswire.stories.disagree import Disagreement, find_disagreements
from crosswire.types import Article, Mention, Sentence, TimeExpr

# (surface, label, entity id) found wherever the surface occurs
NAMES = [
    ("Ostrava Road", "FAC", "E-road"), ("Mayor Ilka Brandt", "PERSON", "E-brandt"),
    ("Councillor Pavel Rusk", "PERSON", "E-rusk"), ("Lenholm", "GPE", "E-lenholm"),
    ("Ada Marsh", "PERSON", "E-marsh"), ("P. Rusk", "PERSON", "E-rusk-2"),
]
# (surface, value, event word it dates)
DAYS = {"on Tuesday": ("2025-04-08", "hearing"), "on Wednesday": ("2025-04-09", "hearing")}


def article(outlet: str, sentences: list[str]) -> Article:
    text, spans, mentions, times = "", [], [], []
    for sentence in sentences:
        start = len(text)
        text += sentence + " "
        spans.append(Sentence(start, start + len(sentence)))
        for name, label, entity in NAMES:
            if name in sentence:
                at = start + sentence.index(name)
                mentions.append(Mention(name, at, at + len(name), label, entity, name))
        for surface, (value, event) in DAYS.items():
            if surface in sentence:
                at, ev = start + sentence.index(surface), start + sentence.index(event)
                times.append(TimeExpr(surface.split()[-1], at + 3, at + len(surface), value, "DATE", start,
                                      start + len(sentence), event_start=ev, event_end=ev + len(event)))
    text = text.rstrip()
    return Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], text=text, source=f"test:{outlet}",
                   outlet=outlet, title="", published="2025-04-10", sentences=spans,
                   mentions=sorted(mentions, key=lambda m: m.start), times=times)


def conflicts(articles: list[Article]) -> set[tuple[str, ...]]:
    found: list[Disagreement] = find_disagreements(articles, compare(articles))
    return {(d.kind, *sorted((d.a.text, d.b.text))) for d in found if d.is_conflict and d.b is not None}


def test_a_toll_worded_with_other_verbs_is_one_slot() -> None:
    """"killed 12" / "murdered 11" count the same dead; "injured" / "wounded" the same injured."""
    a = article("North Ledger", [
        "The gunman killed 12 people and injured more than 30 at the depot on Ostrava Road.",
        "Trains through Lenholm were halted for the evening."])
    b = article("South Courier", [
        "A shooter murdered 11 people and wounded more than 30 others on Ostrava Road.",
        "Rail traffic through Lenholm stopped for hours."])
    assert ("number", "11", "12") in conflicts([a, b])


def test_the_dead_and_the_injured_are_two_slots() -> None:
    a = article("North Ledger", ["The gunman killed 12 people at the depot on Ostrava Road.",
                                 "Trains through Lenholm were halted for the evening."])
    b = article("South Courier", ["The gunman wounded 11 people at the depot on Ostrava Road.",
                                  "Rail traffic through Lenholm stopped for hours."])
    assert not {c for c in conflicts([a, b]) if c[0] == "number"}


def test_one_hearing_dated_two_days_despite_different_people_in_the_sentences() -> None:
    """The people a sentence names elsewhere (whose nominee, who asked) do not make the day of its
    hearing another slot: only people in the date's own clause do."""
    a = article("North Ledger", [
        "Two of Mayor Ilka Brandt's nominees faltered at their zoning hearing on Tuesday before the "
        "Lenholm council.",
        "Trains through Lenholm were halted for the evening."])
    b = article("South Courier", [
        "The nominees faltered at the zoning hearing on Wednesday before the Lenholm council, when "
        "Councillor Pavel Rusk asked about permits.",
        "Rail traffic through Lenholm stopped for hours."])
    assert ("date", "Tuesday", "Wednesday") in conflicts([a, b])


def test_one_person_resolved_to_two_entities_still_meets_by_name() -> None:
    """The resolver split one councillor into two entities across outlets: his vote count is
    still one slot (people are compared by entity and by family name)."""
    a = article("North Ledger", [
        "Councillor Pavel Rusk won 4,200 votes in the Lenholm ward election on Sunday.",
        "Trains through Lenholm were halted for the evening."])
    b = article("South Courier", [
        "P. Rusk won 3,900 votes in the Lenholm ward election.",
        "Rail traffic through Lenholm stopped for hours."])
    assert ("number", "3,900", "4,200") in conflicts([a, b])


def claim_conflicts(a_lines: list[str], b_lines: list[str]) -> list[Disagreement]:
    articles = [article("North Ledger", a_lines), article("South Courier", b_lines)]
    return [d for d in find_disagreements(articles, compare(articles)) if d.kind == "claim"]


FILLER_A = ["Trains through Lenholm were halted for the evening.", "Shops on the square closed early."]
FILLER_B = ["Rail traffic through Lenholm stopped for hours.", "Several cafes stayed shut."]


def test_a_denial_inside_a_long_sentence_meets_the_other_outlets_report() -> None:
    found = claim_conflicts(
        ["Forty marchers were detained on the bridge; officials said the fire was accidental and no "
         "arrests have been made in Ada Marsh's death.", *FILLER_A],
        [*FILLER_B, "Lenholm police arrested a suspect in the death of Ada Marsh, the chief of police "
         "told reporters at noon."])
    assert [d.a.text for d in found] == ["no arrests have been made in Ada Marsh's death."]
    assert found[0].b is not None and "arrested a suspect" in found[0].b.text
    assert found[0].confidence >= 0.6 and "denied" in found[0].reason


def test_a_hedge_or_a_denial_naming_nobody_is_no_claim_conflict() -> None:
    hedged = claim_conflicts(
        ["Officials said Ada Marsh might not attend the memorial for the flood victims.", *FILLER_A],
        [*FILLER_B, "Ada Marsh will attend the memorial for the flood victims with her brother."])
    nameless = claim_conflicts(
        ["Officials said the fire was accidental and no arrests have been made in the death.", *FILLER_A],
        [*FILLER_B, "Lenholm police arrested a suspect in the death of Ada Marsh, the chief said."])
    assert not hedged and not nameless
