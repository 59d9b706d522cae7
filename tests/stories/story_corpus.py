"""A planted story corpus: 3 events x 3 outlets, all fictional, with known answers.

Each article is built from sentences whose entities, quotes and dates are given by hand, so
every annotation has exact offsets without running spaCy. What is planted (and what the
tests expect to find) is listed in ``PLANTED``: quote variants, disagreements (a number, a
date, a place, a name spelling), an omitted name, and facts only one outlet reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.ingest.identity import Signer
from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.types import Article, Mention, Quote, Sentence, Speaker, TimeExpr

LEDGER, COURIER, TIMES = "The Harbor Ledger", "Calder Courier", "Velmar Times"

# (surface, label, entity id): every occurrence of the surface in a sentence becomes a mention.
ENTITIES = [
    ("Port Adley", "GPE", "E-adley"),
    ("Tobias Wren", "PERSON", "E-wren"),
    ("Wren", "PERSON", "E-wren"),
    ("Ilse Maranova", "PERSON", "E-maranova"),
    ("Ilse Maranowa", "PERSON", "E-maranova"),
    ("Rafael Ostrow", "PERSON", "E-ostrow"),
    ("Sunita Rao", "PERSON", "E-rao"),
    ("Rao", "PERSON", "E-rao"),
    ("Calder", "GPE", "E-calder"),
    ("Ostrania", "GPE", "E-ostrania"),
    ("Elias Varga", "PERSON", "E-varga"),
    ("Brinmoor", "GPE", "E-brinmoor"),
    ("Karsk", "GPE", "E-karsk"),
    ("Velmar", "GPE", "E-velmar"),
    ("Anika Solberg", "PERSON", "E-solberg"),
    ("Solberg", "PERSON", "E-solberg"),
]
DATES = {
    "March 3": "2025-03-03",
    "March 2": "2025-03-02",
    "March 5": "2025-03-05",
    "April 1": "2025-04-01",
    "March 6": "2025-03-06",
}


@dataclass
class Line:
    """One sentence; ``quote`` is (quoted words, speaker name, speaker entity id, role)."""

    text: str
    quote: tuple[str, str, str, str] | None = None


@dataclass
class Spec:
    event: str
    outlet: str
    published: str | None
    title: str
    lines: list[Line] = field(default_factory=list)


FERRY_QUOTE = "We will not reopen the terminal until every hull has been inspected"
FERRY_PARAPHRASE = "The terminal stays shut until each hull is checked"
TREATY_QUOTE = "This treaty gives both shores the same water"
SPECS = [
    Spec(
        "ferry",
        LEDGER,
        "2025-03-04",
        "Ferry fire off Port Adley injures passengers",
        [
            Line("A fire broke out aboard a passenger ferry near Port Adley late on Monday."),
            Line("Officials said 14 passengers were injured in the blaze on the ferry."),
            Line("The ferry left the harbour on March 3 with more than two hundred people aboard."),
            Line("Captain Ilse Maranova ordered the lifeboats lowered within minutes."),
            Line(
                f"\u201c{FERRY_QUOTE},\u201d harbour master Tobias Wren said.",
                (FERRY_QUOTE, "Tobias Wren", "E-wren", "harbour master"),
            ),
            Line("The ferry operator is run by Rafael Ostrow, who declined to comment."),
            Line("Rafael Ostrow has led the operator for a decade."),
        ],
    ),
    Spec(
        "ferry",
        COURIER,
        "2025-03-04",
        "Passengers hurt as fire sweeps Port Adley ferry",
        [
            Line("Fire swept through a passenger ferry close to Port Adley on Monday night."),
            Line("Officials said 14 passengers were injured in the ferry blaze."),
            Line("The ferry left the harbour on March 2 carrying more than two hundred people."),
            Line("Captain Ilse Maranowa ordered the lifeboats lowered within minutes."),
            Line(
                "\u201cWe will not reopen the terminal,\u201d Wren said.",
                ("We will not reopen the terminal", "Wren", "E-wren", ""),
            ),
            Line("A local bakery handed out warm blankets to every rescued passenger on the pier."),
        ],
    ),
    Spec(
        "ferry",
        TIMES,
        "2025-03-05",
        "Port Adley ferry blaze: injured passengers rescued",
        [
            Line("A blaze tore through a passenger ferry outside Port Adley on Monday evening."),
            Line("Officials said 15 passengers were injured in the blaze on the ferry."),
            Line("Captain Ilse Maranova ordered the lifeboats lowered within minutes."),
            Line(
                f"\u201c{FERRY_PARAPHRASE},\u201d harbour master Tobias Wren said.",
                (
                    FERRY_PARAPHRASE,
                    "Tobias Wren",
                    "E-wren",
                    "harbour master",
                ),
            ),
        ],
    ),
    Spec(
        "treaty",
        LEDGER,
        "2025-03-05",
        "Calder and Ostrania sign river water treaty",
        [
            Line("Calder and Ostrania signed a treaty on March 5 to share the waters of the Lune river."),
            Line(
                f"\u201c{TREATY_QUOTE},\u201d said minister Sunita Rao.",
                (TREATY_QUOTE, "Sunita Rao", "E-rao", "minister"),
            ),
            Line("The treaty will take effect on April 1 after both parliaments approve it."),
        ],
    ),
    Spec(
        "treaty",
        COURIER,
        "2025-03-05",
        "Water treaty ends long Calder-Ostrania dispute",
        [
            Line("Calder and Ostrania signed a treaty on March 5 to share the waters of the Lune river."),
            Line(
                f"\u201c{TREATY_QUOTE},\u201d minister Rao said.", (TREATY_QUOTE, "Rao", "E-rao", "minister")
            ),
            Line("The treaty will take effect on April 1 after both parliaments approve it."),
        ],
    ),
    Spec(
        "treaty",
        TIMES,
        "2025-03-06",
        "Calder, Ostrania agree to share Lune river water",
        [
            Line("Calder and Ostrania agreed on a treaty on March 5 to share the Lune river waters."),
            Line("The treaty also creates a joint fisheries panel with seats for river villages."),
            Line("The treaty will take effect on April 1 once both parliaments approve it."),
        ],
    ),
    Spec(
        "strike",
        LEDGER,
        "2025-03-06",
        "Rail workers strike across Velmar",
        [
            Line("Rail workers in Velmar walked off the job on March 6 over unpaid overtime."),
            Line("The strike began in Brinmoor, where the main depot sits."),
            Line("Union leader Anika Solberg said talks had broken down after nine hours."),
        ],
    ),
    Spec(
        "strike",
        COURIER,
        "2025-03-06",
        "Velmar rail strike halts trains",
        [
            Line("Rail workers across Velmar walked off the job on March 6 over unpaid overtime."),
            Line("The strike began in Karsk, where the main depot sits."),
            Line("Union leader Anika Solberg said talks had broken down after nine hours."),
        ],
    ),
    Spec(
        "strike",
        TIMES,
        "2025-03-07",
        "Trains halted as Velmar rail workers strike",
        [
            Line("Rail workers throughout Velmar walked off the job on March 6 over unpaid overtime."),
            Line("Union leader Anika Solberg said talks had broken down after nine hours."),
            Line("Commuters crowded onto buses as the stations stood empty."),
        ],
    ),
]

# What the tests must find: (outlet a, outlet b) pairs are unordered.
PLANTED: dict[str, set[tuple[str, ...]]] = {
    "quote_variants": {
        ("ferry", LEDGER, COURIER, "truncated"),
        ("ferry", LEDGER, TIMES, "paraphrased"),
        ("ferry", COURIER, TIMES, "paraphrased"),
        ("treaty", LEDGER, COURIER, "verbatim"),
    },
    "disagreements": {
        ("ferry", "number", "14", "15"),
        ("ferry", "date", "March 3", "March 2"),
        ("ferry", "spelling", "Ilse Maranova", "Ilse Maranowa"),
        ("strike", "place", "Brinmoor", "Karsk"),
    },
    "omissions": {("ferry", "Rafael Ostrow")},
    "unique": {
        ("ferry", COURIER, "bakery"),
        ("ferry", LEDGER, "Ostrow"),
        ("treaty", TIMES, "fisheries"),
        ("strike", TIMES, "Commuters"),
    },
}


def build_article(spec: Spec) -> Article:
    text = spec.title + "\n\n"
    sentences, mentions, quotes, times = [Sentence(0, len(spec.title))], [], [], []
    for line in spec.lines:
        start = len(text)
        text += line.text + " "
        sentences.append(Sentence(start, start + len(line.text)))
        mentions += _mentions(line.text, start)
        times += [
            TimeExpr(
                s,
                start + line.text.index(s),
                start + line.text.index(s) + len(s),
                v,
                "DATE",
                start,
                start + len(line.text),
            )
            for s, v in DATES.items()
            if s in line.text
        ]
        if line.quote:
            words, name, entity, role = line.quote
            at = start + line.text.index(words)
            named = start + line.text.index(name)
            quotes.append(
                Quote(
                    words,
                    at,
                    at + len(words),
                    "direct",
                    "said",
                    Speaker(name, entity, role or None, "person", named, named + len(name)),
                )
            )
    text = text.rstrip()
    return Article(
        id=_id(text),
        text=text,
        source=f"planted:{spec.event}:{spec.outlet}",
        outlet=spec.outlet,
        title=spec.title,
        published=spec.published,
        sentences=sentences,
        mentions=mentions,
        quotes=quotes,
        times=times,
    )


def _mentions(sentence: str, offset: int) -> list[Mention]:
    found: list[Mention] = []
    for surface, label, entity in sorted(ENTITIES, key=lambda e: -len(e[0])):
        at = sentence.find(surface)
        while at >= 0:
            start = offset + at
            if not any(m.start <= start < m.end for m in found):
                found.append(Mention(surface, start, start + len(surface), label, entity, surface))
            at = sentence.find(surface, at + 1)
    return sorted(found, key=lambda m: m.start)


def _id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def build() -> tuple[list[Article], dict[str, str]]:
    """The nine articles in publication order, and each article's gold event."""
    articles = [build_article(s) for s in SPECS]
    return articles, {a.id: s.event for a, s in zip(articles, SPECS, strict=True)}


def write(db: Database, articles: Sequence[Article]) -> None:
    """Store articles as the pipeline would (near-duplicate links included)."""
    signer = Signer(128, 32, 5)
    batch = []
    for article in articles:
        signature = signer.signature(article.text)
        batch.append(NewArticle(article, signature, signer.band_keys(signature)))
    with db.atomic():
        ArticleStore(db).save_batch(batch)
