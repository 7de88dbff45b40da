/**
 * Sending this device's changes (issue #15): the outbox (`sync` rows marked dirty), oldest
 * first, in batches, each document with the revision it was based on. What the server took is
 * marked sent; a conflict (the server moved on since our base) fetches the server's version,
 * merges, stores the merge here (dirty again, based on the server's revision) and sends again.
 */
import type { Table } from 'dexie';
import type { VerbatimDb } from '../db/schema';
import { applyRemote, markSent, parseSyncKey, pendingRows, type SyncedTable } from '../db/tracking';
import { jsonBytes, KIND_OF_TABLE, maxBytesOf, ownDocId, toDoc, type BodyRecord, type Incoming, type SyncDoc, type SyncRecord } from './docs';
import { storeIncoming, urlKey } from './apply';
import { attachImages, imagesOf, pushImages, type Upload } from './images';
import { openDoc, type Run } from './run';
import type { SyncRow } from './types';

/** Rounds of conflicts one sync resolves before leaving the rest for the next (a server another device keeps writing to). */
const MAX_CONFLICT_ROUNDS = 10;

/** Sends every change waiting here (counted in `run.counts.pushed`, merges in `merged`). */
export async function push(run: Run): Promise<void> {
  let conflictRounds = 0;
  for (;;) {
    run.signal?.throwIfAborted();
    const rows = await pendingRows(run.db, run.batch);
    if (!rows.length) return;
    const { docs, unsent } = await buildDocs(run, rows);
    await settle(run.db, unsent);
    if (!docs.length) continue;

    // A body's images go first, each its own document: a device that sees the body finds them.
    for (const { doc, images } of docs) if (images) await pushImages(run, images.articleId, images.pageUrl, doc.hlc, images.uploads);
    const sealed = await Promise.all(docs.map(({ doc }) => run.sealer.seal(doc)));
    run.signal?.throwIfAborted();
    const results = await run.client.bulkDocs(sealed, run.signal);
    await run.measured();
    // CouchDB answers in the order of the documents sent, but pouchdb-server on disk does not
    // always (seen under load): results are matched by id, which a batch never holds twice.
    const byId = new Map(results.map((r) => [r.id, r]));
    if (results.length !== docs.length || byId.size !== docs.length || docs.some(({ doc }) => !byId.has(doc._id))) run.fail('badResponse', '_bulk_docs: results do not match the documents sent');
    const sent: Array<{ key: string; hlc: string; rev: string }> = [];
    const conflicts: SyncRow[] = [];
    for (const { row, doc } of docs) {
      const r = byId.get(doc._id)!;
      if (r.rev && !r.error) sent.push({ key: row.key, hlc: row.hlc, rev: r.rev });
      else if (r.error === 'conflict') conflicts.push(row);
      else run.fail(r.error === 'forbidden' || r.error === 'unauthorized' ? r.error : 'server', `${r.id}: ${r.error ?? 'no revision'}${r.reason ? ` (${r.reason})` : ''}`);
    }
    if (sent.length) await markSent(run.db, sent);
    run.counts.pushed += sent.length;
    if (conflicts.length) {
      if (++conflictRounds > MAX_CONFLICT_ROUNDS) return;
      await resolve(run, conflicts, docs);
    }
  }
}

interface Outgoing {
  row: SyncRow;
  doc: SyncDoc;
  /** A body's images to put (none for its tombstone: they are deleted). */
  images?: { articleId: string; pageUrl: string; uploads?: Upload[] };
}

/**
 * The documents for these rows: the record as stored now (a write since the row was read has its
 * own newer row, and is sent later), or a tombstone when it is gone. Rows with nothing to send
 * come back apart: a tombstone of what the server never had, a record past the size the server
 * and the other devices accept (it stays on this device).
 */
