import type { Analysis, Token } from '../nlp/analyse.js';
import type { Patterns, RawMention } from '../nlp/entities.js';
import { normKey, type EntityType, type LexEntry, type Lexicon } from '../nlp/lexicon.js';
import { codeOn, entryFields, heldOn } from './phoenix.js';
import { defaultCues } from '../attribution/cues.js';

export interface EntityMention {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** PERSON, ORG, GPE (countries, cities, regions), NORP (nationalities), DATE or NUMBER. */
  readonly type: EntityType | 'DATE' | 'NUMBER';
  /** Stable across articles and the store: "person:vladimir-putin", "gpe:russia". */
  readonly entity_id: string;
  readonly canonical: string;
  /** "name" for a written name, "description" for "the Russian president". */
  readonly mention: 'name' | 'description';
  /** The actor this mention stands for here, when it is a political actor. */
  readonly actor_id: string | null;
}

export interface ActorRecord {
  readonly id: string;
  readonly name: string;
  /** CAMEO-style code: country + role ("RUSGOV", "USAMED"), the country alone ("IRN"), or an IGO code. */
  readonly code: string;
  readonly country: string | null;
  readonly role: string | null;
  readonly entity_id: string;
  readonly title: string | null;
  readonly mentions: number;
}

export const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

export const entityId = (type: EntityType, canonical: string) => `${type.toLowerCase()}:${slug(canonical)}`;

export function actorCode(country: string | null, role: string | null, igo?: string | null): string {
  if (role === 'IGO') return igo ?? 'IGO';
  return `${country ?? ''}${role ?? ''}` || 'UNK';
}

interface Cluster {
  type: EntityType;
  canonical: string;
  entry: LexEntry | null;
  mentions: RawMention[];
  titles: Set<string>;
  country: string | null;
  role: string | null;
  affiliation: LexEntry | null;
}

const isVerbish = (t: Token | undefined) => !!t && (t.pos === 'VERB' || t.pos === 'AUX');

