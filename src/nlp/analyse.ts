import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Span } from '../types/article.js';
import type { TokenColumns } from '../types/tokens.js';

/** One token with exact offsets into the article body. */
export interface Token extends Span {
  readonly text: string;
  /** `text` lower-cased, computed once per token (later stages compare lower-cased words a lot). */
  readonly lower: string;
  /** Universal POS tag from wink-nlp's English model (PROPN, NOUN, VERB, ...), or the parser's when one is given. */
  readonly pos: string;
  readonly lemma: string;
  /** Index of the sentence holding this token. */
  readonly sentence: number;
  /** Article-level index of the syntactic head; -1 for a sentence root or when the token is not parsed. */
  readonly head: number;
  /** Universal Dependencies relation to the head ('' when not parsed). */
  readonly deprel: string;
}

export interface Sentence extends Span {
  /** Index into `tokens` of the first token and one past the last. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
  readonly paragraph: number;
}

export interface Analysis {
  readonly sentences: Sentence[];
  readonly tokens: Token[];
}

/**
 * A dependency parser for one sentence: its words and their tags in, for each word its head
 * (1-based within the sentence, 0 for the root, as in CoNLL-U) and relation out; when it returns
 * `upos`, those tags replace the tagger's.
 */
export type DependencyParser = (words: readonly string[], tags: readonly string[]) => { upos?: string[]; head: number[]; deprel: string[] };

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;
function engine(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Words that turn an evaluation round ("not a threat"), kept beside the evaluative words. */
const TONE_NEGATORS = new Set(['not', "n't", 'no', 'never', 'nothing', 'without']);

/**
 * Words that report harm rather than judge anyone ("three people were treated for minor injuries",
 * "households lost power"): a casualty report is not criticism, so they carry no tone.
 */
const DESCRIPTIVE_HARM = new Set([
  'injury', 'injuries', 'injured', 'death', 'deaths', 'dead', 'casualty', 'casualties', 'victim', 'victims', 'damage', 'damaged',
  'wounded', 'wounds', 'killed', 'fatalities', 'loss', 'losses', 'outage', 'outages', 'accident', 'earthquake', 'quake', 'disaster',
]);

/**
 * The evaluative tone of a stretch of text, from -1 to 1: wink-nlp's sentiment (an AFINN-style
 * lexicon with negation handling) read over its adjectives, nouns, adverbs and negators only, so
 * that what a speaker judges ("a flagrant violation", "a huge win") counts and what merely happened
 * ("the explosion killed three people") does not. 0 where it holds no such word.
 */
export function evaluativeTone(tokens: readonly Token[], start: number, end: number): number {
  const words = tokens.filter((t) => t.start >= start && t.end <= end && !DESCRIPTIVE_HARM.has(t.lower) && (t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'ADV' || TONE_NEGATORS.has(t.lower))).map((t) => t.text);
  if (!words.some((w) => !TONE_NEGATORS.has(w.toLowerCase()))) return 0;
  const w = engine();
  return w.readDoc(words.join(' ')).out(w.its.sentiment) as number;
}

let analyseCalls = 0;
/** How many times `analyse` has run in this process (tests check that coding never re-analyses). */
export function analyseCallCount(): number {
  return analyseCalls;
}

interface Draft {
  start: number;
  end: number;
  text: string;
  pos: string;
  lemma: string;
}

/** Run the parser hook on one sentence's tokens and turn its sentence-relative heads into article-level indices. */
function parseSentence(parse: DependencyParser, drafts: readonly Draft[], first: number): { pos: string[]; head: number[]; deprel: string[] } {
  const words = drafts.map((d) => d.text);
  const tags = drafts.map((d) => d.pos);
  const out = parse(words, tags);
  const n = drafts.length;
  if (out.head.length !== n || out.deprel.length !== n || (out.upos && out.upos.length !== n)) {
    throw new Error(`dependency parser returned ${out.head.length} heads, ${out.deprel.length} relations${out.upos ? `, ${out.upos.length} tags` : ''} for a sentence of ${n} tokens`);
  }
  const head = out.head.map((h, k) => {
    if (!Number.isInteger(h) || h < 0 || h > n) throw new Error(`dependency parser returned head ${h} for token ${k + 1} of a sentence of ${n} tokens`);
    return h === 0 ? -1 : first + h - 1;
  });
  return { pos: out.upos ?? tags, head, deprel: out.deprel };
}

/**
 * Where the story starts after a wire dateline opening a paragraph's first sentence ("WASHINGTON
 * (AP) —", "KYIV, Ukraine, March 3 (Reuters) -", "MOSCOW, March 10 —"): the index of the first
 * word after the dash, or 0 where there is none. A dash within the first 14 words, after a
 * bracketed agency or an opening word in capitals.
 */
export function datelineSplit(words: readonly string[]): number {
  const first = words[0] ?? '';
  const caps = /^\p{Lu}[\p{Lu}.'’-]+$/u.test(first);
  for (let d = 1; d < Math.min(words.length - 1, 14); d++) {
    const w = words[d]!;
    if (/^[.!?;:]$/.test(w)) return 0;
    if (/^(?:[—–]|--|-)$/.test(w)) return caps || words[d - 1] === ')' ? d + 1 : 0;
  }
  return 0;
}

/**
 * Parse a sentence that opens with a dateline as two parts, so that the place and agency are not
 * read as the story's subject ("WASHINGTON (AP) — President Barack Obama on Tuesday accused …"
 * parsed whole gives WASHINGTON as the subject of "accused"). The dateline's root hangs from the
 * story's root as `dep`.
 */
function parseWithDateline(parse: DependencyParser, drafts: readonly Draft[], first: number, split: number): { pos: string[]; head: number[]; deprel: string[] } {
  const a = parseSentence(parse, drafts.slice(0, split), first);
  const b = parseSentence(parse, drafts.slice(split), first + split);
  const root = b.head.indexOf(-1);
  const head = [...a.head, ...b.head];
  const deprel = [...a.deprel, ...b.deprel];
  if (root >= 0) {
    a.head.forEach((h, k) => {
      if (h === -1) {
        head[k] = first + split + root;
        deprel[k] = 'dep';
      }
    });
  }
  return { pos: [...a.pos, ...b.pos], head, deprel };
}

/**
 * Sentences and tokens for a body, one paragraph at a time (wink does not treat blank lines
 * as boundaries). Offsets are recovered by locating each token in the paragraph text, so they
 * are exact whatever wink normalises. With `parse`, each sentence is also parsed (heads and
 * relations, and the parser's tags when it gives them); without it every head is -1 and every
 * relation ''.
 */
export function analyse(body: string, paragraphs: readonly Paragraph[], parse?: DependencyParser): Analysis {
  analyseCalls++;
  const w = engine();
  const its = w.its;
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  paragraphs.forEach((p, pi) => {
    const text = body.slice(p.start, p.end);
    // Keep domain-like names ("Legit.ng", "Kremlin.ru") whole: wink would split them and may end a
    // sentence at the dot. The mask has the same length, so offsets are unchanged.
    const masked = text.replace(/(?<=\p{L})\.(?=\p{Ll}{2,}\b)/gu, '\u2024');
    const doc = w.readDoc(masked);
    const values = doc.tokens().out(its.value) as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    const offsets: number[] = [];
    let cursor = 0;
    for (const v of values) {
      const at = masked.indexOf(v, cursor);
      offsets.push(at < 0 ? cursor : at);
      cursor = at < 0 ? cursor : at + v.length;
    }
    // wink ends a sentence at an abbreviation's dot inside brackets ("Rep. John Mica (R-Fla.) said."): a
    // "sentence" that opens with a lower-case word or a closing bracket or comma goes on the one before.
    const spans: [number, number][] = [];
    for (const [a, b] of doc.sentences().out(its.span) as unknown as [number, number][]) {
      let k = a;
      while (k <= b && k < values.length && values[k]!.trim() === '') k++;
      const first = values[k] ?? '';
      const last = spans[spans.length - 1];
      if (last && (/^\p{Ll}/u.test(first) || /^[),;:]/.test(first))) last[1] = b;
      else spans.push([a, b]);
    }
    for (const [si0, [a, b]] of spans.entries()) {
      if (a >= values.length) continue;
      const drafts: Draft[] = [];
      for (let i = a; i <= b && i < values.length; i++) {
        const start = p.start + offsets[i]!;
        // wink gives a line break inside a paragraph a token of its own: whitespace is not a word.
        if (values[i]!.trim() === '') continue;
        // Re-join a masked domain ("Legit" "․" "ng") into one token.
        const prev = drafts[drafts.length - 1];
        if (prev && (values[i] === '\u2024' || masked[offsets[i]! - 1] === '\u2024') && prev.end === start) {
          prev.end = start + values[i]!.length;
          prev.text = body.slice(prev.start, prev.end);
          continue;
        }
        drafts.push({ start, end: start + values[i]!.length, text: body.slice(start, start + values[i]!.length), pos: pos[i] ?? 'X', lemma: lemmas[i] ?? values[i]!.toLowerCase() });
      }
      if (drafts.length === 0) continue;
      const first = tokens.length;
      const si = sentences.length;
      const split = si0 === 0 ? datelineSplit(drafts.map((d) => d.text)) : 0;
      const parsed = !parse ? null : split > 0 && split < drafts.length ? parseWithDateline(parse, drafts, first, split) : parseSentence(parse, drafts, first);
      drafts.forEach((d, k) => {
        tokens.push({ start: d.start, end: d.end, text: d.text, lower: d.text.toLowerCase(), pos: parsed ? parsed.pos[k]! : d.pos, lemma: d.lemma, sentence: si, head: parsed ? parsed.head[k]! : -1, deprel: parsed ? parsed.deprel[k]! : '' });
      });
      sentences.push({ start: tokens[first]!.start, end: tokens[tokens.length - 1]!.end, tokenStart: first, tokenEnd: tokens.length, paragraph: pi });
    }
  });
  return { sentences, tokens };
}

/** Each token's dependents (article-level indices, in order), or null when the tokens were not parsed. */
export function dependentsOf(tokens: readonly Token[]): number[][] | null {
  if (!tokens.some((t) => t.deprel !== '')) return null;
  const kids: number[][] = tokens.map(() => []);
  tokens.forEach((t, i) => {
    if (t.head >= 0) kids[t.head]?.push(i);
  });
  return kids;
}

/**
 * The tokens of [from, to) whose head lies outside it (or who have none): the heads of the phrase
 * or phrases the range holds, in order. One head means the range is one constituent.
 */
export function headsOutside(tokens: readonly Token[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) {
    const h = tokens[k]!.head;
    if (h < from || h >= to) out.push(k);
  }
  return out;
}

/** The first token that starts at or after a character offset (binary search; tokens are in text order). */
export function firstTokenFrom(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens of an analysis as the compact columns stored with the annotations. */
export function toColumns(analysis: Analysis): TokenColumns {
  const n = analysis.tokens.length;
  const cols = { start: new Array<number>(n), end: new Array<number>(n), pos: new Array<string>(n), lemma: new Array<string>(n), head: new Array<number>(n), deprel: new Array<string>(n) };
  analysis.tokens.forEach((t, i) => {
    cols.start[i] = t.start;
    cols.end[i] = t.end;
    cols.pos[i] = t.pos;
    // '' stands for the lower-cased text; a lemma that is really '' cannot occur (wink gives the word itself).
    cols.lemma[i] = t.lemma === t.lower ? '' : t.lemma;
    cols.head[i] = t.head;
    cols.deprel[i] = t.deprel;
  });
  return cols;
}

/** What `analysisFromAnnotations` needs of the stored annotations. */
export interface StoredTokens {
  readonly sentences: readonly (Span & { readonly paragraph: number; readonly token_start: number; readonly token_end: number })[];
  /** Absent in annotations written before the token table was stored. */
  readonly tokens?: TokenColumns;
}

/**
 * The analysis the annotator made, rebuilt from the stored columns (token text is
 * `body.slice(start, end)`): the same tokens, tags and sentences, without running wink again.
 */
export function analysisFromAnnotations(body: string, ann: StoredTokens): Analysis {
  const cols = ann.tokens;
  if (!cols) throw new Error('these annotations have no token table (written by an older annotator); run `wirescope annotate` to redo them');
  const n = cols.start.length;
  if (cols.end.length !== n || cols.pos.length !== n || cols.lemma.length !== n || cols.head.length !== n || cols.deprel.length !== n) {
    throw new Error('stored token table is inconsistent (columns of different lengths); run `wirescope annotate --force` to redo it');
  }
  const tokens: Token[] = new Array<Token>(n);
  const sentences: Sentence[] = ann.sentences.map((s, si) => {
    if (s.token_start < 0 || s.token_end > n || s.token_start > s.token_end) throw new Error(`stored sentence ${si} points outside the token table; run \`wirescope annotate --force\` to redo it`);
    for (let i = s.token_start; i < s.token_end; i++) {
      const start = cols.start[i]!;
      const end = cols.end[i]!;
      const text = body.slice(start, end);
      const lower = text.toLowerCase();
      const lemma = cols.lemma[i]!;
      tokens[i] = { start, end, text, lower, pos: cols.pos[i]!, lemma: lemma === '' ? lower : lemma, sentence: si, head: cols.head[i]!, deprel: cols.deprel[i]! };
    }
    return { start: s.start, end: s.end, tokenStart: s.token_start, tokenEnd: s.token_end, paragraph: s.paragraph };
  });
  for (let i = 0; i < n; i++) if (!tokens[i]) throw new Error(`stored token ${i} belongs to no sentence; run \`wirescope annotate --force\` to redo it`);
  return { sentences, tokens };
}
