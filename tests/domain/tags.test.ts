import { describe, expect, it } from 'vitest';
import { normalizeTag, normalizeTags } from '../../utils/domain/tags';

describe('tags', () => {
  it.each([
    ['  Marketing  ', 'marketing'],
    ['EXPÉRIENCE   client', 'expérience client'],
    ['expe\u0301rience', 'expérience'], // decomposed é (NFD) equals the composed one
    ['EXPE\u0301RIENCE', 'expérience'], // decomposed capital É
    ['\tA\nB ', 'a b'],
    ['   ', ''],
  ])('normalises %j to %j', (raw, tag) => {
    expect(normalizeTag(raw)).toBe(tag);
  });

  describe('folds look-alike characters', () => {
    it.each([
      // Apostrophes: all become the typographic one, ’ U+2019.
      ["l'idée", 'ASCII apostrophe U+0027', 'l\u2019idée'],
      ['l\u2019idée', 'right single quote U+2019 (the canonical one)', 'l\u2019idée'],
      ['l\u2018idée', 'left single quote U+2018', 'l\u2019idée'],
      ['l\u201Bidée', 'reversed single quote U+201B', 'l\u2019idée'],
      ['l\u02BCidée', 'modifier letter apostrophe U+02BC', 'l\u2019idée'],
      ['l\uFF07idée', 'fullwidth apostrophe U+FF07', 'l\u2019idée'],
      ["L'EXPÉRIENCE Client", 'apostrophe, capitals', 'l\u2019expérience client'],
      ["aujourd'hui", 'apostrophe inside a word', 'aujourd\u2019hui'],
      ["Don't", 'English contraction', 'don\u2019t'],
      // Spaces: every Unicode space is one ASCII space, trimmed.
      ['l’expérience\u00A0client', 'no-break space U+00A0', 'l’expérience client'],
      ['l’expérience\u202Fclient', 'narrow no-break space U+202F', 'l’expérience client'],
      ['l’expérience\u2009client', 'thin space U+2009', 'l’expérience client'],
      ['l’expérience\u2007client', 'figure space U+2007', 'l’expérience client'],
      ['l’expérience\u3000client', 'ideographic space U+3000', 'l’expérience client'],
      ['l’expérience\u2028client', 'line separator U+2028', 'l’expérience client'],
      ['l’expérience\u0085client', 'next line U+0085', 'l’expérience client'],
      ['\u00A0\u202Fl’expérience \u00A0 client\u2003', 'mixed runs, leading and trailing', 'l’expérience client'],
      // Hyphens: the keyboard's -, U+002D.
      ['bien\u2010être', 'hyphen U+2010', 'bien-être'],
      ['bien\u2011être', 'non-breaking hyphen U+2011', 'bien-être'],
      ['bien\uFE63être', 'small hyphen-minus U+FE63', 'bien-être'],
      ['bien\uFF0Dêtre', 'fullwidth hyphen-minus U+FF0D', 'bien-être'],
      // Invisible characters pasted inside words: dropped.
      ['expé\u00ADrience', 'soft hyphen U+00AD', 'expérience'],
      ['expé\u200Brience', 'zero-width space U+200B', 'expérience'],
      ['expé\u2060rience', 'word joiner U+2060', 'expérience'],
      ['\uFEFFexpérience', 'byte order mark U+FEFF', 'expérience'],
      // Lowercasing does not depend on the locale.
      ['ISTANBUL', 'dotless capital I: i, whatever the locale', 'istanbul'],
      ['İzmir', 'dotted capital İ: i + combining dot', 'i\u0307zmir'],
      // Put where an apostrophe belongs (utils/text/table.ts decides it for every normaliser).
      ['l\u2032idée', 'prime U+2032', 'l\u2019idée'],
      ['l\u00B4idée', 'acute accent U+00B4', 'l\u2019idée'],
      ['l`idée', 'backquote U+0060', 'l\u2019idée'],
      ['l\u201Aidée', 'single low quote U+201A', 'l\u2019idée'],
      ['l\u1FEFidée', 'Greek varia U+1FEF (NFC: the backquote)', 'l\u2019idée'],
      // Dashes are hyphens: 1939–1945 and 1939-1945 are one tag.
      ['2010\u20132020', 'en dash U+2013', '2010-2020'],
      ['avant\u2014après', 'em dash U+2014', 'avant-après'],
      ['\u22125', 'minus sign U+2212', '-5'],
      // Quotes, the ellipsis and typographic ligatures.
      ['« Citation »', 'guillemets', '" citation "'],
      ['\u201Cquote\u201D', 'English quotes', '"quote"'],
      ['et\u2026', 'ellipsis U+2026', 'et...'],
      ['\uFB01nance', 'ligature ﬁ U+FB01', 'finance'],
      // Not look-alikes: kept as typed.
      ['\u02BBokina', 'Hawaiian ʻokina U+02BB (a letter)', '\u02BBokina'],
      ['expe\u00AD\u0301rience', 'a soft hyphen between a letter and its accent', 'expérience'],
      ['👩\u200D💻', 'zero-width joiner in an emoji', '👩\u200D💻'],
      ['می\u200Cخواهم', 'zero-width non-joiner in Persian', 'می\u200Cخواهم'],
    ])('%j (%s) → %j', (raw, _what, tag) => {
      expect(normalizeTag(raw)).toBe(tag);
    });

    it('ignores the runtime locale when lowercasing', () => {
      const toLocaleLowerCase = String.prototype.toLocaleLowerCase;
      // What a Turkish browser's default locale does to I.
      String.prototype.toLocaleLowerCase = function (this: string) {
        return toLocaleLowerCase.call(this, 'tr');
      };
      try {
        expect('I'.toLocaleLowerCase()).toBe('ı');
        expect(normalizeTag('MARKETING DIGITAL')).toBe('marketing digital');
      } finally {
        String.prototype.toLocaleLowerCase = toLocaleLowerCase;
      }
    });
  });

  it('drops empties and case/Unicode duplicates, keeping first-seen order', () => {
    expect(normalizeTags(['B', 'a', ' b', '', 'A', 'expe\u0301rience', 'Expérience'])).toEqual(['b', 'a', 'expérience']);
  });

  it('merges apostrophe, space and hyphen variants into the first one seen', () => {
    expect(normalizeTags(["l'idée", 'marketing', 'l\u2019idée', 'L\u02BCIdée', 'l\u2018idée'])).toEqual(['l\u2019idée', 'marketing']);
    expect(normalizeTags(['expérience\u00A0client', 'expérience client', 'bien\u2011être', 'bien-être', '\u00AD'])).toEqual([
      'expérience client',
      'bien-être',
    ]);
    expect(normalizeTags(['1939\u20131945', 'l\u00B4idée', '1939-1945', "l'idée", '« oui »', '"oui"'])).toEqual(['1939-1945', 'l\u2019idée', '" oui "', '"oui"']);
  });

  it('is idempotent: a stored tag is its own normal form', () => {
    const samples = ["L'Idée\u00A0CLIENT", 'İSTANBUL', 'ǅ', 'ẞ', 'Ω', 'ﬁ', 'A\u030A\u0301', 'expe\u0301\u00ADrience', 'e\u00AD\u0301', 'Σ ΟΔΟΣ', '\u1FEF\u1FFD'];
    // Every code point of the BMP and the SMP, where all the cased letters are.
    for (let c = 0; c <= 0x1ffff; c++) if (c < 0xd800 || c > 0xdfff) samples.push(String.fromCodePoint(c));
    for (const raw of samples) {
      const tag = normalizeTag(raw);
      if (normalizeTag(tag) !== tag) expect({ raw, again: normalizeTag(tag) }).toEqual({ raw, again: tag });
      if (tag.normalize('NFC') !== tag) expect({ raw, tag }).toEqual({ raw, tag: tag.normalize('NFC') });
    }
  });
});
