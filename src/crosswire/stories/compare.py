"""Fact alignment within a story: claims per article, aligned across outlets, and coverage.

A claim is a sentence (the article's stored sentences, or a regex split when it has none),
cut at paragraph breaks; datelines and headings are none. Claims of different independent
articles are aligned when they say the same thing: embedding cosine (or a rapidfuzz
token-set ratio without a model), nudged up by shared numbers and entities. A *fact* is a
group of aligned claims with at most one claim per article; the coverage matrix says which
outlet carries which fact, and a fact carried by one outlet only is that outlet's unique
report. Syndicated copies are left out: a copy is the same source again, not a second outlet
confirming the fact.

The agreed core is the facts every comparable outlet carries; partial facts are carried by
some, with the outlets that leave them out. A fact is one outlet's alone only when no other
outlet has a claim *near* it (a lower bar than alignment: "someone else has it" needs less than
"the same"); unique facts are ranked by salience (the story's central entities, position in
the article, figures). ``stories.claims`` reads each claim's frame.

What counts as a unique report is narrower than "a fact with one outlet": a claim that is
mostly a direct quotation is listed under who said what (and quote variants) instead, and a
claim in another language than the story's cannot be checked against the others by its words.
What does cross languages is a claim's language-free values (``stories.crosslang``): a claim in
another language joins a fact of the story's language when the two name one resolved entity id
*and* give the same figure or the same stated day, with no other figure or day against it. Such a
fact is marked ``cross_language`` with the shared values as its ``evidence``; it confirms the
fact, and nothing else is compared across languages (no unique report, no omission).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from crosswire.ingest.language import detect_language
from crosswire.lexicon import FUNCTION_WORDS
from crosswire.stories.crosslang import event_dates, figures_in
from crosswire.stories.features import Embedder
from crosswire.stories.settings import StorySettings
from crosswire.types import Article

# A sentence when an article has no stored ones: up to a stop followed by a space or the end
# (a stop inside "1.2 billion" or "4:47 p.m.," ends nothing).
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s\"'”’]))+(?:[.!?]+[\"'”’]?|$)")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_WORD = re.compile(r"[^\W\d_]+")
STEM = 6  # letters a content word is cut to


@dataclass(slots=True)
class Claim:
    article_id: str
    outlet: str
    start: int
    end: int
    text: str
    entities: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    quoted: bool = False  # mostly the words of a direct quotation
    foreign: bool = False  # in another language than the story's
    position: int = 0  # the claim's rank in its article (0: the lead)


@dataclass(slots=True)
class Fact:
    claims: list[Claim] = field(default_factory=list)
    # Outlets not in the fact with a claim near one of its claims (score at least the lower
    # support threshold): not the same fact for sure, but enough that the fact is not theirs
    # alone to report.
    near: set[str] = field(default_factory=set)
    salience: float = 0.0
    # Claims in two languages, aligned on shared values (not words): "entity:<id>",
    # "figure:<canonical>", "date:<YYYY-MM-DD>".
    cross_language: bool = False
    evidence: list[str] = field(default_factory=list)
    # Other claims that say the fact again (``attach_restatements``): an outlet's second
    # sentence of it (the lead and a later paragraph), or a claim the one-claim-per-article rule
    # kept out because its article's best match went elsewhere. They count for who carries the
    # fact; values are compared on ``claims`` only.
    restated: list[Claim] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({c.outlet for c in (*self.claims, *self.restated)})


@dataclass(slots=True)
class Coverage:
    outlets: list[str]
    facts: list[Fact]

    def matrix(self) -> list[list[bool]]:
        return [[o in f.outlets for o in self.outlets] for f in self.facts]

    def unique(self) -> list[Fact]:
        """Facts only one outlet reports (meaningful once the story has two outlets), most
        salient first.

        Only when no other outlet has a claim near it (``Fact.near``): a figure all outlets
        give in other words is not one outlet's alone. A quotation only one outlet prints is
        shown with its speaker, not here; a claim in another language than the story's was
        never comparable, so it is not "unique" either.
        """
        if len(self.comparable_outlets()) < 2:
            return []
        # A claim that restates a fact other outlets carry is theirs too, whatever its own
        # singleton fact says.
        restating = {id(c) for f in self.facts if len(f.outlets) > 1 for c in f.restated}
        found = [f for f in self.facts if len(f.outlets) == 1 and not f.near - set(f.outlets)
                 and not any(c.quoted or c.foreign or id(c) in restating for c in f.claims)]
        return sorted(found, key=lambda f: -f.salience)

    def comparable_outlets(self) -> list[str]:
        """Outlets with claims in the story's main language (the others cannot agree)."""
        return sorted({c.outlet for f in self.facts for c in f.claims if not c.foreign})

    def agreed(self) -> list[Fact]:
        """The agreed core: facts every comparable outlet carries (two outlets at least)."""
        every = set(self.comparable_outlets())
        return [f for f in self.facts if len(every) >= 2 and set(f.outlets) >= every]

    def partial(self) -> list[Fact]:
        """Facts some outlets carry and others leave out (``missing``: who)."""
        every = set(self.comparable_outlets())
        return [f for f in self.facts if len(f.outlets) >= 2 and not set(f.outlets) >= every]

    def missing(self, fact: Fact) -> list[str]:
        return sorted(set(self.comparable_outlets()) - set(fact.outlets))


