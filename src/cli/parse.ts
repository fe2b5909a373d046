import { readFileSync } from 'node:fs';
import { ConlluError, formatConllu, readConllu, rewriteConllu } from '../nlp/conllu.js';
import { parseWords } from '../nlp/parser/index.js';
import { parseText } from '../nlp/parse-text.js';
import { usageError } from '../errors.js';
import { type CommandContext } from './context.js';
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

/**
 * `wirescope parse [FILE|-] [--from text|conllu] [--format conllu|json]`: tag and parse. From
 * CoNLL-U, the input's sentences and tokens are kept exactly and UPOS, XPOS, HEAD and DEPREL are
 * filled; from text, the project's own sentence splitter and tokenizer run first.
 */
export async function runParse(file: string | undefined, opts: ParseOptions, ctx: CommandContext): Promise<number> {
  const from = opts.from ?? 'text';
  const format = opts.format ?? 'conllu';
  if (from !== 'text' && from !== 'conllu') throw usageError(`--from must be "text" or "conllu", not "${from}"`);
  if (format !== 'conllu' && format !== 'json') throw usageError(`--format must be "conllu" or "json", not "${format}"`);
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
  const parsed = parseText(input);
  if (format === 'conllu') {
    parsed.forEach((s, si) => {
      const p = { upos: s.tokens.map((t) => t.upos), xpos: s.tokens.map((t) => t.xpos), head: s.tokens.map((t) => t.head), deprel: s.tokens.map((t) => t.deprel), lemma: s.tokens.map((t) => inert(t.lemma)) };
      ctx.io.out(formatConllu(s.tokens.map((t) => inert(t.form)), p, [`sent_id = ${si + 1}`, `text = ${inert(s.text).replace(/\s+/g, ' ')}`]));
    });
  } else ctx.io.out(json({ sentences: parsed }));
  return 0;
}
