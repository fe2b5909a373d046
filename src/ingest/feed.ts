import { XMLParser, XMLValidator, type ProcessEntitiesOptions } from 'fast-xml-parser';
import { createError } from '../errors.js';
import type { ArticleDraft, Caption, SourceFormat } from '../types/article.js';
import { separateCaptions } from './captions.js';
import { parseDate } from './dates.js';
import { htmlToText } from './html-text.js';
import { resolveOutlet } from './outlets.js';
import type { InputProblem, Reader, ReaderContext, ReadResult } from './types.js';

/**
 * RSS 2.0 / 0.9x, RSS 1.0 (RDF) and Atom feeds: one draft per item.
 *
 * Text-bearing elements (titles, descriptions, content) are kept as raw markup by the XML parser
 * (stop nodes) and decoded here with exact XML rules, so that CDATA, entity-escaped HTML and
 * inline XHTML all reach the HTML reader as HTML, exactly once decoded. Everything else (links,
 * dates, names) is decoded by the parser, HTML named entities included. Entities declared in a
 * DOCTYPE are bounded by the parser's limits and never expanded inside article text.
 */

type FeedKind = 'rss' | 'rdf' | 'atom';
type XNode = Record<string, unknown>;
type TextMode = 'html' | 'text' | 'xhtml';

const TEXT_ELEMENTS = ['title', 'description', 'content:encoded', 'content', 'summary', 'subtitle'];
/** Media RSS description (YouTube and video feeds): the only text some entries carry. */
const MEDIA_DESCRIPTION = 'media:description';
const ARRAY_ELEMENTS = new Set(['item', 'entry', 'link', 'author', 'contributor', 'dc:creator', 'category']);

/**
 * DOCTYPE entities: few, small, and a bounded number of expansions (no billion laughs). The
 * limits count only document-declared entities (`appliesTo: 'external'`, supported at runtime
 * though missing from the typings), so a large feed full of `&amp;` is not refused.
 */
const DOCTYPE_ENTITY_LIMITS: ProcessEntitiesOptions & { appliesTo: 'external' } = {
  enabled: true,
  maxEntityCount: 100,
  maxEntitySize: 1000,
  maxExpansionDepth: 4,
  maxTotalExpansions: 1000,
  maxExpandedLength: 100_000,
  appliesTo: 'external',
};

function makeParser(atomPrefix: string): XMLParser {
  const names = new Set([
    ...TEXT_ELEMENTS,
    ...TEXT_ELEMENTS.map((n) => `atom:${n}`),
    ...TEXT_ELEMENTS.map((n) => atomPrefix + n),
    MEDIA_DESCRIPTION,
  ]);
  const arrays = new Set([...ARRAY_ELEMENTS, ...[...ARRAY_ELEMENTS].map((n) => atomPrefix + n), 'atom:link', 'atom:author']);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
    processEntities: DOCTYPE_ENTITY_LIMITS,
    stopNodes: [...names].map((n) => `..${n}`),
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && arrays.has(name),
  });
}

// ---------------------------------------------------------------------------
// Small accessors over the parsed tree

const isNode = (v: unknown): v is XNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** The text of a plain (non-stop) element: a string, or `#text` of an element with attributes. */
function textOf(v: unknown): string | null {
  for (const x of asArray(v)) {
    const s = typeof x === 'string' ? x : isNode(x) && typeof x['#text'] === 'string' ? x['#text'] : null;
    if (s && s.trim()) return s.trim();
  }
  return null;
}

function attr(v: unknown, name: string): string | null {
  const first = asArray(v)[0];
  if (!isNode(first)) return null;
  const a = first[`@_${name}`];
  return typeof a === 'string' && a.trim() ? a.trim() : null;
}

/** First present child among several names (`dc:date`, `atom:published`...). */
function child(node: XNode, ...names: string[]): unknown {
  for (const n of names) if (node[n] !== undefined) return node[n];
  return undefined;
}

// ---------------------------------------------------------------------------
// Raw element content -> HTML

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function codePoint(ref: string): string | null {
  const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(n);
}

