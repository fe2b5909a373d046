import { loadDataJson } from '../data/load.js';

export interface OutletRecord {
  readonly name: string;
  readonly domains: readonly string[];
  /** ISO 3166 alpha-3 of the outlet's home country, when known. */
  readonly country?: string;
  /** Other names the outlet goes by in text ("Al-Jazeera", "AJ"). */
  readonly aliases?: readonly string[];
}

export interface OutletFile {
  readonly version: number;
  readonly outlets: readonly OutletRecord[];
}

export interface OutletTable {
  readonly byDomain: ReadonlyMap<string, OutletRecord>;
  readonly byName: ReadonlyMap<string, OutletRecord>;
}

export function buildOutletTable(file: OutletFile): OutletTable {
  const byDomain = new Map<string, OutletRecord>();
  const byName = new Map<string, OutletRecord>();
  for (const o of file.outlets) {
    for (const d of o.domains) byDomain.set(d.toLowerCase(), o);
    for (const n of [o.name, ...(o.aliases ?? [])]) byName.set(normaliseName(n), o);
  }
  return { byDomain, byName };
}

let cached: OutletTable | null = null;
export function defaultOutletTable(): OutletTable {
  cached ??= buildOutletTable(loadDataJson<OutletFile>('outlets.json'));
  return cached;
}

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The host of a URL without "www."; null when the string is not an absolute http(s) URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Look a host up in the table, trying parent domains: edition.cnn.com -> cnn.com. */
export function outletForHost(host: string, table: OutletTable): OutletRecord | null {
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const hit = table.byDomain.get(parts.slice(i).join('.'));
    if (hit) return hit;
  }
  return null;
}

export interface OutletEvidence {
  readonly url: string | null;
  /** og:site_name, JSON-LD publisher, feed title... */
  readonly metadataName?: string | null;
  /** A "Source: X" trailer line or byline naming the publisher. */
  readonly trailerName?: string | null;
}

/**
 * Choose the readable outlet name: the domain table first, then a known name from the page
 * or trailer, then the page's own name, then the trailer, then the bare domain.
 */
export function resolveOutlet(
  ev: OutletEvidence,
  table: OutletTable,
): { name: string | null; source: 'domain-table' | 'metadata' | 'trailer' | 'domain' | null } {
  const host = hostOf(ev.url);
  if (host) {
    const hit = outletForHost(host, table);
    if (hit) return { name: hit.name, source: 'domain-table' };
  }
  for (const [name, source] of [
    [ev.metadataName, 'metadata'],
    [ev.trailerName, 'trailer'],
  ] as const) {
    if (!name) continue;
    const known = table.byName.get(normaliseName(name)) ?? outletForHost(name.toLowerCase(), table);
    if (known) return { name: known.name, source };
  }
  const meta = cleanName(ev.metadataName);
  if (meta) return { name: meta, source: 'metadata' };
  const trailer = cleanName(ev.trailerName);
  if (trailer) return { name: trailer, source: 'trailer' };
  if (host) return { name: host, source: 'domain' };
  return { name: null, source: null };
}

function cleanName(name: string | null | undefined): string | null {
  if (!name) return null;
  const t = name.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 80 || /^https?:/i.test(t)) return null;
  return t;
}

/**
 * Two names of one outlet: equal once accents, case, a leading "the" and punctuation are set aside,
 * or one the first word(s) of the other ("Meridian", "Meridian Regional Wire"). No lexicon: callers
 * on every command path (the clusterer) must not load the gazetteer.
 */
export function sameOutletName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const x = norm(a);
  const y = norm(b);
  return x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `);
}
