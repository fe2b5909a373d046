import { loadDataJson } from '../data/load.js';
import type { Analysis, Token } from './analyse.js';
import { normKey, type EntityType, type LexEntry, type Lexicon } from './lexicon.js';
import { WindowKeys } from './window-keys.js';

export interface PatternFile {
  readonly org_heads: readonly string[];
  readonly name_connectors: readonly string[];
  readonly honorifics: readonly string[];
  readonly time_words: readonly string[];
  readonly not_names: readonly string[];
  readonly military_heads: readonly string[];
  /** Last words of news organisations' names ("South Caucasus Wire", "Pacific Rim Chronicle"): organisations, and media. */
  readonly media_heads?: readonly string[];
  /** Words after which a lone unknown capitalised word is a place, not a person ("in Aregh", "the village of Nor Aregh"). */
  readonly place_prepositions?: readonly string[];
  readonly place_nouns?: readonly string[];
  /** Head words of role nouns that name news organisations ("the state news agency AZERTAC", "the newspaper Le Monde"), not people. */
  readonly news_nouns?: readonly string[];
}

export interface Patterns {
  readonly orgHeads: ReadonlySet<string>;
  readonly connectors: ReadonlySet<string>;
  readonly honorifics: ReadonlySet<string>;
  readonly timeWords: ReadonlySet<string>;
  readonly notNames: ReadonlySet<string>;
  readonly militaryHeads: ReadonlySet<string>;
  readonly mediaHeads: ReadonlySet<string>;
  readonly placePrepositions: ReadonlySet<string>;
  readonly placeNouns: ReadonlySet<string>;
  readonly newsNouns: ReadonlySet<string>;
}

export function compilePatterns(f: PatternFile): Patterns {
  const set = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  return {
    orgHeads: set([...f.org_heads, ...(f.media_heads ?? [])]),
    mediaHeads: set(f.media_heads ?? []),
    connectors: set(f.name_connectors),
    honorifics: set(f.honorifics),
    timeWords: set(f.time_words),
    notNames: set(f.not_names),
    militaryHeads: set(f.military_heads),
    placePrepositions: set(f.place_prepositions ?? []),
    placeNouns: set(f.place_nouns ?? []),
    newsNouns: set(f.news_nouns ?? []),
  };
}

let cachedPatterns: Patterns | null = null;
export function defaultPatterns(): Patterns {
  cachedPatterns ??= compilePatterns(loadDataJson<PatternFile>('nlp/patterns.json'));
  return cachedPatterns;
}

/** A name found in the text, before coreference. */
export interface RawMention {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  /** Dictionary entry when the name is known. */
  readonly entry: LexEntry | null;
  /** Role title found beside the name ("foreign minister"), with its CAMEO role. */
  readonly title: { text: string; role: string } | null;
  /** Country found beside the name ("Iranian", "U.S.", "Iran's"), alpha-3. */
  readonly contextCountry: string | null;
  /** Organisation the name is affiliated with in the text ("Fox News correspondent ..."). */
  readonly affiliation: LexEntry | null;
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /** The honorific the name followed ("Mr." in "Mr. Ban", "Ms. Abedin"): a person, even as one word. */
  readonly honorific?: string;
}

