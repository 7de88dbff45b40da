import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { parseBackup, toBackup } from '../../utils/export/backup';
import { exportFile, dayStamp } from '../../utils/export/files';
import { exportRecords, importRecords } from '../../utils/export/import';
import { exportToFile, importFile, importFileText, MAX_IMPORT_BYTES } from '../../utils/export/jobs';
import { isStorageFull } from '../../utils/domain/storage-full';
import { sampleLibrary } from '../support/library';
import { dbPerTest, newTestDb } from '../support/db';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
afterEach(() => vi.restoreAllMocks());

const NOW = Date.UTC(2026, 10, 5, 9, 30);
const epoch = async () => (await db.settings.get('libraryEpoch'))?.value;
const everything = async () => ({
  articles: await db.articles.toArray(),
  notes: await db.notes.toArray(),
  settings: await db.settings.toArray(),
});

describe('the library epoch', () => {
  it('goes up by one with every import that changes something, not with one that changes nothing', async () => {
    expect(await epoch()).toBeUndefined();
    const text = toBackup(sampleLibrary());
    await importFileText(db, 'b.json', text);
    expect(await epoch()).toBe(1);
    const again = await importFileText(db, 'b.json', text);
    expect(again.result.added + again.result.updated).toBe(0);
    expect(await epoch()).toBe(1);
    const lib = sampleLibrary();
    lib.notes[0]!.updatedAt += 1_000;
    lib.notes[0]!.note = 'changed';
    await importFileText(db, 'b.json', toBackup(lib));
    expect(await epoch()).toBe(2);
  });

  it('is written in the import’s own transaction: a failed import leaves it, and everything else, as it was', async () => {
    await importFileText(db, 'b.json', toBackup({ articles: [], notes: sampleLibrary().notes.slice(0, 1) }));
    const before = await everything();
    expect(await epoch()).toBe(1);
    // The disk fills up halfway through the notes.
    let puts = 0;
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'notes' && ++puts > 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const error = await importFileText(db, 'b.json', toBackup(sampleLibrary())).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isStorageFull(error)).toBe(true);
    expect(await everything()).toEqual(before);
    expect(await epoch()).toBe(1);
  });

  it('an import from another device does not bring its epoch, last backup or dismissal with it', async () => {
    await db.settings.bulkPut([
      { key: 'lastBackupAt', value: 111 },
      { key: 'libraryEpoch', value: 5 },
    ]);
    const records = { ...sampleLibrary(), settings: [{ key: 'lastBackupAt', value: 999 }, { key: 'libraryEpoch', value: 99 }, { key: 'backupReminderDismissedAt', value: 9 }] };
    const result = await importRecords(db, records);
    expect(result.byKind.settings).toEqual({ added: 0, updated: 0, skipped: 0 });
    expect(await db.settings.get('lastBackupAt')).toEqual({ key: 'lastBackupAt', value: 111 });
    expect(await db.settings.get('backupReminderDismissedAt')).toBeUndefined();
    expect(await epoch()).toBe(6);
  });
});

describe('backups leave out the device’s own settings', () => {
  it('toBackup and exportRecords keep the user’s settings only', async () => {
    await db.settings.bulkPut([
      { key: 'colorNames', value: { yellow: 'Idée' } },
      { key: 'backupReminder', value: 'weekly' },
      { key: 'lastBackupAt', value: NOW },
      { key: 'backupReminderDismissedAt', value: NOW },
      { key: 'libraryEpoch', value: 3 },
    ]);
    const records = await exportRecords(db);
    expect(records.settings.map((s) => s.key).sort()).toEqual(['backupReminder', 'colorNames']);
    // Even given them, toBackup does not write them.
    const all = await db.settings.toArray();
    const backup = parseBackup(toBackup({ articles: [], notes: [], settings: all }));
    expect(backup.settings.map((s) => s.key).sort()).toEqual(['backupReminder', 'colorNames']);
  });
});

