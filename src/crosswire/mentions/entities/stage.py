"""Clean the entity mentions spaCy found: a readable correction layer over its small model.

``clean_mentions(doc, article)`` is a document stage that runs right after ``add_mentions``.
It fixes what the small model gets wrong in news, in this order:

1. **Spans** (``spans``): no line breaks, possessives, punctuation, leading "the",
   titles and honorifics ("Comrade Kim Jong-un" → "Kim Jong-un") in a name.
2. **Form** — what a name is from itself alone: a time zone ("KST") is no organisation; a
   clock time is a TIME; a DATE with no digit and no date word is a misfire; a name with no
   capital letter, or a row of table headings ("W L T"), is no name; a PERSON with a digit
   is a PRODUCT ("Hwasong-18"); a head word decides ("Dravik Dam" FAC, "Golf Club" ORG);
   countries are GPE, demonyms NORP.
3. **News organisations** from a list, tagged or not ("AFP", "Yonhap").
4. **Context** — one label per name in the article, chosen on evidence (``context``):
   a PERSON needs person-like context somewhere (a title, an appositive "a professor", a
   two-word name, a pronoun, a reporting verb) or it becomes a place when the article says
   so ("Velmar's foreign minister", "from Velmar"); a word of a full person name is a person
   ("Havel" after "Vaclav Havel"); otherwise the majority label wins.
5. **The learned tagger** (``model``, ``combine``): a CRF trained on CoNLL news corrects
   types and boundaries where it is sure, keeping spaCy's finer label where the two agree,
   and adds names spaCy missed. What runs by default is its correction guarded for news
   (``combine.THRESHOLDS``, ``Settings.entity_model``: see the model card); with that off,
   its sure additions alone (an ORG or a PERSON spaCy missed: ``combine.ADDITIONS``,
   ``Settings.entity_additions``); with both off the tagger is left out. The boundary
   repairs run again after it: the tagger reads a sentence and may respan across names.
6. **Kinds from word lists** (``kinds``): vehicles, launch sites, name particles,
   diseases, platforms; names on credit lines and bylines are dropped.
7. **Acronyms** (``acronyms``): "UN Security Council (UNSC)" makes every "UNSC" in
   the article stand for "UN Security Council".
8. **Short forms** (``repeats``): a bare surname of a person named in full that spaCy
   missed is a PERSON mention; "the Gazette" stands for the article's "Velmar Gazette".

Before step 2, spaCy's boundaries are repaired where they run across two names or stop
inside one (``joins``): glued web captions, "U.N. Harrow", a possessive inside a name, a
title-case headline's verbs, "CLDF of Nevada".

``demonym_links(article)`` pairs NORP mentions with the place they stand for ("Russian" →
Russia). It needs no table: it is a pure function of the stored mention text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from crosswire.lexicon import NEWS_ORGANISATIONS_IN_TEXT, TIMEZONES
from crosswire.mentions.entities.acronyms import is_acronym, link_acronyms
from crosswire.mentions.entities.combine import ADDITIONS, THRESHOLDS, Thresholds, combine
from crosswire.mentions.entities.context import STRONG, WEAK, person_score, place_score
from crosswire.mentions.entities.joins import (
    abbreviation_runs,
    glue_points,
    headline_cuts,
    hyphen_splits,
    org_of_place,
    party_states,
    person_name_words,
    possessive_splits,
    slashed,
    unglued,
    without_trailing_words,
)
from crosswire.mentions.entities.kinds import correct_kinds
from crosswire.mentions.entities.places import demonym_place, fold, is_country, is_place
from crosswire.mentions.entities.repeats import publication_short_forms, with_repeated_surnames
from crosswire.mentions.entities.spans import trim_span
from crosswire.mentions.entities.vocab import (
    HEAD_LABELS,
    NAME_LABELS,
    TEMPORAL_WORDS,
    TIME_LABELS,
    words,
)
from crosswire.types import Article, Mention

# A DATE or TIME that is neither: decided from context (a place, or nothing).
UNSURE = ""

_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)
_NEWS_ORG = re.compile(r"(?<![\w.])(?:" + "|".join(
    re.escape(n) for n in sorted(NEWS_ORGANISATIONS_IN_TEXT, key=len, reverse=True)) + r")(?![\w])")
# Heads that are also common surnames: they do not turn a PERSON into a thing ("Eric Church").
_SURNAME_HEADS = words("church bridge post press street tower square port court bay hall")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_JOINERS = frozenset({" and ", ", ", " or ", " & "})


# A mention that is only a time-zone abbreviation is no entity (spaCy tags "KST" ORG). One- and
# two-letter zones ("Z", "UT") are left out: as mentions they are far more often initials.
_ZONE_NAMES = frozenset(zone for zone in TIMEZONES if len(zone) >= 3)

def clean_mentions(doc: Doc, article: Article, *, model: bool | None = None,
                   limits: Thresholds | None = None) -> None:
    """Document stage: needs ``add_mentions``; corrects spans and labels of ``article.mentions``.

    ``model``: use the learned tagger's full correction (None: as the settings say, see
    ``model_limits``); ``limits``: how far the tagger may go when it is used.

    Every correction here is made for English; an article in another language keeps its
    parser's mentions as they are, less obvious junk (``kept_as_found``)."""
    if article.language not in (None, "en"):
        article.mentions = kept_as_found(article.text, article.mentions)
        return
    text = article.text
    mentions = [m for raw in article.mentions for m in trimmed(text, raw)]
    glues = glue_points(mentions)
    mentions = repaired(text, mentions, glues)
    sure: set[int] = set()
    mentions = [m for m in (correct_by_form(m, sure) for m in mentions) if m is not None]
    mentions = _with_news_orgs(text, mentions, sure)
    limits = model_limits(model, limits)
    if limits is not None:
        # Before the vote, so that one label per name is still chosen on the article's
        # evidence ("Paris, a singer"): the tagger reads a sentence, the vote the article.
        # Run after the vote, it scored 0.004 more CoNLL dev F1 and made "Paris, a singer"
        # a place.
        mentions = _with_model(doc, text, mentions, sure, limits)
        # The tagger reads a sentence: what it respans across two names is repaired again.
        mentions = repaired(text, mentions, glues)
    mentions = _vote_labels(doc, text, mentions, sure)
    mentions = correct_kinds(text, mentions)
    mentions = link_acronyms(text, mentions)
    mentions = with_repeated_surnames(doc, text, mentions)
    publication_short_forms(mentions)
    article.mentions = _deduplicated(mentions)


