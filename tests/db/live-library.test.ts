import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeArticleTags, saveClip } from '../../utils/db/repo';
import { LiveLibrary, PREVIEW_NOTES, readPreview, type LibraryChange } from '../../utils/db/live-library';
import type { VerbatimDb } from '../../utils/db/schema';
import { importRecords } from '../../utils/export/import';
import { dbPerTest } from '../support/db';
import { passage as note, UN_ARTICLE as article } from '../support/library';

const URL_A = article.url;
const URL_B = 'https://blog.example/older/';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
let live: LiveLibrary | undefined;
let changes: LibraryChange[];
let previews: Array<{ ids: string[]; complete: boolean; titleA?: string; loaded: boolean }>;
let errors: unknown[];

/** Starts a LiveLibrary over `db`, recording what it announces. */
function start(preview?: Parameters<LiveLibrary['start']>[1]): LiveLibrary {
  live = new LiveLibrary(db);
  const l = live;
  l.start(
    {
      onPreview: (notes, complete) => previews.push({ ids: notes.map((n) => n.id), complete, titleA: l.articleByUrl.get(URL_A)?.title, loaded: l.loaded }),
      onChange: (change) => changes.push(change),
      onError: (e) => errors.push(e),
    },
    preview,
  );
  return l;
}
const loaded = async () => {
  await vi.waitFor(() => expect(live?.loaded).toBe(true));
  return live!;
};

beforeEach(() => {
  live = undefined;
  changes = [];
  previews = [];
  errors = [];
});
afterEach(() => live?.destroy());

