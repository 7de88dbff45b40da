/**
 * Write failures as the user meets them: a note edited in two windows, a closed database, a
 * record the checks refuse, storage full in the middle of a transaction. Each leaves the stored
 * notes exactly as they were (or, where it succeeds, exactly as intended), and each is said in
 * the user's language.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addNote, updateNote } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';
import { MAX_TEXT } from '../../utils/domain/record-schemas';
import { NoteConflictError, NoteGoneError, writeFailure } from '../../utils/domain/storage-full';
import { importRecords } from '../../utils/export/import';
import { errorMessage } from '../../utils/messaging/rpc';
import { describeWriteError } from '../../utils/platform/write-error';
import { deleteNotesChange, tagNotesChange } from '../../utils/services/changes';
import { saveNoteChange } from '../../utils/services/notes';
import { generateLibrary } from '../support/library';
import { msg, msgFr, speakEnglish, speakFrench } from '../support/i18n';

const PAGE = { url: 'https://blog.example/verite/', title: 'La vérité' };
const draft = { kind: 'highlight' as const, color: 'yellow' as const, exact: 'dire la vérité', selectors: [{ type: 'TextQuoteSelector' as const, exact: 'dire la vérité' }] };

let db: VerbatimDb;
beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** Every note as stored, by id, read through a connection of its own (the test's may be closed). */
async function stored(name = db.name) {
  const other = new VerbatimDb(name);
  try {
    return new Map((await other.notes.toArray()).map((n) => [n.id, n]));
  } finally {
    other.close();
  }
}

