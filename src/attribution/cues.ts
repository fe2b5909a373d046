import { loadDataJson } from '../data/load.js';

export interface CueFile {
  readonly speech_verbs: readonly string[];
  readonly speech_nouns: readonly string[];
  readonly according_to: readonly string[];
  readonly anonymous_heads: readonly string[];
  readonly anaphoric_sources: readonly string[];
  readonly negation: readonly string[];
  readonly hedges: readonly string[];
  readonly quote_only_verbs: readonly string[];
  readonly content_breaks: readonly string[];
}

export interface Cues {
  readonly speechVerbs: ReadonlySet<string>;
  readonly speechNouns: ReadonlySet<string>;
  /** Multi-word "according to" cues, as lower-case token lists. */
  readonly accordingTo: readonly (readonly string[])[];
  readonly anonymousHeads: ReadonlySet<string>;
  readonly anaphoric: ReadonlySet<string>;
  readonly negation: ReadonlySet<string>;
  readonly hedges: ReadonlySet<string>;
  /** Verbs that attribute only when their complement holds a direct quote ("what he called a 'stupid question'"). */
  readonly quoteOnlyVerbs: ReadonlySet<string>;
  /** Conjunctions after a comma that end a claim's content (", even as the Kremlin states..."). */
  readonly contentBreaks: readonly (readonly string[])[];
}

export function compileCues(f: CueFile): Cues {
  const set = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
  return {
    speechVerbs: set(f.speech_verbs),
    speechNouns: set(f.speech_nouns),
    accordingTo: f.according_to.map((p) => p.toLowerCase().split(/\s+/)),
    anonymousHeads: set(f.anonymous_heads),
    anaphoric: set(f.anaphoric_sources),
    negation: set(f.negation),
    hedges: set(f.hedges),
    quoteOnlyVerbs: set(f.quote_only_verbs),
    contentBreaks: f.content_breaks.map((p) => p.toLowerCase().split(/\s+/)),
  };
}

let cached: Cues | null = null;
export function defaultCues(): Cues {
  cached ??= compileCues(loadDataJson<CueFile>('attribution/cues.json'));
  return cached;
}
