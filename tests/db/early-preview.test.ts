import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PREVIEW_NOTES, readEarlyPreview } from '../../utils/db/early-preview';
import { VerbatimDb } from '../../utils/db/schema';
import type { Article, Note } from '../../utils/domain/model';
import { highlight } from '../support/library';

const names: string[] = [];
const fresh = () => {
  const name = `test-${crypto.randomUUID()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await new VerbatimDb(name).delete();
});

const article = (i: number): Article => ({ id: `a${i}`, url: `https://blog.example/${i}/`, title: `Article ${i}`, tags: [], createdAt: i, updatedAt: i });
const note = (i: number, page: number): Note =>
  highlight({ id: `n${String(i).padStart(3, '0')}`, url: article(page).url, exact: `Passage ${i}`, createdAt: 1_000 + i, updatedAt: 1_000 + i });

describe('the side panel’s early preview (bare IndexedDB, before Dexie loads)', () => {
  it('reads the newest notes, newest first, with the articles of their pages only', async () => {
    const name = fresh();
    const db = new VerbatimDb(name);
    await db.articles.bulkPut([article(1), article(2), article(3)]);
    // The oldest notes are on page 3, which the preview does not need.
    await db.notes.bulkPut(Array.from({ length: PREVIEW_NOTES + 10 }, (_, i) => note(i, i < 10 ? 3 : 1 + (i % 2))));
    db.close();
    const preview = await readEarlyPreview(indexedDB, name, PREVIEW_NOTES);
    expect(preview!.notes.map((n) => n.id)).toEqual(Array.from({ length: PREVIEW_NOTES }, (_, i) => note(PREVIEW_NOTES + 9 - i, 0).id));
    expect(preview!.articles.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
  });

  it('leaves the html and text of a database not yet upgraded to v5 out of its articles', async () => {
    const name = fresh();
    const v4 = new Dexie(name);
    v4.version(4).stores({ articles: 'id, &url, createdAt, *tags, updatedAt', notes: 'id, url, *tags, createdAt, updatedAt', settings: 'key' });
    await v4.table('articles').put({ ...article(1), html: '<p>Corps</p>', text: 'Corps' });
    await v4.table('notes').put(note(1, 1));
    v4.close();
    const preview = await readEarlyPreview(indexedDB, name, PREVIEW_NOTES);
    expect(preview!.articles).toEqual([article(1)]);
  });

  it('creates nothing when there is no library yet, and Dexie then creates it properly', async () => {
    const name = fresh();
    expect(await readEarlyPreview(indexedDB, name, PREVIEW_NOTES)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const db = new VerbatimDb(name);
    await db.notes.put(note(1, 1));
    expect(await db.notes.count()).toBe(1);
    expect(db.verno).toBe(11);
    db.close();
  });

  it('lets go of the database at once, so the extension can open and upgrade it', async () => {
    const name = fresh();
    const db = new VerbatimDb(name);
    await db.notes.put(note(1, 1));
    db.close();
    const reading = readEarlyPreview(indexedDB, name, PREVIEW_NOTES);
    // Meanwhile a newer version asks to upgrade: it must not be blocked.
    const upgraded = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name, 1_000);
      open.onblocked = () => reject(new Error('blocked by the preview connection'));
      open.onsuccess = () => {
        open.result.close();
        resolve(open.result.version);
      };
      open.onerror = () => reject(open.error);
    });
    expect(upgraded).toBe(1_000);
    expect(await reading).not.toBe(undefined);
  });

  it('answers null, never throws, when the stores are not there', async () => {
    const name = fresh();
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('other');
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
    });
    expect(await readEarlyPreview(indexedDB, name, PREVIEW_NOTES)).toBeNull();
  });
});
