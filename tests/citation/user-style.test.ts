import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateStyle } from 'csl-validator-wasm';
import { checkUserLocale, checkUserStyle, MAX_STYLE_BYTES, wellFormed } from '../../utils/citation/user-style';
import { makeCitation } from '../../utils/citation/make';
import { LOCALE_XML, STYLE_XML } from '../../utils/citation/styles';

const fixture = (name: string) => readFileSync(`tests/fixtures/csl/${name}`, 'utf8');

describe('a style file the user adds', () => {
  it('the fixtures are valid CSL, as files from the CSL repository are', async () => {
    expect(await validateStyle(fixture('sample-official.csl'))).toBe('');
    expect(await validateStyle(fixture('dependent.csl'))).toBe('');
    expect(await validateStyle(fixture('locales-de-DE.xml'))).toBe('');
  });

  it('is named by its title and id, and cites', () => {
    const style = checkUserStyle(fixture('sample-official.csl'), LOCALE_XML);
    expect(style).toMatchObject({ id: 'user:http://www.zotero.org/styles/test-author-year-fixture', title: 'Test Author-Year (fixture)' });
    const note = { exact: 'Le client est roi.', selectors: [], url: 'https://exemple.fr/a', createdAt: Date.UTC(2026, 11, 4, 12) };
    const article = { url: 'https://exemple.fr/a', title: 'La relation client', byline: 'Jeanne Martin', publishedTime: '2024-03-05', lang: 'fr' };
    const text = makeCitation({ note, article, styleId: 'user:http://www.zotero.org/styles/test-author-year-fixture', settings: { userStyles: [style as never] }, uiLang: 'en', format: 'text' });
    expect(text).toBe('«\u202FLe client est roi.\u202F» [Martin 2024]\n\nMartin, Jeanne — La relation client — https://exemple.fr/a.\nhttps://exemple.fr/a#:~:text=Le%20client%20est%20roi.');
  });

  it('is refused when it is not CSL, dependent, broken or too large, saying why', () => {
    expect(checkUserStyle('<html><body>no</body></html>', LOCALE_XML)).toEqual({ error: 'notCsl' });
    expect(checkUserStyle(fixture('locales-de-DE.xml'), LOCALE_XML)).toEqual({ error: 'notCsl' });
    expect(checkUserStyle(fixture('dependent.csl'), LOCALE_XML)).toEqual({ error: 'dependent', parent: 'http://www.zotero.org/styles/apa' });
    const broken = fixture('sample-official.csl').replace('</layout>\n  </citation>', '');
    expect(checkUserStyle(broken, LOCALE_XML)).toMatchObject({ error: 'broken' });
    for (const file of ['sample-official.csl', 'dependent.csl', 'locales-de-DE.xml']) expect(wellFormed(fixture(file))).toBe(true);
    for (const file of [...Object.values(LOCALE_XML), ...Object.values(STYLE_XML)]) expect(wellFormed(file)).toBe(true);
    expect(checkUserStyle(`${fixture('sample-official.csl')}<!--${'x'.repeat(MAX_STYLE_BYTES)}-->`, LOCALE_XML)).toEqual({ error: 'tooLarge' });
  });

  it('a locale file gives its language and is used for it', () => {
    expect(checkUserLocale(fixture('locales-de-DE.xml'), LOCALE_XML)).toEqual({ lang: 'de-DE' });
    expect(checkUserLocale(fixture('sample-official.csl'), LOCALE_XML)).toEqual({ error: 'notCsl' });
    const note = { exact: 'x', selectors: [], url: 'https://beispiel.de/a', createdAt: Date.UTC(2026, 11, 4, 12) };
    const text = makeCitation({ note, article: { url: note.url, title: 'Titel', lang: 'de' }, styleId: 'chicago-notes', settings: { userLocales: { 'de-DE': fixture('locales-de-DE.xml') } }, uiLang: 'en', format: 'text' });
    expect(text).toContain('abgerufen am 4 Dezember 2026');
  });
});
