/**
 * The sync engine end to end in Node: two "devices" (two databases of their own) syncing through
 * a real CouchDB-compatible server the test starts (pouchdb-server, or COUCHDB_URL).
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { addNote, deleteNote, getSettings, restoreNote, saveClip, changeArticleTags, setColorName, setSetting, updateNote } from '../../utils/db/repo';
import { deleteArticleChange, renameTagChange, undoChange } from '../../utils/db/changes';
import type { Note, PageMeta } from '../../utils/domain/model';
import { pendingCount, readMeta } from '../../utils/db/tracking';
import { createClient } from '../../utils/sync/couch';
import { plainSealer, unlockEncryption, type Sealer } from '../../utils/sync/crypto';
import { syncOnce } from '../../utils/sync/engine';
import { makeRun } from '../../utils/sync/run';
import { noteDocId, toDoc } from '../../utils/sync/docs';
import type { SyncConfig } from '../../utils/sync/types';
import { faultProxy, type CouchServer } from '../support/couch-server';
import { putRaw, serverDocs, syncDevices } from '../support/sync-devices';

const devices = syncDevices('engine');
let server: CouchServer;
let config: SyncConfig;
let A: VerbatimDb;
let B: VerbatimDb;
let device: () => VerbatimDb;
beforeEach(() => void ({ server, config, A, B, device } = devices.current()));
afterEach(() => {
  vi.useRealTimers();
});

const plain = plainSealer();
const sync = (db: VerbatimDb, opts: { sealer?: Sealer; batch?: number; signal?: AbortSignal; fetchFn?: typeof fetch; cfg?: SyncConfig } = {}) =>
  syncOnce({ db, client: createClient(opts.cfg ?? config, opts.fetchFn ?? fetch), sealer: opts.sealer ?? plain, ...(opts.batch ? { batch: opts.batch } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });

const PAGE: PageMeta = { url: 'https://example.com/article', title: 'An article', byline: 'Someone' };
const highlight = (db: VerbatimDb, exact: string, page: PageMeta = PAGE, note = '') =>
  addNote(db, page, { kind: 'highlight', color: 'yellow', exact, selectors: [{ type: 'TextQuoteSelector', exact }], note });

/** A device's notes as the user sees them: by id, without what is only that device's. */
async function notesOf(db: VerbatimDb): Promise<Map<string, Note>> {
  const notes = await db.notes.toArray();
  return new Map(notes.map(({ orphanedAt: _o, ...n }) => [n.id, n]));
}

