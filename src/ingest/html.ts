import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { createError } from '../errors.js';
import type { ArticleDraft, Caption } from '../types/article.js';
import { separateCaptions, type RawParagraph } from './captions.js';
import { parseDate, type ParsedDate } from './dates.js';
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
  'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'article:publication_date',
  'article:publicationdate', 'dc.date.issued', 'dc.date', 'dcterms.issued', 'dcterms.created', 'dcterms.date',
  'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'datepublished',
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

/** Author names from JSON-LD: one object, a string, or a list of either. */
function ldAuthors(v: unknown): string | null {
  const names: string[] = [];
  for (const a of Array.isArray(v) ? v : [v]) {
    const n = typeof a === 'string' ? orNull(a) : a && typeof a === 'object' ? ldString((a as Json).name) : null;
    if (n && !/^https?:/i.test(n) && !names.includes(n)) names.push(n);
  }
  return names.length ? names.join(', ') : null;
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
  readonly byline: string | null;
  readonly lang: string | null;
}

/** The <time datetime> of the article: inside the <article> holding the title heading, near that heading, or in the first <article>. */
function articleTime(doc: Doc, titles: (string | null)[]): string | null {
  const wanted = titles.map((t) => squash(t).toLowerCase()).filter(Boolean);
  const h1s = doc.getElementsByTagName('h1');
  let heading: El | null = null;
  for (let i = 0; i < h1s.length && !heading; i++) {
    const text = squash(h1s[i]!.textContent).toLowerCase();
    if (text && wanted.some((w) => w === text || (text.length >= 15 && w.includes(text)))) heading = h1s[i]!;
  }
  if (!heading && h1s.length === 1) heading = h1s[0]!;
  if (heading) {
    let node: El | null = heading.parentElement;
    for (let level = 0; node && level < 6; level++, node = node.parentElement) {
      const tag = node.tagName.toUpperCase();
      if (tag === 'BODY' || tag === 'HTML') break;
      // Close to the heading (its header block), or anywhere in its own <article>.
      if (level < 3 || tag === 'ARTICLE') {
        const t = node.querySelector('time[datetime]')?.getAttribute('datetime');
        if (t) return t;
      }
      if (tag === 'ARTICLE') break;
    }
  }
  return doc.querySelector('article time[datetime]')?.getAttribute('datetime') ?? null;
}

function pageMeta(doc: Doc): PageMeta {
  const meta = metaTags(doc);
  const ld = jsonLdObjects(doc);
  const articles = ld.filter((o) => types(o).some((t) => ARTICLE_TYPES.has(t)));
  const article = articles.find((o) => o.headline) ?? articles[0] ?? null;
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

  const itemprop = doc.querySelector('[itemprop="datePublished"]');
  const metaAuthor = [meta.get('author'), meta.get('article:author'), meta.get('byl')?.replace(/^by\s+/i, '')].find((a) => a && !/^https?:/i.test(a));

  const lang = doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? meta.get('content-language') ?? null;

  return {
    titles,
    url,
    siteName: meta.get('og:site_name') ?? pick((o) => ldString(o.publisher)) ?? null,
    applicationName: meta.get('application-name') ?? null,
    datesBefore: [
      pick((o) => (typeof o.datePublished === 'string' ? o.datePublished : null)),
      meta.get('article:published_time') ?? null,
      meta.get('og:article:published_time') ?? null,
    ],
    datesAfter: [
      ...DATE_META.map((k) => meta.get(k) ?? null),
      itemprop ? itemprop.getAttribute('datetime') ?? itemprop.getAttribute('content') ?? itemprop.textContent : null,
      articleTime(doc, titles),
    ],
    byline: metaAuthor ?? (article ? ldAuthors(article.author) : null),
    lang: orNull(lang)?.toLowerCase() ?? null,
  };
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

type Parsed = ReturnType<Readability['parse']>;

/**
 * A saved news page: main text by Mozilla Readability over an inert linkedom DOM (nothing is
 * fetched, loaded or run), metadata from JSON-LD, Open Graph, article:* and <link rel=canonical>.
 */
export const readHtml: Reader = (html: string, ctx: ReaderContext): ReadResult => {
  const truncated = truncationSign(html);
  const warnings: string[] = [];
  const { document } = parseHTML(html);
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
    text = htmlToText(html);
    if (text.paragraphs.length > 0) warnings.push('no main article block found; used the whole page');
  }

  const title = orNull(parsed?.title) ?? m.titles.map(orNull).find(Boolean) ?? null;
  // The page's own heading repeats the title: keep it out of the body.
  const titleKey = squash(title).toLowerCase();
  const raw = text.paragraphs.filter((p, i) => !(i < 3 && titleKey && squash(p.text).toLowerCase() === titleKey));
  const separated = separateCaptions(raw, ctx.credits);

  if (separated.paragraphs.length === 0) {
    const problem = truncated
      ? createError('TRUNCATED_HTML', `${truncated}, and no article text before the cut`)
      : createError('NO_TEXT', 'the page has no readable text');
    return { drafts: [], problems: [{ locator: null, code: problem.code, message: problem.message }] };
  }
  if (truncated) warnings.push(`truncated HTML: ${truncated}; kept the text before the cut`);

  const date = firstDate([...m.datesBefore, parsed?.publishedTime, ...m.datesAfter]);
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
