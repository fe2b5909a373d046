import { resolveEntities, type ActorRecord, type EntityMention } from '../actors/resolve.js';
import { extractClaims, type Claim } from '../attribution/claims.js';
import { defaultCues, type Cues } from '../attribution/cues.js';
import { analyse } from '../nlp/analyse.js';
import { defaultPatterns, findMentions, type Patterns } from '../nlp/entities.js';
import { defaultLexicon, type Lexicon } from '../nlp/lexicon.js';
import { resolveTimes, type TimeMention } from '../nlp/time.js';
import type { Article, Span } from '../types/article.js';

/** Bump when annotation output changes, so `wirescope annotate` redoes older annotations. */
export const ANNOTATOR_VERSION = 1;

/** Languages the English-only annotator handles. */
export const SUPPORTED_LANGUAGES = new Set(['en']);

export interface SentenceRecord extends Span {
  readonly paragraph: number;
}

/** Everything the annotation stage adds to one article; all offsets point into `article.body`. */
export interface Annotations {
  readonly article_id: string;
  readonly annotator_version: number;
  /** Why the article was not annotated (e.g. an unsupported language); null when it was. */
  readonly skipped: string | null;
  /** Tokens the annotator read (for throughput figures). */
  readonly token_count: number;
  readonly sentences: SentenceRecord[];
  readonly entities: EntityMention[];
  readonly actors: ActorRecord[];
  readonly times: TimeMention[];
  readonly claims: Claim[];
}

export interface AnnotateResources {
  readonly lexicon: Lexicon;
  readonly patterns: Patterns;
  readonly cues: Cues;
}

export function defaultResources(): AnnotateResources {
  return { lexicon: defaultLexicon(), patterns: defaultPatterns(), cues: defaultCues() };
}

/**
 * The annotation stage, pure: an article in, its sentences, entities, actors, times and
 * claims out. Captions never reach it (ingest keeps them apart from the body).
 */
export function annotateArticle(article: Article, res: AnnotateResources = defaultResources()): Annotations {
  const empty = { article_id: article.id, annotator_version: ANNOTATOR_VERSION, token_count: 0, sentences: [], entities: [], actors: [], times: [], claims: [] };
  if (!SUPPORTED_LANGUAGES.has(article.language)) {
    return { ...empty, skipped: `language "${article.language}" is not supported by the English annotator` };
  }
  const analysis = analyse(article.body, article.paragraphs);
  const raw = findMentions(article.body, analysis, res.lexicon, res.patterns);
  const { entities, actors } = resolveEntities(article.body, analysis, raw, res.lexicon, res.patterns);
  const times = resolveTimes(article.body, { published: article.published });
  const claims = extractClaims({ body: article.body, analysis, entities, actors, publisher: article.outlet, lexicon: res.lexicon, cues: res.cues });
  return {
    ...empty,
    skipped: null,
    token_count: analysis.tokens.length,
    sentences: analysis.sentences.map((s) => ({ start: s.start, end: s.end, paragraph: s.paragraph })),
    entities,
    actors,
    times,
    claims,
  };
}
