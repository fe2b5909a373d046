import { outdatedForCoding, type Annotations } from '../annotate/annotate.js';
import { analysisFromAnnotations, type Analysis } from '../nlp/analyse.js';
import type { Article } from '../types/article.js';
import { openStore } from '../app/store.js';
import { notFound } from '../errors.js';
import { type CommandContext } from './context.js';
import { inert, json } from './output.js';

export interface ShowOptions {
  readonly json?: boolean;
  readonly annotations?: boolean;
  /** With the annotations, each sentence's tokens (tag, lemma, head, relation). */
  readonly parse?: boolean;
}

/** One token as `show --parse --json` prints it; head is 1-based within the sentence (0: root; null: not parsed), as in CoNLL-U. */
export interface ShownToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly pos: string;
  readonly lemma: string;
  readonly head: number | null;
  readonly deprel: string;
}

/** Sentence si's tokens from the analysis rebuilt from the stored columns, with sentence-relative heads. */
export function sentenceTokens(analysis: Analysis, si: number): ShownToken[] {
  const s = analysis.sentences[si]!;
  return analysis.tokens.slice(s.tokenStart, s.tokenEnd).map((t) => ({
    text: t.text, start: t.start, end: t.end, pos: t.pos, lemma: t.lemma,
    head: t.deprel === '' && t.head < 0 ? null : t.head < 0 ? 0 : t.head - s.tokenStart + 1,
    deprel: t.deprel,
  }));
}

/** CoNLL-U-like lines: ID, FORM, LEMMA, UPOS, HEAD, DEPREL ('_' when not parsed) and the token's offsets. */
function conllLines(tokens: readonly ShownToken[]): string[] {
  return tokens.map((t, k) => `    ${[k + 1, inert(t.text), inert(t.lemma), t.pos, t.head ?? '_', t.deprel || '_', `${t.start}-${t.end}`].join('\t')}`);
}

/** Sentence by sentence: who is named, when, and who says so, each with its offsets. */
export function renderAnnotations(a: Article, n: Annotations, parse = false): string {
  const lines: string[] = ['', `Annotations (annotator v${n.annotator_version})`, '-'.repeat(28)];
  if (n.skipped) {
    lines.push(`  not annotated: ${n.skipped}`);
    return `${lines.join('\n')}\n`;
  }
  const actors = new Map(n.actors.map((x) => [x.id, x]));
  const analysis = parse ? analysisFromAnnotations(a.body, n) : null;
  n.sentences.forEach((s, i) => {
    const inS = <T extends { start: number; end: number }>(xs: readonly T[]) => xs.filter((x) => x.start >= s.start && x.start < s.end);
    lines.push(`[${s.start}-${s.end}] S${i + 1}: ${inert(a.body.slice(s.start, s.end))}`);
    const ents = inS(n.entities);
    if (ents.length)
      lines.push(
        `    who:   ${ents
          .map((e) => {
            const actor = e.actor_id ? actors.get(e.actor_id) : undefined;
            return `${inert(e.text)} [${e.type}${e.canonical !== e.text ? ` = ${inert(e.canonical)}` : ''}${actor ? `, ${actor.code}` : ''}]`;
          })
          .join('; ')}`,
      );
    const times = inS(n.times);
    if (times.length) lines.push(`    when:  ${times.map((t) => `${inert(t.text)} = ${t.value ?? '?'} (${t.precision ?? 'vague'})`).join('; ')}`);
    for (const c of n.claims.filter((c) => c.sentence === i)) {
      const flags = [c.quote ? 'quote' : 'reported', c.negated ? 'negated' : '', c.hedged ? 'hedged' : '', c.tone ? `tone ${c.tone}` : ''].filter(Boolean).join(', ');
      lines.push(`    says:  ${c.chain.map((l) => `${inert(l.name)}${l.anonymous ? ' (anonymous)' : ''}`).join(' → ')}  [${flags}] [${c.start}-${c.end}]`);
      lines.push(`           "${inert(c.text.length > 160 ? `${c.text.slice(0, 159)}…` : c.text)}"`);
    }
    if (analysis) lines.push('    tokens (ID FORM LEMMA UPOS HEAD DEPREL offsets):', ...conllLines(sentenceTokens(analysis, i)));
  });
  lines.push('', 'Actors:');
  for (const x of n.actors) lines.push(`  ${x.code.padEnd(8)} ${inert(x.name)} (${x.mentions})`);
  return `${lines.join('\n')}\n`;
}