def repaired(text: str, mentions: list[Mention], glues: list[int]) -> list[Mention]:
    """spaCy's boundaries repaired where they run across two names or stop inside one
    (``joins``): credit lines, party tags, captions glued at ``glues``, "U.N. Brenk",
    possessives, hyphens, trailing words, headline words, "CLDF of Nevada"."""
    mentions = unglued(text, party_states(text, slashed(text, mentions)), glues)
    for repair in (abbreviation_runs, possessive_splits, hyphen_splits, without_trailing_words,
                   headline_cuts, org_of_place):
        mentions = repair(text, mentions)
    return mentions


def model_limits(model: bool | None, limits: Thresholds | None = None) -> Thresholds | None:
    """How far the tagger may correct spaCy, or None to leave it out: ``limits`` (the
    shipped, guarded correction ``THRESHOLDS`` unless given) when ``model`` is True; with
    ``model`` None, that correction under ``Settings.entity_model``, else its sure additions
    (``ADDITIONS``) under ``Settings.entity_additions``."""
    if model is not None:
        return (limits or THRESHOLDS) if model else None
    full, additions = model_settings()
    return THRESHOLDS if full else ADDITIONS if additions else None


# Marks a name never starts or ends with (quotes of every language, brackets, dashes).
_EDGE_MARKS = "\"'«»„“”‘’‹›「」『』()[]{}<>-–—.,;:!?·•*"


def kept_as_found(text: str, mentions: list[Mention]) -> list[Mention]:
    """A non-English article's mentions: cut to one line and their quote marks off, and
    left out when nothing name-like is left (no letter; one letter of an alphabet); the
    same span once."""
    kept: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        start, end = _inner_span(text, mention.start, mention.end)
        name = text[start:end]
        letters = [c for c in name if c.isalpha()]
        if not letters or (len(letters) == 1 and not _is_ideographic(letters[0])):
            continue
        kept.setdefault((start, end), Mention(name, start, end, mention.label, mention.entity_id,
                                              mention.canonical))  # fmt: skip
    return list(kept.values())


