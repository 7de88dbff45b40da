import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleWithBody, Note } from '../../utils/domain/model';
import { highlightMatches, SearchIndex } from '../../utils/search/index';
import { highlight } from '../support/library';

const URL_A = 'https://blog.example/verite/';
const URL_B = 'https://magazine.example/ux/';
const URL_C = 'https://www.site.example/no-article/';

let clock = 1_700_000_000_000;
const note = (id: string, fields: Partial<Note> = {}): Note =>
  highlight({ id, url: URL_C, exact: '', selectors: [], createdAt: (clock += 1000), updatedAt: clock, ...fields });
const article = (id: string, url: string, fields: Partial<ArticleWithBody> = {}): ArticleWithBody => ({
  id,
  url,
  title: '',
  tags: [],
  createdAt: 1,
  updatedAt: 1,
  ...fields,
});

const articles = [
  article('a', URL_A, { title: 'Et si vous disiez la vérité ?', byline: 'Léa Martin', text: 'Le marketing émotionnel parle au cœur des clients.' }),
  article('b', URL_B, { title: 'L’expérience utilisateur', byline: 'John Smith', text: 'Designing for délight and trust.' }),
];
const notes = [
  note('n1', { url: URL_A, exact: 'L’expérience client est au cœur de la marque.' }),
  note('n2', { url: URL_A, exact: 'Les clients veulent du bien-être.', note: 'À relire' }),
  note('n3', { url: URL_B, exact: 'Rien à voir.', tags: ['ux'] }),
  note('n4', { url: URL_C, exact: 'Trust is earned in drops.', note: 'client relationships' }),
];
const ids = (index: SearchIndex, query: string) => index.search(query).ids;
const sorted = (xs: string[]) => [...xs].sort();

