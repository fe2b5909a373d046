import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { main } from '../src/cli/main.js';
import type { StoryRecord, ThreadRecord } from '../src/types/stories.js';
import type { StoryReport, ThreadReport } from '../src/stories/report.js';
import { captureIo, scratch, SEED_LEGIT, SEED_MT } from './helpers.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['node', 'wirescope', ...args], io, undefined as unknown as Readable);
  return { code, out: io.stdout(), err: io.stderr() };
}

const QUAKE = `---
title: Magnitude 6.1 earthquake shakes eastern Anatolia
outlet: Anatolian Wire Test
date: 2026-03-11
---

A magnitude 6.1 earthquake struck eastern Anatolia before dawn on Wednesday, damaging dozens of buildings in Malatya province, the disaster agency said.

Rescue teams searched collapsed apartment blocks as aftershocks rattled the region. Schools were closed for the rest of the week.
`;

test('stories from the store: the seeds are two stories (two calls) of one thread; an unrelated article starts its own', async (t) => {
  const s = scratch(t);
  const db = ['--db', s.db];
  for (const step of [['ingest', SEED_MT, SEED_LEGIT, '-q'], ['annotate'], ['code'], ['cluster']]) {
    const r = await cli([...db, ...step]);
    assert.equal(r.code, 0, `${step[0]}: ${r.err}`);
  }
  const stories = JSON.parse((await cli([...db, 'stories', '--json'])).out) as StoryRecord[];
  assert.equal(stories.length, 2);
  for (const k of ['id', 'thread_id', 'title', 'article_ids', 'outlets', 'start', 'end', 'event_ids', 'actors']) assert.ok(k in stories[0]!, k);
  assert.equal(new Set(stories.map((x) => x.thread_id)).size, 1, 'one thread');
  const byOutlet = (o: string) => stories.find((x) => x.outlets.includes(o))!;
  assert.match(byOutlet('The Moscow Times').title, /Discuss by telephone \(2026-03-06\)/);
  assert.equal(byOutlet('Legit.ng').start, '2026-03-10');

  const threads = JSON.parse((await cli([...db, 'threads', '--json'])).out) as ThreadRecord[];
  assert.equal(threads.length, 1);
  assert.deepEqual([...threads[0]!.story_ids].sort(), stories.map((x) => x.id).sort());

  // The thread report: both calls, the intelligence claim with its two anonymous chains, and the Kremlin's qualification.
  const thread = JSON.parse((await cli([...db, 'thread', threads[0]!.id, '--json'])).out) as ThreadReport;
  const calls = thread.timeline_events.filter((e) => e.cameo === '041' && e.source === 'Vladimir Putin');
  assert.deepEqual(calls.map((e) => e.date), ['2026-03-06', '2026-03-10']);
  const intel = thread.claims.find((c) => /providing (Iran|Tehran) with (intelligence|information)/.test(c.text))!;
  assert.ok(intel, 'the intelligence-sharing claim');
  assert.equal(intel.independent_sources, 2);
  const relays = intel.reports.map((r) => r.chain.find((l) => l.kind === 'relay')?.name).sort();
  assert.deepEqual(relays, ['CNN', 'The Washington Post']);
  const kremlin = thread.claims.find((c) => /not asked for any support/.test(c.text))!;
  assert.ok(intel.contradicts.includes(kremlin.id) && kremlin.contradicts.includes(intel.id));
  for (const c of thread.claims) for (const r of c.reports) assert.ok(r.end > r.start && typeof r.article_id === 'string');

  const story = JSON.parse((await cli([...db, 'story', byOutlet('The Moscow Times').id, '--json'])).out) as StoryReport;
  for (const k of ['claims', 'timeline']) assert.ok(k in story, k);
  for (const k of ['id', 'text', 'reports', 'independent_sources', 'contradicts', 'omitted_by']) assert.ok(k in story.claims[0]!, k);
  assert.equal(story.timeline.length, story.timeline_events.length);

  const md = await cli([...db, 'story', byOutlet('The Moscow Times').id.slice(0, 8), '--format', 'md']);
  assert.equal(md.code, 0);
  assert.match(md.out, /^# /);
  assert.match(md.out, /\| claim \| The Moscow Times \| sources \|/);
  const text = await cli([...db, 'thread', threads[0]!.id]);
  assert.match(text.out, /2 independent sources: anonymous via CNN; anonymous via The Washington Post/);
  assert.equal((await cli([...db, 'story', 'nope-nope'])).code, 1);
  assert.equal((await cli([...db, 'story', stories[0]!.id, '--format', 'pdf'])).code, 2);

  // Incremental: nothing new to place; then an unrelated article starts a new story in a new thread.
  const again = JSON.parse((await cli([...db, 'cluster', '--json'])).out) as { clustered: number };
  assert.equal(again.clustered, 0);
  s.write('quake.md', QUAKE);
  for (const step of [['ingest', `${s.dir}/quake.md`, '-q'], ['annotate'], ['code']]) assert.equal((await cli([...db, ...step])).code, 0);
  const third = JSON.parse((await cli([...db, 'cluster', '--json'])).out) as { clustered: number; started: number; stories: number; threads: number };
  assert.deepEqual([third.clustered, third.started, third.stories, third.threads], [1, 1, 3, 2]);
  const after = JSON.parse((await cli([...db, 'stories', '--json'])).out) as StoryRecord[];
  assert.deepEqual(after.filter((x) => stories.some((y) => y.id === x.id)).map((x) => x.article_ids), stories.map((x) => x.article_ids), 'earlier stories unchanged');
  const since = JSON.parse((await cli([...db, 'stories', '--since', '2026-03-11', '--json'])).out) as StoryRecord[];
  assert.equal(since.length, 1);
});

test('a publisher naming itself is no actor of its story: the Jordanian wire is not in a Nigerian story\'s key actors', async (t) => {
  const s = scratch(t);
  const { repoPath } = await import('./helpers.js');
  for (const args of [['ingest', repoPath('examples', 'feeds', 'regional-wire.rss'), '--quiet'], ['annotate'], ['code'], ['cluster']]) {
    const io = captureIo();
    assert.equal(await main(['node', 'wirescope', '--db', s.db, ...args], io), 0, io.stderr());
  }
  const io = captureIo();
  assert.equal(await main(['node', 'wirescope', '--db', s.db, 'stories', '--json'], io), 0);
  const stories = JSON.parse(io.stdout()) as StoryRecord[];
  assert.ok(stories.length > 0);
  // Meridian Regional Wire is Jordanian in data/outlets.json; its own datelines and names were read as a JORMED actor.
  for (const st of stories) assert.ok(!st.actors.some((a) => a.startsWith('JOR')), `${st.title}: ${st.actors.join(', ')}`);
});
