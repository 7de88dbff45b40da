import { describe, expect, it } from 'vitest';
import { encodeTerm, linkToPassage, textFragment, type QuoteForFragment } from '../../utils/domain/text-fragment';

// --- A reference reader, written from the spec, to check what we write -------------------------

/** https://wicg.github.io/scroll-to-text-fragment/#fragment-directive-grammar, `%XX` strictly. */
const STRING = String.raw`(?:[a-zA-Z0-9!$'()*+./:;=?@_~]|%[0-9A-F]{2})+`;
const TEXT_DIRECTIVE = new RegExp(String.raw`^text=(?:${STRING}-,)?${STRING}(?:,${STRING})?(?:,-${STRING})?$`);

interface Parsed {
  textStart: string;
  textEnd: string | null;
  prefix: string | null;
  suffix: string | null;
}

/** The spec's "parse a text directive": split on commas, `-,` prefix, `,-` suffix, decode. */
function parseTextDirective(input: string): Parsed | null {
  if (!input.startsWith('text=')) return null;
  const tokens = input.slice(5).split(',');
  if (tokens.length < 1 || tokens.length > 4 || tokens.some((t) => t === '')) return null;
  const out: Parsed = { textStart: '', textEnd: null, prefix: null, suffix: null };
  if (tokens[0]!.endsWith('-')) out.prefix = decodeURIComponent(tokens.shift()!.slice(0, -1));
  const last = tokens.at(-1);
  if (last?.startsWith('-')) {
    out.suffix = decodeURIComponent(last.slice(1));
    tokens.pop();
  }
  if (tokens.length !== 1 && tokens.length !== 2) return null;
  out.textStart = decodeURIComponent(tokens[0]!);
  if (tokens.length === 2) out.textEnd = decodeURIComponent(tokens[1]!);
  return out;
}

/** Word boundaries as UAX #29 defines them (what the spec requires matches to respect). */
function wordBoundaries(text: string): Set<number> {
  const at = new Set<number>([0, text.length]);
  for (const s of new Intl.Segmenter('fr', { granularity: 'word' }).segment(text)) at.add(s.index);
  return at;
}

/**
 * The spec's "find a range from a text directive" over a flat one-block document (no DOM):
 * case-insensitive, word-bounded, whitespace skipped between context and match. Returns the
 * matched [start, end) or null.
 */
function findRange(doc: string, p: Parsed): [number, number] | null {
  const lower = doc.toLowerCase();
  const bounds = wordBoundaries(doc);
  const end = doc.length;
  const find = (query: string, from: number, startB: boolean, endB: boolean): [number, number] | null => {
    const q = query.toLowerCase();
    for (let i = lower.indexOf(q, from); i !== -1; i = lower.indexOf(q, i + 1)) {
      if ((!startB || bounds.has(i)) && (!endB || bounds.has(i + q.length))) return [i, i + q.length];
    }
    return null;
  };
  const skipSpace = (i: number) => {
    while (i < end && /\s/u.test(doc[i]!)) i++;
    return i;
  };
  let searchStart = 0;
  while (searchStart < end) {
    let match: [number, number] | null;
    const mustEnd = p.textEnd !== null || p.suffix === null;
    if (p.prefix !== null) {
      const pre = find(p.prefix, searchStart, true, false);
      if (!pre) return null;
      searchStart = pre[0] + 1;
      const at = skipSpace(pre[1]);
      if (at === end) return null;
      match = find(p.textStart, at, false, mustEnd);
      if (!match) return null;
      if (match[0] !== at) continue;
    } else {
      match = find(p.textStart, searchStart, true, mustEnd);
      if (!match) return null;
      searchStart = match[0] + 1;
    }
    let rangeEndFrom = match[1];
    do {
      if (p.textEnd !== null) {
        const te = find(p.textEnd, rangeEndFrom, true, p.suffix === null);
        if (!te) return null;
        match = [match[0], te[1]];
      }
      if (p.suffix === null) return match;
      const at = skipSpace(match[1]);
      const suf = find(p.suffix, at, false, true);
      if (!suf) return null;
      if (suf[0] === at) return match;
      if (p.textEnd === null) break;
      rangeEndFrom = match[1];
    } while (rangeEndFrom < end);
  }
  return null;
}

const collapse = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** Parses a fragment we made, checking the grammar first. */
function parse(directive: string): Parsed {
  expect(directive).toMatch(TEXT_DIRECTIVE);
  const parsed = parseTextDirective(directive);
  expect(parsed).not.toBeNull();
  return parsed!;
}

