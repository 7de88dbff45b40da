import { describe, expect, it } from 'vitest';
import { render } from '../../utils/citation/engine';
import { citeNote } from '../../utils/citation/cite';
import { BUILT_IN_STYLES, quotedInTerm } from '../../utils/citation/catalog';
import { LOCALE_XML, STYLE_XML } from '../../utils/citation/styles';
import { frenchTypography } from '../../utils/citation/typography';
import { EXPECTED, ITEMS } from './examples';

const cases = Object.entries(EXPECTED).flatMap(([style, langs]) =>
  Object.entries(langs).flatMap(([lang, sources]) =>
    Object.entries(sources).map(([source, [citation, bibliography]]) => ({ style, lang, source, citation, bibliography })),
  ),
);

describe('our styles, against examples written from each manual', () => {
  it('cover every built-in style in both languages', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(BUILT_IN_STYLES.map((s) => s.id).sort());
    for (const langs of Object.values(EXPECTED)) expect(Object.keys(langs)).toEqual(['en-US', 'fr-FR']);
  });

  it.each(cases)('$style, $lang, $source', ({ style, lang, source, citation, bibliography }) => {
    const out = render(ITEMS[source as keyof typeof ITEMS], STYLE_XML[style as keyof typeof STYLE_XML], LOCALE_XML, { lang, format: 'html' });
    expect(out.citation).toBe(citation);
    expect(out.bibliography).toBe(bibliography);
  });

  it('the French ISO 690 says when it was read: [consulté le 4 décembre 2026]', () => {
    const out = render(ITEMS.blog, STYLE_XML['iso690-author-date-fr'], LOCALE_XML, { lang: 'en-US', format: 'text' });
    expect(out.bibliography).toContain('[consulté le 4 décembre 2026]');
    expect(out.bibliography).toContain('[en ligne]');
  });

  it('a French date is the 1er of the month', () => {
    const first = { ...ITEMS.blog, issued: { 'date-parts': [[2024, 3, 1]] as Array<[number, number?, number?]> } };
    expect(render(first, STYLE_XML['chicago-notes'], LOCALE_XML, { lang: 'fr-FR', format: 'text' }).citation).toContain('1er mars 2024');
  });
});

const nbsp = '\u00A0';
const nnbsp = '\u202F';
const quote = { exact: 'Le client est roi.', selectors: [], url: 'https://exemple.fr/blog/relation-client' };
const cite = (style: keyof typeof STYLE_XML, lang: string, format: 'text' | 'markdown', speaker?: string) =>
  citeNote({ ...quote, ...(speaker ? { speaker } : {}) }, ITEMS.blog, { style: { id: style, xml: STYLE_XML[style] }, locales: LOCALE_XML, lang, format });