describe('SearchIndex', () => {
  let index: SearchIndex;
  beforeEach(() => {
    index = new SearchIndex();
    index.bulkLoad(notes, articles);
  });

  it('needs every word (AND), across the note and its article', () => {
    expect(ids(index, 'experience client ')).toEqual(['n1']);
    // "expérience" only in n3's article title, "rien" only in its quote
    expect(ids(index, 'experience rien ')).toEqual(['n3']);
    expect(ids(index, 'experience trust ')).toEqual([]);
  });

  it('ignores case, accents, ligatures and typographic apostrophes', () => {
    expect(ids(index, 'EXPÉRIENCE CLIENT ')).toEqual(['n1']);
    expect(ids(index, 'coeur ')).toEqual(['n1']);
    expect(ids(index, 'cœur ')).toEqual(['n1']);
    expect(ids(index, "l'expérience client ")).toEqual(['n1']);
    expect(ids(index, 'verite ')).toEqual(sorted(['n1', 'n2']).reverse()); // title of article a, newest first
  });

  it('matches plurals both ways', () => {
    expect(sorted(ids(index, 'clients '))).toEqual(['n1', 'n2', 'n4']);
    expect(sorted(ids(index, 'client '))).toEqual(['n1', 'n2', 'n4']);
  });

  it('finds compounds whole and by parts', () => {
    expect(ids(index, 'bien-être ')).toEqual(['n2']);
    expect(ids(index, 'etre ')).toEqual(['n2']);
    expect(ids(index, 'bien etre ')).toEqual(['n2']);
  });

  it('reads the last word as a prefix while typing, not once a space follows', () => {
    expect(ids(index, 'exp')).toContain('n1');
    expect(ids(index, 'experience cl')).toEqual(['n1']);
    expect(ids(index, 'cl ')).toEqual([]);
    expect(ids(index, 'relir')).toEqual(['n2']);
    expect(index.search('cl', { prefix: false }).ids).toEqual([]);
  });

  it('finds nothing for a query without words', () => {
    expect(index.search('  … ').ids).toEqual([]);
    expect(index.search('').hits).toEqual([]);
  });

  it('ranks by field: tags and title, then author, quote, note, article text', () => {
    const index = new SearchIndex({ fullText: true });
    index.bulkLoad(
      [
        note('text', { url: URL_A }),
        note('note', { note: 'about Zorro' }),
        note('quote', { exact: 'Zorro rides' }),
        note('author', { url: URL_B }),
        note('tag', { tags: ['zorro'] }),
        note('title', { url: 'https://z.example/' }),
      ],
      [
        article('a', URL_A, { text: 'Then came Zorro.' }),
        article('b', URL_B, { byline: 'Zorro' }),
        article('z', 'https://z.example/', { title: 'The mark of Zorro' }),
      ],
    );
    // tag and title weigh the same: the newer note first
    expect(ids(index, 'zorro')).toEqual(['title', 'tag', 'author', 'quote', 'note', 'text']);
  });

  it('ranks the word itself above a word it only begins', () => {
    const index = new SearchIndex();
    index.bulkLoad([note('long', { exact: 'clientele' }), note('exact', { exact: 'client' }), note('newer', { exact: 'clientelism' })]);
    expect(ids(index, 'client')[0]).toBe('exact');
  });

  it('tells which words matched, and where', () => {
    const [hit] = index.search('expérience clients').hits;
    expect(hit).toMatchObject({ id: 'n1', fields: ['exact'] });
    expect(sorted(hit!.words)).toEqual(['client', 'experience']);
    const [ux] = index.search('ux exp').hits;
    expect(ux).toMatchObject({ id: 'n3', fields: ['tags', 'title'] });
    expect(sorted(ux!.words)).toEqual(['experience', 'ux']);
    expect(index.search('client', { limit: 1 }).hits).toHaveLength(1);
  });

  it('finds a quote by its speaker, accents and case aside, and says so; a changed speaker follows', () => {
    index.add(note('camus', { kind: 'quote', exact: 'Il faut imaginer Sisyphe heureux', speaker: 'Albert Camus' }));
    const [hit] = index.search('CAMUS').hits;
    expect(hit).toMatchObject({ id: 'camus', fields: ['speaker'], words: ['camus'] });
    index.update({ ...index.get('camus')!, speaker: 'Émile Zola' });
    expect(ids(index, 'camus ')).toEqual([]);
    expect(ids(index, 'emile zola ')).toEqual(['camus']);
    const { speaker: _gone, ...cleared } = index.get('camus')!;
    index.update(cleared);
    expect(ids(index, 'zola ')).toEqual([]);
  });

  it('searches article text only with the full-text flag', () => {
    expect(ids(index, 'emotionnel ')).toEqual([]);
    const full = new SearchIndex({ fullText: true });
    full.bulkLoad(notes, articles);
    expect(sorted(ids(full, 'emotionnel '))).toEqual(['n1', 'n2']);
    expect(ids(full, 'delight ')).toEqual(['n3']);
    const [hit] = full.search('marketing emot').hits;
    expect(hit!.fields).toEqual(['text']);
    expect(sorted(hit!.words)).toEqual(['emotionnel', 'marketing']);
    // AND across the note's own words and its article's text
    expect(ids(full, 'bien-etre coeur ')).toEqual(['n2']);
  });

  it('follows notes as they are added, changed and removed', () => {
    index.add(note('n5', { exact: 'Une expérience inoubliable' }));
    expect(ids(index, 'inoubliable ')).toEqual(['n5']);
    index.update({ ...index.get('n5')!, exact: 'Un souvenir', tags: ['mémoire'] });
    expect(ids(index, 'inoubliable ')).toEqual([]);
    expect(ids(index, 'souvenir memoire ')).toEqual(['n5']);
    index.remove('n5');
    expect(ids(index, 'souvenir ')).toEqual([]);
    expect(index.has('n5')).toBe(false);
    expect(index.size).toBe(notes.length);
    index.remove('unknown');
  });

  it('follows articles: a new title finds the page’s notes, a removed article no longer does', () => {
    index.putArticle({ ...articles[0]!, title: 'La sincérité paie' });
    expect(sorted(ids(index, 'sincerite '))).toEqual(['n1', 'n2']);
    expect(ids(index, 'verite ')).toEqual([]);
    index.removeArticle('a');
    expect(ids(index, 'sincerite ')).toEqual([]);
    expect(ids(index, 'marque ')).toEqual(['n1']);
  });

  it('finds a note by its article’s tags, says so, and follows a re-tagged article', () => {
    expect(ids(index, 'geopolitique ')).toEqual([]);
    index.putArticle({ ...articles[1]!, tags: ['géopolitique', 'à-lire'] });
    expect(ids(index, 'geopolitique ')).toEqual(['n3']);
    expect(ids(index, 'geopol')).toEqual(['n3']);
    // across the note's own tag and its article's
    expect(ids(index, 'ux geopolitique ')).toEqual(['n3']);
    expect(index.search('geopolitique ').hits[0]!.fields).toEqual(['articleTags']);
    index.putArticle({ ...articles[1]!, tags: [] });
    expect(ids(index, 'geopolitique ')).toEqual([]);
  });

  it('finds articles by themselves: every word in their title, tags, author (or text)', () => {
    index.putArticle({ ...articles[1]!, tags: ['géopolitique'] });
    const pages = (q: string) => [...index.searchArticles(q).keys()].filter((p) => index.searchArticles(q)[p]).map((p) => index.records.pageUrls[p]);
    expect(pages('geopolitique experience')).toEqual([URL_B]);
    expect(pages('verite lea')).toEqual([URL_A]);
    expect(pages('verite smith')).toEqual([]);
    // quotes and notes are the notes' words, not the article's
    expect(pages('marque')).toEqual([]);
  });

  it('stays right through many changes (compactions included)', () => {
    const index = new SearchIndex();
    index.bulkLoad(notes, articles);
    for (let i = 0; i < 6000; i++) index.add(note(`x${i}`, { exact: `mot${i % 100} commun`, url: i % 2 ? URL_A : URL_B }));
    for (let i = 0; i < 6000; i += 2) index.remove(`x${i}`);
    for (let i = 1; i < 6000; i += 4) index.update({ ...index.get(`x${i}`)!, exact: 'changé' });
    expect(index.size).toBe(notes.length + 3000);
    expect(ids(index, 'commun ')).toHaveLength(1500);
    expect(ids(index, 'change ')).toHaveLength(1500);
    // kept: odd i (all on URL_A); changed: i ≡ 1 (mod 4), so "mot1" (i = 100k + 1) is gone
    expect(ids(index, 'mot1 ')).toEqual([]);
    expect(sorted(ids(index, 'mot3 '))).toEqual(Array.from({ length: 60 }, (_, k) => `x${100 * k + 3}`).sort());
    expect(ids(index, 'verite commun ')).toHaveLength(1500);
    expect(ids(index, 'utilisateur commun ')).toEqual([]);
  });

  it('returns rows of its records, for filters', () => {
    const r = index.search('client');
    expect([...r.rows].map((row) => index.records.ids[row])).toEqual(r.ids);
  });

  it('bulkLoad replaces everything', () => {
    index.bulkLoad([note('only', { exact: 'seul' })]);
    expect(index.size).toBe(1);
    expect(ids(index, 'client')).toEqual([]);
    expect(ids(index, 'seul')).toEqual(['only']);
  });
});