// --- The table of tricky passages ---------------------------------------------------------------

const LONG_FR =
  'Le marketing moderne repose sur l’expérience client : chaque interaction compte, du premier clic ' +
  'jusqu’au service après-vente, et les marques qui l’ont compris investissent massivement dans la ' +
  'formation de leurs équipes, la qualité de leurs outils et la cohérence de leur discours, car un ' +
  'client déçu en parle dix fois plus qu’un client satisfait — c’est du moins ce que répètent, ' +
  'depuis des années, les consultants du secteur.';

const TRICKY: [name: string, quote: QuoteForFragment][] = [
  ['plain', { exact: 'an example text fragment' }],
  ['a lone dash', { exact: '-' }],
  ['dash-comma', { exact: '-,' }],
  ['comma-dash', { exact: ',-' }],
  ['dashes inside', { exact: 'well-known - and – and — dashes' }],
  ['trailing dash', { exact: 'ends with-', prefix: ' and it ', suffix: ' then ' }],
  ['leading dash', { exact: '-starts with a dash', prefix: ' so ', suffix: ' ok ' }],
  ['commas', { exact: 'one, two, three', prefix: 'to count: ', suffix: ', four, five' }],
  ['ampersands', { exact: 'Tom & Jerry &text=evil&', suffix: ' cartoon & co' }],
  ['hash and percent', { exact: '100% of #hashtags use %20 and %', prefix: ' note that ' }],
  ['fragment syntax', { exact: 'text=a-,b,c,-d :~: done' }],
  ['plus and equals', { exact: '1 + 1 = 2' }],
  ['guillemets', { exact: '« Bonjour »\u00A0dit-il', prefix: 'il entra et : ', suffix: ' puis sortit' }],
  ['apostrophes', { exact: 'l’expérience d’achat n’est pas qu’un détail', prefix: 'Enfin, ', suffix: ' technique' }],
  ['emoji', { exact: 'ship it 🚀 now 👍🏽', prefix: ' Team: ', suffix: ' ✨ great news' }],
  ['NBSP and NNBSP', { exact: 'Prix\u00A0: 12\u00A0€\u202Fseulement', suffix: '\u00A0! vraiment pas cher' }],
  ['newlines and tabs', { exact: '  first line\n\tsecond line\r\n third  ', prefix: 'Intro.\n', suffix: '\nnext' }],
  ['long French paragraph', { exact: LONG_FR, prefix: 'ncipe. Selon les experts, ', suffix: ' Cette tendance se confirme' }],
  ['long English paragraph', { exact: `${'The quick brown fox jumps over the lazy dog. '.repeat(8)}The end`, prefix: ' Once upon a time ', suffix: ' indeed.' }],
  ['parentheses and quotes', { exact: "it's (really) \"fine\" isn't it?", suffix: ' yes it is' }],
  ['Arabic', { exact: 'مِصر', prefix: ' البحرين ' }],
  ['context cut mid-word', { exact: 'the passage', prefix: 'ntext before ', suffix: ' and after it' }],
];

