import { describe, expect, it } from 'vitest';
import { citationUrl, formatCitation, formatDate, type CitableNote } from '../../utils/domain/citation';
import type { Attribution } from '../../utils/domain/model';
import { linkToPassage } from '../../utils/domain/text-fragment';

const NBSP = '\u00A0';

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

const article: Partial<Attribution> = {
  title: 'Le client au centre',
  author: 'Jeanne Martin',
  siteName: 'Le Journal',
  publishedTime: '2024-03-05',
  url: 'https://journal.example/client',
};

const FRAGMENT_X = 'text=comme%20le%20dit-,x,-et%20ainsi%20de';

const LINK = linkToPassage('https://journal.example/client', {
  exact: 'Le client est roi.',
  prefix: ' comme le dit ',
  suffix: ' et ainsi de suite',
});

describe('formatCitation, plain text', () => {
  it('French: guillemets with no-break spaces, then the link', () => {
    expect(formatCitation(note('Le client est roi.'), article, { lang: 'fr', format: 'text' })).toBe(
      `«${NBSP}Le client est roi.${NBSP}» — Jeanne Martin, Le client au centre, Le Journal, 5 mars 2024\n${LINK}`,
    );
  });

  it('English: curly quotes, English date', () => {
    expect(formatCitation(note('Le client est roi.'), article, { lang: 'en-GB', format: 'text' })).toBe(
      `“Le client est roi.” — Jeanne Martin, Le client au centre, Le Journal, 5 March 2024\n${LINK}`,
    );
    expect(formatCitation(note('Le client est roi.'), article, { lang: 'en-US', format: 'text' })).toContain(
      'Le Journal, March 5, 2024\n',
    );
  });

  it('recognises any French tag (fr-CA, FR)', () => {
    for (const lang of ['fr-CA', 'FR', 'fr-FR']) {
      expect(formatCitation(note('x'), {}, { lang, format: 'text' })).toMatch(/^«\u00A0x\u00A0»/u);
    }
  });

  it.each([
    ['no author', { author: undefined }, 'Le client au centre, Le Journal, 5 mars 2024'],
    ['no site', { siteName: undefined }, 'Jeanne Martin, Le client au centre, 5 mars 2024'],
    ['no date', { publishedTime: undefined }, 'Jeanne Martin, Le client au centre, Le Journal'],
    ['invalid date', { publishedTime: 'hier soir' }, 'Jeanne Martin, Le client au centre, Le Journal'],
    ['blank fields', { author: '  ', siteName: '' }, 'Le client au centre, 5 mars 2024'],
    ['only a site', { author: undefined, title: undefined, publishedTime: undefined }, 'Le Journal'],
  ])('%s: leaves it out without a stray comma', (_, changes, credit) => {
    const out = formatCitation(note('Texte'), { ...article, ...changes }, { lang: 'fr', format: 'text' });
    expect(out.split('\n')[0]).toBe(`«${NBSP}Texte${NBSP}» — ${credit}`);
    expect(out).not.toMatch(/,\s*,|,\s*$|— ,/mu);
  });

  it('with nothing known, just the quote and the link', () => {
    const out = formatCitation(note('Texte'), undefined, { lang: 'en', format: 'text' });
    expect(out).toBe(`“Texte”\n${linkToPassage('https://example.com/article', { exact: 'Texte', prefix: ' comme le dit ', suffix: ' et ainsi de suite' })}`);
  });

  it('does not repeat a site named like the author or the title', () => {
    const out = formatCitation(note('x'), { title: 'Blog', author: 'Ana', siteName: 'blog' }, { lang: 'en', format: 'text' });
    expect(out.split('\n')[0]).toBe('“x” — Ana, Blog');
  });

  it('the note’s attribution wins, field by field, over the article', () => {
    const n = note('Le client est roi.', {
      attribution: { title: 'Titre d’origine', author: 'Paul', url: 'https://origin.example/p' },
    });
    const out = formatCitation(n, article, { lang: 'fr', format: 'text' });
    expect(out.split('\n')[0]).toBe(`«${NBSP}Le client est roi.${NBSP}» — Paul, Titre d’origine, Le Journal, 5 mars 2024`);
    expect(out.split('\n')[1]).toMatch(/^https:\/\/origin\.example\/p#:~:text=/u);
  });

  it('keeps « » and quotes inside the passage verbatim', () => {
    const out = formatCitation(note('Il a dit « non » puis “oui”.'), {}, { lang: 'fr', format: 'text' });
    expect(out.split('\n')[0]).toBe(`«${NBSP}Il a dit « non » puis “oui”.${NBSP}»`);
  });

  it('keeps the passage’s line breaks, with whitespace tidied', () => {
    const out = formatCitation(note('  Premier   paragraphe.\n\n\tSecond\u00A0paragraphe.  '), article, { lang: 'en', format: 'text' });
    const [first, second, credit] = out.split('\n');
    expect(first).toBe('“Premier paragraphe.');
    expect(second).toBe('Second paragraphe.” — Jeanne Martin, Le client au centre, Le Journal, March 5, 2024');
    expect(credit).toMatch(/^https:\/\/journal\.example\/client#:~:text=[^,]+-,Premier%20paragraphe\.%20Second%20paragraphe\.,/u);
  });

  it('tidies whitespace and newlines in titles', () => {
    const out = formatCitation(note('x'), { title: '  Un\n titre  ' }, { lang: 'fr', format: 'text' });
    expect(out.split('\n')[0]).toBe(`«${NBSP}x${NBSP}» — Un titre`);
  });
});

describe('formatCitation, Markdown', () => {
  const md = (exact: string, art: Partial<Attribution> = article, lang = 'fr') =>
    formatCitation(note(exact), art, { lang, format: 'markdown' });

  it('a blockquote, then the credit with the title linked to the passage', () => {
    expect(md('Le client est roi.')).toBe(
      `> Le client est roi.\n>\n> — Jeanne Martin, [Le client au centre](${LINK}), Le Journal, 5 mars 2024`,
    );
  });

  it('one quoted paragraph per line of the passage', () => {
    expect(md('Ligne un.\nLigne deux.\n\nLigne trois.', {})).toBe(
      `> Ligne un.\n>\n> Ligne deux.\n>\n> Ligne trois.\n>\n> — [example.com](${citationUrl(note('Ligne un.\nLigne deux.\n\nLigne trois.'))})`,
    );
  });

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
    expect(md(line, {}).split('\n')[0]).toBe(`> ${escaped}`);
  });

  it('escapes each line of a multi-line passage on its own', () => {
    const lines = md('Intro :\n- un\n# deux\n3. trois', {}).split('\n').filter((l) => l !== '>');
    expect(lines.slice(0, 4)).toEqual(['> Intro :', '> \\- un', '> \\# deux', '> 3\\. trois']);
  });

  it('escapes the title, author and site, and keeps the link destination whole', () => {
    const out = md('x', {
      title: 'Le [vrai] *titre*',
      author: 'A_B',
      siteName: 'Site <b>',
      url: 'https://ex.test/wiki/Foo_(bar) baz',
    });
    const credit = out.split('\n').at(-1)!;
    expect(credit).toBe(
      `> — A\\_B, [Le \\[vrai\\] \\*titre\\*](https://ex.test/wiki/Foo_%28bar%29%20baz#:~:${FRAGMENT_X}), Site \\<b>`,
    );
  });

  it('links the site name, or the host, when there is no title', () => {
    expect(md('x', { siteName: 'Le Journal', url: 'https://j.test/a' }).split('\n').at(-1)).toMatch(
      /^> — \[Le Journal\]\(https:\/\/j\.test\/a#:~:text=[^,]+-,x,/u,
    );
    expect(md('x', { url: 'https://j.test/a' }).split('\n').at(-1)).toMatch(/^> — \[j\.test\]\(https:\/\/j\.test\/a#/u);
  });

  it('uses the language for the date only (no quotation marks in a blockquote)', () => {
    expect(md('x', article, 'en')).toBe(
      `> x\n>\n> — Jeanne Martin, [Le client au centre](${citationUrl(note('x'), article)}), Le Journal, March 5, 2024`,
    );
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
    expect(formatCitation(n, {}, { lang: 'en', format: 'text' })).toBe('“”\nhttps://a.test/');
    expect(formatCitation(n, {}, { lang: 'en', format: 'markdown' })).toBe('> — [a.test](https://a.test/)');
  });
});

describe('formatDate', () => {
  it.each([
    ['2024-03-05', 'fr', '5 mars 2024'],
    ['2024-03-05', 'en-US', 'March 5, 2024'],
    // The day the page declared, wherever the reader is.
    ['2024-03-05T23:30:00+01:00', 'fr', '5 mars 2024'],
    ['2024-03-05T00:10:00-08:00', 'fr', '5 mars 2024'],
    ['2024-03', 'fr', 'mars 2024'],
    ['2024', 'en', '2024'],
    ['2024-02-30', 'fr', undefined],
    ['yesterday', 'en', undefined],
    ['', 'en', undefined],
    [undefined, 'en', undefined],
  ])('%j in %s → %j', (value, lang, expected) => {
    expect(formatDate(value, lang)).toBe(expected);
  });

  it('reads other date formats', () => {
    expect(formatDate('March 5, 2024', 'en-US')).toBe('March 5, 2024');
  });

  it('survives a malformed language tag', () => {
    expect(formatDate('2024-03-05', 'not a tag!')).toBe('March 5, 2024');
  });
});
