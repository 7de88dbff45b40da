/**
 * When sync runs in the background, and what the status says (issue #15): the runner with the
 * engine injected (the engine is tested against a real server on its own), the fake browser's
 * storage and alarms.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { VerbatimDb } from '../../utils/db/schema';
import { readSyncStatus, writeSyncConfig, writeSyncStatus } from '../../utils/services/sync-config';
import {
  FIRST_RETRY_MS,
  MAX_RETRY_MS,
  PERIOD_MINUTES,
  RETRY_ALARM,
  SOON_MS,
  SYNC_ALARM,
  createSyncRunner,
  retryDelay,
  type RunnerDeps,
  type SyncRunner,
} from '../../utils/services/sync-runner';
import type { SyncConfig, SyncErrorCode } from '../../utils/sync/types';

const CONFIG: SyncConfig = { enabled: true, url: 'http://127.0.0.1:5984', database: 'verbatim', auth: { kind: 'none' }, encrypted: false };
const T0 = Date.UTC(2026, 11, 4, 19, 0, 0);
const failure = (code: SyncErrorCode, detail?: string) => Object.assign(new Error(code), { code, detail });

let clock: number;
let pending: number;
let runner: SyncRunner;
let syncOnce: ReturnType<typeof vi.fn<RunnerDeps['syncOnce']>>;
let connect: ReturnType<typeof vi.fn<RunnerDeps['connect']>>;

function makeRunner(random = 0.5): SyncRunner {
  runner = createSyncRunner({
    db: {} as VerbatimDb,
    syncOnce,
    connect,
    pendingCount: async () => pending,
    now: () => clock,
    random: () => random,
  });
  return runner;
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = T0;
  pending = 0;
  syncOnce = vi.fn<RunnerDeps['syncOnce']>(async () => {
    pending = 0;
    return { pushed: 1, pulled: 2, refused: 0, merged: 0 };
  });
  connect = vi.fn<RunnerDeps['connect']>(async () => ({ client: {} as never, sealer: {} as never }));
  makeRunner();
});
afterEach(() => {
  runner.dispose();
  vi.useRealTimers();
});

describe('off by default', () => {
  it('never set up: no sync on any trigger, no alarm, nothing asked of the network', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    pending = 3;
    await runner.start();
    await runner.run('startup');
    await runner.onAlarm(SYNC_ALARM);
    await runner.onAlarm(RETRY_ALARM);
    await runner.pendingChanged(4);
    expect((await runner.run('user')).state).toBe('off');
    expect(connect).not.toHaveBeenCalled();
    expect(syncOnce).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(await readSyncStatus()).toEqual({ state: 'off', pending: 0 });
  });
});

describe('turned on', () => {
  beforeEach(() => writeSyncConfig(CONFIG));

  it('syncs when asked and says when, with the changes still waiting and the records refused', async () => {
    syncOnce.mockResolvedValueOnce({ pushed: 0, pulled: 5, refused: 2, merged: 0 });
    pending = 1;
    const status = await runner.run('user');
    expect(status).toEqual({ state: 'idle', pending: 1, lastSyncedAt: T0, refused: 2 });
    expect(await readSyncStatus()).toEqual(status);
  });

  it('keeps one periodic alarm every 15 minutes, made once (a wake does not push it back)', async () => {
    await runner.start();
    const [alarm] = await fakeBrowser.alarms.getAll();
    expect(alarm).toMatchObject({ name: SYNC_ALARM, periodInMinutes: PERIOD_MINUTES });
    clock += 60_000;
    await runner.start();
    expect(await fakeBrowser.alarms.getAll()).toEqual([alarm]);
    await runner.onAlarm(SYNC_ALARM);
    expect(syncOnce).toHaveBeenCalledTimes(1);
  });

  it('syncs 2 s after the last of a burst of local changes, once; not at all when nothing waits', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    pending = 1;
    runner.soon();
    await vi.advanceTimersByTimeAsync(1500);
    pending = 2;
    runner.soon();
    await vi.advanceTimersByTimeAsync(1500);
    expect(syncOnce).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(SOON_MS);
    await vi.waitFor(() => expect(syncOnce).toHaveBeenCalledTimes(1));
    // A write that left nothing waiting (already synced): no trip to the server.
    runner.soon();
    await vi.advanceTimersByTimeAsync(SOON_MS * 2);
    expect(syncOnce).toHaveBeenCalledTimes(1);
  });

  it('hears the count of changes waiting: the status follows it, and a new change brings a sync', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await runner.run('user');
    await runner.pendingChanged(0);
    pending = 3;
    await runner.pendingChanged(3);
    expect((await readSyncStatus()).pending).toBe(3);
    await vi.advanceTimersByTimeAsync(SOON_MS);
    await vi.waitFor(() => expect(syncOnce).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () => expect(await readSyncStatus()).toMatchObject({ state: 'idle', pending: 0 }));
  });

  it('runs one sync at a time', async () => {
    let inFlight = 0;
    let most = 0;
    syncOnce.mockImplementation(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { pushed: 0, pulled: 0, refused: 0, merged: 0 };
    });
    await Promise.all([runner.run('user'), runner.run('user'), runner.onAlarm(SYNC_ALARM)]);
    expect(syncOnce).toHaveBeenCalledTimes(3);
    expect(most).toBe(1);
  });

  it('a worker that starts clears a "syncing" left by one that died mid-sync', async () => {
    await writeSyncStatus({ state: 'syncing', pending: 2, lastSyncedAt: T0 - 60_000 });
    await runner.start();
    expect(await readSyncStatus()).toEqual({ state: 'idle', pending: 2, lastSyncedAt: T0 - 60_000 });
  });

  it('shows "syncing" while a sync runs', async () => {
    let seen: string | undefined;
    syncOnce.mockImplementation(async () => {
      seen = (await readSyncStatus()).state;
      return { pushed: 0, pulled: 0, refused: 0, merged: 0 };
    });
    await runner.run('user');
    expect(seen).toBe('syncing');
  });
});

describe('when the server is down', () => {
  beforeEach(() => writeSyncConfig(CONFIG));

  it('waits 30 s, then twice as long after each failure, up to an hour, by an alarm that survives the worker sleeping', async () => {
    connect.mockRejectedValue(failure('unreachable', 'connection refused'));
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const status = await runner.run(i === 0 ? 'soon' : 'retry');
      expect(status).toMatchObject({ state: 'error', error: { code: 'unreachable', detail: 'connection refused', at: clock } });
      const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
      expect(alarm?.scheduledTime).toBe(status.nextRetryAt);
      waits.push(status.nextRetryAt! - clock);
      clock = status.nextRetryAt!;
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600].map((s) => s * 1000));
  });

  it('spreads retries at random within ±20 %', () => {
    expect(retryDelay(1, () => 0)).toBe(FIRST_RETRY_MS * 0.8);
    expect(retryDelay(1, () => 1)).toBe(FIRST_RETRY_MS * 1.2);
    expect(retryDelay(30, () => 1)).toBe(MAX_RETRY_MS);
  });

  it.each(['timeout', 'server'] as const)('%s: retried the same way', async (code) => {
    connect.mockRejectedValueOnce(failure(code));
    const status = await runner.run('alarm');
    expect(status.nextRetryAt).toBe(T0 + FIRST_RETRY_MS);
  });

  it('does not let the periodic alarm or a local change cut the wait short; the retry alarm and the user may', async () => {
    connect.mockRejectedValueOnce(failure('unreachable'));
    await runner.run('alarm');
    clock += 10_000;
    await runner.onAlarm(SYNC_ALARM);
    await runner.run('soon');
    expect(connect).toHaveBeenCalledTimes(1);
    await runner.onAlarm(RETRY_ALARM);
    expect(syncOnce).toHaveBeenCalledTimes(1);
    expect(await readSyncStatus()).toEqual({ state: 'idle', pending: 0, lastSyncedAt: clock });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });

  it('starts the backoff over after a success', async () => {
    connect.mockRejectedValueOnce(failure('unreachable')).mockRejectedValueOnce(failure('unreachable'));
    await runner.run('alarm');
    await runner.run('retry');
    await runner.run('retry');
    connect.mockRejectedValueOnce(failure('unreachable'));
    expect((await runner.run('alarm')).nextRetryAt).toBe(clock + FIRST_RETRY_MS);
  });

  it('keeps the last successful sync in the status while failing', async () => {
    await runner.run('user');
    clock += 60_000;
    connect.mockRejectedValueOnce(failure('unreachable'));
    expect(await runner.run('alarm')).toMatchObject({ state: 'error', lastSyncedAt: T0 });
  });
});

describe('what only the user can fix', () => {
  beforeEach(() => writeSyncConfig(CONFIG));

  it.each(['unauthorized', 'forbidden', 'wrongPassphrase', 'noDatabase', 'notCouch', 'noPermission'] as const)(
    '%s: stops, no retry, no sync on alarm, start or change, until the user acts',
    async (code) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      syncOnce.mockRejectedValueOnce(failure(code));
      const status = await runner.run('alarm');
      expect(status).toMatchObject({ state: 'error', error: { code } });
      expect(status.nextRetryAt).toBeUndefined();
      expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
      clock += 24 * 3600_000;
      await runner.onAlarm(SYNC_ALARM);
      await runner.run('startup');
      pending = 1;
      runner.soon();
      await vi.advanceTimersByTimeAsync(SOON_MS);
      expect(syncOnce).toHaveBeenCalledTimes(1);
      // The user fixed it (new password, database created) and syncs.
      expect(await runner.run('user')).toMatchObject({ state: 'idle' });
      expect(syncOnce).toHaveBeenCalledTimes(2);
    },
  );

  it('an error thrown without a code (a bug, a garbled answer) is shown and retried, its detail kept short', async () => {
    syncOnce.mockRejectedValueOnce(new TypeError('x'.repeat(500)));
    const status = await runner.run('alarm');
    expect(status.error?.code).toBe('badResponse');
    expect(status.error?.detail).toHaveLength(200);
    expect(status.nextRetryAt).toBeDefined();
  });
});

describe('turned off', () => {
  beforeEach(() => writeSyncConfig(CONFIG));

  it('clears the alarms and the backoff, and says off', async () => {
    await runner.start();
    connect.mockRejectedValueOnce(failure('unreachable'));
    await runner.run('alarm');
    await writeSyncConfig({ ...CONFIG, enabled: false });
    await runner.configChanged({ ...CONFIG, enabled: false });
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect(await readSyncStatus()).toEqual({ state: 'off', pending: 0 });
    await runner.onAlarm(RETRY_ALARM);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('stops a sync under way: its end does not overwrite "off"', async () => {
    let started!: () => void;
    const inSync = new Promise<void>((r) => (started = r));
    syncOnce.mockImplementation(
      ({ signal }) =>
        new Promise((_, reject) => {
          started();
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const run = runner.run('user');
    await inSync;
    await writeSyncConfig({ ...CONFIG, enabled: false });
    await runner.configChanged({ ...CONFIG, enabled: false });
    expect((await run).state).toBe('off');
    expect(await readSyncStatus()).toEqual({ state: 'off', pending: 0 });
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});