describe('two devices through one server', () => {
  it('a note made on A arrives on B with its article; an edit follows', async () => {
    const note = await highlight(A, 'the first passage');
    expect(await sync(A)).toMatchObject({ pushed: 2, refused: 0 });
    expect(await pendingCount(A)).toBe(0);
    expect(await sync(B)).toMatchObject({ pushed: 0, pulled: 2, refused: 0 });
    expect((await notesOf(B)).get(note.id)).toEqual(note);
    expect(await B.articles.where('url').equals(PAGE.url).first()).toMatchObject({ title: 'An article', byline: 'Someone' });
    expect(await pendingCount(B)).toBe(0);

    await updateNote(A, note.id, { note: 'thought about it', tags: ['idea'] });
    await sync(A);
    await sync(B);
    expect((await notesOf(B)).get(note.id)).toMatchObject({ note: 'thought about it', tags: ['idea'] });
    // Nothing goes round again: B stored A's version, it has nothing to send.
    expect(await sync(B)).toEqual({ pushed: 0, pulled: 0, refused: 0, merged: 0 });
  });

  it('a delete on B removes the note on A; Undo of it on B brings it back on A', async () => {
    const note = await highlight(A, 'doomed');
    await sync(A);
    await sync(B);
    const deleted = await deleteNote(B, note.id);
    await sync(B);
    await sync(A);
    expect(await A.notes.get(note.id)).toBeUndefined();

    await restoreNote(B, deleted!);
    await sync(B);
    await sync(A);
    expect((await notesOf(A)).get(note.id)).toEqual(note);
  });

  it('an article deleted with its notes on A goes on B too; its undo brings all back', async () => {
    const note = await highlight(A, 'on a page');
    await sync(A);
    await sync(B);
    const article = (await A.articles.where('url').equals(PAGE.url).first())!;
    const change = await deleteArticleChange(A, article.id, true);
    await sync(A);
    await sync(B);
    expect(await B.articles.count()).toBe(0);
    expect(await B.notes.count()).toBe(0);
    await undoChange(A, change.undo);
    await sync(A);
    await sync(B);
    expect(await B.articles.where('url').equals(PAGE.url).count()).toBe(1);
    expect((await notesOf(B)).get(note.id)).toEqual(note);
  });

  it('a page deleted and annotated again before a sync (a new local id, the same document) ends as one page on both', async () => {
    const old = await highlight(A, 'first time');
    await sync(A);
    await sync(B);
    await deleteArticleChange(A, (await A.articles.toCollection().first())!.id, true);
    const again = await highlight(A, 'second time');
    await sync(A);
    await sync(B);
    await sync(A);
    for (const db of [A, B]) {
      expect(await db.articles.where('url').equals(PAGE.url).count()).toBe(1);
      expect([...(await notesOf(db)).keys()]).toEqual([again.id]);
    }
    expect(old.id).not.toBe(again.id);
    expect(await pendingCount(A)).toBe(0);
  });

  it('a database emptied on the server (made again) gets the whole library again from the next sync', async () => {
    const note = await highlight(A, 'kept here');
    await sync(A);
    config = server.config(await server.createDb('again'));
    await updateNote(A, note.id, { note: 'edited since' });
    await sync(A);
    expect(await pendingCount(A)).toBe(0);
    await sync(B);
    expect((await notesOf(B)).get(note.id)).toMatchObject({ note: 'edited since' });
    // The page too, though it did not change: the new database had nothing.
    expect(await B.articles.toArray()).toEqual([expect.objectContaining({ url: PAGE.url, title: PAGE.title, byline: PAGE.byline })]);
    expect(await sync(A)).toEqual({ pushed: 0, pulled: 0, refused: 0, merged: 0 });
  });

  it('a tag renamed on A syncs as the notes it changed', async () => {
    const one = await addNote(A, PAGE, { kind: 'highlight', color: 'yellow', exact: 'one', selectors: [{ type: 'TextQuoteSelector', exact: 'one' }], tags: ['draft'] });
    const two = await addNote(A, PAGE, { kind: 'quote', color: 'blue', exact: 'two', selectors: [{ type: 'TextQuoteSelector', exact: 'two' }], tags: ['draft', 'final'] });
    await sync(A);
    await sync(B);
    await renameTagChange(A, 'draft', 'final');
    await sync(A);
    await sync(B);
    const onB = await notesOf(B);
    expect(onB.get(one.id)!.tags).toEqual(['final']);
    expect(onB.get(two.id)!.tags).toEqual(['final']);
  });

  it('both edit the same note offline: the later edit wins on both, the other is in its history', async () => {
    const note = await highlight(A, 'contested');
    await sync(A);
    await sync(B);
    await updateNote(A, note.id, { note: 'A wrote this first' });
    await new Promise((r) => setTimeout(r, 5));
    await updateNote(B, note.id, { note: 'B wrote this later', color: 'pink' });
    await sync(A);
    const onB = await sync(B);
    expect(onB.merged).toBe(1);
    await sync(A);
    const [a, b] = [(await notesOf(A)).get(note.id)!, (await notesOf(B)).get(note.id)!];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ note: 'B wrote this later', color: 'pink' });
    expect(a.history).toEqual([expect.objectContaining({ note: 'A wrote this first', color: 'yellow', reason: 'sync' })]);
    expect(await pendingCount(A)).toBe(0);
    expect(await pendingCount(B)).toBe(0);
  });

  it('edit on one, delete on the other: the note survives on both', async () => {
    const note = await highlight(A, 'survivor');
    await sync(A);
    await sync(B);
    await updateNote(A, note.id, { note: 'still needed' });
    await deleteNote(B, note.id);
    await sync(B); // the delete reaches the server first
    await sync(A); // the edit conflicts with it, and wins
    await sync(B);
    expect((await notesOf(A)).get(note.id)).toMatchObject({ note: 'still needed' });
    expect((await notesOf(B)).get(note.id)).toMatchObject({ note: 'still needed' });

    // The other order: the edit first, then a delete that never saw it.
    await updateNote(A, note.id, { note: 'edited again' });
    await deleteNote(B, note.id);
    await sync(A);
    await sync(B);
    await sync(A);
    expect((await notesOf(A)).get(note.id)).toMatchObject({ note: 'edited again' });
    expect((await notesOf(B)).get(note.id)).toMatchObject({ note: 'edited again' });
  });

  it('two browsers that annotated the same page before syncing end with one article and both notes', async () => {
    const mine = await highlight(A, 'from A');
    const theirs = await highlight(B, 'from B');
    await sync(A);
    await sync(B);
    await sync(A);
    for (const db of [A, B]) {
      expect(await db.articles.count()).toBe(1);
      expect([...(await notesOf(db)).keys()].sort()).toEqual([mine.id, theirs.id].sort());
    }
    const docs = (await serverDocs(config)).filter((d) => String(d._id).startsWith('article:'));
    expect(docs).toHaveLength(1);
  });
});

