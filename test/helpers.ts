import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../src/data/load.js';
import { defaultCreditRules } from '../src/ingest/captions.js';
import { defaultOutletTable } from '../src/ingest/outlets.js';
import type { ReaderContext } from '../src/ingest/types.js';
import type { Io } from '../src/cli/output.js';
import { layoutBody, articleId } from '../src/ingest/normalize.js';
import type { Article } from '../src/types/article.js';

export const ROOT = packageRoot();
export const repoPath = (...p: string[]) => join(ROOT, ...p);
export const SEED_LEGIT = repoPath('examples', 'seeds', 'legit-ng-putin-pezeshkian.txt');
export const SEED_MT = repoPath('examples', 'seeds', 'moscow-times-putin-pezeshkian.md');

export function ctxFor(path: string): ReaderContext {
  return { path, outlets: defaultOutletTable(), credits: defaultCreditRules() };
}

/** A scratch folder removed after the test. */
export function scratch(t: { after: (fn: () => void) => void }): { dir: string; write: (name: string, data: string | Uint8Array) => string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wirescope-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    db: join(dir, 'test.db'),
    write(name, data) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data);
      return p;
    },
  };
}

export const FIXED_NOW = () => new Date('2026-11-25T12:00:00Z');

/** An Io that records what a command prints. */
export function captureIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    interactive: false,
    stdout: () => out,
    stderr: () => err,
  };
}

/** Smallest valid PNG header bytes, enough to look like an image. */
export const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

/** An English article built by hand from paragraphs (no ingest), for annotation and coding tests. */
export function articleFromText(paragraphs: string[], published: string | null = '2026-03-07', outlet = 'Test Wire', url: string | null = null): Article {
  const { body, paragraphs: ps } = layoutBody(paragraphs.map((text) => ({ text, kind: 'text' as const })));
  return {
    id: articleId(body), url, outlet, title: null, published, published_precision: 'day', language: 'en', byline: null, body, paragraphs: ps,
    captions: [], warnings: [], format: 'text', source_path: 'test', source_locator: null, duplicate_of: null, duplicate_similarity: null, ingested_at: FIXED_NOW().toISOString(),
  };
}

/** Run the built CLI (bin/wirescope.js) in a child process; resolves when it exits. */
export function cliAsync(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [repoPath('bin', 'wirescope.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The same, blocking. */
export function cliSync(args: readonly string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [repoPath('bin', 'wirescope.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