describe('the same note edited in two windows', () => {
  it('a text saved from an older version is refused, and the other window’s text stays', async () => {
    const note = await addNote(db, PAGE, { ...draft, note: 'premier jet' });
    // Both windows show "premier jet"; the side panel saves first.
    const first = await saveNoteChange(db, note.id, { note: 'version du panneau' }, { note: 'premier jet' });
    const error = await saveNoteChange(db, note.id, { note: 'version de la carte' }, { note: 'premier jet' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteConflictError);
    expect((await stored()).get(note.id)).toEqual(first);
    expect(describeWriteError(errorMessage(error), 'noteChangeFailed')).toBe(msg('noteChangeFailed', msg('writeReasonConflict')));
    // Having seen the other text, the user saves theirs again: it goes through.
    const second = await saveNoteChange(db, note.id, { note: 'version de la carte' }, { note: first.note });
    expect(second.note).toBe('version de la carte');
    expect(second.updatedAt).toBeGreaterThan(first.updatedAt);
  });

  it('the same text saved twice is no conflict', async () => {
    const note = await addNote(db, PAGE, { ...draft, note: 'a' });
    await updateNote(db, note.id, { note: 'b' }, { note: 'a' });
    expect((await updateNote(db, note.id, { note: 'b' }, { note: 'a' })).note).toBe('b');
  });

  it('tags merge: what each window added or removed is kept', async () => {
    const note = await addNote(db, PAGE, { ...draft, tags: ['histoire', 'à relire'] });
    // Window A adds "politique"; window B, still showing the first tags, removes "à relire" and adds "essais".
    await updateNote(db, note.id, { tags: ['histoire', 'à relire', 'politique'] }, { tags: ['histoire', 'à relire'] });
    const merged = await updateNote(db, note.id, { tags: ['histoire', 'essais'] }, { tags: ['histoire', 'à relire'] });
    expect(merged.tags).toEqual(['histoire', 'politique', 'essais']);
  });

  it('different fields merge: a colour from one window, a text from the other', async () => {
    const note = await addNote(db, PAGE, { ...draft, note: 'a' });
    await updateNote(db, note.id, { color: 'green' });
    const after = await updateNote(db, note.id, { note: 'b' }, { note: 'a' });
    expect(after).toMatchObject({ color: 'green', note: 'b' });
  });

  it('without what the edit was based on (an older page script), the change applies as before', async () => {
    const note = await addNote(db, PAGE, { ...draft, note: 'a' });
    await updateNote(db, note.id, { note: 'b' });
    expect((await updateNote(db, note.id, { note: 'c' })).note).toBe('c');
  });

  it('a note deleted in the other window: said so, and nothing comes back', async () => {
    const note = await addNote(db, PAGE, draft);
    await deleteNotesChange(db, [note.id]);
    const error = await saveNoteChange(db, note.id, { note: 'trop tard' }, { note: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteGoneError);
    expect((await stored()).size).toBe(0);
    expect(describeWriteError(errorMessage(error), 'noteChangeFailed')).toBe(msg('noteChangeFailed', msg('writeReasonGone')));
  });
});

describe('a closed database', () => {
  it('a change after the browser closed the connection: nothing written, said in the user’s words', async () => {
    const note = await addNote(db, PAGE, { ...draft, note: 'avant' });
    db.close();
    const error = await saveNoteChange(db, note.id, { note: 'après' }, { note: 'avant' }).catch((e: unknown) => e);
    expect(writeFailure(error)).toBe('closed');
    expect((await stored()).get(note.id)?.note).toBe('avant');
    expect(describeWriteError(error, 'noteChangeFailed')).toBe(msg('noteChangeFailed', msg('writeReasonClosed')));
    // The same failure, after crossing a message boundary as text, in French.
    speakFrench();
    expect(describeWriteError(errorMessage(error), 'saveFailed')).toBe(msgFr('saveFailed', msgFr('writeReasonClosed')));
    expect(msgFr('writeReasonClosed')).toMatch(/fermé \(.*\)\u00a0: rien/);
  });

  it('closed while a bulk change is on its way: every note fully before, the user told why', async () => {
    const lib = generateLibrary({ articles: 5, notes: 300, seed: 3 });
    await db.notes.bulkAdd(lib.notes);
    const before = await stored();
    const change = tagNotesChange(
      db,
      lib.notes.map((n) => n.id),
      'relu',
    ).catch((e: unknown) => e);
    db.close();
    const error = await change;
    const after = await stored();
    expect(after.size).toBe(300);
    const changed = [...after.values()].filter((n) => n.tags.includes('relu')).length;
    // Closed while the change was on its way to IndexedDB: none of it is written.
    expect(changed).toBe(0);
    expect(after).toEqual(before);
    expect(describeWriteError(error, 'noteChangeFailed')).toBe(msg('noteChangeFailed', msg('writeReasonClosed')));
  });
});

describe('a record the checks refuse', () => {
  it('a note text longer than a note may be: nothing written, said in the user’s words', async () => {
    const note = await addNote(db, PAGE, { ...draft, note: 'court' });
    const error = await saveNoteChange(db, note.id, { note: 'x'.repeat(MAX_TEXT + 1) }).catch((e: unknown) => e);
    expect(writeFailure(error)).toBe('invalid');
    expect((await stored()).get(note.id)).toEqual(note);
    expect(describeWriteError(errorMessage(error), 'noteChangeFailed')).toBe(msg('noteChangeFailed', msg('writeReasonInvalid')));
  });

  it('a constraint IndexedDB refuses in the middle of an import: nothing of it lands', async () => {
    const lib = generateLibrary({ articles: 20, notes: 500, seed: 5 });
    await importRecords(db, { articles: lib.articles.slice(0, 10), notes: lib.notes.slice(0, 100) });
    const before = await stored();
    // A second article under a URL already stored breaks the unique index halfway through.
    const add = IDBObjectStore.prototype.add;
    let adds = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'articles' && ++adds > 3) throw new DOMException('Unable to add key to index', 'ConstraintError');
      return add.apply(this, args);
    });
    const error = await importRecords(db, { articles: [], notes: lib.notes.map((n, i) => ({ ...n, url: `${n.url}&copy=${i}` })) }, { chunkSize: 50 }).catch(
      (e: unknown) => e,
    );
    vi.restoreAllMocks();
    speakEnglish();
    expect(writeFailure(error)).toBe('invalid');
    expect(await stored()).toEqual(before);
    expect(describeWriteError(errorMessage(error), 'importFailed')).toBe(msg('importFailed', msg('writeReasonInvalid')));
  });
});

describe('storage full in the middle of a transaction', () => {
  it('a bulk delete refused halfway: every note is still there, and the user is told storage is full', async () => {
    const lib = generateLibrary({ articles: 5, notes: 200, seed: 7 });
    await db.notes.bulkAdd(lib.notes);
    const before = await stored();
    const del = IDBObjectStore.prototype.delete;
    let deletes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['delete']>) {
      if (this.name === 'notes' && ++deletes > 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return del.apply(this, args);
    });
    const error = await deleteNotesChange(
      db,
      lib.notes.map((n) => n.id),
    ).catch((e: unknown) => e);
    vi.restoreAllMocks();
    speakFrench();
    expect(writeFailure(error)).toBe('storage-full');
    expect(await stored()).toEqual(before);
    expect(describeWriteError(errorMessage(error), 'noteChangeFailed', 'storageFullChangeNotSaved')).toBe(msgFr('storageFullChangeNotSaved'));
  });

  it('a Dexie error wrapping another keeps the failure the user is told', () => {
    expect(writeFailure(new Dexie.AbortError(new DOMException('x', 'ConstraintError')))).toBe('invalid');
    expect(writeFailure(new Dexie.DatabaseClosedError())).toBe('closed');
    expect(writeFailure(errorMessage(new Dexie.DatabaseClosedError()))).toBe('closed');
    expect(writeFailure(new Error('no such note on this page'))).toBe('other');
  });
});