describe('textFragment', () => {
  it.each(TRICKY)('%s: follows the grammar and reads back to the passage', (_, quote) => {
    const directive = textFragment(quote);
    const parsed = parse(directive);
    const exact = collapse(quote.exact);
    if (parsed.textEnd === null) {
      expect(parsed.textStart).toBe(exact);
    } else {
      expect(exact.startsWith(parsed.textStart)).toBe(true);
      expect(exact.endsWith(parsed.textEnd)).toBe(true);
      expect(parsed.textStart.length + parsed.textEnd.length).toBeLessThan(exact.length);
    }
    if (parsed.prefix !== null) expect(collapse(quote.prefix ?? '').endsWith(parsed.prefix)).toBe(true);
    if (parsed.suffix !== null) expect(collapse(quote.suffix ?? '').startsWith(parsed.suffix)).toBe(true);
    for (const term of [parsed.prefix, parsed.textStart, parsed.textEnd, parsed.suffix]) {
      if (term !== null) expect(term).toBe(term.trim());
    }
  });

  it.each(TRICKY)('%s: a spec matcher finds the passage, not a decoy without its context', (_, quote) => {
    const exact = collapse(quote.exact);
    const parsed = parse(textFragment(quote));
    // When there is context to tell them apart, the passage first appears without it.
    const decoy = parsed.prefix !== null || parsed.suffix !== null ? `Decoy. ${exact} zzz. ` : '';
    const before = `Start. ${decoy}${collapse(quote.prefix ?? '')}`;
    const doc = `${before} ${exact} ${collapse(quote.suffix ?? '')} Finis.`;
    const range = findRange(doc, parsed);
    expect(range).not.toBeNull();
    expect(doc.slice(...range!)).toBe(exact);
    expect(range![0]).toBe(before.length + 1);
  });

  it('never leaves a dash, comma or ampersand of the text unencoded', () => {
    for (const [, quote] of TRICKY) {
      const directive = textFragment(quote).slice('text='.length);
      const bare = directive.replace(/^[^,]*-,/u, '').replace(/,-[^,]*$/u, '');
      expect(bare).not.toMatch(/[-&]/u);
      expect(bare.split(',').length).toBeLessThanOrEqual(2);
    }
    expect(textFragment({ exact: '-' })).toBe('text=%2D');
    expect(textFragment({ exact: 'a-b, c&d' })).toBe('text=a%2Db%2C%20c%26d');
  });

  it('collapses and trims whitespace, NBSP included', () => {
    expect(textFragment({ exact: '  hello \n\t world\u00A0 ' })).toBe('text=hello%20world');
  });

  it.each(['', '   ', '\n\t\u00A0\u202F'])('throws a clear error for a blank quote %j', (exact) => {
    expect(() => textFragment({ exact })).toThrow(/empty/u);
  });

  describe('context', () => {
    it('keeps the last and first three words', () => {
      const d = parse(textFragment({ exact: 'x', prefix: ' one two three four five', suffix: 'six seven eight nine ' }));
      expect(d.prefix).toBe('three four five');
      expect(d.suffix).toBe('six seven eight');
    });

    it('drops a context word that a fixed-length cut may have split', () => {
      // Stored context is the 32 characters either side: "…experience" may be "experience" or
      // the end of "inexperience"; the prefix must start on a word boundary, so it goes.
      const d = parse(textFragment({ exact: 'x', prefix: 'ience matters', suffix: 'after it ends' }));
      expect(d.prefix).toBe('matters');
      expect(d.suffix).toBe('after it');
      expect(parse(textFragment({ exact: 'x', prefix: 'ience', suffix: 'ends' }))).toMatchObject({ prefix: null, suffix: null });
    });

    it('keeps a partial word touching the passage (the passage completes it)', () => {
      const d = parse(textFragment({ exact: 'believable story', prefix: ' the un', suffix: 'line here ' }));
      expect(d).toMatchObject({ prefix: 'the un', suffix: 'line here' });
      const doc = 'an unbelievable story and the unbelievable storyline here';
      expect(findRange(doc, d)).toEqual([doc.lastIndexOf('believable story'), doc.lastIndexOf('believable story') + 16]);
    });

    it('stays in the passage’s sentence (likely its block), unless the passage starts one', () => {
      expect(parse(textFragment({ exact: 'x', prefix: ' It ended. Then we', suffix: ' go home. Later on' })))
        .toMatchObject({ prefix: 'Then we', suffix: 'go home.' });
      expect(parse(textFragment({ exact: 'x', prefix: ' and so it ended. ' }))).toMatchObject({ prefix: 'so it ended.' });
    });

    it('omits empty or wordless context', () => {
      for (const ctx of [undefined, '', '   ', ' « ', ' — … ']) {
        const d = parse(textFragment({ exact: 'word', prefix: ctx, suffix: ctx }));
        expect(d).toMatchObject({ prefix: null, suffix: null });
      }
    });

    it('trims wordless tokens at the outer edge but keeps them next to the passage', () => {
      expect(parse(textFragment({ exact: 'Bonjour', prefix: ' — dit-il : « ', suffix: ' » ajouta-t-il — ' })))
        .toMatchObject({ prefix: 'dit-il : «', suffix: '» ajouta-t-il' });
    });

    it('survives half an emoji left by a fixed-length cut', () => {
      const d = parse(textFragment({ exact: 'ok', prefix: ' \uDE80 go now', suffix: 'yes \uD83D' }));
      expect(d).toMatchObject({ prefix: 'go now', suffix: 'yes' });
    });
  });

  describe('long passages', () => {
    it('uses five whole words from each end beyond twelve words', () => {
      const words = Array.from({ length: 13 }, (_, i) => `w${i}`).join(' ');
      expect(parse(textFragment({ exact: words }))).toMatchObject({ textStart: 'w0 w1 w2 w3 w4', textEnd: 'w8 w9 w10 w11 w12' });
      const twelve = Array.from({ length: 12 }, (_, i) => `w${i}`).join(' ');
      expect(parse(textFragment({ exact: twelve }))).toMatchObject({ textStart: twelve, textEnd: null });
    });

    it('counts French words as a reader does (l’expérience, bien-être are one word each)', () => {
      const exact = 'l’expérience du bien-être au travail dépend de la confiance, de l’autonomie et du sens donné';
      const d = parse(textFragment({ exact }));
      expect(d.textStart).toBe('l’expérience du bien-être au travail');
      expect(d.textEnd).toBe('l’autonomie et du sens donné');
    });

    it('does not count punctuation as words, nor cut inside one', () => {
      const exact = '« Alors — dit-il — nous verrons bien ; mais ce que nous verrons , nul ne le sait encore » .';
      const d = parse(textFragment({ exact }));
      expect(d.textStart).toBe('« Alors — dit-il — nous verrons bien');
      expect(d.textEnd).toBe('nul ne le sait encore » .');
    });

    it('splits beyond 300 characters even with few words', () => {
      const w = (c: string) => c.repeat(40);
      const exact = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(w).join(' ');
      const d = parse(textFragment({ exact }));
      expect(d.textStart).toBe(`${w('a')} ${w('b')} ${w('c')}`);
      expect(d.textEnd).toBe(`${w('f')} ${w('g')} ${w('h')}`);
    });

    it('keeps a long passage whole when it cannot be split', () => {
      const exact = 'x'.repeat(400);
      expect(parse(textFragment({ exact }))).toMatchObject({ textStart: exact, textEnd: null });
    });

    it('splits text without spaces at dictionary word boundaries', () => {
      const exact = '今日は良い天気ですね。'.repeat(30);
      const d = parse(textFragment({ exact }));
      expect(d.textEnd).not.toBeNull();
      expect(exact.startsWith(d.textStart) && exact.endsWith(d.textEnd!)).toBe(true);
      const bounds = wordBoundaries(exact);
      expect(bounds.has(d.textStart.length) && bounds.has(exact.length - d.textEnd!.length)).toBe(true);
    });

    it('lengthens textEnd until the passage cannot stop early', () => {
      // The last five words also occur mid-passage: the matcher would stop there.
      const exact = 'one two three four five six at the end of it seven eight at the end of it';
      const d = parse(textFragment({ exact }));
      expect(d.textEnd).toBe('eight at the end of it');
      const doc = `Before. ${exact} After.`;
      expect(doc.slice(...findRange(doc, d)!)).toBe(exact);
    });

    it('compares without case or accents, as the matcher does', () => {
      const exact = 'un deux trois quatre cinq ÉTÉ six sept huit neuf dix onze douze été';
      const d = parse(textFragment({ exact }));
      expect(d.textEnd).toBe('neuf dix onze douze été');
      expect(parse(textFragment({ exact: `${exact} fin` })).textEnd).toBe('dix onze douze été fin');
    });
  });
});

