"""What the brief says, read from a story record: the parts an editor reads, in order.

The top line (the most central agreed fact, with when and where), where outlets disagree
(conflicts only, never omissions), the agreed core with every outlet's span, what only one
outlet reports (ranked, a few per outlet), who said what (one line per utterance), a
timeline of events and the sources. ``crosswire brief`` renders these as Markdown or HTML
and the web story page shows the same ones, so the two cannot drift apart.

The record grows as the comparison does: ``conflicts`` (with confidence and reason),
``omissions`` and ``agreed`` fact indexes are used when present; records without them fall
back on ``disagreements`` and on the coverage matrix, so a cached older record still reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from crosswire.lexicon import MONTHS, WEEKDAYS
from crosswire.mentions.dates.readable import readable_time
from crosswire.stories.settings import StorySettings
from crosswire.stories.variants import diff_markup

Record = dict[str, Any]
Span = dict[str, Any]
# A line is a list of parts: ("text", s) plain words, ("quote", s) article words, ("cite", span).
Part = tuple[str, Any]
Line = list[Part]

# How much the brief shows unless asked for everything (`crosswire brief --all`).
AGREED_SHOWN = 5
UNIQUE_PER_OUTLET = 3
SPEAKERS_SHOWN = 5
UTTERANCES_PER_SPEAKER = 2
EVENTS_SHOWN = 8
SOURCES_SHOWN = 8
# Article words quoted in one line of the brief; longer claims are cut at a word.
QUOTE_CHARS = 220
DIFF_CHARS = 160
TOP_LINE_CHARS = 180
# Why two outlets disagree, for records whose disagreements carry no reason of their own.
REASONS = {
    "number": "different figures for the same quantity",
    "date": "different dates for the same event",
    "spelling": "the same person's name spelled differently",
    "place": "different places for the same event",
    "negation": "one outlet asserts what the other denies",
    "revision": "a figure revised between reports",
}
# Speakers the brief lists: people and organisations (the press is an organisation too).
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
SPEAKER_KINDS = frozenset({"person", "organization", "media"})
_QUOTE_MARKS = frozenset("\"“”‘’'«»")
_TIMEX = re.compile(r"^\d{3}[\dX](-|$)")
_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2}|-W\d{2})?")
_DATELINE = re.compile(r"^([A-Z][A-Z .'’-]{2,40})(?:,[^—–-]{0,30})? [—–-]+ ")
_PLACE = re.compile(r"\b(?:in|at|near|outside|close to|off) ((?:[A-Z][\w'’-]+ ?){1,4})")


@dataclass(slots=True)
class Section:
    """A heading, its lines, and how many more lines ``--all`` would show."""

    heading: str
    lines: list[Line]
    hidden: int = 0
    key: str = ""


@dataclass(slots=True)
class Brief:
    title: str
    summary: str
    top_line: Line
    sections: list[Section] = field(default_factory=list)


def build_brief(record: Record, show_all: bool = False) -> Brief:
    """Every part of the brief, in the order an editor reads them."""
    parts = [
        Section("Where outlets disagree", [conflict_line(c) for c in conflicts(record)], key="conflicts"),
        _capped("What every outlet reports", [agreed_line(f) for f in agreed_facts(record)],
                AGREED_SHOWN, show_all, "agreed"),
        _unique_section(record, show_all),
        _speakers_section(record, show_all),
        _capped("Timeline", [event_line(e) for e in events(record)], EVENTS_SHOWN, show_all, "timeline"),
        _capped("Sources", source_lines(record), SOURCES_SHOWN + 1, show_all, "sources"),
    ]  # fmt: skip
    # Disagreements lead when there are any and are left out when there are none.
    return Brief(str(record.get("title") or "(untitled story)"), heading_summary(record), top_line(record),
                 [s for s in parts if s.lines or s.key != "conflicts"])


def _capped(heading: str, lines: list[Line], shown: int, show_all: bool, key: str) -> Section:
    if show_all or len(lines) <= shown:
        return Section(heading, lines, key=key)
    return Section(heading, lines[:shown], len(lines) - shown, key)


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """Article words on one line: whitespace folded, cut at a word when too long."""
    words = " ".join(str(text).split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"


def cite(span: Span | None) -> Part:
    return ("cite", span)


def span_url(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """Where a citation points: the web's article page, scrolled to the span and marking it
    (``/articles/ID?start=S&end=E#s-S-E``); the article page alone without offsets."""
    page = "/articles/" + quote(article_id, safe="")
    if start is None or end is None:
        return page
    return f"{page}?start={int(start)}&end={int(end)}#{span_anchor(int(start), int(end))}"


def span_anchor(start: int, end: int) -> str:
    return f"s-{start}-{end}"


# -- the top line --------------------------------------------------------------------------------


def top_line(record: Record) -> Line:
    """The most central agreed fact: its claim, who, when and where, each outlet cited."""
    facts = _facts(record)
    agreed = agreed_indexes(record)
    pool = agreed or list(range(len(facts)))
    if not pool:
        return [("text", "No facts compared yet.")]
    salience = Salience(record)
    fact = facts[max(pool, key=lambda i: (salience(facts[i]), -i))]
    claims = fact.get("claims") or []
    if not claims:
        return [("text", "No facts compared yet.")]
    line: Line = [("quote", clip(claims[0]["text"], TOP_LINE_CHARS))]
    frame = _frame(fact)
    slots = (
        ("who", _slot(frame, "actor")),
        ("when", _slot(frame, "date", "dates", "when") or _when(record, claims)),
        ("where", _slot(frame, "place", "places", "where") or _where(claims)),
    )
    details = [f"{slot}: {value}" for slot, value in slots if value]
    if details:
        line.append(("text", "— " + "; ".join(details)))
    if not agreed:
        line.append(("text", f"(reported by {', '.join(fact.get('outlets') or [])} only)"))
    return line + [cite(c) for c in claims]


def _frame(fact: Record) -> Record:
    """The claim frame the comparison found (actor, date, place), when it records one."""
    for holder in (fact, *(fact.get("claims") or [])):
        frame = holder.get("frame")
        if isinstance(frame, dict):
            return frame
    return {}


def _slot(frame: Record, *names: str) -> str:
    for name in names:
        value = frame.get(name)
        if isinstance(value, list):
            value = ", ".join(_slot_text(v) for v in value if v)
        if value:
            return _slot_text(value)
    return ""


def _slot_text(value: Any) -> str:
    """A frame's value as words: a date's readable form, never its TIMEX3 code."""
    if isinstance(value, dict):
        if value.get("readable") or value.get("text"):
            return str(value.get("readable") or value.get("text"))
        value = value.get("value") or ""
    text = str(value)
    return readable_time(text, "DATE") if _TIMEX.match(text) else text


def _when(record: Record, claims: Sequence[Span]) -> str:
    """The readable date of a timeline mention inside one of the claims."""
    by_article: dict[str, list[Span]] = {}
    for c in claims:
        by_article.setdefault(str(c.get("article_id")), []).append(c)
    for point in record.get("timeline") or []:
        for m in point.get("mentions") or []:
            mine = by_article.get(str(m.get("article_id")))
            if mine and any(c["start"] <= m["start"] < c["end"] for c in mine):
                return str(point.get("readable") or point.get("value") or "")
    return ""


def _where(claims: Sequence[Span]) -> str:
    """The dateline ("PORT ADLEY —"), else a capitalised place after "in", "near" (…) in
    the claim (records with no frame); "in January" and "on Monday" name no place."""
    for claim in claims:
        if dateline := _DATELINE.match(str(claim.get("text") or "")):
            return dateline.group(1).strip().title()
    for found in _PLACE.finditer(str(claims[0].get("text") or "")):
        place = found.group(1).strip()
        if place.split()[0].lower() not in MONTHS and place.split()[0].lower() not in WEEKDAYS:
            return place
    return ""


# -- conflicts ----------------------------------------------------------------------------------


def conflicts(record: Record) -> list[Record]:
    """Conflicts between outlets: the record's own list, else its non-omission disagreements."""
    if isinstance(record.get("conflicts"), list):
        # The record keeps every two-sided finding; the brief, precision first, shows those the
        # comparison itself reports (``disagreements``): at its confidence threshold or above.
        floor = StorySettings().conflict_min_confidence
        return [c for c in record["conflicts"] if c.get("a") and c.get("b")
                and (c.get("confidence") is None or float(c["confidence"]) >= floor)]
    found = [d for d in record.get("disagreements") or [] if d.get("kind") != "omission" and d.get("b")]
    return [{**d, "confidence": None, "reason": REASONS.get(d["kind"], d["kind"])} for d in found]


def conflict_line(c: Record) -> Line:
    confidence = c.get("confidence")
    sure = f" (confidence {float(confidence):.2f})" if isinstance(confidence, int | float) else ""
    line: Line = [("text", f"{c.get('kind', 'conflict')}:")]
    for side, claim in ((c["a"], c.get("claim_a")), (c["b"], c.get("claim_b"))):
        if line[-1][0] == "cite":
            line.append(("text", "vs"))
        line += [("text", f"{side.get('outlet') or 'unknown outlet'}"), ("quote", clip(side["text"], 80))]
        if claim and claim.get("text") and claim["text"] != side["text"]:
            line += [("text", "in"), ("quote", clip(claim["text"], 160))]
        line.append(cite(side))
    reason = c.get("reason") or REASONS.get(str(c.get("kind")), "")
    return [*line, ("text", f"— {reason}{sure}")] if reason or sure else line


# -- agreed core and single-outlet facts --------------------------------------------------------


def _facts(record: Record) -> list[Record]:
    return list((record.get("coverage") or {}).get("facts") or [])


def agreed_indexes(record: Record) -> list[int]:
    """Facts every outlet carries: the record's index when it has one, else the matrix's."""
    coverage = record.get("coverage") or {}
    for holder in (record, coverage):
        if isinstance(holder.get("agreed"), list):
            return [i for i in holder["agreed"] if 0 <= i < len(_facts(record))]
    outlets = set(coverage.get("outlets") or [])
    if len(outlets) < 2:
        return []
    return [i for i, f in enumerate(_facts(record)) if outlets <= set(f.get("outlets") or [])]


def agreed_facts(record: Record) -> list[Record]:
    facts = _facts(record)
    found = [facts[i] for i in agreed_indexes(record) if facts[i].get("claims")]
    salience = Salience(record)
    return sorted(found, key=lambda f: -salience(f))


def agreed_line(fact: Record) -> Line:
    """The fact's words once, then each outlet cited once: an outlet's restatements of the fact
    (``restates``) back its alignment and are not cited again."""
    claims = [c for c in fact.get("claims") or [] if not c.get("restates")]
    line: Line = [("quote", clip(claims[0]["text"]))]
    for c in claims:
        line += [("text", f"— {c.get('outlet')}" if c is claims[0] else f"· {c.get('outlet')}"), cite(c)]
    return line


def unique_indexes(record: Record) -> list[int]:
    coverage = record.get("coverage") or {}
    if isinstance(coverage.get("unique"), list):
        return list(coverage["unique"])
    return [i for i, f in enumerate(_facts(record)) if len(f.get("outlets") or []) == 1]


def _unique_section(record: Record, show_all: bool) -> Section:
    """The top few single-outlet facts of each outlet, most salient first."""
    facts = _facts(record)
    by_outlet: dict[str, list[Record]] = {}
    for i in unique_indexes(record):
        if 0 <= i < len(facts) and facts[i].get("claims"):
            by_outlet.setdefault(str(facts[i]["claims"][0].get("outlet")), []).append(facts[i])
    lines, hidden, salience = [], 0, Salience(record)
    for outlet, found in sorted(by_outlet.items()):
        ranked = sorted(found, key=lambda f: -salience(f))
        shown = ranked if show_all else ranked[:UNIQUE_PER_OUTLET]
        hidden += len(ranked) - len(shown)
        lines += [[("text", f"{outlet}:"), ("quote", clip(f["claims"][0]["text"])), cite(f["claims"][0])]
                  for f in shown]  # fmt: skip
    return Section("Only one outlet reports", lines, hidden, "unique")


class Salience:
    """How central a fact is: the comparison's own score, else names, numbers and position.

    Without a score: a claim naming the story's speakers or title words, giving a number,
    and standing early in its article (news leads with what matters) ranks first. Built once
    per record: the story's central words and headlines are read once, not per fact.
    """

    def __init__(self, record: Record) -> None:
        title = str(record.get("title") or "")
        self.central = {w.lower() for w in re.findall(r"[\w'’-]{4,}", title)}
        for group in record.get("quotes") or []:
            self.central |= {w.lower() for w in str(group.get("speaker") or "").split() if len(w) > 2}
        self.headlines = {str(a.get("title") or "").strip() for a in record.get("articles") or []}

    def __call__(self, fact: Record) -> float:
        if isinstance(fact.get("salience"), int | float):
            return float(fact["salience"])
        claims = fact.get("claims") or [{}]
        text = str(claims[0].get("text") or "")
        words = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", text)}
        position = min(int(c.get("start") or 0) for c in claims)
        # A headline kept as a claim says less than the lead sentence under it, and a quotation
        # is someone's words (who said what lists it), not the story's facts.
        headline = text.strip() in self.headlines
        quotation = text.lstrip()[:1] in _QUOTE_MARKS or bool(fact.get("quoted"))
        return (len(words & self.central) + 1.5 * bool(re.search(r"\d", text))
                + len(fact.get("outlets") or []) + 4.0 / (1 + position / 300)
                - 10.0 * headline - 5.0 * quotation)  # fmt: skip


# -- who said what -------------------------------------------------------------------------------


def _speakers_section(record: Record, show_all: bool) -> Section:
    lines: list[Line] = []
    hidden = 0
    groups = [g for g in record.get("quotes") or [] if is_speaker(g)]
    named = [g for g in groups if not _unknown(g)]
    variants = Variants(record)
    for n, group in enumerate(named + [g for g in groups if _unknown(g)]):
        said = utterance_lines(group, variants)
        shown = n < SPEAKERS_SHOWN or _unknown(group)
        keep = len(said) if show_all else UTTERANCES_PER_SPEAKER if shown else 0
        lines += said[:keep]
        hidden += len(said[keep:])
    return Section("Who said what", lines, hidden, "quotes")


def _unknown(group: Record) -> bool:
    return not group.get("entity_id") and str(group.get("speaker")) == "unknown"


def is_speaker(group: Record) -> bool:
    """A person or an organisation, or the unknown speakers; not "a video", not a country.

    Records that name the speaker's entity label are filtered on it; older ones on the
    speaker's kind and on the name looking like a name (capitalised, no leading article).
    """
    if _unknown(group):
        return True
    label, kind = group.get("label"), group.get("kind")
    if label:
        return str(label) in SPEAKER_LABELS
    if kind and str(kind) not in SPEAKER_KINDS:
        return False
    name = str(group.get("speaker") or "")
    return bool(name[:1].isupper()) and name.split()[0].lower() not in ("a", "an")


class Variants:
    """The record's quote variant pairs, indexed by where each rendering starts (read once)."""

    def __init__(self, record: Record) -> None:
        self.of: dict[tuple[str, int], list[Record]] = {}
        for v in record.get("quote_variants") or []:
            for side in (v["a"], v["b"]):
                self.of.setdefault(_at(side), []).append(v)

    def pairs(self, quotes: Sequence[Span]) -> list[Record]:
        """Variants both of whose renderings are among ``quotes``, in record order."""
        at = {_at(q) for q in quotes}
        found = {id(v): v for q in quotes for v in self.of.get(_at(q), [])}
        return [v for v in found.values() if _at(v["a"]) in at and _at(v["b"]) in at]


def utterance_lines(group: Record, variants: Variants) -> list[Line]:
    """One line per utterance: its renderings by other outlets merged into it, with the diff."""
    roles = f" ({'; '.join(group['roles'][:1])})" if group.get("roles") else ""
    line_of: list[Line] = []
    for quotes in utterances(group.get("quotes") or [], variants):
        first = max(quotes, key=lambda q: len(str(q["text"])))
        who = first.get("who") or group["speaker"]
        # The role once, on the speaker's first line: the next lines are the same person.
        heading = f"{who}{roles if who == group['speaker'] and not line_of else ''}:"
        line: Line = [("text", heading), ("quote", clip(first["text"]))]
        for q in quotes:
            line += [("text", f"{'—' if q is quotes[0] else '·'} {q.get('outlet')}"), cite(q)]
            if q.get("copies"):
                line.append(("text", f"(+{q['copies']} syndicated)"))
        diff = _diff(variants.pairs(quotes))
        if diff:
            line.append(("text", f"· {diff}"))
        line_of.append(line)
    return line_of


def utterances(quotes: Sequence[Span], variants: Variants) -> list[list[Span]]:
    """Quotes grouped into utterances: the same words, or a recorded quote variant pair."""
    key = {_at(q): i for i, q in enumerate(quotes)}
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words: dict[str, int] = {}
    for i, q in enumerate(quotes):
        parent[root(i)] = root(words.setdefault(" ".join(str(q["text"]).lower().split()), i))
    for v in variants.pairs(quotes):
        parent[root(key[_at(v["a"])])] = root(key[_at(v["b"])])
    groups: dict[int, list[Span]] = {}
    for i, q in enumerate(quotes):
        groups.setdefault(root(i), []).append(q)
    return list(groups.values())


def _at(span: Span) -> tuple[str, int]:
    return (str(span.get("article_id")), int(span.get("start") or 0))


def _diff(pairs: Sequence[Record]) -> str:
    """The first variant between two of an utterance's renderings, as a short diff."""
    for v in pairs:
        ops = [tuple(op) for op in v.get("diff") or []]
        return f"{v.get('kind')}: {clip(diff_markup(ops), DIFF_CHARS)}" if ops else str(v.get("kind"))
    return ""


# -- the timeline of events ---------------------------------------------------------------------


def events(record: Record) -> list[Record]:
    """Dated events of the story, in date order: one line per event, other outlets' mentions
    of it cited beside the first.

    A mention counts when it dates an event (its clause's head word) and names a month, a
    week or a day near the story's own dates: a bare year or a decade in a background
    sentence ("built in 1961") is history, not the story. Two mentions of one date are one
    event when their sentences are claims of one aligned fact, or share an event word that
    says more than that someone spoke ("collapsed", not "said").
    """
    years, fact_of = _story_years(record), _fact_of_claim(record)
    found: dict[tuple[str, tuple[str, object]], Record] = {}
    seen: set[tuple[str, int]] = set()  # a sentence dating two events is shown once
    for point in record.get("timeline") or []:
        value = str(point.get("value") or "")
        if not _DAY.match(value) or (years and int(value[:4]) not in years):
            continue
        for m in point.get("mentions") or []:
            sentence = (str(m.get("article_id")), int(m.get("anchor_start") or m.get("start") or 0))
            if not m.get("event") or not m.get("sentence") or sentence in seen:
                continue
            seen.add(sentence)
            key = _event_key(m, fact_of, sentence)
            # One fact's outlets may time it differently ("4:47 p.m.", "shortly before 5"): one day.
            event = found.setdefault((value[:10] if key[0] == "fact" else value, key),
                                     {"value": value, "readable": point.get("readable") or value,
                                      "mention": m, "also": []})  # fmt: skip
            if event["mention"] is not m:
                event["also"].append(m)
    return sorted(found.values(), key=lambda e: str(e["value"]))  # each by its first mention's value


# Event words that only say someone spoke: two outlets' "said on Monday" are not one event.
SPEECH_EVENTS = frozenset({"said", "says", "say", "told", "added", "announced", "stated", "reported"})


def _event_key(
    mention: Span, fact_of: dict[str, list[tuple[int, int, int]]], sentence: tuple[str, int]
) -> tuple[str, object]:
    at = int(mention.get("start") or 0)
    claims = fact_of.get(str(mention.get("article_id")), [])
    fact = next((i for start, end, i in claims if start <= at < end), None)
    if fact is not None:
        return ("fact", fact)
    word = str(mention["event"]).lower()
    return ("sentence", sentence) if word in SPEECH_EVENTS else ("word", word)


def _fact_of_claim(record: Record) -> dict[str, list[tuple[int, int, int]]]:
    """Per article, its claims' (start, end, fact index) for facts more than one outlet carries."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    for i, f in enumerate(_facts(record)):
        if len(f.get("outlets") or []) > 1:
            for c in f.get("claims") or []:
                found.setdefault(str(c.get("article_id")), []).append(
                    (int(c.get("start") or 0), int(c.get("end") or 0), i))
    return found


def _story_years(record: Record) -> set[int]:
    """The years the story was published in, and the ones either side."""
    dates = [str(a.get("published") or "") for a in record.get("articles") or []]
    years = {int(d[:4]) for d in dates if d[:4].isdigit()}
    return {y + d for y in years for d in (-1, 0, 1)}


def event_line(event: Record) -> Line:
    m = event["mention"]
    line: Line = [("text", f"{event['readable']}:"), ("quote", clip(m["sentence"], 180)),
                  ("text", f"— {m.get('outlet')}"), _event_cite(m)]  # fmt: skip
    for other in event["also"]:
        line += [("text", f"· {other.get('outlet')}"), _event_cite(other)]
    return line


def _event_cite(m: Span) -> Part:
    """The sentence a date anchors when known, else the date's own words."""
    if m.get("anchor_start") is not None and m.get("anchor_end") is not None:
        return cite({**m, "start": m["anchor_start"], "end": m["anchor_end"], "text": m.get("sentence")})
    return cite(m)


# -- sources -------------------------------------------------------------------------------------


def copies(record: Record) -> list[str]:
    """Ids of syndicated copies: near-duplicates of another article of the story, or members
    the story says are not independent."""
    ids = {a["id"] for a in record.get("articles") or []}
    return [a["id"] for a in record.get("articles") or []
            if a.get("near_duplicate_of") in ids or a.get("independent") is False]  # fmt: skip


def source_lines(record: Record) -> list[Line]:
    """How many outlets and independent reports, the copies counted; then each independent
    report, one per line."""
    copied = set(copies(record))
    articles = record.get("articles") or []
    sources = [a for a in articles if a["id"] not in copied]
    outlets = {a.get("outlet") or "unknown outlet" for a in sources}
    count = (f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}, "
             f"{len(sources)} independent report{'s' if len(sources) != 1 else ''}")  # fmt: skip
    if copied:
        reprinters = sorted({str(a.get("outlet")) for a in articles if a["id"] in copied})
        more = f" and {len(reprinters) - 5} more" if len(reprinters) > 5 else ""
        named = ", ".join(reprinters[:5]) + more
        count += f", {len(copied)} syndicated cop{'y' if len(copied) == 1 else 'ies'} ({named})"
    return [[("text", count)]] + [
        [("text", f"{a.get('outlet') or 'unknown outlet'}, {str(a.get('published') or 'undated')[:10]}"
                  f"{_in_language(a)}:"),
         ("quote", clip(a.get("title") or "(untitled)", 120)), cite({"article_id": a["id"]})]
        for a in sources
    ]  # fmt: skip


