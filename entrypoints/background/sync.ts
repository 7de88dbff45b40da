import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { pendingCount } from '../../utils/db/tracking';
import type { VerbatimDb } from '../../utils/db/schema';
import { syncOnce } from '../../utils/sync/engine';
import { watchSync } from '../../utils/services/sync-config';
import { connectSync } from '../../utils/services/sync-connect';
import { createSyncRunner, type RunnerDeps } from '../../utils/services/sync-runner';
import type { ExtensionPageHandlers } from './router';

/**
 * Sync in the background (issue #15): the runner (utils/services/sync-runner.ts) on the events
 * that start a sync. Listeners are added at once, so an alarm or a message that woke the service
 * worker finds them.
 *
 * A local change reaches the runner two ways. While the worker is awake, a live query on the
 * number of changes waiting sees every write, in any context (Dexie tells the other contexts of
 * the origin through a BroadcastChannel), and the background's own. A sleeping worker hears no
 * IndexedDB write, so the extension pages also send `syncSoon` after theirs
 * (utils/services/sync-wake.ts), which wakes it. Both only debounce: a sync runs 2 s after the
 * last change, and not at all when nothing waits. Returns the answers to the pages' sync calls.
 */
export function startSync(db: VerbatimDb, deps: Partial<RunnerDeps> = {}): ExtensionPageHandlers {
  const runner = createSyncRunner({ db, syncOnce, connect: connectSync, pendingCount, ...deps });
  const failed = (e: unknown) => console.error('Verbatim: sync', e);

  browser.alarms.onAlarm.addListener((alarm) => void runner.onAlarm(alarm.name).catch(failed));
  browser.runtime.onStartup.addListener(() => void runner.run('startup').catch(failed));
  watchSync((change) => {
    if ('config' in change) void runner.configChanged(change.config).catch(failed);
  });
  // Alarms may not outlive a browser restart or an update: the periodic one is made again at each wake.
  void runner.start().catch(failed);
  liveQuery(() => (deps.pendingCount ?? pendingCount)(db)).subscribe({
    next: (n) => void runner.pendingChanged(n).catch(failed),
    error: failed,
  });

  return {
    syncSoon: async () => {
      runner.soon();
      return true;
    },
    syncNow: () => runner.run('user'),
  };
}