def outlet_of(article: Article) -> str:
    # An article with no known outlet is its own source: never merged with another unknown.
    return article.outlet or f"(unknown {article.id[:6]})"


def numbers_in(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in NUMBER.findall(text))


def claim_spans(article: Article) -> list[tuple[int, int]]:
    """Sentences, cut at paragraph breaks: a segmenter may glue the closing quote mark of one
    paragraph to the next ('"\n\nLucia Ferrand said'), and no claim spans two paragraphs."""
    spans = [(s.start, s.end) for s in article.sentences]
    if not spans:
        spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(article.text)]
    out = []
    for start, end in spans:
        for piece in re.finditer(r"(?:(?!\n\s*\n).)+", article.text[start:end], re.S):
            text = piece.group()
            left, right = len(text) - len(text.lstrip()), len(text.rstrip())
            if right > left:
                out.append((start + piece.start() + left, start + piece.start() + right))
    return out


def is_claim(text: str) -> bool:
    # Datelines, bylines and headings ("PORT ADLEY, Carrow (Wire) -") carry no claim: fewer
    # than four words, or not one lower-case word among them. A script without case (Korean)
    # has no capitals either: a word in it counts as lower-case.
    words = text.split()
    return len(words) >= 4 and any(w[:1].isalpha() and not w[:1].isupper() for w in words)


def _quoted(article: Article, start: int, end: int) -> bool:
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in article.quotes if q.kind == "direct")
    return inside > 0.5 * (end - start)


def extract_claims(article: Article, settings: StorySettings, foreign: bool = False) -> list[Claim]:
    claims: list[Claim] = []
    for start, end in claim_spans(article):
        text = article.text[start:end]
        if not is_claim(text):
            continue
        entities = frozenset(m.entity_id or m.text.lower() for m in article.mentions
                             if start <= m.start < end)
        claims.append(Claim(article.id, outlet_of(article), start, end, text, entities, numbers_in(text),
                            _quoted(article, start, end), foreign, len(claims)))
        if len(claims) >= settings.max_claims_per_article:
            break
    return claims


def similarity_matrix(claims: Sequence[Claim], embedder: Embedder | None) -> np.ndarray:
    return text_similarity([c.text for c in claims], embedder)


