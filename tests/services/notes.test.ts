import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { VerbatimDb } from '../../utils/db/schema';
import type { Note, PageMeta } from '../../utils/domain/model';
import { deleteNotesChange, tagNotesChange, undoChange } from '../../utils/services/changes';
import { saveNote, saveNoteChange } from '../../utils/services/notes';
import { redrawPages } from '../../utils/services/tabs';
import { dbPerTest } from '../support/db';
import { highlight } from '../support/library';

// Every note write of the extension pages redraws the tabs showing the pages concerned, and only
// those; a tab where only the loader runs gets the page script when its page has notes now.

const PAGE = 'https://blog.example/un-article/';
const OTHER = 'https://blog.example/autre/';
const meta = (url = PAGE): PageMeta => ({ url, title: 'Un article' });
const note = (id: string, url = PAGE): Note => highlight({ id, url, exact: `Passage ${id}` });

let db: VerbatimDb;
/** Tabs asked to redraw, and tabs given the page script, by id. */
let refreshed: number[];
let injected: number[];
/** Tabs whose page script is not there (only the loader: it cannot answer). */
let loaderOnly: Set<number>;

dbPerTest((fresh) => (db = fresh));
beforeEach(() => {
  fakeBrowser.reset();
  refreshed = [];
  injected = [];
  loaderOnly = new Set();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
    { id: 1, url: PAGE },
    // The same page with a fragment and a tracking parameter: the same page.
    { id: 2, url: `${PAGE}?utm_source=mail#part-2` },
    { id: 3, url: OTHER },
  ] as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string }) => {
    expect(message.type).toBe('refresh');
    if (loaderOnly.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
    refreshed.push(tabId);
    return { ok: true, value: true };
  }) as never);
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (o: { target: { tabId: number } }) => {
    injected.push(o.target.tabId);
    return [];
  }) as never);
});
afterEach(() => vi.restoreAllMocks());

describe('note writes from the extension pages', () => {
  it('a passage saved in the reader is drawn by the tabs showing its page, and only those', async () => {
    const saved = await saveNote(db, meta(), { kind: 'highlight', color: 'green', exact: 'Passage', selectors: [] });
    expect((await db.notes.get(saved.id))?.color).toBe('green');
    await vi.waitFor(() => expect(refreshed.sort()).toEqual([1, 2]));
  });

  it('a change redraws the page when its look changed, not for its note text or tags', async () => {
    await db.notes.add(note('n1'));
    await saveNoteChange(db, 'n1', { note: 'Une idée', tags: ['compost'] });
    await new Promise((r) => setTimeout(r, 20));
    expect(refreshed).toEqual([]);
    await saveNoteChange(db, 'n1', { color: 'blue' });
    await vi.waitFor(() => expect(refreshed.sort()).toEqual([1, 2]));
  });

  it('deletes several notes in one write, redrawing each page once; an undo draws them again, bringing the page script where it is missing', async () => {
    await db.notes.bulkAdd([note('n1'), note('n2'), note('n3', OTHER)]);
    const deleted = await deleteNotesChange(db, ['n1', 'n2', 'n3', 'gone']);
    expect(deleted.notes).toBe(3);
    expect(await db.notes.count()).toBe(0);
    await vi.waitFor(() => expect(refreshed.sort()).toEqual([1, 2, 3]));

    // Tab 3 lost its page script meanwhile (reloaded: a page without notes gets only the loader).
    refreshed = [];
    loaderOnly.add(3);
    await undoChange(db, deleted.undo);
    expect(await db.notes.count()).toBe(3);
    await vi.waitFor(() => expect(injected).toEqual([3]));
    expect(refreshed.sort()).toEqual([1, 2]);
  });

  it('a delete that fails halfway deletes nothing, and redraws nothing', async () => {
    await db.notes.bulkAdd([note('n1'), note('n2')]);
    vi.spyOn(db.notes, 'bulkDelete').mockRejectedValueOnce(new Error('database locked'));
    await expect(deleteNotesChange(db, ['n1', 'n2'])).rejects.toThrow('database locked');
    expect(await db.notes.count()).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(refreshed).toEqual([]);
  });

  it('tags every note named or none, each on its tags as stored; no tab redraws for a tag', async () => {
    await db.notes.bulkAdd([{ ...note('n1'), tags: ['jardin'] }, note('n2'), note('n3')]);
    await tagNotesChange(db, ['n1', 'n2'], ' Compost ');
    expect((await db.notes.bulkGet(['n1', 'n2', 'n3'])).map((n) => n!.tags)).toEqual([['jardin', 'compost'], ['compost'], []]);

    vi.spyOn(db.notes, 'bulkPut').mockRejectedValueOnce(new Error('disk full'));
    await expect(tagNotesChange(db, ['n1', 'n3'], 'balcon')).rejects.toThrow('disk full');
    expect((await db.notes.bulkGet(['n1', 'n3'])).map((n) => n!.tags)).toEqual([['jardin', 'compost'], []]);
    await new Promise((r) => setTimeout(r, 20));
    expect(refreshed).toEqual([]);
  });

  it('never rejects for a tab that cannot redraw: the library is right', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockRejectedValue(new Error('no tabs API here'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(redrawPages(db, [PAGE])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });
});
