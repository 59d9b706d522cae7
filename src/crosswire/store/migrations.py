"""Numbered schema migrations. Append, never edit: a database remembers how far it got.

Each migration is one SQL script run inside one transaction together with the bump of
``PRAGMA user_version``, so a database is always at exactly one version.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, where they came from, their annotations, and full-text search.
    """
    CREATE TABLE raw_inputs (
        id          TEXT PRIMARY KEY,          -- sha256 of the raw content
        media_type  TEXT NOT NULL CHECK (media_type IN ('text', 'html')),
        content     TEXT NOT NULL
    );
    CREATE TABLE articles (
        id            TEXT PRIMARY KEY,        -- hash of the normalized cleaned text
        raw_id        TEXT NOT NULL REFERENCES raw_inputs(id),
        source        TEXT NOT NULL,           -- where it was first read
        url           TEXT,
        outlet        TEXT,
        title         TEXT,
        dek           TEXT,
        byline        TEXT,
        published     TEXT,                    -- ISO 8601
        language      TEXT,
        text          TEXT NOT NULL,
        captions      TEXT NOT NULL DEFAULT '[]',  -- JSON list
        word_count    INTEGER NOT NULL,
        ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);

    -- Every place an article was read from: re-reading adds a source, never an article.
    CREATE TABLE article_sources (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        source      TEXT NOT NULL,
        raw_id      TEXT NOT NULL REFERENCES raw_inputs(id),
        seen_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (article_id, source)
    );
    CREATE INDEX article_sources_source ON article_sources(source);

    CREATE TABLE sentences (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        PRIMARY KEY (article_id, start)
    );
    CREATE TABLE mentions (
        id          INTEGER PRIMARY KEY,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        text        TEXT NOT NULL,
        label       TEXT NOT NULL,
        entity_id   TEXT
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_text ON mentions(text);

    -- Near-duplicate detection: a MinHash signature per article and its LSH band keys,
    -- so candidates are found with an index lookup instead of a scan of the store.
    CREATE TABLE minhash_signatures (
        article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        signature   BLOB NOT NULL
    );
    CREATE TABLE minhash_bands (
        band        INTEGER NOT NULL,
        key         INTEGER NOT NULL,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX minhash_bands_lookup ON minhash_bands(band, key);
    CREATE TABLE near_duplicates (
        article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        duplicate_of  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        similarity    REAL NOT NULL,
        PRIMARY KEY (article_id, duplicate_of)
    );

    CREATE TABLE ingest_errors (
        id      INTEGER PRIMARY KEY,
        source  TEXT NOT NULL,
        reason  TEXT NOT NULL,
        at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: who said what, and when things happened (the quotes and dates stages).
    """
    CREATE TABLE quotes (
        id             INTEGER PRIMARY KEY,
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start          INTEGER NOT NULL,
        "end"          INTEGER NOT NULL,
        text           TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
        cue            TEXT,
        cue_start      INTEGER,
        cue_end        INTEGER,
        speaker        TEXT,                 -- the resolved name
        speaker_kind   TEXT,
        speaker_start  INTEGER,              -- the span that names the speaker at the quote
        speaker_end    INTEGER,
        role           TEXT,
        role_start     INTEGER,
        role_end       INTEGER,
        entity_id      TEXT,
        inherited      INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker);

    CREATE TABLE times (
        id            INTEGER PRIMARY KEY,
        article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start         INTEGER NOT NULL,
        "end"         INTEGER NOT NULL,
        text          TEXT NOT NULL,
        value         TEXT,
        type          TEXT NOT NULL,
        anchor_start  INTEGER,
        anchor_end    INTEGER,
        note          TEXT
    );
    CREATE INDEX times_article ON times(article_id);
    CREATE INDEX times_value ON times(value);

    ALTER TABLE mentions ADD COLUMN canonical TEXT;
    CREATE INDEX mentions_entity ON mentions(entity_id);
    """,
    # 3: entities across articles (resolve/): referents, memberships, aliases, the blocking
    # index, merge evidence, and the user's merges and splits as overrides on name keys.
    """
CREATE TABLE entities (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,                 -- display name: the most used full name
    label          TEXT NOT NULL,                 -- PERSON, ORG, GPE, ...
    family         TEXT NOT NULL,                 -- person | org | place | group | other
    profile        TEXT NOT NULL DEFAULT '{}',    -- JSON: roles, affiliations, context, dates
    article_count  INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE entity_members (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    local_key   TEXT NOT NULL,                    -- the referent's key inside the article
    entity_id   TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    label       TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '{}',       -- JSON: roles, affiliations, context, published
    PRIMARY KEY (article_id, local_key)
);
CREATE INDEX entity_members_entity ON entity_members(entity_id);
CREATE INDEX entity_members_key ON entity_members(local_key);

CREATE TABLE entity_aliases (
    entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    key        TEXT NOT NULL,
    count      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_key ON entity_aliases(key);

CREATE TABLE entity_keys (
    key        TEXT NOT NULL,
    entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

CREATE TABLE entity_merges (
    id                INTEGER PRIMARY KEY,
    entity_id         TEXT NOT NULL,              -- the entity joined (kept after it is merged on)
    article_id        TEXT,                       -- the referent that joined, or NULL when a
    local_key         TEXT,                       --   whole entity joined (bridge, user merge)
    merged_entity_id  TEXT,
    alias             TEXT NOT NULL,              -- the name as the joining side wrote it
    matched           TEXT NOT NULL,              -- the entity's name it matched
    rule              TEXT NOT NULL,              -- exact, spelling-variant, country-alias,
                                                  -- given-name-edit, surname-only, initials,
                                                  -- bridge:*, user-together, user-apart, new
    score             REAL NOT NULL,
    detail            TEXT NOT NULL DEFAULT '',   -- shared roles / affiliations / context
    at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX entity_merges_entity ON entity_merges(entity_id);
CREATE INDEX entity_merges_member ON entity_merges(article_id, local_key);

CREATE TABLE entity_overrides (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('together', 'apart')),
    a_key       TEXT NOT NULL,
    a_article   TEXT NOT NULL DEFAULT '*',
    b_key       TEXT NOT NULL,
    b_article   TEXT NOT NULL DEFAULT '*',
    note        TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (a_key, a_article, b_key, b_article)
);
CREATE INDEX entity_overrides_a ON entity_overrides(a_key);
CREATE INDEX entity_overrides_b ON entity_overrides(b_key);
    """,
    # 4: indexes the web pages need to stay fast on large stores.
    """
    CREATE INDEX mentions_canonical ON mentions(canonical);
    CREATE INDEX quotes_entity ON quotes(entity_id);
    CREATE INDEX articles_outlet_published ON articles(outlet, published);
    """,
    # 5: stories across outlets (stories/): membership, the candidate index, term statistics
    # for incremental TF-IDF, and cached comparisons.
    """
CREATE TABLE stories (
    id               TEXT PRIMARY KEY,             -- hash of the article that started it
    title            TEXT NOT NULL,                -- that article's title
    first_published  TEXT,                         -- ISO day of its earliest dated article
    last_published   TEXT,
    article_count    INTEGER NOT NULL DEFAULT 0,
    source_count     INTEGER NOT NULL DEFAULT 0,   -- independent articles (copies excluded)
    embedding        BLOB,                         -- float32 sum of members' title+lead vectors
    state            TEXT NOT NULL DEFAULT '{}',   -- JSON: term centroid, entity and outlet counts
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX stories_last_published ON stories(last_published);

CREATE TABLE story_articles (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id     TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score        REAL NOT NULL,                    -- the join score (1.0 for founders and copies)
    independent  INTEGER NOT NULL DEFAULT 1,       -- 0 for a syndicated copy of a member
    joined_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX story_articles_story ON story_articles(story_id);

-- The candidate index: t:<term hash>, e:<entity id>, d:<day>, h:<band>:<lsh bucket>.
-- ``seen`` is an activity counter, so a key's most recently active stories come first.
CREATE TABLE story_keys (
    key       TEXT NOT NULL,
    story_id  TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    seen      INTEGER NOT NULL,
    PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_recent ON story_keys(key, seen DESC);

CREATE TABLE story_term_df (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE story_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL);  -- documents, tick

CREATE TABLE story_comparisons (
    story_id       TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    article_count  INTEGER NOT NULL,               -- stale once the story has more articles
    record         TEXT NOT NULL,                  -- JSON: story_record()
    computed_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
    """,
    # 6: Parquet shards from `crosswire run` already merged by `crosswire load` (by content
    # digest, so a rewritten shard is loaded again; content ids keep that safe).
    """
    CREATE TABLE loaded_shards (
        name       TEXT PRIMARY KEY,
        digest     TEXT NOT NULL,
        articles   INTEGER NOT NULL,
        loaded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
    # 7: indexes for a flat per-article cost. A key's best-known entities read from an index:
    # a key like "person/s:john" gathers every John of the store, and ranking them all by
    # article count at each lookup grew with the store (0.6 s for one article's keys at 5k
    # articles). ``weight`` is that count.
    """
    ALTER TABLE entity_keys ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;
    UPDATE entity_keys SET weight = (SELECT article_count FROM entities e WHERE e.id = entity_keys.entity_id);
    CREATE INDEX entity_keys_ranked ON entity_keys(key, weight DESC, entity_id);
    -- The foreign keys to articles that had no index: SQLite plans a full scan of these two
    -- tables for each article written (tests/store/test_query_plans.py).
    CREATE INDEX minhash_bands_article ON minhash_bands(article_id);
    CREATE INDEX near_duplicates_original ON near_duplicates(duplicate_of);
    """,
    # 8: the signals of each story's first members (stories.cluster.split_story reads them to
    # split a story whose members fall into two groups). Apart from ``stories.state`` because
    # only the one story an article joins needs them, while candidates are read by the dozen.
    # Stories older than this table keep no members and are never split.
    """
    CREATE TABLE story_members (
        story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,               -- arrival order within the story
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        signal      TEXT NOT NULL,                  -- JSON: stories.cluster.member_json
        PRIMARY KEY (story_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX story_members_article ON story_members(article_id);
    """,
    # 9: what reading and cleaning changed in each article's input (``Article.notes``): bytes
    # replaced, control characters removed, copies of a paragraph dropped.
    """
    ALTER TABLE articles ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';  -- JSON list
    """,
    # 10: watching feeds (watch/): each feed's polling state, the items already taken (by
    # every key an item is known by: GUID, link, content hash), alert rules, the alerts they
    # fired (one per rule and fact: UNIQUE), and each alert's deliveries (webhook, e-mail).
    """
    CREATE TABLE watch_feeds (
        url            TEXT PRIMARY KEY,
        interval       REAL NOT NULL,              -- seconds asked between polls
        etag           TEXT,
        last_modified  TEXT,
        last_poll      REAL,                       -- the watcher's clock, epoch seconds
        last_success   REAL,
        last_error     TEXT,
        last_error_at  REAL,
        failures       INTEGER NOT NULL DEFAULT 0, -- in a row; 0 after a success
        polls          INTEGER NOT NULL DEFAULT 0,
        items_seen     INTEGER NOT NULL DEFAULT 0,
        next_poll      REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX watch_feeds_next ON watch_feeds(next_poll);
    CREATE TABLE watch_items (
        id          INTEGER PRIMARY KEY,
        feed_url    TEXT NOT NULL,
        link        TEXT,
        state       TEXT NOT NULL CHECK (state IN ('stored', 'failed', 'gave-up')),
        article_id  TEXT,
        attempts    INTEGER NOT NULL DEFAULT 1,
        reason      TEXT,
        seen_at     REAL NOT NULL
    );
    CREATE TABLE watch_item_keys (
        key      TEXT PRIMARY KEY,                 -- guid:…, link:…, content:…
        item_id  INTEGER NOT NULL REFERENCES watch_items(id) ON DELETE CASCADE
    );
    CREATE INDEX watch_item_keys_item ON watch_item_keys(item_id);
    CREATE TABLE alert_rules (
        name        TEXT PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN
                        ('quoted', 'mentions', 'story-sources', 'conflict', 'variant', 'quote-matches')),
        arg         TEXT,                          -- the person, entity, N or words
        story_id    TEXT,                          -- --conflict --story ID
        webhook     TEXT,
        secret      TEXT,
        email       TEXT,
        cursor      INTEGER NOT NULL DEFAULT 0,    -- articles.rowid already evaluated
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE alerts (
        id          INTEGER PRIMARY KEY,
        rule        TEXT NOT NULL REFERENCES alert_rules(name) ON DELETE CASCADE,
        fact_key    TEXT NOT NULL,
        summary     TEXT NOT NULL,
        facts       TEXT NOT NULL,                 -- JSON: the facts and spans that fired it
        article_id  TEXT,
        story_id    TEXT,
        fired_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (rule, fact_key)
    );
    CREATE INDEX alerts_fired ON alerts(fired_at);
    CREATE TABLE alert_deliveries (
        id            INTEGER PRIMARY KEY,
        alert_id      INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        channel       TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
        target        TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        last_status   TEXT,
        next_attempt  REAL NOT NULL DEFAULT 0,
        delivered_at  REAL,
        UNIQUE (alert_id, channel, target)
    );
    CREATE INDEX alert_deliveries_due ON alert_deliveries(state, next_attempt);
    """,
    # 11 (issue 28): time as events. A range's two ends ("2009/2011" has 2009 and 2011), the
    # length a point was counted by ("20 years ago": P20Y), the reference time a relative value
    # used, in words, and the head word of the clause the expression dates (its event).
    """
    ALTER TABLE times ADD COLUMN range_start TEXT;
    ALTER TABLE times ADD COLUMN range_end TEXT;
    ALTER TABLE times ADD COLUMN duration TEXT;
    ALTER TABLE times ADD COLUMN reference TEXT;
    ALTER TABLE times ADD COLUMN event_start INTEGER;
    ALTER TABLE times ADD COLUMN event_end INTEGER;
    """,
    # 12: one utterance, one quote (#23): the kind 'mixed' (SQLite changes a CHECK only by
    # rebuilding the table), the speaker's confidence, the source chain (``via``: a JSON list
    # of {name, start, end, kind}), and the spans of a split quote's parts and of a mixed
    # quote's fragments (JSON lists of [start, end]). Rows keep their ids.
    """
    CREATE TABLE quotes_rebuilt (
        id             INTEGER PRIMARY KEY,
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start          INTEGER NOT NULL,
        "end"          INTEGER NOT NULL,
        text           TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
        cue            TEXT,
        cue_start      INTEGER,
        cue_end        INTEGER,
        speaker        TEXT,
        speaker_kind   TEXT,
        speaker_start  INTEGER,
        speaker_end    INTEGER,
        role           TEXT,
        role_start     INTEGER,
        role_end       INTEGER,
        entity_id      TEXT,
        inherited      INTEGER NOT NULL DEFAULT 0,
        confidence     REAL,
        via            TEXT NOT NULL DEFAULT '[]',
        parts          TEXT NOT NULL DEFAULT '[]',
        fragments      TEXT NOT NULL DEFAULT '[]'
    );
    INSERT INTO quotes_rebuilt (id, article_id, start, "end", text, kind, cue, cue_start, cue_end,
        speaker, speaker_kind, speaker_start, speaker_end, role, role_start, role_end, entity_id,
        inherited)
    SELECT id, article_id, start, "end", text, kind, cue, cue_start, cue_end, speaker,
        speaker_kind, speaker_start, speaker_end, role, role_start, role_end, entity_id, inherited
    FROM quotes;
    DROP TABLE quotes;
    ALTER TABLE quotes_rebuilt RENAME TO quotes;
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE INDEX quotes_entity ON quotes(entity_id);
    """,
    # Renderings of non-English titles and quotes (crosswire.translate), beside the originals:
    # one per article, rendered thing (the title, or the quote starting at ``start``) and
    # target language, with the original it was made from and the server that made it.
    """
    CREATE TABLE translations (
        article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind             TEXT NOT NULL CHECK (kind IN ('title', 'quote')),
        start            INTEGER NOT NULL,
        language         TEXT NOT NULL,
        source_language  TEXT NOT NULL,
        original         TEXT NOT NULL,
        text             TEXT NOT NULL,
        translator       TEXT NOT NULL,
        created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        PRIMARY KEY (article_id, kind, start, language)
    );
    """,
]