/**
 * Decode character data with XML's rules (the five named entities and character references).
 * In 'html' mode the result is HTML source (escaped HTML becomes markup); in 'text' mode the
 * result is HTML that displays the text. Unknown named entities (`&nbsp;`) are passed through
 * for the HTML reader to decode.
 */
function decodeCharData(seg: string, mode: 'html' | 'text'): string {
  return seg.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);|[<>&]/gi, (m, ref: string | undefined) => {
    if (!ref) return mode === 'text' ? escapeHtml(m) : m;
    const ch = ref[0] === '#' ? codePoint(ref) : XML_ENTITIES[ref];
    if (ch === undefined || ch === null) return m;
    return mode === 'text' ? escapeHtml(ch) : ch;
  });
}

/** The raw inner markup of a text element (a stop node), as HTML source. */
function rawToHtml(raw: string, mode: TextMode): string {
  let out = '';
  let last = 0;
  const plain = (seg: string) => {
    // Child elements (inline XHTML, or an unescaped <p> in a description): already markup.
    if (mode === 'xhtml' || /<[A-Za-z/!?]/.test(seg)) return seg;
    return decodeCharData(seg, mode);
  };
  for (const m of raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    out += plain(raw.slice(last, m.index));
    out += mode === 'html' ? m[1]! : escapeHtml(m[1]!);
    last = m.index + m[0].length;
  }
  out += plain(raw.slice(last));
  if (mode === 'text' || !/<(p|br|div|h[1-6]|li|blockquote|table|figure|section|article)\b/i.test(out)) {
    // Plain text (or HTML without blocks): blank lines separate paragraphs.
    const parts = out.split(/\n[ \t]*\n/).map((s) => s.trim()).filter(Boolean);
    if (parts.length > 1) out = parts.map((p) => `<p>${p}</p>`).join('');
  }
  return out;
}

function modeFor(type: string | null, fallback: TextMode): TextMode | null {
  if (!type) return fallback;
  const t = type.toLowerCase();
  if (t === 'html' || t === 'text/html') return 'html';
  if (t === 'xhtml' || t === 'application/xhtml+xml') return 'xhtml';
  if (t === 'text' || t === 'plain' || t.startsWith('text/')) return 'text';
  return null; // base64 media and the like: not article text
}

interface RawText {
  readonly html: string;
}

/** A stop-node element as HTML, or null when absent, empty or not text. */
function rawText(v: unknown, fallback: TextMode): RawText | null {
  for (const x of asArray(v)) {
    const raw = typeof x === 'string' ? x : isNode(x) && typeof x['#text'] === 'string' ? x['#text'] : null;
    if (!raw || !raw.trim()) continue;
    const mode = modeFor(attr(x, 'type'), fallback);
    if (!mode) continue;
    return { html: rawToHtml(raw, mode) };
  }
  return null;
}

const squash = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/** Markup-free, entity-decoded one-line text (titles). */
function plainLine(html: string | null): string | null {
  if (!html) return null;
  const text = /[<&]/.test(html) ? htmlToText(html).paragraphs.map((p) => p.text).join(' ') : html;
  return squash(text) || null;
}

// ---------------------------------------------------------------------------
// Fields

