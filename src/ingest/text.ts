import type { ArticleDraft } from '../types/article.js';
import { separateCaptions, guessKind, type RawParagraph } from './captions.js';
import { parseDate, parseDateLine, type ParsedDate } from './dates.js';
import { resolveOutlet } from './outlets.js';
import type { Reader, ReaderContext, ReadResult } from './types.js';
import { createError } from '../errors.js';

/** Split text into blank-line-separated blocks; single newlines inside a block are kept. */
export function blocks(text: string): string[] {
  return text
    .split(/\n[ \t]*\n+/)
    .map((b) => b.replace(/^\n+|\s+$/g, ''))
    .filter((b) => b.trim().length > 0);
}

const URL_LABEL = /^(?:original\s+url|url|source\s+url|link|canonical)\s*:\s*<?(https?:\/\/[^\s>]+)>?\s*$/i;
const BARE_URL = /^<?(https?:\/\/[^\s>]+)>?$/;
const URL_LABEL_ALONE = /^(?:original\s+url|url|source\s+url|link|canonical)\s*:\s*$/i;
const BYLINE = /^by\s+([\p{Lu}][\p{L}.'’-]+(?:\s+(?:and\s+)?[\p{Lu}][\p{L}.'’-]+){0,5})$/u;

export interface Trailer {
  readonly url: string | null;
  /** Blocks left after the URL trailer was taken off. */
  readonly rest: string[];
}

/** Take an "Original url: <https://...>" trailer (on one line or two) off the end of a text. */
export function takeUrlTrailer(bs: readonly string[]): Trailer {
  const rest = [...bs];
  let url: string | null = null;
  for (let i = rest.length - 1; i >= Math.max(0, rest.length - 3); i--) {
    const b = rest[i]!.trim();
    const labelled = URL_LABEL.exec(b);
    if (labelled) {
      url = labelled[1]!;
      rest.splice(i, 1);
      break;
    }
    const bare = BARE_URL.exec(b);
    if (bare && i > 0 && URL_LABEL_ALONE.test(rest[i - 1]!.trim())) {
      url = bare[1]!;
      rest.splice(i - 1, 2);
      break;
    }
  }
  return { url, rest };
}

export interface DraftParts {
  readonly title: string | null;
  readonly date: ParsedDate | null;
  readonly url: string | null;
  readonly byline: string | null;
  readonly paragraphs: readonly RawParagraph[];
  readonly format: ArticleDraft['format'];
  readonly warnings?: readonly string[];
  readonly metadataOutlet?: string | null;
  /** An outlet the user named in the record itself: kept as named; the domain table only fills a missing one. */
  readonly namedOutlet?: string | null;
  readonly declaredLanguage?: string | null;
  readonly locator?: string | null;
}

/** Shared tail of the text-like readers: captions apart, outlet resolved, warnings noted. */
export function draftFrom(parts: DraftParts, ctx: ReaderContext): ArticleDraft {
  const separated = separateCaptions(parts.paragraphs, ctx.credits);
  const named = parts.namedOutlet?.replace(/\s+/g, ' ').trim();
  const outlet = named
    ? { name: named, source: 'metadata' as const }
    : resolveOutlet({ url: parts.url, metadataName: parts.metadataOutlet ?? null, trailerName: separated.trailerOutlet }, ctx.outlets);
  const warnings = [...(parts.warnings ?? [])];
  if (!parts.date) warnings.push('no publication date found');
  if (!parts.title) warnings.push('no title found');
  return {
    url: parts.url,
    outlet: outlet.name,
    outletSource: outlet.source,
    title: parts.title,
    published: parts.date?.value ?? null,
    publishedPrecision: parts.date?.precision ?? null,
    byline: parts.byline,
    declaredLanguage: parts.declaredLanguage ?? null,
    paragraphs: separated.paragraphs,
    captions: separated.captions,
    warnings,
    format: parts.format,
    locator: parts.locator ?? null,
  };
}

const joinLines = (b: string) => b.split('\n').map((l) => l.trim()).join(' ');

/**
 * Plain text. Recognises the wire header ` date YYYY-MM-DD Headline`, otherwise a short first
 * line as the headline, a date line and a "By ..." byline near the top, and a URL trailer.
 */
export const readText: Reader = (text: string, ctx: ReaderContext): ReadResult => {
  const { url, rest } = takeUrlTrailer(blocks(text));
  let title: string | null = null;
  let date: ParsedDate | null = null;
  let byline: string | null = null;
  const body = [...rest];
  const header = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(body[0]?.split('\n')[0] ?? '');
  if (header) {
    date = parseDate(header[1]);
    title = header[2]!.trim();
    const remainder = body[0]!.split('\n').slice(1).join('\n');
    if (remainder.trim()) body[0] = remainder;
    else body.shift();
  } else if (body.length > 1) {
    const first = joinLines(body[0]!);
    if (first.length <= 200 && !/[.!?]["”]?$/.test(first)) {
      title = first;
      body.shift();
    }
  }
  // A date line and/or a byline may follow the headline.
  for (let i = 0; i < 2 && body.length > 1; i++) {
    const line = joinLines(body[0]!);
    const d = !date ? parseDateLine(line) : null;
    const by = BYLINE.exec(line);
    if (d) date = d;
    else if (by) byline = by[1]!;
    else break;
    body.shift();
  }
  const paragraphs = body.map((b) => {
    const t = joinLines(b);
    return { text: t, kind: guessKind(t) };
  });
  if (paragraphs.length === 0) return { drafts: [], problems: [{ locator: null, ...errorFields('NO_TEXT') }] };
  return { drafts: [draftFrom({ title, date, url, byline, paragraphs, format: 'text' }, ctx)], problems: [] };
};

export function errorFields(code: 'NO_TEXT', detail = ''): { code: 'NO_TEXT'; message: string } {
  return { code, message: createError(code, detail).message };
}