async function buildDocs(run: Run, rows: readonly SyncRow[]): Promise<{ docs: Outgoing[]; unsent: SyncRow[] }> {
  const { db } = run;
  const docs: Outgoing[] = [];
  const unsent: SyncRow[] = [];
  const urls = db.sync as unknown as Table<{ key: string; url: string }, string>;
  const remember: Array<{ key: string; url: string }> = [];
  const ids = new Set<string>();
  const records = await readRecords(db, rows);
  // The pages of articles and bodies no longer stored, for their tombstones.
  const goneIds = rows.flatMap((row, i) => {
    const where = parseSyncKey(row.key);
    return where && (where.table === 'articles' || where.table === 'bodies') && !records[i] ? [where.id] : [];
  });
  const goneUrls = new Map((await urls.bulkGet(goneIds.map(urlKey))).flatMap((r, i) => (r ? [[goneIds[i]!, r.url] as const] : [])));
  for (const [i, row] of rows.entries()) {
    const where = parseSyncKey(row.key);
    const record = records[i];
    if (!where || (!record && row.rev === undefined)) {
      unsent.push(row);
      continue;
    }
    const kind = KIND_OF_TABLE[where.table];
    let docId: string;
    let pageUrl: string | undefined;
    if (kind !== 'article' && kind !== 'body') docId = ownDocId(kind, where.id);
    else {
      pageUrl = (record as { url?: string } | undefined)?.url ?? goneUrls.get(where.id);
      if (pageUrl === undefined) {
        unsent.push(row);
        continue;
      }
      if (record) remember.push({ key: urlKey(where.id), url: pageUrl });
      docId = await run.sealer.idOf(kind, pageUrl);
    }
    // A page deleted and made again under a new id before a sync: two rows, one document. The
    // later waits for the next batch, based on what the first one leaves on the server.
    if (ids.has(docId)) continue;
    const doc = toDoc(kind, docId, row, record, record ? undefined : pageUrl);
    let images: Outgoing['images'];
    if (kind === 'body') {
      images = { articleId: where.id, pageUrl: pageUrl! };
      if (record) {
        const { uploads, leftOut } = await imagesOf(record as BodyRecord);
        const data = doc.data as BodyRecord;
        doc.data = { ...data, images: uploads.map((u) => u.ref), ...(leftOut.length || data.imagesLeftOut ? { imagesLeftOut: [...(data.imagesLeftOut ?? []), ...leftOut] } : {}) };
        images.uploads = uploads;
      }
    }
    if (jsonBytes(doc) > maxBytesOf(kind)) {
      unsent.push(row);
      continue;
    }
    ids.add(docId);
    docs.push(images ? { row, doc, images } : { row, doc });
  }
  if (remember.length) await urls.bulkPut(remember);
  return { docs, unsent };
}

/** The records of these rows as stored now (a body with its page's URL); undefined for a tombstone or a record gone. */
async function readRecords(db: VerbatimDb, rows: readonly SyncRow[]): Promise<Array<SyncRecord | undefined>> {
  const wanted: Record<SyncedTable, string[]> = { notes: [], articles: [], bodies: [], settings: [], projects: [], reviews: [] };
  const where = rows.map((row) => (row.deleted ? undefined : parseSyncKey(row.key)));
  for (const w of where) if (w) wanted[w.table].push(w.id);
  const [notes, articles, bodies, settings, pages, projects, reviews] = await Promise.all([
    db.notes.bulkGet(wanted.notes),
    db.articles.bulkGet(wanted.articles),
    db.bodies.bulkGet(wanted.bodies),
    db.settings.bulkGet(wanted.settings),
    db.articles.bulkGet(wanted.bodies),
    db.projects.bulkGet(wanted.projects),
    db.reviews.bulkGet(wanted.reviews),
  ]);
  const found: Record<SyncedTable, Array<SyncRecord | undefined>> = {
    notes,
    articles,
    settings,
    projects,
    reviews,
    bodies: bodies.map((body, i) => {
      const page = pages[i];
      return body && page ? { ...body, url: page.url } : undefined;
    }),
  };
  const next: Record<SyncedTable, number> = { notes: 0, articles: 0, bodies: 0, settings: 0, projects: 0, reviews: 0 };
  return where.map((w) => (w ? found[w.table][next[w.table]++] : undefined));
}

/**
 * Rows with nothing to send stop waiting, unless written again meanwhile: a tombstone the server
 * never had goes; a record left out stays, no longer dirty.
 */
async function settle(db: VerbatimDb, rows: readonly SyncRow[]): Promise<void> {
  if (!rows.length) return;
  await db.transaction('rw', db.sync, async () => {
    const now = await db.sync.bulkGet(rows.map((r) => r.key));
    for (const [i, row] of rows.entries()) {
      const current = now[i];
      if (!current || current.hlc !== row.hlc) continue;
      if (current.deleted && current.rev === undefined) await db.sync.delete(row.key);
      else {
        const { dirty: _sent, ...rest } = current;
        await db.sync.put(rest);
      }
    }
  });
}

/**
 * The server refused these rows' documents as conflicts: fetch its versions, merge each with
 * ours, store the merges (those that must go back stay dirty, based on the server's revision).
 * A server version that fails validation is replaced by ours at the next send.
 */
async function resolve(run: Run, rows: readonly SyncRow[], docs: readonly Outgoing[]): Promise<void> {
  const idOfKey = new Map(docs.map((d) => [d.row.key, d.doc._id]));
  const ids = rows.map((r) => idOfKey.get(r.key)!);
  const found = await run.client.bulkGet(ids, run.signal);
  await run.measured();
  const incoming: Incoming[] = [];
  const rebase: Array<{ key: string; rev?: string }> = [];
  for (const [i, raw] of found.entries()) {
    // No such document (a database emptied or made again on the server): sent as new next time.
    if (!raw) {
      rebase.push({ key: rows[i]!.key });
      continue;
    }
    const opened = await openDoc(run, raw);
    if ('refused' in opened) {
      if (typeof raw._rev === 'string') rebase.push({ key: rows[i]!.key, rev: raw._rev });
      continue;
    }
    incoming.push(opened);
  }
  await attachImages(run, incoming);
  const conflicts = { rows: new Map(rows.map((r, i) => [ids[i]!, r.key])), rebase };
  const stored = await applyRemote(run.db, () => storeIncoming(run.db, incoming, conflicts));
  run.counts.merged += stored.merged;
}