const isCap = (t: Token) => /^\p{Lu}/u.test(t.text);
const isWordish = (t: Token) => /^[\p{L}][\p{L}.'’-]*$/u.test(t.text);

/** Characters of punctuation a token carries before its letters ("-Iran" in "Russia-Iran"). */
const leadingPunct = (text: string) => /^[^\p{L}\p{N}]*/u.exec(text)![0].length;

/** Longest dictionary name starting at token i (within the sentence), or null. */
function lexMatch(keys: WindowKeys, tokens: readonly Token[], i: number, end: number, lex: Lexicon, pat: Patterns): { j: number; entries: readonly LexEntry[]; from: number; lead: number } | null {
  if (!keys.mayStart(i, end, lex)) return null;
  for (let j = Math.min(end, i + lex.maxTokens); j > i; j--) {
    const first = tokens[i]!;
    const last = tokens[j - 1]!;
    if (!/[\p{L}\p{N}]/u.test(last.text)) continue;
    const key = keys.key(i, j);
    const entries = lex.names.get(key);
    if (!entries) continue;
    // Names are capitalised in running text; a lower-case "the" may lead.
    const content = tokens.slice(i, j).filter((t) => !/^(the|of|and|al|bin|el|de)$/i.test(t.text) && /^\p{L}/u.test(t.text));
    if (content.length === 0 || !isCap(content[0]!)) continue;
    const best = entries[0]!;
    if (best.type === 'PERSON' && !content.every(isCap)) continue;
    if (best.kind === 'city' && (lex.notPlaces.has(key) || !content.every(isCap))) continue;
    if (best.type !== 'PERSON' && best.type !== 'ORG' && lex.notPlaces.has(key)) continue;
    if (j - i === 1 && pat.timeWords.has(first.text.toLowerCase())) continue;
    const from = /^the$/i.test(first.text) && !/^the /i.test(best.canonical) ? i + 1 : i;
    if (from >= j) continue;
    return { j, entries, from, lead: leadingPunct(tokens[from]!.text) };
  }
  return null;
}

/** Longest role term at token i ("foreign minister", "Supreme Leader"), or null. */
function roleAt(keys: WindowKeys, tokens: readonly Token[], i: number, end: number, lex: Lexicon): { j: number; text: string; role: string; phoenix: boolean } | null {
  // A role starts with a word: the key drops dots, so ". Sen." would read as "sen".
  if (!/[\p{L}\p{N}]/u.test(tokens[i]?.text ?? '')) return null;
  for (let j = Math.min(end, i + 4); j > i; j--) {
    const r = lex.roles.get(keys.spacedKey(i, j));
    if (r) return { j, text: tokens.slice(i, j).map((t) => t.text).join(' '), role: r.role, phoenix: !!r.phoenix };
  }
  return null;
}

/**
 * Find the names in each sentence: dictionary names first (people, organisations, outlets,
 * countries, demonyms, capitals, cities), then runs of capitalised proper nouns typed by their
 * context (a title before them, an organisation head word at their end).
 */
export function findMentions(body: string, analysis: Analysis, lex: Lexicon, pat: Patterns = defaultPatterns(), publisher: string | null = null): RawMention[] {
  const { tokens, sentences } = analysis;
  const out: RawMention[] = [];
  const keys = new WindowKeys(body, tokens);
  // The publisher's own name in its text ("told South Caucasus Wire") is that outlet, whether or not the dictionary knows it.
  const own = publisher ? publisherAt(body, keys, tokens, lex, publisher) : new Map<number, { j: number; entry: LexEntry }>();
  for (const s of sentences) {
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      const t = tokens[i]!;
      const pub = own.get(i);
      if (pub && pub.j <= s.tokenEnd) {
        out.push({ start: t.start, end: tokens[pub.j - 1]!.end, type: 'ORG', entry: pub.entry, title: null, contextCountry: null, affiliation: null, tokenStart: i, tokenEnd: pub.j });
        i = pub.j;
        continue;
      }
      const m = lexMatch(keys, tokens, i, s.tokenEnd, lex, pat);
      if (m && (m.entries[0]!.type === 'GPE' || m.entries[0]!.type === 'NORP' || (m.entries[0]!.type === 'ORG' && m.entries[0]!.country && m.entries[0]!.role !== 'IGO'))) {
        // A place, nationality or national body that starts an organisation's name: "Jahra Hospital", "Kuwait University",
        // "Christian News Service", "House Intelligence Committee".
        let e = m.j;
        for (;;) {
          if (e < s.tokenEnd && isCap(tokens[e]!) && isWordish(tokens[e]!)) e++;
          // "United States Citizenship and Immigration Services": a connector between capitalised words.
          else if (e > m.j && e + 1 < s.tokenEnd && pat.connectors.has(tokens[e]!.text.toLowerCase()) && isCap(tokens[e + 1]!) && isWordish(tokens[e + 1]!)) e += 2;
          else break;
        }
        if (e > m.j && pat.orgHeads.has(tokens[e - 1]!.text.toLowerCase())) {
          out.push({ start: tokens[m.from]!.start + m.lead, end: tokens[e - 1]!.end, type: 'ORG', entry: null, title: null, contextCountry: m.entries[0]!.country, affiliation: null, tokenStart: m.from, tokenEnd: e });
          i = e;
          continue;
        }
      }
      // An outlet's name that runs on into more capitalised words ("the National Voter Registration Act") is part of another name.
      const runsOn = m && m.entries[0]!.kind === 'media' && m.j < s.tokenEnd && isCap(tokens[m.j]!) && isWordish(tokens[m.j]!) && !lexMatch(keys, tokens, m.j, s.tokenEnd, lex, pat);
      // "Lisa O. Monaco, … said … “…,” Monaco said": a one-word place that is the surname of a person named before, as a
      // verb's subject, is that person.
      if (m && m.j === m.from + 1 && m.entries[0]!.type === 'GPE' && /^nsubj/.test(t.deprel) && tokens[t.head]?.pos === 'VERB' && endsEarlierPerson(out, tokens, t.text)) {
        out.push({ start: t.start, end: t.end, type: 'PERSON', entry: null, title: null, contextCountry: null, affiliation: null, tokenStart: i, tokenEnd: i + 1 });
        i = m.j;
        continue;
      }
      if (m && !runsOn) {
        const entry = m.entries[0]!;
        out.push({ start: tokens[m.from]!.start + m.lead, end: tokens[m.j - 1]!.end, type: entry.type, entry, title: null, contextCountry: null, affiliation: null, tokenStart: m.from, tokenEnd: m.j });
        i = m.j;
        continue;
      }
      if ((t.pos === 'PROPN' || (isCap(t) && t.pos !== 'PRON' && t.pos !== 'DET')) && isCap(t) && isWordish(t) && !pat.notNames.has(t.text.toLowerCase()) && !pat.timeWords.has(t.text.toLowerCase().replace(/\.$/, ''))) {
        // A run of capitalised words, allowing connectors ("bin", "of") and hyphens inside.
        let j = i + 1;
        while (j < s.tokenEnd) {
          const u = tokens[j]!;
          if (isCap(u) && isWordish(u) && !pat.timeWords.has(u.text.toLowerCase().replace(/\.$/, ''))) j++;
          // "al-Roumi", "bin-Salman": a lower-case particle joined to a capitalised name.
          else if (/^(al|el|bin|ibn|abu|ben|de|da|van|von)-\p{Lu}/u.test(u.text) && u.start === tokens[j - 1]!.end + 1) j++;
          else if ((pat.connectors.has(u.text.toLowerCase()) || u.text === '-') && j + 1 < s.tokenEnd && isCap(tokens[j + 1]!) && u.start === tokens[j - 1]!.end + (u.text === '-' ? 0 : 1)) j += 2;
          // "Ban Ki-moon", "Park Geun-hye": a hyphenated given name whose second part is lower case.
          else if (u.text === '-' && u.start === tokens[j - 1]!.end && j + 1 < s.tokenEnd && /^\p{Ll}+$/u.test(tokens[j + 1]!.text) && tokens[j + 1]!.start === u.end && isCap(tokens[j - 1]!)) j += 2;
          // "al - Kaabi" as three tokens.
          else if (/^(al|el|bin|ibn|abu|ben)$/i.test(u.text) && tokens[j + 1]?.text === '-' && j + 2 < s.tokenEnd && isCap(tokens[j + 2]!) && tokens[j + 2]!.start === tokens[j + 1]!.end) j += 3;
          else break;
        }
        // Stop before a dictionary name inside the run ("Defense Secretary Pete Hegseth" holds no
        // dictionary name; "Iranian President Masoud Pezeshkian" starts with one).
        for (let k = i + 1; k < j; k++) {
          const inner = lexMatch(keys, tokens, k, j, lex, pat);
          // "Ivana Trump", "Hunter Biden": a given name before a known person's bare surname is a namesake, not that
          // person; the run is one name. (Titles and honorifics before it, or the person's own given name, still split.)
          const namesake = inner && k === i + 1 && inner.j === j && inner.entries[0]!.type === 'PERSON' && j - k === 1 &&
            !inner.entries.some((x) => x.canonical.split(/\s+/)[0]!.toLowerCase() === tokens[i]!.text.toLowerCase()) &&
            !roleAt(keys, tokens, i, k, lex) && !lexMatch(keys, tokens, i, k, lex, pat) && !pat.honorifics.has(tokens[i]!.text.toLowerCase().replace(/\.$/, ''));
          if (namesake) break;
          // "South Caucasus Wire": a dictionary name that is only the run's last word, an organisation's head word, ends the run's name.
          if (inner && inner.j === j && k === j - 1 && pat.orgHeads.has(tokens[k]!.text.toLowerCase())) break;
          // A city's name inside a run is a person's ("Sen. Elizabeth Warren"), not a place; so is any name after a middle
          // initial ("Lisa O. Monaco").
          const afterInitial = k >= i + 2 && /^\p{Lu}\.$/u.test(tokens[k - 1]!.text) && inner?.j === j;
          if (inner && !afterInitial && !inner.entries.every((x) => x.kind === 'city')) {
            j = k;
            break;
          }
        }
        // "RCMP Sgt. Tim Shields": an honorific inside a run starts the person's name; what comes before it is another name.
        for (let k = i + 1; k < j - 1; k++) {
          if (pat.honorifics.has(tokens[k]!.text.toLowerCase().replace(/\.$/, '')) && /\.$/.test(tokens[k]!.text)) {
            j = k;
            break;
          }
        }
        // "Bill O'Reilly of [Fox News]": a connector left at the end belongs to neither name.
        while (j > i + 1 && pat.connectors.has(tokens[j - 1]!.text.toLowerCase())) j--;
        let a = i;
        let title: { text: string; role: string } | null = null;
        let honorific: string | null = null;
        // A run that is only a title ("Foreign Minister" before a known name) names no one itself.
        const whole = roleAt(keys, tokens, i, j, lex);
        const nameFollows = j < s.tokenEnd && isCap(tokens[j]!) && tokens[j]!.pos === 'PROPN';
        // A capitalised Phoenix agent phrase with no name after it is a body's name ("Ministry of Foreign Affairs").
        if (whole && whole.j === j && (nameFollows || (!whole.phoenix && !pat.orgHeads.has(tokens[j - 1]!.text.toLowerCase())))) {
          i = j;
          continue;
        }
        // "Ministry of Foreign Affairs", "Council of Europe": an organisation named by its head word.
        // ("Directorate General of Civil Aviation": a second word may come before the "of".)
        const orgByHead = pat.orgHeads.has(tokens[i]!.text.toLowerCase()) && (tokens[i + 1]?.text.toLowerCase() === 'of' || (i + 2 < j && tokens[i + 2]!.text.toLowerCase() === 'of' && isCap(tokens[i + 1]!)));
        // "Government Accountability Office", "Refugee Processing Center": a run ending in an organisation's head word
        // is a body's name; an agent word at its start ("Government") is part of the name, not a title.
        const orgByEnd = j - i >= 2 && pat.orgHeads.has(tokens[j - 1]!.text.toLowerCase());
        for (;;) {
          const r = orgByHead ? null : roleAt(keys, tokens, a, j, lex);
          if (r && r.j < j && orgByEnd && !lex.roles.get(keys.spacedKey(a, r.j))?.title) break;
          if (r && r.j < j) {
            title = { text: title ? `${title.text} ${r.text}` : r.text, role: r.role };
            a = r.j;
            continue;
          }
          if (a < j - 1 && pat.honorifics.has(tokens[a]!.text.toLowerCase().replace(/\.$/, ''))) {
            honorific = tokens[a]!.text;
            a++;
            continue;
          }
          break;
        }
        if (!title && !orgByHead) {
          // A title inside the run ("NYPD Commissioner James O'Neill"): the name is what follows it.
          for (let k = a + 1; k < j - 1; k++) {
            // "Tim Shields and Attorney-General Wally Oppal": a title after "and" starts a second person; the first ends at "and".
            if (tokens[k]!.text.toLowerCase() === 'and') {
              if (roleAt(keys, tokens, k + 1, j, lex)) j = k;
              break;
            }
            const r = roleAt(keys, tokens, k, j, lex);
            if (r && r.j < j && !r.phoenix && lex.roles.get(keys.spacedKey(k, r.j))?.title) {
              title = { text: r.text, role: r.role };
              a = r.j;
              break;
            }
          }
        }
        if (a < j) {
          const nameKey = keys.key(a, j);
          const known = lex.notPlaces.has(nameKey) ? null : (lex.names.get(nameKey)?.[0] ?? null);
          const head = tokens[j - 1]!.text.toLowerCase();
          const sentenceInitial = i === s.tokenStart;
          let type: EntityType | null = known?.type ?? null;
          // "the House Government Reform and House Judiciary Committees": a plural body noun shared by coordinated names.
          const coordinated = tokens.slice(a, j).some((x) => x.text.toLowerCase() === 'and');
          const pluralHead = coordinated && ((head.endsWith('ies') && pat.orgHeads.has(`${head.slice(0, -3)}y`)) || (head.endsWith('s') && pat.orgHeads.has(head.slice(0, -1))));
          if (!type && (pat.orgHeads.has(head) || pluralHead || orgByHead || tokens.slice(a, j).some((x) => pat.orgHeads.has(x.text.toLowerCase()) && x !== tokens[a]))) type = 'ORG';
          if (!type && j - a >= 2 && tokens.slice(a, j).every((x, k) => isCap(x) || x.text === '-' || pat.connectors.has(x.text.toLowerCase()) || tokens[a + k - 1]?.text === '-')) {
            // "Charles E. Grassley and Patrick J. Leahy": two people, not one; the second is found from "and" on.
            const and = tokens.slice(a, j).findIndex((x) => x.text.toLowerCase() === 'and');
            // ("Cummings and Conyers wrote": a lone word before "and" is read as a lone word, below.)
            if (and > 0) j = a + and;
            if (j - a >= 2) type = 'PERSON';
          }
          // "Australian Prime Minister", "Chinese Foreign Minister": a nationality and a title with no name is an
          // office, not a person (the name, when there is one, follows and is found on its own).
          const office = type === 'PERSON' && !known ? officeOnly(keys, tokens, a, j, lex) : -1;
          if (office >= 0) {
            type = null;
            // The nationality before the title is still a mention of its country.
            const place = office > a ? lex.names.get(keys.key(a, office))?.find((e) => e.type === 'NORP' || e.type === 'GPE') : undefined;
            if (place) out.push({ start: tokens[a]!.start, end: tokens[office - 1]!.end, type: place.type, entry: place, title: null, contextCountry: null, affiliation: null, tokenStart: a, tokenEnd: office });
          }
          // A lone unknown capitalised word is a person only with a title ("Gen. Smith"); other
          // lone words are kept only if they turn out to be the surname of a full name (coreference).
          // A dictionary person's surname ("Obama said") may open a sentence; coreference decides whom it names.
          // "WikiLeaks", "YouTube": one unknown word with a capital inside names an organisation.
          if (!type && j - a === 1 && !title && !honorific && /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(tokens[a]!.text) && !/^(Mc|Mac|O'|De|Di|Da|Du|La|Le|Van|Von)\p{Lu}/u.test(tokens[a]!.text)) type = 'ORG';
          if (!type && j - a === 1 && tokens[a]!.pos === 'PROPN' && (title || honorific || ((!sentenceInitial || lex.surnames.has(nameKey) || endsEarlierPerson(out, tokens, tokens[a]!.text)) && !afterPlaceWord(tokens, a, s.tokenStart, pat)))) type = 'PERSON';
          if (type) out.push({ start: tokens[a]!.start, end: tokens[j - 1]!.end, type, entry: known, title, contextCountry: null, affiliation: null, tokenStart: a, tokenEnd: j, ...(honorific !== null ? { honorific } : {}) });
        }
        i = j;
        continue;
      }
      i++;
    }
  }
  attachContext(keys, tokens, out, lex, pat);
  return out;
}

/**
 * Whether the capitalised run ending before token a follows a place preposition or "<place noun> of"
 * ("in Nor Aregh", "near Kalba", "the village of Nor Aregh"): a lone unknown word there names a place.
 */
function afterPlaceWord(tokens: readonly Token[], a: number, sentenceStart: number, pat: Patterns): boolean {
  let p = a - 1;
  while (p > sentenceStart && isCap(tokens[p]!)) p--;
  if (p < sentenceStart) return false;
  const w = tokens[p]!.text.toLowerCase();
  if (pat.placePrepositions.has(w)) return true;
  return w === 'of' && p > sentenceStart && pat.placeNouns.has(tokens[p - 1]!.text.toLowerCase());
}

/**
 * Token positions where the publisher's name is written (as its dictionary entry when it has one, else
 * as an outlet of unknown country), keyed by first token.
 */
function publisherAt(body: string, keys: WindowKeys, tokens: readonly Token[], lex: Lexicon, publisher: string): Map<number, { j: number; entry: LexEntry }> {
  const key = normKey(publisher);
  const words = key.split(' ').length;
  const out = new Map<number, { j: number; entry: LexEntry }>();
  if (!key || words > 8) return out;
  const entry = lex.names.get(key)?.find((e) => e.kind === 'media') ?? { type: 'ORG' as const, canonical: publisher, country: null, role: 'MED', kind: 'media' as const, priority: 0 };
  const exact = publisher.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < tokens.length; i++) {
    if (!isCap(tokens[i]!)) continue;
    // Tokens may split a name's punctuation ("Legit.ng"); compare as many tokens as make up the key.
    for (let j = i + 1; j <= Math.min(tokens.length, i + words + 3); j++) {
      if (tokens[j - 1]!.sentence !== tokens[i]!.sentence) break;
      if (keys.key(i, j) !== key) continue;
      // Written as the outlet writes it ("The Nation", not "The nation mourned"); a one-word name opening a sentence
      // is too likely an ordinary word ("Time is running out").
      const first = i === 0 || tokens[i - 1]!.sentence !== tokens[i]!.sentence;
      if (body.slice(tokens[i]!.start, tokens[j - 1]!.end).replace(/\s+/g, ' ') === exact && !(words === 1 && first)) out.set(i, { j, entry });
      break;
    }
  }
  return out;
}

/**
 * Where the title starts when tokens a..j are a nationality or place (possibly none) followed by a
 * role title ending at j ("Australian Prime Minister"); -1 when they are not.
 */
function officeOnly(keys: WindowKeys, tokens: readonly Token[], a: number, j: number, lex: Lexicon): number {
  for (let k = a; k < j; k++) {
    const r = roleAt(keys, tokens, k, j, lex);
    if (!r || r.j !== j) continue;
    if (k === a || lex.names.get(keys.key(a, k))?.some((e) => e.type === 'NORP' || e.type === 'GPE')) return k;
  }
  return -1;
}

/** Whether a word is the last word of a person named earlier ("O'Neill said" after "James O'Neill"). */
function endsEarlierPerson(found: readonly RawMention[], tokens: readonly Token[], word: string): boolean {
  const w = word.toLowerCase().replace(/[’]/g, "'");
  return found.some((x) => x.type === 'PERSON' && x.tokenEnd - x.tokenStart > 1 && tokens[x.tokenEnd - 1]!.text.toLowerCase().replace(/[’]/g, "'") === w);
}

/** Titles, countries and affiliations written next to a person's name. */
function attachContext(keys: WindowKeys, tokens: readonly Token[], mentions: RawMention[], lex: Lexicon, pat: Patterns): void {
  const byEndToken = new Map<number, RawMention>();
  for (const m of mentions) byEndToken.set(m.tokenEnd, m);
  for (let n = 0; n < mentions.length; n++) {
    const m = mentions[n]!;
    if (m.type === 'ORG' && !m.entry) {
      // "Iran's Foreign Ministry", "the Kuwaiti Interior Ministry": the country before an unknown organisation.
      let k = m.tokenStart;
      if (k > 0 && /^['’]s$/.test(tokens[k - 1]!.text)) k--;
      const before = byEndToken.get(k);
      if (before?.entry && (before.type === 'GPE' || before.type === 'NORP')) mentions[n] = { ...m, contextCountry: before.entry.country };
      continue;
    }
    if (m.type !== 'PERSON') continue;
    let k = m.tokenStart;
    let title = m.title;
    // Lower-case titles before the name: "correspondent Peter Doocy", "newly appointed Supreme Leader".
    while (k > 0 && tokens[k - 1]!.sentence === tokens[m.tokenStart]!.sentence) {
      let found: { j: number; text: string; role: string } | null = null;
      for (let a = Math.max(0, k - 3); a < k; a++) {
        // A title never reaches into a name before it ("New York City Mayor": not "City").
        if (mentions.some((x) => x !== m && x.tokenStart <= a && a < x.tokenEnd)) continue;
        const r = roleAt(keys, tokens, a, k, lex);
        if (r && r.j === k) {
          found = r;
          break;
        }
      }
      if (!found) break;
      // "the state news agency AZERTAC", "the newspaper Le Monde": a noun for a body, not a personal title, names an organisation.
      const bodyHead = normKey(found.text).split(' ').at(-1)!;
      if (!m.entry && lex.roles.get(normKey(found.text))?.title === false && pat.newsNouns.has(bodyHead)) {
        // A news organisation is media whatever owns it ("the state news agency AZERTAC" relays, as any outlet does).
        // (Only news nouns: "the party Jane Smith founded" names a person after "party".)
        mentions[n] = { ...m, type: 'ORG', title: { text: found.text, role: 'MED' } };
        title = null;
        break;
      }
      const from = k - found.text.split(' ').length;
      title = { text: title ? `${found.text} ${title.text}` : found.text, role: title?.role ?? found.role };
      k = from;
    }
    if (mentions[n]!.type !== 'PERSON') continue;
    let contextCountry: string | null = null;
    let affiliation: LexEntry | null = null;
    // What stands right before the title: "Iranian", "U.S.", "Iran's", "Fox News".
    let before = byEndToken.get(k);
    if (!before && k > 0 && /^['’]s$/.test(tokens[k - 1]!.text)) before = byEndToken.get(k - 1);
    if (before?.entry) {
      if (before.entry.type === 'ORG') {
        affiliation = before.entry;
        contextCountry = before.entry.country;
      } else contextCountry = before.entry.country;
    }
    // Appositive after the name: ", Iran's foreign minister", ", the foreign minister of Iran".
    if (!title && tokens[m.tokenEnd]?.text === ',') {
      let a = m.tokenEnd + 1;
      const next = mentions.find((x) => x.tokenStart === a);
      if (next?.entry && (next.type === 'GPE' || next.type === 'NORP')) {
        contextCountry = next.entry.country;
        a = next.tokenEnd;
        if (/^['’]s$/.test(tokens[a]?.text ?? '')) a++;
      } else if (/^(the|a)$/i.test(tokens[a]?.text ?? '')) a++;
      const r = roleAt(keys, tokens, a, Math.min(tokens.length, a + 4), lex);
      // An apposition ends with punctuation or an "of"-phrase ("…, the foreign minister of Iran,"); ", the mayor also said"
      // starts the next clause, whose subject the role is.
      const after = tokens[r?.j ?? -1];
      const closes = !after || after.sentence !== tokens[m.tokenStart]!.sentence || /^[,.;:)—–-]$/.test(after.text) || /^(of|for|at|in)$/i.test(after.text);
      if (r && closes) {
        title = { text: r.text, role: r.role };
        if (tokens[r.j]?.text === 'of') {
          const of = mentions.find((x) => x.tokenStart === r.j + 1 || x.tokenStart === r.j + 2);
          if (of?.entry?.country) contextCountry ??= of.entry.country;
        }
      }
    }
    // "… visited the White House as Burma's de facto leader", "…, Burma's leader,": a description later in the
    // sentence gives an unknown person a country and role (a country's word, then a role within three words).
    if (!contextCountry && !m.entry && !before?.entry) {
      const sentence = tokens[m.tokenStart]!.sentence;
      for (let k = m.tokenEnd; k < Math.min(tokens.length, m.tokenEnd + 12) && tokens[k]!.sentence === sentence; k++) {
        if (mentions.some((x) => x.type === 'PERSON' && x.tokenStart === k)) break;
        if (!/^(as|,)$/i.test(tokens[k]!.text)) continue;
        let a = k + 1;
        if (/^(the|a)$/i.test(tokens[a]?.text ?? '')) a++;
        const place = mentions.find((x) => x.tokenStart === a && x.entry?.country && (x.type === 'GPE' || x.type === 'NORP'));
        if (!place) continue;
        a = place.tokenEnd + (/^['’]s$/.test(tokens[place.tokenEnd]?.text ?? '') ? 1 : 0);
        for (let b = a; b < a + 3 && b < tokens.length; b++) {
          const r = roleAt(keys, tokens, b, Math.min(tokens.length, b + 3), lex);
          const leader = /^(leader|head)$/i.test(tokens[b]!.text);
          if (r || leader) {
            contextCountry = place.entry!.country;
            title ??= r ? { text: r.text, role: r.role } : { text: tokens[b]!.text, role: 'GOV' };
            break;
          }
        }
        if (contextCountry) break;
      }
    }
    mentions[n] = { ...m, title, contextCountry: contextCountry ?? m.contextCountry, affiliation };
  }
}