/** A capital (or country) standing for its government: the subject of a verb, or "Moscow's position". */
function governmentUse(tokens: readonly Token[], m: RawMention): boolean {
  const next = tokens[m.tokenEnd];
  const after = tokens[m.tokenEnd + 1];
  if (isVerbish(next)) return true;
  if (next && (next.pos === 'ADV') && isVerbish(after)) return true;
  if (next && /^['’]s$/.test(next.text) && after && (after.pos === 'NOUN' || after.pos === 'ADJ')) return true;
  return false;
}

/** The longest known organisation or country named by consecutive words inside an unknown body's name (not the whole of it). */
function innerBody(lex: Lexicon, words: readonly string[]): LexEntry | null {
  for (let len = words.length - 1; len >= 1; len--) {
    for (let a = 0; a + len <= words.length; a++) {
      const e = lex.names.get(words.slice(a, a + len).join(' '))?.find((x) => x.country && (x.type === 'ORG' || x.kind === 'country' || x.type === 'NORP'));
      if (e) return e;
    }
  }
  return null;
}

/** The dictionary person a lone surname stands for: the only one holding office (not ELI) on `day`; with a title, also the only bearer. */
function surnameHolder(lex: Lexicon, surname: string, day: string | null, titled: boolean, acting: boolean): LexEntry | null {
  const all = lex.surnames.get(surname) ?? [];
  // With a title the only bearer will do; without one ("Obama said"), only an office-holder of the day, and only where the word acts.
  if (all.length === 1 && titled) return all[0]!;
  if (!day || all.length === 0 || (!titled && !acting)) return null;
  // Curated people (no periods) are kept current; a Phoenix person holds office in a dated period that covers the day.
  const inOffice = all.filter((e) => !e.periods || e.periods.some((p) => p.role !== 'ELI' && heldOn(p, day)));
  return inOffice.length === 1 ? inOffice[0]! : null;
}

/**
 * The country of the article's dateline ("YEREVAN, Oct 14 (South Caucasus Wire) –", "Washington (AFP) –"): a place name
 * that opens one of the first two paragraphs and is followed by a comma or an agency in brackets. Null without one.
 */
function datelineCountry(body: string, analysis: Analysis, raw: readonly RawMention[]): string | null {
  const opening = analysis.sentences.slice(0, 2).map((s) => s.start);
  const place = raw.find((m) => m.type === 'GPE' && m.entry?.country && opening.includes(m.start) && /^(,|\s*\()/.test(body.slice(m.end, m.end + 3)));
  return place?.entry?.country ?? null;
}

/** Descriptions that name a head of state or government whatever the title ("the Russian leader"). */
const GENERIC_LEADER = new Set(['leader', 'head of state', 'strongman']);
const HEAD_TITLES = /\b(president|prime minister|premier|chancellor|king|emir|supreme leader|head of state)\b/;

export interface Resolved {
  readonly entities: EntityMention[];
  readonly actors: ActorRecord[];
}

/**
 * Coreference inside one article and actor coding. Names that share a canonical form are one
 * entity; a lone surname joins the full name it ends ("Putin" -> "Vladimir Putin"); a
 * description ("the Russian president") joins the person of that country holding that title.
 * Each political entity gets a CAMEO-style actor from its dictionary entry or its context.
 */
export function resolveEntities(body: string, analysis: Analysis, found: readonly RawMention[], lex: Lexicon, pat: Patterns, published: string | null = null): Resolved {
  const clusters = new Map<string, Cluster>();
  const keyOf = (type: EntityType, canonical: string) => `${type}|${normKey(canonical)}`;
  const clusterOf = new Map<RawMention, Cluster>();
  // "YEREVAN, Oct 14 — … Police detained 17 protesters": a country's generic body ("Police", "Defence Ministry",
  // "Parliament") with no country beside it, in a sentence that names no other place, is the dateline country's.
  const home = datelineCountry(body, analysis, found);
  const sentenceOf = (m: RawMention) => analysis.tokens[m.tokenStart]?.sentence;
  const raw = found.map((m) => {
    const generic = home && m.type === 'ORG' && !m.entry && !m.contextCountry && lex.roles.get(normKey(body.slice(m.start, m.end)))?.title === false;
    const otherPlace = generic && found.some((x) => x !== m && (x.type === 'GPE' || x.type === 'NORP') && sentenceOf(x) === sentenceOf(m));
    return generic && !otherPlace ? { ...m, contextCountry: home } : m;
  });
  for (const m of raw) {
    const text = body.slice(m.start, m.end).replace(/\s+/g, ' ');
    // An unknown organisation is one per country: the Kuwaiti Foreign Ministry is not Iran's.
    // (Not when the name itself names the country or a body of it: "State Department Refugee Processing Center".)
    const named = m.type === 'ORG' && !m.entry && m.contextCountry && innerBody(lex, normKey(text).split(' '))?.country === m.contextCountry;
    const demonym = m.type === 'ORG' && !m.entry && m.contextCountry && !named ? lex.demonyms.get(m.contextCountry) : undefined;
    const canonical = m.entry?.canonical ?? (demonym && !text.startsWith(demonym) ? `${demonym} ${text}` : text);
    const key = keyOf(m.type, canonical);
    let c = clusters.get(key);
    if (!c) {
      c = { type: m.type, canonical, entry: m.entry, mentions: [], titles: new Set(), country: null, role: null, affiliation: null };
      clusters.set(key, c);
    }
    c.mentions.push(m);
    clusterOf.set(m, c);
  }
  // Surnames join the full name they end. Where several people in the article have it ("Barack Obama",
  // "Michelle Obama"), the bare surname is the one named first, as news style has it: a later namesake is
  // given in full each time.
  const persons = [...clusters.values()].filter((c) => c.type === 'PERSON');
  const firstAt = (p: Cluster) => Math.min(...p.mentions.map((m) => m.start));
  // ("De Blasio" joins "Bill de Blasio": a surname of several words is the end of the full name.)
  for (const c of persons) {
    if (c.entry) continue;
    const tail = normKey(c.canonical).split(' ');
    const endsWith = (p: Cluster) => {
      const words = normKey(p.canonical).split(' ');
      return words.length > tail.length && tail.every((w, k) => words[words.length - tail.length + k] === w);
    };
    const full = persons.filter((p) => p !== c && endsWith(p)).sort((a, b) => firstAt(a) - firstAt(b));
    // A name written family name first ("Ban Ki-moon" → "Mr. Ban", "Park Geun-hye" → "Park"): a lone word
    // that opens exactly one full name in the article, and ends none, is that person.
    const opens = tail.length === 1 ? persons.filter((p) => p !== c && normKey(p.canonical).split(' ').length > 1 && normKey(p.canonical).split(' ')[0] === tail[0]) : [];
    const target = full[0] ?? (opens.length === 1 ? opens[0] : undefined);
    if (!target) continue;
    for (const m of c.mentions) {
      target.mentions.push(m);
      clusterOf.set(m, target);
    }
    clusters.delete(keyOf(c.type, c.canonical));
  }
  // A lone surname the article never gives in full ("President Obama", "McConnell said") is the one
  // dictionary person with that surname in office on the publication day (with a title, also the only bearer).
  for (const c of persons) {
    if (c.entry || c.canonical.includes(' ') || !clusters.has(keyOf(c.type, c.canonical))) continue;
    // Untitled, the word must act like a name ("Obama said", "McConnell's aides"), not sit after a preposition ("in Chelsea").
    const acting = c.mentions.some((m) => {
      const next = analysis.tokens[m.tokenEnd];
      const prev = analysis.tokens[m.tokenStart - 1];
      // ("the Obama administration", "the Clinton campaign": a body the person leads speaks of the person too.)
      return !!next && (next.pos === 'VERB' || next.pos === 'AUX' || /^['’]s$/.test(next.text) || defaultCues().ledBodyNouns.has(next.text.toLowerCase())) && (!prev || prev.pos !== 'ADP');
    });
    const e = surnameHolder(lex, normKey(c.canonical), published, c.mentions.some((m) => m.title), acting);
    if (!e || clusters.has(keyOf(c.type, e.canonical))) continue;
    clusters.delete(keyOf(c.type, c.canonical));
    c.entry = e;
    c.canonical = e.canonical;
    clusters.set(keyOf(c.type, c.canonical), c);
  }
  // A lone unknown word that is nobody's surname and has no title or honorific is too weak to keep;
  // with an honorific it is named as the text names it ("Mr. Burman").
  for (const [key, c] of [...clusters]) {
    if (c.type !== 'PERSON' || c.entry || c.canonical.includes(' ')) continue;
    const honorific = c.mentions.find((m) => m.honorific)?.honorific;
    if (honorific) {
      clusters.delete(key);
      c.canonical = `${honorific} ${c.canonical}`;
      clusters.set(keyOf(c.type, c.canonical), c);
    } else if (c.mentions.every((m) => !m.title)) {
      clusters.delete(key);
      for (const m of c.mentions) clusterOf.delete(m);
    }
  }
  for (const c of clusters.values()) {
    for (const m of c.mentions) {
      if (m.title) c.titles.add(normKey(m.title.text));
      c.country ??= m.contextCountry;
      c.affiliation ??= m.affiliation;
      if (!c.role && m.title) c.role = m.title.role;
    }
    if (c.entry?.title) c.titles.add(normKey(c.entry.title));
    if (c.entry?.periods && published) {
      // Two dictionary people under one name (Ban Ki-moon as a Korean minister and as UN Secretary-General): the one in office that day.
      const m0 = c.mentions[0];
      const alts = m0 ? (lex.names.get(normKey(body.slice(m0.start, m0.end))) ?? []).filter((e) => e.type === c.type && e.periods) : [];
      const current = alts.find((e) => e.periods!.some((p) => heldOn(p, published)));
      if (current) c.entry = current;
    }
    if (c.entry?.periods) {
      // A dictionary actor with dated codes: the one the article's date falls in (Obama: USAGOV in 2016, USAELI before 2009).
      const p = codeOn(c.entry.periods, published);
      if (p) c.entry = { ...c.entry, ...entryFields(p) };
    }
    c.country = c.entry?.country ?? c.country ?? c.affiliation?.country ?? null;
    c.role = c.entry?.role ?? c.role ?? (c.affiliation?.role === 'MED' ? 'MED' : null);
    if (c.type === 'ORG' && !c.entry && !c.role) {
      // Unknown organisations take the role of their head word: "Interior Ministry" -> GOV.
      const head = normKey(c.mentions[0] ? body.slice(c.mentions[0].start, c.mentions[0].end) : c.canonical).split(' ');
      for (let w = 0; w < head.length && !c.role; w++) c.role = lex.roles.get(head.slice(w).join(' '))?.role ?? null;
      // "FC Porto", "AC Milan": a club prefix.
      if (!c.role && head.length > 1 && lex.roles.get(head[0]!)?.role === 'SPT') c.role = 'SPT';
      // "South Caucasus Wire", "Pacific Rim Chronicle": a news organisation's name.
      if (!c.role && head.length > 1 && pat.mediaHeads.has(head.at(-1)!)) c.role = 'MED';
    }
    if (c.type === 'ORG' && !c.entry && (!c.country || !c.role)) {
      // "House Intelligence Committee", "Kremlin press office": an unknown body named after a known one belongs to its country
      // (and, with no head-word role, takes its role).
      const inner = innerBody(lex, normKey(c.mentions[0] ? body.slice(c.mentions[0].start, c.mentions[0].end) : c.canonical).split(' '));
      if (inner && inner.role !== 'IGO' && inner.role !== 'MED' && inner.role !== 'SPT' && (!c.country || c.country === inner.country)) {
        c.country = inner.country;
        c.role ??= inner.role;
      }
    }
  }

  const { tokens } = analysis;
  const entities: EntityMention[] = [];
  const actorsById = new Map<string, { rec: Omit<ActorRecord, 'mentions'>; mentions: number }>();
  const noteActor = (name: string, country: string | null, role: string | null, type: EntityType, canonical: string, title: string | null, igo?: string | null) => {
    const code = actorCode(country, role, igo);
    const id = `${code}:${slug(name)}`;
    const a = actorsById.get(id);
    if (a) a.mentions++;
    else actorsById.set(id, { rec: { id, name, code, country, role, entity_id: entityId(type, canonical), title }, mentions: 1 });
    return id;
  };

  for (const m of raw) {
    const c = clusterOf.get(m);
    if (!c) continue;
    let actorId: string | null = null;
    const kind = c.entry?.kind;
    if (c.type === 'PERSON' || c.type === 'ORG') {
      actorId = noteActor(c.canonical, c.country, c.role, c.type, c.canonical, [...c.titles][0] ?? null, c.entry?.igo);
    } else if (c.type === 'GPE' && (kind === 'capital' || kind === 'country') && governmentUse(tokens, m)) {
      actorId = kind === 'capital' ? noteActor(c.canonical, c.entry?.country ?? null, 'GOV', c.type, c.canonical, null) : noteActor(lex.countryNames.get(c.entry!.country!) ?? c.canonical, c.entry?.country ?? null, null, c.type, c.canonical, null);
    } else if (c.type === 'GPE' && kind === 'region' && c.entry?.country && governmentUse(tokens, m)) {
      // "Ohio's procedure", "Texas sued": a state or province acting stands for its government (CAMEO codes it as the country's).
      actorId = noteActor(c.canonical, c.entry.country, 'GOV', c.type, c.canonical, null);
    } else if (c.type === 'GPE' && kind === 'country' && c.entry?.country) {
      actorId = noteActor(c.canonical, c.entry.country, null, c.type, c.canonical, null);
    }
    entities.push({ text: body.slice(m.start, m.end), start: m.start, end: m.end, type: c.type, entity_id: entityId(c.type, c.canonical), canonical: c.canonical, mention: 'name', actor_id: actorId });
  }

  // Descriptions: "the Russian president", "Iran's president" (when no name follows).
  const taken = new Set(raw.flatMap((m) => Array.from({ length: m.tokenEnd - m.tokenStart }, (_, k) => m.tokenStart + k)));
  const orgs = [...clusters.values()].filter((c) => c.type === 'ORG');
  /**
   * "the council", "the ministry", "the 15-member council": a definite description whose head
   * noun is the last word of exactly one organisation named before it (of two words or more)
   * stands for that organisation.
   */
  const orgDescription = (i: number): EntityMention | null => {
    if (!/^the$/i.test(tokens[i]!.text) || taken.has(i + 1)) return null;
    let k = i + 1;
    // Number-like modifiers only ("15-member"): an adjective may name another body ("the security council").
    while (k < i + 3 && tokens[k] && (tokens[k]!.pos === 'NUM' || /^\d/.test(tokens[k]!.text)) && !taken.has(k)) k++;
    const head = tokens[k];
    if (!head || head.pos !== 'NOUN' || taken.has(k)) return null;
    const next = tokens[k + 1];
    // "the council of ministers" is another body; "accused the council of failing" is this one.
    const ofNoun = next && /^of$/i.test(next.text) && /^(DET|PROPN|NOUN|ADJ|NUM)$/.test(tokens[k + 2]?.pos ?? '');
    if (next && (next.pos === 'PROPN' || ofNoun || taken.has(k + 1))) return null;
    const term = normKey(head.text);
    const holder = orgs.filter((c) => {
      const words = normKey(c.canonical).split(' ');
      return words.length > 1 && words.at(-1) === term && clusters.has(keyOf(c.type, c.canonical)) && c.mentions.some((m) => m.start < tokens[i]!.start);
    });
    if (holder.length !== 1) return null;
    const c = holder[0]!;
    if (!c.country && !c.entry?.igo) return null;
    const start = tokens[i]!.start;
    const end = head.end;
    const actorId = noteActor(c.canonical, c.country, c.role, 'ORG', c.canonical, null, c.entry?.igo);
    return { text: body.slice(start, end), start, end, type: 'ORG', entity_id: entityId('ORG', c.canonical), canonical: c.canonical, mention: 'description', actor_id: actorId };
  };
  const startsAt = new Map(raw.map((m) => [m.tokenStart, m]));
  const named = (p: Cluster, from: number) => clusters.has(keyOf(p.type, p.canonical)) && p.mentions.some((m) => m.start < from);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let country: string | null = null;
    let j: number;
    const at = startsAt.get(i);
    const org = orgDescription(i);
    if (org) {
      entities.push(org);
      continue;
    }
    if (/^the$/i.test(t.text)) {
      const nx = startsAt.get(i + 1);
      if (nx?.entry && (nx.type === 'NORP' || nx.type === 'GPE')) {
        country = nx.entry.country;
        j = nx.tokenEnd;
      } else {
        // "the president", "the Russian leader" named earlier: no country word, so any country.
        j = i + 1;
      }
    } else if (at?.entry && at.type === 'GPE' && /^['’]s$/.test(tokens[at.tokenEnd]?.text ?? '')) {
      country = at.entry.country;
      j = at.tokenEnd + 1;
    } else continue;
    for (let k = Math.min(tokens.length, j + 3); k > j; k--) {
      const term = normKey(tokens.slice(j, k).map((x) => x.text).join(' '));
      const leader = GENERIC_LEADER.has(term);
      const role = lex.roles.get(term);
      if (!leader && (!role || !role.title)) continue;
      if (taken.has(k) || tokens[k]?.pos === 'PROPN' || startsAt.has(k)) break;
      // The holder: the one person of that country (or, with no country word, of the whole article) named
      // before with that title; "the leader" is the one head of state or government named before.
      const holder = persons.filter(
        (p) => (country === null ? named(p, t.start) : clusters.has(keyOf(p.type, p.canonical)) && p.country === country) && (leader ? p.role === 'GOV' && [...p.titles].some((x) => HEAD_TITLES.test(x)) : [...p.titles].some((x) => x === term || x.includes(term))),
      );
      if (holder.length === 1) {
        const p = holder[0]!;
        const start = tokens[i]!.start;
        const end = tokens[k - 1]!.end;
        const actorId = noteActor(p.canonical, p.country, p.role, 'PERSON', p.canonical, term, null);
        entities.push({ text: body.slice(start, end), start, end, type: 'PERSON', entity_id: entityId('PERSON', p.canonical), canonical: p.canonical, mention: 'description', actor_id: actorId });
      }
      break;
    }
  }
  void pat;
  entities.sort((a, b) => a.start - b.start || b.end - a.end);
  const actors = [...actorsById.values()].map(({ rec, mentions }) => ({ ...rec, mentions })).sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return { entities, actors };
}
