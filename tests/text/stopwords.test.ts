import { describe, expect, it } from 'vitest';
import { FRENCH_ELISIONS } from '../../utils/text/elisions';
import { ENGLISH_STOPWORDS, FRENCH_STOPWORDS } from '../../utils/text/stopwords';
import { canonicalize } from '../../utils/text/table';

describe('stopwords', () => {
  it.each([
    ['French', FRENCH_STOPWORDS],
    ['English', ENGLISH_STOPWORDS],
  ])('%s: a solid list, lowercase NFC, in the table’s canonical form', (_, list) => {
    expect(list.size).toBeGreaterThanOrEqual(150);
    for (const w of list) {
      expect(w).toBe(w.normalize('NFC').toLowerCase().trim());
      expect(w).toBe(canonicalize(w));
    }
  });

  it('has the elided forms, auxiliaries and common adverbs', () => {
    for (const w of ['l', 'd', 'j', 'qu', 'n', 's', 'c', 'm', 't', 'très', 'plus', 'cette', 'aussi', 'été', 'avaient', 'deux']) {
      expect(FRENCH_STOPWORDS.has(w), w).toBe(true);
    }
    for (const w of ['the', 'been', 'having', "don't", 'very', 'also', 'two', 'hundred']) {
      expect(ENGLISH_STOPWORDS.has(w), w).toBe(true);
    }
  });

  it('has every French elision, and quelqu’un, which is one word', () => {
    for (const e of FRENCH_ELISIONS) expect(FRENCH_STOPWORDS.has(e), e).toBe(true);
    expect(FRENCH_STOPWORDS.has("quelqu'un")).toBe(true);
    expect(FRENCH_STOPWORDS.has('presqu')).toBe(false);
  });
});