describe('linkToPassage', () => {
  const q = { exact: 'hello world' };
  it.each([
    ['https://example.com/a', 'https://example.com/a#:~:text=hello%20world'],
    ['https://example.com/a?x=1&y=2', 'https://example.com/a?x=1&y=2#:~:text=hello%20world'],
    ['https://example.com/a#', 'https://example.com/a#:~:text=hello%20world'],
    ['https://example.com/a#:~:text=old', 'https://example.com/a#:~:text=hello%20world'],
    ['https://example.com/a#:~:text=old&text=older', 'https://example.com/a#:~:text=hello%20world'],
    ['https://example.com/a#intro', 'https://example.com/a#intro:~:text=hello%20world'],
    ['https://example.com/a#intro:~:text=old', 'https://example.com/a#intro:~:text=hello%20world'],
    ['https://example.com/app#/notes/1', 'https://example.com/app#/notes/1:~:text=hello%20world'],
  ])('%s', (url, expected) => {
    expect(linkToPassage(url, q)).toBe(expected);
  });

  it('gives a URL the URL parser keeps intact', () => {
    for (const [, quote] of TRICKY) {
      const link = linkToPassage('https://example.com/a', quote);
      const parsed = new URL(link);
      expect(parsed.href).toBe(link);
      expect(parsed.hash).toBe(`#:~:${textFragment(quote)}`);
    }
  });
});

describe('encodeTerm', () => {
  it('encodes everything outside the unreserved set, and the directive syntax', () => {
    const all = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    const encoded = encodeTerm(all);
    expect(encoded).toMatch(/^(?:[a-zA-Z0-9._~]|%[0-9A-F]{2})+$/u);
    expect(decodeURIComponent(encoded)).toBe(all);
  });
});
