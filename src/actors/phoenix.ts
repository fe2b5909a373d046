/**
 * Readers for the Phoenix (PETRARCH / UniversalPetrarch) dictionary formats, pure: text in, records
 * out. `scripts/phoenix-dictionaries.ts` runs them once over the MIT-licensed Phoenix files and
 * commits the result under data/actors/; the lexicon loads that JSON, never the Phoenix files.
 *
 * Agents file: `TERM {PLURALS} [~CODE]`, words joined by `_`, `!SET!` substitution sets, regular
 * plurals generated unless `{}` says there are none. Actors files: a root line, `+` alias lines,
 * then tab-indented `[CODE DATES]` lines (`>090120` from, `<090120` until, `780101-000101` a
 * range; six-digit dates are YYMMDD).
 */

/** Phoenix religion codes, folded into REL as data/actors/roles.json does. */
const RELIGIONS = new Set(['CHR', 'MUS', 'JEW', 'BUD', 'HIN', 'SIK', 'JAN', 'ZRO', 'TAO', 'CON', 'SHN', 'DRZ', 'ATH', 'BAH', 'ITR']);
/** Role codes a three-letter code may be on its own ("[ELI]"), as against a country code. */
export const ROLE_CODES = new Set(['GOV', 'MIL', 'REB', 'OPP', 'PTY', 'COP', 'JUD', 'SPY', 'LEG', 'MED', 'EDU', 'BUS', 'CRM', 'CVL', 'REF', 'HLH', 'LAB', 'REL', 'HRI', 'ENV', 'AGR', 'ELI', 'UAF', 'IGO', 'NGO', 'IMG', 'RAD', 'PPL', 'MNC', 'SEP', 'INS', 'MOD', 'IRC', 'DEV', 'SPT']);
const INTERNATIONAL = new Set(['IGO', 'NGO', 'IMG']);

export interface PhoenixAgent {
  /** Lower case, words separated by single spaces. */
  readonly term: string;
  /** Phoenix's full agent code without the "~" ("GOVMIL"). */
  readonly code: string;
  /** Its first three letters, religion codes folded into REL. */
  readonly role: string;
}

