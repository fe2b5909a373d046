/** CoNLL-U reading and writing (https://universaldependencies.org/format.html), word lines only. */

/** One syntactic word of a sentence (multiword-token ranges and empty nodes are not words). */
export interface ConlluWord {
  readonly form: string;
  readonly lemma: string;
  readonly upos: string;
  readonly xpos: string;
  /** 1-based index of the head word; 0 for the root; -1 when the column is '_'. */
  readonly head: number;
  readonly deprel: string;
}

export interface ConlluSentence {
  /** Every line of the sentence as read (comments, ranges, empty nodes, words), for rewriting. */
  readonly lines: readonly string[];
  /** Index into `lines` of each word's line. */
  readonly wordLines: readonly number[];
  readonly words: readonly ConlluWord[];
}

export class ConlluError extends Error {
  constructor(message: string, readonly line: number) {
    super(`CoNLL-U line ${line}: ${message}`);
  }
}

/** Sentences of a CoNLL-U text. Throws ConlluError (with the line number) on a malformed word line. */
export function readConllu(text: string): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let lines: string[] = [];
  let wordLines: number[] = [];
  let words: ConlluWord[] = [];
  const flush = () => {
    if (words.length > 0 || lines.length > 0) {
      if (words.length > 0) out.push({ lines, wordLines, words });
      lines = [];
      wordLines = [];
      words = [];
    }
  };
  const all = text.split(/\r?\n/);
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    lines.push(line);
    if (line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols.length !== 10) throw new ConlluError(`expected 10 tab-separated columns, found ${cols.length}`, n + 1);
    const id = cols[0]!;
    if (/^\d+-\d+$/.test(id) || /^\d+\.\d+$/.test(id)) continue;
    if (!/^\d+$/.test(id)) throw new ConlluError(`bad ID "${id}"`, n + 1);
    if (Number(id) !== words.length + 1) throw new ConlluError(`word ID ${id} out of sequence (expected ${words.length + 1})`, n + 1);
    const head = cols[6] === '_' ? -1 : Number(cols[6]);
    if (!Number.isInteger(head)) throw new ConlluError(`bad HEAD "${cols[6]}"`, n + 1);
    wordLines.push(lines.length - 1);
    words.push({ form: cols[1]!, lemma: cols[2]!, upos: cols[3]!, xpos: cols[4]!, head, deprel: cols[7]! });
  }
  flush();
  return out;
}

/** Analysis to write into a sentence: one value per word. */
export interface SentenceParse {
  readonly upos: readonly string[];
  readonly xpos?: readonly string[];
  readonly head: readonly number[];
  readonly deprel: readonly string[];
}

/** The sentence's lines with UPOS, (XPOS,) HEAD and DEPREL replaced; everything else kept as read. */
export function rewriteConllu(s: ConlluSentence, p: SentenceParse): string {
  const lines = [...s.lines];
  s.wordLines.forEach((li, i) => {
    const cols = lines[li]!.split('\t');
    cols[3] = p.upos[i] ?? '_';
    if (p.xpos) cols[4] = p.xpos[i] ?? '_';
    cols[6] = String(p.head[i] ?? 0);
    cols[7] = p.deprel[i] ?? 'dep';
    lines[li] = cols.join('\t');
  });
  return `${lines.join('\n')}\n\n`;
}

/** A new CoNLL-U sentence from plain words and their analysis. */
export function formatConllu(words: readonly string[], p: SentenceParse & { lemma?: readonly string[] }, comments: readonly string[] = []): string {
  const clean = (x: string) => x.replace(/[\t\n\r]/g, ' ') || '_';
  const rows = words.map((w, i) => [String(i + 1), clean(w), clean(p.lemma?.[i] ?? '_'), p.upos[i] ?? '_', p.xpos?.[i] ?? '_', '_', String(p.head[i] ?? 0), p.deprel[i] ?? 'dep', '_', '_'].join('\t'));
  return `${[...comments.map((c) => `# ${c.replace(/[\n\r]/g, ' ')}`), ...rows].join('\n')}\n\n`;
}
