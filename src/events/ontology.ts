/**
 * The event ontology, compiled from the data files in data/cameo/: the CAMEO 1.1b3 codebook,
 * the CAMEO → PLOVER mapping, the PETRARCH verb dictionary, our own news verb patterns and the
 * coder's word lists. Nothing here knows a particular verb or code: it only indexes the data.
 */
import { loadDataJson } from '../data/load.js';

export interface CameoCode {
  readonly code: string;
  readonly root: string;
  readonly parent: string | null;
  readonly name: string;
  readonly title: string;
  readonly goldstein: number;
  readonly quad_class: number;
}

export interface PloverEntry {
  readonly cameo: string;
  readonly plover: string | null;
  readonly mode: string | null;
  readonly context: readonly string[];
}

interface RawPattern {
  readonly text: string;
  readonly tokens: readonly string[];
  readonly code: string | null;
  readonly reverse_code?: string | null;
}
interface RawVerb {
  readonly lemma: string;
  readonly head?: string;
  readonly forms: readonly string[];
  readonly code?: string | null;
  readonly reverse_code?: string | null;
}
interface RawBlock {
  readonly id: string;
  readonly code: string | null;
  readonly reverse_code?: string | null;
  readonly verbs: readonly RawVerb[];
  readonly patterns: readonly RawPattern[];
}
interface RawExtra {
  readonly lemmas: readonly string[];
  readonly patterns: readonly RawPattern[];
  readonly code: string;
  readonly reverse_code?: string | null;
}
/** A code for a dictionary verb whose block leaves it without one (the dictionary's `---`), used when none of its patterns matches. */
interface RawDefault {
  readonly lemma: string;
  readonly code: string;
}
interface RawNominal {
  readonly head: string;
  readonly patterns: readonly RawPattern[];
  readonly code: string;
  readonly reverse_code?: string | null;
  /** False for a noun naming a single act ("a phone call between A and B"), dated like a verb; default true (a state: "military cooperation"). */
  readonly ongoing?: boolean;
}
interface Synsets {
  readonly [name: string]: { readonly members: readonly string[] };
}

/** One element of a compiled pattern. Brackets are dropped: words are matched in order. */
export type Elem =
  | { readonly kind: 'words'; readonly alts: readonly (readonly string[])[] }
  | { readonly kind: 'target' }
  | { readonly kind: 'source' }
  | { readonly kind: 'skip' };

export interface Pattern {
  readonly text: string;
  /** Elements before the verb, nearest first. */
  readonly before: readonly Elem[];
  readonly after: readonly Elem[];
  /** null: the dictionary's explicit "no event". */
  readonly code: string | null;
  readonly reverse: string | null;
  readonly origin: 'dictionary' | 'extra';
  /**
   * Words one of which must be in the clause after the verb for the pattern to match (the first
   * word of each alternative of its first word element, without hyphens), or null when it has none:
   * lets the coder skip most of a verb's patterns without trying them.
   */
  readonly anchors: ReadonlySet<string> | null;
}

/** What `anchors` are made of, so the coder can build the same keys from tokens. */
export const anchorKey = (w: string) => w.toLowerCase().replace(/[-‐‑–]/g, '');

function anchorsOf(after: readonly Elem[]): Set<string> | null {
  const first = after.find((e) => e.kind === 'words');
  if (!first || first.kind !== 'words') return null;
  const out = new Set<string>();
  for (const alt of first.alts) {
    if (!alt.length) continue;
    out.add(anchorKey(alt[0]!));
    out.add(anchorKey(alt.join('')));
  }
  return out;
}

export interface Verb {
  readonly block: string;
  readonly lemma: string;
  /** Words after the head for phrasal verbs ("step up" → ["up"]). */
  readonly particles: readonly string[];
  /** The verb's own default event: its code, else the block's; null = no event by default. */
  readonly code: string | null;
  readonly reverse: string | null;
  readonly patterns: readonly Pattern[];
}

/** An event named by a noun phrase: the head words stand where the verb would. */
export interface Nominal {
  readonly heads: readonly (readonly string[])[];
  /** The first word of each head, to skip tokens that start none (hyphen-free, lower case). */
  readonly firstWords: ReadonlySet<string>;
  readonly patterns: readonly Pattern[];
  /** A state of affairs (ongoing, dated by the report) rather than a single act. */
  readonly ongoing: boolean;
}

