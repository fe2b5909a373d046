import type { Token } from './analyse.js';
import { normChars, normKey, normSpaces, someFirstWordStartsWith, type Lexicon } from './lexicon.js';

/**
 * Characters outside the text on which normChars works one character at a time, so that
 * normalising the pieces of a string and joining them gives exactly what normalising the whole
 * gives. That text is printable ASCII with tab and line breaks, Latin letters (precomposed, or with
 * the combining accents normChars drops) and general punctuation. Elsewhere a join can change the
 * result (NFD reorders other combining marks across it; a Greek capital sigma lower-cases by the
 * letter that follows, even past an apostrophe: "ΑΣ's"), so windows holding such text are
 * normalised whole.
 */
const NOT_PIECEWISE = /[^\u0300-\u036f\t\n\r\x20-\u024f\u1e00-\u1eff\u2000-\u206f]/;
const piecewise = (text: string) => !NOT_PIECEWISE.test(text);
const SPACE = /^\s+$/;
const ONE_WORD = /^\S+$/;

/**
 * normKey of the token windows of one article, for dictionary lookups. Each token and each gap
 * between tokens is put through normChars once; a window's key joins those pieces and then tidies
 * the spacing (normSpaces), which is normKey of the window's text (see NOT_PIECEWISE for the exceptions).
 */
export class WindowKeys {
  /** normChars of each token's text. */
  private readonly pieces: string[];
  /** normChars of the body between token k and token k + 1 ('' after the last). */
  private readonly gaps: string[];
  /** Whether normChars made each token one word (no white space, not empty). */
  private readonly oneWord: boolean[];
  /** Whether the gap after each token is white space once normalised. */
  private readonly spaceAfter: boolean[];
  /** How many of tokens 0..k-1 (each with the gap after it) hold NOT_PIECEWISE text. */
  private readonly unsafeBefore: number[];
  /** How many of tokens 0..k-1 are not one word followed by '' or ' ', which joined need no respacing. */
  private readonly untidyBefore: number[];

  constructor(
    private readonly body: string,
    private readonly tokens: readonly Token[],
  ) {
    const n = tokens.length;
    this.pieces = new Array<string>(n);
    this.gaps = new Array<string>(n);
    this.oneWord = new Array<boolean>(n);
    this.spaceAfter = new Array<boolean>(n);
    this.unsafeBefore = [0];
    this.untidyBefore = [0];
    for (let k = 0; k < n; k++) {
      const t = tokens[k]!;
      const gap = k + 1 < n ? body.slice(t.end, tokens[k + 1]!.start) : '';
      const piece = normChars(t.text);
      const normGap = gap === ' ' || gap === '' ? gap : normChars(gap);
      this.pieces[k] = piece;
      this.gaps[k] = normGap;
      this.oneWord[k] = ONE_WORD.test(piece);
      this.spaceAfter[k] = SPACE.test(normGap);
      this.unsafeBefore.push(this.unsafeBefore[k]! + (piecewise(t.text) && piecewise(gap) ? 0 : 1));
      this.untidyBefore.push(this.untidyBefore[k]! + (this.oneWord[k] && (normGap === '' || normGap === ' ') ? 0 : 1));
    }
  }

  /** Whether tokens i..j-1, and the gaps after them, can be normalised piece by piece. */
  private piecewise(i: number, j: number): boolean {
    return this.unsafeBefore[j] === this.unsafeBefore[i];
  }

  /** Whether joining the pieces of tokens i..j-1 gives a string normSpaces would change only by a leading "the ". */
  private tidy(i: number, j: number): boolean {
    return this.untidyBefore[j] === this.untidyBefore[i];
  }

  /** normSpaces of a join of the pieces of tokens i..j-1. */
  private spaced(joined: string, i: number, j: number): string {
    if (!this.tidy(i, j)) return normSpaces(joined);
    return joined.startsWith('the ') ? joined.slice(4) : joined;
  }

  /** normKey(body.slice(tokens[i].start, tokens[j - 1].end)). */
  key(i: number, j: number): string {
    if (!this.piecewise(i, j)) return normKey(this.body.slice(this.tokens[i]!.start, this.tokens[j - 1]!.end));
    let s = this.pieces[i]!;
    for (let k = i + 1; k < j; k++) s += this.gaps[k - 1]! + this.pieces[k]!;
    return this.spaced(s, i, j);
  }

  /** normKey of the texts of tokens i..j-1 joined by single spaces. */
  spacedKey(i: number, j: number): string {
    if (!this.piecewise(i, j)) return normKey(this.tokens.slice(i, j).map((t) => t.text).join(' '));
    let s = this.pieces[i]!;
    for (let k = i + 1; k < j; k++) s += ' ' + this.pieces[k]!;
    return this.spaced(s, i, j);
  }

  /**
   * False when no window from token i that stays before `end` can be a name: its key would start
   * with a word no name starts with. True when one might (or when that cannot be told cheaply).
   */
  mayStart(i: number, end: number, lex: Lexicon): boolean {
    if (!this.piecewise(i, Math.min(end, i + lex.maxTokens))) return true;
    // "the" + space + X: normSpaces drops the "the ", so the key begins as X begins.
    if (this.pieces[i] === 'the' && i + 1 < end && this.spaceAfter[i]) return lex.firstWords.has('the') || this.wordMayStart(i + 1, end, lex);
    return this.wordMayStart(i, end, lex);
  }

  /**
   * A window from token i whose piece w is one word, not "t", "th" or "the", has a key that starts
   * with w (normSpaces neither trims it nor drops a "the " there). The key's first word is w itself
   * when a space follows the token or the window holds only it; a token touching the next one
   * ("Iran" + "'s") may begin a longer first word.
   */
  private wordMayStart(i: number, end: number, lex: Lexicon): boolean {
    const w = this.pieces[i]!;
    if (!this.oneWord[i] || 'the'.startsWith(w)) return true;
    const touching = i + 1 < end && !this.spaceAfter[i];
    return touching ? someFirstWordStartsWith(lex, w) : lex.firstWords.has(w);
  }
}