export interface PhoenixCode {
  readonly code: string;
  readonly country: string | null;
  readonly role: string | null;
  /** ISO dates; null where open. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface PhoenixActor {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: 'PERSON' | 'ORG';
  readonly codes: readonly PhoenixCode[];
}

const roleOf = (code: string) => {
  const r = code.slice(0, 3);
  return RELIGIONS.has(r) ? 'REL' : r;
};

const stripComment = (line: string) => {
  const i = line.indexOf('#');
  return (i >= 0 ? line.slice(0, i) : line).replace(/\s+$/, '');
};

/** Regular English plural of a term's last word, as PETRARCH 0.5 forms them. */
export function regularPlural(term: string): string {
  const words = term.split(' ');
  const last = words.pop()!;
  let p: string;
  if (/man$/.test(last)) p = `${last.slice(0, -3)}men`;
  else if (/(s|x|z|ch|sh)$/.test(last)) p = `${last}es`;
  else if (/[^aeiou]y$/.test(last)) p = `${last.slice(0, -1)}ies`;
  else p = `${last}s`;
  return [...words, p].join(' ');
}

const phrase = (raw: string) => raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();

export function parsePhoenixAgents(text: string): PhoenixAgent[] {
  const sets = new Map<string, string[]>();
  const out = new Map<string, PhoenixAgent>();
  const add = (term: string, code: string) => {
    if (!term || /[^a-z0-9 .'&-]/.test(term) || out.has(term)) return;
    out.set(term, { term, code, role: roleOf(code) });
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = stripComment(rawLine).trim();
    if (!line) continue;
    const set = /^!(\w+)!\s*=\s*(.+)$/.exec(line);
    if (set) {
      sets.set(set[1]!, set[2]!.split(',').map((s) => s.trim()).filter(Boolean));
      continue;
    }
    const m = /^(.+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]+)\]$/.exec(line);
    if (!m) continue;
    const code = m[3]!;
    const plurals = m[2];
    // Expand substitution sets: "POLICE!PERSON!" -> POLICEMAN, POLICEMEN, POLICEWOMAN...
    let forms = [m[1]!.trim()];
    for (;;) {
      const at = forms.findIndex((f) => /!\w+!/.test(f));
      if (at < 0) break;
      const f = forms[at]!;
      const name = /!(\w+)!/.exec(f)![1]!;
      const alts = sets.get(name) ?? [];
      forms.splice(at, 1, ...alts.map((a) => f.replace(`!${name}!`, a)));
      if (!alts.length) forms = forms.filter((x) => x !== f);
    }
    for (const f of forms) {
      const term = phrase(f);
      add(term, code);
      if (plurals === undefined) {
        if (!/!\w+!/.test(m[1]!)) add(regularPlural(term), code);
      } else for (const p of plurals.trim().split(/\s+/).filter(Boolean)) add(phrase(p), code);
    }
  }
  return [...out.values()].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

/** YYMMDD or YYYYMMDD to ISO; null when it is neither. */
export function phoenixDate(s: string): string | null {
  let y: number;
  let md: string;
  if (/^\d{8}$/.test(s)) {
    y = Number(s.slice(0, 4));
    md = s.slice(4);
  } else if (/^\d{6}$/.test(s)) {
    const yy = Number(s.slice(0, 2));
    y = yy >= 30 ? 1900 + yy : 2000 + yy;
    md = s.slice(2);
  } else return null;
  const mo = Number(md.slice(0, 2));
  const d = Number(md.slice(2));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${md.slice(0, 2)}-${md.slice(2)}`;
}

/** "[USAGOV >090120]" -> a code with its dates; null for what it cannot read. */
export function parsePhoenixCode(inner: string): PhoenixCode | null {
  const [code, ...rest] = inner.trim().split(/\s+/);
  if (!code || !/^[A-Z]{3,}$/.test(code)) return null;
  const spec = rest.join('');
  let from: string | null = null;
  let to: string | null = null;
  if (spec) {
    let m: RegExpExecArray | null;
    if ((m = /^>(\d+)$/.exec(spec))) from = phoenixDate(m[1]!);
    else if ((m = /^<(\d+)$/.exec(spec))) to = phoenixDate(m[1]!);
    else if ((m = /^(\d+)-(\d+)$/.exec(spec))) {
      from = phoenixDate(m[1]!);
      to = phoenixDate(m[2]!);
    }
    if (!from && !to) return null;
  }
  const head = code.slice(0, 3);
  // A multinational corporation, with its home country where Phoenix gives one ("MNCUSA").
  if (head === 'MNC') return { code, country: /^[A-Z]{3}$/.test(code.slice(3, 6)) ? code.slice(3, 6) : null, role: 'BUS', from, to };
  if (INTERNATIONAL.has(head)) return { code, country: null, role: head, from, to };
  if (ROLE_CODES.has(head) && code.length === 3) return { code, country: null, role: roleOf(head), from, to };
  const sub = code.slice(3, 6);
  const role = ROLE_CODES.has(sub) || RELIGIONS.has(sub) ? roleOf(sub) : null;
  // A religious group with no country ("BUDREB").
  if (RELIGIONS.has(head)) return { code, country: null, role: role ?? 'REL', from, to };
  return { code, country: head, role, from, to };
}

/** Words that make a name a body rather than a person. */
const ORG_WORDS = new Set(
  'ministry ministries department office council committee commission party front movement army forces force brigade brigades battalion regiment corps guard guards police agency bureau service services court tribunal assembly parliament congress senate cabinet government administration authority authorities union league organization organisation organizations association federation alliance coalition bank group network institute foundation fund university college academy church mission navy airforce militia command directorate secretariat board centre center company corporation radio television news press agency times post herald tribune journal gazette'.split(' '),
);
const TITLE_WORDS = new Set('secretary senator sen rep representative congressman congresswoman president minister chancellor governor ambassador spokesman spokeswoman spokesperson mayor judge justice commander chief deputy vice leader premier envoy director chairman chairwoman head prosecutor attorney speaker general'.split(' '));
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'sheikh', 'sheik', 'shaykh', 'king', 'queen', 'prince', 'princess', 'emir', 'sultan', 'general', 'gen', 'col', 'colonel', 'major', 'captain', 'the', 'former', 'late', 'acting']);

/** Display name from a Phoenix name: "BARACK_OBAMA_" -> "Barack Obama", "UN_" -> "UN". */
export function displayName(raw: string): string {
  const words = raw.replace(/_+$/, '').replace(/^THE_/, '').split('_').filter(Boolean);
  return words
    .map((w) => {
      if (/^[A-Z]{2,4}$/.test(w) && !/[AEIOUY]/.test(w)) return w;
      if (/^(OF|AND|THE|FOR|IN|ON|AL|BIN|EL|DE|DA|VAN|VON|DU|LA|LE)$/.test(w)) return w.toLowerCase();
      return w.toLowerCase().replace(/(^|[-.(])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ')
    .replace(/^(\p{Ll})/u, (c) => c.toUpperCase());
}

/**
 * Named people and bodies from one actors file. Groups that carry only bare country codes (the
 * country blocks, with their cities and provinces) are left out; so are groups whose names are
 * descriptions made of agent words ("AMERICAN_VICE_PRESIDENT"), which the agents cover.
 */
export function parsePhoenixActors(text: string, file = '', agentWords: ReadonlySet<string> = new Set()): PhoenixActor[] {
  interface Group { names: string[]; codes: PhoenixCode[]; person: boolean }
  const groups: Group[] = [];
  let cur: Group | null = null;
  const close = () => {
    if (cur && cur.codes.length) groups.push(cur);
    cur = null;
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const person = /CountryInfo\.txt|rulers\.txt/i.test(rawLine);
    const line = stripComment(rawLine);
    if (!line.trim()) {
      close();
      continue;
    }
    if (/^\s+\[/.test(line) || /^\[/.test(line)) {
      for (const m of line.matchAll(/\[([^\]]+)\]/g)) {
        const c = parsePhoenixCode(m[1]!);
        if (c && cur) (cur as Group).codes.push(c);
      }
      continue;
    }
    if (line.startsWith('+')) {
      if (cur) (cur as Group).names.push(line.slice(1).trim().split(/\s+/)[0]!);
      continue;
    }
    // A root line: a new group, unless the current one has no codes yet (several roots share the codes below them).
    if (!cur || (cur as Group).codes.length) {
      close();
      cur = { names: [], codes: [], person: false };
    }
    const g = cur as Group;
    g.person ||= person;
    const name = line.trim().split(/\s+\[/)[0]!.trim().split(/\s+/)[0]!;
    g.names.push(name);
    for (const m of line.matchAll(/\[([^\]]+)\]/g)) {
      const c = parsePhoenixCode(m[1]!);
      if (c) g.codes.push(c);
    }
  }
  close();
  const out: { name: string; aliases: string[]; type: 'PERSON' | 'ORG'; codes: PhoenixCode[] }[] = [];
  const seen = new Map<string, (typeof out)[number]>();
  for (const g of groups) {
    // Bare country codes only: a country with its places, not an actor of its own.
    if (g.codes.every((c) => c.country && !c.role && c.code.length === 3)) continue;
    const cleaned = g.names.map((n) => n.replace(/[()]/g, '')).filter((n) => /^[A-Z0-9][A-Z0-9_.'&-]*$/i.test(n));
    if (!cleaned.length) continue;
    const words = (n: string) => n.replace(/_+$/, '').replace(/\./g, '').toLowerCase().split(/[_]+/).filter(Boolean);
    const root = cleaned[0]!;
    const rootWords = words(root);
    // A one-word root is a body only as the acronym of a longer name in its group ("DGSE", "GENERAL_DIRECTORATE_FOR_EXTERNAL_SECURITY").
    const bodyName = cleaned.some((n) => words(n).length >= 2 && words(n).some((w) => ORG_WORDS.has(w)));
    const isOrg = !g.person && (rootWords.length >= 2 ? rootWords.some((w) => ORG_WORDS.has(w)) : bodyName && /^[A-Z]{2,6}_*$/.test(root));
    const described = rootWords.some((w) => agentWords.has(w) || HONORIFICS.has(w));
    const person = !isOrg && !described && rootWords.length >= 2 && rootWords.length <= 5 && (g.person || g.codes.some((c) => c.from || c.to) || file.includes('Countries'));
    if (!person && !isOrg) continue;
    const type: 'PERSON' | 'ORG' = person ? 'PERSON' : 'ORG';
    const keep = (n: string) => {
      const ws = words(n);
      if (type === 'PERSON') return ws.length >= 2 && !ws.some((w) => ORG_WORDS.has(w) || HONORIFICS.has(w) || TITLE_WORDS.has(w) || agentWords.has(w) || /elect$|general$/.test(w));
      return ws.length >= 2 || /^[A-Z]{2,6}_*$/.test(n);
    };
    const names = [...new Set(cleaned.filter(keep).map(displayName))];
    if (!names.length) continue;
    const name = names[0]!;
    const key = `${type}|${name.toLowerCase().replace(/[-\s]+/g, ' ')}`;
    const same = seen.get(key);
    if (same) {
      // The same person in two files (Ban Ki-moon as a Korean minister and as UN Secretary-General): one entry, all codes.
      for (const a of names.slice(1)) if (!same.aliases.includes(a) && a !== same.name) same.aliases.push(a);
      same.codes.push(...g.codes.filter((c) => !same.codes.some((x) => x.code === c.code && x.from === c.from && x.to === c.to)));
      continue;
    }
    const rec = { name, aliases: names.slice(1), type, codes: [...g.codes] };
    seen.set(key, rec);
    out.push(rec);
  }
  return out;
}

/** Whether a dated code was held on a day (ISO): it has a date and its period covers the day. Undated codes hold on no day in particular. */
export function heldOn(c: Pick<PhoenixCode, 'from' | 'to'>, day: string): boolean {
  const d = day.slice(0, 10);
  return !!(c.from || c.to) && (!c.from || c.from <= d) && (!c.to || d <= c.to);
}

/** The code an actor held on a day (ISO), else the last one held before it, else its latest open-ended or last-listed code. */
export function codeOn(codes: readonly PhoenixCode[], day: string | null): PhoenixCode | null {
  if (!codes.length) return null;
  if (day) {
    const d = day.slice(0, 10);
    const hit = codes.find((c) => heldOn(c, d));
    if (hit) return hit;
    // Between two offices: the one held last before that day (Obama in 2005: USAELI, not his later USAGOV).
    // Out of office, an office-holder is an elite (CAMEO ELI) of the same country: Clinton after 2013.
    const before = codes.filter((c) => c.to && c.to < d).sort((a, b) => (a.to! < b.to! ? 1 : -1))[0];
    if (before) return before.country && before.role && before.role !== 'ELI' && before.role !== 'IGO' ? { ...before, code: `${before.country}ELI`, role: 'ELI' } : before;
  }
  const undated = codes.find((c) => !c.from && !c.to);
  const open = codes.filter((c) => c.from && !c.to).sort((a, b) => (a.from! < b.from! ? 1 : -1))[0];
  return open ?? undated ?? codes[codes.length - 1]!;
}

/**
 * The lexicon's view of a Phoenix code: country and role, with international bodies (IGO, NGO, IMG)
 * carried as role IGO and their full code, as the curated organisations are.
 */
export function entryFields(c: PhoenixCode): { country: string | null; role: string | null; igo: string | null } {
  const international = c.role === 'IGO' || c.role === 'NGO' || c.role === 'IMG';
  return { country: c.country, role: international ? 'IGO' : c.role, igo: international ? c.code : null };
}
