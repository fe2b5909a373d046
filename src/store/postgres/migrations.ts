/**
 * Ordered schema migrations of the PostgreSQL store; a migration is never edited once released,
 * only followed by another. Version numbers follow the SQLite store's, so `schemaVersion()` means
 * the same on both. Text that is sorted or compared by range (ids, dates, codes, names) uses the
 * "C" collation: byte order, as SQLite compares, whatever the database's locale.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'articles, full-text index, near-duplicate bands, ingest runs',
    sql: `
      CREATE TABLE articles (
        seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        url text,
        outlet text,
        title text,
        published text COLLATE "C",
        published_precision text,
        language text NOT NULL,
        byline text,
        body text NOT NULL,
        paragraphs text NOT NULL,
        captions text NOT NULL,
        warnings text NOT NULL,
        format text NOT NULL,
        source_path text NOT NULL,
        source_locator text,
        duplicate_of text COLLATE "C" REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        duplicate_similarity double precision,
        ingested_at text NOT NULL,
        minhash bytea NOT NULL,
        -- The words of the title (weight A) and body (weight B), folded as the SQLite index folds them.
        search tsvector NOT NULL
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_outlet ON articles(lower(outlet));
      CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
      CREATE INDEX articles_search ON articles USING gin(search);

      CREATE TABLE article_lsh (
        band integer NOT NULL,
        key bigint NOT NULL,
        article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, key, article_id)
      );

      CREATE TABLE ingest_runs (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        started_at text NOT NULL,
        finished_at text,
        ingested integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        near_duplicates integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0
      );
      CREATE TABLE ingest_problems (
        run_id integer NOT NULL REFERENCES ingest_runs(id),
        path text NOT NULL,
        locator text,
        code text NOT NULL,
        message text NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'annotations and per-article actors',
    sql: `
      CREATE TABLE annotations (
        article_id text COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        annotator_version integer NOT NULL,
        annotated_at text COLLATE "C" NOT NULL,
        skipped text,
        doc text NOT NULL
      );
      CREATE TABLE article_actors (
        article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        code text COLLATE "C" NOT NULL,
        country text COLLATE "C",
        role text COLLATE "C",
        entity_id text COLLATE "C" NOT NULL,
        mentions integer NOT NULL,
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
        id text COLLATE "C" PRIMARY KEY,
        root text NOT NULL,
        dyad text NOT NULL,
        negated boolean NOT NULL,
        cameo text COLLATE "C" NOT NULL,
        date text COLLATE "C",
        date_precision text NOT NULL,
        source_code text COLLATE "C",
        source_country text,
        target_code text COLLATE "C",
        target_country text,
        plover text,
        mention_count integer NOT NULL,
        intervals text NOT NULL,
        lo text COLLATE "C",
        hi text COLLATE "C",
        people text NOT NULL,
        articles text NOT NULL,
        doc text NOT NULL
      );
      CREATE INDEX events_key ON events(root, dyad, negated);
      CREATE INDEX events_date ON events(date);
      CREATE TABLE event_mentions (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        ord integer NOT NULL,
        event_id text COLLATE "C" NOT NULL REFERENCES events(id) DEFERRABLE INITIALLY DEFERRED,
        doc text NOT NULL,
        PRIMARY KEY (article_id, ord)
      );
      CREATE INDEX event_mentions_event ON event_mentions(event_id, seq);
      CREATE TABLE coded (
        article_id text COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        coder_version integer NOT NULL,
        coded_at text COLLATE "C" NOT NULL,
        mentions integer NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'stories and threads',
    sql: `
      CREATE TABLE cluster_state (
        id integer PRIMARY KEY CHECK (id = 1),
        state text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE TABLE stories (
        id text COLLATE "C" PRIMARY KEY,
        thread_id text COLLATE "C" NOT NULL,
        title text NOT NULL,
        first text COLLATE "C",
        last text COLLATE "C",
        size integer NOT NULL,
        doc text NOT NULL
      );
      CREATE INDEX stories_thread ON stories(thread_id);
      CREATE INDEX stories_last ON stories(last);
      CREATE TABLE story_articles (
        article_id text COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id text COLLATE "C" NOT NULL
      );
      CREATE INDEX story_articles_story ON story_articles(story_id);
      CREATE TABLE threads (
        id text COLLATE "C" PRIMARY KEY,
        title text NOT NULL,
        doc text NOT NULL
      );
      CREATE TABLE story_changes (
        seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        level text NOT NULL,
        from_id text NOT NULL,
        into_id text NOT NULL,
        at_article text NOT NULL,
        score double precision NOT NULL,
        articles text,
        UNIQUE (level, from_id, into_id)
      );
    `,
  },
  {
    version: 5,
    name: 'leases',
    sql: `
      CREATE TABLE leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        pid integer NOT NULL,
        host text NOT NULL,
        expires_at bigint NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'fetch state',
    sql: `
      CREATE TABLE fetch_state (
        url text PRIMARY KEY,
        etag text,
        last_modified text,
        fetched_at text NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'event listing order',
    sql: `CREATE INDEX events_listing ON events((date IS NULL), date, mention_count DESC, id);`,
  },
  {
    version: 8,
    name: 'event summaries kept incrementally',
    sql: `ALTER TABLE events ADD COLUMN summary text;`,
  },
  {
    version: 9,
    name: 'constant-size merge summaries',
    sql: `
      ALTER TABLE events ADD COLUMN only_article text COLLATE "C";
      UPDATE events SET only_article = CASE WHEN jsonb_array_length(articles::jsonb) = 1 THEN articles::jsonb ->> 0 END;
    `,
  },
  {
    version: 10,
    name: 'story clusterer state in rows',
    sql: `
      CREATE TABLE cluster_rows (
        part text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (part, key)
      );
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
      -- SQLite's article_actors becomes a WITHOUT ROWID table; PostgreSQL's primary key index is the only copy already.
      SELECT 1;
    `,
  },
  {
    version: 14,
    name: 'event records deflated',
    sql: `
      -- SQLite deflates event records and their folds; PostgreSQL compresses large values itself.
      SELECT 1;
    `,
  },
  {
    version: 15,
    name: 'event mentions packed, annotations deflated',
    sql: `
      -- A mention (about 600 bytes of JSON, below the size PostgreSQL compresses) is written to
      -- packed, deflated against a preset dictionary of its fields (src/store/doc-codec.ts:
      -- about 166 bytes); annotations are written deflated (PostgreSQL's own compression kept
      -- 8.8 kB an article, deflate 5.6), stored as they come. Rows written before keep their JSON
      -- text in doc.
      ALTER TABLE event_mentions ADD COLUMN packed bytea;
      ALTER TABLE event_mentions ALTER COLUMN doc DROP NOT NULL;
      ALTER TABLE event_mentions ADD CONSTRAINT event_mentions_stored CHECK (doc IS NOT NULL OR packed IS NOT NULL) NOT VALID; -- rows written before hold doc
      ALTER TABLE annotations ADD COLUMN packed bytea;
      ALTER TABLE annotations ALTER COLUMN packed SET STORAGE EXTERNAL;
      ALTER TABLE annotations ALTER COLUMN doc DROP NOT NULL;
      ALTER TABLE annotations ADD CONSTRAINT annotations_stored CHECK (doc IS NOT NULL OR packed IS NOT NULL) NOT VALID;
    `,
  },
];
