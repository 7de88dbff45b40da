import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library, LibraryChange } from '../../hooks/useLibrary';
import { FullTextIndex } from '../../entrypoints/sidepanel/useSearchIndex';
import { saveClip } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note } from '../../utils/domain/model';
import { dbPerTest } from '../support/db';
import { highlight } from '../support/library';

let db: VerbatimDb;
/** The library's maps, as the live library keeps them (the index reads them through `library`). */
let notes: Map<string, Note>;
let articles: Map<string, Article>;
let articleByUrl: Map<string, Article>;
let library: Library;
let ready: number;
let index: FullTextIndex;

const urlOf = (i: number) => `https://www.exemple.fr/articles/${i}/`;
const note = (id: string, url: string, exact: string): Note => highlight({ id, url, exact });
const change = (c: Partial<LibraryChange>): LibraryChange => ({ upserted: [], removed: [], articles: [], ...c });

/** Clips an article (its body goes to the db only) and puts its record in the library, as useLibrary would. */
async function clip(i: number, text: string): Promise<Article> {
  const article = await saveClip(db, { url: urlOf(i), title: `Article ${i}`, lang: 'fr', html: `<p>${text}</p>`, text, wordCount: 2, readingMinutes: 1 });
  articles.set(article.id, article);
  articleByUrl.set(article.url, article);
  return article;
}
const ids = (query: string) => index.index!.search(query).ids.sort();

dbPerTest((fresh) => (db = fresh));
beforeEach(async () => {
  notes = new Map();
  articles = new Map();
  articleByUrl = new Map();
  library = { notes, articles, articleByUrl, version: 0, loaded: true };
  ready = 0;
  index = new FullTextIndex(db, () => ready++);
  // More articles than one batch of bodies; each with one note.
  for (let i = 0; i < 60; i++) {
    await clip(i, i === 42 ? 'La forêt de Brocéliande, « enchantée ».' : `Un texte ordinaire numéro ${i}.`);
    notes.set(`n${i}`, note(`n${i}`, urlOf(i), `Passage ${i}`));
  }
});
afterEach(() => index.destroy());

describe('the side panel’s full-text index', () => {
  it('is prepared from the bodies in the database on first use, then finds a note by its article’s text', async () => {
    expect(index.get(library)).toBeNull();
    await vi.waitFor(() => expect(ready).toBe(1));
    expect(index.get(library)).not.toBeNull();
    expect(ids('broceliande')).toEqual(['n42']);
    expect(ids('enchantee')).toEqual(['n42']);
  });

  it('waits for the library to be loaded', async () => {
    expect(index.get({ ...library, loaded: false })).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(ready).toBe(0);
  });

  it('reads a re-clipped article’s new body, and keeps notes changed during the build', async () => {
    index.get(library);
    // While the bodies are read: a new note, and a re-clip of article 42.
    notes.set('late', note('late', urlOf(7), 'Arrivée tardive'));
    index.follow(change({ upserted: [notes.get('late')!] }), library);
    const reclipped = await clip(42, 'Le désert des Tartares.');
    index.follow(change({ articles: [reclipped] }), library);
    await vi.waitFor(() => expect(index.index && ids('tartares')).toEqual(['n42']));
    expect(ids('broceliande')).toEqual([]);
    expect(ids('tardive')).toEqual(['late']);

    // Once built: a re-clip is read again, a note removed is gone.
    const again = await clip(3, 'Les Misérables, tome premier.');
    notes.delete('n4');
    index.follow(change({ articles: [again], removed: ['n4'] }), library);
    await vi.waitFor(() => expect(ids('miserables')).toEqual(['n3']));
    expect(ids('numero')).not.toContain('n4');
  });

  it('is built again after a change of many articles at once (an import)', async () => {
    index.get(library);
    await vi.waitFor(() => expect(ready).toBe(1));
    const first = index.index;
    const all = [];
    for (let i = 60; i < 262; i++) {
      all.push(await clip(i, i === 261 ? 'Vingt mille lieues sous les mers.' : `Importé ${i}.`));
      notes.set(`n${i}`, note(`n${i}`, urlOf(i), `Passage ${i}`));
    }
    index.follow(change({ articles: all, upserted: all.map((a, i) => notes.get(`n${i + 60}`)!) }), library);
    expect(index.index).toBeNull();
    await vi.waitFor(() => expect(index.index).not.toBeNull());
    expect(index.index).not.toBe(first);
    expect(ids('lieues')).toEqual(['n261']);
    expect(ids('broceliande')).toEqual(['n42']);
  });
});
