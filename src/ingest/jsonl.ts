import { z } from 'zod';
import { createError } from '../errors.js';
import type { ArticleDraft } from '../types/article.js';
import { guessKind } from './captions.js';
import { parseDate } from './dates.js';
import { htmlToText } from './html-text.js';
import { blocks, draftFrom } from './text.js';
import type { InputProblem, Reader, ReaderContext, ReadResult } from './types.js';

const dateLike = z.union([z.string(), z.number()]).nullish();
const text = z.string().nullish();

/** One article as a JSON object. `text` (plain) or `html` is required; common aliases are accepted. */
export const ArticleRecord = z
  .object({
    title: text,
    headline: text,
    url: text,
    link: text,
    published: dateLike,
    date: dateLike,
    published_at: dateLike,
    text: text,
    body: text,
    content: text,
    html: text,
    outlet: text,
    source: text,
    author: text,
    byline: text,
    language: text,
    lang: text,
  })
  .passthrough()
  .refine((r) => [r.text, r.body, r.content, r.html].some((v) => typeof v === 'string' && v.trim() !== ''), {
    message: 'needs a non-empty "text" or "html" field',
  });

type Rec = z.infer<typeof ArticleRecord>;

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function toDraft(rec: Rec, locator: string | null, format: 'jsonl' | 'json', ctx: ReaderContext): ArticleDraft {
  const warnings: string[] = [];
  const rawDate = rec.published ?? rec.published_at ?? rec.date ?? null;
  const date = typeof rawDate === 'number' ? parseDate(new Date(rawDate > 1e11 ? rawDate : rawDate * 1000).toISOString()) : parseDate(rawDate);
  if (rawDate != null && !date) warnings.push(`unreadable date "${String(rawDate)}"`);
  const plain = rec.text ?? rec.body ?? rec.content ?? null;
  let paragraphs;
  let captions: ArticleDraft['captions'] = [];
  if (plain && plain.trim()) {
    const bs = blocks(plain);
    const parts = bs.length === 1 && bs[0]!.includes('\n') ? bs[0]!.split('\n') : bs;
    paragraphs = parts.map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean).map((t) => ({ text: t, kind: guessKind(t) }));
  } else {
    const h = htmlToText(rec.html ?? '');
    paragraphs = h.paragraphs;
    captions = h.captions;
  }
  const url = rec.url ?? rec.link ?? null;
  const draft = draftFrom(
    {
      title: rec.title ?? rec.headline ?? null,
      date,
      url: url && /^https?:\/\//i.test(url) ? url : null,
      byline: rec.author ?? rec.byline ?? null,
      paragraphs,
      format,
      warnings,
      namedOutlet: rec.outlet ?? null,
      metadataOutlet: rec.source ?? null,
      declaredLanguage: rec.language ?? rec.lang ?? null,
      locator,
    },
    ctx,
  );
  return captions.length ? { ...draft, captions: [...captions, ...draft.captions] } : draft;
}

function readRecord(value: unknown, locator: string, format: 'jsonl' | 'json', ctx: ReaderContext, out: ReadResult): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.problems.push({ locator, code: 'BAD_RECORD', message: createError('BAD_RECORD', `not a JSON object (got ${describe(value)})`).message });
    return;
  }
  const parsed = ArticleRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `field "${issue.path.join('.')}": ` : '';
    out.problems.push({ locator, code: 'BAD_RECORD', message: createError('BAD_RECORD', `${where}${issue?.message ?? 'invalid'}`).message });
    return;
  }
  const draft = toDraft(parsed.data, locator, format, ctx);
  if (draft.paragraphs.length === 0) {
    out.problems.push({ locator, code: 'NO_TEXT', message: createError('NO_TEXT', '').message });
    return;
  }
  out.drafts.push(draft);
}

/**
 * JSON Lines (one article object per line) or a JSON document (an array of articles, or one
 * article). A bad line is reported with its number; every other line is still read.
 */
export const readJson: Reader = (input: string, ctx: ReaderContext): ReadResult => {
  const out: ReadResult = { drafts: [], problems: [] };
  const whole = input.trim();
  let doc: unknown;
  let isDocument: boolean;
  try {
    doc = JSON.parse(whole);
    isDocument = true;
  } catch {
    isDocument = false;
  }
  if (isDocument && (Array.isArray(doc) || !whole.includes('\n'))) {
    if (Array.isArray(doc)) doc.forEach((v, i) => readRecord(v, `item ${i + 1}`, 'json', ctx, out));
    else readRecord(doc, 'document', 'json', ctx, out);
    return out;
  }
  const lines = input.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const locator = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const problem: InputProblem = { locator, code: 'BAD_JSON', message: createError('BAD_JSON', (e as Error).message).message };
      out.problems.push(problem);
      return;
    }
    readRecord(value, locator, 'jsonl', ctx, out);
  });
  return out;
};