export function renderArticle(a: Article): string {
  const lines: string[] = [];
  lines.push(inert(a.title ?? '(untitled)'));
  lines.push('='.repeat(Math.min(80, Math.max(10, (a.title ?? '').length))));
  const date = a.published ? `${a.published} (${a.published_precision})` : '(no publication date)';
  lines.push(`id:        ${a.id}`);
  lines.push(`outlet:    ${inert(a.outlet ?? '(unknown)')}`);
  lines.push(`published: ${date}`);
  lines.push(`url:       ${inert(a.url ?? '(none)')}`);
  lines.push(`language:  ${a.language}    format: ${a.format}    source: ${inert(a.source_path)}${a.source_locator ? ` (${a.source_locator})` : ''}`);
  if (a.byline) lines.push(`byline:    ${inert(a.byline)}`);
  if (a.duplicate_of) lines.push(`copy of:   ${a.duplicate_of} (similarity ${a.duplicate_similarity?.toFixed(2)})`);
  lines.push('');
  for (const p of a.paragraphs) {
    const text = inert(a.body.slice(p.start, p.end));
    lines.push(`[${p.start}-${p.end}] ${p.kind === 'heading' ? `## ${text}` : p.kind === 'quote' ? `> ${text}` : p.kind === 'list' ? `- ${text}` : text}`);
    lines.push('');
  }
  if (a.captions.length) {
    lines.push('Kept apart from the body (captions, credits, links):');
    for (const c of a.captions) lines.push(`  ${c.kind.padEnd(8)} ${inert(c.text)}`);
    lines.push('');
  }
  if (a.warnings.length) {
    lines.push('Warnings:');
    for (const w of a.warnings) lines.push(`  ${inert(w)}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export async function runShow(id: string, opts: ShowOptions, ctx: CommandContext): Promise<number> {
  const store = openStore(ctx.global, 'read');
  try {
    const article = await store.getArticle(id);
    if (!article) throw notFound(`article "${id}"`);
    if (!opts.annotations && !opts.parse) {
      ctx.io.out(opts.json ? json({ article }) : renderArticle(article));
      return 0;
    }
    const annotations = await store.getAnnotations(article.id);
    if (!annotations) {
      ctx.io.err(`wirescope: article ${article.id} is not annotated yet; run \`wirescope annotate ${article.id.slice(0, 12)}\`\n`);
      return 1;
    }
    if (opts.parse && outdatedForCoding(annotations)) {
      ctx.io.err(`wirescope: the annotations of article ${article.id} predate the stored tokens (annotator v${annotations.annotator_version}); run \`wirescope annotate ${article.id.slice(0, 12)}\`\n`);
      return 1;
    }
    if (opts.json) {
      const { entities, actors, times, claims, skipped, annotator_version } = annotations;
      const analysis = opts.parse ? analysisFromAnnotations(article.body, annotations) : null;
      const sentences = analysis ? annotations.sentences.map((s, i) => ({ ...s, tokens: sentenceTokens(analysis, i) })) : annotations.sentences;
      ctx.io.out(json({ article, sentences, entities, actors, times, claims, skipped, annotator_version }));
    } else ctx.io.out(renderArticle(article) + renderAnnotations(article, annotations, opts.parse));
    return 0;
  } finally {
    await store.close();
  }
}