def text_similarity(
    texts: Sequence[str], embedder: Embedder | None, comparable: Callable[[int, int], bool] | None = None
) -> np.ndarray:
    """Pairwise similarity of texts: embedding cosine, or rapidfuzz token-set ratio / 100 without
    a model (there only for the pairs ``comparable`` allows: the ratio is the costly part)."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    if embedder is not None:
        vectors = embedder.embed(list(texts))
        return np.asarray(vectors @ vectors.T, dtype=np.float32)
    n = len(texts)
    sims = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if comparable is None or comparable(i, j):
                sims[i, j] = sims[j, i] = fuzz.token_set_ratio(texts[i], texts[j]) / 100.0
    return sims


def _bonus(a: Claim, b: Claim, everywhere: frozenset[str] = frozenset()) -> float:
    """Shared specifics make an alignment likelier (two claims about the same 14 people).

    An entity every article of the story names (the country, the city) is no specific: it
    would pull together any two claims that happen to mention it.
    """
    return 0.05 * bool((a.entities & b.entities) - everywhere) + 0.05 * bool(a.numbers & b.numbers)


def content_stems(text: str) -> frozenset[str]:
    """A claim's content words, crudely stemmed: lower-case words of four letters or more that
    are no function words, cut to six letters ("withdrawing" and "withdrawal" meet)."""
    return frozenset(w[:STEM] for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in FUNCTION_WORDS)


def word_overlap(texts: Sequence[str], topic: frozenset[str] = frozenset()) -> np.ndarray:
    """Pairwise overlap coefficient of the texts' content words (shared / the fewer of the two),
    leaving out the ``topic`` words (stems).

    What a sentence embedding misses: it puts two sentences on one topic close ("the senator
    will propose a law" / "the president backed such laws"), while one fact told twice shares
    its specific words ("notified", "withdraw", "one-year").
    """
    stems = [content_stems(t) - topic for t in texts]
    vocabulary = {w: n for n, w in enumerate(sorted(set().union(*stems)))} if stems else {}
    rows = np.zeros((len(texts), max(1, len(vocabulary))), dtype=np.float32)
    for i, words in enumerate(stems):
        rows[i, [vocabulary[w] for w in words]] = 1.0
    shared = rows @ rows.T
    sizes = rows.sum(axis=1)
    fewer = np.minimum.outer(sizes, sizes)
    overlap: np.ndarray = np.divide(shared, fewer, out=np.zeros_like(shared), where=fewer > 0)
    return overlap


def topic_stems(claims: Sequence[Claim]) -> frozenset[str]:
    """Content words every article of the story uses ("treaty", "river"): the topic, which two
    claims sharing says nothing about their being one fact (as for entities in ``_bonus``)."""
    per_article: dict[str, set[str]] = {}
    for c in claims:
        per_article.setdefault(c.article_id, set()).update(content_stems(c.text))
    return frozenset(set.intersection(*per_article.values())) if len(per_article) > 1 else frozenset()


def scores(claims: Sequence[Claim], sims: np.ndarray) -> np.ndarray:
    """Alignment scores: similarity plus shared specifics; claims of one article, and claims
    in two different languages (whose similarity means nothing), never align."""
    per_article: dict[str, set[str]] = {}
    for c in claims:
        per_article.setdefault(c.article_id, set()).update(c.entities)
    everywhere = frozenset(set.intersection(*per_article.values())) if len(per_article) > 1 else frozenset()
    out = np.array(sims, dtype=np.float32, copy=True)
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            same = a.article_id == b.article_id or a.foreign != b.foreign
            out[i, j] = out[j, i] = -1.0 if same else out[i, j] + _bonus(a, b, everywhere)
    return out


def with_words(claims: Sequence[Claim], matrix: np.ndarray, weight: float,
               topic: frozenset[str] = frozenset()) -> np.ndarray:
    """``matrix`` (``scores``) plus ``weight`` times the claims' ``word_overlap`` (``topic``
    words left out), where claims may align at all."""
    if not weight or not len(claims):
        return matrix
    words = weight * word_overlap([c.text for c in claims], topic)
    return np.where(matrix > -1.0, matrix + words, matrix).astype(np.float32)


def align(claims: Sequence[Claim], sims: np.ndarray, threshold: float, margin: float = 1.0) -> list[Fact]:
    """Greedy: best pairs first; a fact holds at most one claim per article.

    Two groups merge through their best pair only when every claim of one is also near every
    claim of the other (score at least ``threshold - margin``): otherwise A~B and B~C chain A
    and C into one fact although A and C say different things.
    """
    return align_scored(claims, scores(claims, sims), threshold, margin)


def align_scored(claims: Sequence[Claim], matrix: np.ndarray, threshold: float,
                 margin: float = 1.0) -> list[Fact]:
    """``align`` on alignment scores already computed (``scores``)."""
    pairs = sorted(((float(matrix[i, j]), i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))
                    if matrix[i, j] >= threshold), reverse=True)
    group = list(range(len(claims)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    for _, i, j in pairs:
        gi, gj = _root(group, i), _root(group, j)
        if gi == gj or _articles(claims, members[gi]) & _articles(claims, members[gj]):
            continue
        if float(matrix[np.ix_(members[gi], members[gj])].min()) < threshold - margin:
            continue
        group[gj] = gi
        members[gi] += members.pop(gj)
    facts: dict[int, Fact] = {}
    for i, claim in enumerate(claims):
        facts.setdefault(_root(group, i), Fact()).claims.append(claim)
    return sorted(facts.values(), key=lambda f: (-len(f.outlets), f.claims[0].article_id, f.claims[0].start))


def attach_restatements(claims: Sequence[Claim], facts: Sequence[Fact], matrix: np.ndarray, threshold: float,
                        lead: float) -> None:
    """Facts of two outlets or more gain the claims outside them that say them too.

    The greedy alignment puts one claim per article in a fact, so when an outlet says a thing
    twice (its lead, then a paragraph that restates it) or its sentence's best match went to
    another fact, the fact misses a claim an editor would cite. A claim restates a fact when it
    reaches ``threshold`` with every claim of the fact from another article, and ``threshold +
    lead`` with one of them: more than alignment asks, because a story's sentences on one topic
    are all close to each other. Each claim restates one fact at most (its closest), and a fact
    takes one restating claim per article (the closest): restatements widen a fact by a
    sentence per outlet, never into a topic.
    """
    index = {id(c): n for n, c in enumerate(claims)}
    articles = np.array([c.article_id for c in claims], dtype=object)
    closest, restates = np.full(len(claims), -2.0), np.full(len(claims), -1)  # score, fact
    outside = np.array([not c.foreign for c in claims], dtype=bool)
    for n, fact in enumerate(facts):
        if len(fact.outlets) < 2:
            continue
        members = np.array([index[id(c)] for c in fact.claims])
        score = _restating_scores(matrix[:, members], articles[:, None] != articles[members][None, :],
                                  threshold, lead)
        score[members] = np.nan
        better = outside & (score > closest)  # NaN (no restatement) is never greater
        closest[better], restates[better] = score[better], n
    per_article: dict[tuple[int, str], tuple[float, int]] = {}  # (fact, article) -> (score, claim)
    for found in np.nonzero(restates >= 0)[0]:
        claim = int(found)
        key = (int(restates[claim]), claims[claim].article_id)
        if closest[claim] > per_article.get(key, (-2.0, -1))[0]:
            per_article[key] = (float(closest[claim]), claim)
    for (fact_at, _), (_, claim_at) in sorted(per_article.items(), key=lambda item: claims[item[1][1]].start):
        facts[fact_at].restated.append(claims[claim_at])


def _restating_scores(block: np.ndarray, other: np.ndarray, threshold: float, lead: float) -> np.ndarray:
    """Each claim's mean score with a fact's claims of other articles (``block``: claims x the
    fact's claims; ``other``: the pair is of two articles) when it restates the fact (see
    ``attach_restatements``), else NaN."""
    scores_ = block.astype(np.float64)
    count = other.sum(axis=1)
    high = np.where(other, scores_, -np.inf).max(axis=1)
    low = np.where(other, scores_, np.inf).min(axis=1)
    mean = np.where(other, scores_, 0.0).sum(axis=1) / np.maximum(count, 1)
    restating = (count > 0) & (high >= threshold + lead) & (low >= threshold)
    out: np.ndarray = np.where(restating, mean, np.nan)
    return out


def _articles(claims: Sequence[Claim], members: Sequence[int]) -> set[str]:
    return {claims[k].article_id for k in members}


def _root(group: list[int], i: int) -> int:
    while group[i] != i:
        group[i] = group[group[i]]
        i = group[i]
    return i


def syndicated(articles: Sequence[Article]) -> set[str]:
    """Ids of the story's syndicated copies: near-duplicates of another of its articles."""
    ids = {a.id for a in articles}
    return {a.id for a in articles if a.near_duplicate_of and a.near_duplicate_of in ids}


