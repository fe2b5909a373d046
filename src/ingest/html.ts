import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DEFAULT_MAX_HTML_DEPTH, flattenDeepHtml } from './html-depth.js';
import { createError } from '../errors.js';
import type { ArticleDraft, Caption } from '../types/article.js';
import { separateCaptions, type RawParagraph } from './captions.js';
import { parseDate, parseDateLine, type ParsedDate } from './dates.js';
import { htmlToText } from './html-text.js';
import { resolveOutlet } from './outlets.js';
import type { Reader, ReaderContext, ReadResult } from './types.js';

/** The little of the DOM this reader touches (linkedom's document, typed loosely). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
  parentElement: El | null;
  tagName: string;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
}
interface Doc {
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  getElementsByTagName(tag: string): ArrayLike<El>;
  documentElement: El | null;
}

type Json = Record<string, unknown>;

/** schema.org types whose `headline`/`datePublished` describe the page's own article. */
const ARTICLE_TYPES = new Set(
  [
    'NewsArticle', 'Article', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle', 'BackgroundNewsArticle',
    'ReviewNewsArticle', 'AskPublicNewsArticle', 'BlogPosting', 'LiveBlogPosting', 'Report', 'TechArticle', 'ScholarlyArticle',
  ].map((t) => t.toLowerCase()),
);

/** Meta tags naming a publication date, tried after JSON-LD, article:published_time and Readability's own. */
const DATE_META = [
  'date', 'pubdate', 'publishdate', 'dc.date.issued', 'dc.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date',
  // Other spellings seen on news sites.
  'publish-date', 'publish_date', 'publication_date', 'article:publication_date', 'article:publicationdate',
  'dcterms.issued', 'dcterms.created', 'dcterms.date', 'datepublished',
];

const squash = (s: string | null | undefined): string => (s ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
const orNull = (s: string | null | undefined): string | null => squash(s) || null;

// ---------------------------------------------------------------------------------------------
// Truncation

/**
 * Truncation shows at the end of a document: a tag (or comment) cut open, or a full document
 * without its closing </body> and </html>. Only the tail is looked at, so this is cheap.
 */
export function truncationSign(html: string): string | null {
  const tail = html.slice(-4096).trimEnd();
  if (tail.lastIndexOf('<') > tail.lastIndexOf('>')) return 'the document ends inside a tag';
  const head = html.slice(0, 4096);
  if (/<(?:html|body)[\s>]/i.test(head) && !/<\/(?:html|body)\s*>/i.test(tail)) {
    const lastScript = tail.search(/<script\b[^>]*>(?![\s\S]*<\/script\s*>)/i);
    if (lastScript >= 0) return 'the document ends inside a <script>; no closing </body> or </html>';
    return 'no closing </body> or </html>';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Page metadata (read before Readability, which rewrites the DOM)

/** Every meta tag, keyed by its lower-cased property / name / itemprop / http-equiv (first one wins). */
function metaTags(doc: Doc): Map<string, string> {
  const out = new Map<string, string>();
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i]!;
    const content = squash(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const keys = el.getAttribute(attr);
      if (!keys) continue;
      for (const key of keys.toLowerCase().split(/\s+/)) if (key && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

/** Every JSON-LD object on the page, flattened out of arrays and @graph; malformed blocks are skipped. */
function jsonLdObjects(doc: Doc): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      out.push(o);
      if (o['@graph']) visit(o['@graph'], depth + 1);
    }
  };
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const s = scripts[i]!;
    if (!/ld\+json/i.test(s.getAttribute('type') ?? '')) continue;
    const raw = (s.textContent ?? '')
      .trim()
      .replace(/^(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>$/g, '')
      .replace(/^<!--|-->$/g, '');
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Malformed JSON-LD is common on real pages; the other metadata still applies.
    }
  }
  return out;
}

function types(o: Json): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:#]/, '').toLowerCase());
}

/** A JSON-LD value as one string: a string, the first of an array, or an object's name / @id / url. */
function ldString(v: unknown): string | null {
  if (typeof v === 'string') return orNull(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = ldString(x);
      if (s) return s;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    const o = v as Json;
    return ldString(o.name) ?? ldString(o['@id']) ?? ldString(o.url);
  }
  return null;
}

/** Follow a {"@id": ...} reference to the object it names elsewhere in the page's JSON-LD. */
function deref(v: unknown, byId: Map<string, Json>): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Json;
    if (typeof o['@id'] === 'string' && o.name === undefined) return byId.get(o['@id']) ?? o;
  }
  return v;
}

/** A person's or organisation's name: a string, or an object's `name` (references followed); never a URL. */
function ldNames(v: unknown, byId: Map<string, Json>): string[] {
  const names: string[] = [];
  for (const a of Array.isArray(v) ? v : [v]) {
    const o = deref(a, byId);
    const n = typeof o === 'string' ? orNull(o) : o && typeof o === 'object' ? ldString((o as Json).name) : null;
    if (n && !/^https?:/i.test(n) && !names.includes(n)) names.push(n);
  }
  return names;
}

