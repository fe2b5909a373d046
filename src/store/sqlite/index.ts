import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createError } from '../../errors.js';
import { signatureFromBuffer, signatureToBuffer } from '../../dedupe/minhash.js';
import type { Article } from '../../types/article.js';
import type { Annotations } from '../../annotate/annotate.js';
import type { ActorFilter, ActorSummary, ArticleFilter, ClusterActor, CodeQuery, DuplicateCandidate, EventFilter, StoryFilter, IngestRunRecord, InputProblemRecord, LeaseHolder, NewArticle, SearchHit, Store } from '../store.js';
import type { ClusteringSnapshot, ClusterRow, StoredClusterState, StoryChange, StoryRecord, ThreadRecord } from '../../types/stories.js';
import type { MergePolicy } from '../../events/merge.js';
import type { CodedMention, EventMention, EventRecord } from '../../events/types.js';
import { packAnnotations, unpackAnnotations } from '../annotation-codec.js';
import { ARTICLE_FIELDS, completeMentions, leaseBlocks, storedMention, Where, candidateKey, type MentionArticle, candidateSummary, EVENT_FIELDS, eventRecord, eventRow, eventRowAdding, rowToArticle, searchPhrases, type ArticleRow, type CandidateRow, type EventRow } from '../rows.js';
import { MIGRATIONS } from './migrations.js';
import type { FetchState } from '../../ingest/fetch.js';
import { packDoc, packMention, unpackDoc, unpackMention } from '../doc-codec.js';

const ARTICLE_COLUMNS = ARTICLE_FIELDS.join(', ');
const A_COLUMNS = ARTICLE_FIELDS.map((f) => `a.${f}`).join(', ');

/**
 * Turn user text into an FTS5 query that can only mean "these words": every term is quoted,
 * so FTS5 operators, column filters and stray quotes in the input are inert.
 */
export function toFtsQuery(input: string): string | null {
  const parts = searchPhrases(input).map((terms) => `"${terms.join(' ')}"`);
  return parts.length ? parts.join(' ') : null;
}

export interface SqliteStoreOptions {
  readonly readonly?: boolean;
  /** Removed when the store is closed (a snapshot copy made by openForReading). */
  readonly removeOnClose?: string;
}

/**
 * Open a store to read it only. SQLite reads a WAL database through a `-shm` file beside it,
 * which it cannot create in a folder the user may not write: the store is then read from a
 * snapshot copy in the temporary folder, removed on close. A store on an older schema is read
 * through a migrated snapshot the same way (reading never migrates the user's file).
 */
