import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { createError } from '../errors.js';
import type { ArticleDraft } from '../types/article.js';
import { separateCaptions, type RawParagraph } from './captions.js';
import { parseDate, type ParsedDate } from './dates.js';
import { htmlToText } from './html-text.js';
import { resolveOutlet } from './outlets.js';
import type { Reader, ReaderContext, ReadResult } from './types.js';

interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Doc {
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  documentElement: El | null;
}

const NEWS_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|LiveBlogPosting|OpinionNewsArticle|Report)$/i;

/** Every JSON-LD object on the page, flattened out of arrays and @graph; malformed blocks are skipped. */
function jsonLd(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i]!.textContent ?? ''));
    } catch {
      // Malformed JSON-LD is common on real pages; the other metadata still applies.
    }
  }
  return out;
}

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name ?? (v as Record<string, unknown>)['@id']);
  return null;
};

function meta(doc: Doc, ...keys: string[]): string | null {
  for (const k of keys) {
    const el = doc.querySelector(`meta[property="${k}"]`) ?? doc.querySelector(`meta[name="${k}"]`) ?? doc.querySelector(`meta[itemprop="${k}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

function absoluteHttp(u: string | null | undefined, base: string | null): string | null {
  if (!u) return null;
  try {
    const url = base ? new URL(u, base) : new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Truncation shows at the end of a document: no closing </html> or </body>, or a tag cut open. */
export function truncationSign(html: string): string | null {
  const tail = html.slice(-2048).trimEnd();
  if (/<[^>]*$/.test(tail)) return 'the document ends inside a tag';
  if (/<html[\s>]/i.test(html.slice(0, 4096)) && !/<\/html\s*>/i.test(tail) && !/<\/body\s*>/i.test(tail)) return 'no closing </body> or </html>';
  return null;
}

interface PageMeta {
  title: string | null;
  url: string | null;
  site: string | null;
  date: ParsedDate | null;
  byline: string | null;
  lang: string | null;
}

function pageMeta(doc: Doc): PageMeta {
  const ld = jsonLd(doc);
  const article = ld.find((o) => NEWS_TYPES.test(String(o['@type'] ?? '')) && (o.headline || o.datePublished)) ?? null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const ogUrl = meta(doc, 'og:url');
  const ldUrl = article ? str(article.url) ?? str(article.mainEntityOfPage) : null;
  const url = absoluteHttp(canonical, ogUrl) ?? absoluteHttp(ogUrl, null) ?? absoluteHttp(ldUrl, null);
  const dateCandidates = [
    article ? str(article.datePublished) : null,
    meta(doc, 'article:published_time', 'og:article:published_time', 'datePublished', 'date', 'pubdate', 'publishdate', 'publish-date',
      'DC.date.issued', 'dc.date', 'DC.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'dcterms.created'),
    doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime') ?? doc.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ?? null,
    doc.querySelector('article time[datetime]')?.getAttribute('datetime') ?? doc.querySelector('time[pubdate]')?.getAttribute('datetime') ?? null,
  ];
  let date: ParsedDate | null = null;
  for (const c of dateCandidates) if (!date) date = parseDate(c);
  const publisher = ld.map((o) => str(o.publisher)).find(Boolean) ?? null;
  return {
    title: (article ? str(article.headline) : null) ?? meta(doc, 'og:title', 'twitter:title'),
    url,
    site: meta(doc, 'og:site_name', 'application-name', 'al:android:app_name') ?? publisher,
    date,
    byline: meta(doc, 'author', 'article:author', 'byl') ?? (article ? str(article.author) : null),
    lang: doc.documentElement?.getAttribute('lang') ?? meta(doc, 'content-language', 'language', 'og:locale'),
  };
}

/**
 * A saved news page: main text by Mozilla Readability over an inert linkedom DOM (nothing is
 * fetched or run), metadata from JSON-LD, Open Graph, article:* and <link rel=canonical>.
 */
export const readHtml: Reader = (html: string, ctx: ReaderContext): ReadResult => {
  const truncated = truncationSign(html);
  const metaDoc = parseHTML(html).document as unknown as Doc;
  const m = pageMeta(metaDoc);
  const warnings: string[] = [];
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    const { document } = parseHTML(html);
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  } catch (e) {
    warnings.push(`main-text extraction failed (${(e as Error).message}); used the whole page`);
  }
  let text = parsed?.content ? htmlToText(parsed.content) : { paragraphs: [] as RawParagraph[], captions: [] as ArticleDraft['captions'] };
  if (text.paragraphs.length === 0) {
    const body = metaDoc.querySelector('body');
    if (body && parsed === null) warnings.push('no main article block found; used the whole page');
    text = htmlToText(html);
  }
  // A page's own <h1> repeats the title: keep it out of the body.
  const title = parsed?.title?.trim() || m.title || metaDoc.querySelector('title')?.textContent?.trim() || null;
  const paragraphs = text.paragraphs.filter((p, i) => !(i === 0 && title && p.text.trim() === title.trim()));
  if (paragraphs.length === 0) {
    const problem = truncated ? createError('TRUNCATED_HTML', `${truncated}, and no article text before the cut`) : createError('NO_TEXT', 'the page has no readable text');
    return { drafts: [], problems: [{ locator: null, code: problem.code, message: problem.message }] };
  }
  if (truncated) warnings.push(`truncated HTML: ${truncated}; kept the text before the cut`);
  const separated = separateCaptions(paragraphs, ctx.credits);
  const date = m.date ?? parseDate(parsed?.publishedTime ?? null);
  if (!date) warnings.push('no publication date found');
  if (!title) warnings.push('no title found');
  const outlet = resolveOutlet({ url: m.url, metadataName: m.site ?? parsed?.siteName ?? null, trailerName: separated.trailerOutlet }, ctx.outlets);
  return {
    drafts: [
      {
        url: m.url,
        outlet: outlet.name,
        outletSource: outlet.source,
        title,
        published: date?.value ?? null,
        publishedPrecision: date?.precision ?? null,
        byline: parsed?.byline?.trim() || m.byline,
        declaredLanguage: (parsed?.lang ?? m.lang)?.toLowerCase() ?? null,
        paragraphs: separated.paragraphs,
        captions: [...text.captions, ...separated.captions],
        warnings,
        format: 'html',
        locator: null,
      },
    ],
    problems: [],
  };
};
