import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath, scratch, SEED_LEGIT } from './helpers.js';

/**
 * Issue #11: `npm pack` shipped no dist/ (the installed CLI crashed with ERR_MODULE_NOT_FOUND)
 * and did ship tests and eval. This packs the project as built, installs the tarball into an
 * empty folder, runs the installed `wirescope --help` and uses the library face.
 *
 * The tarball's dependencies come from npm's cache (filled by `npm ci`), the registry otherwise.
 * Install scripts are skipped and better-sqlite3's native build is copied from this checkout: it
 * is the same module for the same Node, and compiling it again would add minutes to every run.
 */
test('the packed tarball installs into an empty folder: its CLI runs and `import { ... } from "wirescope"` works', { timeout: 300_000 }, (t) => {
  const s = scratch(t);
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', s.dir], { cwd: repoPath(), encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const files = packed[0]!.files.map((f) => f.path);
  assert.ok(files.includes('dist/src/cli/main.js') && files.includes('dist/src/index.d.ts') && files.includes('bin/wirescope.js'));
  assert.ok(files.includes('data/models/parser-en.bin') && files.includes('LICENSE'));
  assert.ok(files.includes('dist/web/index.html') && files.includes('dist/web/assets/app.js') && files.includes('dist/web/assets/world.json'), 'the built web UI ships');
  assert.deepEqual(files.filter((f) => /^(test|eval|bench|scripts|src|\.ci|dist\/test|dist\/eval)\//.test(f)), [], 'no tests, eval, sources or CI files');

  const app = join(s.dir, 'app');
  s.write('app/package.json', JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(s.dir, packed[0]!.filename)], { cwd: app, stdio: 'pipe' });
  cpSync(repoPath('node_modules', 'better-sqlite3', 'build'), join(app, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });

  const help = spawnSync(join(app, 'node_modules', '.bin', 'wirescope'), ['--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /Usage: wirescope/);

  writeFileSync(join(app, 'use.mjs'), `
import { openStore, ingest, annotate, code, cluster, parse, readArticles, annotateArticle, codeArticle } from 'wirescope';
const store = openStore('news.db');
const i = await ingest(store, [${JSON.stringify(SEED_LEGIT)}]);
const a = await annotate(store);
const c = await code(store);
const k = await cluster(store);
const events = await store.listEvents({});
await store.close();
const [sentence] = parse('Putin spoke with Pezeshkian by phone.');
const { articles } = readArticles('Russia and Iran talk\\n\\nRussian President Vladimir Putin held talks with Iranian President Masoud Pezeshkian on Friday, the Kremlin said. The two leaders discussed the situation in the region and agreed to stay in contact, according to the statement.', 'note.txt');
const mentions = codeArticle(articles[0], annotateArticle(articles[0]));
console.log(JSON.stringify({ ingested: i.ingested.length, annotated: a.annotated, coded: c.coded, stories: k.stories, events: events.length, root: sentence.tokens.find((t) => t.deprel === 'root').form, mentions: mentions.map((m) => m.cameo) }));
`);
  const use = spawnSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' });
  assert.equal(use.status, 0, use.stderr);
  const r = JSON.parse(use.stdout) as { ingested: number; annotated: number; coded: number; stories: number; events: number; root: string; mentions: string[] };
  assert.deepEqual([r.ingested, r.annotated, r.coded, r.stories], [1, 1, 1, 1]);
  assert.ok(r.events > 0);
  assert.equal(r.root, 'spoke');
  assert.ok(r.mentions.length > 0, 'the in-memory coder found the talks');
  assert.ok(readdirSync(app).includes('news.db'));

  // The installed package serves its API and UI (the UI's libraries are bundled into app.js).
  const serve = spawnSync(process.execPath, ['-e', `
const { spawn } = require('node:child_process');
const child = spawn(${JSON.stringify(join(app, 'node_modules', '.bin', 'wirescope'))}, ['--db', 'news.db', 'serve', '--port', '0'], { cwd: ${JSON.stringify(app)} });
let err = '';
child.stderr.on('data', async (d) => {
  err += d;
  const m = /at (http:[^ ]+?)[/] /.exec(err);
  if (!m) return;
  const page = await fetch(m[1] + '/');
  const js = await fetch(m[1] + '/assets/app.js');
  const health = await (await fetch(m[1] + '/api/health')).json();
  console.log(JSON.stringify({ page: page.status, csp: page.headers.get('content-security-policy') !== null, js: js.status, articles: health.articles }));
  child.kill('SIGTERM');
});
setTimeout(() => { console.error('serve did not start: ' + err); child.kill(); process.exit(1); }, 20000).unref();
`], { cwd: app, encoding: 'utf8', timeout: 30_000 });
  assert.equal(serve.status, 0, serve.stderr);
  assert.deepEqual(JSON.parse(serve.stdout), { page: 200, csp: true, js: 200, articles: 1 });
});
