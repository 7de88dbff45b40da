import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../utils/quotes/word-diff';

describe('wordDiff', () => {
  it('gives nothing but kept words for the same text, whatever its spacing', () => {
    expect(wordDiff('a  quote\nhere', 'a quote here')).toEqual([{ op: 'same', text: 'a quote here' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('shows one word replaced as removed, then added, in place', () => {
    expect(wordDiff('Trust takes years to build', 'Trust takes decades to build')).toEqual([
      { op: 'same', text: 'Trust takes' },
      { op: 'del', text: 'years' },
      { op: 'ins', text: 'decades' },
      { op: 'same', text: 'to build' },
    ]);
  });

  it('shows words added and removed at either end and in the middle', () => {
    expect(wordDiff('la confiance met des années', 'la confiance met souvent des années à venir')).toEqual([
      { op: 'same', text: 'la confiance met' },
      { op: 'ins', text: 'souvent' },
      { op: 'same', text: 'des années' },
      { op: 'ins', text: 'à venir' },
    ]);
    expect(wordDiff('Hier, la confiance régnait', 'la confiance régnait')).toEqual([
      { op: 'del', text: 'Hier,' },
      { op: 'same', text: 'la confiance régnait' },
    ]);
  });

  it('treats typographic variants as the same word, keeping the saved quote’s spelling', () => {
    expect(wordDiff('l’écoute « vraie »', "l'écoute \" vraie \"")).toEqual([{ op: 'same', text: 'l’écoute « vraie »' }]);
  });

  it('keeps a changed accent or capital as a change', () => {
    expect(wordDiff('Élan vital', 'Elan vital')).toEqual([
      { op: 'del', text: 'Élan' },
      { op: 'ins', text: 'Elan' },
      { op: 'same', text: 'vital' },
    ]);
  });

  it('shows two long rewrites as removed then added, without aligning them word by word', () => {
    const a = Array.from({ length: 600 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 600 }, (_, i) => `b${i}`).join(' ');
    const diff = wordDiff(`start ${a} end`, `start ${b} end`);
    expect(diff.map((p) => p.op)).toEqual(['same', 'del', 'ins', 'same']);
    expect(diff[1]!.text).toBe(a);
  });
});
