import { constants, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { createError, WirescopeError } from '../errors.js';
import { isUrl, urlSource, type FetchOptions } from './fetch.js';

/** One input to read: a file, or standard input. Reading happens later, one at a time. */
export interface InputSource {
  readonly path: string;
  /** Size in bytes when known before reading (files), else null. */
  readonly size: number | null;
  read(maxBytes: number): Promise<Uint8Array>;
  /** Called once what was read is committed to the store (a fetched URL keeps its ETag then). */
  afterStored?(): Promise<void>;
  /** The web address it was fetched from, for an article that does not state its own. */
  readonly url?: string;
}

/** Extensions a directory walk picks up; files named explicitly are always tried, whatever their name. */
export const ARTICLE_EXTENSIONS = new Set([
  '.txt', '.text', '.md', '.markdown', '.mdown', '.html', '.htm', '.xhtml', '.shtml', '.xml', '.rss', '.atom', '.rdf',
  '.json', '.jsonl', '.ndjson', '',
]);

/** Document formats people keep beside articles that wirescope cannot read: named and skipped, with the reason. */
export const UNSUPPORTED_DOCUMENTS: Readonly<Record<string, string>> = {
  '.pdf': 'PDF', '.doc': 'Word', '.docx': 'Word', '.odt': 'OpenDocument', '.rtf': 'RTF', '.epub': 'EPUB', '.pages': 'Pages',
};

/** An input skipped before reading, and why. */
export interface SkippedInput {
  readonly path: string;
  /** `NOT_FOUND`, `UNREADABLE`, `NOT_REGULAR` (FIFO, socket, device), `SYMLINK_LOOP` or `UNSUPPORTED_FORMAT`. */
  readonly code: 'NOT_FOUND' | 'UNREADABLE' | 'NOT_REGULAR' | 'SYMLINK_LOOP' | 'UNSUPPORTED_FORMAT';
  readonly message: string;
}

export interface ExpandResult {
  readonly sources: InputSource[];
  /**
   * Inputs that were not read, each with its reason: paths that do not exist or cannot be opened,
   * special files (a FIFO would block a read forever), symlink loops, unreadable directories and
   * document formats wirescope does not read. Reported like rejected inputs; never fatal.
   */
  readonly missing: SkippedInput[];
}

/** What kind of non-regular file a stat describes, for messages. */
export function specialKind(st: Stats): string | null {
  if (st.isFile() || st.isDirectory()) return null;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

async function readCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  // O_NONBLOCK: a path swapped for a FIFO after it was listed opens at once instead of blocking; fstat then rejects it.
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    const special = specialKind(st);
    if (special || st.isDirectory()) throw createError('UNREADABLE', `${special ?? 'a directory'}, not a file`);
    const { size } = st;
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

const errCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * Walk a directory: sorted, hidden entries and project files skipped. Symlinks are followed once
 * (a symlinked file is read; a symlinked directory is walked unless it was walked already, which
 * also ends loops); special files, broken links, loops, unreadable folders and document formats
 * wirescope cannot read are named in `skipped`, and the walk goes on.
 */
async function walk(dir: string, out: InputSource[], skipped: SkippedInput[], visited: Set<string>): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = errCode(e);
    skipped.push({ path: dir, code: code === 'ELOOP' ? 'SYMLINK_LOOP' : 'UNREADABLE', message: code === 'ELOOP' ? 'symbolic link loop' : `cannot read directory (${code})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules' || NOT_ARTICLES.test(e.name)) continue;
    const p = join(dir, e.name);
    let st: Stats;
    try {
      st = await stat(p); // follows a symlink once; ELOOP for a loop
    } catch (err) {
      const code = errCode(err);
      skipped.push(code === 'ELOOP'
        ? { path: p, code: 'SYMLINK_LOOP', message: 'symbolic link loop' }
        : { path: p, code: code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE', message: code === 'ENOENT' ? 'broken symbolic link' : `cannot open (${code})` });
      continue;
    }
    const ext = extname(e.name).toLowerCase();
    if (st.isDirectory()) await walk(p, out, skipped, visited);
    else if (!ARTICLE_EXTENSIONS.has(ext) && !UNSUPPORTED_DOCUMENTS[ext]) continue;
    else if (!st.isFile()) skipped.push({ path: p, code: 'NOT_REGULAR', message: `${specialKind(st)}, not read` });
    else if (UNSUPPORTED_DOCUMENTS[ext]) {
      skipped.push({ path: p, code: 'UNSUPPORTED_FORMAT', message: `unsupported format (${UNSUPPORTED_DOCUMENTS[ext]}); convert it to text or HTML first` });
    } else out.push(fileSource(p, st.size));
  }
}

/** Project files that sit beside a corpus (README.md, LICENSE, SOURCE.txt...) are not articles. */
export const NOT_ARTICLES = /^(readme|license|licence|changelog|changes|copying|notice|authors|contributing|source)(\.[a-z]+)?$/i;

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Turn command-line arguments into inputs: files, directories (recursive, sorted, hidden files
 * skipped), glob patterns, http(s) URLs (fetched when read) and "-" for standard input. Order is deterministic.
 */
export async function expandInputs(args: readonly string[], stdin?: NodeJS.ReadableStream, opts: { fetch?: FetchOptions } = {}): Promise<ExpandResult> {
  const sources: InputSource[] = [];
  const missing: SkippedInput[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
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
    if (isUrl(arg)) {
      push(urlSource(arg, opts.fetch));
      continue;
    }
    let st;
    try {
      st = await stat(arg);
    } catch (e) {
      if (GLOB_CHARS.test(arg)) {
        const matches = (await glob(arg, { onlyFiles: true, dot: false })).sort();
        if (matches.length === 0) missing.push({ path: arg, code: 'NOT_FOUND', message: 'no files match this pattern' });
        for (const m of matches) {
          const ms = await stat(m).catch(() => null);
          if (ms?.isFile()) push(fileSource(m, ms.size));
          else missing.push({ path: m, code: ms ? 'NOT_REGULAR' : 'NOT_FOUND', message: ms ? `${specialKind(ms)}, not read` : 'no such file' });
        }
        continue;
      }
      const code = errCode(e);
      if (code === 'ELOOP') missing.push({ path: arg, code: 'SYMLINK_LOOP', message: 'symbolic link loop' });
      else missing.push({ path: arg, code: code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE', message: code === 'ENOENT' ? 'no such file or directory' : `cannot open (${code})` });
      continue;
    }
    if (st.isDirectory()) {
      const found: InputSource[] = [];
      await walk(arg, found, missing, visited);
      found.forEach(push);
    } else if (!st.isFile()) {
      // A FIFO named on the command line would block the read forever; a device would never end.
      missing.push({ path: arg, code: 'NOT_REGULAR', message: `${specialKind(st)}, not read` });
    } else push(fileSource(arg, st.size));
  }
  return { sources, missing };
}

export function isWirescopeError(e: unknown): e is WirescopeError {
  return e instanceof WirescopeError;
}
