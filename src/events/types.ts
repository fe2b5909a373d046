import type { ChainLink } from '../attribution/claims.js';

/** `reported`: the text gives no date of its own; the article's publication date stands in. */
export type DatePrecision = 'day' | 'week' | 'month' | 'year' | 'reported';

export interface EventActor {
  readonly name: string;
  /** Actor code from the annotation stage: "RUSGOV", "IRN", "IGOUNO", "USAMIL". */
  readonly code: string;
  readonly country: string | null;
  readonly role: string | null;
  /** The canonical entity ("person:vladimir-putin") when the text names one. */
  readonly entity_id?: string | null;
}

/** An actor as found in one sentence, with the span it was read from. */
export interface ActorMention extends EventActor {
  readonly start: number;
  readonly end: number;
}

export interface EventLocation {
  readonly country: string | null;
  readonly name: string;
  readonly lat: number | null;
  readonly lon: number | null;
  /** Gazetteer kind: country, capital, city or region. */
  readonly kind: string;
  /** GeoNames feature id of a city or capital from the gazetteer (absent for countries and regions). */
  readonly geoname_id?: number | null;
  /** GeoNames first-level admin code of that place ("CA" for a US state, FIPS-style "48" elsewhere). */
  readonly adm1?: string | null;
  /** The place name's offsets in the article (on mentions; an event keeps its best mention's). */
  readonly start?: number;
  readonly end?: number;
}

/** One event as one article reports it: what the coder reads from one sentence. */
export interface CodedMention {
  readonly article_id: string;
  /** Index of the sentence in the article's annotations. */
  readonly sentence: number;
  readonly sentence_start: number;
  readonly sentence_end: number;
  /** The trigger: from the event verb (or noun) to the end of the matched pattern. */
  readonly start: number;
  readonly end: number;
  readonly cameo: string;
  readonly source: ActorMention | null;
  readonly target: ActorMention | null;
  /** YYYY-MM-DD (first day of the period at coarser precisions), or null when nothing dates it. */
  readonly date: string | null;
  /** Last day of the period (same as `date` at day precision). */
  readonly date_end: string | null;
  readonly date_precision: DatePrecision;
  readonly location: EventLocation | null;
  readonly negated: boolean;
  readonly hedged: boolean;
  /** The text presents it as continuing ("is providing", "cooperation continues"). */
  readonly ongoing: boolean;
  readonly confidence: number;
  /** From the original source to the publishing outlet; just the outlet when nobody is cited. */
  readonly chain: readonly ChainLink[];
  readonly claim_id: string | null;
  /** The verb pattern that matched, or "default" for the verb's own code. */
  readonly pattern: string;
}

/** A mention as the store and the interfaces show it: with its article's outlet, URL and sentence text. */
export interface EventMention extends CodedMention {
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  /** The sentence's text. */
  readonly text: string;
}

/** One real-world event with every article that reports it (JSON contract of issue #4). */
export interface EventRecord {
  readonly id: string;
  readonly date: string | null;
  readonly date_end: string | null;
  readonly date_precision: DatePrecision;
  readonly source: EventActor | null;
  readonly target: EventActor | null;
  readonly cameo: string;
  readonly cameo_root: string;
  readonly cameo_name: string;
  readonly plover: { readonly type: string | null; readonly mode: string | null };
  readonly quad_class: number;
  readonly goldstein: number;
  readonly location: EventLocation | null;
  readonly negated: boolean;
  readonly hedged: boolean;
  readonly ongoing: boolean;
  readonly confidence: number;
  readonly mentions: EventMention[];
  /** How many mentions the event has in the store (a listing may carry only some of them in `mentions`). */
  readonly mention_count?: number;
}