function absoluteHttp(u: string | null | undefined, base: string | null): string | null {
  if (!u?.trim()) return null;
  try {
    const url = base ? new URL(u.trim(), base) : new URL(u.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

interface PageMeta {
  /** Title candidates in order of preference, after Readability's own. */
  readonly titles: (string | null)[];
  readonly url: string | null;
  readonly siteName: string | null;
  readonly applicationName: string | null;
  /** Date strings to try before Readability's publishedTime, and after it. */
  readonly datesBefore: (string | null)[];
  readonly datesAfter: (string | null)[];
  /** Visible date lines by the title heading, parsed only when nothing machine-readable was found. */
  readonly headerDates: string[];
  readonly byline: string | null;
  readonly lang: string | null;
}

/** The page's own title heading: the <h1> whose text is one of the title candidates, or the only <h1>. */
function titleHeading(doc: Doc, titles: (string | null)[]): El | null {
  const wanted = titles.map((t) => squash(t).toLowerCase()).filter(Boolean);
  const h1s = doc.getElementsByTagName('h1');
  for (let i = 0; i < h1s.length; i++) {
    const text = squash(h1s[i]!.textContent).toLowerCase();
    if (text && wanted.some((w) => w === text || (text.length >= 15 && w.includes(text)))) return h1s[i]!;
  }
  return h1s.length === 1 ? h1s[0]! : null;
}

/** The heading's enclosing blocks: its header (three levels up) and its own <article>, never <body>. */
function headerBlocks(heading: El | null): { near: El[]; article: El | null } {
  const near: El[] = [];
  let article: El | null = null;
  let node = heading?.parentElement ?? null;
  for (let level = 0; node && level < 8; level++, node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    if (level < 3) near.push(node);
    if (tag === 'ARTICLE') {
      article = node;
      break;
    }
  }
  return { near, article };
}

/** The <time datetime> of the article: next to its title heading, in the heading's <article>, or in the first <article>. */
function articleTime(doc: Doc, blocks: { near: El[]; article: El | null }): string | null {
  for (const el of [...blocks.near, ...(blocks.article ? [blocks.article] : [])]) {
    const t = el.querySelector('time[datetime]')?.getAttribute('datetime');
    if (t) return t;
  }
  return doc.querySelector('article time[datetime]')?.getAttribute('datetime') ?? null;
}

const DATED_CLASS = '[class*="date"],[class*="time"],[class*="publish"],[class*="posted"]';

/** Last resort: the visible text of date-like elements ("posted on April 21, 2015") next to the title heading. */
function headerDateTexts(blocks: { near: El[] }): string[] {
  for (const el of blocks.near) {
    const found = el.querySelectorAll(DATED_CLASS);
    const texts: string[] = [];
    for (let i = 0; i < found.length && texts.length < 6; i++) {
      const t = squash(found[i]!.textContent);
      if (t.length >= 6 && t.length <= 120 && /\d{4}/.test(t)) texts.push(t);
    }
    if (texts.length) return texts;
  }
  return [];
}

function pageMeta(doc: Doc): PageMeta {
  const meta = metaTags(doc);
  const ld = jsonLdObjects(doc);
  const articles = ld.filter((o) => types(o).some((t) => ARTICLE_TYPES.has(t)));
  const article = articles.find((o) => o.headline) ?? articles[0] ?? null;
  const byId = new Map<string, Json>();
  for (const o of ld) if (typeof o['@id'] === 'string' && !byId.has(o['@id'])) byId.set(o['@id'], o);
  const pick = <T>(f: (o: Json) => T | null): T | null => {
    for (const o of [...(article ? [article] : []), ...ld]) {
      const v = f(o);
      if (v) return v;
    }
    return null;
  };

  let canonical: string | null = null;
  const links = doc.getElementsByTagName('link');
  for (let i = 0; i < links.length && !canonical; i++) {
    if ((links[i]!.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) canonical = links[i]!.getAttribute('href');
  }
  const ogUrl = meta.get('og:url') ?? null;
  const ldUrl = article ? ldString(article.url) ?? ldString(article.mainEntityOfPage) : null;
  // A relative canonical link is resolved against og:url, never against anything we would fetch.
  const url = absoluteHttp(canonical, absoluteHttp(ogUrl, null)) ?? absoluteHttp(ogUrl, null) ?? absoluteHttp(ldUrl, null);

  const docTitle = doc.getElementsByTagName('title')[0]?.textContent ?? null;
  const titles = [article ? ldString(article.headline) : null, meta.get('og:title') ?? null, meta.get('twitter:title') ?? null, orNull(docTitle)];

  const blocks = headerBlocks(titleHeading(doc, titles));
  const itemprop = doc.querySelector('[itemprop="datePublished"]');
  const metaAuthor = [meta.get('author'), meta.get('article:author'), meta.get('byl')?.replace(/^by\s+/i, '')].find((a) => a && !/^https?:/i.test(a));

  const root = doc.documentElement;
  const lang = orNull(root?.getAttribute('lang')) ?? orNull(root?.getAttribute('xml:lang')) ?? meta.get('content-language') ?? null;

  return {
    titles,
    url,
    siteName: meta.get('og:site_name') ?? pick((o) => ldNames(o.publisher, byId)[0] ?? null) ?? null,
    applicationName: meta.get('application-name') ?? null,
    datesBefore: [
      pick((o) => (typeof o.datePublished === 'string' ? o.datePublished : null)),
      meta.get('article:published_time') ?? null,
      meta.get('og:article:published_time') ?? null,
    ],
    datesAfter: [
      ...DATE_META.map((k) => meta.get(k) ?? null),
      itemprop ? itemprop.getAttribute('datetime') ?? itemprop.getAttribute('content') ?? itemprop.textContent : null,
      articleTime(doc, blocks),
    ],
    headerDates: headerDateTexts(blocks),
    byline: metaAuthor ?? (article ? ldNames(article.author, byId).join(', ') || null : null),
    lang: lang?.toLowerCase() ?? null,
  };
}

/** A /2015/03/18/ date in the article's own URL path: day precision, the very last resort. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])(?:\/|$)/.exec(path);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function firstDate(candidates: (string | null | undefined)[]): ParsedDate | null {
  for (const c of candidates) {
    const d = parseDate(c);
    if (d) return d;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The reader

/**
 * Lines at the top of the article that belong to its header, not its text: the page's own
 * heading repeating the title, and a date line standing alone ("9 February 2026").
 */
function dropHeaderLines(paragraphs: RawParagraph[], title: string | null): RawParagraph[] {
  const titleKey = squash(title).toLowerCase();
  return paragraphs.filter((p, i) => {
    if (i >= 4) return true;
    const t = squash(p.text);
    if (titleKey && t.toLowerCase() === titleKey) return false;
    return !(t.length <= 60 && /\d{4}/.test(t) && parseDateLine(t));
  });
}

type Parsed = ReturnType<Readability['parse']>;

/**
 * A saved news page: main text by Mozilla Readability over an inert linkedom DOM (nothing is
 * fetched, loaded or run), metadata from JSON-LD, Open Graph, article:* and <link rel=canonical>.
 */
export const readHtml: Reader = (html: string, ctx: ReaderContext): ReadResult => {
  const truncated = truncationSign(html);
  const warnings: string[] = [];
  const flat = flattenDeepHtml(html);
  if (flat.dropped) warnings.push(`HTML nested deeper than ${DEFAULT_MAX_HTML_DEPTH} levels: ${flat.dropped} wrapper elements beyond that depth were dropped, their text kept`);
  const { document } = parseHTML(flat.html);
  const m = pageMeta(document as unknown as Doc);

  // Readability rewrites the document, so it runs after the metadata has been read from it.
  let parsed: Parsed = null;
  try {
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  } catch (e) {
    warnings.push(`main-text extraction failed (${(e as Error).message})`);
  }
  let text: { paragraphs: RawParagraph[]; captions: Caption[] } = parsed?.content ? htmlToText(parsed.content) : { paragraphs: [], captions: [] };
  if (text.paragraphs.length === 0) {
    text = htmlToText(flat.html);
    if (text.paragraphs.length > 0) warnings.push('no main article block found; used the whole page');
  }

  const title = orNull(parsed?.title) ?? m.titles.map(orNull).find(Boolean) ?? null;
  const raw = dropHeaderLines(text.paragraphs, title);
  const separated = separateCaptions(raw, ctx.credits);

  if (separated.paragraphs.length === 0) {
    const problem = truncated
      ? createError('TRUNCATED_HTML', `${truncated}, and no article text before the cut`)
      : createError('NO_TEXT', 'the page has no readable text');
    return { drafts: [], problems: [{ locator: null, code: problem.code, message: problem.message }] };
  }
  if (truncated) warnings.push(`truncated HTML: ${truncated}; kept the text before the cut`);

  const date = firstDate([...m.datesBefore, parsed?.publishedTime, ...m.datesAfter]) ?? firstDate([...m.headerDates, dateFromUrl(m.url)]);
  if (!date) warnings.push('no publication date found');
  if (!title) warnings.push('no title found');

  const outlet = resolveOutlet(
    {
      url: m.url,
      metadataName: m.siteName ?? orNull(parsed?.siteName) ?? m.applicationName,
      trailerName: separated.trailerOutlet,
    },
    ctx.outlets,
  );

  const draft: ArticleDraft = {
    url: m.url,
    outlet: outlet.name,
    outletSource: outlet.source,
    title,
    published: date?.value ?? null,
    publishedPrecision: date?.precision ?? null,
    byline: orNull(parsed?.byline) ?? m.byline,
    declaredLanguage: m.lang,
    paragraphs: separated.paragraphs,
    captions: [...text.captions, ...separated.captions],
    warnings,
    format: 'html',
    locator: null,
  };
  return { drafts: [draft], problems: [] };
};
