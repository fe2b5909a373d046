import type { ParagraphKind } from '../types/article.js';
import type { RawParagraph } from './captions.js';
import { guessKind } from './captions.js';
import { parseDate, parseDateLine, type ParsedDate } from './dates.js';
import { blocks, draftFrom, errorFields, takeUrlTrailer } from './text.js';
import type { Reader, ReaderContext, ReadResult } from './types.js';

/** "... **Kristina Kormilitsyna / TASS**" — an emphasised credit closing a caption. */
const EMPHASISED_CREDIT = /(?:\*\*|__)[^*_\n]{2,80}\s\/\s[^*_\n]{2,40}(?:\*\*|__)\s*$/;

/** Markdown inline syntax to plain text: links keep their text, emphasis and code lose their marks. */
export function stripInline(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function frontMatter(text: string): { meta: Record<string, string>; rest: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return { meta: {}, rest: text };
  const meta: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^([\w-]+)\s*:\s*["']?(.*?)["']?\s*$/.exec(line);
    if (kv) meta[kv[1]!.toLowerCase()] = kv[2]!;
  }
  return { meta, rest: text.slice(m[0].length) };
}

function blockToParagraphs(block: string): RawParagraph[] {
  const lines = block.split('\n');
  const first = lines[0]!.trim();
  const heading = /^#{1,6}\s+(.*)$/.exec(first);
  if (heading && lines.length === 1) return [{ text: stripInline(heading[1]!), kind: 'heading' }];
  if (lines.every((l) => /^\s*(?:[-*+]|\d+[.)])\s+/.test(l) || /^\s{2,}\S/.test(l))) {
    return lines
      .filter((l) => /^\s*(?:[-*+]|\d+[.)])\s+/.test(l))
      .map((l) => ({ text: stripInline(l.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')), kind: 'list' as ParagraphKind }));
  }
  if (lines.every((l) => /^\s*>/.test(l))) {
    return [{ text: stripInline(lines.map((l) => l.replace(/^\s*>\s?/, '')).join(' ')), kind: 'quote' }];
  }
  if (/^(?:```|~~~)/.test(first) || /^(?:-{3,}|\*{3,}|_{3,})$/.test(first)) return [];
  const joined = lines.map((l) => l.trim()).join(' ');
  const text = stripInline(joined);
  return [{ text, kind: guessKind(text), endsWithEmphasisedCredit: EMPHASISED_CREDIT.test(joined) }];
}

/**
 * Markdown articles: `# Title`, an optional date line, an optional "By ..." line, the body,
 * and an optional "Original url:" trailer. YAML front matter (title/date/url/outlet) is read too.
 */
export const readMarkdown: Reader = (input: string, ctx: ReaderContext): ReadResult => {
  const { meta, rest: text } = frontMatter(input);
  const { url: trailerUrl, rest } = takeUrlTrailer(blocks(text));
  let title: string | null = meta.title ?? null;
  let date: ParsedDate | null = parseDate(meta.date ?? meta.published ?? null);
  let byline: string | null = meta.author ?? null;
  const body = [...rest];
  const h1 = /^#\s+(.+)$/.exec(body[0]?.trim() ?? '');
  if (h1 && !body[0]!.trim().includes('\n')) {
    title ??= stripInline(h1[1]!);
    body.shift();
  }
  for (let i = 0; i < 3 && body.length > 1; i++) {
    const line = stripInline(body[0]!.replace(/\n/g, ' '));
    const d = !date ? parseDateLine(line) : null;
    const by = /^by\s+(.{2,80})$/i.exec(line);
    if (d) date = d;
    else if (by && !byline) byline = by[1]!.trim();
    else break;
    body.shift();
  }
  const paragraphs = body.flatMap(blockToParagraphs).filter((p) => p.text.length > 0);
  if (paragraphs.length === 0) return { drafts: [], problems: [{ locator: null, ...errorFields('NO_TEXT') }] };
  const url = meta.url ?? meta.canonical ?? trailerUrl;
  return {
    drafts: [
      draftFrom(
        { title, date, url, byline, paragraphs, format: 'markdown', metadataOutlet: meta.outlet ?? meta.source ?? null },
        ctx,
      ),
    ],
    problems: [],
  };
};
