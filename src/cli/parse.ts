import { readFileSync } from 'node:fs';
import { analyse } from '../nlp/analyse.js';
import { ConlluError, formatConllu, readConllu, rewriteConllu } from '../nlp/conllu.js';
import { parseWords } from '../nlp/parser/index.js';
import type { Paragraph } from '../types/article.js';
import { UsageError, type CommandContext } from './context.js';
import { inert, json } from './output.js';

export interface ParseOptions {
  readonly from?: string;
  readonly format?: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Paragraphs of plain text: blocks between blank lines. */
function paragraphsOf(text: string): Paragraph[] {
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
 * `wirescope parse [FILE|-] [--from text|conllu] [--format conllu|json]`: tag and parse. From
 * CoNLL-U, the input's sentences and tokens are kept exactly and UPOS, XPOS, HEAD and DEPREL are
 * filled; from text, the project's own sentence splitter and tokenizer run first.
 */
export async function runParse(file: string | undefined, opts: ParseOptions, ctx: CommandContext): Promise<number> {
  const from = opts.from ?? 'text';
  const format = opts.format ?? 'conllu';
  if (from !== 'text' && from !== 'conllu') throw new UsageError(`--from must be "text" or "conllu", not "${from}"`);
  if (format !== 'conllu' && format !== 'json') throw new UsageError(`--format must be "conllu" or "json", not "${format}"`);
  let input: string;
  try {
    input = !file || file === '-' ? await readAll(ctx.stdin ?? process.stdin) : readFileSync(file, 'utf8');
  } catch (e) {
    ctx.io.err(`wirescope: cannot read ${inert(file ?? 'standard input')}: ${inert((e as Error).message)}\n`);
    return 1;
  }
  if (from === 'conllu') {
    let sentences;
    try {
      sentences = readConllu(input);
    } catch (e) {
      if (e instanceof ConlluError) {
        ctx.io.err(`wirescope: ${inert(file ?? 'stdin')}: ${inert(e.message)}\n`);
        return 1;
      }
      throw e;
    }
    const parsed = sentences.map((s) => ({ s, p: parseWords(s.words.map((w) => w.form)) }));
    if (format === 'conllu') for (const { s, p } of parsed) ctx.io.out(rewriteConllu(s, p));
    else ctx.io.out(json({ sentences: parsed.map(({ s, p }) => ({ tokens: s.words.map((w, i) => ({ id: i + 1, form: w.form, upos: p.upos[i], xpos: p.xpos[i], head: p.head[i], deprel: p.deprel[i] })) })) }));
    return 0;
  }
  const { sentences, tokens } = analyse(input, paragraphsOf(input));
  const out = sentences.map((s, si) => {
    const toks = tokens.slice(s.tokenStart, s.tokenEnd);
    const p = parseWords(toks.map((t) => t.text));
    return { si, s, toks, p };
  });
  if (format === 'conllu') {
    for (const { si, s, toks, p } of out) {
      ctx.io.out(formatConllu(toks.map((t) => inert(t.text)), { ...p, lemma: toks.map((t) => inert(t.lemma)) }, [`sent_id = ${si + 1}`, `text = ${inert(input.slice(s.start, s.end)).replace(/\s+/g, ' ')}`]));
    }
  } else {
    ctx.io.out(json({
      sentences: out.map(({ s, toks, p }) => ({
        start: s.start, end: s.end, text: input.slice(s.start, s.end),
        tokens: toks.map((t, i) => ({ id: i + 1, form: t.text, start: t.start, end: t.end, lemma: t.lemma, upos: p.upos[i], xpos: p.xpos[i], head: p.head[i], deprel: p.deprel[i] })),
      })),
    }));
  }
  return 0;
}
