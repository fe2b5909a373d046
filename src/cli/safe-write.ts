import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';

/** File systems whose files are not files: writing there can hang or spin (issue #11: `--out /proc/...`). */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

export interface SafeWriteOptions {
  /** Replace a file that is already there. */
  readonly force?: boolean;
  /** Files never to write over, whatever `force` says: the open store and its journal files. */
  readonly protect?: readonly string[];
}

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/**
 * Checks that `target` may be written: not under a special file system, not the store or its
 * -wal/-shm/-journal files, not something other than a regular file, and not an existing file
 * unless `force`. Throws a USAGE error (exit 2) naming the reason; nothing is touched.
 */
export function checkTarget(target: string, options: SafeWriteOptions = {}): string {
  const abs = resolve(target);
  const where = real(dirname(abs));
  if (SPECIAL_ROOTS.some((r) => where === r || where.startsWith(`${r}/`))) throw usageError(`refusing to write to ${target}: ${where} is a special file system, not a folder for files`);
  const full = join(where, basename(abs));
  const protectedFiles = (options.protect ?? []).flatMap((p) => ['', '-wal', '-shm', '-journal'].map((s) => real(`${p}${s}`)));
  if (protectedFiles.includes(existsSync(full) ? real(full) : full)) throw usageError(`refusing to write to ${target}: it is the store (or one of its files); choose another --out`);
  if (existsSync(full) || isLink(full)) {
    const st = lstatSync(full);
    if (st.isSymbolicLink() || !statSync(full, { throwIfNoEntry: false })?.isFile()) throw usageError(`refusing to write to ${target}: it exists and is not a regular file`);
    if (!options.force) throw usageError(`${target} exists; use --force to replace it`);
  }
  return full;
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `target` safely: checks it (checkTarget), writes a temporary file beside it,
 * flushes it and renames it into place, so a failed or interrupted write leaves any old file whole.
 */
export function safeWriteFile(target: string, text: string | Uint8Array, options: SafeWriteOptions = {}): void {
  const full = checkTarget(target, options);
  mkdirSync(dirname(full), { recursive: true });
  const tmp = join(dirname(full), `.${basename(full)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeFileSync(fd, text); // loops until all is written
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, full);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