function httpUrl(s: string | null, base: string | null = null): string | null {
  if (!s) return null;
  try {
    const u = base ? new URL(s.trim(), base) : new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Atom links: rel="alternate" or no rel, HTML first. */
function atomLink(v: unknown, base: string | null): string | null {
  const candidates = asArray(v).filter(isNode).filter((l) => {
    const rel = typeof l['@_rel'] === 'string' ? l['@_rel'].trim().toLowerCase() : '';
    return (rel === '' || rel === 'alternate') && typeof l['@_href'] === 'string';
  });
  candidates.sort((a, b) => Number(isHtmlType(b['@_type'])) - Number(isHtmlType(a['@_type'])));
  for (const l of candidates) {
    const url = httpUrl(l['@_href'] as string, base);
    if (url) return url;
  }
  return null;
}
const isHtmlType = (t: unknown) => t === undefined || (typeof t === 'string' && /html/i.test(t));

/** RSS <link>: element text; some feeds write Atom-style href attributes instead. */
function rssLink(v: unknown, base: string | null): string | null {
  for (const x of asArray(v)) {
    const s = typeof x === 'string' ? x : isNode(x) ? ((x['#text'] ?? x['@_href']) as unknown) : null;
    if (typeof s !== 'string') continue;
    const url = httpUrl(s, base);
    if (url) return url;
  }
  return null;
}

function personName(s: string | null): string | null {
  if (!s) return null;
  let t = squash(s);
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(t); // RSS 2.0: "jane@example.com (Jane Doe)"
  if (paren) t = paren[1]!.trim();
  const angle = /^(.+?)\s*<\S+@\S+>$/.exec(t); // "Jane Doe <jane@example.com>"
  if (angle) t = angle[1]!.trim();
  if (/^\S+@\S+$/.test(t)) return null; // an address alone is not a byline
  return t || null;
}

function byline(names: (string | null)[]): string | null {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names.map(personName)) {
    if (n && !seen.has(n.toLowerCase())) {
      seen.add(n.toLowerCase());
      out.push(n);
    }
  }
  if (out.length === 0) return null;
  // "Lee, K." style names already hold commas: separate them unambiguously.
  return out.join(out.some((n) => n.includes(',')) ? '; ' : ', ');
}

/** <media:description>, directly in the item or inside <media:group>. */
function mediaDescription(node: XNode): RawText | null {
  const group = asArray(node['media:group']).find(isNode);
  return rawText(node[MEDIA_DESCRIPTION], 'text') ?? (group ? rawText(group[MEDIA_DESCRIPTION], 'text') : null);
}

/** Month abbreviations some feeds localise in RFC 822 dates (pt, es, fr, de, it, nl). */
const MONTHS: Record<string, string> = {
  jan: 'Jan', ene: 'Jan', gen: 'Jan', janv: 'Jan', fev: 'Feb', 'fév': 'Feb', feb: 'Feb', 'févr': 'Feb',
  mar: 'Mar', 'mär': 'Mar', mrz: 'Mar', mars: 'Mar', abr: 'Apr', apr: 'Apr', avr: 'Apr', mai: 'May', may: 'May',
  mag: 'May', mei: 'May', jun: 'Jun', giu: 'Jun', juin: 'Jun', jul: 'Jul', lug: 'Jul', juil: 'Jul', ago: 'Aug',
  aug: 'Aug', 'aoû': 'Aug', sep: 'Sep', set: 'Sep', sept: 'Sep', out: 'Oct', oct: 'Oct', okt: 'Oct', ott: 'Oct',
  nov: 'Nov', dez: 'Dec', dic: 'Dec', dec: 'Dec', 'déc': 'Dec',
};

/** "Seg, 24 Set 2018 19:42:40 -0300" -> "24 Sep 2018 19:42:40 -0300"; null when not that shape. */
function englishRfc822(s: string | null): string | null {
  const m = /^(?:\p{L}{2,5}\.?,?\s+)?(\d{1,2})\s+(\p{L}{3,5})\.?\s+(\d{4})\s+(\d{1,2}:\d{2}(?::\d{2})?)(\s+(?:[+-]\d{4}|GMT|UTC|UT|Z))?$/u.exec(
    s?.trim() ?? '',
  );
  const month = m ? MONTHS[m[2]!.toLowerCase()] : undefined;
  if (!m || !month) return null;
  return `${m[1]} ${month} ${m[3]} ${m[4]}${m[5] ?? ''}`;
}

const allTexts = (v: unknown) => asArray(v).map((x) => textOf(x));
const atomNames = (v: unknown, prefix: string) => asArray(v).map((a) => (isNode(a) ? textOf(a[`${prefix}name`]) : textOf(a)));

// ---------------------------------------------------------------------------
// Root

/** The first element name of the document, skipping the prolog, comments, PIs and doctype. */
function rootName(text: string): string | null {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return null;
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      // <!DOCTYPE ...> possibly with an internal subset [...]
      const gt = text.indexOf('>', lt);
      const bracket = text.indexOf('[', lt);
      if (bracket >= 0 && (gt < 0 || bracket < gt)) {
        const close = text.indexOf(']', bracket);
        if (close < 0) return null;
        const end = text.indexOf('>', close);
        if (end < 0) return null;
        i = end + 1;
      } else {
        if (gt < 0) return null;
        i = gt + 1;
      }
    } else {
      const m = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(lt, lt + 200));
      return m ? m[1]! : null;
    }
  }
  return null;
}