describe('highlightMatches', () => {
  const marked = (text: string, query: string) =>
    highlightMatches(text, query)
      .map((r) => (r.match ? `[${r.text}]` : r.text))
      .join('');

  it('marks matched words on the original text, accents and punctuation kept', () => {
    expect(marked('L’Expérience des clients — vraiment.', 'experience client ')).toBe('L’[Expérience] des [clients] — vraiment.');
    expect(marked('Le cœur a ses raisons', 'coeur')).toBe('Le [cœur] a ses raisons');
    expect(marked('expe\u0301rience', 'EXPERIENCE')).toBe('[expe\u0301rience]');
  });

  it('marks whole words for a prefix, and a compound as one run when all its parts match', () => {
    expect(marked('Des expériences, une expertise', 'exp')).toBe('Des [expériences], une [expertise]');
    expect(marked('Le bien-être au travail', 'bien etre ')).toBe('Le [bien-être] au travail');
    expect(marked('Le bien-être au travail', 'être ')).toBe('Le bien-[être] au travail');
    expect(marked('Le bien-être au travail', 'bien')).toBe('Le [bien]-être au travail');
    // Any dash or apostrophe of the character table joins: a non-breaking hyphen, a fullwidth
    // apostrophe.
    expect(marked('Le bien\u2011être, le porte\uFF07monnaie', 'bien etre porte monnaie')).toBe('Le [bien\u2011être], le [porte\uFF07monnaie]');
  });

  it('leaves elided articles alone unless they are all the query says', () => {
    expect(marked('L’expérience', 'l’expérience ')).toBe('L’[expérience]');
  });

  it('takes parsed terms as well as a query string', () => {
    const index = new SearchIndex();
    index.bulkLoad(notes, articles);
    const { terms } = index.search('clients');
    expect(marked('Un client', 'clients')).toBe('Un [client]');
    expect(highlightMatches('Un client', terms)).toEqual([
      { text: 'Un ', match: false },
      { text: 'client', match: true },
    ]);
  });

  it('returns the text as one run when nothing matches', () => {
    expect(highlightMatches('Rien', 'zut')).toEqual([{ text: 'Rien', match: false }]);
    expect(highlightMatches('Rien', '')).toEqual([{ text: 'Rien', match: false }]);
    expect(highlightMatches('', 'zut')).toEqual([{ text: '', match: false }]);
  });
});
