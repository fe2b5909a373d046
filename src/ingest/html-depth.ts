/**
 * Work limits for HTML before any DOM is built (issue #11). Readability and linkedom's
 * `textContent` are quadratic in nesting depth: a 22 KB page of 2,000 nested `<div>`s took over
 * a minute, 100,000 levels never finished. No real page nests wrapper elements more than a few
 * dozen deep, so wrappers beyond `maxDepth` are dropped here (their text and their other children
 * are kept) and the reader says so.
 */

/** Void elements have no content, so they never nest. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame']);
/**
 * Elements whose end tag may be omitted (a new `<p>` or `<li>` closes the last): their depth cannot
 * be counted on the tag stream without a parser, and they are never dropped (they carry paragraph
 * breaks). Every other element, custom ones included, is a wrapper: counted, and dropped past the limit.
 */
const OPTIONAL_END = new Set([
  'html', 'head', 'body', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'rtc',
]);

/** Elements whose content is raw text: a `<div>` inside a script is not a tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);

export const DEFAULT_MAX_HTML_DEPTH = 128;

export interface FlattenResult {
  readonly html: string;
  /** Wrapper elements dropped (opening tags). */
  readonly dropped: number;
}

/**
 * Drop wrapper tags nested deeper than `maxDepth` (counting wrappers only). Linear in the input;
 * returns the input unchanged (same string) when nothing is that deep.
 */
export function flattenDeepHtml(html: string, maxDepth = DEFAULT_MAX_HTML_DEPTH): FlattenResult {
  // Cheap test first: fewer wrapper openings than the limit cannot nest past it.
  let opens = 0;
  for (let i = html.indexOf('<'); i >= 0 && opens <= maxDepth; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) opens++;
  }
  if (opens <= maxDepth) return { html, dropped: 0 };

  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)/g;
  /** Open wrappers, innermost last: their name and whether their tags were dropped. */
  const stack: { name: string; dropped: boolean }[] = [];
  /** How many of each name are on the stack: a stray closing tag costs no search. */
  const open = new Map<string, number>();
  let lower: string | null = null;
  let depth = 0; // wrappers on the stack that were kept
  const parts: string[] = [];
  let last = 0;
  let dropped = 0;
  const cut = (from: number, to: number) => {
    parts.push(html.slice(last, from));
    last = to;
  };
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name) continue; // a comment
    const closing = m[1] === '/';
    if (!closing && RAW_TEXT.has(name)) {
      // Skip to the matching end tag: its content is not markup.
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (VOID.has(name) || OPTIONAL_END.has(name) || (!closing && m[3] === '/')) continue;
    if (!closing) {
      const drop = depth >= maxDepth;
      stack.push({ name, dropped: drop });
      open.set(name, (open.get(name) ?? 0) + 1);
      if (drop) {
        dropped++;
        cut(m.index, tag.lastIndex);
      } else depth++;
      continue;
    }
    // A closing tag closes the innermost open element of its name, and any left open inside it.
    if (!open.get(name)) continue;
    let k = stack.length - 1;
    while (stack[k]!.name !== name) k--;
    const closed = stack.splice(k);
    for (const x of closed) open.set(x.name, open.get(x.name)! - 1);
    depth -= closed.filter((x) => !x.dropped).length;
    if (closed[0]!.dropped) cut(m.index, tag.lastIndex);
  }
  if (dropped === 0) return { html, dropped: 0 };
  parts.push(html.slice(last));
  return { html: parts.join(''), dropped };
}
