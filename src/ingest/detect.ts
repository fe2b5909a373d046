import { extname } from 'node:path';

export type DetectedFormat = 'text' | 'markdown' | 'html' | 'feed' | 'json';

const FEED_EXT = new Set(['.rss', '.atom', '.rdf', '.xml']);
const MD_EXT = new Set(['.md', '.markdown', '.mdown']);

/** The first element name of an XML/HTML document, skipping prolog, comments and doctype. */
export function rootElement(text: string): string | null {
  const re = /<(!--[\s\S]*?--|![^>]*|\?[\s\S]*?\?|([A-Za-z][\w:.-]*))[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text.slice(0, 65536)))) {
    if (m[2]) return m[2].toLowerCase();
  }
  return null;
}

const MARKDOWN_SIGNALS = [
  /^#{1,6}\s+\S/m,
  /\[[^\]\n]+\]\([^)\s]*\)/,
  /\*\*[^*\n]+\*\*/,
  /^<https?:\/\/[^>\s]+>\s*$/m,
  /^\s*[-*+]\s+\S/m,
  /^>\s+\S/m,
];

/**
 * Decide how to read a decoded input from its content; the extension only breaks ties
 * (an HTML error page saved as .rss is still handed to the feed reader, which says so).
 */
export function detectFormat(text: string, path: string): DetectedFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  const ext = extname(path).toLowerCase();
  if (head.startsWith('<')) {
    const root = rootElement(head);
    if (root === 'rss' || root === 'feed' || root === 'rdf:rdf' || root === 'rdf') return 'feed';
    if (FEED_EXT.has(ext)) return 'feed';
    if (root === 'html' || /<(body|head|p|div|article)[\s>]/i.test(head.slice(0, 65536)) || /^<!doctype html/i.test(head)) {
      return 'html';
    }
    if (head.startsWith('<?xml')) return 'feed';
    // Markdown may open with an autolink or inline HTML; otherwise call it HTML.
    return MARKDOWN_SIGNALS.some((r) => r.test(head)) ? 'markdown' : 'html';
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/^date \d{4}-\d{2}-\d{2}\b/.test(head)) return 'text';
  if (MD_EXT.has(ext)) return 'markdown';
  const signals = MARKDOWN_SIGNALS.filter((r) => r.test(head.slice(0, 200_000))).length;
  return signals >= 2 || /^#\s+\S/.test(head) ? 'markdown' : 'text';
}
