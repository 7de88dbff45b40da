import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, Normalizer, toNormalized, toRaw } from '../../utils/anchoring/normalize';

describe('normalize', () => {
  it.each([
    ['runs of spaces', 'a   b', 'a b'],
    ['line breaks and tabs inside a paragraph', 'a\n\t   b\r\nc', 'a b c'],
    ['leading and trailing whitespace', '  \n a b \n ', 'a b'],
    ['no-break space', 'possible\u00a0?', 'possible ?'],
    ['narrow no-break space', '«\u202foui\u202f»', '" oui "'],
    ['em and thin spaces', 'a\u2003b\u2009c', 'a b c'],
    ['curly apostrophe', 'l’été', "l'été"],
    ['single curly quotes', '‘oui’', "'oui'"],
    ['modifier-letter apostrophe', 'l\u02bcété', "l'été"],
    ['French guillemets', '« oui »', '" oui "'],
    ['single guillemets', '‹ oui ›', '" oui "'],
    ['English double quotes', '“yes” „ja“', '"yes" "ja"'],
    ['en and em dashes, minus', 'a – b — c − d', 'a - b - c - d'],
    ['non-breaking hyphen', 'peut\u2011être', 'peut-être'],
    ['ellipsis', 'enfin…', 'enfin...'],
    ['decomposed accents (NFC)', 'e\u0301te\u0301', 'été'],
    ['soft hyphen', 'anti\u00adconstitutionnellement', 'anticonstitutionnellement'],
    ['zero-width space and word joiner', 'a\u200bb\u2060c', 'abc'],
    // ZWNJ and ZWJ shape what is drawn (👩‍💻, Persian): kept, as in tags (utils/text/table).
    ['zero-width non-joiner and joiner are kept', 'a\u200cb\u200dc', 'a\u200cb\u200dc'],
    ['prime, acute accent, backquote, fullwidth apostrophe', 'l′été l´été l`été l＇été', "l'été l'été l'été l'été"],
    ['single low quote', '‚ja‘', "'ja'"],
    ['double prime and fullwidth quote', '″oui″ ＂oui＂', '"oui" "oui"'],
    ['next line', 'a\u0085b', 'a b'],
    ['typographic ligatures', 'ﬁn ﬂux eﬀet eﬃcace ﬆ', 'fin flux effet efficace st'],
    ['byte-order mark', '\ufeffTitre', 'Titre'],
    ['case is kept', 'La Vérité', 'La Vérité'],
    ['straight quotes are kept', `"l'été"`, `"l'été"`],
    ['empty', '', ''],
    ['whitespace only', ' \u00a0\n', ''],
  ])('%s', (_name, raw, expected) => {
    expect(normalize(raw)).toBe(expected);
  });

  it('agrees with the indexing Normalizer, on any string', () => {
    const chars = fc.constantFrom(...'aé e\u0301\u00a0\u202f\n\t’‘′´«»“”‹›″—–…ﬁﬄ\u00ad\u200b\u200d\u0085\ufeffЁ한\u1100\u1161\ud83d\ude00\ud800xyz');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        const n = new Normalizer();
        n.push(s);
        expect(normalize(s)).toBe(n.finish().text);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    const s = '  « L’été — e\u0301te\u0301…»\u00a0!  ';
    expect(normalize(normalize(s))).toBe(normalize(s));
  });
});

describe('Normalizer offset maps', () => {
  it('maps a block boundary to a space of no raw width', () => {
    const n = new Normalizer();
    n.push('end.');
    n.boundary();
    n.push('Next');
    const norm = n.finish();
    expect(norm.text).toBe('end. Next');
    expect(toRaw(norm, 4, 5)).toEqual({ start: 4, end: 4 });
    expect(toRaw(norm, 5, 9)).toEqual({ start: 4, end: 8 });
    expect(toRaw(norm, 0, 9)).toEqual({ start: 0, end: 8 });
  });

  it('maps a collapsed whitespace run to its first character', () => {
    const n = new Normalizer();
    n.push('a \n  b');
    const norm = n.finish();
    expect(norm.text).toBe('a b');
    expect(toRaw(norm, 1, 2)).toEqual({ start: 1, end: 2 });
    expect(toRaw(norm, 2, 3)).toEqual({ start: 5, end: 6 });
  });

  it('maps an NFC-recomposed character to all of its raw code units', () => {
    const n = new Normalizer();
    n.push('le\u0301t');
    const norm = n.finish();
    expect(norm.text).toBe('lét');
    expect(toRaw(norm, 1, 2)).toEqual({ start: 1, end: 3 });
    expect(toRaw(norm, 2, 3)).toEqual({ start: 3, end: 4 });
  });

  it('maps every character of an expansion to the one raw character', () => {
    const n = new Normalizer();
    n.push('a…b');
    const norm = n.finish();
    expect(norm.text).toBe('a...b');
    expect(toRaw(norm, 1, 4)).toEqual({ start: 1, end: 2 });
    expect(toRaw(norm, 2, 3)).toEqual({ start: 1, end: 2 });
  });

  it('maps both letters of a ligature to the one raw character', () => {
    const n = new Normalizer();
    n.push('conﬁance');
    const norm = n.finish();
    expect(norm.text).toBe('confiance');
    expect(toRaw(norm, 3, 4)).toEqual({ start: 3, end: 4 });
    expect(toRaw(norm, 4, 5)).toEqual({ start: 3, end: 4 });
    expect(toRaw(norm, 5, 9)).toEqual({ start: 4, end: 8 });
    expect(toNormalized(norm, 4)).toBe(5);
  });

  it('maps every normalised character back to raw characters that normalise to it', () => {
    const chars = fc.constantFrom(...'aé e\u0301\u00a0\u202f\n\r\t’′´‘«»“”″—–…ﬁﬄ\u00ad\u200b\u200d\u0085\ufeffxyz');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const raw = parts.join('');
        const n = new Normalizer();
        n.push(raw);
        const norm = n.finish();
        for (let j = 0; j < norm.text.length; j++) {
          const { start, end } = toRaw(norm, j, j + 1);
          expect(start).toBeLessThanOrEqual(end);
          if (norm.text[j] === ' ') continue;
          expect(normalize(raw.slice(start, end))).toContain(norm.text[j]);
          if (j > 0) expect(norm.rawStart[j]).toBeGreaterThanOrEqual(norm.rawStart[j - 1]!);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds the normalised offset of a raw offset', () => {
    const n = new Normalizer();
    n.push('  a   b');
    const norm = n.finish();
    expect(toNormalized(norm, 0)).toBe(0);
    expect(toNormalized(norm, 2)).toBe(0);
    expect(toNormalized(norm, 3)).toBe(1);
    expect(toNormalized(norm, 4)).toBe(2);
    expect(toNormalized(norm, 6)).toBe(2);
    expect(toNormalized(norm, 7)).toBe(3);
  });

  it('grows past its initial capacity', () => {
    const n = new Normalizer(16);
    const long = 'mot… '.repeat(5000);
    n.push(long);
    expect(n.finish().text).toBe(normalize(long));
    expect(normalize(long).length).toBe('mot... '.repeat(5000).trim().length);
  });
});
