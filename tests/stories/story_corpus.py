"""A planted story corpus: 3 events x 3 outlets, all fictional, with known answers.

Each article is built from sentences whose entities, quotes and dates are given by hand, so
every annotation has exact offsets without running spaCy. What is planted (and what the
tests expect to find) is listed in ``PLANTED``: quote variants (verbatim, truncated,
paraphrased, translated), disagreements (a number, a date, a place, a name spelling), omitted
names, and facts only one outlet reports. ``TRAPS`` lists what looks like a finding but is
not one, and must not be reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from crosswire.ingest.identity import Signer
from crosswire.store import ArticleStore, Database
from crosswire.store.articles import NewArticle
from crosswire.stories.cluster import StoryInput
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
    ("Varga", "PERSON", "E-varga"),
    ("Marta Wren", "PERSON", "E-mwren"),
    ("Calder Courier", "ORG", "E-courier"),
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
    "March 7": "2025-03-07",
    # A time of day alone: each outlet's normalizer took the day from its own publication date.
    "9:40 p.m.": "2025-03-03T21:40",
    "9:40 pm": "2025-03-04T21:40",
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
# A paraphrase that keeps most of the words: a looser one ("The terminal stays shut until each
# hull is checked", 63% of words shared) is no longer linked, because on real stories such
# pairs were mostly two utterances of one speaker (#25 tuning split).
FERRY_PARAPHRASE = "The terminal will not reopen until each hull has been checked"
TREATY_QUOTE = "This treaty gives both shores the same water"
# One utterance in Ostranian, as three outlets' translators rendered it.
VARGA_LEDGER = "We have waited forty years for this river to unite us"
VARGA_COURIER = "For forty years we have waited for this river to unite us"
VARGA_TIMES = "The river has waited forty years to join our two peoples"
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
            Line("Rescue boats from Port Adley reached the burning ferry within minutes."),
            Line("Port Adley is the busiest harbour in Calder."),
            Line("The last passenger was brought ashore at 9:40 p.m. by a pilot boat."),
        ],
    ),
    Spec(
        "ferry",
        COURIER,
        "2025-03-04",
        "Passengers hurt as fire sweeps Port Adley ferry",
        [
            Line("Fire swept through a passenger ferry close to Port Adley on Monday night."),
            Line("Several passengers told the Calder Courier that no alarm sounded before the smoke."),
            Line("Officials said 14 passengers were injured in the ferry blaze."),
            Line("The ferry left the harbour on March 2 carrying more than two hundred people."),
            Line("Captain Ilse Maranowa ordered the lifeboats lowered within minutes."),
            Line(
                "\u201cWe will not reopen the terminal,\u201d Wren said.",
                ("We will not reopen the terminal", "Wren", "E-wren", ""),
            ),
            Line("A local bakery handed out warm blankets to every rescued passenger on the pier."),
            Line("Rescue boats from Calder reached the burning ferry within minutes."),
            Line("The last passenger was brought ashore at 9:40 pm by a pilot boat."),
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
            Line("Port Adley is the busiest harbour in Calder."),
            Line(
                "\u201cThe smoke filled the deck in seconds,\u201d said passenger Marta Wren.",
                ("The smoke filled the deck in seconds", "Marta Wren", "E-mwren", "passenger"),
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
            Line("Under the treaty Ostrania will receive 800 million cubic meters of water a year."),
            Line(
                f"\u201c{VARGA_LEDGER},\u201d Ostrania\u2019s foreign minister Elias Varga said "
                "through an interpreter.",
                (VARGA_LEDGER, "Elias Varga", "E-varga", "foreign minister"),
            ),
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
            Line("Under the treaty Ostrania will receive 800 million cubic meters of water a year."),
            Line(
                f"\u201c{VARGA_COURIER},\u201d Varga told state television.",
                (VARGA_COURIER, "Varga", "E-varga", ""),
            ),
        ],
    ),
    Spec(
        "treaty",
        TIMES,
        "2025-03-06",
        "Calder, Ostrania agree to share Lune river water",
        [
            Line(
                "Calder and Ostrania agreed on a treaty on March 5 to share the Lune river waters, "
                "with Ostrania to receive 900 million cubic meters a year."
            ),
            Line("The treaty also creates a joint fisheries panel with seats for river villages."),
            Line("The treaty will take effect on April 1 once both parliaments approve it."),
            Line(
                f"\u201c{VARGA_TIMES},\u201d Elias Varga said in Ostranian.",
                (VARGA_TIMES, "Elias Varga", "E-varga", ""),
            ),
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
            Line("At least 40 trains were cancelled on the first morning of the strike."),
            Line("Nine depots closed and 300 drivers joined the walkout."),
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
            Line("In all, 52 trains were cancelled on the first morning of the strike."),
            Line("Eleven depots closed and 300 drivers joined the walkout."),
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
        # Varga spoke Ostranian: "through an interpreter", "told state television", "said in
        # Ostranian" — three translations of one utterance.
        ("treaty", LEDGER, COURIER, "translated"),
        ("treaty", LEDGER, TIMES, "translated"),
        ("treaty", COURIER, TIMES, "translated"),
    },
    "disagreements": {
        ("ferry", "number", "14", "15"),
        ("ferry", "date", "March 3", "March 2"),
        ("ferry", "spelling", "Ilse Maranova", "Ilse Maranowa"),
        ("strike", "place", "Brinmoor", "Karsk"),
        # The Times packs the figure into its lead, a sentence that aligns with the others' leads.
        ("treaty", "number", "800 million", "900 million"),
        # Two figures in one clause, spelled out: the depots differ, the drivers agree.
        ("strike", "number", "Nine", "Eleven"),
    },
    "omissions": {
        ("ferry", "Rafael Ostrow"),
        # A passenger who shares the harbour master's family name: not named by the others.
        ("ferry", "Marta Wren"),
        # The minister two outlets quote; the Times never names her.
        ("treaty", "Rao"),
    },
    "unique": {
        ("ferry", COURIER, "bakery"),
        ("ferry", COURIER, "alarm"),
        ("ferry", LEDGER, "Ostrow"),
        ("treaty", TIMES, "fisheries"),
        ("strike", TIMES, "Commuters"),
    },
}

# Look like findings, are not: each must not be reported (same shapes as in PLANTED).
TRAPS: dict[str, set[tuple[str, ...]]] = {
    "disagreements": {
        # "at least 40" trains and 52 trains can both be right.
        ("strike", "number", "40", "52"),
        # A time of day with no day: each normalizer guessed the day from its publication date.
        ("ferry", "date", "9:40 p.m.", "9:40 pm"),
        # The harbour town and its country: both outlets name both; two levels of one answer.
        ("ferry", "place", "Calder", "Port Adley"),
        # Two figures of one clause must not be crossed.
        ("strike", "number", "300", "Eleven"),
        ("strike", "number", "300", "Nine"),
    },
    # An outlet naming itself is no news actor the others left out.
    "omissions": {("ferry", "Calder Courier")},
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
                "TIME" if "T" in v else "DATE",
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


def same_kind_events(dimensions: int = 8) -> tuple[list[StoryInput], list[np.ndarray], list[str]]:
    """Two ferry fires in two towns, interleaved: close enough that the second one first joins the first.

    Title+lead vectors of ``dimensions`` (8 for the pure core, the model's size for a store):
    each town's reports lie around its own direction, the two directions at cosine 0.6.
    """
    towns = {"v": ("Velmar", "Harlan Obst"), "k": ("Karsk", "Mirela Tosk")}
    rng = np.random.default_rng(11)
    axes = np.eye(dimensions)
    kind = {"v": axes[0], "k": 0.6 * axes[0] + 0.8 * axes[1]}
    noise = 0.05 * (8 / dimensions) ** 0.5  # the same spread whatever the size
    items, vectors, gold = [], [], []
    for n in range(6):
        for key, (town, captain) in towns.items():
            items.append(
                StoryInput(
                    f"{key}{n}",
                    f"Ferry fire off {town}: captain {captain} says crew "
                    f"of the {town} ferry rescued, report {n}",
                )
            )
            vector = kind[key] + noise * rng.standard_normal(dimensions)
            vectors.append((vector / np.linalg.norm(vector)).astype(np.float32))
            gold.append(key)
    return items, vectors, gold


# -- hard cases (#25): a second, separate corpus, so the planted one above keeps its answers ----
# Weekly orders at the Velmar trade office, as three outlets report one release: a revised
# figure, the same figures worded differently, rounding, and two different counts of one unit.
HARD_SPECS = [
    Spec(
        "orders",
        LEDGER,
        "2025-03-08",
        "Velmar factory orders slip in early March",
        [
            Line("Factory orders in Velmar fell by 2,000 to 41,000 in the week to March 7, "
                 "down from 43,000."),
            Line("The trade office said 300 drivers were hired by the freight depots that week."),
            Line("Exports accounted for 1.4 million cubic meters of timber shipped from Brinmoor."),
            Line("The Velmar board did approve the new tariff schedule on Friday."),
        ],
    ),
    Spec(
        "orders",
        COURIER,
        "2025-03-08",
        "Orders fall again at Velmar factories",
        [
            Line("Factory orders in Velmar fell to 41 thousand in the week to March 7, "
                 "from a revised 43,500."),
            Line("The freight depots hired 300 drivers that week, the trade office said, "
                 "while 120 drivers retired."),
            Line("Exports accounted for 1,400,000 cubic meters of timber shipped from Brinmoor."),
            Line("The Velmar board did not approve the new tariff schedule on Friday."),
        ],
    ),
    Spec(
        "orders",
        TIMES,
        "2025-03-09",
        "Velmar orders ease as depots hire",
        [
            Line("Factory orders in Velmar eased to about 40,000 in the week to March 7."),
            Line("The freight depots took on some 300 new drivers, the trade office said."),
            Line("Exports accounted for roughly 1.4 million cubic meters of timber shipped from Brinmoor."),
            Line("Harbour cranes at Karsk were idle for most of the week after a power cut."),
        ],
    ),
]

HARD: dict[str, set[tuple[str, ...]]] = {
    # the Ledger's 43,000 and the Courier's "revised 43,500" for the week before: a revision
    "revisions": {("43,000", "43,500")},
    # the board approved it / did not approve it
    "denials": {(LEDGER, COURIER)},
}
HARD_TRAPS: dict[str, set[tuple[str, str]]] = {
    "numbers": {
        ("41,000", "41 thousand"),  # one figure worded two ways
        ("41,000", "about 40,000"),  # an estimate, and a rounding
        ("41 thousand", "about 40,000"),
        ("1.4 million", "1,400,000"),
        ("300", "120"),  # drivers hired and drivers retired: two counts of one unit
        ("120", "some 300"),
    },
}


def build_hard() -> list[Article]:
    return [build_article(s) for s in HARD_SPECS]
