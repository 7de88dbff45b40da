import { describe, expect, it } from 'vitest';
import { normalizeTag, normalizeTags } from '../utils/tags';

describe('tags', () => {
  it.each([
    ['  Marketing  ', 'marketing'],
    ['EXPÉRIENCE   client', 'expérience client'],
    ['expe\u0301rience', 'expérience'], // decomposed é (NFD) equals the composed one
    ['\tA\nB ', 'a b'],
    ['   ', ''],
  ])('normalises %j to %j', (raw, tag) => {
    expect(normalizeTag(raw)).toBe(tag);
  });

  it('drops empties and case/Unicode duplicates, keeping first-seen order', () => {
    expect(normalizeTags(['B', 'a', ' b', '', 'A', 'expe\u0301rience', 'Expérience'])).toEqual(['b', 'a', 'expérience']);
  });
});
