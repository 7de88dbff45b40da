/**
 * When sync runs, in the background (issue #15): 2 s after a local change, on an alarm every 15
 * minutes, at browser start, when the user asks; backing off when the server is down; stopping
 * when only the user can fix what is wrong. One sync at a time. What happened goes to `syncStatus`
 * (utils/services/sync-config.ts) for the options page and the side panel to show.
 *
 * Timers the service worker may not live to see are alarms: the periodic sync and the retry after
 * a failure (an alarm wakes a sleeping worker; a setTimeout dies with it). Only the 2 s debounce is
 * a timer: the event that asked for it keeps the worker awake for longer than that.
 */
import { browser } from 'wxt/browser';
import type { VerbatimDb } from '../db/schema';
import { isStorageFull } from '../domain/storage-full';
import type { CouchClient } from '../sync/couch';
import type { Sealer } from '../sync/crypto';
import type { SyncConfig, SyncError, SyncErrorCode, SyncStatus } from '../sync/types';
import { OFF_STATUS, readSyncConfig, readSyncStatus, writeSyncStatus } from './sync-config';

/** The periodic sync's alarm. */
export const SYNC_ALARM = 'verbatim-sync';
/** The retry after a failure (backoff): its own alarm, so the period is never reset by it. */
export const RETRY_ALARM = 'verbatim-sync-retry';
export const PERIOD_MINUTES = 15;
/** How long after a local change sync runs: a burst of edits (typing a note) goes in one sync. */
export const SOON_MS = 2_000;
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 60 * 60_000;
/** How many failures in a row, for the backoff: in storage, as the worker may sleep between attempts. */
const FAILURES_KEY = 'syncFailures';

/**
 * Failures only the user can fix (sign-in, the database, the passphrase, the address, the host
 * permission): no retry, nothing on the alarm, until they act in the options page. The others
 * (unreachable, timeout, a server error, a garbled answer, the disk full here) may pass by
 * themselves, and are retried with backoff.
 */
export const STOPPING: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>([
  'invalidUrl',
  'insecure',
  'noPermission',
  'unauthorized',
  'forbidden',
  'noDatabase',
  'notCouch',
  'wrongPassphrase',
  'encryptionMismatch',
]);

const CODES: ReadonlySet<string> = new Set<SyncErrorCode>([
  ...STOPPING,
  'unreachable',
  'timeout',
  'server',
  'badResponse',
  'storageFull',
]);

export type SyncResult = { pushed: number; pulled: number; refused: number; merged: number };

/** What the runner needs; the background gives the real ones (entrypoints/background/sync.ts), tests their own. */
export interface RunnerDeps {
  db: VerbatimDb;
  /** The engine's one sync (`syncOnce`, utils/sync/engine.ts). */
  syncOnce(options: { db: VerbatimDb; client: CouchClient; sealer: Sealer; signal?: AbortSignal }): Promise<SyncResult>;
  /** The client and sealer for a setup; throws a failure with a `code` (noPermission…). */
  connect(db: VerbatimDb, config: SyncConfig): Promise<{ client: CouchClient; sealer: Sealer }>;
  /** Local changes not yet on the server. */
  pendingCount(db: VerbatimDb): Promise<number>;
  now?: () => number;
  random?: () => number;
  /** Runs `work` alone: no two syncs at once (a Web Lock by default). */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Why a sync starts: what may start one is not the same when it stopped or backs off. */
export type Trigger = 'user' | 'soon' | 'alarm' | 'retry' | 'startup';

/** Anything thrown, as a status error: a failure's code (SyncFailure), the disk full, else a bad answer. */
export function toSyncError(e: unknown): SyncError {
  const x = e as { code?: unknown; detail?: unknown; message?: unknown } | null;
  if (x && typeof x.code === 'string' && CODES.has(x.code)) {
    return typeof x.detail === 'string' && x.detail ? { code: x.code as SyncErrorCode, detail: x.detail } : { code: x.code as SyncErrorCode };
  }
  if (isStorageFull(e)) return { code: 'storageFull' };
  return { code: 'badResponse', detail: typeof x?.message === 'string' ? x.message.slice(0, 200) : String(e).slice(0, 200) };
}

/**
 * The wait before the `failures`-th retry: 30 s doubling to an hour, each within ±20 % at random
 * so browsers that lost the same server do not all come back at the same second.
 */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(Math.min(MAX_RETRY_MS, base * (0.8 + 0.4 * random())));
}

/** A Web Lock where there is one (the service worker, pages), else a queue in this context. */
function defaultExclusive(): <T>(work: () => Promise<T>) => Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return <T>(work: () => Promise<T>) => locks.request('verbatim-sync', work) as Promise<T>;
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
}

export interface SyncRunner {
  /** A local change: sync in 2 s (again later, if more changes come first). */
  soon(): void;
  /** Runs a sync now if `trigger` may start one; answers with the status after it. */
  run(trigger: Trigger): Promise<SyncStatus>;
  /** An alarm went off. */
  onAlarm(name: string): Promise<void>;
  /** The setup changed (turned on, off, another server): the alarms follow it. */
  configChanged(config: SyncConfig | undefined): Promise<void>;
  /** The number of local changes waiting changed (a live query in the background). */
  pendingChanged(pending: number): Promise<void>;
  /** The worker started: the periodic alarm is there when sync is on; a stale "syncing" is cleared. */
  start(): Promise<void>;
  /** Stops the debounce timer (tests; the worker going away needs nothing). */
  dispose(): void;
}

