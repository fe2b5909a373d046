/**
 * The event stage in `npm run eval`: our gold events (actors + root + date, full code, merge
 * quality), the PETRARCH-2 GSR validation sentences, and the GDELT export's column layout.
 */
import { annotateArticle, defaultResources } from '../src/annotate/annotate.js';
import { codeArticle, type CodeResources } from '../src/events/coder.js';
import { mergeInMemory } from '../src/events/merge.js';
import { defaultOntology } from '../src/events/ontology.js';
import type { EventActor, EventMention } from '../src/events/types.js';
import { GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS } from '../src/export/events.js';
import { withArticle } from '../src/pipeline/code.js';
import type { Article } from '../src/types/article.js';
import { evalEventGold, type PredictedMention } from './events-gold.js';
import { checkGdeltColumns } from './gdelt-columns.js';
import { evalGsr, loadGsr, type GsrCoding } from './gsr.js';

const key = (a: EventActor | null) => (a ? (a.country ?? a.code) : null);

function resources(): CodeResources {
  return { ontology: defaultOntology(), lexicon: defaultResources().lexicon };
}

/**
 * Gold articles are coded one by one and merged in the order they come, as the store merges them:
 * a mention's event id is the id its event had when the mention joined it.
 */
export async function evalEvents(root: string, options: { dir?: string; details?: boolean } = {}): Promise<string[]> {
  const res = resources();
  const seen: EventMention[] = [];
  const code = (article: Article): PredictedMention[] => {
    const ms = codeArticle(article, annotateArticle(article), res).map((m) => withArticle(m, article));
    seen.push(...ms);
    const events = mergeInMemory(seen, res.ontology);
    const idOf = new Map<EventMention, string>();
    for (const e of events) for (const m of e.mentions) idOf.set(m, e.id);
    // A negated mention says the act did not happen: it is not a prediction of an event (the gold lists none).
    return ms.filter((m) => !m.negated).map((m) => ({
      event_id: idOf.get(m)!, article_id: m.article_id, start: m.start, end: m.end, sentence_start: m.sentence_start, sentence_end: m.sentence_end,
      cameo: m.cameo, source_country: key(m.source), target_country: key(m.target), date: m.date, date_precision: m.date_precision,
      location: m.location ? { country: m.location.country, name: m.location.name } : null,
    }));
  };
  return (await evalEventGold(root, code, options)).lines;
}

/** PETRARCH-2 GSR validation: each sentence coded as a one-sentence article dated as the record. */
export async function evalGsrValidation(datasets: string): Promise<string[] | null> {
  const sentences = loadGsr(datasets);
  if (!sentences) return null;
  const res = resources();
  const code = (text: string, date: string | null): GsrCoding[] => {
    const body = text.trim();
    const article: Article = {
      id: `gsr-${body.length}`, url: null, outlet: null, title: null, published: date, published_precision: 'day', language: 'en', byline: null, body,
      paragraphs: [{ start: 0, end: body.length, kind: 'text' }], captions: [], warnings: [], format: 'text', source_path: 'gsr', source_locator: null,
      duplicate_of: null, duplicate_similarity: null, ingested_at: new Date(0).toISOString(),
    };
    return codeArticle(article, annotateArticle(article), res).map((m) => ({ source: key(m.source), target: key(m.target), cameo: m.cameo }));
  };
  return (await evalGsr(sentences, code)).lines;
}

export function evalGdeltColumns(datasets: string): string[] | null {
  const r = checkGdeltColumns(datasets, [...GDELT_EVENT_COLUMNS], [...GDELT_MENTION_COLUMNS]);
  return r ? [`  export --format gdelt header vs the GDELT 2.0 column-label files: ${r.ok ? 'identical (61 Events, 16 Mentions columns, same order)' : 'DIFFERENT'}`, ...r.lines] : null;
}