export interface CoderWords {
  readonly reporting: ReadonlySet<string>;
  readonly light: ReadonlySet<string>;
  readonly clauseOpeners: ReadonlySet<string>;
  readonly irrealis: ReadonlySet<string>;
  readonly locative: ReadonlySet<string>;
  /** Prepositions of an adjunct ("during a protest", "amid talks"): a pattern's words are not sought past one unless the pattern names it. */
  readonly adjunct: ReadonlySet<string>;
  readonly military: ReadonlySet<string>;
  /** Nouns for someone acting for the body after "of"/"for"/"from"/"at" ("the head of the IAEA"). */
  readonly memberHeads: ReadonlySet<string>;
  /** Subordinators of time before a gerund whose subject is the main clause's ("said after meeting with Putin"). */
  readonly timeSubordinators: ReadonlySet<string>;
  readonly pluralAnaphora: readonly (readonly string[])[];
  /** "the kingdom", "the government": the state the article is about, as a subject. */
  readonly stateAnaphora: readonly (readonly string[])[];
  readonly eventAnaphora: ReadonlySet<string>;
  readonly ongoing: ReadonlySet<string>;
  readonly hedges: ReadonlySet<string>;
  readonly negators: ReadonlySet<string>;
  /** Verb default codes that say something with nobody on the receiving end ("Bahrain condemned the attack": 111). */
  readonly targetless: ReadonlySet<string>;
  /** Lemma of a verb that governs an infinitive complement → what it does to the embedded act. */
  readonly complement: ReadonlyMap<string, ComplementMode>;
  /** Modal auxiliaries: an act under one is not reported as having happened. */
  readonly modals: ReadonlySet<string>;
  /** Root of an embedded act → the code of intending, threatening or refusing it ("default" for the rest). */
  readonly intentCodes: ReadonlyMap<string, string>;
  readonly threatCodes: ReadonlyMap<string, string>;
  readonly rejectCodes: ReadonlyMap<string, string>;
}

/** See `complement_verbs` in data/cameo/coder.json. */
export type ComplementMode = 'intent' | 'threat' | 'reject' | 'plan' | 'request' | 'pass' | 'negative';
const COMPLEMENT_MODES: readonly ComplementMode[] = ['intent', 'threat', 'reject', 'plan', 'request', 'pass', 'negative'];

export interface Ontology {
  readonly codes: ReadonlyMap<string, CameoCode>;
  readonly plover: ReadonlyMap<string, PloverEntry>;
  /** Lower-case head form ("held", "holds", "hold") → the verbs it can be. */
  readonly verbs: ReadonlyMap<string, readonly Verb[]>;
  readonly nominal: readonly Nominal[];
  /** Event nouns (lemma → CAMEO code) a support verb carries ("held talks", "filed a motion"); see data/cameo/event-nouns.json. */
  readonly eventNouns: ReadonlyMap<string, string>;
  /** Verbs that take their meaning from an event noun object ("have", "file", "obtain", "reach"). */
  readonly supportVerbs: ReadonlySet<string>;
  readonly words: CoderWords;
  /** Codes whose event is the same read either way (041: A phoned B = B phoned A). */
  readonly symmetric: ReadonlySet<string>;
}

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));

function compileElems(tokens: readonly string[], synsets: Synsets): { before: Elem[]; after: Elem[] } | null {
  const star = tokens.indexOf('*');
  if (star < 0) return null;
  const conv = (t: string): Elem | null => {
    if (t === '+') return { kind: 'target' };
    if (t === '$') return { kind: 'source' };
    if (t === '^') return { kind: 'skip' };
    if (t === '(' || t === ')' || t === '{' || t === '}') return null;
    if (t.startsWith('&')) {
      const set = synsets[t];
      if (!set) return { kind: 'words', alts: [] };
      return { kind: 'words', alts: set.members.map((m) => m.toLowerCase().split(/[\s_]+/)) };
    }
    return { kind: 'words', alts: [[t.toLowerCase()]] };
  };
  const list = (ts: readonly string[]) => ts.map(conv).filter((e): e is Elem => e !== null);
  return { before: list(tokens.slice(0, star)).reverse(), after: list(tokens.slice(star + 1)) };
}

function verbForms(v: RawVerb): { head: string; particles: string[]; forms: string[] } {
  const words = v.lemma.toLowerCase().split(/\s+/);
  const headWord = (v.head ?? words[0]!).toLowerCase();
  const hi = Math.max(0, words.indexOf(headWord));
  const particles = words.slice(hi + 1);
  const forms = [words[hi]!, ...v.forms.map((f) => f.toLowerCase().split(/\s+/)[hi] ?? '')].filter(Boolean);
  return { head: headWord, particles, forms };
}

