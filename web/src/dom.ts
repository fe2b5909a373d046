/**
 * The only way the UI puts anything on the page. Text goes in as text nodes (never HTML), with
 * bidirectional-override and control characters replaced one for one (offsets stay valid), so a
 * hostile title or body cannot reorder what surrounds it. Links keep http(s) and in-app (#/) only.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text with control and bidi-control characters replaced by U+FFFD (same length, so offsets hold). */
export function clean(text: string): string {
  return text.replace(UNSAFE_CHARS, '\uFFFD');
}

/** An absolute http(s) URL as a string, or null for anything else (javascript:, data:, relative…). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const ALLOWED_ATTRS = new Set(['class', 'id', 'title', 'role', 'tabindex', 'type', 'name', 'value', 'for', 'placeholder', 'colspan', 'rowspan', 'scope', 'dir', 'lang', 'disabled', 'selected', 'list', 'min', 'max', 'step', 'inputmode', 'autocomplete']);

export interface Attrs {
  readonly [name: string]: string | number | boolean | null | undefined | ((e: Event) => void);
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      continue;
    }
    if (k === 'href') {
      const href = String(v).startsWith('#/') ? String(v) : safeHref(String(v));
      if (href) el.setAttribute('href', href);
      if (href && !href.startsWith('#')) {
        el.setAttribute('rel', 'noopener noreferrer nofollow');
        el.setAttribute('target', '_blank');
      }
      continue;
    }
    if (!ALLOWED_ATTRS.has(k) && !k.startsWith('aria-') && !k.startsWith('data-')) throw new Error(`attribute ${k} is not allowed`);
    el.setAttribute(k, v === true ? '' : clean(String(v)));
  }
}

function append(el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(clean(String(c))));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_ATTRS = /^(viewBox|x|y|x1|x2|y1|y2|cx|cy|r|d|width|height|fill|stroke|stroke-width|stroke-opacity|fill-opacity|text-anchor|dominant-baseline|transform|points|marker-end|refX|refY|markerWidth|markerHeight|orient|font-size|rx|preserveAspectRatio|focusable)$/;

/** An SVG element; text children are text nodes, attributes are geometry and style only. */
export function s(tag: string, attrs: Record<string, string | number | null | undefined | ((e: Event) => void)> = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'function') {
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      continue;
    }
    if (k === 'class' || k === 'role' || k === 'tabindex' || k.startsWith('aria-') || k.startsWith('data-') || SVG_ATTRS.test(k)) el.setAttribute(k, clean(String(v)));
    else throw new Error(`svg attribute ${k} is not allowed`);
  }
  append(el, children);
  return el;
}

/** Replace an element's content. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}