describe('pages, saved copies, settings', () => {
  it('a clipped page arrives with its saved copy and saved images; a colour name and a synced setting follow, a device setting does not', async () => {
    const image = { url: 'https://example.com/fig.png', type: 'image/png', data: new Blob(['png'], { type: 'image/png' }) };
    const article = await saveClip(
      A,
      { ...PAGE, html: '<p>Body <img src="https://example.com/fig.png"></p>', text: 'Body', wordCount: 1, readingMinutes: 1, excerpt: 'Body' },
      { saved: [image], leftOut: [{ url: 'https://example.com/big.png', reason: 'tooLarge' }] },
    );
    await setColorName(A, 'yellow', 'Idée');
    await setSetting(A, 'backupReminder', 'weekly');
    await setSetting(A, 'lastBackupAt', 12345);
    await sync(A);
    await sync(B);
    const there = (await B.articles.where('url').equals(PAGE.url).first())!;
    expect(there).toMatchObject({ title: PAGE.title, clippedAt: article.clippedAt, wordCount: 1, excerpt: 'Body' });
    expect(await B.bodies.get(there.id)).toEqual({
      id: there.id,
      html: '<p>Body <img src="https://example.com/fig.png"></p>',
      text: 'Body',
      images: [{ url: image.url, type: 'image/png', data: expect.any(Blob) }],
      imagesLeftOut: [{ url: 'https://example.com/big.png', reason: 'tooLarge' }],
    });
    expect(await getSettings(B)).toMatchObject({ colorNames: { yellow: 'Idée' }, backupReminder: 'weekly' });
    expect((await getSettings(B)).lastBackupAt).toBeUndefined();

    // Clipped again on B without its images: A's copy is replaced, and keeps the images A saved that the new copy still shows.
    await saveClip(B, { ...PAGE, html: '<p>New <img src="https://example.com/fig.png"></p>', text: 'New', wordCount: 1, readingMinutes: 1 });
    await sync(B);
    await sync(A);
    expect(await A.bodies.get(article.id)).toMatchObject({ html: '<p>New <img src="https://example.com/fig.png"></p>', text: 'New', images: [expect.objectContaining({ url: image.url })] });
  });

  it('a note that comes before its page in the feed still arrives with its page, not a stand-in', async () => {
    // The feed lists a document at its last change: the page, tagged after its note was made, comes after it.
    const note = await highlight(A, 'early');
    await sync(A);
    await changeArticleTags(A, (await A.articles.toCollection().first())!.id, { add: ['later'] });
    await sync(A);
    const stop = new AbortController();
    const pages: string[][] = [];
    const firstPageOnly: typeof fetch = async (input, init) => {
      if (String(input).includes('_changes') && pages.length) stop.abort(new Error('enough'));
      const res = await fetch(input, init);
      if (String(input).includes('_changes')) pages.push(((await res.clone().json()) as { results: Array<{ id: string }> }).results.map((r) => r.id));
      return res;
    };
    await expect(sync(B, { batch: 1, signal: stop.signal, fetchFn: firstPageOnly })).rejects.toThrow('enough');
    expect(pages[0]).toEqual([noteDocId(note.id)]);
    expect((await notesOf(B)).get(note.id)).toEqual(note);
    expect(await B.articles.toArray()).toEqual([expect.objectContaining({ url: PAGE.url, title: PAGE.title, byline: PAGE.byline, tags: ['later'] })]);
  });
});

