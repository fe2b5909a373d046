import { createHash } from 'node:crypto';
import { safeUrl } from './url.js';
import type { Article, ArticleDraft, Paragraph } from '../types/article.js';
import { detectLanguage } from './language.js';

/** Unicode NFC, no control characters, runs of spaces collapsed: the text every offset points into. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\ufeff]/g, '')
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

export const PARAGRAPH_SEPARATOR = '\n\n';

/** Join paragraphs into one body with exact, end-exclusive offsets for each. */
export function layoutBody(paragraphs: ArticleDraft['paragraphs']): { body: string; paragraphs: Paragraph[] } {
  const out: Paragraph[] = [];
  let body = '';
  for (const p of paragraphs) {
    const text = normaliseText(p.text);
    if (!text) continue;
    if (body) body += PARAGRAPH_SEPARATOR;
    out.push({ start: body.length, end: body.length + text.length, kind: p.kind });
    body += text;
  }
  return { body, paragraphs: out };
}

/** Stable id from the normalised body alone: the same text always gets the same id. */
export function articleId(body: string): string {
  return createHash('sha256').update(body.toLowerCase().replace(/\s+/g, ' '), 'utf8').digest('hex').slice(0, 16);
}

export interface FinalizeOptions {
  readonly sourcePath: string;
  /** Injected clock, so runs are reproducible in tests. */
  readonly now: () => Date;
}

/** Draft -> Article: lay out the body, derive the id, detect the language. Null when no text is left. */
export function finalizeDraft(draft: ArticleDraft, opts: FinalizeOptions): Article | null {
  const { body, paragraphs } = layoutBody(draft.paragraphs);
  if (!body) return null;
  const title = draft.title ? normaliseText(draft.title) || null : null;
  return {
    id: articleId(body),
    url: safeUrl(draft.url),
    outlet: draft.outlet,
    title,
    published: draft.published,
    published_precision: draft.publishedPrecision,
    language: detectLanguage(body, draft.declaredLanguage),
    byline: draft.byline ? normaliseText(draft.byline) || null : null,
    body,
    paragraphs,
    captions: draft.captions.map((c) => ({ kind: c.kind, text: normaliseText(c.text) })).filter((c) => c.text),
    warnings: [...new Set(draft.warnings)],
    format: draft.format,
    source_path: opts.sourcePath,
    source_locator: draft.locator,
    duplicate_of: null,
    duplicate_similarity: null,
    ingested_at: opts.now().toISOString(),
  };
}
