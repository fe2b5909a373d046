import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  evalStories,
  loadStoryArticles,
  loadStoryGold,
  matchClaimMentions,
  scoreClaimMerge,
  type LocatedClaimMention,
  type PredictedClaimReport,
  type StoryAssignment,
  type StoryGold,
} from '../eval/stories.js';
import type { Article } from '../src/types/article.js';
import { ROOT, scratch } from './helpers.js';

// Four small Markdown articles: two stories of one thread (two calls on different days), a
// second report of the first call, and a distractor.
const FILES: Record<string, { date: string; body: string }> = {
  'a/call-1.md': {
    date: '2026-03-07',
    body: 'Putin and Pezeshkian spoke by phone on Friday, as the war in the region entered its second week. The Kremlin said Putin called for an immediate ceasefire in the region.',
  },
  'a/call-1-again.md': {
    date: '2026-03-08',
    body: 'The Kremlin said Putin called for an immediate ceasefire when he spoke to Pezeshkian on Friday. His spokesman Peskov said Tehran had not asked for help.',
  },
  'a/call-2.md': {
    date: '2026-03-10',
    body: 'Putin called Pezeshkian again on Tuesday, the second call between the two presidents in a week. Peskov said Tehran had not asked Moscow for military help.',
  },
  'a/football.md': {
    date: '2026-03-09',
    body: 'Porto agreed a fee of eighteen million euros for the young striker, the club said on Monday in a statement. The move is set for the start of July.',
  },
};
const markdown = (name: string, f: { date: string; body: string }) => `---\ntitle: ${name}\noutlet: Test Wire\ndate: ${f.date}\n---\n\n${f.body}\n`;

const GOLD: StoryGold = {
  articles: [
    { source: 'a/call-1.md', locator: null, story: 'call-03-06', thread: 'russia-iran' },
    { source: 'a/call-1-again.md', locator: null, story: 'call-03-06', thread: 'russia-iran' },
    { source: 'a/call-2.md', locator: null, story: 'call-03-10', thread: 'russia-iran' },
    { source: 'a/football.md', locator: null, story: 'transfer', thread: 'transfer' },
  ],
  claims: [
    {
      key: 'ceasefire',
      text: 'Putin called for a ceasefire',
      mentions: [
        { source: 'a/call-1.md', text: 'Putin called for an immediate ceasefire in the region' },
        { source: 'a/call-1-again.md', text: 'Putin called for an immediate ceasefire when he spoke to Pezeshkian' },
      ],
    },
    {
      key: 'no-request',
      text: 'Tehran has not asked for help',
      mentions: [
        { source: 'a/call-1-again.md', text: 'Tehran had not asked for help' },
        { source: 'a/call-2.md', text: 'Tehran had not asked Moscow for military help' },
      ],
    },
  ],
};

function writeGold(t: Parameters<typeof scratch>[0], gold: StoryGold = GOLD): { root: string; dir: string } {
  const s = scratch(t);
  for (const [name, f] of Object.entries(FILES)) s.write(name, markdown(name, f));
  s.write('gold/gold.json', JSON.stringify(gold));
  return { root: s.dir, dir: join(s.dir, 'gold') };
}

const goldOf = (root: string, a: Article) => GOLD.articles.find((g) => join(root, g.source) === a.source_path)!;

/** A run that reads the answers off the gold; `storyOf` may rename stories, `shift` moves claim spans. */
function goldRun(root: string, storyOf: (story: string) => string = (s) => s, shift = 0) {
  return async (articles: Article[]) => {
    const assignments: StoryAssignment[] = articles.map((a) => {
      const g = goldOf(root, a);
      return { article_id: a.id, story_id: storyOf(g.story), thread_id: g.thread };
    });
    const claims: PredictedClaimReport[] = GOLD.claims.flatMap((c) =>
      c.mentions.map((m) => {
        const a = articles.find((x) => x.source_path === join(root, m.source))!;
        const start = a.body.indexOf(m.text) + shift;
        return { claim_id: `claim ${c.key}`, article_id: a.id, start, end: start + m.text.length };
      }),
    );
    return { assignments, claims };
  };
}

test('gold articles are handed to the run once, ordered by published date then path', async (t) => {
  const { root, dir } = writeGold(t);
  const seen: string[][] = [];
  await evalStories(root, async (articles) => {
    seen.push(articles.map((a) => a.source_path.slice(root.length + 1)));
    return { assignments: [], claims: [] };
  }, { dir });
  assert.deepEqual(seen, [['a/call-1.md', 'a/call-1-again.md', 'a/football.md', 'a/call-2.md']]);
});

