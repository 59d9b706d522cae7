"""A corpus of our own making whose resolution depends on how profiles are trimmed to their caps,
and a dump of everything resolution writes for it — run as a script, in subprocesses with
different ``PYTHONHASHSEED`` values, by ``test_hash_seed.py``.

Every sentence here was written for these tests. One engineer, Noor Castel, visits 60
organisations in one article and 60 others in the next: her profile's context (120 entities,
each seen once) exceeds ``MAX_CONTEXT``, so which ones it keeps is decided by a tie-break.
Short articles then name her, each in a role of its own, with one organisation of the second visit and
two never seen: whether they join her depends on that one organisation having been kept (the
same full name merges unless roles differ with nothing shared).

    python tests/resolve/seed_corpus.py   # prints the dump as JSON
"""

from __future__ import annotations

import json
from typing import Any

from trap_corpus import resolve_stored, save_articles

from crosswire.store import Database
from crosswire.store.entities import EntityStore
from crosswire.types import Article, Mention

PERSON = "Noor Castel"
STEMS = ("Alder", "Brisk", "Corran", "Dunmore", "Elsby", "Fenwick", "Garrow", "Halden", "Ivel",
         "Jessop", "Kettering", "Lowry", "Marden")
KINDS = ("Foundry", "Institute", "Cooperative", "Museum", "Trust", "Guild", "Works", "Society",
         "Academy", "Council", "Library")
ORGS = tuple(f"{stem} {kind}" for kind in KINDS for stem in STEMS)  # 143 names
FIRST_VISIT, SECOND_VISIT, UNSEEN = ORGS[:60], ORGS[60:120], ORGS[120:]
PROBE_ROLES = ("captain", "farmer", "teacher", "nurse", "lawyer", "judge", "doctor", "mayor", "pastor",
               "coach")
PROBES = len(PROBE_ROLES)
BATCH = 4  # several batches: later articles are resolved against entities read from the store


def article(article_id: str, published: str, orgs: tuple[str, ...], role: str = "") -> Article:
    """Noor Castel and the organisations she visited, one sentence each, mentions located."""
    lines = [f"{PERSON}{role} toured the coast this week."]
    lines += [f"She met the staff of the {org} on the way." for org in orgs]
    text = "\n".join(lines)
    mentions = [Mention(PERSON, 0, len(PERSON), "PERSON")]
    for org in orgs:
        start = text.index(f"the {org} ") + 4
        mentions.append(Mention(org, start, start + len(org), "ORG"))
    return Article(id=article_id, text=text, source=article_id, published=published, mentions=mentions)


def build() -> list[Article]:
    articles = [article("visit-1", "2025-05-01", FIRST_VISIT, ", a harbour engineer,"),
                article("visit-2", "2025-05-03", SECOND_VISIT, ", a harbour engineer,")]
    for i, role in enumerate(PROBE_ROLES):  # a role of its own: only the shared organisation binds
        orgs = (SECOND_VISIT[6 * i], *UNSEEN[2 * i:2 * i + 2])
        articles.append(article(f"probe-{i:02d}", "2025-05-10", orgs, f", a {role},"))
    return articles


def dump() -> dict[str, Any]:
    """Resolve the corpus into a fresh store and read back everything resolution wrote."""
    articles = build()
    store = EntityStore(Database())
    save_articles(store.db, articles)
    for start in range(0, len(articles), BATCH):
        resolve_stored(store, articles[start:start + BATCH])
    tables = {
        "mentions": "SELECT article_id, start, entity_id FROM mentions ORDER BY article_id, start",
        "entities": "SELECT id, name, profile, article_count FROM entities ORDER BY id",
        "aliases": "SELECT entity_id, alias, count FROM entity_aliases ORDER BY entity_id, alias",
        "keys": "SELECT key, entity_id, weight FROM entity_keys ORDER BY key, entity_id",
        "members": "SELECT article_id, local_key, entity_id, evidence FROM entity_members "
                   "ORDER BY article_id, local_key",
        "merges": "SELECT entity_id, article_id, local_key, merged_entity_id, alias, matched, rule, "
                  "score, detail FROM entity_merges ORDER BY id",
    }
    return {name: [list(row) for row in store.db.query(sql)] for name, sql in tables.items()}


if __name__ == "__main__":
    print(json.dumps(dump()))
