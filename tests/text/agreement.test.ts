/**
 * Every normaliser of Verbatim reads each class of the character table (utils/text/table.ts) the
 * same way: a member of a class gives exactly what the class's canonical form gives, for tags,
 * search, anchoring, tag suggestions and fold alike. So `′` cannot be an apostrophe for one and
 * not for another, nor `–` a hyphen, nor NBSP a space.
 */
import { describe, expect, it } from 'vitest';
import { normalize, Normalizer } from '../../utils/anchoring/normalize';
import { normalizeForSearch, parseQuery, scanTokens } from '../../utils/search/normalize';
import { documentTerms, suggestTags } from '../../utils/suggest';
import { normalizeTag } from '../../utils/domain/tags';
import { fold } from '../../utils/text/fold';
import { CHAR_CLASSES, type CharKind, SHAPING } from '../../utils/text/table';

/** Each normaliser, as a function from a text to something comparable. */
const NORMALISERS: Record<string, (text: string) => unknown> = {
  'tags: normalizeTag': normalizeTag,
  'text: fold': fold,
  'search: normalizeForSearch': normalizeForSearch,
  'search: words': (t) => scanTokens(t).map((k) => `${k.kind}:${k.term}`),
  'search: query': (t) => parseQuery(t),
  'anchoring: normalize': normalize,
  'anchoring: Normalizer': (t) => {
    const n = new Normalizer();
    n.push(t);
    return n.finish().text;
  },
  'suggestions: documentTerms': (t) => [...documentTerms(t)].sort(),
  'suggestions: suggestTags': (t) => suggestTags(t, { max: 20 }),
};

/** A text where a character of each kind does its work (twice, so terms count), with `c` in it. */
const SAMPLE: Record<CharKind, (c: string) => string> = {
  apostrophe: (c) => `L${c}idée d${c}une lettre d${c}information, aujourd${c}hui. Jusqu${c}à la lettre d${c}information.`,
  quote: (c) => `Le ${c}marketing de contenu${c} et le ${c}marketing de contenu${c}.`,
  dash: (c) => `Le bien${c}être de 1939${c}1945, le bien${c}être ${c} enfin.`,
  space: (c) => `Le marketing${c}de${c}contenu${c}? Le marketing de contenu${c}!`,
  'line-break': (c) => `Le marketing${c}de contenu.${c}${c}Le marketing de contenu.`,
  invisible: (c) => `L${c}in${c}formation, l${c}information.`,
  ellipsis: (c) => `Et puis${c} l'information${c} l'information.`,
  ligature: (c) => `Une a${c}e, une a${c}e.`,
};

const rows = CHAR_CLASSES.flatMap((cls) =>
  [...cls.members].flatMap((m) =>
    Object.keys(NORMALISERS).map((name) => [cls.kind, `U+${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, JSON.stringify(cls.canonical), name, m, cls.canonical] as const),
  ),
);

describe('every normaliser reads each class of the character table as its canonical form', () => {
  it.each(rows)('%s %s as %s: %s', (kind, _code, _canonical, name, member, canonical) => {
    const n = NORMALISERS[name]!;
    const sample = SAMPLE[kind];
    expect(n(sample(member))).toEqual(n(sample(canonical)));
  });
});

describe('what each kind is, for every normaliser', () => {
  it('an apostrophe splits a French elision off in search and suggestions, and is ’ in a tag', () => {
    for (const c of ["'", ...CHAR_CLASSES.find((k) => k.kind === 'apostrophe')!.members]) {
      expect(scanTokens(`l${c}idée`).map((t) => `${t.kind}:${t.term}`), c).toEqual(['elision:l', 'word:idee']);
      expect([...documentTerms(`l${c}idée`)], c).toEqual(['idée']);
      expect(normalizeTag(`L${c}Idée`), c).toBe('l’idée');
      expect(normalize(`l${c}idée`), c).toBe("l'idée");
      expect(fold(`l${c}idée`), c).toBe("l'idee");
    }
  });

  it('a dash joins a compound as the hyphen does, everywhere', () => {
    for (const c of ['-', ...CHAR_CLASSES.find((k) => k.kind === 'dash')!.members]) {
      expect(scanTokens(`bien${c}être`).map((t) => `${t.kind}:${t.term}`), c).toEqual(['whole:bien-etre', 'part:bien', 'part:etre']);
      expect([...documentTerms(`bien${c}être`)], c).toEqual(['bien-être']);
      expect(normalizeTag(`bien${c}être`), c).toBe('bien-être');
      expect(normalize(`bien${c}être`), c).toBe('bien-être');
    }
  });

  it('a space or a line break is a space; only suggestions keep line breaks apart (a term does not cross one)', () => {
    for (const cls of CHAR_CLASSES.filter((k) => k.kind === 'space' || k.kind === 'line-break')) {
      for (const c of cls.members) {
        expect(normalizeTag(`a${c}b`), c).toBe('a b');
        expect(normalize(`a${c}b`), c).toBe('a b');
        expect(normalizeForSearch(`a${c}b`), c).toBe('a b');
        const phrase = [...documentTerms(`marketing${c}digital, marketing${c}digital`)].includes('marketing digital');
        expect(phrase, c).toBe(cls.kind === 'space');
      }
    }
  });

  it('ZWJ and ZWNJ shape what is drawn: tags and quotes keep them, search ignores them as it ignores accents', () => {
    for (const c of SHAPING) {
      expect(normalizeTag(`a${c}b`)).toBe(`a${c}b`);
      expect(normalize(`a${c}b`)).toBe(`a${c}b`);
      expect(fold(`a${c}b`)).toBe('ab');
      expect(scanTokens(`a${c}b`).map((t) => t.term)).toEqual(['ab']);
    }
  });
});
