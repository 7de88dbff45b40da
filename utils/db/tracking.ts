import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware, Table } from 'dexie';
import { compareHlc, nextHlc } from '../domain/hlc';
import { SYNCED_SETTINGS, type Hlc, type SyncMeta, type SyncRow } from '../sync/types';
import type { VerbatimDb } from './schema';

/**
 * Change tracking for sync (issue #15): a DBCore middleware that logs, in the same transaction
 * as every write of a synced record, that the record changed: one journal entry per write (its
 * records' keys, stamped in order from a new stamp) and the device's clock. Being in the same
 * transaction, a write is never lost to sync and an aborted one leaves nothing; being one entry
 * per write, a bulk write costs two small writes more, whatever its size. The journal is folded
 * into the records' rows (`SyncRow`: stamp, dirty, base revision, tombstone) soon after, and
 * before anything reads them. Modelled on dexie-cloud's createMutationTrackingMiddleware: the
 * scope of read-write transactions grows by `sync`, the mutation runs first and its successful
 * keys are logged after it (one entry per mutation, as its mutation log does); upgrade
 * transactions are not ours and not tracked (v9 writes the rows of what was there).
 *
 * Writes the sync engine makes from the server's versions go through {@link applyRemote}: its
 * transaction is marked, nothing in it is stamped, and the engine writes the rows itself.
 */

/** The tables whose records sync, and the prefix of their sync keys. */
const TRACKED = { notes: 'note', articles: 'article', bodies: 'body', settings: 'setting', projects: 'project', reviews: 'review' } as const;
export type SyncedTable = keyof typeof TRACKED;
const TABLE_OF = Object.fromEntries(Object.entries(TRACKED).map(([table, prefix]) => [prefix, table])) as Record<string, SyncedTable>;
const SYNCED = new Set<string>(SYNCED_SETTINGS);
const SYNC = 'sync';
const META = '~meta';
/** Below this, the measured offset between the server's clock and ours is noise (network, rounding): the clock is trusted. */
const OFFSET_TRUSTED = 60_000;
/** How long after the last logged write the journal is folded into rows (ms). */
const FOLD_DELAY = 1_000;
/** The journal: one entry per write, `~log:<its first stamp>`, so entries sort in the order written. */
const LOG = '~log:';
/** The key just after every journal entry's (`;` follows `:`). */
const LOG_END = '~log;';

/**
 * One write's journal entry: the records it wrote (sync keys, in order) and their stamps, the
 * first one `hlc` and each next one the stamp after it. Writing one entry per write instead of a
 * row per record keeps tracking to two small writes per transaction step whatever its size (an
 * import of 50,000 notes included); the rows are made from it later, off the user's path.
 */
interface LogEntry {
  key: string;
  hlc: Hlc;
  device: string;
  keys: string[];
  deleted?: true;
}

/** The stamp of the last of `n` records stamped in order from `first`. */
function lastOf(first: Hlc, n: number, device: string): Hlc {
  let h = first;
  // now = 0: the clock is never ahead of a stamp, so each next one is the counter one up.
  for (let i = 1; i < n; i++) h = nextHlc(h, 0, device);
  return h;
}

/**
 * The rows journal entries make, applied in order over the rows stored (`rows`, by key; updated
 * in place): each record a new stamp, waiting to be sent, keeping the revision it is based on;
 * a delete a tombstone, except of what has no row (never stored) or is already one. Returns the
 * rows changed.
 */
function foldEntries(entries: readonly LogEntry[], rows: Map<string, SyncRow>): Map<string, SyncRow> {
  const changed = new Map<string, SyncRow>();
  for (const entry of entries) {
    let hlc = entry.hlc;
    entry.keys.forEach((key, i) => {
      if (i > 0) hlc = nextHlc(hlc, 0, entry.device);
      const prev = rows.get(key);
      if (entry.deleted && (!prev || prev.deleted)) return;
      const row: SyncRow = { key, hlc, dirty: hlc };
      if (prev?.rev !== undefined) row.rev = prev.rev;
      if (entry.deleted) row.deleted = true;
      rows.set(key, row);
      changed.set(key, row);
    });
  }
  return changed;
}

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

