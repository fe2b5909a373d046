import { loadDataJson } from '../data/load.js';
import type { Caption, ParagraphKind } from '../types/article.js';

export interface CreditFile {
  readonly version: number;
  readonly caption_labels: readonly string[];
  readonly credit_labels: readonly string[];
  readonly image_agencies: readonly string[];
  readonly related_labels: readonly string[];
  readonly trailer_labels: readonly string[];
  readonly byline_labels: readonly string[];
}

/** Compiled matchers for captions and credits (built from data/credits.json). */
export interface CreditRules {
  /** "... Photo: Getty" at the end of a paragraph. */
  readonly trailingCredit: RegExp;
  /** "Photo: Getty" / "Source: Getty Images" as a whole paragraph. */
  readonly wholeCredit: RegExp;
  readonly related: RegExp;
  readonly trailer: RegExp;
  /** "By Lina Farouk" near the top of an article. */
  readonly byline: RegExp;
  readonly agencies: ReadonlySet<string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (xs: readonly string[]) =>
  [...xs].sort((a, b) => b.length - a.length).map(escape).join('|');

export function compileCreditRules(file: CreditFile): CreditRules {
  return {
    trailingCredit: new RegExp(`(?:^|[.!?…"”)]\\s+|\\s[-–—|]\\s*)(?:${alternation(file.caption_labels)})\\s*:\\s*(?<who>[^.:]{1,60}?)\\.?\\s*$`, 'iu'),
    wholeCredit: new RegExp(`^\\(?(?:${alternation(file.credit_labels)})\\s*:\\s*(?<who>.{1,80}?)\\)?\\.?$`, 'iu'),
    related: new RegExp(`^(?:${alternation(file.related_labels)})\\s*:`, 'iu'),
    trailer: new RegExp(`^(?:${alternation(file.trailer_labels)})\\s*:\\s*(?<who>.{1,80}?)\\.?$`, 'iu'),
    byline: new RegExp(`^(?:${alternation(file.byline_labels)})\\s+(?<who>\\p{Lu}[\\p{L}.'’-]*(?:[\\s,]+(?:and\\s+|und\\s+|et\\s+|e\\s+|y\\s+)?\\p{Lu}[\\p{L}.'’-]*){0,7})$`, 'u'),
    agencies: new Set(file.image_agencies.map((a) => a.toLowerCase())),
  };
}

let cached: CreditRules | null = null;
export function defaultCreditRules(): CreditRules {
  cached ??= compileCreditRules(loadDataJson<CreditFile>('credits.json'));
  return cached;
}

export interface RawParagraph {
  readonly text: string;
  readonly kind: ParagraphKind;
  /** The paragraph ends with an emphasised "Name / AGENCY" credit (Markdown bold, HTML <strong>). */
  readonly endsWithEmphasisedCredit?: boolean;
}

export interface Separated {
  readonly paragraphs: { text: string; kind: ParagraphKind }[];
  readonly captions: Caption[];
  /** The publisher named by a final "Source: X" line, when that is not an image credit. */
  readonly trailerOutlet: string | null;
}

/** True when every "/"- or ","-separated part of a credit names an image agency (or a person + agency). */
function isAgencyCredit(who: string, rules: CreditRules): boolean {
  const parts = who.split(/\s*(?:\/|,|\bvia\b|;)\s*/iu).filter(Boolean);
  if (parts.length === 0) return false;
  return parts.some((p) => rules.agencies.has(p.toLowerCase().replace(/[.\s]+$/, '')));
}

/** "Kristina Kormilitsyna / TASS": a short credit line of name(s) and an agency. */
function isSlashCredit(text: string, rules: CreditRules): boolean {
  const m = /^(?<who>[^./]{2,60})\s+\/\s+(?<agency>[^./]{2,40})$/u.exec(text.trim());
  if (!m?.groups) return false;
  const agency = m.groups.agency!.trim();
  return rules.agencies.has(agency.toLowerCase()) || /^[A-Z][A-Z-]{1,10}$/.test(agency);
}

/**
 * Split captions, credits, related-article links and a trailing "Source: X" line off the body.
 * Pure: the same paragraphs always give the same result.
 */
export function separateCaptions(raw: readonly RawParagraph[], rules: CreditRules): Separated {
  const paragraphs: { text: string; kind: ParagraphKind }[] = [];
  const captions: Caption[] = [];
  let trailerOutlet: string | null = null;
  raw.forEach((p, i) => {
    const text = p.text.trim();
    if (!text) return;
    const isLast = i === raw.length - 1;
    if (i < 3 && rules.byline.test(text)) {
      captions.push({ kind: 'byline', text });
      return;
    }
    if (rules.related.test(text)) {
      captions.push({ kind: 'related', text });
      return;
    }
    const whole = rules.wholeCredit.exec(text);
    if (whole?.groups && (isAgencyCredit(whole.groups.who!, rules) || !/^source\b/i.test(text))) {
      captions.push({ kind: 'credit', text });
      return;
    }
    const trailer = rules.trailer.exec(text);
    if (trailer?.groups && isLast) {
      captions.push({ kind: 'trailer', text });
      trailerOutlet = trailer.groups.who!.trim();
      return;
    }
    if (p.endsWithEmphasisedCredit || isSlashCredit(text, rules)) {
      captions.push({ kind: p.endsWithEmphasisedCredit ? 'caption' : 'credit', text });
      return;
    }
    const trailing = rules.trailingCredit.exec(text);
    if (trailing?.groups && text.length < 400) {
      captions.push({ kind: 'caption', text });
      return;
    }
    paragraphs.push({ text, kind: p.kind });
  });
  return { paragraphs, captions, trailerOutlet };
}

/** A short line with no closing punctuation reads as a subheading, not as prose. */
export function guessKind(text: string): ParagraphKind {
  const words = text.trim().split(/\s+/).length;
  if (words <= 12 && !/[.!?…:;"”'’)]$/.test(text.trim())) return 'heading';
  return 'text';
}
