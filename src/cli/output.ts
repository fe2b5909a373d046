/** Terminal output helpers. Article text is printed as plain text only: never interpreted. */

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** True when progress may be drawn (stderr is a TTY and not CI). */
  readonly interactive: boolean;
}

export function defaultIo(): Io {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}

/** Strip terminal control sequences and control characters so untrusted text cannot drive the terminal. */
export function inert(s: string | null | undefined): string {
  if (!s) return '';
  // ANSI/OSC escapes, C0/C1 controls, and the bidi embeddings, overrides and isolates (U+202A–U+202E,
  // U+2066–U+2069) that can make a terminal line read backwards ("Trojan Source"; issue #11).
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[\]P^_][\s\S]*?(?:\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function truncate(s: string, width: number): string {
  const t = inert(s).replace(/\s+/g, ' ');
  return t.length <= width ? t : `${t.slice(0, Math.max(0, width - 1))}…`;
}

/** A plain, left-aligned table; the last column takes the remaining width. */
export function table(rows: readonly (readonly string[])[], header: readonly string[], maxWidth = 120): string {
  const all = [header, ...rows];
  const cols = header.length;
  const widths = Array.from({ length: cols }, (_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  widths[cols - 1] = Math.max(20, Math.min(widths[cols - 1]!, maxWidth - fixed));
  return all
    .map((r) => r.map((cell, c) => (c === cols - 1 ? truncate(cell, widths[c]!) : truncate(cell, widths[c]!).padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A one-line progress bar on stderr, redrawn in place; silent unless interactive. */
export function progressBar(io: Io, label: string): { update: (done: number, total: number, item: string) => void; done: () => void } {
  if (!io.interactive) return { update: () => {}, done: () => {} };
  let last = 0;
  return {
    update(done, total, item) {
      const t = Date.now();
      if (done < total && t - last < 80) return;
      last = t;
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : width;
      const cols = process.stderr.columns ?? 100;
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${truncate(item, Math.max(10, cols - width - label.length - 20))}`;
      io.err(`\r\u001b[2K${line}`);
    },
    done() {
      io.err('\r\u001b[2K');
    },
  };
}

/** Said on stderr when another run holds the store's lease on a stage and this one waits for it. */
export function waitNotice(io: Io, stage: string): (holder: { pid: number; host: string }) => void {
  return (h) => io.err(`waiting: another \`wirescope ${stage}\` run (process ${h.pid} on ${inert(h.host)}) is working on this store; this one goes on when it ends\n`);
}
