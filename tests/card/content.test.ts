import { describe, expect, it } from 'vitest';
import { cardContent, quoteLanguage } from '../../utils/card/content';
import type { Note, PageMeta } from '../../utils/domain/model';

const NNBSP = '\u202F';
const note = (over: Partial<Note> = {}): Pick<Note, 'exact' | 'selectors' | 'url' | 'speaker' | 'attribution'> => ({
  exact: 'Il faut imaginer Sisyphe heureux',
  selectors: [{ type: 'TextQuoteSelector', exact: 'Il faut imaginer Sisyphe heureux', prefix: 'Et pourtant ', suffix: '. La lutte' }],
  url: 'https://example.fr/camus',
  ...over,
});
const article: PageMeta = { url: 'https://example.fr/camus', title: 'Relire Camus', byline: 'Jeanne Martin', siteName: 'Le Journal', publishedTime: '2024-03-12T08:00:00Z', lang: 'fr' };

describe('cardContent', () => {
  it('sets a French quote in « » with narrow no-break spaces, its speaker, and the source in French', () => {
    const c = cardContent(note({ speaker: 'Albert Camus', exact: 'Pourquoi écrire? Parce que' }), article, 'en');
    expect(c.lang).toBe('fr');
    expect(c.marks).toEqual([`«${NNBSP}`, `${NNBSP}»`]);
    expect(c.quote).toBe(`Pourquoi écrire${NNBSP}? Parce que`);
    expect(c.speaker).toBe('Albert Camus');
    expect(c.source).toBe('Jeanne Martin · Relire Camus · Le Journal · 12\u00A0mars\u00A02024');
  });

  it('sets an English quote in “ ”, with the author as speaker when no one else is named', () => {
    const c = cardContent(note({ exact: '“The best way to predict the future is to invent it.”' }), { ...article, lang: 'en-GB', title: 'On Futures' }, 'fr');
    expect(c.marks).toEqual(['“', '”']);
    expect(c.quote).toBe('The best way to predict the future is to invent it.');
    expect(c.speaker).toBe('Jeanne Martin');
    expect(c.source).toBe('On Futures · Le Journal · 12\u00A0March\u00A02024');
  });

  it('puts quotations inside the passage in the inner marks (the card draws « » around it), and links the QR code to the passage', () => {
    const c = cardContent(note({ exact: '« Oui » et « non »' }), article, 'fr');
    expect(c.quote).toBe('“Oui” et “non”');
    expect(cardContent(note({ exact: '« Il a dit « non » deux fois. »' }), article, 'fr').quote).toBe('Il a dit “non” deux fois.');
    expect(c.link).toMatch(/^https:\/\/example\.fr\/camus#:~:text=/u);
  });

  it('guesses the language from the words when the page did not say', () => {
    expect(quoteLanguage('Le travail bien fait est une forme de politesse', undefined, 'en')).toBe('fr');
    expect(quoteLanguage('Work done well is a kind of courtesy', undefined, 'fr')).toBe('en');
    expect(quoteLanguage('Sisyphe', undefined, 'fr-CA')).toBe('fr-CA');
    const c = cardContent(note({ exact: 'The work is what it is.', url: 'https://www.example.com/x' }), undefined, 'fr');
    expect(c.marks).toEqual(['“', '”']);
    expect(c.source).toBe('example.com');
  });
});
