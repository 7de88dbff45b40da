import { describe, expect, it } from 'vitest';
import { cslItemOf, dateOf, namesOf } from '../../utils/citation/item';

const accessed = new Date(2026, 11, 4, 10, 30);
const article = {
  id: 'art-1',
  url: 'https://exemple.fr/blog/relation-client',
  title: 'La relation client',
  byline: 'Jeanne Martin',
  siteName: 'Le Blog du client',
  publishedTime: '2024-03-05T23:30:00+01:00',
  lang: 'fr',
};

describe('cslItemOf', () => {
  it('makes the CSL-JSON item of an article, accessed on the reader’s local day', () => {
    expect(cslItemOf(undefined, article, accessed)).toEqual({
      id: 'art-1',
      type: 'post-weblog',
      title: 'La relation client',
      author: [{ family: 'Martin', given: 'Jeanne' }],
      'container-title': 'Le Blog du client',
      issued: { 'date-parts': [[2024, 3, 5]] },
      accessed: { 'date-parts': [[2026, 12, 4]] },
      URL: 'https://exemple.fr/blog/relation-client',
      language: 'fr',
    });
  });

  it('takes each field from the quote’s attribution before the article', () => {
    const note = {
      url: 'https://exemple.fr/amp/relation-client',
      attribution: { title: 'Titre gardé', url: 'https://exemple.fr/canon', author: 'Paul Durand' },
    };
    const item = cslItemOf(note, article, accessed.getTime());
    expect(item.title).toBe('Titre gardé');
    expect(item.URL).toBe('https://exemple.fr/canon');
    expect(item.author).toEqual([{ family: 'Durand', given: 'Paul' }]);
    expect(item['container-title']).toBe('Le Blog du client');
  });

  it('without an article, is the note’s page, the host standing for the site', () => {
    const item = cslItemOf({ url: 'https://www.nytimes.com/2024/01/02/a.html' }, undefined, accessed);
    expect(item).toMatchObject({ id: 'https://www.nytimes.com/2024/01/02/a.html', type: 'article-newspaper', 'container-title': 'nytimes.com' });
    expect(item.title).toBeUndefined();
    expect(item.author).toBeUndefined();
  });

  it('says the site once when the page names itself as author or title', () => {
    const item = cslItemOf(undefined, { url: 'https://www.lemonde.fr/a', title: 'Un titre', byline: 'Le Monde', siteName: 'Le Monde' }, accessed);
    expect(item.author).toEqual([{ literal: 'Le Monde' }]);
    expect(item['container-title']).toBeUndefined();
    expect(item.type).toBe('article-newspaper');
  });

  it.each([
    ['https://www.theatlantic.com/ideas/x', 'article-magazine'],
    ['https://someone.substack.com/p/x', 'post-weblog'],
    ['https://blog.example.com/x', 'post-weblog'],
    ['https://example.com/docs/x', 'webpage'],
  ])('types %s as %s', (url, type) => {
    expect(cslItemOf({ url }, undefined, accessed).type).toBe(type);
  });
});

describe('namesOf', () => {
  it.each([
    ['By Jane Doe and John Smith', [{ family: 'Doe', given: 'Jane' }, { family: 'Smith', given: 'John' }]],
    ['Par Jeanne Martin et Paul Durand', [{ family: 'Martin', given: 'Jeanne' }, { family: 'Durand', given: 'Paul' }]],
    ['Jeanne Martin, Paul Durand', [{ family: 'Martin', given: 'Jeanne' }, { family: 'Durand', given: 'Paul' }]],
    ['Charles de Gaulle', [{ family: 'de Gaulle', given: 'Charles' }]],
    ['Jean-Pierre Le Goff', [{ family: 'Le Goff', given: 'Jean-Pierre' }]],
    ['Martin Luther King Jr.', [{ family: 'King', given: 'Martin Luther', suffix: 'Jr.' }]],
    ['Doe, Jane', [{ family: 'Doe', given: 'Jane' }]],
    ['La rédaction', [{ literal: 'La rédaction' }]],
    ['AFP', [{ literal: 'AFP' }]],
    ['@jdoe', [{ literal: '@jdoe' }]],
  ])('reads %s', (byline, names) => {
    expect(namesOf(byline)).toEqual(names);
  });
});

describe('dateOf', () => {
  it('keeps the precision and the day the page declared', () => {
    expect(dateOf('2024')).toEqual({ 'date-parts': [[2024]] });
    expect(dateOf('2024-03')).toEqual({ 'date-parts': [[2024, 3]] });
    expect(dateOf('2024-03-05T23:30:00-08:00')).toEqual({ 'date-parts': [[2024, 3, 5]] });
    expect(dateOf('2024-02-30')).toBeUndefined();
    expect(dateOf('hier')).toBeUndefined();
  });
});
