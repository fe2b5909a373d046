import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Span } from '../types/article.js';

/** One token with exact offsets into the article body. */
export interface Token extends Span {
  readonly text: string;
  /** Universal POS tag from wink-nlp's English model (PROPN, NOUN, VERB, ...). */
  readonly pos: string;
  readonly lemma: string;
  /** Index of the sentence holding this token. */
  readonly sentence: number;
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

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;
function engine(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/**
 * Sentences and tokens for a body, one paragraph at a time (wink does not treat blank lines
 * as boundaries). Offsets are recovered by locating each token in the paragraph text, so they
 * are exact whatever wink normalises.
 */
export function analyse(body: string, paragraphs: readonly Paragraph[]): Analysis {
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
    const spans = doc.sentences().out(its.span) as unknown as [number, number][];
    for (const [a, b] of spans) {
      if (a >= values.length) continue;
      const first = tokens.length;
      const si = sentences.length;
      for (let i = a; i <= b && i < values.length; i++) {
        const start = p.start + offsets[i]!;
        // Re-join a masked domain ("Legit" "․" "ng") into one token.
        const prev = tokens[tokens.length - 1];
        if (prev && tokens.length > first && (values[i] === '\u2024' || masked[offsets[i]! - 1] === '\u2024') && prev.end === start) {
          tokens[tokens.length - 1] = { ...prev, end: start + values[i]!.length, text: body.slice(prev.start, start + values[i]!.length) };
          continue;
        }
        tokens.push({ start, end: start + values[i]!.length, text: body.slice(start, start + values[i]!.length), pos: pos[i] ?? 'X', lemma: lemmas[i] ?? values[i]!.toLowerCase(), sentence: si });
      }
      if (tokens.length === first) continue;
      sentences.push({ start: tokens[first]!.start, end: tokens[tokens.length - 1]!.end, tokenStart: first, tokenEnd: tokens.length, paragraph: pi });
    }
  });
  return { sentences, tokens };
}
