import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliSync as cli, scratch } from './helpers.js';

const BODY = 'Officials in the two provinces met on Tuesday to discuss the shared river, the regional government said in a statement. Both sides agreed to meet again next month and to publish the water readings every week.';


interface Listed { id: string; title: string | null; published: string | null; published_precision: string | null; outlet: string | null; language: string; warnings?: string[] }
const listed = (db: string) => JSON.parse(cli(['--db', db, 'articles', '--json']).out) as Listed[];
const byTitle = (db: string, title: string) => listed(db).find((a) => a.title === title)!;

test('--date, --outlet and --lang fill what an input lacks and never replace what it states, unless --force-meta (issue #11)', (t) => {
  const s = scratch(t);
  s.write('in/undated.txt', `River talks resume\n\n${BODY}`);
  s.write('in/dated.txt', `River talks end\n\nMarch 3, 2026\n\n${BODY.replace('Tuesday', 'Monday')} The talks ended after three days.`);
  s.write('short/tiny.txt', 'Short note\n\nTalks resumed.');
  const r = cli(['--db', s.db, 'ingest', `${s.dir}/in`, '--date', '2026-03-10', '--outlet', 'Valley Courier', '--json']);
  assert.equal(r.code, 0, r.err);
  const undated = byTitle(s.db, 'River talks resume');
  assert.equal(undated.published, '2026-03-10');
  assert.equal(undated.published_precision, 'day');
  assert.equal(undated.outlet, 'Valley Courier');
  const dated = byTitle(s.db, 'River talks end');
  assert.equal(dated.published, '2026-03-03', 'a date the file states is kept');
  // --lang only where the language cannot be told (a text too short to detect).
  assert.equal(cli(['--db', s.db, 'ingest', `${s.dir}/short`, '--lang', 'en']).code, 0);
  assert.equal(byTitle(s.db, 'Short note').language, 'en');

  // --force-meta replaces, and says so on the article.
  const s2 = scratch(t);
  s2.write('in/dated.txt', `River talks end\n\nMarch 3, 2026\n\n${BODY}`);
  assert.equal(cli(['--db', s2.db, 'ingest', `${s2.dir}/in`, '--date', '2026-03-10T08:30:00+02:00', '--force-meta']).code, 0);
  const forced = byTitle(s2.db, 'River talks end');
  assert.equal(forced.published, '2026-03-10T06:30:00Z');
  assert.equal(forced.published_precision, 'second');
  const shown = JSON.parse(cli(['--db', s2.db, 'show', forced.id, '--json']).out) as { article: { warnings: string[] } };
  assert.ok(shown.article.warnings.some((w) => /publication date 2026-03-03 replaced by --date/.test(w)), shown.article.warnings.join('; '));
});

test('bad --date, --lang or a lone --force-meta are usage errors (exit 2) and store nothing', (t) => {
  const s = scratch(t);
  s.write('a.txt', `River talks resume\n\n${BODY}`);
  for (const [args, message] of [
    [['--date', '2026-02-30'], /invalid --date "2026-02-30"/],
    [['--date', 'last Tuesday'], /invalid --date/],
    [['--lang', 'english!'], /invalid --lang/],
    [['--force-meta'], /--force-meta needs --date, --outlet or --lang/],
  ] as const) {
    const r = cli(['--db', s.db, 'ingest', `${s.dir}/a.txt`, ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
  }
  assert.equal(cli(['--db', s.db, 'articles']).code, 1, 'no store was made');
});

test('an outlet named in a JSONL record is kept; the domain table fills it only when the record names none', (t) => {
  const s = scratch(t);
  s.write('feed.jsonl', [
    JSON.stringify({ title: 'Named outlet', outlet: 'Agence Andina', url: 'https://www.reuters.com/world/river-talks', published: '2026-03-10', text: BODY }),
    JSON.stringify({ title: 'No outlet', url: 'https://www.reuters.com/world/other', published: '2026-03-10', text: `${BODY} A second report.` }),
  ].join('\n'));
  assert.equal(cli(['--db', s.db, 'ingest', `${s.dir}/feed.jsonl`]).code, 0);
  assert.equal(byTitle(s.db, 'Named outlet').outlet, 'Agence Andina');
  assert.equal(byTitle(s.db, 'No outlet').outlet, 'Reuters');
});
