import { loadDataJson } from '../data/load.js';

interface SecretsFile {
  readonly params: readonly string[];
}

let cached: { exact: Set<string>; prefixes: string[] } | null = null;
function secrets(): { exact: Set<string>; prefixes: string[] } {
  if (!cached) {
    const f = loadDataJson<SecretsFile>('url-secrets.json');
    const names = f.params.map((p) => p.toLowerCase());
    cached = { exact: new Set(names.filter((p) => !p.endsWith('*'))), prefixes: names.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1)) };
  }
  return cached;
}

/**
 * A URL as it may be stored and shown: no `user:password@` part and no query parameter that carries
 * a credential or a session (data/url-secrets.json). Null for anything that is not an http(s) URL.
 * Issue #11: a signed or tokenised link must not reach the store, its exports or the terminal.
 */
export function safeUrl(raw: string | null): string | null {
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const { exact, prefixes } = secrets();
  const secret = [...u.searchParams.keys()].filter((name) => {
    const n = name.toLowerCase();
    return exact.has(n) || prefixes.some((p) => n.startsWith(p));
  });
  // Untouched where there is nothing to remove: the URL stays as the source wrote it.
  if (!u.username && !u.password && !secret.length) return raw;
  u.username = '';
  u.password = '';
  for (const name of secret) u.searchParams.delete(name);
  return u.href;
}