export interface OntologyFiles {
  readonly codebook: { readonly codes: readonly CameoCode[] };
  readonly plover: { readonly mapping: readonly PloverEntry[] };
  readonly verbs: { readonly synsets: Synsets; readonly entries: readonly RawBlock[] };
  readonly extra: { readonly synsets: Synsets; readonly entries: readonly RawExtra[]; readonly nominal?: readonly RawNominal[]; readonly defaults?: readonly RawDefault[] };
  readonly coder: Record<string, unknown>;
  readonly eventNouns?: EventNounsFile;
}

/** data/cameo/event-nouns.json. */
export interface EventNounsFile {
  readonly support_verbs: readonly string[];
  readonly nouns: readonly { readonly noun: string; readonly code: string }[];
}

export function compileOntology(f: OntologyFiles): Ontology {
  const codes = new Map(f.codebook.codes.map((c) => [c.code, c]));
  const plover = new Map(f.plover.mapping.map((m) => [m.cameo, m]));
  const known = (c: string | null | undefined): string | null => (c && codes.has(c) ? c : null);
  const synsets: Synsets = { ...f.verbs.synsets, ...f.extra.synsets };

  const extraByLemma = new Map<string, Pattern[]>();
  const symmetric = new Set<string>();
  for (const e of f.extra.entries) {
    if (e.reverse_code && e.reverse_code === e.code) symmetric.add(e.code);
    for (const p of e.patterns) {
      const el = compileElems(p.tokens, synsets);
      if (!el) continue;
      const pat: Pattern = { text: p.text, ...el, code: known(e.code), reverse: known(e.reverse_code), origin: 'extra', anchors: anchorsOf(el.after) };
      for (const l of e.lemmas) {
        const key = l.toLowerCase();
        extraByLemma.set(key, [...(extraByLemma.get(key) ?? []), pat]);
      }
    }
  }

  const verbs = new Map<string, Verb[]>();
  const addVerb = (form: string, v: Verb) => {
    const list = verbs.get(form) ?? [];
    list.push(v);
    verbs.set(form, list);
  };
  const seenLemma = new Set<string>();
  const defaults = new Map((f.extra.defaults ?? []).map((d) => [d.lemma.toLowerCase(), known(d.code)]));
  for (const b of f.verbs.entries) {
    const blockPatterns: Pattern[] = [];
    for (const p of b.patterns) {
      const el = compileElems(p.tokens, synsets);
      if (el) blockPatterns.push({ text: p.text, ...el, code: p.code === null ? null : known(p.code), reverse: known(p.reverse_code), origin: 'dictionary', anchors: anchorsOf(el.after) });
      // (A reciprocal pattern — "TRADE * ACCUSATIONS", "BLAME * EACH OTHER" — makes that pattern symmetric, not its code:
      // "Germany and France condemned the shooting" is two condemnations, not one of France.)
    }
    if (b.code && b.reverse_code === b.code) symmetric.add(b.code);
    for (const rv of b.verbs) {
      const { particles, forms } = verbForms(rv);
      const lemma = rv.lemma.toLowerCase();
      seenLemma.add(lemma);
      const own = (rv.code === undefined ? b.code : rv.code) ?? defaults.get(lemma) ?? null;
      const v: Verb = {
        block: b.id, lemma, particles,
        code: known(own), reverse: known(rv.reverse_code ?? b.reverse_code),
        patterns: [...(extraByLemma.get(lemma) ?? []), ...blockPatterns],
      };
      for (const form of new Set(forms)) addVerb(form, v);
    }
  }
  // Lemmas only our extras know ("ink", "lambast"): regular forms, no default code.
  for (const [lemma, pats] of extraByLemma) {
    if (seenLemma.has(lemma)) continue;
    const words = lemma.split(/\s+/);
    const h = words[0]!;
    const stem = h.endsWith('e') ? h.slice(0, -1) : h;
    const forms = [h, `${h}s`, `${stem}ed`, `${stem}ing`, h.endsWith('y') ? `${h.slice(0, -1)}ied` : `${h}ed`];
    const v: Verb = { block: 'EXTRA', lemma, particles: words.slice(1), code: null, reverse: null, patterns: pats };
    for (const form of new Set(forms)) addVerb(form, v);
  }

  const nominal: Nominal[] = (f.extra.nominal ?? []).map((n) => {
    if (n.reverse_code && n.reverse_code === n.code) symmetric.add(n.code);
    return {
      heads: (synsets[n.head]?.members ?? []).map((m) => m.toLowerCase().split(/[\s_]+/)),
      firstWords: new Set((synsets[n.head]?.members ?? []).map((m) => m.toLowerCase().split(/[\s_]+/)[0]!.replace(/[-‐‑–]/g, ''))),
      ongoing: n.ongoing !== false,
      patterns: n.patterns.flatMap((p) => {
        const el = compileElems(p.tokens, synsets);
        return el ? [{ text: p.text, ...el, code: known(n.code), reverse: known(n.reverse_code), origin: 'extra' as const, anchors: anchorsOf(el.after) }] : [];
      }),
    };
  });

  const w = f.coder as Record<string, string[]>;
  const get = (k: string): string[] => {
    const v = w[k];
    if (!Array.isArray(v)) throw new Error(`data/cameo/coder.json: "${k}" must be a list`);
    return v;
  };
  const words: CoderWords = {
    reporting: lower(get('reporting_verbs')),
    light: lower(get('light_verbs')),
    clauseOpeners: lower(get('clause_openers')),
    irrealis: lower(get('irrealis_openers')),
    locative: lower(get('locative_prepositions')),
    adjunct: lower(get('adjunct_prepositions')),
    military: lower(get('military_heads')),
    memberHeads: lower(get('member_heads')),
    timeSubordinators: lower(get('time_subordinators')),
    pluralAnaphora: get('plural_anaphora').map((p) => p.toLowerCase().split(/\s+/)),
    stateAnaphora: get('state_anaphora').map((p) => p.toLowerCase().split(/\s+/)),
    eventAnaphora: lower(get('event_anaphora')),
    ongoing: lower(get('ongoing_markers')),
    hedges: lower(get('modal_hedges')),
    negators: lower(get('negators')),
    targetless: lower(get('targetless_codes')),
    complement: complementTable(f.coder),
    modals: lower(get('modal_auxiliaries')),
    intentCodes: codeTable(f.coder, 'intent_codes', codes),
    threatCodes: codeTable(f.coder, 'threat_codes', codes),
    rejectCodes: codeTable(f.coder, 'reject_codes', codes),
  };
  const eventNouns = new Map<string, string>();
  for (const n of f.eventNouns?.nouns ?? []) {
    if (!codes.has(n.code)) throw new Error(`data/cameo/event-nouns.json: "${n.noun}" has ${n.code}, which is not a CAMEO code in the codebook`);
    eventNouns.set(n.noun.toLowerCase(), n.code);
  }
  for (const c of get('symmetric_codes')) {
    if (!codes.has(c)) throw new Error(`data/cameo/coder.json: symmetric code ${c} is not a CAMEO code in the codebook`);
    symmetric.add(c);
  }
  return { codes, plover, verbs, nominal, eventNouns, supportVerbs: lower(f.eventNouns?.support_verbs ?? []), words, symmetric };
}

