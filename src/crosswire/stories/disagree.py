"""Where outlets disagree: numbers, dates, places and name spellings in aligned claims,
and the names one outlet gives that another leaves out.

Claim-level checks compare two claims of one fact (see ``compare``): each side must have a
value the other lacks — "14 injured" against "15 injured" is a disagreement, "14 injured"
against a claim with no number is only less detail. Spellings are also checked story-wide
through resolved entities: one entity written two close-but-different ways by two outlets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from crosswire.stories.compare import NUMBER, Claim, Coverage, outlet_of
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import normalize
from crosswire.types import Article, Mention

PLACES = frozenset({"GPE", "LOC", "FAC"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True, slots=True)
class SpanRef:
    article_id: str
    outlet: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    kind: str  # number | date | place | spelling | omission
    a: SpanRef
    b: SpanRef | None = None
    missing_from: list[str] = field(default_factory=list)  # omission: outlets that leave it out
    claim_a: SpanRef | None = None
    claim_b: SpanRef | None = None


def find_disagreements(articles: Sequence[Article], coverage: Coverage,
                       settings: StorySettings | None = None) -> list[Disagreement]:
    settings = settings or StorySettings()
    by_id = {a.id: a for a in articles}
    found: list[Disagreement] = []
    for fact in coverage.facts:
        for i, ca in enumerate(fact.claims):
            for cb in fact.claims[i + 1:]:
                if ca.outlet != cb.outlet:
                    found += claim_disagreements(by_id[ca.article_id], ca, by_id[cb.article_id], cb, settings)
    found += spelling_by_entity([by_id[a] for a in _compared(coverage)], settings)
    found += omissions([by_id[a] for a in _compared(coverage)], settings)
    return _unique(found)


def _compared(coverage: Coverage) -> list[str]:
    return sorted({c.article_id for f in coverage.facts for c in f.claims})


def claim_disagreements(a: Article, ca: Claim, b: Article, cb: Claim,
                        settings: StorySettings) -> list[Disagreement]:
    out = []
    for kind, values_a, values_b in (("number", _numbers(a, ca), _numbers(b, cb)),
                                     ("date", _dates(a, ca), _dates(b, cb)),
                                     ("place", _places(a, ca), _places(b, cb))):
        only_a = {k: v for k, v in values_a.items() if k not in values_b}
        only_b = {k: v for k, v in values_b.items() if k not in values_a}
        if kind == "date":  # "March" against "March 3" is less detail, not another date
            only_a, only_b = _same_granularity(only_a, only_b)
        if only_a and only_b and not (kind == "place" and _close_names(only_a, only_b, settings)):
            out.append(Disagreement(kind, _first(only_a), _first(only_b), [], _ref(a, ca), _ref(b, cb)))
    out += _spelling_in_claims(a, ca, b, cb, settings)
    return out


def _ref(article: Article, claim: Claim) -> SpanRef:
    return SpanRef(article.id, claim.outlet, claim.start, claim.end, claim.text)


def _span(article: Article, start: int, end: int) -> SpanRef:
    return SpanRef(article.id, outlet_of(article), start, end, article.text[start:end])


def _first(values: dict[str, SpanRef]) -> SpanRef:
    return min(values.values(), key=lambda r: r.start)


def _numbers(article: Article, claim: Claim) -> dict[str, SpanRef]:
    # Numbers inside a date ("March 14, 2025") are the date checker's, not counts.
    dated = [(t.start, t.end) for t in article.times]
    found: dict[str, SpanRef] = {}
    for match in NUMBER.finditer(claim.text):
        start, end = claim.start + match.start(), claim.start + match.end()
        if not any(s <= start < e for s, e in dated):
            found.setdefault(match.group().replace(",", ""), _span(article, start, end))
    return found


def _dates(article: Article, claim: Claim) -> dict[str, SpanRef]:
    # Keyed by the date part: "4:47 p.m. Monday" and "Monday" are the same day; a time of
    # day alone is too fuzzy ("night", "evening") to call a disagreement.
    return {t.value.split("T")[0]: _span(article, t.start, t.end) for t in article.times
            if t.value and t.type in ("DATE", "TIME") and claim.start <= t.start < claim.end}


def _granularity(value: str) -> str:
    return "week" if "W" in value else str(len(value))


def _same_granularity(a: dict[str, SpanRef],
                      b: dict[str, SpanRef]) -> tuple[dict[str, SpanRef], dict[str, SpanRef]]:
    kinds = {_granularity(k) for k in a} & {_granularity(k) for k in b}
    return ({k: v for k, v in a.items() if _granularity(k) in kinds},
            {k: v for k, v in b.items() if _granularity(k) in kinds})


def _in_claim(article: Article, claim: Claim, labels: frozenset[str]) -> list[Mention]:
    return [m for m in article.mentions if m.label in labels and claim.start <= m.start < claim.end]


def _places(article: Article, claim: Claim) -> dict[str, SpanRef]:
    return {m.entity_id or normalize(m.text): _span(article, m.start, m.end)
            for m in _in_claim(article, claim, PLACES)}


def _close_names(a: dict[str, SpanRef], b: dict[str, SpanRef], settings: StorySettings) -> bool:
    return any(fuzz.ratio(normalize(x.text), normalize(y.text)) >= settings.spelling_ratio
               for x in a.values() for y in b.values())


def is_respelling(x: str, y: str, settings: StorySettings) -> bool:
    """Close but different, and not a short form ("Okafor" of "Dana Okafor" is no respelling)."""
    nx, ny = normalize(x), normalize(y)
    wx, wy = set(nx.split()), set(ny.split())
    if not nx or not ny or nx == ny or wx <= wy or wy <= wx:
        return False
    return fuzz.ratio(nx, ny) >= settings.spelling_ratio


def _spelling_in_claims(a: Article, ca: Claim, b: Article, cb: Claim,
                        settings: StorySettings) -> list[Disagreement]:
    return [Disagreement("spelling", _span(a, ma.start, ma.end), _span(b, mb.start, mb.end), [],
                         _ref(a, ca), _ref(b, cb))
            for ma in _in_claim(a, ca, NAMED) for mb in _in_claim(b, cb, NAMED)
            if ma.label == mb.label and is_respelling(ma.text, mb.text, settings)]


def spelling_by_entity(articles: Sequence[Article], settings: StorySettings) -> list[Disagreement]:
    """One resolved entity, spelled differently by two outlets (their aliases per outlet)."""
    forms: dict[str, dict[str, tuple[Article, Mention]]] = {}
    for article in articles:
        for m in article.mentions:
            if m.entity_id and m.label in NAMED:
                forms.setdefault(m.entity_id, {}).setdefault(normalize(m.text), (article, m))
    out = []
    for spelled in forms.values():
        items = list(spelled.values())
        for i, (aa, ma) in enumerate(items):
            for ab, mb in items[i + 1:]:
                if outlet_of(aa) != outlet_of(ab) and is_respelling(ma.text, mb.text, settings):
                    out.append(Disagreement("spelling", _span(aa, ma.start, ma.end),
                                            _span(ab, mb.start, mb.end)))
    return out


def omissions(articles: Sequence[Article], settings: StorySettings) -> list[Disagreement]:
    """People and organisations one outlet names (twice, or in its lead) that others never name."""
    outlets = sorted({outlet_of(a) for a in articles})
    if len(outlets) < 2:
        return []
    named: dict[str, dict[str, list[tuple[Article, Mention]]]] = {o: {} for o in outlets}
    for article in articles:
        for m in article.mentions:
            if m.label in ("PERSON", "ORG"):
                named[outlet_of(article)].setdefault(_entity_key(m), []).append((article, m))
    out = []
    for outlet in outlets:
        for key, places in named[outlet].items():
            article, first = places[0]
            prominent = len(places) >= 2 or first.start < 0.25 * max(1, len(article.text))
            missing = [o for o in outlets if o != outlet and not _names_it(named[o], key, first, settings)]
            if prominent and missing:
                out.append(Disagreement("omission", _span(article, first.start, first.end), None, missing))
    return out


def _entity_key(m: Mention) -> str:
    return f"e:{m.entity_id}" if m.entity_id else f"n:{normalize(m.canonical or m.text)}"


def _names_it(names: dict[str, list[tuple[Article, Mention]]], key: str, mention: Mention,
              settings: StorySettings) -> bool:
    if key in names:
        return True
    text = normalize(mention.canonical or mention.text)
    surname = text.split()[-1] if text else ""
    # A respelling or a surname alone still names the entity: that is not an omission.
    return any(surname and (surname in normalize(m.canonical or m.text).split()
                            or fuzz.ratio(text, normalize(m.canonical or m.text)) >= settings.spelling_ratio)
               for group in names.values() for _, m in group)


def _unique(found: Iterable[Disagreement]) -> list[Disagreement]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in found:
        if d.kind == "spelling" and d.b is not None:  # found per claim and per entity: once per outlets
            key: tuple[object, ...] = (d.kind, frozenset({(d.a.outlet, normalize(d.a.text)),
                                                          (d.b.outlet, normalize(d.b.text))}))
        else:
            other = (d.b.article_id, d.b.start) if d.b else None
            key = (d.kind, frozenset({(d.a.article_id, d.a.start), other}))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
