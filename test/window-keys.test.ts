import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../src/nlp/analyse.js';
import { defaultLexicon, normKey } from '../src/nlp/lexicon.js';
import { WindowKeys } from '../src/nlp/window-keys.js';

/** Text where joining normalised tokens could go wrong: hyphens, dots, touching tokens, "the", odd spaces, accents, Greek, marks. */
const HARD = [
  'The the Hague said U.S.-Israeli strikes hit al-Kharj; Russia-Iran talks (Kyiv\u00a0Ukraine) went on.',
  'São Paulo-based Nguyễn met İstanbul officials -- and Sa\u0301o Tome\u0301 envoys... in the\u2000Hague, Iran’s capital?',
  // A capital sigma lower-cases to a final sigma unless a letter follows, even past an apostrophe or a dot.
  "ΟΔΥΣΣΕΑΣ's people, ΘΕΟΣ’Σ word, ΑΣ.Α and ΑΣ:Α met ΣΑ in Αθήνα.",
  'e\u0301\u0316x ά\u0591\u05b0x ﬁnance Ǆ ǅ Th e t he Hague.',
];

test('window keys equal normKey of the window text, and mayStart skips no window holding a name', () => {
  const lex = defaultLexicon();
  for (const body of HARD) {
    const { tokens, sentences } = analyse(body, [{ start: 0, end: body.length, kind: 'text' }]);
    const keys = new WindowKeys(body, tokens);
    for (const s of sentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const may = keys.mayStart(i, s.tokenEnd, lex);
        for (let j = i + 1; j <= Math.min(s.tokenEnd, i + lex.maxTokens); j++) {
          const key = normKey(body.slice(tokens[i]!.start, tokens[j - 1]!.end));
          assert.equal(keys.key(i, j), key);
          assert.equal(keys.spacedKey(i, j), normKey(tokens.slice(i, j).map((t) => t.text).join(' ')));
          if (!may) assert.ok(!lex.names.has(key), `mayStart skipped "${key}"`);
        }
      }
    }
  }
});
