import type { Article } from '../types/article.js';
import { openStore, type CommandContext } from './context.js';
import { inert, json } from './output.js';

export interface ShowOptions {
  readonly json?: boolean;
}

export function renderArticle(a: Article): string {
  const lines: string[] = [];
  lines.push(inert(a.title ?? '(untitled)'));
  lines.push('='.repeat(Math.min(80, Math.max(10, (a.title ?? '').length))));
  const date = a.published ? `${a.published} (${a.published_precision})` : '(no publication date)';
  lines.push(`id:        ${a.id}`);
  lines.push(`outlet:    ${inert(a.outlet ?? '(unknown)')}`);
  lines.push(`published: ${date}`);
  lines.push(`url:       ${inert(a.url ?? '(none)')}`);
  lines.push(`language:  ${a.language}    format: ${a.format}    source: ${inert(a.source_path)}${a.source_locator ? ` (${a.source_locator})` : ''}`);
  if (a.byline) lines.push(`byline:    ${inert(a.byline)}`);
  if (a.duplicate_of) lines.push(`copy of:   ${a.duplicate_of} (similarity ${a.duplicate_similarity?.toFixed(2)})`);
  lines.push('');
  for (const p of a.paragraphs) {
    const text = inert(a.body.slice(p.start, p.end));
    lines.push(`[${p.start}-${p.end}] ${p.kind === 'heading' ? `## ${text}` : p.kind === 'quote' ? `> ${text}` : p.kind === 'list' ? `- ${text}` : text}`);
    lines.push('');
  }
  if (a.captions.length) {
    lines.push('Kept apart from the body (captions, credits, links):');
    for (const c of a.captions) lines.push(`  ${c.kind.padEnd(8)} ${inert(c.text)}`);
    lines.push('');
  }
  if (a.warnings.length) {
    lines.push('Warnings:');
    for (const w of a.warnings) lines.push(`  ${inert(w)}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export async function runShow(id: string, opts: ShowOptions, ctx: CommandContext): Promise<number> {
  const store = openStore(ctx.global);
  try {
    const article = await store.getArticle(id);
    if (!article) {
      ctx.io.err(`wirescope: no article with id "${inert(id)}"\n`);
      return 1;
    }
    ctx.io.out(opts.json ? json({ article }) : renderArticle(article));
    return 0;
  } finally {
    await store.close();
  }
}
