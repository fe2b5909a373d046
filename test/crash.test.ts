import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { repoPath, scratch } from './helpers.js';

const TOTAL = 3000;
const BATCH = 25;

function article(i: number): string {
  return `Report number ${i} from the wire\n\n${Array.from({ length: 6 }, (_, k) => `Item ${i}-${k}: the ministry said shipment ${i * 7 + k} left port ${k} on schedule.`).join('\n\n')}`;
}

function countArticles(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [repoPath('bin', 'wirescope.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

test('kill -9 mid-ingest leaves a consistent store, and re-running ingests exactly what was missing', async (t) => {
  const s = scratch(t);
  for (let i = 0; i < TOTAL; i++) s.write(`in/${String(i).padStart(5, '0')}.txt`, article(i));
  const child = spawn(process.execPath, [repoPath('bin', 'wirescope.js'), 'ingest', `${s.dir}/in`, '--db', s.db, '--batch-size', String(BATCH), '--quiet'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (countArticles(s.db) < 3 * BATCH && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  await exited;

  const partial = countArticles(s.db);
  assert.ok(partial > 0 && partial < TOTAL, `killed after ${partial} of ${TOTAL}`);
  assert.equal(partial % BATCH, 0, 'only whole batches are committed');
  const db = new Database(s.db);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.exec("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')");
  const lsh = (db.prepare('SELECT count(DISTINCT article_id) AS n FROM article_lsh').get() as { n: number }).n;
  assert.equal(lsh, partial, 'every committed article has its LSH bands');
  db.close();

  const rerun = await runCli(['ingest', `${s.dir}/in`, '--db', s.db, '--json']);
  assert.equal(rerun.code, 0);
  const summary = JSON.parse(rerun.stdout) as { ingested: unknown[]; duplicates: unknown[] };
  assert.equal(summary.ingested.length, TOTAL - partial);
  assert.equal(summary.duplicates.length, partial);
  assert.equal(countArticles(s.db), TOTAL);
});