function trackingMiddleware(onLogged: (trans: DBCoreTransaction) => void): Middleware<DBCore> {
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
       * Logs a write of these records (keys as the table has them), after it succeeded: one
       * journal entry for the whole write, their stamps in order from `hlc`, folded into their
       * rows before anything reads them ({@link flushLog}).
       */
      async function track(table: SyncedTable, trans: DBCoreTransaction, keys: readonly unknown[], deleted: boolean): Promise<void> {
        const syncKeys: string[] = [];
        for (const k of keys) {
          const key = syncKeyOf(table, k);
          if (key !== undefined) syncKeys.push(key);
        }
        if (syncKeys.length === 0) return;
        const meta = await stateOf(trans).meta;
        // Above every stamp made or seen here, so above each of these records' own.
        const first = nextHlc(meta.last || undefined, stampTime(meta), meta.device);
        meta.last = lastOf(first, syncKeys.length, meta.device);
        const entry: LogEntry = { key: `${LOG}${first}`, hlc: first, device: meta.device, keys: syncKeys };
        if (deleted) entry.deleted = true;
        // The meta as it is when this write is issued: writes run in order, so the last one holds the highest stamp.
        const res = await syncTable.mutate({ type: 'put', trans, values: [entry, { ...meta }] });
        if (res.numFailures) throw Object.values(res.failures)[0];
        onLogged(trans);
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

/** Who hears of each tracked write committed in this context, by database. */
const localWriters = new WeakMap<VerbatimDb, Set<() => void>>();

/**
 * Calls `listener` after each transaction of this context that wrote synced records commits
 * (not the sync engine's own writes of the server's versions). Returns a function that stops.
 */
export function onLocalWrite(db: VerbatimDb, listener: () => void): () => void {
  let set = localWriters.get(db);
  if (!set) localWriters.set(db, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}

/** Installs change tracking on a database: from its constructor, so every context that opens it tracks. */
export function installTracking(db: VerbatimDb): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listening = new WeakSet<DBCoreTransaction>();
  // The journal is folded into rows soon after the writes stop, in this context, whether or not
  // sync is on: it stays a few entries long, and the cost is off the write the user waits for.
  const fold = () => {
    timer = undefined;
    // A fold that fails (the database closing) leaves the journal for the next one: nothing is lost.
    if (db.isOpen()) flushLog(db).catch(() => {});
  };
  db.use(
    trackingMiddleware((trans) => {
      if (listening.has(trans)) return;
      listening.add(trans);
      (trans as unknown as IDBTransaction).addEventListener?.('complete', () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(fold, FOLD_DELAY);
        for (const listener of localWriters.get(db) ?? []) listener();
      });
    }),
  );
}

/** The journal's entries, oldest first, and the rows they touch as stored; in the caller's transaction. */
async function readLog(db: VerbatimDb): Promise<{ entries: LogEntry[]; rows: Map<string, SyncRow> }> {
  const log = db.sync as unknown as Table<LogEntry, string>;
  const entries = await log.where('key').between(LOG, LOG_END, true, false).toArray();
  if (entries.length === 0) return { entries, rows: new Map() };
  const keys = [...new Set(entries.flatMap((e) => e.keys))];
  const rows = new Map((await db.sync.bulkGet(keys)).flatMap((r) => (r ? [[r.key, r] as const] : [])));
  return { entries, rows };
}

/** Folds the journal into the rows, in the caller's read-write transaction over `sync`. */
async function foldLog(db: VerbatimDb): Promise<void> {
  const { entries, rows } = await readLog(db);
  if (entries.length === 0) return;
  const changed = foldEntries(entries, rows);
  if (changed.size) await db.sync.bulkPut([...changed.values()]);
  await db.sync.bulkDelete(entries.map((e) => e.key));
}

/**
 * Makes the rows of every write logged so far: what reads the `sync` table's rows directly
 * (rather than through the functions below, which do it themselves) calls this first.
 */
export function flushLog(db: VerbatimDb): Promise<void> {
  return db.transaction('rw', db.sync, () => foldLog(db));
}

/**
 * Runs `fn` in one read-write transaction over the synced tables and `sync`, in which nothing
 * is stamped: for the sync engine's writes of the server's versions, which are not local changes
 * to send back. The engine writes their sync rows itself (not dirty, with the server's rev and
 * stamp); the rows of every local write before it are made first, so it reads them as they are.
 * Called inside another transaction, it would mark that one: call it on its own.
 */
export function applyRemote<T>(db: VerbatimDb, fn: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [db.notes, db.articles, db.bodies, db.settings, db.projects, db.reviews, db.sync], async (tx) => {
    await foldLog(db);
    remote.add(tx.idbtrans);
    return fn();
  });
}

/** The rows waiting to be sent, oldest change first, at most `limit`. */
export function pendingRows(db: VerbatimDb, limit: number): Promise<SyncRow[]> {
  return db.transaction('rw', db.sync, async () => {
    await foldLog(db);
    return db.sync.orderBy('dirty').limit(limit).toArray();
  });
}

/**
 * How many records wait to be sent. Reads only (the journal counted as it will fold), so a
 * page can watch it in a `liveQuery`.
 */
export function pendingCount(db: VerbatimDb): Promise<number> {
  return db.transaction('r', db.sync, async () => {
    const [dirty, { entries, rows }] = await Promise.all([db.sync.orderBy('dirty').count(), readLog(db)]);
    if (entries.length === 0) return dirty;
    const waiting = new Set([...rows.values()].filter((r) => r.dirty !== undefined).map((r) => r.key));
    let more = 0;
    for (const key of foldEntries(entries, rows).keys()) if (!waiting.has(key)) more++;
    return dirty + more;
  });
}

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
