"""A small corpus of our own making, built to trap cross-article resolution.

Every sentence here was written for these tests. Each mention carries a gold referent id;
``build()`` returns the articles (mention offsets found in the text, ``canonical`` set as the
cast would set it) and the gold id of each mention. The traps:

 1. two people sharing a surname in different roles (Kim Dong-yub, Kim Jong-un, Kim Yo-jong);
 2. one person in three spellings (Kim Dong-yub / Kim Dong-yup / Kim Dong Yub);
 3. a country in four forms (North Korea / N. Korea / DPRK / Democratic People's Republic
    of Korea), and its capital used as a metonym (Pyongyang stays a city);
 4. the same name, different people, unrelated stories (Maria Santos the runner and Maria
    Santos the economist);
 5. a diacritic variant (Tomás Erevan / Tomas Erevan);
 6. a hyphenation variant (Kim Jong-un / Kim Jong Un);
 7. an organisation and its acronym (International Atomic Energy Agency / IAEA alone);
 8. father and son one edit apart in the given name's syllables (Kim Jong-il / Kim Jong-un);
 9. a bare surname with no canonical, two people it could be ("Kim" alone);
10. initials in the same story (L. Ferrante / Lucia Ferrante);
11. names one letter apart, two different people in unrelated stories (Marina Quillon, a
    minister / Marino Quillon, a chef);
12. a company with and without its legal suffix (Brinmoor Holdings Ltd. / Brinmoor Holdings);
13. a country's short forms (United States / U.S.).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crosswire.resolve import Resolution, resolve_new
from crosswire.store import Database
from crosswire.store.entities import EntityStore
from crosswire.types import Article, Mention

# (text as written, label, gold id, canonical or None)
MentionSpec = tuple[str, str, str, str | None]
UNIKS: MentionSpec = ("University of North Korean Studies", "ORG", "uniks", None)


@dataclass(frozen=True, slots=True)
class TrapArticle:
    id: str
    published: str
    text: str
    mentions: tuple[MentionSpec, ...]


ARTICLES: tuple[TrapArticle, ...] = (
    TrapArticle("a1", "2025-03-02",
        "Kim Dong-yub, a professor at the University of North Korean Studies, said North Korea "
        "was preparing another launch. Kim said Pyongyang wanted attention from the United States.",
        (("Kim Dong-yub", "PERSON", "kdy", None), UNIKS,
         ("North Korea", "GPE", "nk", None), ("Kim", "PERSON", "kdy", "Kim Dong-yub"),
         ("Pyongyang", "GPE", "pyongyang", None), ("United States", "GPE", "us", None))),
    TrapArticle("a2", "2025-03-04",
        "Kim Dong-yup, a professor at the University of North Korean Studies, told reporters that "
        "the DPRK would not return to talks soon. Kim Jong-un did not appear at the ceremony.",
        (("Kim Dong-yup", "PERSON", "kdy", None), UNIKS,
         ("DPRK", "GPE", "nk", None), ("Kim Jong-un", "PERSON", "kju", None))),
    TrapArticle("a3", "2025-03-05",
        "Leader Kim Jong Un inspected a missile factory, state media in N. Korea reported. "
        "His sister Kim Yo-jong, a vice department director, warned the U.S. against drills.",
        (("Kim Jong Un", "PERSON", "kju", None), ("N. Korea", "GPE", "nk", None),
         ("Kim Yo-jong", "PERSON", "kyj", None), ("U.S.", "GPE", "us", None))),
    TrapArticle("a4", "2025-03-06",
        "Kim Dong Yub, the professor at the University of North Korean Studies, said the "
        "Democratic People's Republic of Korea had tested a new engine near Pyongyang.",
        (("Kim Dong Yub", "PERSON", "kdy", None), UNIKS,
         ("Democratic People's Republic of Korea", "GPE", "nk", None),
         ("Pyongyang", "GPE", "pyongyang", None))),
    TrapArticle("a5", "2011-12-19",
        "Kim Jong-il, the leader of North Korea, died on a train, state television in Pyongyang said.",
        (("Kim Jong-il", "PERSON", "kji", None), ("North Korea", "GPE", "nk", None),
         ("Pyongyang", "GPE", "pyongyang", None))),
    TrapArticle("a6", "2025-03-07",
        "Analysts in Seoul said Kim had little room left. The statement was read out in Pyongyang.",
        (("Seoul", "GPE", "seoul", None), ("Kim", "PERSON", "kim?", None),
         ("Pyongyang", "GPE", "pyongyang", None))),
    TrapArticle("b1", "2025-04-14",
        "Velmar's foreign minister, Tomás Erevan, met Ostrania's water minister Katarin Volsky in "
        "Mirrow. Marina Quillon, Velmar's fisheries minister, joined the talks on the Serrin River.",
        (("Velmar", "GPE", "velmar", None), ("Tomás Erevan", "PERSON", "erevan", None),
         ("Ostrania", "GPE", "ostrania", None), ("Katarin Volsky", "PERSON", "volsky", None),
         ("Mirrow", "GPE", "mirrow", None), ("Marina Quillon", "PERSON", "mquillon", None),
         ("Serrin River", "LOC", "serrin", None))),
    TrapArticle("b2", "2025-04-16",
        "Foreign minister Tomas Erevan of Velmar said the talks in Mirrow with Ostrania on the "
        "Serrin River would go on. The International Atomic Energy Agency (IAEA) sent observers.",
        (("Tomas Erevan", "PERSON", "erevan", None), ("Velmar", "GPE", "velmar", None),
         ("Mirrow", "GPE", "mirrow", None), ("Ostrania", "GPE", "ostrania", None),
         ("Serrin River", "LOC", "serrin", None),
         ("International Atomic Energy Agency", "ORG", "iaea", None),
         ("IAEA", "ORG", "iaea", "International Atomic Energy Agency"))),
    TrapArticle("b3", "2025-04-20",
        "IAEA inspectors reached the Dravik Dam in Ostrania on Sunday.",
        (("IAEA", "ORG", "iaea", None), ("Dravik Dam", "FAC", "dravik", None),
         ("Ostrania", "GPE", "ostrania", None))),
    TrapArticle("c1", "2024-10-06",
        "Maria Santos, a marathon runner from Porto, won the Lisbon race in record time. The "
        "striker-turned-runner Santos thanked her coach, Rui Tavares, and the Benfica club.",
        (("Maria Santos", "PERSON", "santos-runner", None), ("Porto", "GPE", "porto", None),
         ("Lisbon", "GPE", "lisbon", None), ("Santos", "PERSON", "santos-runner", "Maria Santos"),
         ("Rui Tavares", "PERSON", "tavares", None), ("Benfica", "ORG", "benfica", None))),
    TrapArticle("c2", "2025-02-11",
        "Maria Santos, an economist at the Bank of Cabo Verde, said inflation in Praia would ease. "
        "The International Monetary Fund and the finance ministry in Mindelo agreed.",
        (("Maria Santos", "PERSON", "santos-economist", None), ("Bank of Cabo Verde", "ORG", "bcv", None),
         ("Praia", "GPE", "praia", None), ("International Monetary Fund", "ORG", "imf", None),
         ("Mindelo", "GPE", "mindelo", None))),
    TrapArticle("d1", "2025-03-04",
        "Lucia Ferrante, a structural engineer in Port Adley, said the Fenwick Street Bridge had "
        "cracked for months. Brinmoor Holdings Ltd., which built the bridge, declined to comment.",
        (("Lucia Ferrante", "PERSON", "ferrante", None), ("Port Adley", "GPE", "portadley", None),
         ("Fenwick Street Bridge", "FAC", "fenwick", None),
         ("Brinmoor Holdings Ltd.", "ORG", "brinmoor", None))),
    TrapArticle("d2", "2025-03-05",
        "Engineer L. Ferrante told the Port Adley council that the Fenwick Street Bridge inspection "
        "was overdue. Brinmoor Holdings said its crews had followed the plans.",
        (("L. Ferrante", "PERSON", "ferrante", None), ("Port Adley", "GPE", "portadley", None),
         ("Fenwick Street Bridge", "FAC", "fenwick", None), ("Brinmoor Holdings", "ORG", "brinmoor", None))),
    TrapArticle("e1", "2025-01-20",
        "Marino Quillon, a chef in Hollis Bay, opened a seafood restaurant near the Calder harbour "
        "with his partner Imogen Thale and the Tirrell Cooking School.",
        (("Marino Quillon", "PERSON", "chef-quillon", None), ("Hollis Bay", "GPE", "hollisbay", None),
         ("Calder", "GPE", "calder", None), ("Imogen Thale", "PERSON", "thale", None),
         ("Tirrell Cooking School", "ORG", "tirrell-school", None))),
)


def build() -> tuple[list[Article], dict[tuple[str, int], str]]:
    """The articles, and the gold referent of each mention keyed by (article id, start)."""
    articles, gold = [], {}
    for spec in ARTICLES:
        mentions, searched_from = [], 0
        for text, label, gold_id, canonical in spec.mentions:
            start = spec.text.index(text, searched_from if text in spec.text[searched_from:] else 0)
            searched_from = start + len(text)
            mentions.append(Mention(text, start, start + len(text), label, canonical=canonical))
            gold[(spec.id, start)] = gold_id
        articles.append(Article(id=spec.id, text=spec.text, source=f"trap/{spec.id}",
                                published=spec.published, mentions=mentions))
    return articles, gold


def pairwise(articles: list[Article], gold: dict[tuple[str, int], str]) -> tuple[int, int, int]:
    """(true, false, missed) same-referent pairs over mentions of different articles."""
    items = [(a.id, gold[(a.id, m.start)], m.entity_id) for a in articles for m in a.mentions
             if not gold[(a.id, m.start)].endswith("?")]
    tp = fp = fn = 0
    for i, (article_a, gold_a, predicted_a) in enumerate(items):
        for article_b, gold_b, predicted_b in items[i + 1:]:
            if article_a == article_b:
                continue
            same_gold, same_predicted = gold_a == gold_b, predicted_a == predicted_b
            tp += same_gold and same_predicted
            fp += same_predicted and not same_gold
            fn += same_gold and not same_predicted
    return tp, fp, fn


def save_articles(db: Database, articles: list[Article]) -> None:
    """Just enough of the articles and their mentions for the entity store's foreign keys."""
    db.execute("INSERT OR IGNORE INTO raw_inputs (id, media_type, content) VALUES ('r', 'text', '')")
    for a in articles:
        db.execute("INSERT INTO articles (id, raw_id, source, text, word_count) VALUES (?, 'r', ?, ?, 1)",
                   (a.id, a.source, a.text))
        db.executemany("INSERT INTO mentions (article_id, start, \"end\", text, label) "
                       "VALUES (?, ?, ?, ?, ?)",
                       [(a.id, m.start, m.end, m.text, m.label) for m in a.mentions])


def resolve_stored(store: EntityStore, articles: Sequence[Article]) -> Resolution:
    """Resolve articles already stored against ``store`` and write the result (the writer
    resolves before it stores; these tests store first, so mentions are updated)."""
    resolution = resolve_new(articles, store)
    store.save(resolution)
    return resolution
