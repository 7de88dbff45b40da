import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleWithBody, Color, Note, NoteKind } from '../../utils/domain/model';
import { groupByArticle, matchingArticles, queryNotes, siteOf, sortRows, withMatchingArticles, type NoteFilter } from '../../utils/search/filters';
import { NoteRecords } from '../../utils/search/records';
import { SearchIndex } from '../../utils/search/index';

const A = 'https://www.lemonde.fr/a';
const B = 'https://medium.com/b';
const C = 'https://blog.example/c';
const day = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

const note = (id: string, url: string, day0: number, start: number, color: Color, kind: NoteKind, tags: string[], text = '', orphan = false): Note => ({
  id,
  url,
  kind,
  color,
  exact: `passage ${id}`,
  selectors: [
    { type: 'TextQuoteSelector', exact: `passage ${id}` },
    { type: 'TextPositionSelector', start, end: start + 10 },
  ],
  note: text,
  tags,
  createdAt: t0 + day0 * day,
  updatedAt: t0 + day0 * day,
  ...(orphan ? { orphanedAt: t0 + (day0 + 1) * day } : {}),
});

const NOTES: Note[] = [
  note('a1', A, 0, 300, 'yellow', 'highlight', ['marketing', 'ux']),
  note('a2', A, 1, 100, 'green', 'quote', ['marketing'], 'à relire'),
  note('a3', A, 2, 200, 'yellow', 'highlight', [], '   ', true),
  note('b1', B, 3, 50, 'blue', 'highlight', ['ux']),
  note('b2', B, 4, 10, 'yellow', 'quote', ['marketing', 'ux', 'design'], 'idée'),
  note('c1', C, 5, 0, 'pink', 'highlight', ['design'], '', true),
];
const ARTICLES: ArticleWithBody[] = [
  { id: 'A', url: A, title: 'Article A', tags: [], createdAt: t0 - 10 * day, updatedAt: t0, text: 'long text', html: '<p>long text</p>' },
  { id: 'B', url: B, title: 'Article B', tags: [], createdAt: t0 - 5 * day, updatedAt: t0 },
];

/** A facet's expected values and counts, in the order written (no value here looks like a number, which would sort first). */
const counts = (byValue: Record<string, number>) => Object.entries(byValue).map(([value, count]) => ({ value, count }));

let records: NoteRecords;
beforeEach(() => {
  records = new NoteRecords();
  records.bulkLoad(NOTES, ARTICLES);
});
const idsOf = (filter: NoteFilter, sort: Parameters<typeof queryNotes>[2] = 'newest') => queryNotes(records, filter, sort).notes.map((n) => n.id);

describe('filters', () => {
  it.each<[string, NoteFilter, string[]]>([
    ['nothing', {}, ['c1', 'b2', 'b1', 'a3', 'a2', 'a1']],
    ['one tag', { tags: ['ux'] }, ['b2', 'b1', 'a1']],
    ['several tags (AND)', { tags: ['marketing', 'ux'] }, ['b2', 'a1']],
    ['an unknown tag', { tags: ['nope'] }, []],
    ['a colour', { colors: ['yellow'] }, ['b2', 'a3', 'a1']],
    ['colours (OR)', { colors: ['green', 'pink'] }, ['c1', 'a2']],
    ['a kind', { kinds: ['quote'] }, ['b2', 'a2']],
    ['a site (host without www.)', { sites: ['lemonde.fr'] }, ['a3', 'a2', 'a1']],
    ['sites (OR)', { sites: ['medium.com', 'blog.example'] }, ['c1', 'b2', 'b1']],
    ['from (inclusive)', { from: t0 + 4 * day }, ['c1', 'b2']],
    ['to (exclusive)', { to: t0 + 2 * day }, ['a2', 'a1']],
    ['a date range', { from: t0 + day, to: t0 + 4 * day }, ['b1', 'a3', 'a2']],
    ['with a note (blank does not count)', { hasNote: true }, ['b2', 'a2']],
    ['without a note', { hasNote: false }, ['c1', 'b1', 'a3', 'a1']],
    ['orphans', { orphaned: true }, ['c1', 'a3']],
    ['found', { orphaned: false }, ['b2', 'b1', 'a2', 'a1']],
    ['tags + colour + kind', { tags: ['ux'], colors: ['yellow', 'blue'], kinds: ['highlight'] }, ['b1', 'a1']],
    ['site + dates + has note', { sites: ['lemonde.fr', 'medium.com'], from: t0 + day, hasNote: true }, ['b2', 'a2']],
    ['empty lists do not filter', { tags: [], colors: [], kinds: [], sites: [] }, ['c1', 'b2', 'b1', 'a3', 'a2', 'a1']],
  ])('%s', (_name, filter, expected) => {
    expect(idsOf(filter)).toEqual(expected);
  });
});