export function openForReading(path: string): SqliteStore {
  try {
    const store = new SqliteStore(path, { readonly: true });
    if (!store.needsMigration()) return store;
    store.db.close();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code)) throw e;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wirescope-read-'));
  const copy = join(dir, 'snapshot.db');
  try {
    // The WAL beside the store holds committed pages not yet in the main file: the copy takes both.
    copyFileSync(path, copy);
    for (const ext of ['-wal']) if (existsSync(path + ext)) copyFileSync(path + ext, copy + ext);
    return new SqliteStore(copy, { removeOnClose: dir });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The embedded store: one SQLite file in WAL mode, migrated on open. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per store, reused for every call. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  constructor(readonly path: string, opts: SqliteStoreOptions = {}) {
    this.db = new Database(path, { readonly: opts.readonly ?? false });
    try {
      if (!opts.readonly) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
      }
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      this.refuseNewerSchema();
      if (!opts.readonly) this.migrate();
    } catch (e) {
      if (this.db.open) this.db.close();
      throw e;
    }
    this.removeOnClose = opts.removeOnClose ?? null;
  }

  private readonly removeOnClose: string | null;

  /** Whether this wirescope would add tables or columns to the store (it was written by an older one). */
  needsMigration(): boolean {
    const known = Math.max(0, ...MIGRATIONS.map((m) => m.version));
    const has = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!has) return true;
    return (this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v < known;
  }

  /**
   * A store written by a newer wirescope has tables this one does not know: refuse it, naming both
   * versions, before anything is read or written (issue #11: it was used and written silently).
   */
  private refuseNewerSchema(): void {
    const known = Math.max(0, ...MIGRATIONS.map((m) => m.version));
    const has = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!has) return;
    const version = (this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    if (version <= known) return;
    this.db.close();
    throw new Error(`${this.path}: the store's schema is version ${version}, newer than this wirescope knows (version ${known}); upgrade wirescope to use it. Nothing was read or written.`);
  }

  private migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const current = (this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      // IMMEDIATE, and checked again inside: two processes opening a new store both try to migrate it.
      this.db.transaction(() => {
        const now = (this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
        if (m.version <= now) return;
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
  }

  async revision(): Promise<string> {
    // data_version moves when another connection commits; total_changes counts this connection's own writes.
    // Prepared once: `db.pragma()` prepares its statement on every call (a quarter of a cached API hit's time).
    const v = this.stmt('PRAGMA data_version').pluck().get() as number;
    const own = this.stmt('SELECT total_changes()').pluck().get() as number;
    return `${v}.${own}`;
  }

  async schemaVersion(): Promise<number> {
    return (this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const stmt = this.stmt('SELECT 1 FROM articles WHERE id = ?').pluck();
    for (const id of ids) if (stmt.get(id)) out.add(id);
    return out;
  }

  async nearDuplicateCandidates(bandKeys: readonly number[]): Promise<Map<string, DuplicateCandidate>> {
    const stmt = this.stmt(
      'SELECT a.id AS id, a.minhash AS minhash, a.published AS published FROM article_lsh l JOIN articles a ON a.id = l.article_id WHERE l.band = ? AND l.key = ?',
    );
    const out = new Map<string, DuplicateCandidate>();
    bandKeys.forEach((key, band) => {
      for (const row of stmt.all(band, key) as { id: string; minhash: Buffer; published: string | null }[]) {
        if (!out.has(row.id)) out.set(row.id, { signature: signatureFromBuffer(row.minhash), published: row.published });
      }
    });
    return out;
  }

  async insertArticles(batch: readonly NewArticle[]): Promise<void> {
    const insert = this.stmt(`INSERT OR IGNORE INTO articles (${ARTICLE_COLUMNS}, minhash)
      VALUES (@id, @url, @outlet, @title, @published, @published_precision, @language, @byline, @body, @paragraphs,
        @captions, @warnings, @format, @source_path, @source_locator, @duplicate_of, @duplicate_similarity, @ingested_at, @minhash)`);
    const band = this.stmt('INSERT OR IGNORE INTO article_lsh(band, key, article_id) VALUES (?, ?, ?)');
    const repoint = this.stmt(`UPDATE articles SET duplicate_of = @to,
      duplicate_similarity = CASE WHEN id = @from THEN @similarity ELSE duplicate_similarity END
      WHERE id = @from OR duplicate_of = @from`);
    const unband = this.stmt('DELETE FROM article_lsh WHERE article_id = ?');
    this.db.transaction(() => {
      // A batch may hold a copy before the original it points to; check references at commit.
      this.db.pragma('defer_foreign_keys = ON');
      for (const { article: a, signature, bandKeys, supersedes } of batch) {
        const res = insert.run({
          ...a,
          paragraphs: JSON.stringify(a.paragraphs),
          captions: JSON.stringify(a.captions),
          warnings: JSON.stringify(a.warnings),
          minhash: signatureToBuffer(signature),
        });
        if (res.changes === 0) continue;
        bandKeys.forEach((key, i) => band.run(i, key, a.id));
        if (supersedes) {
          repoint.run({ to: a.id, from: supersedes.id, similarity: supersedes.similarity });
          unband.run(supersedes.id);
        }
      }
    }).immediate();
  }

  async getArticle(idOrPrefix: string): Promise<Article | null> {
    const exact = this.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`).get(idOrPrefix) as ArticleRow | undefined;
    if (exact) return rowToArticle(exact);
    if (!/^[0-9a-f]{4,}$/i.test(idOrPrefix)) return null;
    const rows = this.db
      .prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id >= ? AND id < ? LIMIT 2`)
      .all(idOrPrefix.toLowerCase(), `${idOrPrefix.toLowerCase()}g`) as ArticleRow[];
    if (rows.length > 1) throw createError('USAGE', `article id prefix "${idOrPrefix}" is ambiguous; give more characters`);
    return rows[0] ? rowToArticle(rows[0]) : null;
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Article[]> {
    const w = new Where('sqlite');
    if (filter.outlet) w.add('outlet = ? COLLATE NOCASE', filter.outlet);
    if (filter.since) w.add('substr(published, 1, 10) >= ?', filter.since);
    if (filter.until) w.add('substr(published, 1, 10) <= ?', filter.until);
    if (filter.includeDuplicates === false) w.add('duplicate_of IS NULL');
    const sql = `SELECT ${ARTICLE_COLUMNS} FROM articles ${w.sql()} ORDER BY published IS NULL, published DESC, seq LIMIT ${w.param(filter.limit || -1)} OFFSET ${w.param(filter.offset ?? 0)}`;
    return (this.db.prepare(sql).all(...w.params) as ArticleRow[]).map(rowToArticle);
  }

  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const fts = toFtsQuery(query);
    if (!fts) return [];
    const rows = this.db
      .prepare(
        `SELECT ${A_COLUMNS},
           snippet(articles_fts, 1, '«', '»', '…', 16) AS snippet, bm25(articles_fts, 4.0, 1.0) AS score
         FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
         WHERE articles_fts MATCH @q ORDER BY score LIMIT @limit`,
      )
      .all({ q: fts, limit }) as (ArticleRow & { snippet: string; score: number })[];
    return rows.map((r) => ({ article: rowToArticle(r), snippet: r.snippet, score: -r.score }));
  }

  async countArticles(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  async startRun(startedAt: string): Promise<number> {
    return Number(this.db.prepare('INSERT INTO ingest_runs(started_at) VALUES (?)').run(startedAt).lastInsertRowid);
  }

  async recordProblems(runId: number, problems: readonly InputProblemRecord[]): Promise<void> {
    const stmt = this.db.prepare('INSERT INTO ingest_problems(run_id, path, locator, code, message) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const p of problems) stmt.run(runId, p.path, p.locator, p.code, p.message);
    }).immediate();
  }

  async finishRun(runId: number, finishedAt: string, c: Omit<IngestRunRecord, 'id' | 'started_at' | 'finished_at'>): Promise<void> {
    this.db
      .prepare('UPDATE ingest_runs SET finished_at = ?, ingested = ?, duplicates = ?, near_duplicates = ?, rejected = ? WHERE id = ?')
      .run(finishedAt, c.ingested, c.duplicates, c.near_duplicates, c.rejected, runId);
  }

  async articlesToAnnotate(version: number, opts: { ids?: readonly string[]; force?: boolean; limit: number; afterSeq?: number }): Promise<{ seq: number; article: Article }[]> {
    const w = new Where('sqlite');
    w.add('a.seq > ?', opts.afterSeq ?? 0);
    if (!opts.force) w.add('(n.article_id IS NULL OR n.annotator_version < ?)', version);
    if (opts.ids?.length) w.add('a.id IN (SELECT value FROM json_each(?))', JSON.stringify(opts.ids));
    const rows = this.db
      .prepare(`SELECT a.seq AS seq, ${A_COLUMNS} FROM articles a LEFT JOIN annotations n ON n.article_id = a.id ${w.sql()} ORDER BY a.seq LIMIT ${w.param(opts.limit)}`)
      .all(...w.params) as (ArticleRow & { seq: number })[];
    return rows.map((r) => ({ seq: r.seq, article: rowToArticle(r) }));
  }

  async saveAnnotations(batch: readonly { annotations: Annotations; annotatedAt: string }[]): Promise<void> {
    const put = this.stmt(`INSERT INTO annotations(article_id, annotator_version, annotated_at, skipped, doc) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(article_id) DO UPDATE SET annotator_version = excluded.annotator_version, annotated_at = excluded.annotated_at,
        skipped = excluded.skipped, doc = excluded.doc`);
    const clear = this.stmt('DELETE FROM article_actors WHERE article_id = ?');
    const actor = this.stmt(`INSERT INTO article_actors(article_id, actor_id, name, code, country, role, entity_id, mentions)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const body = this.stmt('SELECT body FROM articles WHERE id = ?').pluck();
    this.db.transaction(() => {
      for (const { annotations: a, annotatedAt } of batch) {
        put.run(a.article_id, a.annotator_version, annotatedAt, a.skipped, packDoc(packAnnotations(a, (body.get(a.article_id) as string | undefined) ?? '')));
        clear.run(a.article_id);
        for (const x of a.actors) actor.run(a.article_id, x.id, x.name, x.code, x.country, x.role, x.entity_id, x.mentions);
      }
    }).immediate();
  }

  async getAnnotations(articleId: string): Promise<Annotations | null> {
    const row = this.stmt('SELECT n.doc AS doc, a.body AS body FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.article_id = ?').get(articleId) as { doc: string | Buffer; body: string } | undefined;
    return row ? unpackAnnotations(unpackDoc(row.doc), row.body) : null;
  }

  async listActors(filter: ActorFilter = {}): Promise<ActorSummary[]> {
    const w = new Where('sqlite');
    if (filter.country) w.add('country = ? COLLATE NOCASE', filter.country);
    if (filter.role) w.add('role = ? COLLATE NOCASE', filter.role);
    return this.db
      .prepare(
        `SELECT actor_id AS id, max(name) AS name, max(code) AS code, max(country) AS country, max(role) AS role, max(entity_id) AS entity_id,
           sum(mentions) AS mentions, count(DISTINCT article_id) AS articles
         FROM article_actors ${w.sql()}
         GROUP BY actor_id ORDER BY mentions DESC, name LIMIT ${w.param(filter.limit ?? -1)}`,
      )
      .all(...w.params) as ActorSummary[];
  }

  async articlesToCode(version: number, opts: CodeQuery): Promise<{ seq: number; article: Article; annotations: Annotations }[]> {
    const w = new Where('sqlite');
    w.add('a.seq > ?', opts.afterSeq ?? 0);
    if (!opts.force) w.add('(c.article_id IS NULL OR c.coder_version < ? OR c.coded_at < n.annotated_at)', version);
    if (opts.inOrder !== undefined) {
      w.add('a.seq < coalesce((SELECT min(x.seq) FROM articles x LEFT JOIN annotations y ON y.article_id = x.id WHERE y.article_id IS NULL OR y.annotator_version < ?), 9223372036854775807)', opts.inOrder);
    }
    if (opts.ids?.length) w.add('a.id IN (SELECT value FROM json_each(?))', JSON.stringify(opts.ids));
    const rows = this.db
      .prepare(
        `SELECT a.seq AS seq, n.doc AS ann, ${A_COLUMNS} FROM articles a JOIN annotations n ON n.article_id = a.id LEFT JOIN coded c ON c.article_id = a.id
         ${w.sql()} ORDER BY a.seq LIMIT ${w.param(opts.limit)}`,
      )
      .all(...w.params) as (ArticleRow & { seq: number; ann: string | Buffer })[];
    return rows.map((r) => ({ seq: r.seq, article: rowToArticle(r), annotations: unpackAnnotations(unpackDoc(r.ann), r.body) }));
  }

  private eventMentions(eventId: string): EventMention[] {
    return this.mentionDocs('SELECT article_id, doc FROM event_mentions WHERE event_id = ? ORDER BY rowid', eventId);
  }

  /** Mentions as stored (`article_id`, `doc`), completed from their articles (each read once). */
  private mentionDocs(sql: string, ...args: unknown[]): EventMention[] {
    return this.completed(this.stmt(sql).all(...args) as { article_id: string; doc: string | Buffer }[]).map((x) => x.mention);
  }

  private completed<R extends { article_id: string; doc: string | Buffer }>(rows: readonly R[]): { row: R & { doc: string }; mention: EventMention }[] {
    if (!rows.length) return [];
    const ids = [...new Set(rows.map((r) => r.article_id))];
    const parts = this.stmt('SELECT id, outlet, url, published, body FROM articles WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as (MentionArticle & { id: string })[];
    return completeMentions(rows.map((r) => ({ ...r, doc: unpackMention(r.doc) })), new Map(parts.map((a) => [a.id, a])));
  }

  /** Recompute an event's record from its mentions (as stored: the summary reads nothing of their articles); delete it when none are left. */
  private resummarise(eventId: string, policy: MergePolicy, dyad: string): void {
    const ms = (this.stmt('SELECT doc FROM event_mentions WHERE event_id = ? ORDER BY rowid').all(eventId) as { doc: string | Buffer }[]).map((r) => JSON.parse(unpackMention(r.doc)) as CodedMention);
    if (!ms.length) {
      this.stmt('DELETE FROM events WHERE id = ?').run(eventId);
      return;
    }
    this.writeEvent(eventRow(eventId, ms, policy, dyad));
  }

  private writeEvent(r: EventRow): void {
    this.stmt(`INSERT INTO events(${EVENT_FIELDS.join(', ')}) VALUES (${EVENT_FIELDS.map((f) => `@${f}`).join(', ')})
      ON CONFLICT(id) DO UPDATE SET ${EVENT_FIELDS.filter((f) => !['id', 'root', 'dyad', 'negated'].includes(f)).map((f) => `${f} = excluded.${f}`).join(', ')}`)
      .run({ ...r, negated: r.negated ? 1 : 0, summary: r.summary === null ? null : packDoc(r.summary), doc: packDoc(r.doc) }); // the record and its fold deflated (migration 14)
  }

  async saveCoding(articleId: string, version: number, codedAt: string, mentions: readonly EventMention[], policy: MergePolicy): Promise<string[]> {
    const out: string[] = [];
    this.db.transaction(() => {
      // A new event's first mention is written before the event row that summarises it.
      this.db.pragma('defer_foreign_keys = ON');
      const old = this.stmt('SELECT DISTINCT m.event_id AS id, e.dyad AS dyad FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ?').all(articleId) as { id: string; dyad: string }[];
      this.stmt('DELETE FROM event_mentions WHERE article_id = ?').run(articleId);
      for (const o of old) this.resummarise(o.id, policy, o.dyad);
      // Candidates are narrowed by date in SQL; the merge policy decides among them.
      const candidates = this.stmt(`SELECT id, cameo, negated, lo, hi, people, only_article, mention_count, summary FROM events
        WHERE root = @root AND dyad = @dyad AND negated = @negated AND ((@lo IS NULL AND lo IS NULL) OR (lo <= @hi AND hi >= @lo))`);
      const insert = this.stmt('INSERT INTO event_mentions(article_id, ord, event_id, doc) VALUES (?, ?, ?, ?)');
      mentions.forEach((m, ord) => {
        const k = candidateKey(m, policy);
        const dyad = k.dyad;
        const rows = (candidates.all({ ...k, negated: k.negated ? 1 : 0 }) as (Omit<CandidateRow, 'summary'> & { summary: string | Buffer | null })[]).map((r): CandidateRow => ({ ...r, summary: r.summary === null ? null : unpackDoc(r.summary) }));
        const picked = policy.pick(rows.map(candidateSummary), m);
        const id = picked?.id ?? policy.newId(m);
        insert.run(articleId, ord, id, packMention(JSON.stringify(storedMention(m)))); // packed (migration 15)
        // Joining an event updates its stored summary; a new one (or one without a summary) is computed from its mentions.
        const joined = picked ? eventRowAdding(rows.find((r) => r.id === picked.id)!, m, policy, dyad) : null;
        if (joined) this.writeEvent(joined);
        else this.resummarise(id, policy, dyad);
        out.push(id);
      });
      this.stmt(`INSERT INTO coded(article_id, coder_version, coded_at, mentions) VALUES (?, ?, ?, ?)
        ON CONFLICT(article_id) DO UPDATE SET coder_version = excluded.coder_version, coded_at = excluded.coded_at, mentions = excluded.mentions`).run(articleId, version, codedAt, mentions.length);
    }).immediate();
    return out;
  }

  private eventFromRow(r: { id: string; doc: string | Buffer; mention_count?: number }, mentions: EventFilter['mentions'] = 'all', article?: string): EventRecord {
    // `+event_id`: read the article's few mentions by the primary key, not the event's thousands by its index.
    const ms =
      mentions === 'article' && article ? this.mentionDocs('SELECT article_id, doc FROM event_mentions WHERE article_id = ? AND +event_id = ? ORDER BY rowid', article, r.id)
      : typeof mentions === 'number' ? this.mentionDocs('SELECT article_id, doc FROM event_mentions WHERE event_id = ? ORDER BY rowid LIMIT ?', r.id, mentions)
      : this.eventMentions(r.id);
    return eventRecord(unpackDoc(r.doc), ms, r.mention_count);
  }

  async listEvents(filter: EventFilter = {}): Promise<EventRecord[]> {
    const w = new Where('sqlite');
    if (filter.actor) {
      const p = `${filter.actor.toUpperCase().replace(/[%_]/g, '')}%`;
      w.add('(source_code LIKE ? OR target_code LIKE ?)', p, p);
    }
    if (filter.dyad) {
      const [a = '', b = ''] = filter.dyad.toUpperCase().split(/[-~>]/);
      w.add('((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))', a, b, b, a);
    }
    if (filter.cameo) w.add('cameo LIKE ?', `${filter.cameo.replace(/[%_]/g, '')}%`);
    if (filter.plover) w.add('plover = ? COLLATE NOCASE', filter.plover);
    if (filter.since) w.add('date >= ?', filter.since);
    if (filter.until) w.add('date <= ?', filter.until);
    if (filter.ids) w.add('id IN (SELECT value FROM json_each(?))', JSON.stringify(filter.ids));
    // Driven from the mentions (by article: its primary key; by outlet: the outlet index), not by
    // testing every event: on a 10,000-article store the EXISTS form took a second per article.
    if (filter.article) w.add('id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)', filter.article);
    if (filter.outlet) w.add('id IN (SELECT m.event_id FROM articles a JOIN event_mentions m ON m.article_id = a.id WHERE a.outlet = ? COLLATE NOCASE)', filter.outlet);
    const rows = this.db
      .prepare(`SELECT id, doc, mention_count FROM events ${w.sql()} ORDER BY date IS NULL, date, mention_count DESC, id LIMIT ${w.param(filter.limit ?? -1)} OFFSET ${w.param(filter.offset ?? 0)}`)
      .all(...w.params) as { id: string; doc: string; mention_count: number }[];
    return rows.map((r) => this.eventFromRow(r, filter.mentions, filter.article));
  }

  async getEvent(idOrPrefix: string): Promise<EventRecord | null> {
    const row = this.byIdOrPrefix('events', idOrPrefix);
    return row ? this.eventFromRow(row) : null;
  }

  async countEvents(): Promise<number> {
    return (this.stmt('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  async getClusterState(): Promise<StoredClusterState | null> {
    const rows = (this.stmt('SELECT part, key, value FROM cluster_rows').all() as { part: string; key: string; value: string | Buffer }[]).map((r): ClusterRow => ({ ...r, value: unpackDoc(r.value) }));
    const legacy = (this.stmt('SELECT state FROM cluster_state WHERE id = 1').get() as { state: string } | undefined)?.state ?? null;
    return rows.length || legacy ? { rows, legacy } : null;
  }

  async getClusterStamp(): Promise<string | null> {
    const row = this.stmt("SELECT value FROM cluster_rows WHERE part = 'meta' AND key = 'stamp'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : null;
  }

  async articlesToCluster(opts: { limit: number; offset?: number }): Promise<{ seq: number; article: Article; actors: ClusterActor[]; events: EventRecord[] }[]> {
    const rows = this.db
      .prepare(
        `SELECT a.seq AS seq, ${A_COLUMNS} FROM articles a JOIN coded c ON c.article_id = a.id LEFT JOIN story_articles s ON s.article_id = a.id
         WHERE s.article_id IS NULL ORDER BY coalesce(a.published, ''), a.seq LIMIT @limit OFFSET @offset`,
      )
      .all({ offset: opts.offset ?? 0, limit: opts.limit }) as (ArticleRow & { seq: number })[];
    const actors = this.stmt('SELECT DISTINCT code, name, role FROM article_actors WHERE article_id = ? ORDER BY code, name');
    const events = this.stmt('SELECT e.id AS id, e.doc AS event, m.article_id AS article_id, m.doc AS doc FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ? ORDER BY m.ord');
    return rows.map((r) => {
      // Each event with this article's mentions of it only.
      const byId = new Map<string, EventRecord>();
      const parts = new Map([[r.id, { outlet: r.outlet, url: r.url, published: r.published, body: r.body }]]);
      for (const { row: e, mention } of completeMentions((events.all(r.id) as { id: string; event: string | Buffer; article_id: string; doc: string | Buffer }[]).map((e) => ({ ...e, doc: unpackMention(e.doc) })), parts)) {
        const rec = byId.get(e.id) ?? eventRecord(unpackDoc(e.event), []);
        rec.mentions.push(mention);
        byId.set(e.id, rec);
      }
      return { seq: r.seq, article: rowToArticle(r), actors: actors.all(r.id) as ClusterActor[], events: [...byId.values()] };
    });
  }

  async saveClustering(c: ClusteringSnapshot): Promise<void> {
    this.db.transaction(() => {
      if (c.state.full) this.db.exec('DELETE FROM cluster_rows; DELETE FROM cluster_state; DELETE FROM stories; DELETE FROM threads; DELETE FROM story_articles;');
      const row = this.stmt('INSERT OR REPLACE INTO cluster_rows(part, key, value) VALUES (?, ?, ?)');
      // Stories (their centroids and latest articles' term vectors) are most of the state: kept deflated, as annotations are.
      for (const r of c.state.rows) row.run(r.part, r.key, r.part === 'story' ? packDoc(r.value) : r.value);
      row.run('meta', 'updated_at', JSON.stringify(c.updatedAt));
      row.run('meta', 'stamp', JSON.stringify(c.stamp));
      // Stories written or removed lose their rows and placements first; the written ones get new ones.
      const dropStory = this.stmt('DELETE FROM stories WHERE id = ?');
      const dropPlacements = this.stmt('DELETE FROM story_articles WHERE story_id = ?');
      for (const id of [...c.removed.stories, ...c.stories.map((s) => s.id)]) {
        dropStory.run(id);
        dropPlacements.run(id);
      }
      const story = this.stmt('INSERT INTO stories(id, thread_id, title, first, last, size, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const member = this.stmt('INSERT OR REPLACE INTO story_articles(article_id, story_id) VALUES (?, ?)');
      for (const s of c.stories) {
        story.run(s.id, s.thread_id, s.title, s.start, s.end, s.article_ids.length, JSON.stringify(s));
        for (const a of s.article_ids) member.run(a, s.id);
      }
      const dropThread = this.stmt('DELETE FROM threads WHERE id = ?');
      for (const id of c.removed.threads) dropThread.run(id);
      const thread = this.stmt('INSERT OR REPLACE INTO threads(id, title, doc) VALUES (?, ?, ?)');
      for (const t of c.threads) thread.run(t.id, t.title, JSON.stringify(t));
      const change = this.stmt('INSERT OR IGNORE INTO story_changes(level, from_id, into_id, at_article, score, articles) VALUES (?, ?, ?, ?, ?, ?)');
      for (const x of c.changes) change.run(x.level, x.from, x.into, x.at, x.score, x.articles ? JSON.stringify(x.articles) : null);
    }).immediate();
  }

  async eventIdsByArticle(articleIds: readonly string[]): Promise<Map<string, string[]>> {
    const q = this.stmt('SELECT DISTINCT event_id FROM event_mentions WHERE article_id = ? ORDER BY event_id');
    return new Map(articleIds.map((id) => [id, (q.all(id) as { event_id: string }[]).map((r) => r.event_id)]));
  }

  async listStories(filter: StoryFilter = {}): Promise<StoryRecord[]> {
    const w = new Where('sqlite');
    if (filter.since) w.add('last >= ?', filter.since);
    if (filter.actor) {
      const a = filter.actor.toUpperCase();
      w.add("EXISTS (SELECT 1 FROM json_each(doc, '$.actors') WHERE substr(value, 1, length(?)) = ?)", a, a);
    }
    const rows = this.db
      .prepare(`SELECT doc FROM stories ${w.sql()} ORDER BY last DESC, size DESC, id LIMIT ${w.param(filter.limit && filter.limit > 0 ? filter.limit : -1)} OFFSET ${w.param(filter.offset ?? 0)}`)
      .all(...w.params) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as StoryRecord);
  }

  /** A row of a table with `id` and `doc` by full id or unique prefix (4 characters at least). */
  private byIdOrPrefix(table: 'events' | 'stories' | 'threads', idOrPrefix: string): { id: string; doc: string } | null {
    const exact = this.stmt(`SELECT id, doc FROM ${table} WHERE id = ?`).get(idOrPrefix) as { id: string; doc: string } | undefined;
    if (exact) return exact;
    if (idOrPrefix.length < 4) return null;
    const rows = this.stmt(`SELECT id, doc FROM ${table} WHERE id >= ? AND id < ? LIMIT 2`).all(idOrPrefix, `${idOrPrefix}\uffff`) as { id: string; doc: string }[];
    const what = { events: 'event', stories: 'story', threads: 'thread' }[table];
    if (rows.length > 1) throw createError('USAGE', `${what} id prefix "${idOrPrefix}" is ambiguous; give more characters`);
    return rows[0] ?? null;
  }

  async getStory(idOrPrefix: string): Promise<StoryRecord | null> {
    const row = this.byIdOrPrefix('stories', idOrPrefix);
    return row ? (JSON.parse(row.doc) as StoryRecord) : null;
  }

  async countStories(): Promise<{ stories: number; threads: number }> {
    return this.stmt('SELECT (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM threads) AS threads').get() as { stories: number; threads: number };
  }

  async listThreads(): Promise<ThreadRecord[]> {
    return (this.stmt('SELECT doc FROM threads ORDER BY id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as ThreadRecord).sort((a, b) => (b.end ?? '').localeCompare(a.end ?? '') || b.story_ids.length - a.story_ids.length);
  }

  async getThread(idOrPrefix: string): Promise<ThreadRecord | null> {
    const row = this.byIdOrPrefix('threads', idOrPrefix);
    return row ? (JSON.parse(row.doc) as ThreadRecord) : null;
  }

  async storiesCodedSince(at: string): Promise<string[]> {
    return this.stmt('SELECT DISTINCT s.story_id FROM coded c JOIN story_articles s ON s.article_id = c.article_id WHERE c.coded_at > ? ORDER BY s.story_id').pluck().all(at) as string[];
  }

  async listStoryChanges(): Promise<StoryChange[]> {
    const rows = this.stmt('SELECT level, from_id AS "from", into_id AS "into", at_article AS at, score, articles FROM story_changes ORDER BY seq').all() as (Omit<StoryChange, 'articles'> & { articles: string | null })[];
    return rows.map(({ articles, ...r }) => (articles ? { ...r, articles: JSON.parse(articles) as string[] } : r));
  }

  async acquireLease(name: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseHolder | null> {
    return this.db.transaction((): LeaseHolder | null => {
      const now = Date.now();
      const row = this.stmt('SELECT holder, pid, host, expires_at FROM leases WHERE name = ?').get(name) as (LeaseHolder & { expires_at: number }) | undefined;
      if (row && leaseBlocks(row, holder, now)) {
        return { holder: row.holder, pid: row.pid, host: row.host };
      }
      this.stmt('INSERT INTO leases(name, holder, pid, host, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at')
        .run(name, holder.holder, holder.pid, holder.host, now + ttlMs);
      return null;
    }).immediate();
  }

  async getFetchState(url: string): Promise<FetchState | null> {
    return (this.stmt('SELECT url, etag, last_modified, fetched_at FROM fetch_state WHERE url = ?').get(url) as FetchState | undefined) ?? null;
  }

  async saveFetchState(state: FetchState): Promise<void> {
    this.stmt('INSERT INTO fetch_state(url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at')
      .run(state.url, state.etag, state.last_modified, state.fetched_at);
  }

  async releaseLease(name: string, holder: LeaseHolder): Promise<void> {
    this.stmt('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder.holder);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    if (this.removeOnClose) rmSync(this.removeOnClose, { recursive: true, force: true });
  }
}