def _inner_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without edge marks and whitespace, and up to its first line break."""
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    while start < end and (text[start].isspace() or text[start] in _EDGE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_MARKS):
        end -= 1
    return start, end


def _is_ideographic(char: str) -> bool:
    """Hangul syllables and CJK ideographs: one alone can be a name ("박" in 박 씨)."""
    return "\uac00" <= char <= "\ud7a3" or "\u4e00" <= char <= "\u9fff"


@lru_cache(maxsize=1)
def model_settings() -> tuple[bool, bool]:
    """``Settings.entity_model`` and ``entity_additions`` from the environment, read once per
    process (workers too)."""
    from crosswire.config import Settings

    settings = Settings.from_env()
    return settings.entity_model, settings.entity_additions


def _with_model(doc: Doc, text: str, mentions: list[Mention], sure: set[int],
                limits: Thresholds) -> list[Mention]:
    # Imported here: the tagger's weights load on first use, in the processes that tag.
    from crosswire.mentions.entities.model import found_names, tag_doc

    tagged = tag_doc(doc)
    before = {id(m) for m in mentions}
    combined = combine(text, mentions, found_names(tagged), [t for s in tagged for t in s], sure, limits)
    # What the tagger adds or respans is trimmed and checked for form as spaCy's mentions
    # were ("The Korea Herald" loses its article; a time zone is no organisation).
    kept = [m for m in combined if id(m) in before]
    for new in (m for m in combined if id(m) not in before):
        checked = (correct_by_form(part, sure) for part in trimmed(text, new))
        kept.extend(m for m in checked if m is not None)
    return kept


def trimmed(text: str, mention: Mention) -> list[Mention]:
    """The mention cut to its name (none, one, or one per line it crossed)."""
    spans = trim_span(text, mention.start, mention.end, mention.label)
    return [Mention(text[s:e], s, e, mention.label, mention.entity_id, mention.canonical)
            for s, e in spans]


def correct_by_form(mention: Mention, sure: set[int]) -> Mention | None:
    """Fix what a mention's own text shows; None drops it. Adds to ``sure`` the ids of
    mentions whose label is settled (context must not overturn a country or a time zone)."""
    text, label = mention.text, mention.label
    if text in _ZONE_NAMES:
        return None
    if label in NAME_LABELS and _CLOCK.search(text):
        mention.label = "TIME"  # "11:43 KST", tagged PERSON
        return mention
    if label in TIME_LABELS:
        if not _is_temporal(text):
            mention.label = UNSURE
        return mention
    if label in NAME_LABELS and not _looks_like_a_name(text):
        return None
    relabel = _label_from_form(text, label)
    if relabel is not None:
        mention.label = relabel
        sure.add(id(mention))
    return mention


def _is_temporal(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return any(c.isdigit() for c in text) or any(w in TEMPORAL_WORDS for w in words)


def _looks_like_a_name(text: str) -> bool:
    if not any(c.isupper() for c in text):
        return False  # "south coast", "congress": spaCy guessing from position
    words = text.split()
    # A row of table headings: "W L T GF GA", "W L PCT GB".
    return not (len(words) >= 2 and all(len(w) <= 3 and w.isupper() for w in words))


def _label_from_form(text: str, label: str) -> str | None:
    """The label a name must have whatever its context, or None when context decides."""
    if label == "PERSON" and any(c.isdigit() for c in text):
        return "PRODUCT"
    if is_country(text) and label != "PERSON":  # "Jordan" may be Michael Jordan: context decides
        return "GPE"
    if label != "LANGUAGE" and len(text.split()) <= 2 and demonym_place(text):
        return "NORP"
    words = text.split()
    if len(words) < 2:
        return None
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    found = HEAD_LABELS.get(head.lower().rstrip("."))
    if found is None or found == label or label == "NORP":
        return None
    if label == "PERSON" and head.lower() in _SURNAME_HEADS:
        return None
    return found


def _with_news_orgs(text: str, mentions: list[Mention], sure: set[int]) -> list[Mention]:
    """News organisations are ORG; the ones spaCy missed are added."""
    by_span = {(m.start, m.end): m for m in mentions}
    added = []
    for match in _NEWS_ORG.finditer(text):
        for s, e in trim_span(text, match.start(), match.end(), "ORG"):
            known = by_span.get((s, e))
            if known is not None:
                known.label = "ORG"
                sure.add(id(known))
            elif not any(m.start < e and s < m.end for m in mentions):
                added.append(Mention(text[s:e], s, e, "ORG"))
                sure.add(id(added[-1]))
    return mentions + added


def _vote_labels(doc: Doc, text: str, mentions: list[Mention], sure: set[int]) -> list[Mention]:
    """One label per name in the article, chosen on the evidence of all its mentions."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.label in NAME_LABELS or mention.label == UNSURE:
            groups[fold(mention.text)].append(mention)
    name_words = person_name_words(mentions)
    lists = _Lists(text, mentions)
    dropped: set[int] = set()
    for key, group in groups.items():
        label = _decide(doc, key, group, lists, sure, name_words)
        for mention in group:
            if label is None:
                dropped.add(id(mention))
            elif id(mention) not in sure:
                mention.label = label
    return [m for m in mentions if id(m) not in dropped]