describe('speakers', () => {
  const spoken = (n: Note, speaker: string): Note => ({ ...n, speaker });
  beforeEach(() => {
    records.bulkLoad([spoken(NOTES[0]!, 'Albert Camus'), spoken(NOTES[1]!, 'albert  camus'), NOTES[2]!, NOTES[3]!, spoken(NOTES[4]!, 'Simone Veil'), NOTES[5]!], ARTICLES);
  });

  it('filters the quotes of any speaker chosen, case and spaces aside', () => {
    expect(idsOf({ speakers: ['Albert Camus'] })).toEqual(['a2', 'a1']);
    expect(idsOf({ speakers: ['ALBERT CAMUS', 'Simone Veil'] })).toEqual(['b2', 'a2', 'a1']);
    expect(idsOf({ speakers: ['Personne'] })).toEqual([]);
    expect(idsOf({ speakers: ['Albert Camus'], colors: ['green'] })).toEqual(['a2']);
  });

  it('counts each speaker over the notes passing the other filters, as first spelled', () => {
    expect(queryNotes(records, {}).facets.speakers).toEqual(counts({ 'Albert Camus': 2, 'Simone Veil': 1 }));
    // Choosing a speaker leaves the other speakers' counts as they would be if added.
    expect(queryNotes(records, { speakers: ['Simone Veil'] }).facets.speakers).toEqual(counts({ 'Albert Camus': 2, 'Simone Veil': 1 }));
    expect(queryNotes(records, { colors: ['yellow'] }).facets.speakers).toEqual(counts({ 'Albert Camus': 1, 'Simone Veil': 1 }));
  });

  it('a speaker filter keeps articles from matching by themselves', () => {
    expect(matchingArticles(records, { speakers: ['Albert Camus'] })).toEqual([]);
  });
});

describe('facet counts', () => {
  it('counts every value over all notes when nothing is filtered', () => {
    const { facets } = queryNotes(records, {});
    expect(facets.total).toBe(6);
    expect(facets.tags).toEqual(counts({ marketing: 3, ux: 3, design: 2 }));
    expect(facets.colors).toEqual(counts({ yellow: 3, green: 1, blue: 1, pink: 1, purple: 0 }));
    expect(facets.kinds).toEqual(counts({ highlight: 4, quote: 2, page: 0 }));
    expect(facets.sites).toEqual(counts({ 'lemonde.fr': 3, 'medium.com': 2, 'blog.example': 1 }));
    expect(facets.hasNote).toEqual({ yes: 2, no: 4 });
    expect(facets.orphaned).toEqual({ yes: 2, no: 4 });
    expect(facets.dates).toEqual({ min: t0, max: t0 + 5 * day });
  });

  it('counts a facet over the notes passing the other filters, so ticking another value adds to it', () => {
    const { facets } = queryNotes(records, { colors: ['yellow'], sites: ['lemonde.fr'] });
    expect(facets.total).toBe(2); // a1, a3
    // colours: over the notes of lemonde.fr, whatever their colour
    expect(facets.colors.filter((c) => c.count)).toEqual(counts({ yellow: 2, green: 1 }));
    // sites: over the yellow notes, whatever their site
    expect(facets.sites).toEqual(counts({ 'lemonde.fr': 2, 'medium.com': 1 }));
    // kinds, flags: over the results
    expect(facets.kinds).toEqual(counts({ highlight: 2, quote: 0, page: 0 }));
    expect(facets.orphaned).toEqual({ yes: 1, no: 1 });
  });

  it('counts tags over the results, as ticked tags add up (AND)', () => {
    const { facets } = queryNotes(records, { tags: ['ux'] });
    expect(facets.tags).toEqual(counts({ ux: 3, marketing: 2, design: 1 }));
  });

  it('counts yes and no of a flag without its own filter', () => {
    const { facets } = queryNotes(records, { hasNote: true, orphaned: false });
    expect(facets.total).toBe(2);
    expect(facets.hasNote).toEqual({ yes: 2, no: 2 }); // over the found notes
    expect(facets.orphaned).toEqual({ yes: 0, no: 2 }); // over the notes with a note
  });

  it('gives the date bounds of the notes passing the other filters', () => {
    expect(queryNotes(records, { sites: ['medium.com'], from: t0 + 4 * day }).facets.dates).toEqual({ min: t0 + 3 * day, max: t0 + 4 * day });
    expect(queryNotes(records, { tags: ['nope'] }).facets.dates).toBeUndefined();
  });
});