describe('interrupted and resumed', () => {
  const MANY = 2_000;

  async function manyNotes(db: VerbatimDb): Promise<void> {
    const t = Date.now();
    const notes: Note[] = Array.from({ length: MANY }, (_, i) => ({
      id: `bulk-${String(i).padStart(5, '0')}`,
      url: PAGE.url,
      kind: 'highlight',
      color: 'green',
      exact: `passage ${i}`,
      selectors: [{ type: 'TextQuoteSelector', exact: `passage ${i}` }],
      note: '',
      tags: [],
      createdAt: t,
      updatedAt: t,
    }));
    await db.transaction('rw', db.notes, db.articles, async () => {
      await db.articles.add({ id: 'page', url: PAGE.url, title: PAGE.title, tags: [], createdAt: t, updatedAt: t });
      await db.notes.bulkAdd(notes);
    });
  }

  it('aborted in the middle of a pull of 2,000 notes, then resumed: every note once', async () => {
    await manyNotes(A);
    expect(await sync(A)).toMatchObject({ pushed: MANY + 1 });
    const stop = new AbortController();
    let pages = 0;
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('_changes') && ++pages === 3) stop.abort(new Error('closed'));
      return res;
    };
    await expect(sync(B, { batch: 300, signal: stop.signal, fetchFn: counting })).rejects.toThrow();
    const partial = await B.notes.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(MANY);
    const resumed = await sync(B, { batch: 300 });
    expect(await B.notes.count()).toBe(MANY);
    expect(await B.articles.count()).toBe(1);
    // Resumed from the checkpoint: what was stored is not fetched again.
    expect(resumed.pulled).toBeLessThanOrEqual(MANY + 1 - partial + 300);
    expect(await pendingCount(B)).toBe(0);
  });

  it('a pull tells open pages which notes it wrote, by key, never as the whole table (they read back only those)', async () => {
    await manyNotes(A);
    await sync(A);
    // What Dexie tells every page of the extension after each committed transaction: a part per
    // table and index, a tree of key ranges. A range wider than one key makes the side panel compare
    // all its keys again (utils/db/live-library.ts), which held its search while a sync ran (#15).
    const named = new Set<string>();
    let ranges = 0;
    const heard = (parts: Record<string, unknown>) => {
      const part = parts[`idb://${B.name}/notes/`];
      for (const stack = [part]; stack.length; ) {
        const node = stack.pop() as { from?: unknown; to?: unknown; l?: unknown; r?: unknown; d?: number } | undefined;
        if (!node || node.d === 0 || !('from' in node)) continue;
        if (typeof node.from === 'string' && node.from === node.to) named.add(node.from);
        else ranges++;
        stack.push(node.l, node.r);
      }
    };
    await B.open(); // creating a database tells pages every table changed
    Dexie.on('storagemutated', heard);
    try {
      await sync(B, { batch: 500 });
    } finally {
      Dexie.on('storagemutated').unsubscribe(heard);
    }
    expect(await B.notes.count()).toBe(MANY);
    expect(ranges).toBe(0);
    expect(named.size).toBe(MANY);
  });

  it('a push the server took but whose answer was lost is not sent twice and leaves no history', async () => {
    const notes = [await highlight(A, 'one'), await highlight(A, 'two')];
    const stop = new AbortController();
    const loseAnswer: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes('_bulk_docs')) {
        await res.arrayBuffer();
        stop.abort(new Error('closed'));
        throw new TypeError('network error');
      }
      return res;
    };
    await expect(sync(A, { signal: stop.signal, fetchFn: loseAnswer })).rejects.toThrow();
    expect(await pendingCount(A)).toBe(3);
    const again = await sync(A);
    expect(again.pushed).toBe(0);
    expect(await pendingCount(A)).toBe(0);
    await sync(B);
    for (const db of [A, B]) for (const note of notes) expect((await notesOf(db)).get(note.id)).toEqual(note);
    expect((await serverDocs(config)).filter((d) => String(d._id).startsWith('note:')).map((d) => d._rev as string).every((rev) => rev.startsWith('1-'))).toBe(true);
  });

  it('the connection cut mid-answer, then resumed: every note once', async () => {
    await manyNotes(A);
    await sync(A);
    const proxy = await faultProxy(config.url);
    try {
      const via = { ...config, url: proxy.url };
      let pages = 0;
      const cutThird: typeof fetch = (input, init) => {
        if (String(input).includes('_changes') && ++pages === 3) proxy.mode('cut', { only: /_changes/, times: 1 });
        return fetch(input, init);
      };
      await expect(sync(B, { batch: 400, cfg: via, fetchFn: cutThird })).rejects.toThrow();
      const partial = await B.notes.count();
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(MANY);
      await sync(B, { batch: 400, cfg: via });
      expect(await B.notes.count()).toBe(MANY);
      const ids = (await B.notes.toCollection().primaryKeys()).map(String);
      expect(new Set(ids).size).toBe(MANY);
    } finally {
      await proxy.close();
    }
  });
});

