import worldCountriesModule, { type Countries } from 'world-countries';
import { loadDataJson } from '../data/load.js';
import { loadCities, type City } from './cities.js';
import type { OutletFile } from '../ingest/outlets.js';
import { codeOn, entryFields, type PhoenixActor, type PhoenixAgent, type PhoenixCode } from '../actors/phoenix.js';

// The package ships CommonJS with an ES-style declaration: take the array whichever way it arrives.
const worldCountries: Countries = (worldCountriesModule as unknown as { default?: Countries }).default ?? (worldCountriesModule as unknown as Countries);

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'NORP';
export type PlaceKind = 'country' | 'capital' | 'city' | 'region';

/** One thing a name can refer to. */
export interface LexEntry {
  readonly type: EntityType;
  readonly canonical: string;
  /** ISO 3166-1 alpha-3, or null (IGOs, regions). */
  readonly country: string | null;
  /** CAMEO role code (GOV, MIL, MED, IGO...), or null. */
  readonly role: string | null;
  readonly kind?: PlaceKind | 'media' | 'org' | 'person' | 'igo';
  /** Phoenix-style IGO code when known. */
  readonly igo?: string | null;
  readonly title?: string | null;
  readonly lat?: number;
  readonly lon?: number;
  /** GeoNames feature id and first-level admin code (GeoNames' own, mostly FIPS 10-4) of a gazetteer place. */
  readonly geonameId?: number;
  readonly adm1?: string;
  /** Higher wins when a name has several entries. */
  readonly priority: number;
  /** Dated actor codes (Phoenix): the resolver takes the one the article's date falls in. */
  readonly periods?: readonly PhoenixCode[];
}

export interface RoleTerm {
  readonly term: string;
  readonly role: string;
  readonly title?: boolean;
  /** From the Phoenix agents file rather than the curated roles.json. */
  readonly phoenix?: boolean;
}

/** CAMEO's country code for Kosovo (ISO 3166 has none; world-countries uses "UNK", which means unknown). */
export const KOSOVO = 'KSV';

export interface Lexicon {
  /** Normalised name -> entries, best first. */
  readonly names: ReadonlyMap<string, readonly LexEntry[]>;
  /** Normalised role term ("foreign minister") -> role. */
  readonly roles: ReadonlyMap<string, RoleTerm>;
  /** The first word of every name's key ("saudi" for "saudi arabia"): a window whose key starts otherwise is no name. */
  readonly firstWords: ReadonlySet<string>;
  /** The same words, sorted, for prefix searches. */
  readonly firstWordsSorted: readonly string[];
  /** Longest name in tokens, to bound the matcher. */
  readonly maxTokens: number;
  readonly notPlaces: ReadonlySet<string>;
  /** alpha-3 -> common country name. */
  readonly countryNames: ReadonlyMap<string, string>;
  /** alpha-3 -> the adjective news uses ("Kuwaiti", "Saudi"). */
  readonly demonyms: ReadonlyMap<string, string>;
  /** Last word of a named person's key ("obama") -> the dictionary people it ends, best first. */
  readonly surnames: ReadonlyMap<string, readonly LexEntry[]>;
}

/** Case-, accent-, dot- and hyphen-insensitive key: "Al-Kharj" = "al kharj", "U.S." = "us". */
export function normKey(s: string): string {
  return normSpaces(normChars(s));
}

/** The character-by-character half of normKey: accents, case, quotes, dots and hyphens. */
export function normChars(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/[-‐‑–]/g, ' ');
}

/** The spacing half of normKey: runs of white space made one space, trimmed, a leading "the " dropped. */
export function normSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/^the /, '');
}

/** Whether some name's key begins with a word that starts with `prefix` (binary search of the sorted first words). */
export function someFirstWordStartsWith(lex: Lexicon, prefix: string): boolean {
  const words = lex.firstWordsSorted;
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < words.length && words[lo]!.startsWith(prefix);
}

interface PeopleFile {
  readonly entries: readonly { name: string; aliases?: string[]; country: string | null; role: string | null; title?: string | null; igo?: string | null }[];
}
interface OrgFile {
  readonly entries: readonly { name: string; aliases?: string[]; country: string | null; role: string | null; igo?: string | null; type?: string }[];
}
interface PlacesFile {
  /** `canonical`: the name written for the country where world-countries has another ("Turkey" for "Türkiye"). */
  readonly aliases: readonly { name: string; country: string | null; kind: PlaceKind; canonical?: boolean }[];
  /** `alias`: a form read in the news but never written as the country's demonym ("Azeri", "Turks"). */
  readonly demonyms: readonly { name: string; country: string | null; alias?: boolean }[];
  readonly not_places: readonly string[];
}
interface RolesFile {
  readonly roles: readonly RoleTerm[];
}

