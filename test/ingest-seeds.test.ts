import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readInput } from '../src/ingest/read.js';
import { ctxFor, FIXED_NOW, SEED_LEGIT, SEED_MT } from './helpers.js';
import type { Article } from '../src/types/article.js';

function readOne(path: string): Article {
  const res = readInput(readFileSync(path), ctxFor(path), { now: FIXED_NOW });
  assert.deepEqual(res.problems, []);
  assert.equal(res.articles.length, 1);
  return res.articles[0]!;
}

const paragraphTexts = (a: Article) => a.paragraphs.map((p) => a.body.slice(p.start, p.end));

test('Legit.ng seed: header line gives title and date, trailer gives the outlet, no url', () => {
  const a = readOne(SEED_LEGIT);
  assert.equal(a.title, 'Vladimir Putin spoke by phone with Iranian President Masoud Pezeshkian amid rising regional tensions');
  assert.equal(a.published, '2026-03-10');
  assert.equal(a.published_precision, 'day');
  assert.equal(a.url, null);
  assert.equal(a.outlet, 'Legit.ng');
  assert.equal(a.language, 'en');
  assert.equal(a.format, 'text');
  assert.equal(paragraphTexts(a)[0], 'The Kremlin said Putin had called for the earliest possible de-escalation and a political resolution of the conflict.');
});

test('Moscow Times seed: Markdown title, date line, url trailer and outlet from the domain table', () => {
  const a = readOne(SEED_MT);
  assert.equal(a.title, "Putin and Iran's Pezeshkian Hold Phone Call as Middle East War Escalates");
  assert.equal(a.published, '2026-03-07');
  assert.equal(a.published_precision, 'day');
  assert.equal(a.url, 'https://www.themoscowtimes.com/2026/03/07/putin-and-irans-pezeskian-hold-phone-call-as-middle-east-war-escalates-a92150');
  assert.equal(a.outlet, 'The Moscow Times');
  assert.equal(a.format, 'markdown');
});

test('captions and credits are kept apart from the body', () => {
  const legit = readOne(SEED_LEGIT);
  const mt = readOne(SEED_MT);
  for (const bad of ['Photo: Getty', 'Source: Getty Images', 'Source: Legit.ng']) assert.ok(!legit.body.includes(bad), bad);
  for (const bad of ['Kormilitsyna', 'Related article', 'Regions Calling', 'Original url', '**', '](#)']) assert.ok(!mt.body.includes(bad), bad);
  assert.deepEqual(
    legit.captions.map((c) => [c.kind, c.text]),
    [
      ['caption', 'Vladimir Putin had spoken with Iran’s president Masoud Pezeshkian. Photo: Getty'],
      ['credit', 'Source: Getty Images'],
      ['caption', 'Russian President Vladimir Putin has congratulated Mojtaba Khamenei. Photo: Getty'],
      ['credit', 'Source: Getty Images'],
      ['trailer', 'Source: Legit.ng'],
    ],
  );
  assert.deepEqual(
    mt.captions.map((c) => c.kind),
    ['caption', 'related'],
  );
  assert.match(mt.captions[0]!.text, /Kristina Kormilitsyna \/ TASS$/);
});

test('Markdown links keep their text and emphasis marks are dropped', () => {
  const mt = readOne(SEED_MT);
  assert.match(mt.body, /Pezeshkian, the Kremlin said late Friday, as the United States/);
  assert.match(mt.body, /Some analysts say Russia's response/);
  assert.match(mt.body, /the Kremlin publicly states that officials in Tehran/);
});

test('paragraph offsets slice the body exactly and subheadings are marked', () => {
  for (const path of [SEED_LEGIT, SEED_MT]) {
    const a = readOne(path);
    let last = -1;
    for (const p of a.paragraphs) {
      const text = a.body.slice(p.start, p.end);
      assert.equal(text, text.trim());
      assert.ok(text.length > 0);
      assert.ok(p.start > last);
      last = p.end;
    }
  }
  const legit = readOne(SEED_LEGIT);
  const headings = legit.paragraphs.filter((p) => p.kind === 'heading').map((p) => legit.body.slice(p.start, p.end));
  assert.deepEqual(headings, ['Russia-Iran call focused on easing tensions', 'Moscow signals continuity in Tehran ties', 'Two killed after projectile strikes Saudi Arabia']);
});

test('the id is derived from the body: same text, same id; other text, other id', () => {
  const a = readOne(SEED_LEGIT);
  const b = readOne(SEED_LEGIT);
  assert.equal(a.id, b.id);
  assert.match(a.id, /^[0-9a-f]{16}$/);
  assert.notEqual(a.id, readOne(SEED_MT).id);
});