function kindOf(root: string): FeedKind | null {
  const local = root.split(':').pop()!.toLowerCase();
  if (local === 'rss') return 'rss';
  if (local === 'rdf') return 'rdf';
  if (local === 'feed') return 'atom';
  return null;
}

const problem = (out: ReadResult, p: InputProblem) => out.problems.push(p);

// ---------------------------------------------------------------------------
// Items

interface FeedInfo {
  readonly kind: FeedKind;
  /** The Atom namespace prefix in use ("" or "atom:"). */
  readonly ap: string;
  readonly title: string | null;
  readonly language: string | null;
  readonly base: string | null;
}

interface ItemFields {
  readonly title: string | null;
  readonly url: string | null;
  readonly date: string | null;
  readonly bylines: (string | null)[];
  readonly language: string | null;
  readonly bodies: (RawText | null)[];
}

function rssFields(item: XNode, feed: FeedInfo): ItemFields {
  // FeedBurner rewrites links to its redirector and keeps the publisher's own in origLink.
  let url = httpUrl(textOf(item['feedburner:origLink'])) ?? rssLink(item.link, feed.base) ?? atomLink(item['atom:link'], feed.base);
  const guid = item.guid;
  if (!url && guid !== undefined && attr(guid, 'isPermaLink')?.toLowerCase() !== 'false') url = httpUrl(textOf(guid));
  url ??= httpUrl(attr(item, 'rdf:about'));
  return {
    title: plainLine(rawText(item.title, 'html')?.html ?? null),
    url,
    date: textOf(child(item, 'pubDate', 'dc:date', 'atom:published', 'atom:updated', 'dcterms:issued', 'dcterms:modified')),
    bylines: [...allTexts(item['dc:creator']), ...allTexts(item.author), ...atomNames(item['atom:author'], 'atom:')],
    language: attr(item, 'xml:lang') ?? textOf(item['dc:language']),
    bodies: [
      rawText(item['content:encoded'], 'html'),
      rawText(item['atom:content'], 'text'),
      rawText(item.description, 'html'),
      rawText(item['atom:summary'], 'text'),
      mediaDescription(item),
    ],
  };
}

function atomFields(entry: XNode, feed: FeedInfo): ItemFields {
  const ap = feed.ap;
  const base = httpUrl(attr(entry, 'xml:base'), feed.base) ?? feed.base;
  const content = entry[`${ap}content`];
  // <content src="..."/> points elsewhere: nothing to read here.
  const inline = attr(content, 'src') ? undefined : content;
  return {
    title: plainLine(rawText(entry[`${ap}title`], 'text')?.html ?? null),
    url: httpUrl(textOf(entry['feedburner:origLink'])) ?? atomLink(entry[`${ap}link`], base) ?? httpUrl(textOf(entry[`${ap}id`])),
    date: textOf(child(entry, `${ap}published`, `${ap}updated`, `${ap}issued`, `${ap}modified`, `${ap}created`, 'dc:date')),
    bylines: [...atomNames(entry[`${ap}author`], ap), ...allTexts(entry['dc:creator'])],
    language: attr(entry, 'xml:lang') ?? textOf(entry['dc:language']),
    bodies: [rawText(inline, 'text'), rawText(entry[`${ap}summary`], 'text'), rawText(entry['content:encoded'], 'html'), mediaDescription(entry)],
  };
}

