import type { Paragraph } from '../types/article.js';
import { analyse } from './analyse.js';
import { parseWords } from './parser/index.js';

/** One parsed word: offsets into the text, tags, lemma, and its head (1-based in the sentence, 0 for the root). */
export interface ParsedToken {
  readonly id: number;
  readonly form: string;
  readonly start: number;
  readonly end: number;
  readonly lemma: string;
  readonly upos: string;
  readonly xpos: string;
  readonly head: number;
  readonly deprel: string;
}

export interface ParsedSentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokens: ParsedToken[];
}

/** Paragraphs of plain text: blocks between blank lines, with their offsets. */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ start: m.index + lead, end: m.index + lead + body.length, kind: 'text' });
  }
  return out;
}

/**
 * Split, tokenize, tag and dependency-parse plain text with the shipped model (Universal
 * Dependencies v2 relations). Pure: text in, sentences out, every token with offsets into `text`.
 */
export function parseText(text: string): ParsedSentence[] {
  const { sentences, tokens } = analyse(text, paragraphsOf(text));
  return sentences.map((s) => {
    const toks = tokens.slice(s.tokenStart, s.tokenEnd);
    const p = parseWords(toks.map((t) => t.text));
    return {
      start: s.start, end: s.end, text: text.slice(s.start, s.end),
      tokens: toks.map((t, i) => ({ id: i + 1, form: t.text, start: t.start, end: t.end, lemma: t.lemma, upos: p.upos[i]!, xpos: p.xpos[i]!, head: p.head[i]!, deprel: p.deprel[i]! })),
    };
  });
}
