import { seededRandom } from '../src/util/random.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bench corpus's generator: seeded, so every bench run reads the same corpus. */
export const rng = seededRandom;

const ACTORS = ['the foreign ministry', 'the defence minister', 'government officials', 'the central bank', 'rebel commanders', 'the opposition leader', 'a UN envoy', 'the prime minister', 'state media', 'the regional governor', 'police', 'aid agencies'];
const VERBS = ['said', 'announced', 'warned', 'denied', 'confirmed', 'told reporters', 'argued', 'claimed'];
const PLACES = ['Kuwait City', 'Riyadh', 'Tehran', 'Moscow', 'Lagos', 'Abuja', 'Kyiv', 'Ankara', 'Cairo', 'Doha', 'Baghdad', 'Beirut', 'Nairobi', 'Brasília'];
// Political events between named states, so the event coder has work to do.
const STATES = ['Russia', 'Iran', 'Turkey', 'China', 'France', 'Israel', 'Saudi Arabia', 'Egypt', 'Ukraine', 'Japan', 'Brazil', 'Nigeria'];
const EVENTS = ['condemned', 'thanked', 'held a phone call with', 'criticized', 'signed an agreement with', 'accused', 'praised', 'met', 'attacked', 'called on'];
const THINGS = ['talks would resume', 'the ceasefire was holding', 'new sanctions were planned', 'the border crossing had reopened', 'fuel prices would rise', 'a delegation had arrived', 'the vote was postponed', 'troops had withdrawn from the area', 'casualty figures were rising', 'the agreement had been signed'];
const WHEN = ['on Monday', 'on Tuesday', 'late Wednesday', 'on Thursday', 'early Friday', 'over the weekend', 'last week', 'this week'];
const OUTLETS: [string, string][] = [['Reuters', 'reuters.com'], ['Al Jazeera', 'aljazeera.com'], ['BBC News', 'bbc.co.uk'], ['TASS', 'tass.com'], ['Legit.ng', 'legit.ng'], ['The Moscow Times', 'themoscowtimes.com']];

export interface GeneratedArticle {
  title: string;
  paragraphs: string[];
  date: string;
  outlet: [string, string];
  slug: string;
}

export function generateArticle(r: () => number, i: number): GeneratedArticle {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const place = pick(PLACES);
  const paragraphs = Array.from({ length: 6 + Math.floor(r() * 10) }, () =>
    [
      ...Array.from({ length: 1 + Math.floor(r() * 3) }, () => `${cap(pick(ACTORS))} in ${pick(PLACES)} ${pick(VERBS)} ${pick(WHEN)} that ${pick(THINGS)}, ${Math.floor(r() * 900) + 10} people were affected.`),
      `${pick(STATES)} ${pick(EVENTS)} ${pick(STATES)} ${pick(WHEN)}.`,
    ].join(' '),
  );
  const day = 1 + Math.floor(r() * 28);
  return {
    title: `${cap(pick(ACTORS))} in ${place} ${pick(VERBS)} ${pick(THINGS)} (${i})`,
    paragraphs,
    date: `2026-03-${String(day).padStart(2, '0')}`,
    outlet: pick(OUTLETS),
    slug: `story-${i}`,
  };
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function html(a: GeneratedArticle): string {
  const url = `https://www.${a.outlet[1]}/news/${a.slug}`;
  return `<!doctype html><html lang="en"><head><title>${esc(a.title)} | ${a.outlet[0]}</title>
<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${a.outlet[0]}">
<meta property="article:published_time" content="${a.date}T09:30:00Z"><link rel="canonical" href="${url}">
<script>window.tracking = {};</script></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${esc(a.title)}</h1><figure><img src="/img/${a.slug}.jpg"><figcaption>File image. Photo: AFP</figcaption></figure>
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article><footer>© ${a.outlet[0]}</footer></body></html>`;
}

/**
 * Write a mixed-format corpus of `n` articles: plain text, Markdown, HTML pages, JSONL batches
 * and RSS feeds, with about 5% syndicated near-duplicates. Returns the bytes written.
 */
export function writeCorpus(dir: string, n: number, seed = 42): { files: number; bytes: number } {
  const r = rng(seed);
  let files = 0;
  let bytes = 0;
  const write = (name: string, data: string) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    files++;
    bytes += Buffer.byteLength(data);
  };
  for (const sub of ['txt', 'md', 'html', 'jsonl', 'rss']) mkdirSync(join(dir, sub), { recursive: true });
  let jsonl: string[] = [];
  let rss: string[] = [];
  let previous: GeneratedArticle | null = null;
  for (let i = 0; i < n; i++) {
    let a = generateArticle(r, i);
    if (previous && r() < 0.05) a = { ...previous, title: `${previous.title} — syndicated`, slug: `${previous.slug}-copy`, outlet: OUTLETS[(i + 1) % OUTLETS.length]!, paragraphs: [...previous.paragraphs, 'This story was originally published by a wire partner.'] };
    previous = a;
    const kind = i % 10;
    if (kind < 4) write(`txt/${a.slug}.txt`, ` date ${a.date} ${a.title}\n\n${a.paragraphs.join('\n\n')}\n\nSource: ${a.outlet[0]}\n`);
    else if (kind < 6) write(`md/${a.slug}.md`, `# ${a.title}\n\n${a.date}\n\n${a.paragraphs.join('\n\n')}\n\nOriginal url:\n\n<https://www.${a.outlet[1]}/${a.slug}>\n`);
    else if (kind < 8) write(`html/${a.slug}.html`, html(a));
    else if (kind === 8) {
      jsonl.push(JSON.stringify({ title: a.title, url: `https://www.${a.outlet[1]}/${a.slug}`, published: `${a.date}T12:00:00Z`, outlet: a.outlet[0], text: a.paragraphs.join('\n\n') }));
      if (jsonl.length === 100) {
        write(`jsonl/batch-${i}.jsonl`, `${jsonl.join('\n')}\n`);
        jsonl = [];
      }
    } else {
      rss.push(`<item><title>${esc(a.title)}</title><link>https://www.${a.outlet[1]}/${a.slug}</link><pubDate>${new Date(`${a.date}T08:00:00Z`).toUTCString()}</pubDate><description><![CDATA[${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}]]></description></item>`);
      if (rss.length === 50) {
        write(`rss/feed-${i}.rss`, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>${rss.join('\n')}</channel></rss>`);
        rss = [];
      }
    }
  }
  if (jsonl.length) write('jsonl/batch-last.jsonl', `${jsonl.join('\n')}\n`);
  if (rss.length) write('rss/feed-last.rss', `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>${rss.join('\n')}</channel></rss>`);
  return { files, bytes };
}