function readItem(node: unknown, locator: string, feed: FeedInfo, ctx: ReaderContext, out: ReadResult): void {
  if (!isNode(node)) {
    // <item/> or <item>text</item>: no fields at all.
    problem(out, { locator, code: 'NO_TEXT', message: createError('NO_TEXT', 'item has no title and no text').message });
    return;
  }
  const f = feed.kind === 'atom' ? atomFields(node, feed) : rssFields(node, feed);
  const warnings: string[] = [];

  let paragraphs: { text: string; kind: ArticleDraft['paragraphs'][number]['kind'] }[] = [];
  let captions: Caption[] = [];
  let trailer: string | null = null;
  for (const body of f.bodies) {
    if (!body) continue;
    const h = htmlToText(body.html);
    const sep = separateCaptions(h.paragraphs, ctx.credits);
    if (sep.paragraphs.length === 0) continue;
    paragraphs = sep.paragraphs;
    captions = [...h.captions, ...sep.captions];
    trailer = sep.trailerOutlet;
    break;
  }
  if (paragraphs.length === 0) {
    if (!f.title) {
      problem(out, { locator, code: 'NO_TEXT', message: createError('NO_TEXT', 'item has no title and no text').message });
      return;
    }
    paragraphs = [{ text: f.title, kind: 'text' }];
    warnings.push('item has no body; title used as text');
  }
  if (!f.title) warnings.push('no title found');

  const date = parseDate(f.date) ?? parseDate(englishRfc822(f.date));
  if (!date) warnings.push(f.date ? `no publication date found (cannot read "${f.date.slice(0, 60)}")` : 'no publication date found');

  const outlet = resolveOutlet({ url: f.url, metadataName: feed.title, trailerName: trailer }, ctx.outlets);
  out.drafts.push({
    url: f.url,
    outlet: outlet.name,
    outletSource: outlet.source,
    title: f.title,
    published: date?.value ?? null,
    publishedPrecision: date?.precision ?? null,
    byline: byline(f.bylines),
    declaredLanguage: f.language ?? feed.language,
    paragraphs,
    captions,
    warnings,
    format: feed.kind satisfies SourceFormat,
    locator,
  });
}

/** Where the items are and what the feed says about itself. */
function feedInfo(kind: FeedKind, rootKey: string, root: XNode): { info: FeedInfo; items: unknown[] } {
  const lang = (...vs: (string | null)[]) => vs.find((v) => v && v.trim())?.trim() ?? null;
  if (kind === 'atom') {
    const ap = rootKey.includes(':') ? `${rootKey.split(':')[0]}:` : '';
    const base = httpUrl(attr(root, 'xml:base')) ?? atomLink(root[`${ap}link`], null);
    return {
      info: {
        kind,
        ap,
        title: plainLine(rawText(root[`${ap}title`], 'text')?.html ?? null),
        language: lang(attr(root, 'xml:lang'), textOf(root['dc:language'])),
        base,
      },
      items: asArray(root[`${ap}entry`]),
    };
  }
  const channel = asArray(root.channel).find(isNode) ?? {};
  return {
    info: {
      kind,
      ap: 'atom:',
      title: plainLine(rawText(channel.title, 'html')?.html ?? null),
      language: lang(textOf(channel.language), textOf(channel['dc:language']), attr(channel, 'xml:lang'), attr(root, 'xml:lang')),
      base: rssLink(channel.link, null),
    },
    // RSS 2.0: items inside <channel>; RSS 1.0: siblings of <channel>. Accept both in either.
    items: [...asArray(channel.item), ...asArray(root.item)],
  };
}

/**
 * A feed that is not well-formed XML, cut at its items: the text before the first item (the
 * channel's metadata), each item from its opening tag to its last closing tag before the next
 * item, and closing tags for what the head left open. Items that are well-formed on their own are
 * kept; null when none is, or the head itself is broken.
 */
