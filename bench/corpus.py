"""A generated news corpus for benchmarks: our own templates, realistic length and density.

Each article is plain text with a title, a byline, an outlet, a date line and ~20 paragraphs
of sentences that name people, places, organisations, numbers and dates, so that spaCy does
the work it does on real news.
"""

from __future__ import annotations

import random

FIRST = [
    "Mara",
    "Tobias",
    "Anika",
    "Desmond",
    "Lucia",
    "Rafael",
    "Imogen",
    "Kwame",
    "Sunita",
    "Elias",
    "Nadia",
    "Oren",
    "Priya",
    "Stefan",
    "Amara",
    "Jonas",
    "Mei",
    "Tariq",
    "Greta",
]
LAST = [
    "Quillon",
    "Wren",
    "Solberg",
    "Achterberg",
    "Ferrante",
    "Ostrow",
    "Thale",
    "Boateng",
    "Rao",
    "Varga",
    "Kerrow",
    "Lindqvist",
    "Mbeki",
    "Castellano",
    "Horvath",
    "Nakamura",
]
PLACES = [
    "Port Adley",
    "Calder",
    "Velmar",
    "Ostrania",
    "Brinmoor",
    "Hollis Bay",
    "Karsk",
    "Tirrell",
    "Mirrow",
    "Dravik",
    "Serrin Valley",
    "Gull Island",
    "Northgate",
]
ORGS = [
    "the Carrow Transportation Safety Board",
    "Adley Polytechnic",
    "the Velmar Water Authority",
    "the Ostranian Foreign Ministry",
    "Meridian Freight",
    "the Brinmoor City Council",
    "the Harbor Workers Union",
    "the National Audit Office",
]
ROLES = [
    "a spokesperson for",
    "a professor at",
    "the director of",
    "a senior analyst at",
    "an engineer with",
    "the chair of",
]
TOPICS = [
    "the water treaty",
    "the bridge inspection",
    "the port strike",
    "the budget vote",
    "the rail link",
    "the flood barrier",
    "the fishing quota",
    "the election recount",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["The Harbor Ledger", "Northgate Daily Times", "Meridian Wire Service", "Calder Gazette"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random) -> str:
    templates = [
        lambda: (
            f"{_person(rng)}, {rng.choice(ROLES)} {rng.choice(ORGS)}, said on {rng.choice(DAYS)} "
            f"that {rng.choice(TOPICS)} would cost about {rng.randint(2, 90)} million dollars."
        ),
        lambda: (
            f"“We have waited {rng.randint(2, 19)} years for {rng.choice(TOPICS)}, and we cannot "
            f"wait another,” {_person(rng)} told reporters in {rng.choice(PLACES)}."
        ),
        lambda: (
            f"According to {rng.choice(ORGS)}, {rng.randint(3, 4000)} residents of "
            f"{rng.choice(PLACES)} were affected in {rng.choice(['March', 'April', 'May'])}."
        ),
        lambda: (
            f"Officials in {rng.choice(PLACES)} and {rng.choice(PLACES)} met {rng.choice(ORGS)} "
            f"last week to discuss {rng.choice(TOPICS)} and the {rng.randint(2, 9)}-year plan."
        ),
        lambda: (
            f"{rng.choice(LAST)} warned that {rng.choice(TOPICS)} could be delayed until "
            f"{rng.randint(2026, 2031)} unless {rng.choice(ORGS)} approved new funding."
        ),
    ]
    return rng.choice(templates)()


def article(seed: int, paragraphs: int = 20) -> str:
    rng = random.Random(seed)
    header = [
        f"{rng.choice(PLACES)} weighs {rng.choice(TOPICS)} after {rng.choice(DAYS)} meeting ({seed})",
        "",
        f"By {_person(rng)}",
        rng.choice(OUTLETS),
        f"{rng.choice(['March', 'April', 'May'])} {rng.randint(1, 28)}, 2025",
        "",
    ]
    body = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(paragraphs)]
    return "\n".join(header) + "\n\n".join(body) + "\n"


def corpus(n: int, seed: int = 0) -> list[str]:
    return [article(seed * 1_000_000 + i) for i in range(n)]
