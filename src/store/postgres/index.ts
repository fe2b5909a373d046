import pg from 'pg';
import { createError } from '../../errors.js';
import { signatureFromBuffer, signatureToBuffer } from '../../dedupe/minhash.js';
import type { Annotations } from '../../annotate/annotate.js';
import type { MergePolicy } from '../../events/merge.js';
import type { CodedMention, EventMention, EventRecord } from '../../events/types.js';
import type { FetchState } from '../../ingest/fetch.js';
import type { Article } from '../../types/article.js';
import type { ClusteringSnapshot, ClusterRow, StoredClusterState, StoryChange, StoryRecord, ThreadRecord } from '../../types/stories.js';
import { packAnnotations, unpackAnnotations } from '../annotation-codec.js';
import {
  ARTICLE_FIELDS, articleValues, candidateKey, completeMentions, Where, candidateSummary, EVENT_FIELDS, eventRecord, eventRow, eventRowAdding, leaseBlocks, rowToArticle, searchPhrases, searchWords, snippet, storedMention,
  type ArticleRow, type CandidateRow, type EventRow, type MentionArticle,
} from '../rows.js';
import type { ActorFilter, ActorSummary, ArticleFilter, ClusterActor, CodeQuery, DuplicateCandidate, EventFilter, IngestRunRecord, InputProblemRecord, LeaseHolder, NewArticle, SearchHit, Store, StoryFilter } from '../store.js';
import { MIGRATIONS } from './migrations.js';
import { packDoc, packMention, unpackDoc, unpackMention } from '../doc-codec.js';

/** An event mention row as stored: JSON text (`doc`, rows written before migration 15) or packed (`packed`, src/store/doc-codec.ts). */
interface StoredMentionRow {
  readonly article_id: string;
  readonly doc: string | null;
  readonly packed: Buffer | null;
}

const mentionDoc = <R extends StoredMentionRow>(r: R): R & { doc: string } => ({ ...r, doc: r.packed ? unpackMention(r.packed) : r.doc! });

/** An annotations row as stored: JSON text (`doc`, before migration 15) or deflated (`packed`). */
interface StoredAnnotationRow {
  readonly doc: string | null;
  readonly packed: Buffer | null;
}

const annotationDoc = (r: StoredAnnotationRow): string => (r.packed ? unpackDoc(r.packed) : r.doc!);

const COLS = ARTICLE_FIELDS.join(', ');
const A_COLS = ARTICLE_FIELDS.map((f) => `a.${f}`).join(', ');
/** Advisory lock keys: schema migration, and event merging (one coder writes at a time, as SQLite's IMMEDIATE transactions give). */
const MIGRATE_LOCK = 0x77697265;
const CODING_LOCK = 0x77697266;
const ARTICLES_LOCK = 0x77697267;
const KNOWN = Math.max(0, ...MIGRATIONS.map((m) => m.version));

/** A connection string with its password hidden, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export interface PostgresStoreOptions {
  /** Every transaction read-only (a face that only reads can never change the store). */
  readonly readonly?: boolean;
  /** Create the database when it does not exist (writers do; readers report it missing). */
  readonly create?: boolean;
  readonly poolSize?: number;
}

type Queryable = pg.Pool | pg.PoolClient;

