import { describe, expect, it } from 'vitest';
import { citationUrl, escapeInline, escapeLine, markdownDestination, quoteLines, type CitableNote } from '../../utils/domain/citation';

function note(exact: string, extra: Partial<CitableNote> = {}): CitableNote {
  return {
    exact,
    url: 'https://example.com/article',
    selectors: [
      { type: 'TextPositionSelector', start: 10, end: 10 + exact.length },
      { type: 'TextQuoteSelector', exact, prefix: ' comme le dit ', suffix: ' et ainsi de suite' },
    ],
    ...extra,
  };
}

describe('a passage in Markdown (what citations quote)', () => {
  it.each([
    ['# Pas un titre', '\\# Pas un titre'],
    ['#hashtag', '\\#hashtag'],
    ['- pas une liste', '\\- pas une liste'],
    ['+ pas une liste', '\\+ pas une liste'],
    ['* pas une liste', '\\* pas une liste'],
    ['1. pas une liste', '1\\. pas une liste'],
    ['2024) pas une liste', '2024\\) pas une liste'],
    ['> pas une citation', '\\> pas une citation'],
    ['---', '\\---'],
    ['===', '\\==='],
    ['___', '\\_\\_\\_'],
    ['a *b* _c_ `d` ~~e~~', 'a \\*b\\* \\_c\\_ \\`d\\` \\~\\~e\\~\\~'],
    ['[lien](https://x.test) ![img](y)', '\\[lien\\](https://x.test) !\\[img\\](y)'],
    ['<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
    ['a \\ b', 'a \\\\ b'],
    ['&amp; et &#233; mais pas & seul', '\\&amp; et \\&#233; mais pas & seul'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['1.5 million', '1.5 million'],
    ['Le 1er mai', 'Le 1er mai'],
    ['« guillemets »', '« guillemets »'],
  ])('escapes %j', (line, escaped) => {
    expect(escapeLine(line)).toBe(escaped);
  });

  it('escapes inline syntax in names and titles', () => {
    expect(escapeInline('Le [vrai] *titre* A_B <b>')).toBe('Le \\[vrai\\] \\*titre\\* A\\_B \\<b>');
  });

  it('keeps a link destination whole', () => {
    expect(markdownDestination('https://ex.test/wiki/Foo_(bar) baz')).toBe('https://ex.test/wiki/Foo_%28bar%29%20baz');
  });

  it('one line per paragraph of the passage, whitespace collapsed, blank lines dropped', () => {
    expect(quoteLines('  Premier   paragraphe.\n\n\tSecond\u00A0paragraphe.  ')).toEqual(['Premier paragraphe.', 'Second paragraphe.']);
  });
});

describe('citationUrl', () => {
  it('prefers the attribution URL, then the article’s, then the note’s', () => {
    const n = note('Texte');
    expect(citationUrl(n)).toMatch(/^https:\/\/example\.com\/article#:~:text=/u);
    expect(citationUrl(n, { url: 'https://canon.test/a' })).toMatch(/^https:\/\/canon\.test\/a#:~:text=/u);
    const attributed = { ...n, attribution: { title: 't', url: 'https://attr.test/a' } };
    expect(citationUrl(attributed, { url: 'https://canon.test/a' })).toMatch(/^https:\/\/attr\.test\/a#:~:text=/u);
  });

  it('uses the TextQuoteSelector’s context', () => {
    expect(citationUrl(note('le passage'))).toBe(
      'https://example.com/article#:~:text=comme%20le%20dit-,le%20passage,-et%20ainsi%20de',
    );
  });

  it('falls back to the note’s text without a TextQuoteSelector', () => {
    const n: CitableNote = { exact: 'seul', url: 'https://a.test/', selectors: [] };
    expect(citationUrl(n)).toBe('https://a.test/#:~:text=seul');
  });

  it('is the bare URL when there is no text to point at', () => {
    const n: CitableNote = { exact: '  ', url: 'https://a.test/', selectors: [] };
    expect(citationUrl(n)).toBe('https://a.test/');
  });
});
