import { describe, expect, it } from 'vitest';
import { approxIn, editDistance, mergeSpans, occurrences, pieces, similarity } from '../../utils/anchoring/fuzzy';
import { buildGrams, findWithGrams } from '../../utils/anchoring/grams';

describe('edit distance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['possible', 'possibles', 1],
    ['vérité', 'verite', 2],
  ])('%s / %s → %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('turns into a 0..1 similarity', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('', '')).toBe(1);
    expect(similarity('abcd', 'wxyz')).toBe(0);
    expect(similarity('abcd', 'abcx')).toBe(0.75);
  });
});

describe('search helpers', () => {
  it('splits a pattern into contiguous pieces', () => {
    const p = pieces('abcdefghij', 3);
    expect(p.map(([, s]) => s).join('')).toBe('abcdefghij');
    expect(p.map(([o]) => o)).toEqual([0, 3, 6]);
  });

  it('merges overlapping spans', () => {
    expect(mergeSpans([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 15, end: 30 }, { start: 5, end: 6 }])).toEqual([
      { start: 0, end: 6 },
      { start: 10, end: 30 },
    ]);
  });

  it('lists occurrences, or null past the cap', () => {
    expect(occurrences('abababa', 'aba', 10)).toEqual([0, 2, 4]);
    expect(occurrences('abababa', 'aba', 2)).toBeNull();
  });

  it('finds the lowest-error approximate matches in a span only', () => {
    const text = 'xx possibles yy possible zz';
    expect(approxIn(text, 'possible', { start: 0, end: 14 }, 2)).toEqual([{ start: 3, end: 11, errors: 0 }]);
    expect(approxIn(text, 'possibla', { start: 14, end: text.length }, 2)).toContainEqual({ start: 16, end: 24, errors: 1 });
  });
});

describe('gram index', () => {
  const words = ['la', 'vérité', 'relation', 'client', 'confiance', 'de', 'et', 'marque'];
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const text = Array.from({ length: 30_000 }, () => words[Math.floor(rand() * words.length)]).join(' ');

  it.each(['la vérité de la relation', 'confiance et marque', 'client', 'absent du texte', 'de la'])(
    'finds the same occurrences as indexOf: %s',
    (needle) => {
      const g = buildGrams(text);
      expect(findWithGrams(g, needle)).toEqual(occurrences(text, needle, Infinity));
    },
  );

  it('honours the cap', () => {
    expect(findWithGrams(buildGrams(text), 'la vérité', 3)).toBeNull();
  });
});