/**
 * The store on PostgreSQL, for several processes or machines sharing one store. Same contract and
 * same answers as the SQLite store (the contract suite runs on both): numbered migrations applied
 * under an advisory lock, full-text search on a tsvector with a GIN index (words only, folded as
 * SQLite folds them), every multi-row write in one transaction.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private opening: Promise<void> | null = null;

  constructor(readonly url: string, private readonly opts: PostgresStoreOptions = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 4,
      ...(opts.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
    });
    // An idle connection dropped by the server is removed from the pool, not a crash of the process.
    this.pool.on('error', () => undefined);
  }

  /** Connect and migrate once, on first use (the constructor stays synchronous for openStore). */
  private ready(): Promise<void> {
    this.opening ??= this.open().catch((e: unknown) => {
      this.opening = null;
      throw e;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      const err = e as { code?: string; message: string };
      if (err.code === '3D000' && this.opts.create && !this.opts.readonly) {
        await this.createDatabase();
        client = await this.pool.connect();
      } else {
        const hint = err.code === '3D000' ? ' (a writing command such as `wirescope ingest` creates it)' : '';
        throw new Error(`${redactUrl(this.url)}: cannot open the store: ${err.message}${hint}`, { cause: e });
      }
    }
    await this.inTransaction(client, async () => {
      // Two processes opening a new store both try to migrate it: one waits for the other.
      if (!this.opts.readonly) await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      const has = (await client.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS has")).rows[0] as { has: boolean };
      const current = has.has ? Number((await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0].v) : 0;
      if (current > KNOWN) {
        throw new Error(`${redactUrl(this.url)}: the store's schema is version ${current}, newer than this wirescope knows (version ${KNOWN}); upgrade wirescope to use it. Nothing was read or written.`);
      }
      if (this.opts.readonly) {
        if (current < KNOWN) throw new Error(`${redactUrl(this.url)}: the store's schema is version ${current}, older than this wirescope's (${KNOWN}): run a writing command (e.g. \`wirescope annotate\`) once to migrate it.`);
      } else {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
        for (const m of MIGRATIONS) {
          if (m.version <= current) continue;
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        }
      }
    });
  }

  private async createDatabase(): Promise<void> {
    const u = new URL(this.url);
    const name = decodeURIComponent(u.pathname.slice(1));
    u.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: u.toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P04') throw e; // created meanwhile by another process
    } finally {
      await admin.end();
    }
  }

  private async q<T>(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<T[]> {
    await this.ready();
    return (await on.query(sql, params)).rows as T[];
  }

  /** Run `fn` in one transaction on one connection: all of it or none of it. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready();
    return this.inTransaction(await this.pool.connect(), fn);
  }

  /** `fn` in a transaction on a client taken from the pool, which is given back (or closed, if broken) after. */
  private async inTransaction<T>(c: pg.PoolClient, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    // A connection lost mid-transaction (server restart) surfaces as the query's error, not as an
    // unhandled 'error' event that would end the process; the broken client is not reused.
    let lost: Error | undefined;
    const onError = (e: Error) => (lost = e);
    c.on('error', onError);
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      // A connection that cannot even roll back is broken: released with the error, it is closed.
      await c.query('ROLLBACK').catch((r: Error) => (lost ??= r));
      throw e;
    } finally {
      c.off('error', onError);
      c.release(lost);
    }
  }

  async revision(): Promise<string> {
    // The write-ahead log's position moves with every committed write, by any connection.
    // (The insert position, which moves at commit even with asynchronous commit; a standby's replay position.)
    return (await this.q<{ lsn: string }>('SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END)::text AS lsn'))[0]!.lsn;
  }

  async schemaVersion(): Promise<number> {
    return (await this.q<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations'))[0]!.v;
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    return new Set((await this.q<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1::text[])', [ids])).map((r) => r.id));
  }

  async nearDuplicateCandidates(bandKeys: readonly number[]): Promise<Map<string, DuplicateCandidate>> {
    const out = new Map<string, DuplicateCandidate>();
    if (!bandKeys.length) return out;
    const rows = await this.q<{ id: string; minhash: Buffer; published: string | null }>(
      `SELECT DISTINCT ON (a.id) a.id, a.minhash, a.published FROM unnest($1::bigint[]) WITH ORDINALITY AS k(key, n)
       JOIN article_lsh l ON l.band = k.n - 1 AND l.key = k.key JOIN articles a ON a.id = l.article_id ORDER BY a.id`,
      [bandKeys],
    );
    for (const r of rows) out.set(r.id, { signature: signatureFromBuffer(r.minhash), published: r.published });
    return out;
  }

  async insertArticles(batch: readonly NewArticle[]): Promise<void> {
    if (!batch.length) return;
    const n = ARTICLE_FIELDS.length;
    const insert = `INSERT INTO articles (${COLS}, minhash, search) VALUES (${ARTICLE_FIELDS.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 1},
      setweight(to_tsvector('simple', $${n + 2}), 'A') || setweight(to_tsvector('simple', $${n + 3}), 'B')) ON CONFLICT (id) DO NOTHING RETURNING seq`;
    await this.tx(async (c) => {
      // One writer of articles at a time: seq is handed out at insert, so two concurrent batches
      // could commit out of seq order, and readers page and code in seq order (SQLite's write
      // transactions serialize the same way).
      await c.query('SELECT pg_advisory_xact_lock($1)', [ARTICLES_LOCK]);
      for (const { article: a, signature, bandKeys, supersedes } of batch) {
        const res = await c.query(insert, [...articleValues(a), signatureToBuffer(signature), searchWords(a.title), searchWords(a.body)]);
        if (!res.rowCount) continue;
        if (bandKeys.length) {
          await c.query('INSERT INTO article_lsh(band, key, article_id) SELECT n - 1, key, $2 FROM unnest($1::bigint[]) WITH ORDINALITY AS k(key, n) ON CONFLICT DO NOTHING', [bandKeys, a.id]);
        }
        if (supersedes) {
          await c.query(
            `UPDATE articles SET duplicate_of = $1, duplicate_similarity = CASE WHEN id = $2 THEN $3 ELSE duplicate_similarity END WHERE id = $2 OR duplicate_of = $2`,
            [a.id, supersedes.id, supersedes.similarity],
          );
          await c.query('DELETE FROM article_lsh WHERE article_id = $1', [supersedes.id]);
        }
      }
    });
  }

  async getArticle(idOrPrefix: string): Promise<Article | null> {
    const exact = await this.q<ArticleRow>(`SELECT ${COLS} FROM articles WHERE id = $1`, [idOrPrefix]);
    if (exact[0]) return rowToArticle(exact[0]);
    if (!/^[0-9a-f]{4,}$/i.test(idOrPrefix)) return null;
    const p = idOrPrefix.toLowerCase();
    const rows = await this.q<ArticleRow>(`SELECT ${COLS} FROM articles WHERE id >= $1 AND id < $2 LIMIT 2`, [p, `${p}g`]);
    if (rows.length > 1) throw createError('USAGE', `article id prefix "${idOrPrefix}" is ambiguous; give more characters`);
    return rows[0] ? rowToArticle(rows[0]) : null;
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Article[]> {
    const w = new Where('postgres');
    if (filter.outlet) w.add('lower(outlet) = lower(?)', filter.outlet);
    if (filter.since) w.add('substr(published, 1, 10) >= ?', filter.since);
    if (filter.until) w.add('substr(published, 1, 10) <= ?', filter.until);
    if (filter.includeDuplicates === false) w.add('duplicate_of IS NULL');
    const rows = await this.q<ArticleRow>(
      `SELECT ${COLS} FROM articles ${w.sql()} ORDER BY published IS NULL, published DESC, seq LIMIT ${w.param(filter.limit || null)} OFFSET ${w.param(filter.offset ?? 0)}`,
      w.params,
    );
    return rows.map(rowToArticle);
  }

  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const phrases = searchPhrases(query);
    if (!phrases.length) return [];
    const w = new Where('postgres');
    const tsq = phrases.map((p) => `phraseto_tsquery('simple', ${w.param(searchWords(p.join(' ')))})`).join(' && ');
    // Title words weigh four times body words, as the SQLite store's bm25 weights them.
    const rows = await this.q<ArticleRow & { score: number }>(
      `SELECT ${COLS}, ts_rank('{0.1, 0.2, 0.25, 1.0}', search, q) AS score FROM articles, (SELECT ${tsq} AS q) AS query
       WHERE search @@ q ORDER BY score DESC, seq LIMIT ${w.param(limit)}`,
      w.params,
    );
    return rows.map((r) => ({ article: rowToArticle(r), snippet: snippet(r.body, phrases), score: r.score }));
  }

  async countArticles(): Promise<number> {
    return (await this.q<{ n: number }>('SELECT count(*)::int AS n FROM articles'))[0]!.n;
  }

  async startRun(startedAt: string): Promise<number> {
    return (await this.q<{ id: number }>('INSERT INTO ingest_runs(started_at) VALUES ($1) RETURNING id', [startedAt]))[0]!.id;
  }

  async recordProblems(runId: number, problems: readonly InputProblemRecord[]): Promise<void> {
    if (!problems.length) return;
    await this.q(
      'INSERT INTO ingest_problems(run_id, path, locator, code, message) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])',
      [runId, problems.map((p) => p.path), problems.map((p) => p.locator), problems.map((p) => p.code), problems.map((p) => p.message)],
    );
  }

  async finishRun(runId: number, finishedAt: string, c: Omit<IngestRunRecord, 'id' | 'started_at' | 'finished_at'>): Promise<void> {
    await this.q('UPDATE ingest_runs SET finished_at = $1, ingested = $2, duplicates = $3, near_duplicates = $4, rejected = $5 WHERE id = $6', [finishedAt, c.ingested, c.duplicates, c.near_duplicates, c.rejected, runId]);
  }

  async articlesToAnnotate(version: number, opts: { ids?: readonly string[]; force?: boolean; limit: number; afterSeq?: number }): Promise<{ seq: number; article: Article }[]> {
    const w = new Where('postgres');
    w.add('a.seq > ?', opts.afterSeq ?? 0);
    if (!opts.force) w.add('(n.article_id IS NULL OR n.annotator_version < ?)', version);
    if (opts.ids?.length) w.add('a.id = ANY(?::text[])', opts.ids);
    const rows = await this.q<ArticleRow & { seq: number }>(
      `SELECT a.seq, ${A_COLS} FROM articles a LEFT JOIN annotations n ON n.article_id = a.id ${w.sql()} ORDER BY a.seq LIMIT ${w.param(opts.limit)}`,
      w.params,
    );
    return rows.map((r) => ({ seq: r.seq, article: rowToArticle(r) }));
  }

  async saveAnnotations(batch: readonly { annotations: Annotations; annotatedAt: string }[]): Promise<void> {
    if (!batch.length) return;
    await this.tx(async (c) => {
      const bodies = new Map(((await c.query('SELECT id, body FROM articles WHERE id = ANY($1::text[])', [batch.map((x) => x.annotations.article_id)])).rows as { id: string; body: string }[]).map((r) => [r.id, r.body]));
      for (const { annotations: a, annotatedAt } of batch) {
        await c.query(
          // Deflated (migration 15): PostgreSQL's own compression kept 8.8 kB an article where deflate keeps 5.6.
          `INSERT INTO annotations(article_id, annotator_version, annotated_at, skipped, packed) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (article_id) DO UPDATE SET annotator_version = excluded.annotator_version, annotated_at = excluded.annotated_at, skipped = excluded.skipped, doc = NULL, packed = excluded.packed`,
          [a.article_id, a.annotator_version, annotatedAt, a.skipped, packDoc(packAnnotations(a, bodies.get(a.article_id) ?? ''))],
        );
        await c.query('DELETE FROM article_actors WHERE article_id = $1', [a.article_id]);
        if (!a.actors.length) continue;
        const col = <K extends keyof Annotations['actors'][number]>(k: K) => a.actors.map((x) => x[k]);
        await c.query(
          `INSERT INTO article_actors(article_id, actor_id, name, code, country, role, entity_id, mentions)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
          [a.article_id, col('id'), col('name'), col('code'), col('country'), col('role'), col('entity_id'), col('mentions')],
        );
      }
    });
  }

  async getAnnotations(articleId: string): Promise<Annotations | null> {
    const row = (await this.q<StoredAnnotationRow & { body: string }>('SELECT n.doc, n.packed, a.body FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.article_id = $1', [articleId]))[0];
    return row ? unpackAnnotations(annotationDoc(row), row.body) : null;
  }

  async listActors(filter: ActorFilter = {}): Promise<ActorSummary[]> {
    const w = new Where('postgres');
    if (filter.country) w.add('lower(country) = lower(?)', filter.country);
    if (filter.role) w.add('lower(role) = lower(?)', filter.role);
    return this.q<ActorSummary>(
      `SELECT actor_id AS id, max(name) AS name, max(code) AS code, max(country) AS country, max(role) AS role, max(entity_id) AS entity_id,
         sum(mentions)::int AS mentions, count(DISTINCT article_id)::int AS articles
       FROM article_actors ${w.sql()} GROUP BY actor_id ORDER BY mentions DESC, name LIMIT ${w.param(filter.limit ?? null)}`,
      w.params,
    );
  }

  async articlesToCode(version: number, opts: CodeQuery): Promise<{ seq: number; article: Article; annotations: Annotations }[]> {
    const w = new Where('postgres');
    w.add('a.seq > ?', opts.afterSeq ?? 0);
    if (!opts.force) w.add('(c.article_id IS NULL OR c.coder_version < ? OR c.coded_at < n.annotated_at)', version);
    if (opts.inOrder !== undefined) w.add('a.seq < coalesce((SELECT min(x.seq) FROM articles x LEFT JOIN annotations y ON y.article_id = x.id WHERE y.article_id IS NULL OR y.annotator_version < ?), 2147483647)', opts.inOrder);
    if (opts.ids?.length) w.add('a.id = ANY(?::text[])', opts.ids);
    const rows = await this.q<ArticleRow & { seq: number; doc: string | null; packed: Buffer | null }>(
      `SELECT a.seq, n.doc, n.packed, ${A_COLS} FROM articles a JOIN annotations n ON n.article_id = a.id LEFT JOIN coded c ON c.article_id = a.id
       ${w.sql()} ORDER BY a.seq LIMIT ${w.param(opts.limit)}`,
      w.params,
    );
    return rows.map((r) => ({ seq: r.seq, article: rowToArticle(r), annotations: unpackAnnotations(annotationDoc(r), r.body) }));
  }

  /** Mentions as stored (`article_id`, `doc` or `packed`), completed from their articles (each read once). */
  private async completedRows<R extends StoredMentionRow>(rows: readonly R[]): Promise<{ row: R & { doc: string }; mention: EventMention }[]> {
    if (!rows.length) return [];
    const parts = await this.q<MentionArticle & { id: string }>('SELECT id, outlet, url, published, body FROM articles WHERE id = ANY($1::text[])', [[...new Set(rows.map((r) => r.article_id))]]);
    return completeMentions(rows.map(mentionDoc), new Map(parts.map((a) => [a.id, a])));
  }

  /** Recompute an event's row from its mentions; delete it when none are left. */
  private async resummarise(c: pg.PoolClient, eventId: string, policy: MergePolicy, dyad: string): Promise<void> {
    // The mentions as stored: the summary reads nothing of their articles.
    const ms = ((await c.query('SELECT doc, packed FROM event_mentions WHERE event_id = $1 ORDER BY seq', [eventId])).rows as StoredMentionRow[]).map((r) => JSON.parse(mentionDoc(r).doc) as CodedMention);
    if (!ms.length) {
      await c.query('DELETE FROM events WHERE id = $1', [eventId]);
      return;
    }
    await this.writeEvent(c, eventRow(eventId, ms, policy, dyad));
  }

  private async writeEvent(c: pg.PoolClient, row: EventRow): Promise<void> {
    const update = EVENT_FIELDS.filter((f) => !['id', 'root', 'dyad', 'negated'].includes(f));
    await c.query(
      `INSERT INTO events(${EVENT_FIELDS.join(', ')}) VALUES (${EVENT_FIELDS.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${update.map((f) => `${f} = excluded.${f}`).join(', ')}`,
      EVENT_FIELDS.map((f) => row[f]),
    );
  }

  async saveCoding(articleId: string, version: number, codedAt: string, mentions: readonly EventMention[], policy: MergePolicy): Promise<string[]> {
    return this.tx(async (c) => {
      // Merging reads candidates and writes events: one coder at a time, or two could start the same event twice.
      await c.query('SELECT pg_advisory_xact_lock($1)', [CODING_LOCK]);
      const old = (await c.query('SELECT DISTINCT m.event_id AS id, e.dyad FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = $1 ORDER BY m.event_id', [articleId])).rows as { id: string; dyad: string }[];
      await c.query('DELETE FROM event_mentions WHERE article_id = $1', [articleId]);
      for (const o of old) await this.resummarise(c, o.id, policy, o.dyad);
      const out: string[] = [];
      for (const [ord, m] of mentions.entries()) {
        const k = candidateKey(m, policy);
        const rows = (await c.query(
          `SELECT id, cameo, negated, lo, hi, people, only_article, mention_count, summary FROM events
           WHERE root = $1 AND dyad = $2 AND negated = $3 AND (($4::text IS NULL AND lo IS NULL) OR (lo <= $5 AND hi >= $4))`,
          [k.root, k.dyad, k.negated, k.lo, k.hi],
        )).rows as CandidateRow[];
        const picked = policy.pick(rows.map(candidateSummary), m);
        const id = picked?.id ?? policy.newId(m);
        await c.query('INSERT INTO event_mentions(article_id, ord, event_id, packed) VALUES ($1, $2, $3, $4)', [articleId, ord, id, packMention(JSON.stringify(storedMention(m)))]); // packed (migration 15)
        // Joining an event updates its stored summary; a new one (or one without a summary) is computed from its mentions.
        const joined = picked ? eventRowAdding(rows.find((r) => r.id === picked.id)!, m, policy, k.dyad) : null;
        if (joined) await this.writeEvent(c, joined);
        else await this.resummarise(c, id, policy, k.dyad);
        out.push(id);
      }
      await c.query(
        `INSERT INTO coded(article_id, coder_version, coded_at, mentions) VALUES ($1, $2, $3, $4)
         ON CONFLICT (article_id) DO UPDATE SET coder_version = excluded.coder_version, coded_at = excluded.coded_at, mentions = excluded.mentions`,
        [articleId, version, codedAt, mentions.length],
      );
      return out;
    });
  }

  /** The mentions each of these events carries, as `mentions` asks (see EventFilter). */
  private async mentionsOf(ids: readonly string[], mentions: EventFilter['mentions'] = 'all', article?: string): Promise<Map<string, EventMention[]>> {
    const out = new Map<string, EventMention[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows =
      mentions === 'article' && article ? await this.q<StoredMentionRow & { event_id: string }>('SELECT event_id, article_id, doc, packed FROM event_mentions WHERE article_id = $1 AND event_id = ANY($2::text[]) ORDER BY seq', [article, ids])
      : typeof mentions === 'number'
        ? await this.q<StoredMentionRow & { event_id: string }>(
          `SELECT event_id, article_id, doc, packed FROM (SELECT event_id, article_id, doc, packed, seq, row_number() OVER (PARTITION BY event_id ORDER BY seq) AS n FROM event_mentions WHERE event_id = ANY($1::text[])) m
           WHERE n <= $2 ORDER BY seq`,
          [ids, mentions],
        )
        : await this.q<StoredMentionRow & { event_id: string }>('SELECT event_id, article_id, doc, packed FROM event_mentions WHERE event_id = ANY($1::text[]) ORDER BY seq', [ids]);
    for (const { row, mention } of await this.completedRows(rows)) out.get(row.event_id)!.push(mention);
    return out;
  }

  async listEvents(filter: EventFilter = {}): Promise<EventRecord[]> {
    const w = new Where('postgres');
    if (filter.actor) {
      const p = `${filter.actor.toUpperCase().replace(/[%_\\]/g, '')}%`;
      w.add('(source_code LIKE ? OR target_code LIKE ?)', p, p);
    }
    if (filter.dyad) {
      const [a = '', b = ''] = filter.dyad.toUpperCase().split(/[-~>]/);
      w.add('((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))', a, b, b, a);
    }
    if (filter.cameo) w.add('cameo LIKE ?', `${filter.cameo.replace(/[%_\\]/g, '')}%`);
    if (filter.plover) w.add('lower(plover) = lower(?)', filter.plover);
    if (filter.since) w.add('date >= ?', filter.since);
    if (filter.until) w.add('date <= ?', filter.until);
    if (filter.ids) w.add('id = ANY(?::text[])', filter.ids);
    if (filter.article) w.add('id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)', filter.article);
    if (filter.outlet) w.add('id IN (SELECT m.event_id FROM articles a JOIN event_mentions m ON m.article_id = a.id WHERE lower(a.outlet) = lower(?))', filter.outlet);
    const rows = await this.q<{ id: string; doc: string; mention_count: number }>(
      `SELECT id, doc, mention_count FROM events ${w.sql()} ORDER BY date IS NULL, date, mention_count DESC, id LIMIT ${w.param(filter.limit ?? null)} OFFSET ${w.param(filter.offset ?? 0)}`,
      w.params,
    );
    const ms = await this.mentionsOf(rows.map((r) => r.id), filter.mentions, filter.article);
    return rows.map((r) => eventRecord(r.doc, ms.get(r.id)!, r.mention_count));
  }

  async getEvent(idOrPrefix: string): Promise<EventRecord | null> {
    const row = await this.byIdOrPrefix('events', idOrPrefix);
    if (!row) return null;
    return eventRecord(row.doc, (await this.mentionsOf([row.id])).get(row.id)!);
  }

  async countEvents(): Promise<number> {
    return (await this.q<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n;
  }

  async getClusterState(): Promise<StoredClusterState | null> {
    const rows = await this.q<ClusterRow>('SELECT part, key, value FROM cluster_rows');
    const legacy = (await this.q<{ state: string }>('SELECT state FROM cluster_state WHERE id = 1'))[0]?.state ?? null;
    return rows.length || legacy ? { rows, legacy } : null;
  }

  async getClusterStamp(): Promise<string | null> {
    const row = (await this.q<{ value: string }>("SELECT value FROM cluster_rows WHERE part = 'meta' AND key = 'stamp'"))[0];
    return row ? (JSON.parse(row.value) as string) : null;
  }

  async articlesToCluster(opts: { limit: number; offset?: number }): Promise<{ seq: number; article: Article; actors: ClusterActor[]; events: EventRecord[] }[]> {
    const rows = await this.q<ArticleRow & { seq: number }>(
      `SELECT a.seq, ${A_COLS} FROM articles a JOIN coded c ON c.article_id = a.id LEFT JOIN story_articles s ON s.article_id = a.id
       WHERE s.article_id IS NULL ORDER BY coalesce(a.published, ''), a.seq LIMIT $1 OFFSET $2`,
      [opts.limit, opts.offset ?? 0],
    );
    const ids = rows.map((r) => r.id);
    const actors = new Map<string, ClusterActor[]>(ids.map((id) => [id, []]));
    for (const a of await this.q<ClusterActor & { article_id: string }>('SELECT DISTINCT article_id, code, name, role FROM article_actors WHERE article_id = ANY($1::text[]) ORDER BY article_id, code, name', [ids])) {
      actors.get(a.article_id)!.push({ code: a.code, name: a.name, role: a.role });
    }
    // Each event with this article's mentions of it only.
    const events = new Map<string, Map<string, EventRecord>>(ids.map((id) => [id, new Map()]));
    const mentionRows = (await this.q<StoredMentionRow & { id: string; event: string }>(
      'SELECT m.article_id, e.id, e.doc AS event, m.doc, m.packed FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ANY($1::text[]) ORDER BY m.article_id, m.ord',
      [ids],
    )).map(mentionDoc);
    const parts = new Map<string, MentionArticle>(rows.map((r) => [r.id, { outlet: r.outlet, url: r.url, published: r.published, body: r.body }]));
    for (const { row: e, mention } of completeMentions(mentionRows, parts)) {
      const byId = events.get(e.article_id)!;
      const rec = byId.get(e.id) ?? eventRecord(e.event, []);
      rec.mentions.push(mention);
      byId.set(e.id, rec);
    }
    return rows.map((r) => ({ seq: r.seq, article: rowToArticle(r), actors: actors.get(r.id)!, events: [...events.get(r.id)!.values()] }));
  }

  async saveClustering(c: ClusteringSnapshot): Promise<void> {
    await this.tx(async (t) => {
      if (c.state.full) await t.query('DELETE FROM cluster_rows; DELETE FROM cluster_state; DELETE FROM stories; DELETE FROM threads; DELETE FROM story_articles');
      const rows = [...c.state.rows, { part: 'meta', key: 'updated_at', value: JSON.stringify(c.updatedAt) }, { part: 'meta', key: 'stamp', value: JSON.stringify(c.stamp) }];
      await t.query(
        `INSERT INTO cluster_rows(part, key, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (part, key) DO UPDATE SET value = excluded.value`,
        [rows.map((r) => r.part), rows.map((r) => r.key), rows.map((r) => r.value)],
      );
      // Stories written or removed lose their rows and placements first; the written ones get new ones.
      const gone = [...c.removed.stories, ...c.stories.map((x) => x.id)];
      await t.query('DELETE FROM stories WHERE id = ANY($1::text[])', [gone]);
      await t.query('DELETE FROM story_articles WHERE story_id = ANY($1::text[])', [gone]);
      await t.query('DELETE FROM threads WHERE id = ANY($1::text[])', [[...c.removed.threads, ...c.threads.map((x) => x.id)]]);
      const s = c.stories;
      await t.query(
        'INSERT INTO stories(id, thread_id, title, first, last, size, doc) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])',
        [s.map((x) => x.id), s.map((x) => x.thread_id), s.map((x) => x.title), s.map((x) => x.start), s.map((x) => x.end), s.map((x) => x.article_ids.length), s.map((x) => JSON.stringify(x))],
      );
      // An article is in one story; should a snapshot name it twice, the last placement stands (as SQLite's INSERT OR REPLACE).
      const placement = new Map<string, string>();
      for (const x of s) for (const a of x.article_ids) placement.set(a, x.id);
      await t.query(
        'INSERT INTO story_articles(article_id, story_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id',
        [[...placement.keys()], [...placement.values()]],
      );
      const th = c.threads;
      await t.query('INSERT INTO threads(id, title, doc) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [th.map((x) => x.id), th.map((x) => x.title), th.map((x) => JSON.stringify(x))]);
      const ch = c.changes;
      await t.query(
        `INSERT INTO story_changes(level, from_id, into_id, at_article, score, articles)
         SELECT level, from_id, into_id, at_article, score, articles
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[]) WITH ORDINALITY AS x(level, from_id, into_id, at_article, score, articles, n)
         ORDER BY n ON CONFLICT (level, from_id, into_id) DO NOTHING`,
        [ch.map((x) => x.level), ch.map((x) => x.from), ch.map((x) => x.into), ch.map((x) => x.at), ch.map((x) => x.score), ch.map((x) => (x.articles ? JSON.stringify(x.articles) : null))],
      );
    });
  }

  async eventIdsByArticle(articleIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(articleIds.map((id) => [id, []]));
    if (!articleIds.length) return out;
    for (const r of await this.q<{ article_id: string; event_id: string }>('SELECT DISTINCT article_id, event_id FROM event_mentions WHERE article_id = ANY($1::text[]) ORDER BY article_id, event_id', [articleIds])) {
      out.get(r.article_id)!.push(r.event_id);
    }
    return out;
  }

  async listStories(filter: StoryFilter = {}): Promise<StoryRecord[]> {
    const w = new Where('postgres');
    if (filter.since) w.add('last >= ?', filter.since);
    if (filter.actor) w.add("EXISTS (SELECT 1 FROM jsonb_array_elements_text(doc::jsonb -> 'actors') AS x(code) WHERE starts_with(x.code, ?))", filter.actor.toUpperCase());
    const rows = await this.q<{ doc: string }>(
      `SELECT doc FROM stories ${w.sql()} ORDER BY last DESC NULLS LAST, size DESC, id LIMIT ${w.param(filter.limit && filter.limit > 0 ? filter.limit : null)} OFFSET ${w.param(filter.offset ?? 0)}`,
      w.params,
    );
    return rows.map((r) => JSON.parse(r.doc) as StoryRecord);
  }

  /** A row of a table with `id` and `doc` by full id or unique prefix (4 characters at least). */
  private async byIdOrPrefix(table: 'events' | 'stories' | 'threads', idOrPrefix: string): Promise<{ id: string; doc: string } | null> {
    const exact = (await this.q<{ id: string; doc: string }>(`SELECT id, doc FROM ${table} WHERE id = $1`, [idOrPrefix]))[0];
    if (exact) return exact;
    if (idOrPrefix.length < 4) return null;
    const rows = await this.q<{ id: string; doc: string }>(`SELECT id, doc FROM ${table} WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2`, [idOrPrefix, `${idOrPrefix}\uffff`]);
    const what = { events: 'event', stories: 'story', threads: 'thread' }[table];
    if (rows.length > 1) throw createError('USAGE', `${what} id prefix "${idOrPrefix}" is ambiguous; give more characters`);
    return rows[0] ?? null;
  }

  async getStory(idOrPrefix: string): Promise<StoryRecord | null> {
    const row = await this.byIdOrPrefix('stories', idOrPrefix);
    return row ? (JSON.parse(row.doc) as StoryRecord) : null;
  }

  async countStories(): Promise<{ stories: number; threads: number }> {
    return (await this.q<{ stories: number; threads: number }>('SELECT (SELECT count(*) FROM stories)::int AS stories, (SELECT count(*) FROM threads)::int AS threads'))[0]!;
  }

  async listThreads(): Promise<ThreadRecord[]> {
    return (await this.q<{ doc: string }>('SELECT doc FROM threads ORDER BY id')).map((r) => JSON.parse(r.doc) as ThreadRecord).sort((a, b) => (b.end ?? '').localeCompare(a.end ?? '') || b.story_ids.length - a.story_ids.length);
  }

  async getThread(idOrPrefix: string): Promise<ThreadRecord | null> {
    const row = await this.byIdOrPrefix('threads', idOrPrefix);
    return row ? (JSON.parse(row.doc) as ThreadRecord) : null;
  }

  async storiesCodedSince(at: string): Promise<string[]> {
    return (await this.q<{ story_id: string }>('SELECT DISTINCT s.story_id FROM coded c JOIN story_articles s ON s.article_id = c.article_id WHERE c.coded_at > $1 ORDER BY s.story_id', [at])).map((r) => r.story_id);
  }

  async listStoryChanges(): Promise<StoryChange[]> {
    const rows = await this.q<Omit<StoryChange, 'articles'> & { articles: string | null }>('SELECT level, from_id AS "from", into_id AS "into", at_article AS at, score, articles FROM story_changes ORDER BY seq');
    return rows.map(({ articles, ...r }) => (articles ? { ...r, articles: JSON.parse(articles) as string[] } : r));
  }

  async acquireLease(name: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseHolder | null> {
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`wirescope lease ${name}`]);
      const now = Date.now();
      const row = (await c.query('SELECT holder, pid, host, expires_at::float8 AS expires_at FROM leases WHERE name = $1', [name])).rows[0] as (LeaseHolder & { expires_at: number }) | undefined;
      if (row && leaseBlocks(row, holder, now)) return { holder: row.holder, pid: row.pid, host: row.host };
      await c.query(
        `INSERT INTO leases(name, holder, pid, host, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at`,
        [name, holder.holder, holder.pid, holder.host, now + ttlMs],
      );
      return null;
    });
  }

  async releaseLease(name: string, holder: LeaseHolder): Promise<void> {
    await this.q('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder.holder]);
  }

  async getFetchState(url: string): Promise<FetchState | null> {
    return (await this.q<FetchState>('SELECT url, etag, last_modified, fetched_at FROM fetch_state WHERE url = $1', [url]))[0] ?? null;
  }

  async saveFetchState(state: FetchState): Promise<void> {
    await this.q(
      `INSERT INTO fetch_state(url, etag, last_modified, fetched_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at`,
      [state.url, state.etag, state.last_modified, state.fetched_at],
    );
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
