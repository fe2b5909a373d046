/**
 * One catalog of error codes and their messages. Readers record problems per input with
 * these codes; only the CLI maps them to exit codes.
 */
const catalog = {
  EMPTY_FILE: () => 'empty file',
  TOO_LARGE: (bytes: number, limit: number) =>
    `file is ${formatBytes(bytes)}, over the ${formatBytes(limit)} limit (raise it with --max-bytes)`,
  BINARY_FILE: (kind: string) => `binary file (${kind}), not a text article`,
  BAD_ENCODING: (detail: string) => `cannot decode text: ${detail}`,
  UNREADABLE: (detail: string) => `cannot read: ${detail}`,
  NO_TEXT: (detail: string) => `no article text found${detail ? `: ${detail}` : ''}`,
  MALFORMED_XML: (detail: string) => `malformed XML feed: ${detail}`,
  NOT_A_FEED: (root: string) => `XML document is not an RSS or Atom feed (root element <${root}>)`,
  BAD_JSON: (detail: string) => `invalid JSON: ${detail}`,
  BAD_RECORD: (detail: string) => `invalid article record: ${detail}`,
  TRUNCATED_HTML: (detail: string) => `truncated HTML: ${detail}`,
  UNKNOWN_FORMAT: () => 'unrecognised format',
  NOT_FOUND: (what: string) => `not found: ${what}`,
  NOT_MODIFIED: () => 'unchanged since the last fetch (HTTP 304)',
  USAGE: (detail: string) => detail,
  UNAUTHORIZED: (detail: string) => detail,
  FORBIDDEN: (detail: string) => detail,
  BUSY: (detail: string) => `busy: ${detail}; try again later`,
  BODY_TOO_LARGE: (limit: number) => `request body over the ${formatBytes(limit)} limit`,
  RATE_LIMITED: (seconds: number) => `too many requests: try again in ${seconds} s`,
  INTERNAL: () => 'internal error (the server log has the details)',
} as const;

export type ErrorCode = keyof typeof catalog;

export class WirescopeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'WirescopeError';
    this.code = code;
  }
}

export function createError<C extends ErrorCode>(
  code: C,
  ...args: Parameters<(typeof catalog)[C]>
): WirescopeError {
  const format = catalog[code] as (...a: unknown[]) => string;
  return new WirescopeError(code, format(...args));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A mistake in how wirescope was called (a bad option or parameter): exit code 2, HTTP 400. */
export function usageError(message: string): WirescopeError {
  return createError('USAGE', message);
}

/** Something named by id that the store does not hold: exit code 1, HTTP 404. */
export function notFound(what: string): WirescopeError {
  return createError('NOT_FOUND', what);
}