function complementTable(coder: unknown): Map<string, ComplementMode> {
  const t = (coder as Record<string, unknown>)['complement_verbs'];
  if (!t || typeof t !== 'object') throw new Error('data/cameo/coder.json: "complement_verbs" must be an object');
  const out = new Map<string, ComplementMode>();
  for (const mode of COMPLEMENT_MODES) {
    const list = (t as Record<string, unknown>)[mode];
    if (!Array.isArray(list)) throw new Error(`data/cameo/coder.json: "complement_verbs.${mode}" must be a list`);
    for (const lemma of list) {
      if (typeof lemma !== 'string') throw new Error(`data/cameo/coder.json: "complement_verbs.${mode}" holds a non-string`);
      if (out.has(lemma.toLowerCase())) throw new Error(`data/cameo/coder.json: "${lemma}" is in two complement_verbs lists`);
      out.set(lemma.toLowerCase(), mode);
    }
  }
  return out;
}

function codeTable(coder: unknown, key: string, codes: ReadonlyMap<string, CameoCode>): Map<string, string> {
  const t = (coder as Record<string, unknown>)[key];
  if (!t || typeof t !== 'object') throw new Error(`data/cameo/coder.json: "${key}" must be an object`);
  const out = new Map<string, string>();
  for (const [root, code] of Object.entries(t)) {
    if (root === '_doc') continue;
    if (typeof code !== 'string' || !codes.has(code)) throw new Error(`data/cameo/coder.json: "${key}.${root}" is not a CAMEO code in the codebook`);
    out.set(root, code);
  }
  if (!out.has('default')) throw new Error(`data/cameo/coder.json: "${key}" needs a "default"`);
  return out;
}

let cached: Ontology | null = null;
export function defaultOntology(): Ontology {
  cached ??= compileOntology({
    codebook: loadDataJson('cameo/codebook.json'),
    plover: loadDataJson('cameo/plover.json'),
    verbs: loadDataJson('cameo/verbs.json'),
    extra: loadDataJson('cameo/verbs-extra.json'),
    coder: loadDataJson('cameo/coder.json'),
    eventNouns: loadDataJson('cameo/event-nouns.json'),
  });
  return cached;
}

/** The code's root ("0256" → "02"). */
export const rootOf = (code: string) => code.slice(0, 2);