def _in_language(article: Record) -> str:
    """", in ru" for an article in another language than English (a story may mix them)."""
    language = article.get("language")
    return f", in {language}" if language and language != "en" else ""


# Outlets named in the brief's heading line; more are counted.
OUTLETS_LISTED = 8


def heading_summary(record: Record) -> str:
    """"4 articles from 3 outlets (A, B, C; +1 syndicated copy); 2025-03-04 to 2025-03-05"."""
    first, last = record.get("first_published"), record.get("last_published")
    copied = set(copies(record))
    articles = record.get("articles") or []
    outlets = sorted({a.get("outlet") or "unknown outlet" for a in articles if a["id"] not in copied})
    named = ", ".join(outlets[:OUTLETS_LISTED]) + (f" and {len(outlets) - OUTLETS_LISTED} more"
                                                   if len(outlets) > OUTLETS_LISTED else "")  # fmt: skip
    reprinted = f"; +{len(copied)} syndicated" if copied else ""
    span = (first or "undated") if first == last else f"{first or '?'} to {last or '?'}"
    n = len(articles)
    return f"{n} article{'s' if n != 1 else ''} from {named}{reprinted}; {span}"


def cited_spans(lines: Iterable[Line]) -> list[Span]:
    """Every span the lines cite (tests check that each is its article's characters)."""
    return [value for line in lines for kind, value in line if kind == "cite" and value]
