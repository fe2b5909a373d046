import { readdir, stat, open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { createError, WirescopeError } from '../errors.js';

/** One input to read: a file, or standard input. Reading happens later, one at a time. */
export interface InputSource {
  readonly path: string;
  /** Size in bytes when known before reading (files), else null. */
  readonly size: number | null;
  read(maxBytes: number): Promise<Uint8Array>;
}

/** Extensions a directory walk picks up; files named explicitly are always tried, whatever their name. */
export const ARTICLE_EXTENSIONS = new Set([
  '.txt', '.text', '.md', '.markdown', '.mdown', '.html', '.htm', '.xhtml', '.shtml', '.xml', '.rss', '.atom', '.rdf',
  '.json', '.jsonl', '.ndjson', '',
]);

export interface ExpandResult {
  readonly sources: InputSource[];
  /** Paths that could not be opened at all (missing, unreadable): reported like rejected inputs. */
  readonly missing: { path: string; message: string }[];
}

async function readCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > maxBytes) throw createError('TOO_LARGE', size, maxBytes);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(buf, off, size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } finally {
    await fh.close();
  }
}

function fileSource(path: string, size: number): InputSource {
  return { path, size, read: (max) => readCapped(path, max) };
}

export function stdinSource(stream: NodeJS.ReadableStream = process.stdin): InputSource {
  return {
    path: '<stdin>',
    size: null,
    async read(maxBytes: number) {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of stream) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        total += b.length;
        if (total > maxBytes) throw createError('TOO_LARGE', total, maxBytes);
        chunks.push(b);
      }
      return Buffer.concat(chunks);
    },
  };
}

async function walk(dir: string, out: InputSource[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules' || NOT_ARTICLES.test(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && ARTICLE_EXTENSIONS.has(extname(e.name).toLowerCase())) {
      out.push(fileSource(p, (await stat(p)).size));
    }
  }
}

/** Project files that sit beside a corpus (README.md, LICENSE, SOURCE.txt...) are not articles. */
export const NOT_ARTICLES = /^(readme|license|licence|changelog|changes|copying|notice|authors|contributing|source)(\.[a-z]+)?$/i;

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Turn command-line arguments into inputs: files, directories (recursive, sorted, hidden files
 * skipped), glob patterns, and "-" for standard input. Order is deterministic.
 */
export async function expandInputs(args: readonly string[], stdin?: NodeJS.ReadableStream): Promise<ExpandResult> {
  const sources: InputSource[] = [];
  const missing: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const push = (s: InputSource) => {
    if (seen.has(s.path)) return;
    seen.add(s.path);
    sources.push(s);
  };
  for (const arg of args) {
    if (arg === '-') {
      push(stdinSource(stdin));
      continue;
    }
    let st;
    try {
      st = await stat(arg);
    } catch (e) {
      if (GLOB_CHARS.test(arg)) {
        const matches = (await glob(arg, { onlyFiles: true, dot: false })).sort();
        if (matches.length === 0) missing.push({ path: arg, message: 'no files match this pattern' });
        for (const m of matches) push(fileSource(m, (await stat(m)).size));
        continue;
      }
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({ path: arg, message: code === 'ENOENT' ? 'no such file or directory' : `cannot open (${code ?? (e as Error).message})` });
      continue;
    }
    if (st.isDirectory()) {
      const found: InputSource[] = [];
      await walk(arg, found);
      found.forEach(push);
    } else push(fileSource(arg, st.size));
  }
  return { sources, missing };
}

export function isWirescopeError(e: unknown): e is WirescopeError {
  return e instanceof WirescopeError;
}