describe('sorting and grouping', () => {
  it('sorts newest or oldest first', () => {
    expect(idsOf({}, 'newest')).toEqual(['c1', 'b2', 'b1', 'a3', 'a2', 'a1']);
    expect(idsOf({}, 'oldest')).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
  });

  it('orders notes made within the same second by millisecond', () => {
    const r = new NoteRecords();
    const base = NOTES[0]!;
    r.bulkLoad([5, 900, 300, 1200].map((ms, i) => ({ ...base, id: `m${i}`, createdAt: t0 + ms })));
    expect(queryNotes(r, {}, 'newest').notes.map((n) => n.id)).toEqual(['m3', 'm1', 'm2', 'm0']);
  });

  it('sorts by article, newest article first, then in reading order', () => {
    // A (created day −10) and B (day −5) have records; C has none: its newest note (day 5) counts.
    expect(idsOf({}, 'article')).toEqual(['c1', 'b2', 'b1', 'a2', 'a3', 'a1']);
    expect(idsOf({ tags: ['marketing'] }, 'article')).toEqual(['b2', 'a2', 'a1']);
  });

  it('keeps the order given for relevance, and sorts given rows', () => {
    const within = Int32Array.from(['a1', 'c1', 'b1'], (id) => records.rowOf(id)!);
    expect(queryNotes(records, {}, 'relevance', within).notes.map((n) => n.id)).toEqual(['a1', 'c1', 'b1']);
    expect(queryNotes(records, { colors: ['yellow', 'blue'] }, 'relevance', within).notes.map((n) => n.id)).toEqual(['a1', 'b1']);
    expect(queryNotes(records, {}, 'newest', within).notes.map((n) => n.id)).toEqual(['c1', 'b1', 'a1']);
    expect([...sortRows(records, within, 'oldest')].map((r) => records.ids[r])).toEqual(['a1', 'b1', 'c1']);
  });

  it('groups by article in the order notes come, with the article record (no text)', () => {
    const { rows } = queryNotes(records, {}, 'newest');
    const groups = groupByArticle(records, rows);
    expect(groups.map((g) => [g.url, g.notes.map((n) => n.id)])).toEqual([
      [C, ['c1']],
      [B, ['b2', 'b1']],
      [A, ['a3', 'a2', 'a1']],
    ]);
    expect(groups[0]!.article).toBeUndefined();
    expect(groups[2]!.article).toMatchObject({ id: 'A', title: 'Article A' });
    expect(groups[2]!.article).not.toHaveProperty('text');
    expect(groups[2]!.article).not.toHaveProperty('html');
  });
});