export function createSyncRunner(deps: RunnerDeps): SyncRunner {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const exclusive = deps.exclusive ?? defaultExclusive();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: AbortController | undefined;
  let lastPending: number | undefined;
  // Status writes are read-modify-write: one at a time in this context.
  let writes: Promise<unknown> = Promise.resolve();
  const update = (change: (s: SyncStatus) => SyncStatus | null): Promise<SyncStatus> => {
    const next = writes.then(async () => {
      const current = await readSyncStatus();
      const changed = change(current);
      if (changed) await writeSyncStatus(changed);
      return changed ?? current;
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const enabled = async () => {
    const config = await readSyncConfig();
    return config?.enabled ? config : undefined;
  };

  /** Whether `trigger` may start a sync given the last status: stopped waits for the user, a backoff for its alarm. */
  const mayStart = (trigger: Trigger, status: SyncStatus): boolean => {
    if (trigger === 'user') return true;
    if (status.state === 'error' && status.error && STOPPING.has(status.error.code)) return false;
    if (trigger === 'retry') return true;
    return !(status.nextRetryAt && now() < status.nextRetryAt);
  };

  async function syncWith(config: SyncConfig, trigger: Trigger): Promise<SyncStatus> {
    const before = await readSyncStatus();
    if (!mayStart(trigger, before)) return before;
    // After the user's own attempt, the backoff starts over.
    if (trigger === 'user') await browser.storage.local.remove(FAILURES_KEY);
    const controller = new AbortController();
    running = controller;
    try {
      await update((s) => ({ ...s, state: 'syncing' }));
      const { client, sealer } = await deps.connect(db, config);
      const result = await deps.syncOnce({ db, client, sealer, signal: controller.signal });
      await browser.storage.local.remove(FAILURES_KEY);
      await browser.alarms.clear(RETRY_ALARM);
      const pending = await deps.pendingCount(db);
      const status = await update((s) => (s.state === 'off' ? null : { state: 'idle', pending, lastSyncedAt: now(), ...(result.refused ? { refused: result.refused } : {}) }));
      // Changes made while this sync ran: their own sync, shortly.
      if (pending > 0) schedule();
      return status;
    } catch (e) {
      // Turned off meanwhile: the status says off (queued before the abort).
      if (controller.signal.aborted) return update(() => null);
      const error = toSyncError(e);
      const pending = await deps.pendingCount(db).catch(() => before.pending);
      const failed = { state: 'error' as const, pending, error: { ...error, at: now() }, ...(before.lastSyncedAt ? { lastSyncedAt: before.lastSyncedAt } : {}) };
      if (STOPPING.has(error.code)) {
        await browser.alarms.clear(RETRY_ALARM);
        return update((s) => (s.state === 'off' ? null : failed));
      }
      const failures = (((await browser.storage.local.get(FAILURES_KEY))[FAILURES_KEY] as number | undefined) ?? 0) + 1;
      await browser.storage.local.set({ [FAILURES_KEY]: failures });
      const nextRetryAt = now() + retryDelay(failures, random);
      await browser.alarms.create(RETRY_ALARM, { when: nextRetryAt });
      return update((s) => (s.state === 'off' ? null : { ...failed, nextRetryAt }));
    } finally {
      if (running === controller) running = undefined;
    }
  }

  async function run(trigger: Trigger): Promise<SyncStatus> {
    const config = await enabled();
    // Off (never set up, or turned off): nothing is sent anywhere.
    if (!config) return readSyncStatus();
    return exclusive(async () => {
      // Turned off while waiting for the sync before this one.
      const current = await enabled();
      return current ? syncWith(current, trigger) : readSyncStatus();
    });
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void (async () => {
        // Nothing waiting (a page's write that changed nothing synced, or a sync since): no trip to the server.
        if ((await deps.pendingCount(db)) === 0) return;
        await run('soon');
      })().catch((e: unknown) => console.error('Verbatim: sync failed to start', e));
    }, SOON_MS);
  }

  async function ensurePeriodic(): Promise<void> {
    // Not re-created when there: creating it again would push the next sync back by a period at each wake.
    if (!(await browser.alarms.get(SYNC_ALARM))) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: PERIOD_MINUTES });
  }

  return {
    soon: schedule,
    run,
    async onAlarm(name) {
      if (name === SYNC_ALARM) await run('alarm');
      else if (name === RETRY_ALARM) await run('retry');
    },
    async start() {
      if (!(await enabled())) return;
      await ensurePeriodic();
      // A worker that just started runs no sync: "syncing" is left over from one that died mid-sync
      // (the browser closed, the worker stopped), and would show for ever.
      await update((s) => (s.state === 'syncing' ? { ...s, state: 'idle' } : null));
    },
    async configChanged(config) {
      if (config?.enabled) {
        await ensurePeriodic();
        return;
      }
      // "Off" is queued before the sync under way is stopped, so its end cannot write over it.
      const off = update((s) => (s.state === 'off' ? null : OFF_STATUS));
      running?.abort();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await Promise.all([browser.alarms.clear(SYNC_ALARM), browser.alarms.clear(RETRY_ALARM), browser.storage.local.remove(FAILURES_KEY)]);
      await off;
    },
    async pendingChanged(pending) {
      // The first count after the worker woke up counts as new: what was written while it slept
      // (a page's write whose message woke it) has not been synced yet.
      const grew = lastPending === undefined ? pending > 0 : pending > lastPending;
      lastPending = pending;
      if (!(await enabled())) return;
      await update((s) => (s.state === 'off' || s.pending === pending ? null : { ...s, pending }));
      if (grew) schedule();
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