describe('exportToFile', () => {
  beforeEach(async () => {
    await importRecords(db, sampleLibrary());
  });

  it('makes each kind of file, named for the day', async () => {
    const day = dayStamp(NOW, 'Europe/Paris');
    const opts = { now: NOW, timeZone: 'Europe/Paris' };
    const backup = await exportToFile(db, 'backup', opts);
    expect(backup).toMatchObject({ name: `verbatim-backup-${day}.json`, mime: 'application/json' });
    expect(parseBackup(backup!.data as string).notes).toHaveLength(sampleLibrary().notes.length);

    const csv = await exportToFile(db, 'readwise', opts);
    expect(csv).toMatchObject({ name: `verbatim-readwise-${day}.csv`, mime: 'text/csv;charset=utf-8' });
    // A byte order mark, so spreadsheet software reads the French text as UTF-8.
    expect((csv!.data as string).charCodeAt(0)).toBe(0xfeff);

    const w3c = await exportToFile(db, 'w3c', { ...opts, title: 'Bibliothèque' });
    expect(w3c!.name).toBe(`verbatim-annotations-${day}.jsonld`);
    expect(JSON.parse(w3c!.data as string)).toMatchObject({ type: 'AnnotationCollection', label: 'Bibliothèque', total: sampleLibrary().notes.length });

    const single = await exportToFile(db, 'markdown-single', { ...opts, title: 'Bibliothèque' });
    expect(single!.name).toBe(`verbatim-library-${day}.md`);
    expect(single!.data).toContain('# Bibliothèque');

    const zip = await exportToFile(db, 'markdown', opts);
    expect(zip).toMatchObject({ name: `verbatim-markdown-${day}.zip`, mime: 'application/zip' });
    const files = unzipSync(zip!.data as Uint8Array);
    expect(Object.keys(files)).toHaveLength(sampleLibrary().articles.length);
    expect(strFromU8(Object.values(files)[0]!)).toMatch(/^---\ntitle: /);
  });

  it('joins the articles’ bodies into a backup only: the other formats never read them', async () => {
    const [fr] = sampleLibrary().articles;
    const backup = parseBackup((await exportToFile(db, 'backup', { now: NOW }))!.data as string);
    expect(backup.articles.find((a) => a.id === fr!.id)).toMatchObject({ html: fr!.html, text: fr!.text });
    const read = vi.spyOn(db.bodies, 'bulkGet');
    for (const kind of ['markdown', 'markdown-single', 'readwise', 'w3c'] as const) await exportToFile(db, kind, { now: NOW });
    expect(read).not.toHaveBeenCalled();
    await exportToFile(db, 'backup', { now: NOW });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('exports only the current view’s notes, one article’s Markdown as a plain file', async () => {
    const note = sampleLibrary().notes[0]!;
    const md = await exportToFile(db, 'markdown', { noteIds: [note.id], now: NOW });
    expect(md!.name).toMatch(/\.md$/);
    expect(md!.data).toContain(note.exact.split('\n')[0]!.slice(0, 20));
    const backup = parseBackup((await exportToFile(db, 'backup', { noteIds: [note.id], now: NOW }))!.data as string);
    expect(backup.notes.map((n) => n.id)).toEqual([note.id]);
    expect(backup.articles.map((a) => a.url)).toEqual([note.url]);
    expect(backup.settings).toEqual([]);
  });

  it('has nothing to export from an empty library or an empty view', async () => {
    expect(await exportToFile(db, 'backup', { noteIds: [] })).toBeNull();
    const empty = newTestDb();
    expect(await exportToFile(empty, 'markdown')).toBeNull();
    await empty.delete();
  });

  it('an exported backup imports into an empty database as the same records', async () => {
    const file = await exportToFile(db, 'backup', { now: NOW });
    const other = newTestDb();
    const outcome = await importFile(other, new File([file!.data as string], file!.name));
    expect(outcome.format).toBe('backup');
    const byId = <T extends { id: string }>(l: T[]) => l.sort((a, b) => a.id.localeCompare(b.id));
    const [mine, theirs] = [await exportRecords(db), await exportRecords(other)];
    expect(byId(theirs.notes)).toEqual(byId(mine.notes));
    expect(byId(theirs.articles)).toEqual(byId(mine.articles));
    await other.delete();
  });
});

describe('importFile', () => {
  it('reports what the file is and its progress, then what it did', async () => {
    const events: string[] = [];
    const outcome = await importFileText(db, 'b.json', toBackup(sampleLibrary()), {
      chunkSize: 2,
      onParsed: ({ format, total }) => events.push(`${format} ${total}`),
      onProgress: (done, total) => events.push(`${done}/${total}`),
    });
    const { articles, notes, settings } = sampleLibrary();
    const total = articles.length + notes.length + settings.length;
    expect(events[0]).toBe(`backup ${total}`);
    expect(events.at(-1)).toBe(`${total}/${total}`);
    expect(outcome.result.byKind.notes.added).toBe(notes.length);
  });

  it('refuses a file too large to read, without reading it', async () => {
    const huge = { name: 'huge.json', size: MAX_IMPORT_BYTES + 1, text: vi.fn() } as unknown as File;
    await expect(importFile(db, huge)).rejects.toThrow(/too large/);
    expect(huge.text).not.toHaveBeenCalled();
  });

  it('caps files at 256 MiB: 1.5 times the benchmark’s 50,000 notes with 2,000 clipped articles (165 MiB)', async () => {
    expect(MAX_IMPORT_BYTES).toBe(256 * 2 ** 20);
    const big = { name: 'big.json', size: 300 * 2 ** 20, text: vi.fn() } as unknown as File;
    await expect(importFile(db, big)).rejects.toThrow('the file is too large (300 MiB; at most 256 MiB)');
    expect(big.text).not.toHaveBeenCalled();
  });

  it('files notes made under a #fragment or utm_ variant of a page under the page itself, one article', async () => {
    const lib = sampleLibrary();
    const page = lib.articles[2]!;
    const variant = { ...page, id: 'variant-article', url: `${page.url}?utm_source=newsletter#comments`, updatedAt: page.updatedAt - 1 };
    const notes = [{ ...lib.notes[3]!, url: `${page.url}#section-2` }];
    await importFileText(db, 'b.json', toBackup({ articles: [page, variant], notes }));
    expect((await db.articles.toArray()).map((a) => [a.id, a.url])).toEqual([[page.id, page.url]]);
    expect((await db.notes.toArray()).map((n) => n.url)).toEqual([page.url]);
  });

  it('a corrupted file changes nothing', async () => {
    await importRecords(db, sampleLibrary());
    const before = await everything();
    const text = toBackup(sampleLibrary()).replace('"kind":"quote"', '"kind":"poem"');
    await expect(importFileText(db, 'b.json', text)).rejects.toThrow(/kind: expected/);
    expect(await everything()).toEqual(before);
  });
});

describe('exportFile', () => {
  it('names files after the day where the user is', () => {
    // 23:30 UTC on 4 November is already 5 November in Paris.
    const late = Date.UTC(2026, 10, 4, 23, 30);
    expect(exportFile('backup', { articles: [], notes: [] }, { now: late, timeZone: 'Europe/Paris' }).name).toBe('verbatim-backup-2026-11-05.json');
    expect(exportFile('backup', { articles: [], notes: [] }, { now: late, timeZone: 'UTC' }).name).toBe('verbatim-backup-2026-11-04.json');
  });
});