def _decide(doc: Doc, key: str, group: list[Mention], lists: _Lists,
            sure: set[int], name_words: set[str]) -> str | None:
    """The label of one name: settled, evidence-based, or the majority."""
    settled = [m.label for m in group if id(m) in sure]
    if settled:
        return Counter(settled).most_common(1)[0][0]
    labels = Counter(m.label for m in group)
    if len(key.split()) > 1 and UNSURE not in labels:
        return labels.most_common(1)[0][0]  # multi-word names: spaCy rarely errs on the kind
    place = _place_evidence(doc, group, lists)
    known_place = STRONG if is_place(group[0].text) else 0
    if UNSURE in labels and len(labels) == 1:
        return "GPE" if place + known_place >= WEAK else None
    if key in name_words and not is_country(key):
        # A word of a full name in this article ("Patasse" after "Ange-Felix Patasse") is
        # that person, unless it is also a known place the article treats as one.
        return "GPE" if known_place and place >= 2 else "PERSON"
    person = sum(person_score(doc, m.start, m.end) for m in group)
    if "PERSON" in labels or person >= STRONG:
        if place + known_place >= 2 and place + known_place > person:
            return "GPE"
        if person >= STRONG or _majority(labels) == "PERSON":
            return "PERSON"
    # The gazetteer alone does not overrule ORG: clubs and companies are named after
    # cities ("Barcelona", "Norilsk"), a capital stands for its government, and a union
    # of states has a foreign minister too ("EU").
    elif place >= 2 and not labels.keys() & _PLACE_LABELS and not is_acronym(group[0].text):
        return "GPE"
    return _majority(labels)


def _majority(labels: Counter[str]) -> str:
    named = Counter({k: v for k, v in labels.items() if k != UNSURE})
    return named.most_common(1)[0][0] if named else "GPE"


def _place_evidence(doc: Doc, group: list[Mention], lists: _Lists) -> int:
    score = min(2, sum(m.label in _PLACE_LABELS for m in group))
    score += sum(place_score(doc, m.start, m.end) for m in group)
    return score + WEAK * sum(lists.joined_to_place(m) for m in group)


class _Lists:
    """Which mentions are listed together in the article: "Velmar and Ostrania".

    Mentions are indexed by their offsets once, so that asking for one mention's neighbours
    costs a few lookups, not a comparison with every other mention.
    """

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.by_end: dict[int, list[Mention]] = defaultdict(list)
        self.by_start: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions:
            self.by_end[m.end].append(m)
            self.by_start[m.start].append(m)

    def joined_to_place(self, mention: Mention) -> bool:
        """A name listed with a place (only a joiner between them) is likely a place."""
        return any(other is not mention and other.label in _PLACE_LABELS for other in self._listed(mention))

    def _listed(self, mention: Mention) -> Iterator[Mention]:
        text = self.text
        for joiner in _JOINERS:
            before = mention.start - len(joiner)
            if before >= 0 and text.startswith(joiner, before):
                yield from self.by_end.get(before, ())
            if text.startswith(joiner, mention.end):
                yield from self.by_start.get(mention.end + len(joiner), ())


def _deduplicated(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            kept.append(mention)
    return kept


def demonym_links(article: Article) -> list[tuple[Mention, str]]:
    """(mention, place) for every NORP mention that names a place's people ("Russian" → Russia)."""
    links = []
    for mention in article.mentions:
        if mention.label == "NORP":
            place = demonym_place(mention.text)
            if place is not None:
                links.append((mention, place))
    return links