def independent(articles: Sequence[Article], limit: int = 12) -> list[Article]:
    """The story's independent articles (no syndicated copies), one per outlet first, capped."""
    copies = syndicated(articles)
    sources = [a for a in articles if a.id not in copies]
    first: dict[str, Article] = {}
    for article in sources:
        first.setdefault(outlet_of(article), article)
    chosen = list(first.values())
    return (chosen + [a for a in sources if a not in chosen])[:limit]


def main_language(articles: Sequence[Article]) -> dict[str, bool]:
    """Which articles are in another language than most of the story (article id -> foreign).

    The stored language when ingest knew it, else ingest's own detection (an article stored
    before languages were; a text too short to tell counts as English, as ingest stores it).
    """
    langs = {a.id: (a.language or detect_language(a.text) or "en")[:2].lower() for a in articles}
    counts = Counter(langs.values())
    main = max(counts, key=lambda k: (counts[k], k == "en")) if counts else "en"
    return {a.id: langs[a.id] != main for a in articles}


def compare(articles: Sequence[Article], embedder: Embedder | None = None,
            settings: StorySettings | None = None) -> Coverage:
    """Claims of the story's independent articles, aligned into facts, with their outlets."""
    settings = settings or StorySettings()
    sources = independent(articles, settings.max_articles_compared)
    foreign = main_language(sources)
    claims = [c for a in sources for c in extract_claims(a, settings, foreign[a.id])]
    modelled = embedder is not None
    threshold = settings.claim_similarity if modelled else settings.claim_fuzzy_similarity
    if not claims:
        return Coverage(sorted({outlet_of(a) for a in sources}), [])
    base = scores(claims, similarity_matrix(claims, embedder))
    weight = settings.claim_word_overlap if modelled else 0.0  # a fuzzy ratio already counts words
    matrix = with_words(claims, base, weight)
    facts = align_scored(claims, matrix, threshold, settings.fact_cohesion_margin)
    facts = align_across_languages(sources, facts)
    attach_restatements(claims, facts, matrix, threshold, settings.restatement_lead)
    support = settings.claim_support_similarity if modelled else settings.claim_fuzzy_support_similarity
    # "Someone else has it" asks less than alignment, so the topic's words (those every article
    # uses) must not count there: any two sentences of a treaty story share "treaty".
    # Its own word weight: at the alignment's (0.9), one shared word ("smoke") makes any two
    # sentences of a scene "near", and a fact one outlet alone reports is hidden.
    support_weight = settings.claim_support_word_overlap if modelled else 0.0
    mark_support(claims, facts, with_words(claims, base, support_weight, topic_stems(claims)), support)
    rank_salience(claims, facts)
    return Coverage(sorted({outlet_of(a) for a in sources}), facts)


