// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREVIEW_NOTES, useLibrary, type Library, type LibraryChange } from '../../hooks/useLibrary';
import { VerbatimDb } from '../../utils/db/schema';
import { saveClip, setArticleTags } from '../../utils/db/repo';
import { importRecords } from '../../utils/export/import';
import type { Article, Note } from '../../utils/domain/model';

const URL_A = 'https://blog.example/un-article/';
const URL_B = 'https://blog.example/older/';
const article: Article = { id: 'a1', url: URL_A, title: 'Un article', tags: [], createdAt: 1_000, updatedAt: 1_000 };
const note = (i: number, extra: Partial<Note> = {}): Note => ({
  id: `n${String(i).padStart(4, '0')}`,
  url: URL_A,
  kind: 'highlight',
  color: 'yellow',
  exact: `Passage numéro ${i}`,
  selectors: [{ type: 'TextQuoteSelector', exact: `Passage numéro ${i}` }],
  note: '',
  tags: [],
  createdAt: 10_000 + i,
  updatedAt: 10_000 + i,
  ...extra,
});

let db: VerbatimDb;
let host: HTMLElement;
let seen: Library[];
let changes: LibraryChange[];

function Probe() {
  const library = useLibrary(db, (change) => changes.push(change));
  seen.push(library);
  return null;
}

const latest = () => seen[seen.length - 1]!;
const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));

beforeEach(() => {
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
  host = document.createElement('div');
  seen = [];
  changes = [];
});
afterEach(async () => {
  render(null, host);
  // Preact runs effects after a paint, or after 35 ms without one: let that timer fire while
  // jsdom is still here (it calls cancelAnimationFrame).
  await new Promise((r) => setTimeout(r, 50));
  await db.delete();
});

describe('useLibrary', () => {
  it('shows the newest notes from a small query before the whole library is read', async () => {
    await db.articles.bulkPut([article, { ...article, id: 'a2', url: URL_B, title: 'An older article' }]);
    // The oldest note is on another page, whose article the preview does not need.
    await db.notes.bulkPut([note(0, { url: URL_B }), ...Array.from({ length: PREVIEW_NOTES + 29 }, (_, i) => note(i + 1))]);
    render(<Probe />, host);
    await vi.waitFor(() => expect(seen.some((l) => l.preview)).toBe(true));
    const first = seen.find((l) => l.preview)!;
    expect(first.loaded).toBe(false);
    expect(first.preview!.notes.map((n) => n.id)).toEqual(
      Array.from({ length: PREVIEW_NOTES }, (_, i) => note(PREVIEW_NOTES + 29 - i).id),
    );
    expect(first.preview!.complete).toBe(false);
    expect(first.articleByUrl.get(URL_A)?.title).toBe('Un article');
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    expect(latest().notes.size).toBe(PREVIEW_NOTES + 30);
    expect(latest().articleByUrl.get(URL_B)?.title).toBe('An older article');
    expect(latest().preview).toBeUndefined();
  });

  it('says the preview is every note when the library is small, and paints an empty library', async () => {
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    expect(seen.find((l) => l.preview)?.preview).toEqual({ notes: [], complete: true });
    expect(changes).toHaveLength(1);
  });

  it('follows writes, and sees an import of records older than the newest it has read', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut([note(1), note(2, { updatedAt: 90_000 })]);
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));

    await act(() => db.notes.update('n0001', { note: 'Modifié ici', updatedAt: 95_000 }).then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.get('n0001')?.note).toBe('Modifié ici'));

    // From a backup: n0003 is new but older than anything read; n0001's copy is older than ours.
    const imported = [note(3, { updatedAt: 20_000, note: 'Importée' }), note(1, { updatedAt: 40_000, note: 'Ancienne' })];
    await act(() => importRecords(db, { articles: [], notes: imported }).then(() => undefined));
    await settle();
    await vi.waitFor(() => expect(latest().notes.get('n0003')?.note).toBe('Importée'));
    expect(latest().notes.get('n0001')?.note).toBe('Modifié ici');
    expect(changes.flatMap((c) => c.upserted.map((n) => n.id))).toContain('n0003');
  });

  it('never holds an article’s body: not in the preview, the library, or a change', async () => {
    const clip = { url: URL_A, title: 'Un article', lang: 'fr', html: '<p>Le corps, « lourd ».</p>', text: 'Le corps, « lourd ».', wordCount: 3, readingMinutes: 1 };
    const clipped = await saveClip(db, clip);
    await db.notes.bulkPut([note(1), note(2)]);
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    // Re-clipped and tagged while the panel is open: the delta reads only the article records.
    await act(() => saveClip(db, { ...clip, html: '<p>Nouveau corps.</p>', text: 'Nouveau corps.' }).then(() => undefined));
    await act(() => setArticleTags(db, clipped.id, ['corps']).then(() => undefined));
    await vi.waitFor(() => expect(latest().articles.get(clipped.id)?.tags).toEqual(['corps']));
    const held = [...seen.flatMap((l) => [...l.articles.values(), ...l.articleByUrl.values()]), ...changes.flatMap((c) => c.articles)];
    expect(held.length).toBeGreaterThan(0);
    for (const a of held) {
      expect(a).not.toHaveProperty('html');
      expect(a).not.toHaveProperty('text');
    }
    expect(latest().articles.get(clipped.id)).toMatchObject({ clippedAt: expect.any(Number), wordCount: 3 });
  });

  it('sees an imported note that replaces a stored one with a time older than the newest read', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut([note(1, { updatedAt: 10_000 }), note(2, { updatedAt: 90_000 })]);
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    await act(() => importRecords(db, { articles: [], notes: [note(1, { updatedAt: 30_000, note: 'Plus récente' })] }).then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.get('n0001')?.note).toBe('Plus récente'));
  });

  it('reads back only the notes a write touched, and sees deletions and an undo that keeps the old time', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut(Array.from({ length: 60 }, (_, i) => note(i)));
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    const scans = vi.spyOn(db.notes, 'toCollection');

    await act(() => db.notes.update('n0005', { note: 'Revue', updatedAt: 99_000 }).then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.get('n0005')?.note).toBe('Revue'));
    const removed = (await db.notes.get('n0007'))!;
    await act(() => db.notes.delete('n0007'));
    await vi.waitFor(() => expect(latest().notes.has('n0007')).toBe(false));
    expect(changes.at(-1)).toMatchObject({ removed: ['n0007'], upserted: [] });
    // Undo puts the note back as it was, with its old updatedAt.
    await act(() => db.notes.add(removed).then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.get('n0007')).toEqual(removed));
    // None of it walked the 60 keys.
    expect(scans).not.toHaveBeenCalled();
  });

  it('compares everything after a bulk write that names no keys', async () => {
    await db.articles.put(article);
    await db.notes.bulkPut([note(1)]);
    render(<Probe />, host);
    await vi.waitFor(() => expect(latest().loaded).toBe(true));
    await act(() => db.notes.bulkPut(Array.from({ length: 80 }, (_, i) => note(100 + i))).then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.size).toBe(81));
    await act(() => db.notes.where('createdAt').above(10_150).delete().then(() => undefined));
    await vi.waitFor(() => expect(latest().notes.size).toBe(52));
  });
});
