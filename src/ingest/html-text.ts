import { parseHTML } from 'linkedom';
import { flattenDeepHtml } from './html-depth.js';
import type { Caption, ParagraphKind } from '../types/article.js';
import type { RawParagraph } from './captions.js';

/** Elements whose content is never article text. */
const DROP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO',
  'FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'NAV', 'HEAD', 'TITLE', 'META', 'LINK',
]);
/** Elements that end one paragraph and start another. */
const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TBODY', 'THEAD', 'TR', 'TD', 'TH', 'HR',
  'ADDRESS', 'CENTER', 'DETAILS', 'SUMMARY', 'BODY', 'HTML',
]);
const CAPTION = new Set(['FIGCAPTION', 'CAPTION']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface HtmlText {
  readonly paragraphs: RawParagraph[];
  readonly captions: Caption[];
}

function kindFor(tag: string): ParagraphKind {
  if (/^H[1-6]$/.test(tag)) return 'heading';
  if (tag === 'LI' || tag === 'DD' || tag === 'DT') return 'list';
  if (tag === 'BLOCKQUOTE') return 'quote';
  return 'text';
}

const squash = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/**
 * Turn an HTML document or fragment into paragraphs of plain text. Nothing is executed or
 * fetched: the markup is parsed into an inert DOM and only text nodes are read.
 */
export function htmlToText(input: string): HtmlText {
  // Feed items' HTML comes here straight; a page's came through readHtml, already flattened (a no-op here).
  const html = flattenDeepHtml(input).html;
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const paragraphs: RawParagraph[] = [];
  const captions: Caption[] = [];
  let buffer = '';
  let kind: ParagraphKind = 'text';
  const flush = () => {
    const text = squash(buffer);
    if (text) paragraphs.push({ text, kind });
    buffer = '';
    kind = 'text';
  };
  const walk = (node: DomNode, blockKind: ParagraphKind) => {
    if (node.nodeType === 3) {
      buffer += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (DROP.has(tag)) return;
    if (CAPTION.has(tag)) {
      const text = squash(node.textContent ?? '');
      if (text) captions.push({ kind: 'caption', text });
      return;
    }
    if (tag === 'BR') {
      // A single <br> is a line break inside a paragraph; two in a row end the paragraph.
      if (/ \n$/.test(buffer) || buffer.endsWith('\n')) flush();
      else buffer += ' \n';
      return;
    }
    const isBlock = BLOCK.has(tag);
    if (isBlock) {
      flush();
      kind = kindFor(tag) === 'text' ? blockKind : kindFor(tag);
    }
    const childKind = isBlock && kindFor(tag) !== 'text' ? kindFor(tag) : blockKind;
    // Read the child list once: linkedom rebuilds it on every access (quadratic on long articles).
    const children = Array.from(node.childNodes);
    for (const child of children) walk(child, childKind);
    if (isBlock) flush();
  };
  walk(document.documentElement as unknown as DomNode, 'text');
  flush();
  return { paragraphs, captions };
}
