import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteArticleChange, deleteNotesChange, recolorNotesChange, renameTagChange, tagNotesChange, undoChange } from '../../utils/db/changes';
import { addNote, deleteNote, saveClip, setColorName, setSetting, updateNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import {
  applyRemote,
  flushLog,
  markSent,
  onLocalWrite,
  parseSyncKey,
  pendingCount,
  pendingRows,
  readMeta,
  setClockOffset,
  syncKeyOf,
} from '../../utils/db/tracking';
import { compareHlc, hlcFromTime, wallOf } from '../../utils/domain/hlc';
import type { ArticleDraft, Note, NoteDraft, PageMeta } from '../../utils/domain/model';
import { importRecords } from '../../utils/export/import';
import type { SyncRow } from '../../utils/sync/types';
import { dbPerTest } from '../support/db';

// Every way the library is written leaves, in the same transaction, the sync row of each record
// it wrote: what the sync engine sends. A change made here is never missed by sync, and nothing
// that did not happen is ever sent.

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
afterEach(() => vi.useRealTimers());

const URL_A = 'https://blog.example/verite-clients/';
const URL_B = 'https://magazine.example/experience/';
const page = (url = URL_A): PageMeta => ({ url, title: 'Et si vous disiez la vérité ?', byline: 'Léa Martin', lang: 'fr' });
const draft = (exact: string, tags: string[] = []): NoteDraft => ({
  kind: 'highlight',
  color: 'yellow',
  exact,
  selectors: [{ type: 'TextQuoteSelector', exact }],
  tags,
});
const clip = (url = URL_A): ArticleDraft => ({ ...page(url), html: '<p>La vérité</p>', text: 'La vérité', wordCount: 2, readingMinutes: 1 });

/** A record's sync row, once the journal of the writes so far is folded into the rows. */
const row = async (key: string) => {
  await flushLog(db);
  return db.sync.get(key);
};
/** Every sync row but the device's own state, by key. */
async function rows(): Promise<Record<string, SyncRow>> {
  await flushLog(db);
  return Object.fromEntries((await db.sync.toArray()).filter((r) => !r.key.startsWith('~')).map((r) => [r.key, r]));
}
/** The row is waiting to be sent, with a stamp above `than`. */
function expectNewer(r: SyncRow | undefined, than?: string) {
  expect(r).toBeDefined();
  expect(r!.dirty).toBe(r!.hlc);
  if (than !== undefined) expect(compareHlc(r!.hlc, than)).toBeGreaterThan(0);
}

describe('every write path logs its records', () => {
  it('a note made on a page: the note and its new article, waiting to be sent', async () => {
    const note = await addNote(db, page(), draft('la vérité'));
    const article = (await db.articles.toArray())[0]!;
    const all = await rows();
    expect(Object.keys(all).sort()).toEqual([`article:${article.id}`, `note:${note.id}`]);
    expectNewer(all[`note:${note.id}`]);
    expectNewer(all[`article:${article.id}`]);
    // The device's clock remembers the highest stamp it made.
    const meta = await readMeta(db);
    expect(meta.last).toBe([all[`note:${note.id}`]!.hlc, all[`article:${article.id}`]!.hlc].sort().at(-1));
    expect(meta.last.endsWith(`:${meta.device}`)).toBe(true);
    expect(await pendingCount(db)).toBe(2);
  });

  it('an edit stamps the note again, above its last stamp, keeping the revision it is based on', async () => {
    const note = await addNote(db, page(), draft('la vérité'));
    const first = (await row(`note:${note.id}`))!;
    await markSent(db, [{ key: first.key, hlc: first.hlc, rev: '1-abc' }]);
    await updateNote(db, note.id, { note: 'à citer' });
    const edited = await row(`note:${note.id}`);
    expectNewer(edited, first.hlc);
    expect(edited!.rev).toBe('1-abc');
    expect(edited!.deleted).toBeUndefined();
  });

  it('a delete leaves a tombstone based on the same revision', async () => {
    const note = await addNote(db, page(), draft('la vérité'));
    const first = (await row(`note:${note.id}`))!;
    await markSent(db, [{ key: first.key, hlc: first.hlc, rev: '1-abc' }]);
    await deleteNote(db, note.id);
    const gone = await row(`note:${note.id}`);
    expectNewer(gone, first.hlc);
    expect(gone).toMatchObject({ deleted: true, rev: '1-abc' });
    // Deleting it again, or what never existed, sends nothing more.
    await deleteNote(db, note.id);
    await db.notes.delete('never-stored');
    expect(await row(`note:${note.id}`)).toEqual(gone);
    expect(await row('note:never-stored')).toBeUndefined();
  });

  it('a clip: the article and its saved copy', async () => {
    const article = await saveClip(db, clip());
    const all = await rows();
    expect(Object.keys(all).sort()).toEqual([`article:${article.id}`, `body:${article.id}`]);
    expectNewer(all[`body:${article.id}`]);
  });

  it('bulk changes stamp exactly the notes they change, and their undo stamps them again, above', async () => {
    const a = await addNote(db, page(), draft('un', ['idée']));
    const b = await addNote(db, page(), draft('deux', ['idée']));
    const c = await addNote(db, page(URL_B), draft('trois'));
    const before = await rows();

    const recolor = await recolorNotesChange(db, [a.id, b.id], 'blue');
    let now = await rows();
    expectNewer(now[`note:${a.id}`], before[`note:${a.id}`]!.hlc);
    expectNewer(now[`note:${b.id}`], before[`note:${b.id}`]!.hlc);
    expect(now[`note:${c.id}`]).toEqual(before[`note:${c.id}`]);
    await undoChange(db, recolor.undo);
    const undone = await rows();
    expectNewer(undone[`note:${a.id}`], now[`note:${a.id}`]!.hlc);

    const tagged = await tagNotesChange(db, [a.id, c.id], 'lecture');
    now = await rows();
    expectNewer(now[`note:${c.id}`], undone[`note:${c.id}`]!.hlc);
    expect(tagged.notes).toBe(2);
  });

  it('an undo after a delete makes the note live again, stamped above its tombstone, so it comes back everywhere', async () => {
    const a = await addNote(db, page(), draft('un'));
    const b = await addNote(db, page(), draft('deux'));
    const sent = await pendingRows(db, 10);
    await markSent(db, sent.map((r) => ({ key: r.key, hlc: r.hlc, rev: `1-${r.key}` })));
    const deleted = await deleteNotesChange(db, [a.id, b.id]);
    const tombstones = await rows();
    expect(tombstones[`note:${a.id}`]).toMatchObject({ deleted: true, rev: `1-note:${a.id}` });
    await undoChange(db, deleted.undo);
    const back = await rows();
    for (const id of [a.id, b.id]) {
      expectNewer(back[`note:${id}`], tombstones[`note:${id}`]!.hlc);
      expect(back[`note:${id}`]!.deleted).toBeUndefined();
      expect(back[`note:${id}`]!.rev).toBe(`1-note:${id}`);
    }
    // The note put back keeps its old updatedAt: the stamp, not the record's time, says it is the latest.
    expect((await db.notes.get(a.id))!.updatedAt).toBe(a.updatedAt);
  });

  it('a tag renamed stamps every note and article that had it, and nothing else', async () => {
    const a = await addNote(db, page(), draft('un', ['idée']));
    const b = await addNote(db, page(URL_B), draft('deux', ['autre']));
    const article = (await db.articles.where('url').equals(URL_B).first())!;
    await db.articles.update(article.id, { tags: ['idée'] });
    const before = await rows();
    const change = await renameTagChange(db, 'idée', 'concept');
    expect(change).toMatchObject({ notes: 1, articles: 1 });
    const after = await rows();
    expectNewer(after[`note:${a.id}`], before[`note:${a.id}`]!.hlc);
    expectNewer(after[`article:${article.id}`], before[`article:${article.id}`]!.hlc);
    expect(after[`note:${b.id}`]).toEqual(before[`note:${b.id}`]);
  });

  it('an article deleted with its notes: tombstones for it, its saved copy and each note', async () => {
    const article = await saveClip(db, clip());
    const a = await addNote(db, page(), draft('un'));
    const other = await addNote(db, page(URL_B), draft('ailleurs'));
    const before = await rows();
    await deleteArticleChange(db, article.id, true);
    const after = await rows();
    for (const key of [`article:${article.id}`, `body:${article.id}`, `note:${a.id}`]) {
      expectNewer(after[key], before[key]!.hlc);
      expect(after[key]!.deleted).toBe(true);
    }
    expect(after[`note:${other.id}`]).toEqual(before[`note:${other.id}`]);
  });

  it('an import logs what it added and changed, and the bodies it replaced or removed', async () => {
    const clipped = await saveClip(db, clip());
    const before = await rows();
    const t = Date.now() + 1_000;
    const note: Note = { ...(await addNote(db, page(URL_B), draft('deux'))), note: 'importée', updatedAt: t };
    const fresh: Note = { ...note, id: 'imported-1', exact: 'neuf', selectors: [{ type: 'TextQuoteSelector', exact: 'neuf' }] };
    const result = await importRecords(db, {
      // The same page, newer, not clipped where it comes from, carrying another text: its body is replaced.
      articles: [{ ...clipped, title: 'Nouveau titre', html: '<p>autre</p>', text: 'autre', updatedAt: t }],
      notes: [note, fresh],
      settings: [
        { key: 'colorNames', value: { blue: 'Chiffre' } },
        { key: 'backupReminder', value: 'weekly' },
      ],
    });
    expect(result.added).toBeGreaterThan(0);
    const after = await rows();
    expectNewer(after[`article:${clipped.id}`], before[`article:${clipped.id}`]!.hlc);
    expectNewer(after[`body:${clipped.id}`], before[`body:${clipped.id}`]!.hlc);
    expectNewer(after[`note:${note.id}`]);
    expectNewer(after['note:imported-1']);
    expectNewer(after['setting:colorNames']);
    expectNewer(after['setting:backupReminder']);
    // The library epoch an import bumps belongs to this device: never sent.
    expect(await db.settings.get('libraryEpoch')).toBeDefined();
    expect(after['setting:libraryEpoch']).toBeUndefined();

    // A newer clip of the page whose file carries no copy replaces the body with none: its tombstone is sent.
    await importRecords(db, { articles: [{ ...clipped, title: 'Sans copie', updatedAt: t + 1 }], notes: [] });
    expect(await db.bodies.get(clipped.id)).toBeUndefined();
    expectNewer(await row(`body:${clipped.id}`), after[`body:${clipped.id}`]!.hlc);
    expect((await row(`body:${clipped.id}`))!.deleted).toBe(true);
  });

  it('settings: those that follow the user are logged, the device’s own are not', async () => {
    await setSetting(db, 'backupReminder', 'weekly');
    await setColorName(db, 'green', 'Exemple');
    await setSetting(db, 'saveImages', false);
    await setSetting(db, 'lastBackupAt', Date.now());
    await setSetting(db, 'backupReminderDismissedAt', Date.now());
    expect(Object.keys(await rows()).sort()).toEqual(['setting:backupReminder', 'setting:colorNames', 'setting:saveImages']);
    // Back to the default: a tombstone, so other browsers go back to it too.
    await setSetting(db, 'saveImages', undefined);
    expect(await row('setting:saveImages')).toMatchObject({ deleted: true });
  });

  it('a table cleared or a range deleted: a tombstone per record', async () => {
    const a = await addNote(db, page(), draft('un'));
    const b = await addNote(db, page(URL_B), draft('deux'));
    await db.notes.where('url').equals(URL_A).delete();
    expect((await row(`note:${a.id}`))!.deleted).toBe(true);
    expect((await row(`note:${b.id}`))!.deleted).toBeUndefined();
    await db.notes.clear();
    expect((await row(`note:${b.id}`))!.deleted).toBe(true);
    // Nothing left to delete: nothing more to send (two notes, two articles).
    await db.notes.toCollection().delete();
    expect(await pendingCount(db)).toBe(4);
  });
});

describe('bulk writes', () => {
  /** `n` notes with ids `<prefix>-000`…: neighbours in the sync table's key order. */
  const notesOf = (prefix: string, n: number): Note[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${String(i).padStart(3, '0')}`,
      url: URL_A,
      kind: 'highlight',
      color: 'yellow',
      exact: `passage ${i}`,
      selectors: [{ type: 'TextQuoteSelector', exact: `passage ${i}` }],
      note: '',
      tags: [],
      createdAt: 1,
      updatedAt: 1,
    }));

  it('keep every row’s revision, for a run of neighbours as for a few among many', async () => {
    // Thirty neighbours in the table's key order, and every tenth of 300 others.
    const few = notesOf('a', 30);
    const many = notesOf('b', 300);
    await db.notes.bulkPut([...few, ...many]);
    const sent = await pendingRows(db, 1_000);
    expect(sent).toHaveLength(330);
    await markSent(db, sent.map((r) => ({ key: r.key, hlc: r.hlc, rev: `1-${r.key}` })));
    const picked = many.filter((_, i) => i % 10 === 0).map((n) => n.id);
    for (const ids of [few.map((n) => n.id), picked]) {
      const before = await rows();
      const change = await deleteNotesChange(db, ids);
      const gone = await rows();
      for (const id of ids) expect(gone[`note:${id}`]).toMatchObject({ deleted: true, rev: `1-note:${id}` });
      await undoChange(db, change.undo);
      const back = await rows();
      for (const id of ids) {
        expectNewer(back[`note:${id}`], gone[`note:${id}`]!.hlc);
        expect(back[`note:${id}`]).toMatchObject({ rev: `1-note:${id}` });
        expect(back[`note:${id}`]!.deleted).toBeUndefined();
      }
      // The others were not touched.
      const others = Object.keys(before).filter((k) => !ids.includes(k.slice('note:'.length)));
      for (const k of others) expect(back[k]).toEqual(before[k]);
    }
    expect(await pendingCount(db)).toBe(60);
  });
});

describe('the journal', () => {
  it('is folded into rows soon after the writes stop, with sync on or not', async () => {
    await addNote(db, page(), draft('un'));
    await vi.waitFor(async () => expect(await db.sync.where('key').startsWith('~log:').count()).toBe(0), { timeout: 5_000 });
    expect(await db.sync.where('dirty').above('').count()).toBe(2);
  });

  it('is one entry per write, folded in order into the rows, and counted before it is', async () => {
    const a = await addNote(db, page(), draft('un'));
    await updateNote(db, a.id, { note: 'deux' });
    await deleteNote(db, a.id);
    await db.notes.put({ ...a, note: 'revenue' });
    // Not folded yet (that happens a second after the writes stop): the count reads the journal
    // as it will fold (one note, one article).
    expect(await db.sync.where('key').startsWith('~log:').count()).toBeGreaterThan(0);
    expect(await pendingCount(db)).toBe(2);
    const folded = await rows();
    expect(await db.sync.where('key').startsWith('~log:').count()).toBe(0);
    expect(Object.keys(folded).sort()).toEqual([`article:${(await db.articles.toArray())[0]!.id}`, `note:${a.id}`].sort());
    // The last write wins: the note is back, stamped above every earlier write.
    expect(folded[`note:${a.id}`]!.deleted).toBeUndefined();
    expect(folded[`note:${a.id}`]!.hlc).toBe((await readMeta(db)).last);
    expect(await pendingCount(db)).toBe(2);
  });

  it('counts a delete of what never synced, and a tombstone, as they fold', async () => {
    const a = await addNote(db, page(), draft('un'));
    const sent = await pendingRows(db, 10);
    await markSent(db, sent.map((r) => ({ key: r.key, hlc: r.hlc, rev: '1-x' })));
    expect(await pendingCount(db)).toBe(0);
    await db.notes.delete('never-stored');
    expect(await pendingCount(db)).toBe(0);
    await deleteNote(db, a.id);
    expect(await pendingCount(db)).toBe(1);
    expect(await pendingRows(db, 10)).toEqual([expect.objectContaining({ key: `note:${a.id}`, deleted: true, rev: '1-x' })]);
  });
});

describe('what is not a local change is not logged', () => {
  it('a failed transaction leaves no sync row and the clock as it was', async () => {
    const note = await addNote(db, page(), draft('un'));
    const before = await db.sync.toArray();
    await expect(
      db.transaction('rw', db.notes, async () => {
        await db.notes.put({ ...note, note: 'perdu' });
        await db.notes.add({ ...note, id: 'n2' });
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    // A write refused by the database (the same id added twice) fails its transaction the same way.
    await expect(db.notes.add(note)).rejects.toThrow();
    expect(await db.sync.toArray()).toEqual(before);
  });

  it('the engine’s writes of server versions are not stamped; it writes their rows, and the clock learns their stamps', async () => {
    const future = hlcFromTime(Date.now() + 365 * 86_400_000, 'other-device');
    const note = { ...(await addNote(db, page(), draft('un'))), note: 'du serveur' };
    const local = (await row(`note:${note.id}`))!;
    await applyRemote(db, async () => {
      await db.notes.put(note);
      await db.settings.put({ key: 'colorNames', value: { pink: 'Rose' } });
      await db.sync.bulkPut([
        { key: `note:${note.id}`, hlc: future, rev: '2-srv' },
        { key: 'setting:colorNames', hlc: hlcFromTime(1, 'other-device'), rev: '1-srv' },
      ]);
    });
    expect(await row(`note:${note.id}`)).toEqual({ key: `note:${note.id}`, hlc: future, rev: '2-srv' });
    expect(await pendingCount(db)).toBe(1); // the article, still waiting
    expect(compareHlc(future, local.hlc)).toBeGreaterThan(0);
    // The next local edit of any record, made a year "before" that stamp, still comes after it.
    await updateNote(db, note.id, { note: 'modifiée ici' });
    expectNewer(await row(`note:${note.id}`), future);
    const other = await addNote(db, page(URL_B), draft('autre'));
    expectNewer(await row(`note:${other.id}`), future);
  });

  it('markSent clears what the server now has, and a write made during the push stays waiting', async () => {
    const a = await addNote(db, page(), draft('un'));
    const b = await addNote(db, page(URL_B), draft('deux'));
    const outbox = await pendingRows(db, 500);
    expect(outbox).toHaveLength(4);
    // Oldest first, and no more than asked.
    expect(outbox.map((r) => r.dirty)).toEqual(outbox.map((r) => r.dirty).sort());
    expect(await pendingRows(db, 2)).toEqual(outbox.slice(0, 2));
    // The push is on its way when the user edits b.
    await updateNote(db, b.id, { note: 'pendant l’envoi' });
    await markSent(db, outbox.map((r) => ({ key: r.key, hlc: r.hlc, rev: `1-${r.key}` })));
    const left = await pendingRows(db, 500);
    expect(left.map((r) => r.key)).toEqual([`note:${b.id}`]);
    expect(left[0]!.rev).toBe(`1-note:${b.id}`);
    expect(await row(`note:${a.id}`)).toEqual({ key: `note:${a.id}`, hlc: outbox.find((r) => r.key === `note:${a.id}`)!.hlc, rev: `1-note:${a.id}` });
    expect(await pendingCount(db)).toBe(1);
  });
});

describe('the device clock', () => {
  it('is made once, with a random device id, and kept', async () => {
    const meta = await readMeta(db);
    expect(meta).toEqual({ key: '~meta', device: expect.stringMatching(/^[0-9a-f]{16}$/), offset: 0, last: '' });
    await addNote(db, page(), draft('un'));
    expect((await readMeta(db)).device).toBe(meta.device);
  });

  it('stamps with the server’s time when the device’s is off by more than a minute', async () => {
    const year = 365 * 86_400_000;
    await setClockOffset(db, -year);
    const a = await addNote(db, page(), draft('un'));
    const wall = wallOf((await row(`note:${a.id}`))!.hlc);
    expect(Math.abs(wall - (Date.now() - year))).toBeLessThan(10_000);
    // A few seconds off is noise: the device's own clock.
    await setClockOffset(db, 5_000);
    const b = await addNote(db, page(URL_B), draft('deux'));
    // Still above the last stamp made, which the clock state remembers.
    expectNewer(await row(`note:${b.id}`), (await row(`note:${a.id}`))!.hlc);
    expect(Math.abs(wallOf((await row(`note:${b.id}`))!.hlc) - Date.now())).toBeLessThan(10_000);
    expect((await readMeta(db)).offset).toBe(5_000);
  });

  it('stamps never go back when the device clock does', async () => {
    const a = await addNote(db, page(), draft('un'));
    const first = (await row(`note:${a.id}`))!.hlc;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 3_600_000 });
    await updateNote(db, a.id, { note: 'plus tard, horloge reculée' });
    expectNewer(await row(`note:${a.id}`), first);
  });
});

describe('sync keys', () => {
  it('name a record by its table and key, settings only when they sync', () => {
    expect(syncKeyOf('notes', 'n1')).toBe('note:n1');
    expect(syncKeyOf('articles', 'a1')).toBe('article:a1');
    expect(syncKeyOf('bodies', 'a1')).toBe('body:a1');
    expect(syncKeyOf('settings', 'colorNames')).toBe('setting:colorNames');
    expect(syncKeyOf('settings', 'lastBackupAt')).toBeUndefined();
    expect(syncKeyOf('sync', '~meta')).toBeUndefined();
    expect(parseSyncKey('note:n:1')).toEqual({ table: 'notes', id: 'n:1' });
    expect(parseSyncKey('setting:colorNames')).toEqual({ table: 'settings', id: 'colorNames' });
    expect(parseSyncKey('~meta')).toBeUndefined();
  });
});

describe('the pages hear their own committed changes (what wakes the background to sync)', () => {
  it('after each committed write of synced records, not after a failed one, the engine’s, or a device setting', async () => {
    let heard = 0;
    const stop = onLocalWrite(db, () => heard++);
    const note = await addNote(db, page(), draft('un'));
    await expect.poll(() => heard).toBe(1);
    await updateNote(db, note.id, { note: 'deux' });
    await expect.poll(() => heard).toBe(2);
    await expect(
      db.transaction('rw', db.notes, async () => {
        await db.notes.put({ ...note, note: 'perdu' });
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    await applyRemote(db, () => db.notes.put({ ...note, note: 'du serveur' }));
    await setSetting(db, 'lastBackupAt', 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toBe(2);
    stop();
    await updateNote(db, note.id, { note: 'trois' });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toBe(2);
  });
});
