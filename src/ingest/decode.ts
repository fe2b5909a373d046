import { TextDecoder } from 'node:util';
import { createError, type WirescopeError } from '../errors.js';

export interface Decoded {
  readonly text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1252", ...). */
  readonly encoding: string;
  readonly warnings: string[];
}

const MAGIC: readonly [string, readonly number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['bzip2 archive', [0x42, 0x5a, 0x68]],
  ['7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

function sniffBinary(bytes: Uint8Array): string | null {
  for (const [kind, sig] of MAGIC) if (startsWith(bytes, sig)) return kind;
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes.length >= 12) return 'RIFF media (WebP/WAV/AVI)';
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  let nuls = 0;
  for (const b of head) {
    if (b === 0) nuls++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  }
  // A stray NUL in a text (a bad copy, a truncated write) is dropped with a warning; binary data and
  // BOM-less UTF-16 are full of them.
  if (head.length > 0 && nuls / head.length > 0.01) return 'contains NUL bytes';
  if (head.length > 0 && controls / head.length > 0.1) return 'mostly control characters';
  return null;
}

/** The charset a document declares for itself: `<?xml encoding>`, `<meta charset>`, or http-equiv. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  return null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/** Length of the valid UTF-8 sequence that starts at byte i (1 for ASCII), or 0 where it is not valid UTF-8. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > bytes.length) return 0;
  for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return len;
}

/** Where UTF-8 decoding fails, and whether the rest of the file holds real UTF-8 multibyte text. */
function utf8Report(bytes: Uint8Array): { firstBad: number; validMultibyte: number } {
  let firstBad = -1;
  let validMultibyte = 0;
  for (let i = 0; i < bytes.length; ) {
    const len = utf8SequenceAt(bytes, i);
    if (len > 1) validMultibyte++;
    if (len === 0 && firstBad < 0) firstBad = i;
    i += len || 1;
  }
  return { firstBad, validMultibyte };
}

/**
 * Decode one input's bytes to text, or say precisely why not. Order: binary sniffing, byte-order
 * marks, the document's own declared charset, strict UTF-8, then Windows-1252 for legacy files
 * that hold no UTF-8 at all. A file that mixes UTF-8 with stray bytes of another encoding keeps its
 * UTF-8 and reads the stray bytes as Windows-1252, with a warning naming how many and where.
 */
export function decodeBytes(bytes: Uint8Array): Decoded | WirescopeError {
  if (bytes.length === 0) return createError('EMPTY_FILE');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return finish(bytes.subarray(3), 'utf-8', []);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return finish(bytes.subarray(2), enc, []);
  }
  const binary = sniffBinary(bytes);
  if (binary) return createError('BINARY_FILE', binary);
  const declared = declaredCharset(bytes);
  const declaredDecoder = declared ? decoderFor(declared) : null;
  if (declared && declaredDecoder && declaredDecoder.encoding !== 'utf-8') {
    // Pages are often re-saved as UTF-8 without updating their <meta charset>. Text with
    // multibyte sequences that is valid UTF-8 is almost never a legacy encoding by chance.
    const { firstBad, validMultibyte } = utf8Report(bytes);
    if (firstBad < 0 && validMultibyte > 0) {
      return finish(bytes, 'utf-8', [`declares charset "${declared}" but is valid UTF-8; read as UTF-8`]);
    }
    return finish(bytes, declaredDecoder.encoding, []);
  }
  const warnings: string[] = [];
  if (declared && !declaredDecoder) warnings.push(`unknown declared charset "${declared}"; read as UTF-8`);
  try {
    return finish(bytes, 'utf-8', warnings, true);
  } catch {
    const { firstBad, validMultibyte } = utf8Report(bytes);
    if (validMultibyte > 0) {
      // Mixed: a Latin-1 line pasted into a UTF-8 file. Keep the UTF-8, read the stray bytes as Windows-1252.
      const mixed = decodeMixed(bytes);
      warnings.push(`${mixed.stray} byte${mixed.stray === 1 ? '' : 's'} not valid UTF-8 (first at byte ${firstBad}) in a UTF-8 file; read as Windows-1252`);
      return finishText(mixed.text, 'utf-8', warnings);
    }
    warnings.push(`not valid UTF-8 (first bad byte at ${firstBad}); decoded as Windows-1252`);
    return finish(bytes, 'windows-1252', warnings);
  }
}

/** Windows-1252 bytes 0x80-0x9F (Node's decoder treats the label as ISO-8859-1 there); 0 = undefined. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** UTF-8 with stray bytes of another encoding: valid sequences decoded as UTF-8, each stray byte as Windows-1252. */
function decodeMixed(bytes: Uint8Array): { text: string; stray: number } {
  const utf8 = new TextDecoder('utf-8');
  const parts: string[] = [];
  let stray = 0;
  let runStart = 0;
  for (let i = 0; i < bytes.length; ) {
    const len = utf8SequenceAt(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    parts.push(utf8.decode(bytes.subarray(runStart, i)), decodeWindows1252(bytes.subarray(i, i + 1)));
    stray++;
    i++;
    runStart = i;
  }
  parts.push(utf8.decode(bytes.subarray(runStart)));
  return { text: parts.join(''), stray };
}

function finish(bytes: Uint8Array, encoding: string, warnings: string[], fatal = false): Decoded | WirescopeError {
  const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal }).decode(bytes);
  return finishText(text, encoding, warnings);
}

function finishText(raw: string, encoding: string, warnings: string[]): Decoded | WirescopeError {
  let text = raw;
  if (text.includes('\u0000')) {
    const n = text.split('\u0000').length - 1;
    text = text.replaceAll('\u0000', '');
    warnings.push(`${n} NUL byte${n === 1 ? '' : 's'} removed`);
  }
  if (!text.trim()) return createError('EMPTY_FILE');
  return { text: text.replace(/\r\n?/g, '\n'), encoding, warnings };
}
