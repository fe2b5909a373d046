import { franc } from 'franc';
import { iso6393To1 } from 'iso-639-3';
import { loadDataJson } from '../data/load.js';

export interface LanguageConfig {
  readonly version: number;
  readonly min_chars: number;
  readonly candidates: readonly string[];
}

let cached: LanguageConfig | null = null;
export function defaultLanguageConfig(): LanguageConfig {
  cached ??= loadDataJson<LanguageConfig>('languages.json');
  return cached;
}

/** ISO 639-3 -> ISO 639-1 where one exists ("eng" -> "en"); Mandarin and Standard Arabic map to their macrolanguage. */
export function toIso1(code: string): string {
  const special: Record<string, string> = { cmn: 'zh', arb: 'ar', pes: 'fa', zlm: 'ms', azj: 'az', uzn: 'uz' };
  return special[code] ?? iso6393To1[code] ?? code;
}

/** Primary subtag of a declared language ("en-US" -> "en"); null when empty or unknown. */
export function normaliseDeclared(lang: string | null | undefined): string | null {
  if (!lang) return null;
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/**
 * Detect the body's language (never the headline's: trigram models need ~100 characters).
 * Short bodies fall back to what the document declares, else `und`.
 */
export function detectLanguage(body: string, declared: string | null, config = defaultLanguageConfig()): string {
  const declaredCode = normaliseDeclared(declared);
  // 800 characters identify a language about as well as the whole text (franc's cost grows
  // with the sample's trigrams times the candidate languages).
  const sample = body.length > 800 ? body.slice(0, 800) : body;
  if (sample.replace(/\s+/g, '').length >= config.min_chars) {
    const guess = franc(sample, { only: [...config.candidates], minLength: config.min_chars });
    if (guess !== 'und') return toIso1(guess);
  }
  return declaredCode ?? 'und';
}
