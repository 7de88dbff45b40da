/**
 * The sync engine (issue #15): one sync of this device's library with the user's CouchDB
 * database. Runs in the background only (utils/services calls it, one at a time); pure of
 * extension APIs, so the tests run it in Node against a real server. Design: docs/sync.md.
 */
import { isStorageFull } from '../domain/storage-full';
import type { VerbatimDb } from '../db/schema';
import { readMeta } from '../db/tracking';
import { SyncFailure, type CouchClient } from './couch';
import { expectPlain, type Sealer } from './crypto';
import { pull, startingPoint } from './pull';
import { push } from './push';
import { makeRun, type SyncCounts } from './run';

export type { SyncCounts };

export interface SyncOptions {
  db: VerbatimDb;
  client: CouchClient;
  /** Seals documents going up and opens those coming down: `plainSealer()` or the library's key. */
  sealer: Sealer;
  /** Stops the sync between two requests (and aborts the one under way): what was stored stays, the next sync resumes. */
  signal?: AbortSignal;
  /** Documents per request, both ways; default 500. */
  batch?: number;
  /** Image bytes a pulled batch fetches before it is stored and the rest left to the next; default 32 MB. */
  imageBytes?: number;
}

const BATCH = 500;

/**
 * Sends this device's changes, then receives the others' from its checkpoint, then sends what
 * receiving merged. Every failure is a {@link SyncFailure} (an abort throws the signal's
 * reason); what was done before it stays done.
 */
export async function syncOnce(opts: SyncOptions): Promise<SyncCounts> {
  const run = makeRun({ db: opts.db, client: opts.client, sealer: opts.sealer, signal: opts.signal, batch: Math.max(1, opts.batch ?? BATCH), imageBytes: opts.imageBytes });
  try {
    const meta = await readMeta(opts.db);
    // A device without the key must not send its library in clear to an encrypted one.
    if (!opts.sealer.encrypted) await expectPlain(opts.client);
    const since = await startingPoint(run, meta.device);
    await push(run);
    await pull(run, meta.device, since);
    // A change made here that met a newer one from the server was merged while pulling: send the merge.
    await push(run);
    return run.counts;
  } catch (error) {
    if (error instanceof SyncFailure || opts.signal?.aborted) throw error;
    if (isStorageFull(error)) throw new SyncFailure('storageFull', error instanceof Error ? error.message : undefined);
    throw error;
  }
}