describe('records', () => {
  it('follow changes: a changed note takes a new row, a removed one is gone', () => {
    const before = records.rowOf('a1')!;
    records.put({ ...NOTES[0]!, color: 'purple', tags: ['nouveau'] });
    expect(records.rowOf('a1')).not.toBe(before);
    expect(idsOf({ colors: ['purple'] })).toEqual(['a1']);
    expect(idsOf({ tags: ['nouveau'] })).toEqual(['a1']);
    expect(idsOf({ tags: ['ux'] })).toEqual(['b2', 'b1']);
    records.remove('b2');
    expect(idsOf({ tags: ['ux'] })).toEqual(['b1']);
    expect(records.size).toBe(5);
    expect(queryNotes(records, {}).facets.tags.find((t) => t.value === 'design')).toEqual({ value: 'design', count: 1 });
  });

  it('keep article records up to date (and without their text)', () => {
    records.putArticle({ ...ARTICLES[0]!, createdAt: t0 + 10 * day });
    expect(idsOf({}, 'article')).toEqual(['a2', 'a3', 'a1', 'c1', 'b2', 'b1']);
    records.removeArticle('A');
    expect(groupByArticle(records, queryNotes(records, {}).rows).find((g) => g.url === A)!.article).toBeUndefined();
  });

  it('are those a search index keeps, so search rows filter directly', () => {
    const index = new SearchIndex();
    index.bulkLoad(NOTES, ARTICLES);
    const hits = index.search('passage');
    expect(hits.ids).toHaveLength(6);
    expect(queryNotes(index.records, { tags: ['marketing'] }, 'relevance', hits.rows).notes.map((n) => n.id)).toEqual(hits.ids.filter((id) => ['a1', 'a2', 'b2'].includes(id)));
  });
});