describe('citeNote', () => {
  it('quotes the passage, then the in-text citation and the reference entry, with French typography', () => {
    expect(cite('apa', 'fr', 'text')).toBe(
      `«${nnbsp}Le client est roi.${nnbsp}» (Martin, 2024)\n\nMartin, J. (2024, 5 mars). La relation client au cœur de la stratégie. Le Blog du client. https://exemple.fr/blog/relation-client\nhttps://exemple.fr/blog/relation-client#:~:text=Le%20client%20est%20roi.`,
    );
    expect(cite('iso690-author-date-fr', 'fr', 'text')).toContain(`Disponible à l’adresse${nbsp}: https://exemple.fr/blog/relation-client`);
  });

  it('does not double the marks of a passage selected with its own, and puts a quotation inside it in the inner marks', () => {
    const with_ = (exact: string, lang: string) => citeNote({ ...quote, exact }, ITEMS.blog, { style: { id: 'apa', xml: STYLE_XML.apa }, locales: LOCALE_XML, lang, format: 'text' });
    expect(with_('« Le client est roi. »', 'fr')).toMatch(new RegExp(`^«${nnbsp}Le client est roi\\.${nnbsp}» \\(Martin, 2024\\)`, 'u'));
    expect(with_('Il répète « le client est roi ».', 'fr')).toMatch(new RegExp(`^«${nnbsp}Il répète “le client est roi”\\.${nnbsp}» \\(`, 'u'));
    expect(with_('She kept saying "the customer is king".', 'en')).toMatch(/^“She kept saying ‘the customer is king’\.” \(/u);
  });

  it('cites a speaker who is not the author as quoted by the author, in each language', () => {
    expect(cite('apa', 'fr', 'text', 'Albert Camus')).toContain('(Albert Camus, cité par Martin, 2024)');
    expect(cite('apa', 'en', 'text', 'Albert Camus')).toContain('(Albert Camus, as cited in Martin, 2024)');
    expect(cite('mla', 'en', 'text', 'Albert Camus')).toContain('(Albert Camus, qtd. in Martin)');
    expect(cite('chicago-notes', 'en', 'text', 'Albert Camus')).toContain('Albert Camus, quoted in Jeanne Martin, “La relation client au cœur de la stratégie,”');
    expect(cite('harvard', 'en', 'text', 'Albert Camus')).toContain('(Albert Camus, cited in Martin, 2024)');
  });

  it('does not cite the author as quoted by themself', () => {
    for (const speaker of ['Jeanne Martin', 'MARTIN Jeanne', 'Martin', 'jeanne martin']) {
      expect(cite('apa', 'fr', 'text', speaker)).toContain('» (Martin, 2024)');
    }
  });

  it('a note style gives the passage and its note, and either ends with the link to the passage', () => {
    expect(cite('chicago-notes', 'en', 'text')).toBe(
      '“Le client est roi.”\n\nJeanne Martin, “La relation client au cœur de la stratégie,” Le Blog du client, March 5, 2024, https://exemple.fr/blog/relation-client.\nhttps://exemple.fr/blog/relation-client#:~:text=Le%20client%20est%20roi.',
    );
  });

  it('Markdown: a blockquote, the citation linking to the passage, italics as *…*, the address kept whole', () => {
    expect(cite('apa', 'en', 'markdown')).toBe(
      '> Le client est roi.\n>\n> — [(Martin, 2024)](https://exemple.fr/blog/relation-client#:~:text=Le%20client%20est%20roi.)\n\n' +
        'Martin, J. (2024, March 5). La relation client au cœur de la stratégie. *Le Blog du client*. <https://exemple.fr/blog/relation-client>',
    );
    expect(cite('chicago-notes', 'fr', 'markdown')).toBe(
      `> Le client est roi.[^1]\n\n[^1]: Jeanne Martin, «${nnbsp}La relation client au cœur de la stratégie${nnbsp}», *Le Blog du client*, 5 mars 2024, <https://exemple.fr/blog/relation-client>.`,
    );
  });

  it('says "quoted in" as each manual does', () => {
    expect(quotedInTerm('apa', 'en-US')).toBe('as cited in');
    expect(quotedInTerm('mla', 'fr-CA')).toBe('cité par');
    expect(quotedInTerm('a-user-style', 'en')).toBe('quoted in');
  });
});

describe('frenchTypography', () => {
  it.each([
    ['Pourquoi? Parce que: voilà; enfin!', `Pourquoi${nnbsp}? Parce que${nbsp}: voilà${nnbsp}; enfin${nnbsp}!`],
    ['Il a dit "non" puis “oui”.', `Il a dit «${nnbsp}non${nnbsp}» puis «${nnbsp}oui${nnbsp}».`],
    ['« Vraiment ? ». Oui', `«${nnbsp}Vraiment${nnbsp}?${nnbsp}» Oui`],
    ['Disponible à : https://a.fr/x?y=1:2;z', `Disponible à${nbsp}: https://a.fr/x?y=1:2;z`],
    ['À 12:30, ok', 'À 12:30, ok'],
  ])('%s', (input, output) => {
    expect(frenchTypography(input)).toBe(output);
  });
});
