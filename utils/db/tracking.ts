import type { DBCore, DBCoreMutateRequest, DBCoreRangeType, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Dexie, Middleware, Table } from 'dexie';
import { compareHlc, nextHlc } from '../domain/hlc';
import { SYNCED_SETTINGS, type Hlc, type SyncMeta, type SyncRow } from '../sync/types';
import type { VerbatimDb } from './schema';

/**
 * Change tracking for sync (issue #15): a DBCore middleware that writes, in the same
 * transaction as every write of a synced record, that record's row in the `sync` table (schema
 * v9): a new stamp, marked dirty (waiting to be sent), a tombstone for a delete. Being in the
 * same transaction, a write is never lost to sync and an aborted one leaves no row. Modelled on
 * dexie-cloud's createMutationTrackingMiddleware: the scope of read-write transactions grows by
 * `sync`, the mutation runs first and its successful keys are logged after it; upgrade
 * transactions are not ours and not tracked (v9 writes the rows of what was there).
 *
 * Writes the sync engine makes from the server's versions go through {@link applyRemote}: its
 * transaction is marked, nothing in it is stamped, and the engine writes the rows itself.
 */

/** The tables whose records sync, and the prefix of their sync keys. */
const TRACKED = { notes: 'note', articles: 'article', bodies: 'body', settings: 'setting' } as const;
export type SyncedTable = keyof typeof TRACKED;
const TABLE_OF = Object.fromEntries(Object.entries(TRACKED).map(([table, prefix]) => [prefix, table])) as Record<string, SyncedTable>;
const SYNCED = new Set<string>(SYNCED_SETTINGS);
const SYNC = 'sync';
const META = '~meta';
/** Below this, the measured offset between the server's clock and ours is noise (network, rounding): the clock is trusted. */
const OFFSET_TRUSTED = 60_000;
/** Keys written at once from which their rows are first looked for with one read of their range. */
const RANGE_READ_FROM = 16;

/** The sync key of a record (`note:<id>`…); undefined for what does not sync (another table, a setting of the device). */
export function syncKeyOf(table: string, primaryKey: unknown): string | undefined {
  const prefix = (TRACKED as Record<string, string>)[table];
  if (prefix === undefined || typeof primaryKey !== 'string') return undefined;
  if (table === 'settings' && !SYNCED.has(primaryKey)) return undefined;
  return `${prefix}:${primaryKey}`;
}

/** The table and primary key of a sync key; undefined for the rows of the device's own state (`~meta`…). */
export function parseSyncKey(key: string): { table: SyncedTable; id: string } | undefined {
  const colon = key.indexOf(':');
  const table = colon > 0 ? TABLE_OF[key.slice(0, colon)] : undefined;
  return table ? { table, id: key.slice(colon + 1) } : undefined;
}

/** A device id: 64 random bits in hex, the last part of every stamp this install makes. */
export function newDeviceId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The clock state of a device that has none yet (a new database: Dexie runs no upgrade for it). */
export const newMeta = (): SyncMeta => ({ key: META, device: newDeviceId(), offset: 0, last: '' });

/** The wall clock stamps are made at: the device's, corrected by the server's when they differ by more than noise. */
export const stampTime = (meta: SyncMeta): number => Date.now() + (Math.abs(meta.offset) > OFFSET_TRUSTED ? meta.offset : 0);

/** Transactions opened by {@link applyRemote}: what they write is the server's, already stamped. */
const remote = new WeakSet<object>();

/** What one read-write transaction knows: the device's clock state, read once and kept up to date. */
interface TxState {
  meta: Promise<SyncMeta>;
}

function trackingMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'verbatim-tracking',
    create(down) {
      // A database still being upgraded to v9 has no `sync` table: nothing to track into.
      if (!down.schema.tables.some((t) => t.name === SYNC)) return {};
      const syncTable = down.table(SYNC);
      const states = new WeakMap<DBCoreTransaction, TxState>();
      /** The read-write transactions made through this stack over a synced table: the ones tracked. */
      const ours = new WeakSet<DBCoreTransaction>();

      const stateOf = (trans: DBCoreTransaction): TxState => {
        let state = states.get(trans);
        if (!state) {
          const meta = syncTable.get({ trans, key: META }).then((m: SyncMeta | undefined) => (m ? { ...m } : newMeta()));
          state = { meta };
          states.set(trans, state);
        }
        return state;
      };

      /**
       * The rows of these keys. Many keys: first one read of the key range they span, at most
       * twice as many rows as keys, which is all of it when the range holds few other rows (an
       * import into a new or small library: one request instead of one per key, the most of
       * tracking's cost there); a crowded range (a thousand notes of a library of fifty
       * thousand) is then read by key, the probe costing less than a third of that.
       */
      async function readRows(trans: DBCoreTransaction, keys: readonly string[]): Promise<Array<SyncRow | undefined>> {
        if (keys.length >= RANGE_READ_FROM) {
          let lower = keys[0]!;
          let upper = keys[0]!;
          for (const k of keys) {
            if (k < lower) lower = k;
            else if (k > upper) upper = k;
          }
          const limit = keys.length * 2;
          const range = { type: 2 as DBCoreRangeType.Range, lower, upper, lowerOpen: false, upperOpen: false };
          const { result } = await syncTable.query({ trans, values: true, limit, query: { index: syncTable.schema.primaryKey, range } });
          if (result.length < limit) {
            const byKey = new Map((result as SyncRow[]).map((r) => [r.key, r]));
            return keys.map((k) => byKey.get(k));
          }
        }
        return syncTable.getMany({ trans, keys: [...keys] });
      }

      /** Writes the rows of these records (keys as the table has them), after their write succeeded. */
      async function track(table: SyncedTable, trans: DBCoreTransaction, keys: readonly unknown[], deleted: boolean): Promise<void> {
        const syncKeys: string[] = [];
        for (const k of keys) {
          const key = syncKeyOf(table, k);
          if (key !== undefined) syncKeys.push(key);
        }
        if (syncKeys.length === 0) return;
        const [meta, rows] = await Promise.all([stateOf(trans).meta, readRows(trans, syncKeys)]);
        const now = stampTime(meta);
        const out: Array<SyncRow | SyncMeta> = [];
        for (let i = 0; i < syncKeys.length; i++) {
          const prev = rows[i];
          // Deleting what has no row (a key never stored) or is already a tombstone sends nothing.
          if (deleted && (!prev || prev.deleted)) continue;
          // Above this record's stamp and every stamp seen here (a far-future version from the server included).
          const hlc: Hlc = nextHlc(prev && compareHlc(prev.hlc, meta.last) > 0 ? prev.hlc : meta.last || undefined, now, meta.device);
          meta.last = hlc;
          const row: SyncRow = { key: syncKeys[i]!, hlc, dirty: hlc };
          if (prev?.rev !== undefined) row.rev = prev.rev;
          if (deleted) row.deleted = true;
          out.push(row);
        }
        if (out.length === 0) return;
        // The meta as it is when this write is issued: writes run in order, so the last one holds the highest stamp.
        out.push({ ...meta });
        const res = await syncTable.mutate({ type: 'put', trans, values: out });
        if (res.numFailures) throw Object.values(res.failures)[0];
      }

      const succeeded = <T>(list: readonly T[], res: DBCoreMutateResponse) =>
        res.numFailures ? list.filter((_, i) => !res.failures[i]) : list;

      function trackedTable(table: SyncedTable, inner: DBCoreTable): DBCoreTable {
        return {
          ...inner,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            const { trans } = req;
            if (!ours.has(trans) || remote.has(trans)) return inner.mutate(req);
            if (req.type === 'deleteRange') {
              // The keys first, for their tombstones; then the range goes as it came.
              const found = await inner.query({ trans, values: false, query: { index: inner.schema.primaryKey, range: req.range } });
              const res = await inner.mutate(req);
              if (!res.numFailures) await track(table, trans, found.result, true);
              return res;
            }
            const res = await inner.mutate(req);
            const keys = req.type === 'delete' ? req.keys : (res.results ?? []);
            await track(table, trans, succeeded(keys, res), req.type === 'delete');
            return res;
          },
        };
      }

      /**
       * The `sync` table, which keeps `~meta.last` at or above every stamp the engine stores from
       * the server (in {@link applyRemote}): the next local stamp is above them all, so an edit
       * made after seeing a far-ahead version wins over it.
       */
      function seenTable(inner: DBCoreTable): DBCoreTable {
        return {
          ...inner,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            const res = await inner.mutate(req);
            if (req.type !== 'put' || !ours.has(req.trans)) return res;
            let seen: Hlc | undefined;
            for (const row of req.values as Array<Partial<SyncRow & SyncMeta>>) {
              if (row.key === META && states.has(req.trans)) {
                // The meta written by the caller: what this transaction stamps next starts from it.
                const meta = await stateOf(req.trans).meta;
                Object.assign(meta, row, { last: compareHlc(meta.last, row.last) > 0 ? meta.last : row.last });
              } else if (remote.has(req.trans) && row.key !== META && typeof row.hlc === 'string' && compareHlc(row.hlc, seen) > 0) seen = row.hlc;
            }
            if (seen === undefined) return res;
            const meta = await stateOf(req.trans).meta;
            if (compareHlc(seen, meta.last) > 0) {
              meta.last = seen;
              await inner.mutate({ type: 'put', trans: req.trans, values: [{ ...meta }] });
            }
            return res;
          },
        };
      }

      return {
        transaction(stores, mode, options) {
          const touches = mode === 'readwrite' && stores.some((s) => s in TRACKED);
          const trans = down.transaction(touches && !stores.includes(SYNC) ? [...stores, SYNC] : stores, mode, options);
          // Only transactions made here are tracked (an upgrade's is not): state is read lazily, at the first write.
          if (touches) ours.add(trans);
          return trans;
        },
        table(name) {
          const inner = down.table(name);
          if (name === SYNC) return seenTable(inner);
          return name in TRACKED ? trackedTable(name as SyncedTable, inner) : inner;
        },
      };
    },
  };
}