describe('the live library', () => {
  it('announces the newest notes from a small query before the whole library is read', async () => {
    await db.articles.bulkPut([article, { ...article, id: 'a2', url: URL_B, title: 'An older article' }]);
    // The oldest note is on another page, whose article the preview does not need.
    await db.notes.bulkPut([note(0, { url: URL_B }), ...Array.from({ length: PREVIEW_NOTES + 29 }, (_, i) => note(i + 1))]);
    start();
    const l = await loaded();
    expect(previews).toEqual([
      { ids: Array.from({ length: PREVIEW_NOTES }, (_, i) => note(PREVIEW_NOTES + 29 - i).id), complete: false, titleA: 'Un article', loaded: false },
    ]);
    expect(l.notes.size).toBe(PREVIEW_NOTES + 30);
    expect(l.articleByUrl.get(URL_B)?.title).toBe('An older article');
    expect(l.version).toBe(1);
  });

  it('says the preview is every note when the library is small, and announces an empty library once loaded', async () => {
    start();
    await loaded();
    expect(previews).toMatchObject([{ ids: [], complete: true }]);
    expect(changes).toEqual([{ upserted: [], removed: [], articles: [] }]);
  });

  it('takes the preview the page already read (the early script’s), or reads it itself when that has none', async () => {
    await db.notes.bulkPut([note(1), note(2)]);
    const early = Promise.resolve({ notes: [note(9)], articles: [article] });
    start(readPreview(db, early));
    await loaded();
    expect(previews).toMatchObject([{ ids: ['n0009'], complete: true, titleA: 'Un article' }]);
    // The library itself is read from the database, not from the preview.
    expect([...live!.notes.keys()].sort()).toEqual(['n0001', 'n0002']);

    live!.destroy();
    previews = [];
    start(readPreview(db, Promise.resolve(null)));
    await loaded();
    expect(previews).toMatchObject([{ ids: ['n0002', 'n0001'] }]);
  });

  it('follows writes, and sees an import of records older than the newest it has read', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut([note(1), note(2, { updatedAt: 90_000 })]);
    const l = start();
    await loaded();

    await db.notes.update('n0001', { note: 'Modifié ici', updatedAt: 95_000 });
    await vi.waitFor(() => expect(l.notes.get('n0001')?.note).toBe('Modifié ici'));

    // From a backup: n0003 is new but older than anything read; n0001's copy is older than ours.
    const imported = [note(3, { updatedAt: 20_000, note: 'Importée' }), note(1, { updatedAt: 40_000, note: 'Ancienne' })];
    await importRecords(db, { articles: [], notes: imported });
    await vi.waitFor(() => expect(l.notes.get('n0003')?.note).toBe('Importée'));
    expect(l.notes.get('n0001')?.note).toBe('Modifié ici');
    expect(changes.flatMap((c) => c.upserted.map((n) => n.id))).toContain('n0003');
  });

  it('never holds an article’s body: not in the preview, the library, or a change', async () => {
    const clip = { url: URL_A, title: 'Un article', lang: 'fr', html: '<p>Le corps, « lourd ».</p>', text: 'Le corps, « lourd ».', wordCount: 3, readingMinutes: 1 };
    const clipped = await saveClip(db, clip);
    await db.notes.bulkPut([note(1), note(2)]);
    const l = start();
    await loaded();
    const previewed = [...l.articleByUrl.values()];
    // Re-clipped and tagged meanwhile: the delta reads only the article records.
    await saveClip(db, { ...clip, html: '<p>Nouveau corps.</p>', text: 'Nouveau corps.' });
    await changeArticleTags(db, clipped.id, { add: ['corps'] });
    await vi.waitFor(() => expect(l.articles.get(clipped.id)?.tags).toEqual(['corps']));
    const held = [...previewed, ...l.articles.values(), ...l.articleByUrl.values(), ...changes.flatMap((c) => c.articles)];
    expect(held.length).toBeGreaterThan(0);
    for (const a of held) {
      expect(a).not.toHaveProperty('html');
      expect(a).not.toHaveProperty('text');
    }
    expect(l.articles.get(clipped.id)).toMatchObject({ clippedAt: expect.any(Number), wordCount: 3 });
  });

  it('sees an imported note that replaces a stored one with a time older than the newest read', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut([note(1, { updatedAt: 10_000 }), note(2, { updatedAt: 90_000 })]);
    const l = start();
    await loaded();
    await importRecords(db, { articles: [], notes: [note(1, { updatedAt: 30_000, note: 'Plus récente' })] });
    await vi.waitFor(() => expect(l.notes.get('n0001')?.note).toBe('Plus récente'));
  });

  it('reads back only the notes a write touched, and sees deletions and an undo that keeps the old time', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut(Array.from({ length: 60 }, (_, i) => note(i)));
    const l = start();
    await loaded();
    const scans = vi.spyOn(db.notes, 'toCollection');

    await db.notes.update('n0005', { note: 'Revue', updatedAt: 99_000 });
    await vi.waitFor(() => expect(l.notes.get('n0005')?.note).toBe('Revue'));
    const removed = (await db.notes.get('n0007'))!;
    await db.notes.delete('n0007');
    await vi.waitFor(() => expect(l.notes.has('n0007')).toBe(false));
    expect(changes.at(-1)).toMatchObject({ removed: ['n0007'], upserted: [] });
    // Undo puts the note back as it was, with its old updatedAt.
    await db.notes.add(removed);
    await vi.waitFor(() => expect(l.notes.get('n0007')).toEqual(removed));
    // None of it walked the 60 keys.
    expect(scans).not.toHaveBeenCalled();
  });

  it('compares everything after a bulk write that names no keys', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut([note(1)]);
    const l = start();
    await loaded();
    await db.notes.bulkPut(Array.from({ length: 80 }, (_, i) => note(100 + i)));
    await vi.waitFor(() => expect(l.notes.size).toBe(81));
    await db.notes.where('createdAt').above(10_150).delete();
    await vi.waitFor(() => expect(l.notes.size).toBe(52));
  });

  it('follows nothing once destroyed', async () => {
    const l = start();
    await loaded();
    l.destroy();
    await db.notes.add(note(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(l.notes.size).toBe(0);
    expect(changes).toHaveLength(1);
  });

  it('says the library could not be read, once, and announces nothing', async () => {
    const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
    db.close();
    start();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(changes).toEqual([]);
    expect(live!.loaded).toBe(false);
    expect(failed).toHaveBeenCalled();
  });
});