describe('clocks', () => {
  it('a device whose clock is a year ahead does not win an edit made after its version was seen', async () => {
    const note = await highlight(A, 'timeless');
    await sync(A);
    await sync(B);
    // B's clock is a year ahead: its edit is stamped a year ahead, and sent so; its sync
    // measures the server's clock, and B's stamps are corrected from then on.
    const YEAR = 365 * 24 * 3600 * 1000;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + YEAR });
    await updateNote(B, note.id, { note: 'from the future' });
    await sync(B);
    expect((await readMeta(B)).offset).toBeLessThan(-YEAR + 60_000);
    vi.useRealTimers();
    await sync(A);
    expect((await notesOf(A)).get(note.id)!.note).toBe('from the future');
    // A has seen it: its next edit, made with its right clock, is later in sync order.
    await updateNote(A, note.id, { note: 'written after reading it' });
    await sync(A);
    await sync(B);
    for (const db of [A, B]) expect((await notesOf(db)).get(note.id)!.note).toBe('written after reading it');
  });
});

describe('the clock offset', () => {
  it('is stored when measured, and again only when it moves by a second or more (the Date header counts seconds)', async () => {
    const offsets = [5_000, 5_400, 4_600, 3_900, 7_000];
    let i = -1;
    const client = { ...createClient(config), clockOffset: () => offsets[i] };
    const run = makeRun({ db: B, client, sealer: plain, batch: 10 });
    const seen: number[] = [];
    for (i = 0; i < offsets.length; i++) {
      await run.measured();
      seen.push((await readMeta(B)).offset);
    }
    expect(seen).toEqual([5_000, 5_000, 5_000, 3_900, 7_000]);
  });
});

