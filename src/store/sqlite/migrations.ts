/** Ordered schema migrations; a migration is never edited once released, only followed by another. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'articles, full-text index, near-duplicate bands, ingest runs',
    sql: `
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        published_precision TEXT,
        language TEXT NOT NULL,
        byline TEXT,
        body TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        captions TEXT NOT NULL,
        warnings TEXT NOT NULL,
        format TEXT NOT NULL,
        source_path TEXT NOT NULL,
        source_locator TEXT,
        duplicate_of TEXT REFERENCES articles(id),
        duplicate_similarity REAL,
        ingested_at TEXT NOT NULL,
        minhash BLOB NOT NULL
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
      CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, coalesce(new.title, ''), new.body);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, coalesce(old.title, ''), old.body);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, coalesce(old.title, ''), old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, coalesce(new.title, ''), new.body);
      END;

      CREATE TABLE article_lsh (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, key, article_id)
      ) WITHOUT ROWID;

      CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        ingested INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        near_duplicates INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE ingest_problems (
        run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
        path TEXT NOT NULL,
        locator TEXT,
        code TEXT NOT NULL,
        message TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'annotations and per-article actors',
    sql: `
      CREATE TABLE annotations (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        annotator_version INTEGER NOT NULL,
        annotated_at TEXT NOT NULL,
        skipped TEXT,
        doc TEXT NOT NULL
      );
      CREATE TABLE article_actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        name TEXT NOT NULL,
        code TEXT NOT NULL,
        country TEXT,
        role TEXT,
        entity_id TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id)
      );
      CREATE INDEX article_actors_actor ON article_actors(actor_id);
    `,
  },
  {
    version: 3,
    name: 'coded events and their mentions',
    sql: `
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        root TEXT NOT NULL,
        dyad TEXT NOT NULL,
        negated INTEGER NOT NULL,
        cameo TEXT NOT NULL,
        date TEXT,
        date_precision TEXT NOT NULL,
        source_code TEXT,
        source_country TEXT,
        target_code TEXT,
        target_country TEXT,
        plover TEXT,
        mention_count INTEGER NOT NULL,
        intervals TEXT NOT NULL,
        lo TEXT,
        hi TEXT,
        people TEXT NOT NULL,
        articles TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX events_key ON events(root, dyad, negated);
      CREATE INDEX events_date ON events(date);
      CREATE TABLE event_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        event_id TEXT NOT NULL REFERENCES events(id),
        doc TEXT NOT NULL,
        PRIMARY KEY (article_id, ord)
      );
      CREATE INDEX event_mentions_event ON event_mentions(event_id);
      CREATE TABLE coded (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        coder_version INTEGER NOT NULL,
        coded_at TEXT NOT NULL,
        mentions INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'stories and threads',
    sql: `
      CREATE TABLE cluster_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL,
        title TEXT NOT NULL,
        first TEXT,
        last TEXT,
        size INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX stories_thread ON stories(thread_id);
      CREATE INDEX stories_last ON stories(last);
      CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
      );
      CREATE INDEX story_articles_story ON story_articles(story_id);
      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE TABLE story_changes (
        seq INTEGER PRIMARY KEY,
        level TEXT NOT NULL,
        from_id TEXT NOT NULL,
        into_id TEXT NOT NULL,
        at_article TEXT NOT NULL,
        score REAL NOT NULL,
        articles TEXT,
        UNIQUE (level, from_id, into_id)
      );
    `,
  },
  {
    version: 5,
    name: 'leases',
    sql: `
      -- One row per pipeline stage a process is running (code, cluster): a second run waits for the
      -- first instead of interleaving with it (issue #11). A crashed holder is seen by its pid on the
      -- same host, or by the lease running out.
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'fetch state',
    sql: `
      -- Validators from the last successful fetch of each URL ingested or watched: the next fetch
      -- sends If-None-Match / If-Modified-Since, and an unchanged page costs a 304.
      CREATE TABLE fetch_state (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'event listing order',
    sql: `
      -- Event listings are ordered by date (undated last), then most reported: an index in exactly
      -- that order lets a page read its rows instead of sorting every event (issue #12: an events
      -- page took 34 ms on a 10,000-article store, nearly all of it the sort).
      CREATE INDEX events_listing ON events(date IS NULL, date, mention_count DESC, id);
    `,
  },
  {
    version: 8,
    name: 'event summaries kept incrementally',
    sql: `
      -- The fold an event's record is computed from (issue #13): a new mention updates it instead
      -- of re-reading every mention of the event. NULL on events stored before: the next mention
      -- recomputes it from the mentions.
      ALTER TABLE events ADD COLUMN summary TEXT;
    `,
  },
  {
    version: 9,
    name: 'constant-size merge summaries',
    sql: `
      -- What merging reads of a candidate event no longer grows with the event (issue #13): the
      -- intersection of its date intervals (lo, hi, kept since migration 3) and the one article that
      -- reports it (NULL when several do). The lists in intervals and articles are no longer kept
      -- (new rows hold "[]").
      ALTER TABLE events ADD COLUMN only_article TEXT;
      UPDATE events SET only_article = CASE WHEN json_array_length(articles) = 1 THEN json_extract(articles, '$[0]') END;
    `,
  },
  {
    version: 10,
    name: 'story clusterer state in rows',
    sql: `
      -- The story clusterer's state row by row (issue #13): a clustering run writes the terms,
      -- stories, threads, index entries and log records it changed, not the whole state. A store's
      -- older single JSON value (cluster_state) is read until the next run replaces it with rows.
      CREATE TABLE cluster_rows (
        part TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (part, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'event mentions as offsets',
    sql: `
      -- Event mentions are written without the sentence text, outlet, URL and date their article
      -- holds (issue #13); readers complete them from the article. No table changes: the version
      -- keeps an older wirescope, which would show such mentions without their text, from opening
      -- the store. Rows written before read the same.
      SELECT 1;
    `,
  },
  {
    version: 12,
    name: 'annotations packed',
    sql: `
      -- Annotations are written packed (src/store/annotation-codec.ts: text the article holds left out,
      -- token columns as differences); readers unpack them with the article's body. No table changes:
      -- the version keeps an older wirescope, which would read them as they are, from opening the store.
      SELECT 1;
    `,
  },
  {
    version: 13,
    name: 'article actors keyed without a second copy',
    sql: `
      -- article_actors kept its rows and, beside them, an index of its key holding most of the same
      -- bytes (issue #13: 10 of its 31 MB at 10,000 articles): as a WITHOUT ROWID table the key is the table.
      CREATE TABLE article_actors_keyed (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        name TEXT NOT NULL,
        code TEXT NOT NULL,
        country TEXT,
        role TEXT,
        entity_id TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id)
      ) WITHOUT ROWID;
      INSERT INTO article_actors_keyed SELECT article_id, actor_id, name, code, country, role, entity_id, mentions FROM article_actors;
      DROP TABLE article_actors;
      ALTER TABLE article_actors_keyed RENAME TO article_actors;
      CREATE INDEX article_actors_actor ON article_actors(actor_id);
    `,
  },
  {
    version: 14,
    name: 'event records deflated',
    sql: `
      -- Event records (doc) and their folds (summary) are written deflated, as annotations and
      -- mentions are (issue #13: 16 of the 23 MB of events at 10,000 articles). No table changes: the
      -- version keeps an older wirescope, which would read them as text, from opening the store.
      SELECT 1;
    `,
  },
  {
    version: 15,
    name: 'event mentions packed, annotations deflated',
    sql: `
      -- Event mentions are written deflated against a preset dictionary of their fields
      -- (src/store/doc-codec.ts: 322 bytes deflated alone, 166 packed, on the bench's); annotations
      -- were deflated here already (PostgreSQL's are from this version). No table changes: the
      -- version keeps an older wirescope, which could not read the mentions, from opening the store.
      SELECT 1;
    `,
  },
];
