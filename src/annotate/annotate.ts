import { resolveEntities, slug, type ActorRecord, type EntityMention } from '../actors/resolve.js';
import { extractClaims, type Claim } from '../attribution/claims.js';
import { defaultCues, type Cues } from '../attribution/cues.js';
import { analyse, evaluativeTone, toColumns, type Analysis, type DependencyParser } from '../nlp/analyse.js';
import { defaultPatterns, findMentions, type Patterns } from '../nlp/entities.js';
import { dependencyParser } from '../nlp/parser/index.js';
import { defaultLexicon, type Lexicon } from '../nlp/lexicon.js';
import { resolveTimes, type TimeMention } from '../nlp/time.js';
import type { Article, Span } from '../types/article.js';
import type { TokenColumns } from '../types/tokens.js';

/**
 * Bump when annotation output changes, so `wirescope annotate` redoes older annotations.
 * 2: the token table (`tokens`, and each sentence's `token_start`/`token_end`), which `code` reads.
 * 3: no whitespace tokens (a line break inside a paragraph was a token of its own).
 * 5: claims carry their evaluative `tone`, which `code` reads for criticism and praise.
 * 7: a sentence opening with a wire dateline is parsed as the dateline and the story apart.
 * 8: the publisher's own name in its text is that outlet; honorifics, family-name-first names and
 *    body nouns before names ("the news agency AZERTAC"); quotations attributed after a question mark,
 *    over several sentences and across a split.
 * 9: harm words carry no evaluative tone; accusations are claims without quotation marks.
 * 10: fixes from a review of 8-9: the publisher matched as written, fewer news head words, news nouns only
 *     before names, attributions inside the quote's paragraph, conditionals after "said," kept as content.
 * 11: conjoined subjects speak through the first; participles and conjoined verbs take their verb's subject;
 *     middle-initial and CamelCase names, places after "in"/"village of", led bodies ("the Obama administration"),
 *     generic national bodies in the dateline's country.
 */
export const ANNOTATOR_VERSION = 11;

/** The first annotator version whose annotations hold the token table that `code` reads. */
export const TOKENS_SINCE_ANNOTATOR_VERSION = 2;

/**
 * Why these annotations cannot be coded (they predate the stored token table, so `annotate` must
 * redo them), or null when they can.
 */
export function outdatedForCoding(ann: Annotations): string | null {
  if (ann.skipped || (ann.tokens && ann.annotator_version >= TOKENS_SINCE_ANNOTATOR_VERSION)) return null;
  return `annotations are from annotator v${ann.annotator_version}, which did not store tokens; run \`wirescope annotate\` to bring them to v${ANNOTATOR_VERSION}, then code again`;
}

/** Languages the English-only annotator handles. */
export const SUPPORTED_LANGUAGES = new Set(['en']);

export interface SentenceRecord extends Span {
  readonly paragraph: number;
  /** The sentence's tokens: indices into `Annotations.tokens`, [token_start, token_end). */
  readonly token_start: number;
  readonly token_end: number;
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
  /** Every token, column-wise (see TokenColumns); empty when skipped. Added in annotator version 2. */
  readonly tokens: TokenColumns;
}

export interface AnnotateResources {
  readonly lexicon: Lexicon;
  readonly patterns: Patterns;
  readonly cues: Cues;
  /** A dependency parser; without one, stored heads are -1 and relations ''. */
  readonly parse?: DependencyParser;
}

const noTokens = (): TokenColumns => ({ start: [], end: [], pos: [], lemma: [], head: [], deprel: [] });

const NUMBER_WORDS = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|billions|percent|per|cent|%|,|\.|\d[\d.,]*)$/i;

/**
 * Dates (the time expressions, as entity mentions) and numbers ("six", "12", "26.5%", "2 million"),
 * so every kind of mention the issue names has offsets. Numbers inside a date or a name are skipped.
 */
function dateAndNumberMentions(body: string, analysis: Analysis, times: readonly TimeMention[], names: readonly EntityMention[]): EntityMention[] {
  const out: EntityMention[] = times.map((t) => ({
    text: t.text, start: t.start, end: t.end, type: 'DATE' as const, entity_id: `date:${t.value ?? slug(t.text)}`, canonical: t.value ?? t.text, mention: 'name' as const, actor_id: null,
  }));
  const covered = (start: number, end: number) => [...times, ...names].some((x) => x.start < end && start < x.end);
  const { tokens } = analysis;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.pos !== 'NUM' && !/^\d/.test(t.text)) continue;
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.sentence === t.sentence && NUMBER_WORDS.test(tokens[j]!.text) && !/^[,.]$/.test(tokens[j]!.text)) j++;
    const start = t.start;
    const end = tokens[j - 1]!.end;
    i = j - 1;
    if (covered(start, end)) continue;
    const text = body.slice(start, end);
    out.push({ text, start, end, type: 'NUMBER', entity_id: `number:${slug(text)}`, canonical: text, mention: 'name', actor_id: null });
  }
  return out;
}

/** Whether the parser's universal tags replace wink-nlp's in the stored tokens (see `npm run eval`). */
export const RETAG_WITH_PARSER = process.env.WIRESCOPE_WINK_TAGS !== '1';

export function defaultResources(): AnnotateResources {
  return { lexicon: defaultLexicon(), patterns: defaultPatterns(), cues: defaultCues(), parse: dependencyParser({ retag: RETAG_WITH_PARSER }) };
}

/**
 * The annotation stage, pure: an article in, its sentences, entities, actors, times and
 * claims out. Captions never reach it (ingest keeps them apart from the body).
 */
/** An article's annotations when it is not annotated, with the reason (nothing else is extracted from it). */
export function skippedAnnotations(articleId: string, reason: string): Annotations {
  return { article_id: articleId, annotator_version: ANNOTATOR_VERSION, token_count: 0, sentences: [], entities: [], actors: [], times: [], claims: [], skipped: reason, tokens: noTokens() };
}

export function annotateArticle(article: Article, res: AnnotateResources = defaultResources()): Annotations {
  const empty = { article_id: article.id, annotator_version: ANNOTATOR_VERSION, token_count: 0, sentences: [], entities: [], actors: [], times: [], claims: [] };
  if (!SUPPORTED_LANGUAGES.has(article.language)) return skippedAnnotations(article.id, `language "${article.language}" is not supported by the English annotator`);
  const analysis = analyse(article.body, article.paragraphs, res.parse);
  const raw = findMentions(article.body, analysis, res.lexicon, res.patterns, article.outlet);
  const { entities, actors } = resolveEntities(article.body, analysis, raw, res.lexicon, res.patterns, article.published);
  const times = resolveTimes(article.body, { published: article.published });
  const allEntities = [...entities, ...dateAndNumberMentions(article.body, analysis, times, entities)].sort((a, b) => a.start - b.start || b.end - a.end);
  const claims = extractClaims({ body: article.body, analysis, entities, times, actors, publisher: article.outlet, lexicon: res.lexicon, cues: res.cues }).map((c) => ({
    ...c,
    tone: Math.round(evaluativeTone(analysis.tokens, c.start, c.end) * 100) / 100,
  }));
  return {
    ...empty,
    skipped: null,
    token_count: analysis.tokens.length,
    sentences: analysis.sentences.map((s) => ({ start: s.start, end: s.end, paragraph: s.paragraph, token_start: s.tokenStart, token_end: s.tokenEnd })),
    entities: allEntities,
    actors,
    times,
    claims,
    tokens: toColumns(analysis),
  };
}