test('a run that reproduces the gold scores 1.0 everywhere', async (t) => {
  const { root, dir } = writeGold(t);
  const { scores, lines } = await evalStories(root, goldRun(root), { dir });
  for (const k of ['story_precision', 'story_recall', 'story_f1', 'thread_precision', 'thread_recall', 'thread_f1', 'claim_coverage', 'claim_merge_precision', 'claim_merge_recall', 'claim_merge_f1']) {
    assert.equal(scores[k], 1, k);
  }
  assert.equal(scores.predicted_stories, 3);
  assert.equal(scores.gold_threads, 2);
  assert.equal(scores.gold_errors, 0);
  assert.ok(lines.some((l) => l.includes('call-03-06 [russia-iran]: call-1 -> S1/T1; call-1-again -> S1/T1')), lines.join('\n'));
});

test('merging two gold stories of one thread costs story precision, not recall or thread scores', async (t) => {
  const { root, dir } = writeGold(t);
  const { scores } = await evalStories(root, goldRun(root, (s) => (s.startsWith('call') ? 'calls' : s)), { dir });
  // Three articles in one predicted story: the two call-03-06 articles have precision 2/3, the call-03-10 one 1/3.
  assert.equal(scores.story_precision, (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4);
  assert.equal(scores.story_recall, 1);
  assert.equal(scores.thread_precision, 1);
  assert.equal(scores.thread_recall, 1);
  assert.equal(scores.predicted_stories, 2);
});

test('articles the run leaves out count as stories of their own', async (t) => {
  const { root, dir } = writeGold(t);
  const run = goldRun(root);
  const { scores, lines } = await evalStories(root, async (articles) => {
    const r = await run(articles);
    return { ...r, assignments: r.assignments.filter((a) => articles.find((x) => x.id === a.article_id)!.source_path.endsWith('call-1-again.md') === false) };
  }, { dir });
  assert.equal(scores.story_precision, 1);
  assert.ok(scores.story_recall! < 1);
  assert.ok(lines.some((l) => l.includes('1 gold articles got no story')));
});

test('claim mentions match predicted reports that overlap half the shorter span, one to one, best first', () => {
  const gold: LocatedClaimMention[] = [
    { key: 'x', article_id: 'a', start: 10, end: 30 },
    { key: 'y', article_id: 'a', start: 40, end: 50 },
    { key: 'x', article_id: 'b', start: 0, end: 20 },
  ];
  const pred: PredictedClaimReport[] = [
    { claim_id: 'k1', article_id: 'a', start: 25, end: 60 }, // 5/20 of x, 10/10 of y
    { claim_id: 'k2', article_id: 'a', start: 15, end: 40 }, // 15/20 of x
    { claim_id: 'k2', article_id: 'b', start: 12, end: 19 }, // 7/7 of the shorter: inside the gold span
    { claim_id: 'k3', article_id: 'a', start: 12, end: 28 }, // 16/16 of x: the best for x
  ];
  assert.deepEqual(matchClaimMentions(gold, pred), [3, 0, 2]);
  assert.deepEqual(matchClaimMentions(gold, pred.slice(0, 3)), [1, 0, 2]);
  // Same article only; below half of the shorter span is no match.
  assert.deepEqual(matchClaimMentions(gold, [{ claim_id: 'k', article_id: 'b', start: 25, end: 45 }, { claim_id: 'k', article_id: 'a', start: 0, end: 14 }]), [null, null, null]);
  const s = scoreClaimMerge(gold, pred.slice(0, 3));
  // Matched: x->k2, y->k1, x->k2: one predicted pair, one gold pair, the same one.
  assert.deepEqual([s.matched, s.samePredictedPairs, s.sameGoldPairs, s.sameBothPairs], [3, 1, 1, 1]);
  assert.deepEqual(s.predictedOf, ['k2', 'k1', 'k2']);
});

test('shifted claim spans still match when they overlap enough; merging all claims into one costs precision', async (t) => {
  const { root, dir } = writeGold(t);
  const shifted = await evalStories(root, goldRun(root, undefined, 5), { dir });
  assert.equal(shifted.scores.claim_coverage, 1);
  assert.equal(shifted.scores.claim_merge_f1, 1);
  const run = goldRun(root);
  const lumped = await evalStories(root, async (a) => {
    const r = await run(a);
    return { ...r, claims: r.claims.map((c) => ({ ...c, claim_id: 'one' })) };
  }, { dir });
  // Four matched mentions: 6 predicted pairs, 2 gold pairs.
  assert.equal(lumped.scores.claim_merge_precision, 2 / 6);
  assert.equal(lumped.scores.claim_merge_recall, 1);
});

test('gold that cannot be read is reported as gold errors, not thrown', async (t) => {
  const gold: StoryGold = {
    articles: [...GOLD.articles, { source: 'a/missing.md', story: 's', thread: 't' }],
    claims: [{ key: 'z', text: 'z', mentions: [{ source: 'a/call-2.md', text: 'not in the body' }, { source: 'a/missing.md', text: 'x' }] }],
  };
  const { root, dir } = writeGold(t, gold);
  const { lines, scores } = await evalStories(root, async () => ({ assignments: [], claims: [] }), { dir });
  assert.equal(scores.gold_errors, 3);
  assert.ok(lines.some((l) => l.includes('gold error: missing: article not found')));
  assert.ok(lines.some((l) => l.includes('text not in call-2')));
});

test('the story gold loads: every article, story, thread and claim mention is found', async () => {
  const gold = loadStoryGold(join(ROOT, 'eval', 'gold', 'stories'));
  assert.ok(gold);
  const { articles, problems } = loadStoryArticles(ROOT, gold);
  assert.deepEqual(problems, []);
  assert.equal(articles.length, gold.articles.length);
  // Every story sits in exactly one thread, and every story and thread has an article.
  const threadOfStory = new Map<string, Set<string>>();
  for (const a of articles) {
    assert.ok(a.gold.story && a.gold.thread, a.label);
    if (!threadOfStory.has(a.gold.story)) threadOfStory.set(a.gold.story, new Set());
    threadOfStory.get(a.gold.story)!.add(a.gold.thread);
  }
  for (const [story, threads] of threadOfStory) assert.equal(threads.size, 1, story);
  assert.ok(threadOfStory.size >= 10);
  assert.ok(new Set(articles.map((a) => a.gold.thread)).size < threadOfStory.size, 'some thread holds several stories');
  // Claims: each in two or more articles, at most one mention per article, every text in its body.
  assert.ok(gold.claims.length >= 8);
  assert.equal(new Set(gold.claims.map((c) => c.key)).size, gold.claims.length);
  for (const c of gold.claims) {
    const where = c.mentions.map((m) => `${m.source}#${m.locator ?? ''}`);
    assert.ok(new Set(where).size === where.length && where.length >= 2, c.key);
    for (const m of c.mentions) {
      const a = articles.find((x) => x.gold.source === m.source && (x.gold.locator ?? null) === (m.locator ?? null));
      assert.ok(a, `${c.key}: ${m.source}`);
      let at = -1;
      for (let k = 0; k < (m.occurrence ?? 1); k++) at = a.article.body.indexOf(m.text, at + 1);
      assert.ok(at >= 0, `${c.key}: ${JSON.stringify(m.text)} not in ${a.label}`);
    }
  }
  // The real gold scores a perfect run as perfect, with no gold errors.
  const { scores } = await evalStories(ROOT, async (list) => {
    const byId = new Map(articles.map((a) => [a.article.id, a]));
    const assignments = list.map((x) => ({ article_id: x.id, story_id: byId.get(x.id)!.gold.story, thread_id: byId.get(x.id)!.gold.thread }));
    const claims = gold.claims.flatMap((c) =>
      c.mentions.map((m) => {
        const a = articles.find((x) => x.gold.source === m.source && (x.gold.locator ?? null) === (m.locator ?? null))!;
        let at = -1;
        for (let k = 0; k < (m.occurrence ?? 1); k++) at = a.article.body.indexOf(m.text, at + 1);
        return { claim_id: c.key, article_id: a.article.id, start: at, end: at + m.text.length };
      }),
    );
    return { assignments, claims };
  });
  assert.equal(scores.gold_errors, 0);
  assert.equal(scores.story_f1, 1);
  assert.equal(scores.thread_f1, 1);
  assert.equal(scores.claim_merge_f1, 1);
  assert.equal(scores.claim_coverage, 1);
});