Values = tuple[frozenset[str], frozenset[str], frozenset[str]]  # entity ids, figures, days


def claim_values(article: Article, claim: Claim) -> Values:
    """A claim's language-free values: resolved entity ids, canonical figures, stated days.

    Unresolved names are left out (their text differs across scripts); a month alone is no
    stated day (a whole story shares its month).
    """
    ids = frozenset(m.entity_id for m in article.mentions
                    if m.entity_id and claim.start <= m.start < claim.end)
    days = frozenset(d for d in event_dates(t for t in article.times if claim.start <= t.start < claim.end)
                     if len(d) == 10)
    return ids, figures_in(claim.text), days


def language_evidence(one: Values, other: Values) -> list[str]:
    """What two claims in different languages share, or [] when that is not enough to call them
    the same fact: one entity id and one figure or day in common, and no figure or day of one
    side missing from the other when both give some (the same leader with another figure or
    another day is another event)."""
    (ids_a, figures_a, days_a), (ids_b, figures_b, days_b) = one, other
    ids, figures, days = ids_a & ids_b, figures_a & figures_b, days_a & days_b
    if not ids or not (figures or days):
        return []
    if (figures_a and figures_b and figures_a != figures_b) or (days_a and days_b and days_a != days_b):
        return []
    return ([f"entity:{e}" for e in sorted(ids)] + [f"figure:{f}" for f in sorted(figures)]
            + [f"date:{d}" for d in sorted(days)])