describe('some rows (a search\'s), given in their order', () => {
  it('filter, count, sort and group the same way, over those rows only', () => {
    const within = Int32Array.from(['a1', 'c1', 'b1', 'b2'], (id) => records.rowOf(id)!);
    const { rows, notes, facets } = queryNotes(records, { tags: ['ux'] }, 'relevance', within);
    expect(notes.map((n) => n.id)).toEqual(['a1', 'b1', 'b2']);
    expect(facets.total).toBe(3);
    expect(facets.sites).toEqual(counts({ 'medium.com': 2, 'lemonde.fr': 1 }));
    expect([...sortRows(records, within, 'oldest')].map((r) => records.ids[r])).toEqual(['a1', 'b1', 'b2', 'c1']);
    expect(groupByArticle(records, rows).map((g) => [g.article?.id, g.notes.length])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });
});

describe('article tags, tags any or all, sites together', () => {
  // Article B is tagged « lecture » and « ux » (the popup's suggestions); its notes b1, b2 are not tagged « lecture ».
  beforeEach(() => records.putArticle({ ...ARTICLES[1]!, tags: ['lecture', 'ux'] }));

  it('matches a note by its own tags or its article’s', () => {
    expect(idsOf({ tags: ['lecture'] })).toEqual(['b2', 'b1']);
    expect(idsOf({ tags: ['lecture', 'marketing'] })).toEqual(['b2']);
    // b1's « ux » is its own and its article's: one note, counted once
    expect(idsOf({ tags: ['ux', 'lecture'] })).toEqual(['b2', 'b1']);
  });

  it('takes any of the tags when asked (OR), all of them by default (AND)', () => {
    expect(idsOf({ tags: ['design', 'marketing'], tagMode: 'any' })).toEqual(['c1', 'b2', 'a2', 'a1']);
    expect(idsOf({ tags: ['design', 'marketing'], tagMode: 'all' })).toEqual(['b2']);
    expect(idsOf({ tags: ['design', 'marketing'] })).toEqual(['b2']);
    expect(idsOf({ tags: ['nope', 'design'], tagMode: 'any' })).toEqual(['c1', 'b2']);
  });

  it('combines two sites (OR), two tags (AND or OR), a kind, a colour and dates', () => {
    const base: NoteFilter = { sites: ['lemonde.fr', 'medium.com'], tags: ['marketing', 'ux'] };
    expect(idsOf(base)).toEqual(['b2', 'a1']);
    expect(idsOf({ ...base, tagMode: 'any' })).toEqual(['b2', 'b1', 'a2', 'a1']);
    expect(idsOf({ ...base, tagMode: 'any', kinds: ['quote'] })).toEqual(['b2', 'a2']);
    expect(idsOf({ ...base, tagMode: 'any', colors: ['yellow'], from: t0 + day })).toEqual(['b2']);
    expect(idsOf({ ...base, tagMode: 'any', orphaned: true })).toEqual([]);
    expect(idsOf({ sites: ['medium.com', 'blog.example'], tags: ['lecture', 'design'], tagMode: 'any', orphaned: true })).toEqual(['c1']);
  });

  it('lists article tags in the facet, saying how many notes have them through their article only', () => {
    const { facets } = queryNotes(records, {});
    // « ux » is on B too, but b1 and b2 carry it themselves: no note has it through B only.
    expect(facets.tags).toEqual([
      { value: 'marketing', count: 3 },
      { value: 'ux', count: 3 },
      { value: 'design', count: 2 },
      { value: 'lecture', count: 2, fromArticles: 2 },
    ]);
  });

  it('counts tags over the notes passing the other filters with OR, over the results with AND', () => {
    const any = queryNotes(records, { tags: ['design'], tagMode: 'any', sites: ['medium.com'] }).facets;
    expect(any.total).toBe(1);
    expect(any.tags.find((t) => t.value === 'lecture')).toEqual({ value: 'lecture', count: 2, fromArticles: 2 });
    const all = queryNotes(records, { tags: ['design'], sites: ['medium.com'] }).facets;
    expect(all.tags.find((t) => t.value === 'lecture')).toEqual({ value: 'lecture', count: 1, fromArticles: 1 });
  });

  it('forgets an article’s tags when the article goes', () => {
    records.removeArticle('B');
    expect(idsOf({ tags: ['lecture'] })).toEqual([]);
  });
});

describe('articles matching by themselves (the Articles view)', () => {
  const E = 'https://www.lemonde.fr/empty';
  beforeEach(() => {
    records.putArticle({ ...ARTICLES[1]!, tags: ['lecture'] });
    records.putArticle({ id: 'E', url: E, title: 'Clipped, no note', tags: ['lecture', 'climat'], createdAt: t0 + 20 * day, updatedAt: t0 });
  });
  const urls = (filter: NoteFilter, search?: Uint8Array) => matchingArticles(records, filter, search).map((p) => records.pageUrls[p]).sort();

  it('by their site, own tags (all or any) and the day they were saved', () => {
    expect(urls({ tags: ['lecture'] })).toEqual([E, B].sort());
    expect(urls({ tags: ['lecture', 'climat'] })).toEqual([E]);
    expect(urls({ tags: ['climat', 'marketing'], tagMode: 'any' })).toEqual([E]);
    expect(urls({ sites: ['lemonde.fr'] })).toEqual([A, E].sort());
    expect(urls({ sites: ['lemonde.fr', 'medium.com'], from: t0 })).toEqual([E]);
  });

  it('never while a filter only a note can pass is on (colour, kind, written note, orphan)', () => {
    for (const f of [{ colors: ['yellow'] }, { kinds: ['quote'] }, { hasNote: true }, { orphaned: false }] as NoteFilter[]) expect(urls({ ...f, tags: ['lecture'] })).toEqual([]);
    expect(urls({ colors: [], tags: ['climat'] })).toEqual([E]);
  });

  it('only among the pages a search found', () => {
    const found = new Uint8Array(records.pageUrls.length);
    found[records.pageKeys.get(E)!] = 1;
    expect(urls({}, found)).toEqual([E]);
  });

  it('join the pages of matching notes, newest saved first, with no note when none of theirs matches', () => {
    const q = queryNotes(records, { tags: ['lecture'] }, 'article');
    const groups = withMatchingArticles(records, groupByArticle(records, q.rows), matchingArticles(records, { tags: ['lecture'] }));
    expect(groups.map((g) => [g.url, g.notes.map((n) => n.id)])).toEqual([
      [E, []],
      [B, ['b2', 'b1']],
    ]);
  });
});

describe('siteOf', () => {
  it.each([
    ['https://www.lemonde.fr/x', 'lemonde.fr'],
    ['https://blog.example/', 'blog.example'],
    ['not a url', ''],
  ])('%s → %j', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});
