/**
 * One sync's shared state (issue #15): the database, the server, the sealer, the counts, and
 * how a document from the server is opened and checked before anything uses it.
 */
import type { VerbatimDb } from '../db/schema';
import { setClockOffset } from '../db/tracking';
import { SyncFailure, type CouchClient, type CouchDoc } from './couch';
import type { Sealer } from './crypto';
import { fromDoc, jsonBytes, MAX_BODY_DOC_BYTES, type FromDoc } from './docs';
import type { SyncErrorCode } from './types';

/** What one pulled batch holds of fetched images in memory at most (past one body's): a few clips' worth. */
const IMAGE_BYTES = 32 * 1024 * 1024;

export interface SyncCounts {
  /** Documents the server took from this device. */
  pushed: number;
  /** Server versions stored here (merges included). */
  pulled: number;
  /** Server documents that failed validation: skipped, nothing local changed. */
  refused: number;
  /** Records changed on both sides, merged (utils/sync/merge.ts). */
  merged: number;
}

export interface Run {
  db: VerbatimDb;
  client: CouchClient;
  sealer: Sealer;
  signal?: AbortSignal;
  batch: number;
  /** Image bytes one pulled batch fetches before it is cut short and stored (the rest comes in the next). */
  imageBytes: number;
  counts: SyncCounts;
  /** Stores the clock offset the client measured from the server's last answer. */
  measured(): Promise<void>;
  /** Stops the sync with this error. */
  fail(code: SyncErrorCode, detail?: string): never;
}

export function makeRun(opts: { db: VerbatimDb; client: CouchClient; sealer: Sealer; signal?: AbortSignal | undefined; batch: number; imageBytes?: number | undefined }): Run {
  /** The clock offset this run last stored. */
  let stored: number | undefined;
  const run: Run = {
    db: opts.db,
    client: opts.client,
    sealer: opts.sealer,
    batch: opts.batch,
    imageBytes: opts.imageBytes ?? IMAGE_BYTES,
    counts: { pushed: 0, pulled: 0, refused: 0, merged: 0 },
    async measured() {
      const offset = opts.client.clockOffset();
      if (offset === undefined || !Number.isFinite(offset)) return;
      // The server's Date header counts whole seconds: an offset within a second of the one this
      // run stored says nothing new, and each write is a transaction of its own (two a batch).
      if (stored !== undefined && Math.abs(offset - stored) < 1_000) return;
      await setClockOffset(opts.db, offset);
      stored = offset;
    },
    fail(code, detail) {
      throw new SyncFailure(code, detail);
    },
  };
  if (opts.signal) run.signal = opts.signal;
  return run;
}

/** Ids of the documents Verbatim syncs (not design documents, not the key check). */
export const isRecordId = (id: string) => /^(note|article|body|setting|project|review):/.test(id);

/**
 * A document from the server, opened (decrypted when the library is) and checked, or why it is
 * refused (a document in clear in an encrypted library among them). An article's or a body's id must be the one its page's URL gives: a document cannot
 * claim a page under another page's id.
 */
export async function openDoc(run: Run, raw: CouchDoc): Promise<FromDoc> {
  const docId = typeof raw._id === 'string' ? raw._id.slice(0, 200) : undefined;
  const refuse = (refused: string): FromDoc => (docId === undefined ? { refused } : { refused, docId });
  // Sealed text is base64 of the JSON: a third larger. Anything past that is refused before any work.
  if (jsonBytes(raw) > (MAX_BODY_DOC_BYTES * 4) / 3 + 1_000) return refuse('too large');
  let opened: unknown;
  try {
    opened = await run.sealer.open(raw);
  } catch (error) {
    // An encrypted library and this device without its key: stop, rather than refuse it all one by one.
    if (error instanceof SyncFailure && error.code === 'encryptionMismatch' && !run.sealer.encrypted) throw error;
    return refuse(`cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof opened !== 'object' || opened === null) return refuse('not a document');
  const checked = fromDoc({ ...opened, _id: raw._id, _rev: raw._rev });
  if ('refused' in checked || (checked.kind !== 'article' && checked.kind !== 'body')) return checked;
  if (checked.docId !== (await run.sealer.idOf(checked.kind, checked.url!))) return refuse(`not the id of its page ${checked.url}`);
  return checked;
}
