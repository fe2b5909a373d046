import type { ActorRecord, EntityMention } from '../actors/resolve.js';
import { dependentsOf, headsOutside, type Analysis, type Token } from '../nlp/analyse.js';
import { normKey, type Lexicon } from '../nlp/lexicon.js';
import type { Span } from '../types/article.js';
import { negates, negationWords, type Cues } from './cues.js';

export interface Speaker {
  readonly name: string | null;
  readonly code: string | null;
  readonly anonymous: boolean;
  /** What the text says of the source ("multiple sources familiar with US intelligence reporting"). */
  readonly description: string | null;
  readonly actor_id: string | null;
  /** The source span in the body, when the text names one. */
  readonly start: number | null;
  readonly end: number | null;
}

export interface ChainLink {
  readonly name: string;
  readonly kind: 'speaker' | 'relay' | 'publisher';
  readonly code?: string | null;
  readonly anonymous?: boolean;
}

export interface Claim {
  readonly id: string;
  /** The content: what is claimed. `body.slice(start, end) === text`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A direct quote (the text inside quotation marks) rather than reported speech. */
  readonly quote: boolean;
  readonly speaker: Speaker;
  /** The attribution cue ("said", "according to", "told"), when there is one. */
  readonly cue: { readonly text: string; readonly start: number; readonly end: number } | null;
  /** From the original speaker to the publishing outlet. */
  readonly chain: ChainLink[];
  readonly negated: boolean;
  readonly hedged: boolean;
  readonly sentence: number;
  /**
   * The tone of the content's judgement, -1 (condemnation) to 1 (praise), read from its evaluative
   * words (see evaluativeTone); absent in annotations made before annotator version 5.
   */
  readonly tone?: number;
}

export interface AttributionInput {
  readonly body: string;
  readonly analysis: Analysis;
  readonly entities: readonly EntityMention[];
  /** The article's time expressions: a date never speaks. */
  readonly times: readonly Span[];
  readonly actors: readonly ActorRecord[];
  readonly publisher: string | null;
  readonly lexicon: Lexicon;
  readonly cues: Cues;
}

interface Draft {
  start: number;
  end: number;
  quote: boolean;
  source: Span | null;
  cue: Span | null;
  sentence: number;
  relay: Span | null;
  originFrom: Span | null;
  /** The subject of a passive cue ("The discussion was confirmed by TASS"): an event said to have happened. */
  readonly confirmed?: boolean;
  /** Found by "according to X". */
  readonly according?: boolean;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'who', 'which']);

/** Direct quotes: curly pairs, and straight quotes paired in order, within a paragraph. */
export function findQuotes(body: string, paragraphs: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs) {
    const text = body.slice(p.start, p.end);
    // Curly pairs, straight double quotes, and the doubled apostrophes some archives use for both ('' … '').
    const re = /“([^”]+)”|"([^"]+)"|''((?:(?!'').)+?)''/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const inner = m[1] ?? m[2] ?? m[3]!;
      const start = p.start + m.index + (m[3] !== undefined ? 2 : 1);
      if (inner.trim()) out.push({ start, end: start + inner.length });
    }
  }
  return out;
}

