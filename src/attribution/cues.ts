import { loadDataJson } from '../data/load.js';

export interface CueFile {
  readonly speech_verbs: readonly string[];
  readonly speech_nouns: readonly string[];
  readonly according_to: readonly string[];
  readonly anonymous_heads: readonly string[];
  readonly anaphoric_sources: readonly string[];
  readonly negation: readonly string[];
  readonly not_negations?: readonly string[];
  readonly denial_cues?: readonly string[];
  readonly report_nouns?: readonly string[];
  readonly document_nouns?: readonly string[];
  readonly body_nouns?: readonly string[];
  readonly media_nouns?: readonly string[];
  readonly led_body_nouns?: readonly string[];
  readonly hedges: readonly string[];
  readonly quote_only_verbs: readonly string[];
  readonly characterisation_verbs?: readonly string[];
  readonly naming_verbs?: readonly string[];
  readonly comparison_verbs?: readonly string[];
  readonly content_breaks: readonly string[];
  readonly no_content_objects?: readonly string[];
  readonly clause_only_verbs?: readonly string[];
}

export interface Cues {
  readonly speechVerbs: ReadonlySet<string>;
  readonly speechNouns: ReadonlySet<string>;
  /** Multi-word "according to" cues, as lower-case token lists. */
  readonly accordingTo: readonly (readonly string[])[];
  readonly anonymousHeads: ReadonlySet<string>;
  readonly anaphoric: ReadonlySet<string>;
  readonly negation: ReadonlySet<string>;
  /** Phrases whose negative word affirms ("is no secret", "would not rule out"): not a negation. */
  readonly notNegations: readonly string[];
  /** Cue words that deny what they introduce ("denied that", "rejected reports that"): the claim is read as negated. */
  readonly denials: ReadonlySet<string>;
  /** Nouns naming a report ("rejected reports that X"): the that-clause after them is the content. */
  readonly reportNouns: ReadonlySet<string>;
  /** Bodies named after the person who leads them ("the Obama administration", "Clinton's campaign"): the body speaks, not the person. */
  readonly ledBodyNouns: ReadonlySet<string>;
  /** Nouns for a document that speaks for whoever issued it ("the Security Council issued a statement calling …"). */
  readonly documentNouns: ReadonlySet<string>;
  /** Generic nouns for a body ("the group", "the newspaper"): as a speaker, the latest body named before (a media one for the media nouns). */
  readonly bodyNouns: ReadonlyMap<string, 'media' | 'any'>;
  readonly hedges: ReadonlySet<string>;
  /** Verbs that attribute only when their complement holds a direct quote ("what he called a 'stupid question'"). */
  readonly quoteOnlyVerbs: ReadonlySet<string>;
  /**
   * Verbs that attribute, without quotation marks, when they characterise an object "as" something in a
   * clause of their own ("described the strike as a breach", "dismissed the report as propaganda").
   */
  readonly characterisationVerbs: ReadonlySet<string>;
  /** Verbs that characterise by naming a second noun phrase ("Democrats called the citation a ploy"). */
  readonly namingVerbs: ReadonlySet<string>;
  /** Verbs that characterise by comparison ("likened the refugees to a snake"): "to"/"with" stands where "as" would. */
  readonly comparisonVerbs: ReadonlySet<string>;
  /** Conjunctions after a comma that end a claim's content (", even as the Kremlin states..."). */
  readonly contentBreaks: readonly (readonly string[])[];
  /** Objects of a speech verb that leave it nothing to report ("said little", "said nothing"). */
  readonly noContentObjects: ReadonlySet<string>;
  /** Verbs that attribute only with a clause after them ("a study found that …", "polls show Clinton leads"), not with an object ("police found the body"). */
  readonly clauseOnlyVerbs: ReadonlySet<string>;
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
    notNegations: (f.not_negations ?? []).map((x) => x.toLowerCase()),
    denials: set(f.denial_cues ?? []),
    reportNouns: set(f.report_nouns ?? []),
    documentNouns: set(f.document_nouns ?? []),
    ledBodyNouns: new Set((f.led_body_nouns ?? []).map((x) => x.toLowerCase())),
    bodyNouns: new Map([...(f.body_nouns ?? []).map((x) => [x.toLowerCase(), 'any'] as const), ...(f.media_nouns ?? []).map((x) => [x.toLowerCase(), 'media'] as const)]),
    hedges: set(f.hedges),
    quoteOnlyVerbs: set(f.quote_only_verbs),
    characterisationVerbs: set(f.characterisation_verbs ?? []),
    namingVerbs: set(f.naming_verbs ?? []),
    comparisonVerbs: set(f.comparison_verbs ?? []),
    contentBreaks: f.content_breaks.map((p) => p.toLowerCase().split(/\s+/)),
    noContentObjects: set(f.no_content_objects ?? []),
    clauseOnlyVerbs: set(f.clause_only_verbs ?? []),
  };
}

let cached: Cues | null = null;
export function defaultCues(): Cues {
  cached ??= compileCues(loadDataJson<CueFile>('attribution/cues.json'));
  return cached;
}

/** The words of a text that may negate it, with affirming phrases ("is no secret") taken out. */
export function negationWords(text: string, cues: Cues): string[] {
  // A capitalised word inside a name after a preposition or article is no negation ("in Nor Aregh", "the No Labels group").
  let t = text.replace(/\b((?:[Ii]n|of|the|near|at|from|to)\s+)\p{Lu}[\p{L}']*(?=\s+\p{Lu})/gu, '$1').toLowerCase().replace(/[’‘]/g, "'");
  for (const p of cues.notNegations) if (t.includes(p)) t = t.split(p).join(' ');
  return t.match(/[\p{L}']+|n't/gu) ?? [];
}

/** Whether words from negationWords negate: a negation word, or a contracted "n't". */
export function negates(words: readonly string[], cues: Cues): boolean {
  return words.some((w) => cues.negation.has(w) || w.endsWith("n't"));
}
