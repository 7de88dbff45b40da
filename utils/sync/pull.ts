/**
 * Receiving the other devices' changes (issue #15): the server's `_changes` feed from this
 * device's checkpoint, in batches; each document opened and checked (refused ones skipped and
 * counted, nothing local changed), each batch stored in one transaction together with the local
 * copy of the checkpoint, then the checkpoint saved on the server. An interrupted sync resumes
 * from the last batch stored, and a version stored twice changes nothing: no loss, no duplicate.
 */
import type { Table } from 'dexie';
import type { Note } from '../domain/model';
import { applyRemote, flushLog } from '../db/tracking';
import type { SyncRow } from './types';
import { storeIncoming } from './apply';
import type { Incoming } from './docs';
import { attachImages, imageKey } from './images';
import { isRecordId, openDoc, type Run } from './run';

const CHECKPOINT = '~checkpoint';
/** The local copy of the checkpoint, a row of the `sync` table. */
interface CheckpointRow {
  key: typeof CHECKPOINT;
  seq: string | number;
}

/** The checkpoint document of a device on the server. */
export const checkpointId = (device: string) => `verbatim-${device}`;

/** Pulls every change since `since` (from {@link startingPoint}; counted in `run.counts`). */
export async function pull(run: Run, device: string, since: string | number): Promise<void> {
  for (;;) {
    run.signal?.throwIfAborted();
    const page = await run.client.changes(since, run.batch, run.signal);
    await run.measured();
    // Nothing new (the usual answer): no transaction, no checkpoint to write.
    if (!page.results.length && String(page.last_seq) === String(since)) return;
    const incoming: Incoming[] = [];
    // Where in the page each version and each refusal was: a batch cut short counts only its own.
    const at: number[] = [];
    const refused: number[] = [];
    for (const [i, change] of page.results.entries()) {
      const doc = change.doc;
      // Only our documents: not design documents, the encryption key check, or CouchDB deletions (ours are live tombstones).
      if (!doc || !isRecordId(change.id) || change.deleted || doc._deleted) continue;
      const opened = await openDoc(run, doc);
      if ('refused' in opened) refused.push(i);
      else {
        incoming.push(opened);
        at.push(i);
      }
    }
    const pages = await missingPages(run, incoming);
    // Bodies' images this device lacks, fetched before the transaction (no request may wait
    // inside it); past the memory budget, the page is stored up to there and read on from there.
    const done = await attachImages(run, incoming);
    const cut = done < incoming.length ? at[done]! : page.results.length;
    const seq = cut < page.results.length ? page.results[cut - 1]!.seq : page.last_seq;
    incoming.length = done;
    run.counts.refused += refused.filter((i) => i < cut).length;
    run.signal?.throwIfAborted();
    const stored = await applyRemote(run.db, async () => {
      await checkpoints(run).put({ key: CHECKPOINT, seq });
      return storeIncoming(run.db, [...pages, ...incoming]);
    });
    run.counts.pulled += stored.applied;
    run.counts.merged += stored.merged;
    since = seq;
    await saveCheckpoint(run, device, since);
    if (cut === page.results.length && page.results.length < run.batch) return;
  }
}

const checkpoints = (run: Run) => run.db.sync as unknown as Table<CheckpointRow, string>;

async function saveCheckpoint(run: Run, device: string, seq: string | number): Promise<void> {
  await run.client.putLocal(checkpointId(device), { seq }, run.signal);
  await run.measured();
}

/**
 * The articles of the pages that this batch's notes and bodies are on and this device does not
 * have yet, fetched from the server: `_changes` lists a document at its last change, so a page
 * edited after its notes were made comes after them.
 */
async function missingPages(run: Run, incoming: readonly Incoming[]): Promise<Incoming[]> {
  const inBatch = new Set(incoming.flatMap((inc) => (inc.kind === 'article' && inc.url ? [inc.url] : [])));
  const wanted = new Set<string>();
  for (const inc of incoming) {
    if (inc.deleted) continue;
    const url = inc.kind === 'body' ? inc.url : inc.kind === 'note' ? (inc.record as Note).url : undefined;
    if (url !== undefined && !inBatch.has(url)) wanted.add(url);
  }
  if (!wanted.size) return [];
  const stored = new Set((await run.db.articles.where('url').anyOf([...wanted]).keys()).map(String));
  const urls = [...wanted].filter((url) => !stored.has(url));
  if (!urls.length) return [];
  const ids = await Promise.all(urls.map((url) => run.sealer.idOf('article', url)));
  const found = await run.client.bulkGet(ids, run.signal);
  await run.measured();
  const pages: Incoming[] = [];
  for (const raw of found) {
    if (!raw) continue;
    const opened = await openDoc(run, raw);
    // A refused page is counted when the feed brings it; a note without its page gets a minimal one.
    if (!('refused' in opened) && !opened.deleted) pages.push(opened);
  }
  return pages;
}

/**
 * Where this sync's pull starts, read before anything is sent: the checkpoint on the server
 * when this device has its local copy too (the server's is written after the batch is stored
 * here, so it is never ahead of what this device holds; at worst a batch is read again, a
 * no-op). Without the local copy, from the start: a library restored here compares every
 * version again. Without the server's although this device has pulled before, the database was
 * emptied or made again, or the setup now names another: every record here is then waiting to
 * be sent again, as new (the revisions it was based on are not there), tombstones of what that
 * database never had are dropped, and the pull starts from the beginning.
 */
export async function startingPoint(run: Run, device: string): Promise<string | number> {
  const [local, remote] = await Promise.all([checkpoints(run).get(CHECKPOINT), run.client.getLocal(checkpointId(device), run.signal)]);
  await run.measured();
  if (!local) return 0;
  const seq = (remote as { seq?: unknown } | undefined)?.seq;
  if (typeof seq === 'string' || typeof seq === 'number') return seq;
  await flushLog(run.db);
  await run.db.transaction('rw', run.db.sync, async () => {
    const rows = await run.db.sync.where('key').between('\u0000', '~', true, false).toArray();
    const again: SyncRow[] = [];
    const gone: string[] = [];
    for (const row of rows) {
      if (row.deleted) gone.push(row.key);
      else again.push({ key: row.key, hlc: row.hlc, dirty: row.hlc });
    }
    await run.db.sync.bulkPut(again);
    // Images this device put there are not there either: sent again with their bodies.
    const images = await run.db.sync.where('key').startsWith(imageKey('')).primaryKeys();
    await run.db.sync.bulkDelete([...gone, ...images, CHECKPOINT]);
  });
  return 0;
}