/** Installs change tracking on a database: from its constructor, so every context that opens it tracks. */
export function installTracking(db: Dexie): void {
  db.use(trackingMiddleware());
}

/**
 * Runs `fn` in one read-write transaction over the synced tables and `sync`, in which nothing
 * is stamped: for the sync engine's writes of the server's versions, which are not local changes
 * to send back. The engine writes their sync rows itself (not dirty, with the server's rev and
 * stamp). Called inside another transaction, it would mark that one: call it on its own.
 */
export function applyRemote<T>(db: VerbatimDb, fn: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [db.notes, db.articles, db.bodies, db.settings, db.sync], (tx) => {
    remote.add(tx.idbtrans);
    return fn();
  });
}

/** The rows waiting to be sent, oldest change first, at most `limit`. */
export const pendingRows = (db: VerbatimDb, limit: number): Promise<SyncRow[]> => db.sync.orderBy('dirty').limit(limit).toArray();

/** How many records wait to be sent. */
export const pendingCount = (db: VerbatimDb): Promise<number> => db.sync.orderBy('dirty').count();

/**
 * Records what the server now holds: each row's new revision, and the row is no longer dirty
 * when its stamp is still the one sent. A row written again while the push was on the way keeps
 * its newer stamp dirty, now based on the new revision, and goes at the next push.
 */
export function markSent(db: VerbatimDb, sent: ReadonlyArray<{ key: string; hlc: Hlc; rev: string }>): Promise<void> {
  return db.transaction('rw', db.sync, async () => {
    const rows = await db.sync.bulkGet(sent.map((s) => s.key));
    const next: SyncRow[] = [];
    sent.forEach((s, i) => {
      const row = rows[i];
      if (!row) return;
      const updated: SyncRow = { ...row, rev: s.rev };
      if (row.hlc === s.hlc) delete updated.dirty;
      next.push(updated);
    });
    await db.sync.bulkPut(next);
  });
}

/** The device's clock state, made on first use (a database created at v9 or later had no upgrade to make it). */
export function readMeta(db: VerbatimDb): Promise<SyncMeta> {
  const meta = db.sync as unknown as Table<SyncMeta, string>;
  return db.transaction('rw', db.sync, async () => {
    const stored = await meta.get(META);
    if (stored) return stored;
    const made = newMeta();
    await meta.add(made);
    return made;
  });
}

/** Stores the offset measured between the server's clock and this device's (server minus local, ms). */
export function setClockOffset(db: VerbatimDb, offset: number): Promise<void> {
  const meta = db.sync as unknown as Table<SyncMeta, string>;
  return db.transaction('rw', db.sync, async () => {
    const stored = (await meta.get(META)) ?? newMeta();
    await meta.put({ ...stored, offset: Number.isFinite(offset) ? Math.round(offset) : 0 });
  });
}