function trimSpan(body: string, s: number, e: number): Span {
  while (s < e && /[\s,;:—–-]/.test(body[s]!)) s++;
  while (e > s && /[\s,.;:!?—–-]/.test(body[e - 1]!)) e--;
  // Drop a wrapping pair of quotes only when the whole content is one quote: “We will respond,” said X
  // (the closing mark already outside the span) or “We will respond” in full.
  if (/[“"]/.test(body[s] ?? '')) {
    const inner = body.slice(s + 1, e);
    const closedAtEnd = /[”"]$/.test(inner) && !/[“”"]/.test(inner.slice(0, -1));
    if (!/[“”"]/.test(inner) || closedAtEnd) {
      s++;
      if (closedAtEnd) e--;
      while (s < e && /\s/.test(body[s]!)) s++;
      while (e > s && /[\s,.;:!?—–-]/.test(body[e - 1]!)) e--;
    }
  }
  return { start: s, end: e };
}

/**
 * Quotes, reported speech and their chains. For each claim: who said it (a named actor, an
 * anonymous source with its description, or an anaphor resolved to an earlier source), through
 * whom it reached the page ("According to Al-Jazeera, the Kremlin said..." -> Kremlin, Al
 * Jazeera, publisher), and whether it is negated or hedged.
 */
export function extractClaims(input: AttributionInput): Claim[] {
  const { body, analysis, cues } = input;
  const { tokens } = analysis;
  // A wire dateline ("MANILA, Nov 25 (Archipelago Chronicle) –") opens the first sentence but is no part of it: no
  // speaker or content is sought in it.
  const dateline = wireDateline(body);
  const sentences = analysis.sentences.map((s) => {
    if (!dateline || s.start >= dateline.end || s.end <= dateline.end) return s;
    let k = s.tokenStart;
    while (k < s.tokenEnd && tokens[k]!.start < dateline.end) k++;
    return k < s.tokenEnd ? { ...s, tokenStart: k, start: tokens[k]!.start } : s;
  });
  const drafts: Draft[] = [];
  const mediaIds = new Set(input.actors.filter((a) => a.role === 'MED').map((a) => a.id));
  const tokenAt = (offset: number) => tokens.findIndex((t) => t.start <= offset && offset < t.end);
  const lower = (i: number) => tokens[i]?.text.toLowerCase() ?? '';
  const quotes = findQuotes(body, sentences.length ? mergeParagraphs(analysis) : []);
  const inQuote = (t: Token) => quotes.some((q) => t.start >= q.start && t.end <= q.end);
  const inTime = (t: Token) => inAnyTime(input.times, t);
  const kids = dependentsOf(tokens);

  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    const sEnd = s.tokenEnd;
    for (let i = s.tokenStart; i < sEnd; i++) {
      const t = tokens[i]!;
      if (inQuote(t)) continue;
      // "According to X, CONTENT" / "CONTENT, according to X."
      const acc = cues.accordingTo.find((words) => words.every((w, k) => lower(i + k) === w));
      if (acc) {
        const npStart = i + acc.length;
        let npEnd = npStart;
        while (npEnd < sEnd && tokens[npEnd]!.text !== ',' && !/^[.;:]$/.test(tokens[npEnd]!.text)) npEnd++;
        if (npEnd === npStart) continue;
        const source = { start: tokens[npStart]!.start, end: tokens[npEnd - 1]!.end };
        const cue = { start: t.start, end: tokens[i + acc.length - 1]!.end };
        let content: Span;
        if (i === s.tokenStart || (i === s.tokenStart + 2 && tokens[s.tokenStart + 1]!.text === ',')) {
          if (npEnd + 1 >= sEnd) continue;
          content = trimSpan(body, tokens[npEnd + 1]!.start, tokens[sEnd - 1]!.end);
        } else {
          content = trimSpan(body, tokens[s.tokenStart]!.start, tokens[i - 1]!.end);
        }
        if (content.end - content.start < 8) continue;
        drafts.push({ ...content, quote: false, source, cue, sentence: si, relay: null, originFrom: null, according: true });
        i = npEnd;
        continue;
      }
      if (t.pos !== 'VERB') continue;
      if (!cues.speechVerbs.has(t.lemma.toLowerCase())) {
        // "A 2014 study found that …", "polls show Clinton leads": these verbs attribute only with a clause after them.
        const clause = lower(i + 1) === 'that' || (kids !== null && kids[i]!.some((k) => k > i && tokens[k]!.deprel === 'ccomp'));
        // "dismissed the report as propaganda", "Democrats called the citation a ploy": a characterisation in a clause of its own.
        if (!(cues.clauseOnlyVerbs.has(t.lemma.toLowerCase()) && clause) && !characterises(tokens, kids, i, cues)) continue;
      }
      // "an earlier report": a noun, whatever the tagger says; "to restate", "for asking": not a speech act.
      let pv = i - 1;
      while (pv > s.tokenStart && (tokens[pv]!.pos === 'ADV' || tokens[pv]!.pos === 'ADJ')) pv--;
      if (pv >= s.tokenStart && (tokens[pv]!.pos === 'DET' || /^(to|for|of|by|without)$/i.test(tokens[pv]!.text))) continue;
      // "fired warning shots", "a reporting deadline": a participle modifying a noun is no speech act.
      if (/ing$/i.test(t.text) && (/^(amod|compound)$/.test(t.deprel) || (tokens[i + 1]?.pos === 'NOUN' && tokens[i - 1]?.pos !== 'PUNCT' && kids !== null && t.head === i + 1))) continue;
      // "called for", "calling on": a directive, not a report (its object is no claim).
      if (t.lemma.toLowerCase() === 'call' && /^(for|on|upon)$/i.test(tokens[i + 1]?.text ?? '')) continue;
      // "said little", "said nothing": an object that leaves nothing reported (and no clause of its own).
      if (kids && kids[i]!.some((k) => tokens[k]!.deprel === 'obj' && cues.noContentObjects.has(lower(k))) && !kids[i]!.some((k) => /^(ccomp|parataxis)$/.test(tokens[k]!.deprel))) continue;
      // "intelligence reporting say": the next verb is the cue.
      if (isSpeechVerb(tokens[i + 1], cues)) continue;
      const quoteOnly = cues.quoteOnlyVerbs.has(t.lemma.toLowerCase());
      // Passive: "was confirmed by X, which cited Y".
      const prevAux = tokens[i - 1];
      if (lower(i + 1) === 'by' && prevAux && prevAux.pos === 'AUX') {
        let npEnd = i + 2;
        while (npEnd < sEnd && tokens[npEnd]!.text !== ',' && !/^[.;]$/.test(tokens[npEnd]!.text)) npEnd++;
        if (npEnd === i + 2) continue;
        const source = { start: tokens[i + 2]!.start, end: tokens[npEnd - 1]!.end };
        let subjStart = s.tokenStart;
        while (subjStart < i - 1 && tokens[subjStart]!.pos !== 'DET' && tokens[subjStart]!.pos !== 'NOUN' && tokens[subjStart]!.pos !== 'PROPN') subjStart++;
        const content = trimSpan(body, tokens[subjStart]!.start, tokens[i - 2]?.end ?? tokens[subjStart]!.end);
        let originFrom: Span | null = null;
        if (tokens[npEnd]?.text === ',' && /^(which|who)$/.test(lower(npEnd + 1)) && /^(cite|quote)$/.test(tokens[npEnd + 2]?.lemma ?? '')) {
          let k = npEnd + 3;
          while (k < sEnd && !/^[.,;]$/.test(tokens[k]!.text)) k++;
          originFrom = { start: tokens[npEnd + 3]!.start, end: tokens[k - 1]!.end };
        }
        drafts.push({ ...content, quote: false, source, cue: { start: t.start, end: t.end }, sentence: si, relay: null, originFrom, confirmed: true });
        continue;
      }
      // Inversion after a quote or comma: "“We will respond,” said Pezeshkian." / "..., the Kremlin said."
      let q = i - 1;
      while (q > s.tokenStart && /^([”"’']|'')$/.test(tokens[q]!.text)) q--;
      // (Not a participle: "..., describing the relationship as" names no speaker after it.)
      if (q >= s.tokenStart && !/ing$/i.test(t.text) && (tokens[q]!.text === ',' || (q < i - 1 && /[,.!?]$/.test(tokens[q]!.text)))) {
        let e = i + 1;
        while (e < sEnd && isNpToken(tokens[e]!) && !/^(on|in|at)$/i.test(tokens[e]!.text)) e++;
        // The words after the verb are its speaker only if they end the clause ("…, said Putin." / "…, said Putin on
        // Friday"), or the parse makes them its subject: "Phil Smith, a spokesman for the union, said [the union]
        // expected …" is no inversion (the words before the comma are the speaker and its apposition).
        const inverted = kids ? kids[i]!.some((k) => k > i && /^nsubj/.test(tokens[k]!.deprel)) : e >= sEnd || /^[.,;:!?”"’)]$/.test(tokens[e]!.text) || /^(on|in|at)$/i.test(tokens[e]!.text);
        if (e > i + 1 && inverted && q > s.tokenStart && !adverbialOf(tokens, s.tokenStart, q, i)) {
          const content = trimSpan(body, tokens[s.tokenStart]!.start, tokens[q - 1]!.end);
          if (content.end - content.start >= 8) {
            drafts.push({ ...content, quote: false, source: { start: tokens[i + 1]!.start, end: tokens[e - 1]!.end }, cue: { start: t.start, end: t.end }, sentence: si, relay: null, originFrom: null });
            continue;
          }
        }
      }
      // Subject noun phrase before the verb (skipping auxiliaries, negation and adverbs).
      let k = i - 1;
      // ("the influential US daily wrote": a body noun the tagger read as an adverb ends the subject.)
      while (k >= s.tokenStart && (tokens[k]!.pos === 'AUX' || tokens[k]!.pos === 'PART' || (tokens[k]!.pos === 'ADV' && !cues.bodyNouns.has(lower(k))))) k--;
      // Skip a bracketed aside between subject and verb: "Rep. John Mica (R-Fla.) said", "Hamas (the militant group) said".
      if (k > s.tokenStart && tokens[k]!.text === ')') {
        const open = findBack(tokens, k - 1, s.tokenStart, '(');
        if (open > s.tokenStart) k = open - 1;
      }
      // Skip a parenthetical between subject and verb: "Putin, in a message to ..., reaffirmed".
      // (A name between the commas after a description is the speaker: "the village mayor, Hovik Sargsyan, told".)
      let named: Span | null = null;
      if (k > s.tokenStart && tokens[k]!.text === ',') {
        const open = findBack(tokens, k - 1, s.tokenStart, ',');
        const person = open > s.tokenStart ? input.entities.find((e) => e.type === 'PERSON' && e.start === tokens[open + 1]!.start && e.end === tokens[k - 1]!.end) : undefined;
        // (The description is the role noun's own phrase: "A spokesman for the Iranian president, Masoud Pezeshkian, said" is the spokesman.)
        let d0 = open - 1;
        while (d0 > s.tokenStart && tokens[d0 - 1]!.text !== ',' && isNpToken(tokens[d0 - 1]!)) d0--;
        const plain = !tokens.slice(d0, open - 1).some((x) => x.pos === 'ADP');
        if (person && plain && tokens[open - 1]!.pos === 'NOUN' && input.lexicon.roles.has(normKey(tokens[open - 1]!.text))) named = { start: person.start, end: person.end };
        if (open > s.tokenStart) k = open - 1;
      }
      const npEnd = k + 1;
      while (k >= s.tokenStart && !/^(what|who|whom|which|that)$/i.test(tokens[k]!.text) && (isNpToken(tokens[k]!, cues.bodyNouns) || (tokens[k]!.pos === 'VERB' && /ing$/.test(tokens[k]!.text) && k === npEnd - 1)) && !inQuote(tokens[k]!)) k--;
      let npStart = k + 1;
      while (npStart < npEnd && /^(however|meanwhile|but|and|also|earlier|later|then|what|who|which|as|yet|still|so|now|instead|moreover|indeed|thus|nonetheless|nevertheless)$/i.test(tokens[npStart]!.text)) npStart++;
      if (!tokens.slice(npStart, npEnd).some((x) => x.pos === 'NOUN' || x.pos === 'PROPN' || x.pos === 'PRON' || /^\p{Lu}/u.test(x.text))) npStart = npEnd;
      let source: Span | null = named ?? (npStart < npEnd ? { start: tokens[npStart]!.start, end: tokens[npEnd - 1]!.end } : null);
      // "Mr. Grassley and Mr. Leahy say", "Reps. Elijah Cummings of Maryland and John Conyers of Michigan said": the words
      // next to the cue are the last of conjoined subjects; the parse's subject is the first, which speaks for them.
      if (!named && source && kids && npStart > s.tokenStart && /^(and|,|of)$/i.test(tokens[npStart - 1]!.text)) {
        const subj = subjectPhrase(tokens, kids, i);
        const head = subj ? subj.head : -1;
        const conjoined = head >= 0 && head < npStart && kids[head]!.some((k) => tokens[k]!.deprel === 'conj' && k >= npStart - 1 && k < npEnd);
        if (subj && conjoined && (tokens[head]!.pos === 'PROPN' || tokens[head]!.pos === 'NOUN')) source = { start: subj.start, end: subj.end };
      }
      // Words before the cue that cannot be its speaker: none, a date ("Putin on Tuesday reaffirmed"), or the object of a preposition ("calling for a rapid reduction").
      const onlyTime = !!source && tokens.slice(npStart, npEnd).every((x) => inTime(x) || x.pos === 'DET' || x.pos === 'NUM');
      const notASpeaker = !source || onlyTime || (npStart > s.tokenStart && isPreposition(tokens[npStart - 1]!));
      // Then the parse's subject of the cue is the speaker.
      const subj = notASpeaker && kids ? subjectPhrase(tokens, kids, i) : null;
      if (subj) source = { start: subj.start, end: subj.end };
      // A date is never a speaker ("notes released Monday revealed …").
      else if (notASpeaker && source && (onlyTime || npStart === s.tokenStart || isPreposition(tokens[npStart - 1]!))) source = null;
      // "…,” the UNRWA official said, adding that they thought …": a participle after the cue's comma has the cue's speaker.
      // "Trump aimed his criticism at Obama, saying …", "He repeated his assertion … and said …": a participle after a
      // comma, or a verb conjoined to an earlier one, has that verb's subject, whatever words stand before it.
      let v0 = i - 1;
      while (v0 > s.tokenStart && (tokens[v0]!.pos === 'ADV' || tokens[v0]!.pos === 'AUX')) v0--;
      const participleAfterComma = /ing$/i.test(t.text) && tokens[i - 1]?.text === ',';
      const conjoinedVerb = t.deprel === 'conj' && /^(and|but)$/i.test(tokens[v0]?.text ?? '') && t.head >= s.tokenStart && t.head < v0 && tokens[t.head]!.pos === 'VERB';
      const governing = participleAfterComma ? drafts.filter((d) => !d.quote && d.sentence === si && d.cue && d.cue.end <= t.start && d.source).at(-1) : undefined;
      if (governing) source = governing.source;
      else if ((participleAfterComma || conjoinedVerb) && kids) {
        let ps = parsedSpeaker(tokens, kids, i);
        // A subject inside a quotation is not the cue's when the cue is outside it ("… that the “media is rigging the polls”
        // and said …" conjoined to "rigging" by the parse): the subject of the nearest verb above outside the quotation.
        if (ps && !inQuote(t) && inQuote(tokens[ps.head]!)) {
          let h = t.head;
          while (h >= 0 && (inQuote(tokens[h]!) || tokens[h]!.pos !== 'VERB')) h = tokens[h]!.head;
          ps = h >= 0 ? subjectPhrase(tokens, kids, h) : null;
        }
        if (ps && ps.end <= t.start) source = { start: ps.start, end: ps.end };
      }
      let content: Span | null = null;
      let relay: Span | null = null;
      // After the verb: an addressee for "tell" ("told The Washington Post on Friday"), then "that".
      let c = i + 1;
      if (t.lemma === 'tell' || t.lemma === 'inform' || t.lemma === 'brief' || t.lemma === 'assure') {
        const objStart = c;
        // The addressee ends where the reported clause's subject starts ("told reporters [they] would", "assured us [they] were").
        while (c < sEnd && isNpToken(tokens[c]!) && lower(c) !== 'that' && !(c > objStart && /^nsubj/.test(tokens[c]!.deprel) && tokens[c]!.head > c)) c++;
        if (c > objStart) relay = { start: tokens[objStart]!.start, end: tokens[c - 1]!.end };
      }
      while (c < sEnd && lower(c) !== 'that' && (tokens[c]!.pos === 'ADV' || tokens[c]!.pos === 'ADP' || tokens[c]!.pos === 'PROPN' || tokens[c]!.pos === 'NUM' || tokens[c]!.pos === 'DET' || tokens[c]!.pos === 'NOUN') && isTimeish(tokens, c)) c++;
      // "denied/rejected/dismissed reports that X": what is denied is X. Reject and dismiss report
      // nothing otherwise ("rejected the proposal" is an act, not a claim).
      {
        let r = c;
        while (r < sEnd && (tokens[r]!.pos === 'DET' || tokens[r]!.pos === 'ADJ' || tokens[r]!.pos === 'PRON')) r++;
        const reportThat = cues.reportNouns.has(lower(r)) && lower(r + 1) === 'that';
        if (reportThat) c = r + 1;
        else if (/^(reject|dismiss|refute|rebut)$/.test(t.lemma.toLowerCase())) continue;
      }
      // "said in a statement published by the Saudi Press Agency (SPA) that X": the content is X.
      if (lower(c) !== 'that') {
        for (let b = c; b < Math.min(sEnd, c + 16); b++) {
          const tb = tokens[b]!;
          if (lower(b) === 'that' && (tb.deprel === 'mark' || tb.pos === 'SCONJ')) {
            c = b;
            break;
          }
          if ((tb.pos === 'VERB' && !/(ed|en)$/i.test(tb.text)) || tb.pos === 'AUX' || /^[;:“"]$/.test(tb.text)) break;
        }
      }
      if (lower(c) === 'that') c++;
      if (c < sEnd && /^[:,]$/.test(tokens[c]!.text)) c++;
      let stop = sEnd;
      for (let b = c + 1; b < sEnd; b++) {
        // "accused Armenian units of firing first … and said its troops had …": a second cue conjoined to this one ends its content.
        if (/^(and|but)$/i.test(tokens[b]!.text)) {
          let v = b + 1;
          while (v < sEnd && tokens[v]!.pos === 'ADV') v++;
          const u = tokens[v];
          const reports = u && kids !== null && kids[v]!.some((k) => /^(ccomp|parataxis)$/.test(tokens[k]!.deprel));
          if (reports && isSpeechVerb(u, cues) && u!.head === i && u!.deprel === 'conj') {
            stop = b;
            break;
          }
        }
        if (tokens[b]!.text !== ',' && tokens[b]!.text !== ';') continue;
        if (tokens[b]!.text === ';' || cues.contentBreaks.some((words) => words.every((w, k) => lower(b + 1 + k) === w)) || speechClauseAt(tokens, b + 1, sEnd, cues)) {
          stop = b;
          break;
        }
      }
      // ", the ministry said in a brief readout.": nothing after the cue but circumstances.
      const npComma = npStart > s.tokenStart && tokens[npStart - 1]!.text === ',' ? npStart - 1 : -1;
      if (source && npComma > s.tokenStart && !adverbialOf(tokens, s.tokenStart, npComma, i) && !tokens.slice(i + 1, sEnd).some((x) => x.pos === 'VERB' || x.pos === 'AUX' || x.text === '“' || x.text === '"')) {
        const before = trimSpan(body, tokens[s.tokenStart]!.start, tokens[npComma - 1]!.end);
        if (before.end - before.start >= 8) {
          drafts.push({ ...before, quote: false, source, cue: { start: t.start, end: t.end }, sentence: si, relay, originFrom: null });
          continue;
        }
      }
      // "“…,” the mayor said, adding that …": the participle reports a second thing, as a claim of its own;
      // this cue's content is the quotation before it.
      const participle = isSpeechVerb(tokens[c], cues) && /ing$/i.test(tokens[c]!.text);
      const restTokens = participle ? 0 : stop - c;
      // "..., the club said on Wednesday, with the player due to join in July": a circumstance, not what was said.
      // "“…?” Flynn asked, as he cut off the anchor": an adverbial clause after the comma is a circumstance too.
      const circumstance = (tokens[c]?.pos === 'ADP' && CIRCUMSTANCE_PREPOSITIONS.test(tokens[c]!.text)) ||
        (c > i + 1 && tokens[c - 1]!.text === ',' && tokens[c]?.deprel === 'mark' && /^(as|while|when|before|after|because|though|although|until)$/.test(lower(c)) &&
          tokens.slice(s.tokenStart, i).some((x) => /^[”"]$/.test(x.text)));
      if (restTokens >= 3 && !/^[.!?]$/.test(tokens[c]!.text) && !circumstance) content = trimSpan(body, tokens[c]!.start, tokens[stop - 1]!.end);
      if (!source && !content) continue;
      // "CONTENT, X said." — the source follows the verb at the end of the sentence.
      if ((!content || restTokens < 3) && i > s.tokenStart && tokens[i - 1]) {
        let commaBefore = findBack(tokens, i - 1, s.tokenStart, ',');
        // "“Why now?” he asked.": a question or exclamation closing the quotation stands where the comma would.
        if (commaBefore <= s.tokenStart) {
          for (let b = i - 1; b > s.tokenStart + 1 && tokens[b]!.pos !== 'VERB' && tokens[b]!.pos !== 'AUX'; b--) {
            if (/^[”"]$/.test(tokens[b]!.text) && /^[?!]$/.test(tokens[b - 1]!.text)) {
              commaBefore = b;
              break;
            }
          }
        }
        // (A quotation is what was said, however the parser attaches it.)
        const quoted = /^[“"]$/.test(tokens[s.tokenStart]!.text) && commaBefore > s.tokenStart && /^[”"]$/.test(tokens[commaBefore]!.text);
        if (commaBefore > s.tokenStart && (quoted || !adverbialOf(tokens, s.tokenStart, commaBefore, i))) {
          content = trimSpan(body, tokens[s.tokenStart]!.start, tokens[commaBefore - 1]!.end);
          if (source && source.start <= tokens[commaBefore]!.start) source = { start: tokens[commaBefore + 1]!.start, end: tokens[i - 1]!.end };
          // "..., said Putin."
          if ((!source || source.start >= t.start) && !isPreposition(tokens[i + 1] ?? t)) {
            let e = i + 1;
            while (e < sEnd && isNpToken(tokens[e]!)) e++;
            if (e > i + 1) source = { start: tokens[i + 1]!.start, end: tokens[e - 1]!.end };
          }
        }
      }
      if (!content || content.end - content.start < 8) continue;
      // No speaker before the cue by word order: the parse's (a relative clause's noun, a conjoined verb's subject).
      if (!source && kids) {
        const ps = parsedSpeaker(tokens, kids, i);
        if (ps && ps.end <= content.start) source = { start: ps.start, end: ps.end };
      }
      if (!source) continue;
      // "In an interview with Al Jazeera, Araghchi said", "said in an interview with CBS": the outlet relayed it.
      if (!relay) {
        for (let b = s.tokenStart; b < sEnd - 2; b++) {
          if (!/^interviews?$/i.test(tokens[b]!.text) || !/^(with|to)$/i.test(lower(b + 1))) continue;
          let e = b + 2;
          while (e < sEnd && isNpToken(tokens[e]!) && tokens[e]!.text !== ',' && !/^(on|in|at)$/i.test(tokens[e]!.text)) e++;
          if (e > b + 2) relay = { start: tokens[b + 2]!.start, end: tokens[e - 1]!.end };
          break;
        }
      }
      // "said in a statement carried by the Tasnim news agency", "The ministry, in a statement carried by AZERTAC, said": the agency relayed it.
      if (!relay) {
        for (let b = s.tokenStart; b < sEnd - 2; b++) {
          if (b < i && tokens[b]!.start >= content.start && tokens[b]!.end <= content.end) continue;
          if (!/^(carried|quoted|published|reported|cited|relayed|broadcast)$/i.test(tokens[b]!.text) || lower(b + 1) !== 'by') continue;
          let e = b + 2;
          while (e < sEnd && isNpToken(tokens[e]!) && tokens[e]!.text !== ',') e++;
          if (e > b + 2) relay = { start: tokens[b + 2]!.start, end: tokens[e - 1]!.end };
          break;
        }
      }
      // "said this month on CNBC", "told reporters on Fox News Sunday": a news outlet after "on", outside the content, relayed it.
      if (!relay) {
        for (let b = s.tokenStart; b < sEnd - 1; b++) {
          if (lower(b) !== 'on' || (tokens[b]!.start >= content.start && tokens[b]!.end <= content.end)) continue;
          const media = input.entities.find((e) => e.start === tokens[b + 1]!.start && e.actor_id && mediaIds.has(e.actor_id));
          if (!media || (media.end > content.start && media.start < content.end)) continue;
          // On the cue itself: attached to it by the parse, or after it with no other verb between ("during his time on MSNBC and said" is not).
          let last = b + 1;
          while (last + 1 < sEnd && tokens[last + 1]!.end <= media.end) last++;
          const attached = kids !== null && tokens.slice(b + 1, last + 1).some((x) => x.head === i);
          if (attached || (b > i && !tokens.slice(i + 1, b).some((x) => x.pos === 'VERB'))) {
            relay = { start: media.start, end: media.end };
            break;
          }
        }
      }
      // Marks may have been trimmed off the content's edges; a characterisation needs none.
      const characterisationOnly = !cues.speechVerbs.has(t.lemma.toLowerCase()) && !cues.clauseOnlyVerbs.has(t.lemma.toLowerCase());
      const unquoted = (quoteOnly || characterisationOnly) && !/[“"”]/.test(body.slice(Math.max(0, content.start - 1), content.end + 1));
      if (unquoted && !characterises(tokens, kids, i, cues)) continue;
      if (unquoted || characterisationOnly) {
        // Not a speech verb: only the parse's subject speaks ("Putin, in a message to Khamenei, reaffirmed …, describing …").
        const ps = kids ? parsedSpeaker(tokens, kids, i) : null;
        if (!ps || ps.end > content.start) continue;
        source = { start: ps.start, end: ps.end };
      }
      drafts.push({ ...content, quote: false, source, cue: { start: t.start, end: t.end }, sentence: si, relay, originFrom: null });
    }
  }
  // A wire dateline ("MOSCOW, March 10 (AFP) –") is not part of what anyone said.
  if (dateline) for (const [n, d] of drafts.entries()) if (!d.quote && d.start < dateline.end && d.end > dateline.end) drafts[n] = { ...d, ...trimSpan(body, dateline.end, d.end) };
  // A few words ("The discussion", "strongly") are no claim.
  // (The subject of a passive cue may be short: "The discussion was confirmed by TASS" claims that it took place.)
  // “We cannot … them. They may not want to answer,” Mica said: the cue's sentence holds only the quotation's
  // last sentence; the claim is the whole quotation.
  for (const [n, d] of drafts.entries()) {
    if (d.quote) continue;
    const q = quotes.find((x) => x.start < d.start && d.start < x.end && d.end <= x.end + 1);
    if (q && !/[“”"]/.test(body.slice(q.start, d.start))) drafts[n] = { ...d, ...trimSpan(body, q.start, d.end) };
    // The mirror case: said, “I’ve been briefed … Obviously we need … .” The cue's sentence holds only the
    // quotation's first sentence; the claim is the whole quotation.
    const open = quotes.find((x) => x.start <= drafts[n]!.start && drafts[n]!.start <= x.start + 1 && x.end > drafts[n]!.end + 1);
    if (open && !/[“”"]/.test(body.slice(drafts[n]!.end, open.end))) drafts[n] = { ...drafts[n]!, ...trimSpan(body, drafts[n]!.start, open.end) };
  }
  const reported = drafts.filter((d) => d.confirmed || (body.slice(d.start, d.end).match(/[\p{L}\p{N}]+/gu) ?? []).length >= MIN_CLAIM_WORDS);
  drafts.length = 0;
  drafts.push(...reported);
  // Direct quotes: speaker from a cue in the same sentence, else the sentence's subject, else (a split
  // quote: “…,” Mica said. “…”) the speaker of the quote just before it in the paragraph.
  const paragraphOf = (offset: number) => {
    const t = tokenAt(offset);
    return t >= 0 ? sentences[tokens[t]!.sentence]!.paragraph : -1;
  };
  const attributionAfter = (end: number): Span | null => {
    let k = tokens.findIndex((t) => t.start >= end);
    while (k >= 0 && k < tokens.length && /^[”"’']$/.test(tokens[k]!.text)) k++;
    if (k < 0 || k >= tokens.length || inQuote(tokens[k]!)) return null;
    // The attribution belongs to the quote's own paragraph ("“…?”" alone, then "Police said …" is a new paragraph).
    const before = tokenAt(end - 1);
    if (before < 0 || sentences[tokens[k]!.sentence]!.paragraph !== sentences[tokens[before]!.sentence]!.paragraph) return null;
    if (isSpeechVerb(tokens[k], cues)) {
      let e = k + 1;
      while (e < tokens.length && e < k + 7 && isNpToken(tokens[e]!) && tokens[e]!.pos !== 'ADP') e++;
      return e > k + 1 ? { start: tokens[k + 1]!.start, end: tokens[e - 1]!.end } : null;
    }
    let e = k;
    while (e < tokens.length && e < k + 6 && isNpToken(tokens[e]!) && tokens[e]!.pos !== 'ADP') e++;
    return e > k && isSpeechVerb(tokens[e], cues) ? { start: tokens[k]!.start, end: tokens[e - 1]!.end } : null;
  };
  let previous: Draft | null = null;
  // Sentences from the one the previous quote ends in to the one this quote starts in: the attribution's own, no more.
  // (From its cue or speaker when they come after it: “How many times …?” Flynn asked, … ends the quote's sentence before the attribution.)
  const sentenceGap = (prev: Draft, q: Span) => {
    const a = tokenAt(Math.max(prev.end, prev.cue?.end ?? 0, prev.source?.end ?? 0) - 1);
    const b = tokenAt(q.start);
    return a >= 0 && b >= 0 ? tokens[b]!.sentence - tokens[a]!.sentence : Infinity;
  };
  for (const q of quotes) {
    const ti = tokenAt(q.start);
    if (ti < 0) continue;
    const si = tokens[ti]!.sentence;
    // Claim contents are trimmed of wrapping quotation marks and final punctuation: compare the quote trimmed alike.
    const qt = trimSpan(body, q.start, q.end);
    const containing = drafts.filter((d) => !d.quote && d.start <= qt.start && qt.end <= d.end + 1).sort((a, b) => a.end - a.start - (b.end - b.start));
    const endTok = tokenAt(q.end - 1);
    const endSentence = endTok >= 0 ? tokens[endTok]!.sentence : si;
    const around =
      containing[0] ??
      drafts.find((d) => !d.quote && d.sentence === endSentence && d.cue !== null && d.cue.start >= q.end) ??
      drafts.find((d) => !d.quote && d.sentence === si);
    let source = around?.source ?? null;
    // "“How many times …?” Flynn asked, as …": a question or exclamation ends the quote's sentence before its
    // attribution, which then opens the next one (a name or pronoun and a speech verb, or the verb first).
    if (!source && /[?!]["”]?$/.test(body.slice(q.start, q.end).trim())) source = attributionAfter(q.end);
    if (!source) {
      const s = sentences[si]!;
      const firstEntity = input.entities.find((e) => e.start >= s.start && e.end <= q.start - 1 && (e.type === 'PERSON' || e.type === 'ORG'));
      if (firstEntity) source = { start: firstEntity.start, end: firstEntity.end };
      else {
        const pron = tokens.slice(s.tokenStart, ti).find((x) => /^(he|she|they|it)$/i.test(x.text) && x.end <= q.start);
        if (pron) source = { start: pron.start, end: pron.end };
      }
    }
    let draft: Draft = { start: q.start, end: q.end, quote: true, source, cue: around?.cue ?? null, sentence: si, relay: around?.relay ?? null, originFrom: around?.originFrom ?? null };
    if (!source && previous?.source && continuesQuote(body, previous, q) && paragraphOf(previous.start) === paragraphOf(q.start) && sentenceGap(previous, q) <= 1) {
      draft = { ...draft, source: previous.source, cue: previous.cue, relay: previous.relay, originFrom: previous.originFrom };
      // The continuation is said as much as the first part: a claim of the same speaker, not only a quote.
      drafts.push({ ...draft, ...trimSpan(body, q.start, q.end), quote: false });
    }
    drafts.push(draft);
    previous = draft;
    // A quotation of a whole statement with a speaker is a claim too, where no claim holds it or any part of
    // it (“What makes this new … a political party,” Schiff told Capital Download, “but …”: the cue's
    // content is the second part).
    const span = trimSpan(body, q.start, q.end);
    const words = (body.slice(span.start, span.end).match(/[\p{L}\p{N}]+/gu) ?? []).length;
    if (source && words >= QUOTE_CLAIM_WORDS && !drafts.some((d) => !d.quote && d.start < span.end && span.start < d.end)) drafts.push({ ...draft, ...span, quote: false });
  }
  drafts.sort((a, b) => a.start - b.start || Number(a.quote) - Number(b.quote));
  return buildChains(drafts, input, kids, dateline?.agency ?? null);
}

/**
 * The agency of a wire dateline opening the article ("MOSCOW, March 10 (AFP) –", "WASHINGTON (AP) —",
 * "March 10 (IANS) -"), with the offset where the story starts after its dash; null without one.
 */
export function wireDateline(body: string): { agency: string; end: number } | null {
  // A place in capitalised words, then a date ("March 10", "Oct. 9, 2016"), then the agency in brackets and a dash.
  const dateline = /^\s*(?:[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3},?\s*)?(?:[\p{Lu}][\p{L}]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*)?\(([\p{L}][\p{L}\p{N} .&'’-]{1,40})\)\s*[-–—]+\s*/u;
  // It opens the body, or the paragraph after a headline kept in the body (one short line first).
  const m = dateline.exec(body.slice(0, 160));
  if (m) return { agency: m[1]!.trim(), end: m[0].length };
  const nl = body.indexOf('\n');
  if (nl < 0 || nl > 250) return null;
  let from = nl;
  while (from < body.length && /\s/.test(body[from]!)) from++;
  const n = dateline.exec(body.slice(from, from + 160));
  return n ? { agency: n[1]!.trim(), end: from + n[0].length } : null;
}

/**
 * Whether quote `q` goes on from `prev` in the split-quote style of news writing: “…,” Rep. John
 * Mica said. “…” — between them only the attribution of the first (a short stretch without another
 * quotation, ending a sentence), so the second has the same speaker.
 */
export function continuesQuote(body: string, prev: { end: number }, q: { start: number }): boolean {
  const gap = body.slice(prev.end, q.start);
  // Another quotation between them is another voice, unless it is a scare quote of a few words ("is actually “reopening” its").
  const inner = gap.slice(1, -1).match(/[“"][^“”"]*[”"]/g) ?? [];
  if (gap.length > 160 || inner.some((x) => x.split(/\s+/).length > 3)) return false;
  // The attribution ends its sentence (a full stop or colon right before the next quote).
  return /[.:;]\s*[“"]?\s*$/.test(gap) && /\p{L}/u.test(gap);
}

/**
 * Whether cue i characterises its object in a clause of its own, by the parse: a characterisation
 * verb with an object and a predicate for it ("called the citation a ploy": obj + xcomp;
 * "described the showdown as ominous": obj + an "as" phrase), not inside a relative clause ("what
 * he called a stupid question" is no claim, by the gold guidelines).
 */
function characterises(tokens: readonly Token[], kids: readonly (readonly number[])[] | null, i: number, cues: Cues): boolean {
  const t = tokens[i]!;
  const lemma = t.lemma.toLowerCase();
  const naming = cues.namingVerbs.has(lemma);
  const comparing = cues.comparisonVerbs.has(lemma);
  if (!kids || !(naming || comparing || cues.characterisationVerbs.has(lemma)) || t.deprel === 'acl:relcl' || /^(what|which|whom)$/i.test(tokens[i - 1]?.text ?? '')) return false;
  const obj = kids[i]!.find((k) => k > i && tokens[k]!.deprel === 'obj');
  if (obj === undefined) return false;
  // The predicate may hang from the verb or, misattached, from a phrase after the object: look in the
  // verb's subtree past the object for a second noun phrase (xcomp, appos) or an "as" phrase.
  const below: number[] = [];
  const walk = (h: number, depth: number) => {
    for (const k of kids[h]!) {
      if (k <= obj || depth > 3 || /^(ccomp|parataxis|advcl:relcl|acl:relcl)$/.test(tokens[k]!.deprel)) continue;
      below.push(k);
      walk(k, depth + 1);
    }
  };
  walk(i, 0);
  walk(obj, 1);
  return below.some((k) => (naming && /^(xcomp|appos)$/.test(tokens[k]!.deprel) && /^(NOUN|ADJ|PROPN)$/.test(tokens[k]!.pos)) || (/^(case|mark)$/.test(tokens[k]!.deprel) && (tokens[k]!.lower === 'as' || (comparing && /^(to|with)$/.test(tokens[k]!.lower)))));
}

function mergeParagraphs(analysis: Analysis): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  let para = -1;
  for (const s of analysis.sentences) {
    if (s.paragraph !== para) {
      if (cur) out.push(cur);
      cur = { start: s.start, end: s.end };
      para = s.paragraph;
    } else cur = { start: cur!.start, end: s.end };
  }
  if (cur) out.push(cur);
  return out;
}

function isNpToken(t: Token, bodyNouns?: ReadonlyMap<string, unknown>): boolean {
  if (bodyNouns?.has(t.text.toLowerCase())) return true;
  if (/^['’]s$/.test(t.text) || t.text === '-' || /^[A-Z][\w.]*$/.test(t.text)) return true;
  if (['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'PRON'].includes(t.pos)) return !/^(that|which|who)$/i.test(t.text) || t.pos === 'DET';
  if (t.pos === 'ADP' && /^(of|with|from|in|at|for|across|within|near|among|inside)$/i.test(t.text)) return true;
  if (t.pos === 'VERB' && /^(familiar|briefed|informed|close)$/i.test(t.text)) return true;
  return false;
}

/** Whether a token or span lies inside one of the article's time expressions (a date is never a speaker). */
function inAnyTime(times: readonly Span[], x: { readonly start: number; readonly end: number }): boolean {
  return times.some((t) => t.start <= x.start && x.end <= t.end);
}

function isTimeish(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]!.text.toLowerCase();
  return /^(on|this|last|late|early|earlier|friday|monday|tuesday|wednesday|thursday|saturday|sunday|week|month|year|today|yesterday|publicly|privately|also|again|repeatedly|recently|in|a|statement)$/.test(w);
}

/** ", the ministry said" / ", Putin told reporters": a short noun phrase then a speech verb. */
function speechClauseAt(tokens: readonly Token[], from: number, end: number, cues: Cues): boolean {
  let k = from;
  while (k < end && k < from + 6 && isNpToken(tokens[k]!)) k++;
  while (k < end && (tokens[k]!.pos === 'ADV' || tokens[k]!.pos === 'AUX')) k++;
  return k > from && k < end && isSpeechVerb(tokens[k], cues) && !cues.quoteOnlyVerbs.has(tokens[k]!.lemma.toLowerCase());
}

/** A verb token whose lemma is a speech cue ("said", "told", "accused"). */
function isSpeechVerb(t: Token | undefined, cues: Cues): boolean {
  return !!t && t.pos === 'VERB' && cues.speechVerbs.has(t.lemma.toLowerCase());
}

function findBack(tokens: readonly Token[], from: number, stop: number, text: string): number {
  for (let k = from; k >= stop; k--) if (tokens[k]!.text === text) return k;
  return -1;
}

function buildChains(drafts: Draft[], input: AttributionInput, kids: readonly (readonly number[])[] | null, wire: string | null = null): Claim[] {
  const { body, entities, actors, cues, analysis, lexicon } = input;
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const personActors = new Set(entities.filter((e) => e.type === 'PERSON' && e.actor_id).map((e) => e.actor_id!));
  const claims: Claim[] = [];
  const resolved: { draft: Draft; speaker: Speaker; chain: ChainLink[] }[] = [];
  // Words inside quotation marks are the speaker's, not the narrator's: no antecedent for "he asked" after them.
  const quoted = drafts.filter((d) => d.quote);
  const inQuotation = (e: { start: number; end: number }) => quoted.some((q) => q.start <= e.start && e.end <= q.end);

  const speakerFor = (span0: Span | null, at: number): Speaker => {
    // A date is never a speaker ("… during Tuesday night's shooting, calling the claim …").
    if (!span0 || inAnyTime(input.times, span0)) return { name: null, code: null, anonymous: false, description: null, actor_id: null, start: null, end: null };
    // A speaker phrase that starts inside a name is the whole name ("[United States Citizenship and] Immigration Services, the agency …, said").
    const cut = entities.find((e) => e.start < span0.start && span0.start < e.end && e.end <= span0.end);
    // …and one that ends inside a name ends with it ("Reps. Anna" of "Reps. Anna Berg of Ohio").
    const cutEnd = entities.find((e) => e.start >= span0.start && e.start < span0.end && span0.end < e.end);
    const span = { start: cut ? cut.start : span0.start, end: cutEnd ? cutEnd.end : span0.end };
    const text = body.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    const inside = entities.filter((e) => e.start >= span.start && e.end <= span.end && e.actor_id);
    const rank = (e: EntityMention) => ({ PERSON: 4, ORG: 3, GPE: 2, NORP: 1, DATE: 0, NUMBER: 0 })[e.type];
    // Of two people, the one that ends the phrase is its head ("Trump attorney Alan Garten" is Garten).
    const atEnd = (e: EntityMention) => (e.end === span.end ? 0 : 1);
    const best = [...inside].sort((a, b) => rank(b) - rank(a) || atEnd(a) - atEnd(b) || a.start - b.start)[0];
    const words = text.toLowerCase().split(/\s+/);
    // The head noun comes before any modifier phrase: "a Western diplomat in Riyadh", "officials across the region".
    const prep = words.findIndex((w, n) => n > 0 && /^(in|of|from|at|across|within|near|among|inside|familiar|with|close|reached|based|who|briefed)$/.test(w));
    const head = (prep > 0 ? words[prep - 1] : words.at(-1))?.replace(/[^a-z]/g, '') ?? '';
    const headIsAnonymous = cues.anonymousHeads.has(head) || words.some((w) => w === 'sources');
    const headRole = lexicon.roles.get(normKey(head));
    // An organisation that only modifies the head ("Russia's UN ambassador") does not name the speaker.
    const modifierOnly = (e: EntityMention) => e.type === 'ORG' && !normKey(e.text).split(' ').includes(head);
    const country0 = inside.find((e) => e.type === 'GPE' || e.type === 'NORP');
    if (headRole && country0 && inside.every((e) => e.type === 'GPE' || e.type === 'NORP' || modifierOnly(e))) {
      // An unnamed collective or office of a country: "Saudi authorities", "US officials", "Russia's UN ambassador".
      const country = lexicon.names.get(normKey(country0.text))?.[0]?.country ?? null;
      return { name: text, code: country ? `${country}${headRole.role}` : null, anonymous: false, description: text, actor_id: null, ...span };
    }
    // "the Obama administration", "Clinton's campaign", "her campaign": a body led by a person speaks as that body,
    // named by the person's surname and the body noun ("Obama administration"), not as the person.
    if (cues.ledBodyNouns.has(head) && prep < 0) {
      // ("the administration" after "the Obama administration": the latest person named with that body before it.)
      const ledBefore = (e: EntityMention) => e.type === 'PERSON' && !!e.actor_id && e.end <= span.start && new RegExp(`^\\s+${head}\\b`, 'i').test(body.slice(e.end, e.end + head.length + 2));
      const leader = best?.type === 'PERSON' && best.end <= span.end - head.length ? best
        : /^(?:his|her)\s/i.test(text) && !best ? [...entities].reverse().find((e) => e.end <= span.start && e.type === 'PERSON' && e.actor_id)
          : /^the\s/i.test(text) && !best ? [...entities].reverse().find(ledBefore) : undefined;
      const a = leader ? actorById.get(leader.actor_id!) : undefined;
      if (a && leader) {
        const name = `${a.name.split(/\s+/).at(-1)} ${head}`;
        // An administration governs; a campaign, family or foundation is not its leader's office: the country alone.
        const code = a.country ? `${a.country}${head === 'administration' || head === 'government' ? 'GOV' : ''}` : a.code;
        return { name, code, anonymous: false, description: text, actor_id: null, ...span };
      }
    }
    // "the ministry", and "the influential US daily": a definite body noun, whatever places or adjectives qualify it,
    // names a body before it, not the place.
    // (One reading of "the [up to three modifiers] head" serves bodies here and personal titles below.)
    const described = /^the ((?:[\p{L}.'’-]+ ){0,3})([\p{L}-]+)$/iu.exec(text);
    const placeQualifiedBody = !!described && !!best && inside.every((e) => e.type === 'GPE' || e.type === 'NORP') && cues.bodyNouns.has(normKey(described[2]!));
    if (best && !(headIsAnonymous && best.type !== 'PERSON') && !placeQualifiedBody) {
      const a = actorById.get(best.actor_id!);
      return { name: a?.name ?? best.canonical, code: a?.code ?? null, anonymous: false, description: text === (a?.name ?? best.canonical) ? null : text, actor_id: best.actor_id, ...span };
    }
    // "the Security Council issued a statement calling …": a document speaks for whoever issued it.
    const doc = /^(?:a|an|the|its|their|his|her|this|that)\s+(?:[\p{L}-]+\s+)?([\p{L}]+)$/iu.exec(text);
    if (doc && cues.documentNouns.has(doc[1]!.toLowerCase()) && !best) {
      const head = analysis.tokens.findIndex((x) => x.start >= span.start && x.end === span.end);
      const verb = head >= 0 ? analysis.tokens[head]!.head : -1;
      if (kids && verb >= 0 && analysis.tokens[head]!.deprel === 'obj' && analysis.tokens[verb]!.pos === 'VERB') {
        const issuer = subjectPhrase(analysis.tokens, kids, verb);
        if (issuer && issuer.end <= span.start) {
          const inner = speakerFor({ start: issuer.start, end: issuer.end }, at);
          if (inner.name || inner.code) return { ...inner, description: text, ...span };
        }
      }
    }
    // "The ministry's statement", "the Kremlin's readout": the possessor speaks.
    const possessed = /^(.+?)['’]s (statement|readout|account|report|letter|communiqu[eé]|announcement|spokes(?:man|woman|person))$/iu.exec(text);
    if (possessed && possessed[1]!.length < text.length) {
      const inner = speakerFor({ start: span.start, end: span.start + possessed[1]!.length }, at);
      if (inner.name || inner.code) return { ...inner, description: text, ...span };
    }
    if (described && (!best || placeQualifiedBody)) {
      const headWord = normKey(described[2]!);
      // The latest organisation before it whose name ends with that word, else holds it ("the ministry" → "Ministry of Foreign Affairs").
      const before = [...entities].reverse().filter((e) => e.end <= span.start && e.type === 'ORG' && e.actor_id);
      // A generic noun for a body ("the group", "the newspaper"): the latest body named before it, in its own or the two
      // sentences before (a media one for a media noun).
      const here = analysis.sentences.findIndex((x) => x.start <= span.start && span.start < x.end);
      const recentFrom = analysis.sentences[Math.max(0, here - 2)]?.start ?? 0;
      const kind = cues.bodyNouns.get(headWord);
      const isMedia = (e: EntityMention) => actorById.get(e.actor_id!)?.role === 'MED';
      const prev =
        before.find((e) => normKey(e.text).split(' ').at(-1) === headWord) ??
        before.find((e) => normKey(e.text).split(' ').includes(headWord)) ??
        (kind ? before.find((e) => (kind === 'any' || isMedia(e)) && e.start >= recentFrom) : undefined);
      if (prev) {
        const a = actorById.get(prev.actor_id!);
        return { name: a?.name ?? prev.canonical, code: a?.code ?? null, anonymous: false, description: text, actor_id: prev.actor_id, ...span };
      }
    }
    // "the California congressman", "the Russian leader", "the Republican lawmaker": a definite description by role (a party before it only qualifies it)
    // names the latest person before it who holds that role (and is of that place, when one is given).
    const descRole = described && (!best || modifierOnly(best)) ? lexicon.roles.get(normKey(described[2]!)) : undefined;
    // Personal titles only ("the ministry" is a body, read above).
    if (described && descRole?.title) {
      const mods = described[1]!.trim();
      const noun = normKey(described[2]!);
      const place = mods ? lexicon.names.get(normKey(mods))?.find((e) => e.type === 'NORP' || e.type === 'GPE') : undefined;
      const before = [...entities].reverse().filter((e) => e.end <= span.start && e.type === 'PERSON' && !!e.actor_id);
      const fits = (e: EntityMention, byTitle: boolean) => {
        const a = actorById.get(e.actor_id!);
        if (!a || !(byTitle ? (a.title ?? '').toLowerCase().includes(noun) : a.role === descRole.role)) return false;
        return !place?.country || !a.country || a.country === place.country;
      };
      // Who bears that very title first ("the spokesman" after "Kremlin spokesman Dmitry Peskov"), else that role.
      const holder = before.find((e) => fits(e, true)) ?? before.find((e) => fits(e, false));
      if (holder) {
        const a = actorById.get(holder.actor_id!);
        return { name: a?.name ?? holder.canonical, code: a?.code ?? null, anonymous: false, description: text, actor_id: holder.actor_id, ...span };
      }
    }
    if (PRONOUNS.has(text.toLowerCase())) {
      const wantPerson = /^(he|she)$/i.test(text);
      // "..., it added": a pronoun source continues the previous claim's named source.
      const lastSentence = resolved.at(-1)?.draft.sentence;
      const last = resolved.filter((r) => r.draft.sentence === lastSentence && !r.draft.quote).sort((a, b) => a.chain.length - b.chain.length)[0];
      if (!wantPerson && last && !last.speaker.anonymous && last.speaker.name && last.draft.sentence >= (analysis.sentences.findIndex((x) => x.start <= span.start && span.start < x.end) - 1)) {
        return { ...last.speaker, description: text, ...span };
      }
      // "Azerbaijan's Defence Ministry gave a different account. It accused …": a possessor of a named body is not the antecedent; the body is.
      const possessor = (e: EntityMention) => /^['’]s\s/.test(body.slice(e.end, e.end + 3)) && entities.some((x) => x.type === 'ORG' && x.start === e.end + 3 && !!x.actor_id);
      const fits = (e: EntityMention) => e.end <= span.start && !!e.actor_id && (wantPerson ? e.type === 'PERSON' : e.type !== 'PERSON' && !possessor(e)) && !inQuotation(e);
      // The subject of the pronoun's own sentence first ("Trump scolded Doocy for asking what he called..."), else the latest fit.
      const sent = analysis.sentences.find((x) => x.start <= span.start && span.start < x.end);
      const prevSent = sent ? analysis.sentences[analysis.sentences.indexOf(sent) - 1] : undefined;
      // "He said getting Assad to leave was less important … “Assad is secondary,” he said": a person who spoke in the
      // sentence before (as resolved) outranks other people named in it.
      const spokeBefore = wantPerson && sent && prevSent
        ? resolved.filter((r) => !r.draft.quote && r.speaker.actor_id && personActors.has(r.speaker.actor_id) && r.draft.start >= prevSent.start && r.draft.end <= span.start).at(-1)
        : undefined;
      if (spokeBefore && !entities.some((e) => sent && e.start >= sent.start && fits(e))) return { ...spokeBefore.speaker, description: text, ...span };
      const prev = wantPerson
        ? (entities.find((e) => sent && e.start >= sent.start && fits(e)) ??
          entities.find((e) => prevSent && e.start >= prevSent.start && e.end <= prevSent.end && fits(e)) ??
          [...entities].reverse().find(fits))
        : (entities.find((e) => prevSent && e.start >= prevSent.start && e.end <= prevSent.end && fits(e)) ?? [...entities].reverse().find(fits));
      if (prev) {
        const a = actorById.get(prev.actor_id!);
        return { name: a?.name ?? prev.canonical, code: a?.code ?? null, anonymous: false, description: text, actor_id: prev.actor_id, ...span };
      }
    }
    if (headIsAnonymous || cues.anonymousHeads.has(head)) {
      // A group named by nationality and role ("Saudi authorities", "US officials") is coded, still unnamed.
      const norp = inside.find((e) => e.type === 'NORP' || e.type === 'GPE');
      const role = lexicon.roles.get(normKey(head));
      const country = norp ? (lexicon.names.get(normKey(norp.text))?.[0]?.country ?? null) : null;
      return { name: null, code: country && role ? `${country}${role.role}` : null, anonymous: true, description: text, actor_id: null, ...span };
    }
    void at;
    const group = inside[0] ?? entities.find((e) => e.start >= span.start && e.end <= span.end);
    if (group) return { name: text, code: null, anonymous: false, description: text, actor_id: null, ...span };
    return { name: text, code: null, anonymous: false, description: text, actor_id: null, ...span };
  };

  const link = (sp: Speaker, kind: ChainLink['kind']): ChainLink => ({ name: sp.name ?? sp.description ?? 'unknown source', kind, code: sp.code, anonymous: sp.anonymous });
  // The dateline's agency as a chain link, named as the lexicon names it ("AFP" -> "Agence France-Presse").
  const wireEntry = wire ? lexicon.names.get(normKey(wire))?.find((e) => e.kind === 'media') : undefined;
  const wireAgency: ChainLink | null = wire ? { name: wireEntry?.canonical ?? wire, kind: 'relay', code: wireEntry ? `${wireEntry.country ?? ''}MED` : null, anonymous: false } : null;
  /** Two names of one outlet: equal keys, or one the first word(s) of the other ("Meridian", "Meridian Regional Wire"). */
  const sameOutlet = (a: string, b: string | null) => {
    if (!b) return false;
    const x = normKey(a);
    const y = normKey(b);
    const outlet = (k: string) => lexicon.names.get(k)?.find((e) => e.kind === 'media')?.canonical;
    return x === y || y.startsWith(`${x} `) || x.startsWith(`${y} `) || (outlet(x) !== undefined && outlet(x) === outlet(y));
  };

  drafts.forEach((d) => {
    let speaker = speakerFor(d.source, d.start);
    const sourceText = d.source ? normKey(body.slice(d.source.start, d.source.end)) : '';
    let chain: ChainLink[] = [];
    const anaphoric = d.source && (cues.anaphoric.has(body.slice(d.source.start, d.source.end).toLowerCase().trim()) || /^(the|this|that)\s+(statement|readout|account|report|sources?)$/.test(sourceText));
    if (anaphoric) {
      // "According to the sources", "The statement did not disclose": the earlier source's chain.
      const wantAnonymous = /source/.test(sourceText);
      const prev = [...resolved].reverse().find((r) => (wantAnonymous ? r.speaker.anonymous : !r.speaker.anonymous && r.draft.source) && r.draft.start < d.start);
      if (prev) {
        speaker = { ...prev.speaker, description: body.slice(d.source!.start, d.source!.end), start: d.source!.start, end: d.source!.end };
        chain = prev.chain.map((l) => ({ ...l }));
      }
    }
    if (chain.length === 0) {
      if (d.originFrom) {
        const origin = speakerFor(d.originFrom, d.start);
        chain.push(link(origin, 'speaker'), link(speaker, 'relay'));
        speaker = origin;
      } else chain.push(link(speaker, 'speaker'));
      if (d.relay) {
        const r = speakerFor(d.relay, d.start);
        if (r.code && /MED$/.test(r.code)) chain.push(link(r, 'relay'));
        else {
          // "told Bill O'Reilly of Fox News": a journalist's outlet relays it.
          const outlet = entities.find((e) => e.start >= d.relay!.start && e.end <= d.relay!.end && e.actor_id && /MED$/.test(actorById.get(e.actor_id)?.code ?? ''));
          const a = outlet ? actorById.get(outlet.actor_id!) : undefined;
          if (a) chain.push({ name: a.name, kind: 'relay', code: a.code, anonymous: false });
        }
      }
      // Claims whose cue sits inside another claim's content were relayed by that claim's source.
      const outers = resolved.filter((r) => !r.draft.quote && r.draft !== d && r.draft.start <= (d.cue?.start ?? d.start) && (d.cue?.end ?? d.end) <= r.draft.end && r.draft.sentence === d.sentence);
      for (const o of outers.sort((a, b) => (b.draft.start - a.draft.start) || (a.draft.end - b.draft.end))) {
        for (const l of o.chain) if (l.kind !== 'publisher' && !chain.some((c) => c.name === l.name)) chain.push({ ...l, kind: 'relay' });
      }
      // A cue with no speaker of its own inside another claim ("…, calling the claim a fabrication") is that claim's speaker's.
      if (!speaker.name && !speaker.code && !speaker.anonymous && chain.length > 1 && outers.length) {
        const outer = outers.sort((a, b) => b.draft.start - a.draft.start)[0]!;
        chain.shift();
        speaker = { ...outer.speaker };
      }
    }
    const publisher = input.publisher;
    // The publisher's own (earlier) reporting is not a link of its chain ("Earlier, Legit.ng reported that X, Saudi authorities confirmed").
    chain = chain.filter((l) => l.kind !== 'publisher' && !(publisher && chain.length > 1 && sameOutlet(l.name, publisher)));
    // A wire dateline: the whole story reached the publisher through that agency (unless it is the publisher's own).
    if (wireAgency && !sameOutlet(wireAgency.name, publisher) && !chain.some((l) => sameOutlet(l.name, wireAgency.name))) chain.push({ ...wireAgency });
    if (publisher) {
      if (chain.at(-1)?.name === publisher) chain[chain.length - 1] = { ...chain.at(-1)!, kind: 'publisher' };
      else chain.push({ name: publisher, kind: 'publisher', code: null, anonymous: false });
    }
    if (chain[0] && chain[0].kind !== 'publisher') chain[0] = { ...chain[0], kind: 'speaker' };
    resolved.push({ draft: d, speaker, chain });
  });
  // One claim per span: a report inside another by the same speaker is the same claim ("thanked Moscow
  // for what he called [its principled stance]").
  const who = (r: (typeof resolved)[number]) => r.speaker.actor_id ?? (r.speaker.name ?? '').toLowerCase();
  for (let n = resolved.length - 1; n >= 0; n--) {
    const r = resolved[n]!;
    if (r.draft.quote || !who(r)) continue;
    const inside = resolved.some((o) => o !== r && !o.draft.quote && o.draft.start <= r.draft.start && r.draft.end <= o.draft.end && o.draft.end - o.draft.start > r.draft.end - r.draft.start && who(o) === who(r));
    if (inside) resolved.splice(n, 1);
  }
  // "According to Al Jazeera, the Kremlin said Putin confirmed ...": Al Jazeera's report is the inner
  // claim's relay link (Kremlin → Al Jazeera → publisher), not a second claim whose content is a report.
  for (let n = resolved.length - 1; n >= 0; n--) {
    const r = resolved[n]!;
    if (r.draft.quote || !r.draft.according) continue;
    const relayed = r.chain[0];
    const inner = resolved.some(
      (o) => o !== r && !o.draft.quote && o.draft.cue && o.draft.cue.start >= r.draft.start && o.draft.cue.end <= r.draft.end && relayed && o.chain.some((l, k) => k > 0 && l.kind !== 'publisher' && l.name === relayed.name),
    );
    if (inner) resolved.splice(n, 1);
  }
  // Quotes inherit the chain of the reported-speech claim around them.
  for (const r of resolved) {
    if (!r.draft.quote) continue;
    const qt = trimSpan(body, r.draft.start, r.draft.end);
    const around = resolved
      .filter((o) => !o.draft.quote && o.draft.start <= qt.start && qt.end <= o.draft.end + 1)
      .sort((a, b) => a.draft.end - a.draft.start - (b.draft.end - b.draft.start))[0];
    if (around) {
      r.speaker = around.speaker;
      r.chain = around.chain;
    }
  }
  resolved.forEach((r, n) => {
    const d = r.draft;
    const text = body.slice(d.start, d.end);
    // Negation and hedging are read in the content and between the source and the cue
    // ("did not disclose", "reportedly said"), never in the cue word itself.
    const between = d.cue && d.source && d.source.end <= d.cue.start ? body.slice(d.source.end, d.cue.start) : '';
    const words = negationWords(`${between} ${text}`, cues);
    claims.push({
      id: `c${n + 1}`,
      text,
      start: d.start,
      end: d.end,
      quote: d.quote,
      speaker: r.speaker,
      cue: d.cue ? { text: body.slice(d.cue.start, d.cue.end), ...d.cue } : null,
      chain: r.chain,
      negated: negates(words, cues),
      hedged: words.some((w) => cues.hedges.has(w)),
      sentence: d.sentence,
    });
  });
  return claims;
}

/** A quotation of this many words or more is a statement of its own, a claim where nothing else claims it. */
const QUOTE_CLAIM_WORDS = 6;

/** Fewer words than this make no claim ("the claim", "strongly"); quotes are kept whatever their length. */
const MIN_CLAIM_WORDS = 3;
/** Prepositions that open a circumstance after a speech verb rather than its content. */
const CIRCUMSTANCE_PREPOSITIONS = /^(with|without|amid|despite|during|for|in|on|at|by|after|before|from|under|over|following|ahead)$/i;

/**
 * Whether the words [from, to) form an adverbial clause or phrase of the cue at i ("When Putin called
 * Pezeshkian on Friday, the Kremlin said little"): its head, the one token whose head lies outside
 * the span, depends on the cue as advcl, obl or advmod. Without a parse, false.
 */
function adverbialOf(tokens: readonly Token[], from: number, to: number, i: number): boolean {
  const main = headsOutside(tokens, from, to).filter((k) => tokens[k]!.deprel !== 'punct');
  return main.length === 1 && tokens[main[0]!]!.head === i && /^(advcl|obl|advmod|obl:tmod)$/.test(tokens[main[0]!]!.deprel);
}

/** A preposition heading a phrase ("for", "on"), not a subordinator tagged as one ("even as the Kremlin states"). */
function isPreposition(t: Token): boolean {
  return t.pos === 'ADP' && t.deprel !== 'mark' && !/^(as|while|because|since|after|before|although|though|if|when|whereas|until|once|than)$/i.test(t.text);
}

/** Relations that stay inside a subject's noun phrase. */
const SUBJECT_NP = new Set(['compound', 'flat', 'flat:name', 'amod', 'det', 'nmod:poss', 'nmod:desc', 'nummod', 'case', 'obl', 'advmod']);

/**
 * The noun phrase that is the parsed subject of verb i (its nsubj, without relative clauses,
 * appositions or prepositional attachments other than those of an adjective: "sources familiar
 * with the matter"), as offsets and its head token. Null when the verb has no nominal subject
 * before it; a relative pronoun is not a subject phrase.
 */
export function subjectPhrase(tokens: readonly Token[], kids: readonly (readonly number[])[], i: number): { start: number; end: number; head: number } | null {
  const subj = kids[i]!.find((k) => k < i && tokens[k]!.deprel === 'nsubj');
  if (subj === undefined || (tokens[subj]!.pos === 'PRON' && /^(who|which|that)$/i.test(tokens[subj]!.text))) return null;
  // "panel Chairman Rep. Jason Chaffetz (R-Utah) said", "the company's chief, John Smith, said": a common noun
  // with a name in apposition speaks through the name.
  const named = tokens[subj]!.pos === 'NOUN' ? kids[subj]!.find((k) => k > subj && k - subj <= 4 && k < i && tokens[k]!.deprel === 'appos' && tokens[k]!.pos === 'PROPN') : undefined;
  if (named !== undefined) return nounPhrase(tokens, kids, named, i) ?? nounPhrase(tokens, kids, subj, i);
  return nounPhrase(tokens, kids, subj, i);
}

/**
 * The speaker of cue i as the parse gives it where the words before the cue do not: its subject,
 * the noun a relative clause describes ("an architect who said he was stiffed"), or the subject of
 * the verb it is conjoined to ("Mr. Schultz supported Democrats … and said he did not").
 */
export function parsedSpeaker(tokens: readonly Token[], kids: readonly (readonly number[])[], i: number): { start: number; end: number; head: number } | null {
  const direct = subjectPhrase(tokens, kids, i);
  if (direct) return direct;
  const t = tokens[i]!;
  const rel = kids[i]!.find((k) => k < i && tokens[k]!.deprel === 'nsubj' && /^(who|that)$/i.test(tokens[k]!.text));
  if (rel !== undefined && t.deprel === 'acl:relcl' && t.head >= 0 && t.head < i) return nounPhrase(tokens, kids, t.head, rel);
  if (t.deprel === 'conj' && t.head >= 0 && t.head < i && tokens[t.head]!.pos === 'VERB') return subjectPhrase(tokens, kids, t.head);
  // "…, the mayor said, adding that …": a participle's speaker is its clause's.
  if (/^(advcl|xcomp)$/.test(t.deprel) && /ing$/i.test(t.text) && t.head >= 0 && t.head < i && tokens[t.head]!.pos === 'VERB') return subjectPhrase(tokens, kids, t.head);
  return null;
}

/** The noun phrase headed by token `subj` (compounds, names, adjectives, determiners, possessors); null if it reaches `limit`. */
function nounPhrase(tokens: readonly Token[], kids: readonly (readonly number[])[], subj: number, limit: number): { start: number; end: number; head: number } | null {
  let lo = subj;
  let hi = subj;
  const visit = (h: number, depth: number): void => {
    for (const k of kids[h]!) {
      const t = tokens[k]!;
      // Prepositional attachments only under an adjective ("familiar with"), never under the head noun ("Putin on Tuesday").
      if ((t.deprel === 'obl' || t.deprel === 'case' || t.deprel === 'advmod') && tokens[h]!.pos !== 'ADJ' && !(t.deprel === 'case' && tokens[h]!.deprel === 'nmod:poss')) continue;
      if (!SUBJECT_NP.has(t.deprel) || depth > 4) continue;
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
      visit(k, depth + 1);
    }
  };
  visit(subj, 0);
  if (hi >= limit) return null;
  return { start: tokens[lo]!.start, end: tokens[hi]!.end, head: subj };
}
