/** A character range into one text, end-exclusive: `text.slice(start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type DatePrecision = 'second' | 'minute' | 'day' | 'month' | 'year';

export type ParagraphKind = 'text' | 'heading' | 'quote' | 'list';

export interface Paragraph extends Span {
  readonly kind: ParagraphKind;
}

export type CaptionKind = 'caption' | 'credit' | 'related' | 'trailer' | 'byline';

/** Text kept apart from the body: photo captions, credits, "Related article" links, source trailers, bylines. */
export interface Caption {
  readonly kind: CaptionKind;
  readonly text: string;
}

export type SourceFormat = 'text' | 'markdown' | 'html' | 'rss' | 'atom' | 'rdf' | 'jsonl' | 'json';

/**
 * What a reader extracts from one input, before ids and deduplication.
 * Readers are pure: bytes (already decoded) in, drafts out.
 */
export interface ArticleDraft {
  readonly url: string | null;
  readonly outlet: string | null;
  /** How the outlet was found: a domain-table hit, page metadata, a "Source: X" trailer, or the bare domain. */
  readonly outletSource: 'domain-table' | 'metadata' | 'trailer' | 'domain' | null;
  readonly title: string | null;
  readonly published: string | null;
  readonly publishedPrecision: DatePrecision | null;
  readonly byline: string | null;
  /** Language the document declares (html lang, feed language, JSON field); detection may override. */
  readonly declaredLanguage: string | null;
  readonly paragraphs: readonly { readonly text: string; readonly kind: ParagraphKind }[];
  readonly captions: readonly Caption[];
  readonly warnings: readonly string[];
  readonly format: SourceFormat;
  /** Where inside the input this came from: "item 3", "line 12"; null for single-article files. */
  readonly locator: string | null;
}

/** The normalised, stored article. Every later stage points into `body` by offsets. */
export interface Article {
  readonly id: string;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly title: string | null;
  /** ISO 8601: `YYYY-MM-DD` at day precision, a full UTC timestamp at second/minute precision. */
  readonly published: string | null;
  readonly published_precision: DatePrecision | null;
  /** ISO 639-1 where one exists, else ISO 639-3; `und` when undetermined. */
  readonly language: string;
  readonly byline: string | null;
  readonly body: string;
  readonly paragraphs: readonly Paragraph[];
  readonly captions: readonly Caption[];
  readonly warnings: readonly string[];
  readonly format: SourceFormat;
  readonly source_path: string;
  readonly source_locator: string | null;
  /** Set when this article is a near-duplicate (syndicated copy) of an earlier stored one. */
  readonly duplicate_of: string | null;
  readonly duplicate_similarity: number | null;
  readonly ingested_at: string;
}