def align_across_languages(articles: Sequence[Article], facts: list[Fact]) -> list[Fact]:
    """Facts of claims in another language than the story's, joined to the story-language fact
    they share the most values with (``language_evidence``), one claim per article per fact."""
    by_id = {a.id: a for a in articles}
    values = {id(c): claim_values(by_id[c.article_id], c) for f in facts for c in f.claims}
    home = [f for f in facts if not any(c.foreign for c in f.claims)]
    joined: list[Fact] = []
    for fact in [f for f in facts if all(c.foreign for c in f.claims)]:
        best: Fact | None = None
        evidence: list[str] = []
        for target in home:
            if {c.article_id for c in fact.claims} & {c.article_id for c in target.claims}:
                continue
            found = max((language_evidence(values[id(a)], values[id(b)]) for a in fact.claims
                         for b in target.claims), key=len)
            if len(found) > len(evidence):
                best, evidence = target, found
        if best is None:
            continue
        best.claims += fact.claims
        best.cross_language = True
        best.evidence = sorted(set(best.evidence) | set(evidence))
        joined.append(fact)
    kept = [f for f in facts if all(f is not j for j in joined)]
    return sorted(kept, key=lambda f: (-len(f.outlets), f.claims[0].article_id, f.claims[0].start))


def mark_support(claims: Sequence[Claim], facts: Sequence[Fact], matrix: np.ndarray, floor: float) -> None:
    """Each fact's ``near``: outlets with a claim scoring at least ``floor`` with one of its
    claims. A lower bar than alignment: "someone else has it" needs less than "the same"."""
    index = {id(c): n for n, c in enumerate(claims)}
    for fact in facts:
        rows = [index[id(c)] for c in fact.claims]
        close = np.nonzero((matrix[rows] >= floor).any(axis=0))[0]
        fact.near = {claims[int(k)].outlet for k in close} - set(fact.outlets)


def rank_salience(claims: Sequence[Claim], facts: Sequence[Fact]) -> None:
    """How much a fact matters to the story (0-1): it names the story's central entities
    (those most of its articles name), it comes early in its article, it gives figures."""
    articles: dict[str, set[str]] = {}
    for c in claims:
        articles.setdefault(c.article_id, set()).update(c.entities)
    def centrality(entity: str) -> float:
        return sum(entity in names for names in articles.values()) / max(1, len(articles))
    for fact in facts:
        central = max((centrality(e) for c in fact.claims for e in c.entities), default=0.0)
        early = max(1.0 / (1.0 + c.position / 5.0) for c in fact.claims)
        figures = any(c.numbers for c in fact.claims)
        fact.salience = round(0.4 * central + 0.4 * early + 0.2 * figures, 3)