describe('what the server sends is checked', () => {
  it('documents that fail validation are refused and counted, nothing local changes, the valid ones arrive', async () => {
    const kept = await highlight(B, 'mine to keep', PAGE, 'untouched');
    await sync(B);
    const valid = await highlight(A, 'valid', { url: 'https://example.com/other', title: 'Other' });
    await sync(A);
    const rev = (await serverDocs(config)).find((d) => d._id === noteDocId(kept.id))!._rev as string;
    const hlc = `${String(Date.now() + 1000).padStart(15, '0')}:00000:evil`;
    await putRaw(config, { ...toDoc('note', noteDocId(kept.id), { hlc }, { ...kept, note: 42 } as unknown as Note), _rev: rev });
    await putRaw(config, { ...toDoc('note', 'note:huge', { hlc }, { ...kept, id: 'huge', note: 'x'.repeat(10_000_000) }) });
    await putRaw(config, { _id: 'note:garbage', type: 'note', hlc: 'soon', v: 1, data: '<script>alert(1)</script>' });
    await putRaw(config, { ...toDoc('note', 'note:typed', { hlc }, { ...kept, id: 'typed', color: 'octarine' } as unknown as Note) });

    const marked = { ...kept, id: 'marked', note: '<img src=x onerror="alert(1)"><b>bold</b>' };
    await putRaw(config, { ...toDoc('note', 'note:marked', { hlc }, marked) });

    const result = await sync(B);
    expect(result.refused).toBe(4);
    expect((await notesOf(B)).get(kept.id)).toEqual(kept);
    expect((await notesOf(B)).get(valid.id)).toEqual(valid);
    // Markup in a note is its text, as in an import: stored as written, never rendered as HTML.
    expect((await notesOf(B)).get('marked')!.note).toBe(marked.note);
    expect(await B.notes.count()).toBe(3);
  });

  it.each([
    ['401', 'unauthorized'],
    ['500', 'server'],
    ['garbage', 'badResponse'],
  ] as const)('a server answering %s stops the sync with %s, nothing local changed, and the next sync completes', async (mode, code) => {
    const note = await highlight(A, 'waiting');
    const proxy = await faultProxy(config.url);
    try {
      const via = { ...config, url: proxy.url };
      proxy.mode(mode, { only: /_bulk_docs/ });
      await expect(sync(A, { cfg: via })).rejects.toMatchObject({ code });
      expect((await notesOf(A)).get(note.id)).toEqual(note);
      expect(await pendingCount(A)).toBe(2);
      proxy.mode('pass');
      await sync(A, { cfg: via });
      expect(await pendingCount(A)).toBe(0);
      await sync(B);
      expect((await notesOf(B)).get(note.id)).toEqual(note);
    } finally {
      await proxy.close();
    }
  });
});

describe('encrypted', () => {
  it('the server holds no note text; B with the passphrase reads everything', async () => {
    const secret = 'une phrase très secrète';
    const note = await highlight(A, secret, PAGE, 'my private thought');
    const onA = await unlockEncryption(createClient(config), 'correct horse battery staple');
    await sync(A, { sealer: onA.sealer });
    const raw = JSON.stringify(await serverDocs(config));
    for (const text of [secret, 'my private thought', PAGE.url, PAGE.title]) expect(raw).not.toContain(text);

    const onB = await unlockEncryption(createClient(config), 'correct horse battery staple');
    expect(onB.created).toBe(false);
    expect(await sync(B, { sealer: onB.sealer })).toMatchObject({ refused: 0 });
    expect((await notesOf(B)).get(note.id)).toEqual(note);
    expect(await B.articles.where('url').equals(PAGE.url).count()).toBe(1);

    // A third browser set up without the passphrase sends nothing in clear to the encrypted library.
    const C = device();
    await highlight(C, 'written in clear');
    await expect(sync(C)).rejects.toMatchObject({ code: 'encryptionMismatch' });
    expect(JSON.stringify(await serverDocs(config))).not.toContain('written in clear');
  });
});