export interface LexiconSources {
  readonly people: PeopleFile;
  readonly organisations: OrgFile;
  readonly outlets: OutletFile;
  readonly places: PlacesFile;
  readonly roles: RolesFile;
  /** First-level divisions (US states, provinces): places of their country, below countries and above cities. */
  readonly regions?: { readonly regions: readonly { name: string; country: string; kind: 'region' }[] };
  /** Phoenix agent nouns, below the curated roles. */
  readonly phoenixAgents?: { readonly agents: readonly PhoenixAgent[] };
  /** Phoenix named actors, below the curated people and organisations. */
  readonly phoenixActors?: { readonly entries: readonly PhoenixActor[] };
  /** Gazetteer cities (data/geo/cities.json: 100,000 people or more), in the order they are added (the first city of a name wins). */
  readonly cities?: readonly City[];
  /** Cities below this population are not matched (too many are also common words); the packaged file holds none below 100,000. */
  readonly minCityPopulation?: number;
}

export function buildLexicon(src: LexiconSources): Lexicon {
  const names = new Map<string, LexEntry[]>();
  let maxTokens = 1;
  const add = (name: string, e: LexEntry) => {
    const key = normKey(name);
    if (!key) return;
    maxTokens = Math.max(maxTokens, key.split(' ').length + 1);
    const list = names.get(key);
    if (!list) names.set(key, [e]);
    else {
      const same = list.findIndex((x) => x.canonical === e.canonical && x.type === e.type);
      if (same < 0) list.push(e);
      else if (list[same]!.priority < e.priority) list[same] = e;
    }
  };
  const alpha2to3 = new Map<string, string>();
  const demonyms = new Map<string, string>();
  for (const d of src.places.demonyms) if (d.country && !d.alias && /^[A-Z][a-z]/.test(d.name) && !d.name.endsWith('s')) demonyms.set(d.country, d.name);
  const countryNames = new Map<string, string>();
  // The name English news writes where world-countries has another ("Turkey" for "Türkiye").
  const written = new Map(src.places.aliases.flatMap((a) => (a.canonical && a.country ? [[a.country, a.name] as const] : [])));
  for (const raw0 of worldCountries) {
    const common = written.get(raw0.cca3);
    const raw = common ? { ...raw0, name: { ...raw0.name, common } } : raw0;
    // world-countries gives Kosovo "UNK", which is also the code of an unknown actor: use CAMEO's KSV.
    const c = raw.cca3 === 'UNK' ? { ...raw, cca3: KOSOVO } : raw;
    alpha2to3.set(c.cca2, c.cca3);
    countryNames.set(c.cca3, c.name.common);
    // Sovereign states win over territories sharing a name or demonym ("American").
    const sovereign = c.independent ? 5 : 0;
    const e: LexEntry = { type: 'GPE', canonical: c.name.common, country: c.cca3, role: null, kind: 'country', lat: c.latlng[0], lon: c.latlng[1], priority: 50 + sovereign };
    add(c.name.common, e);
    add(c.name.official, e);
    for (const alt of c.altSpellings) if (alt.length > 3 && /^[\p{L} .'-]+$/u.test(alt)) add(alt, e);
    for (const cap of c.capital ?? []) add(cap, { type: 'GPE', canonical: cap, country: c.cca3, role: null, kind: 'capital', priority: 40 + sovereign });
    const dem = c.demonyms?.eng;
    if (dem?.m && !demonyms.has(c.cca3)) demonyms.set(c.cca3, dem.m);
    if (dem) for (const d of new Set([dem.m, dem.f])) if (d) add(d, { type: 'NORP', canonical: c.name.common, country: c.cca3, role: null, priority: 30 + sovereign });
  }
  for (const a of src.places.aliases) {
    add(a.name, { type: 'GPE', canonical: a.kind === 'country' && a.country ? countryNames.get(a.country) ?? a.name : a.name.replace(/^the /, ''), country: a.country, role: null, kind: a.kind, priority: 60 });
  }
  for (const r of src.regions?.regions ?? []) add(r.name, { type: 'GPE', canonical: r.name, country: r.country, role: null, kind: 'region', priority: 45 });
  for (const d of src.places.demonyms) {
    // Above country alternative spellings: "Saudi" in "Saudi authorities" is a nationality.
    add(d.name, { type: 'NORP', canonical: d.country ? countryNames.get(d.country) ?? d.name : d.name, country: d.country, role: null, priority: 65 });
  }
  const minPop = src.minCityPopulation ?? 100_000;
  for (const city of src.cities ?? []) {
    if (city.population < minPop) continue;
    const country = alpha2to3.get(city.country) ?? null;
    const key = normKey(city.name);
    const existing = names.get(key);
    if (existing?.some((x) => x.kind === 'city' || x.kind === 'country' || x.kind === 'capital')) {
      // A curated place without coordinates takes those of a gazetteer city of that name in the same country.
      existing.forEach((x, i) => {
        if ((x.kind === 'city' || x.kind === 'capital') && x.country === country && x.lat === undefined) existing[i] = { ...x, lat: city.lat, lon: city.lon, geonameId: city.cityId, adm1: city.adminCode };
      });
      continue;
    }
    add(city.name, { type: 'GPE', canonical: city.name, country, role: null, kind: 'city', lat: city.lat, lon: city.lon, geonameId: city.cityId, adm1: city.adminCode, priority: 10 + Math.min(9, Math.log10(city.population)) });
  }
  for (const o of src.outlets.outlets) {
    const e: LexEntry = { type: 'ORG', canonical: o.name, country: o.country ?? null, role: 'MED', kind: 'media', priority: 70 };
    for (const n of [o.name, ...(o.aliases ?? [])]) add(n, e);
  }
  for (const o of src.organisations.entries) {
    const e: LexEntry = { type: 'ORG', canonical: o.name, country: o.country ?? null, role: o.role ?? null, kind: o.role === 'IGO' ? 'igo' : 'org', igo: o.igo ?? null, priority: 80 };
    for (const n of [o.name, ...(o.aliases ?? [])]) add(n, e);
  }
  for (const p of src.people.entries) {
    // Officials of international bodies carry the body's code (Guterres: IGOUNO), as their organisations do.
    const e: LexEntry = { type: 'PERSON', canonical: p.name, country: p.country ?? null, role: p.role ?? null, kind: 'person', title: p.title ?? null, igo: p.igo ?? null, priority: 90 };
    for (const n of [p.name, ...(p.aliases ?? [])]) add(n, e);
  }
  for (const a of src.phoenixActors?.entries ?? []) {
    const now = codeOn(a.codes, null);
    if (!now) continue;
    const fields = entryFields(now);
    const e: LexEntry = {
      type: a.type, canonical: a.name, ...fields, kind: a.type === 'PERSON' ? 'person' : fields.igo ? 'igo' : 'org',
      // Below the curated files (people 90, organisations 80: the White House is a body, not Phoenix's 'person')
      // and the outlets: they are kept current; Phoenix stops around 2015.
      priority: a.type === 'PERSON' ? 79 : 65, periods: a.codes,
    };
    for (const n of [a.name, ...a.aliases]) add(n, e);
  }
  for (const list of names.values()) list.sort((a, b) => b.priority - a.priority);
  const surnames = new Map<string, LexEntry[]>();
  for (const [key, list] of names) {
    const words = key.split(' ');
    if (words.length < 2) continue;
    for (const e of list) {
      if (e.type !== 'PERSON' || normKey(e.canonical) !== key) continue;
      const last = words.at(-1)!;
      const had = surnames.get(last);
      if (!had) surnames.set(last, [e]);
      else if (!had.some((x) => x.canonical === e.canonical)) had.push(e);
    }
  }
  const roles = new Map<string, RoleTerm>();
  for (const r of src.roles.roles) roles.set(normKey(r.term), r);
  for (const a of src.phoenixAgents?.agents ?? []) {
    const key = normKey(a.term);
    if (!roles.has(key)) roles.set(key, { term: a.term, role: a.role, title: false, phoenix: true });
  }
  const firstWords = new Set([...names.keys()].map((k) => k.split(' ')[0]!));
  // Code-unit order, the order `<` compares in.
  const firstWordsSorted = [...firstWords].sort();
  return { names, firstWords, firstWordsSorted, roles, maxTokens: Math.min(maxTokens, 8), notPlaces: new Set(src.places.not_places.map(normKey)), countryNames, demonyms, surnames };
}

let cached: Lexicon | null = null;
/** The lexicon from the packaged data files (built once per process). */
export function defaultLexicon(): Lexicon {
  cached ??= buildLexicon({
    people: loadDataJson<PeopleFile>('actors/people.json'),
    organisations: loadDataJson<OrgFile>('actors/organisations.json'),
    outlets: loadDataJson<OutletFile>('outlets.json'),
    places: loadDataJson<PlacesFile>('geo/places.json'),
    cities: loadCities(),
    roles: loadDataJson<RolesFile>('actors/roles.json'),
    regions: loadDataJson<{ regions: { name: string; country: string; kind: 'region' }[] }>('geo/regions.json'),
    phoenixAgents: loadDataJson<{ agents: PhoenixAgent[] }>('actors/phoenix-agents.json'),
    phoenixActors: loadDataJson<{ entries: PhoenixActor[] }>('actors/phoenix-actors.json'),
  });
  return cached;
}