export function salvageItems(text: string, kind: 'rss' | 'rdf' | 'atom'): { xml: string; kept: number[]; broken: { number: number; message: string }[] } | null {
  const tag = kind === 'atom' ? 'entry' : 'item';
  const starts: number[] = [];
  const open = new RegExp(`<(?:[\\w.-]+:)?${tag}[\\s>/]`, 'g');
  for (let m = open.exec(text); m; m = open.exec(text)) starts.push(m.index);
  if (starts.length === 0) return null;
  const head = text.slice(0, starts[0]);
  // What the head opened and left open (<rss><channel>, <feed>, <rdf:RDF>), closed again after the kept items.
  const stack: string[] = [];
  for (const m of head.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![^>]*>/g, '').matchAll(/<(\/?)([\w.:-]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      const k = stack.lastIndexOf(m[2]!);
      if (k >= 0) stack.length = k;
    } else stack.push(m[2]!);
  }
  const closing = [...stack].reverse().map((n) => `</${n}>`).join('');
  if (XMLValidator.validate(`${head}${closing}`) !== true) return null;
  const kept: number[] = [];
  const good: string[] = [];
  const broken: { number: number; message: string }[] = [];
  starts.forEach((start, i) => {
    const chunk = text.slice(start, starts[i + 1] ?? text.length);
    const close = new RegExp(`</(?:[\\w.-]+:)?${tag}\\s*>`, 'g');
    let end = -1;
    for (let m = close.exec(chunk); m; m = close.exec(chunk)) end = m.index + m[0].length;
    const item = end > 0 ? chunk.slice(0, end) : chunk;
    const v = XMLValidator.validate(item);
    if (end > 0 && v === true) {
      kept.push(i + 1);
      good.push(item);
    } else broken.push({ number: i + 1, message: end < 0 ? `item is never closed` : v === true ? 'malformed item' : `${v.err.msg} (inside the item)` });
  });
  if (good.length === 0) return null;
  return { xml: `${head}${good.join('\n')}${closing}`, kept, broken };
}

export const readFeed: Reader = (input: string, ctx: ReaderContext): ReadResult => {
  const out: ReadResult = { drafts: [], problems: [] };
  const lead = /^[\uFEFF\s]*/.exec(input)![0];
  const text = input.slice(lead.length);
  const leadLines = (lead.match(/\n/g) ?? []).length;

  const root = rootName(text);
  const kind = root ? kindOf(root) : null;
  if (root && !kind) {
    problem(out, { locator: null, code: 'NOT_A_FEED', message: createError('NOT_A_FEED', root).message });
    return out;
  }
  const valid = XMLValidator.validate(text);
  /** Original item numbers of the items parsed (salvage drops broken ones); identity when the feed is sound. */
  let itemNumbers: number[] | null = null;
  let source = text;
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const detail = `${msg} (line ${line + leadLines}, column ${col})`;
    // One broken item must not cost the others: keep the well-formed items, name the broken ones.
    const salvaged = kind ? salvageItems(text, kind) : null;
    if (!salvaged) {
      problem(out, { locator: null, code: 'MALFORMED_XML', message: createError('MALFORMED_XML', detail).message });
      return out;
    }
    for (const b of salvaged.broken) problem(out, { locator: `item ${b.number}`, code: 'MALFORMED_XML', message: createError('MALFORMED_XML', `${b.message}; the feed's other items were kept`).message });
    source = salvaged.xml;
    itemNumbers = salvaged.kept;
  }
  if (!root || !kind) {
    problem(out, { locator: null, code: 'MALFORMED_XML', message: createError('MALFORMED_XML', 'no root element').message });
    return out;
  }

  let doc: XNode;
  try {
    const ap = kind === 'atom' && root.includes(':') ? `${root.split(':')[0]}:` : '';
    doc = makeParser(ap).parse(source) as XNode;
  } catch (e) {
    problem(out, { locator: null, code: 'MALFORMED_XML', message: createError('MALFORMED_XML', (e as Error).message).message });
    return out;
  }
  const rootNode = doc[root];
  const { info, items } = feedInfo(kind, root, isNode(rootNode) ? rootNode : {});
  if (items.length === 0) {
    problem(out, { locator: null, code: 'NO_TEXT', message: createError('NO_TEXT', `${kind === 'atom' ? 'Atom feed has no entries' : 'feed has no items'}`).message });
    return out;
  }
  items.forEach((item, i) => {
    const locator = `item ${itemNumbers?.[i] ?? i + 1}`;
    try {
      readItem(item, locator, info, ctx, out);
    } catch (e) {
      // One bad item never costs the others.
      problem(out, { locator, code: 'BAD_RECORD', message: createError('BAD_RECORD', (e as Error).message).message });
    }
  });
  return out;
};
