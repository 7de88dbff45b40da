/**
 * Extension pages wake the background to sync after their writes (issue #15). Pages write to
 * IndexedDB themselves; a sleeping service worker hears none of it (Dexie's cross-context change
 * events need it awake), so each page watches the number of changes waiting and, when it grows,
 * sends `syncSoon`: the message wakes the worker, which syncs 2 s later. Only while sync is on:
 * before the user sets it up, pages do not even count.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { VerbatimDb } from '../db/schema';
import { pendingCount } from '../db/tracking';
import { callBackground } from '../messaging/rpc';
import type { SyncConfig } from '../sync/types';
import { readSyncConfig, watchSync } from './sync-config';

/** Starts watching; returns a function that stops. */
export function wakeSyncOnChanges(db: VerbatimDb): () => void {
  let sub: Subscription | undefined;
  let last: number | undefined;
  let stopped = false;
  const follow = (config: SyncConfig | undefined) => {
    if (stopped) return;
    if (config?.enabled && !sub) {
      sub = liveQuery(() => pendingCount(db)).subscribe({
        next: (n) => {
          // The first count is what waited before this page opened: the background knows of it.
          if (last !== undefined && n > last) void callBackground('syncSoon', {});
          last = n;
        },
        error: () => undefined,
      });
    } else if (!config?.enabled && sub) {
      sub.unsubscribe();
      sub = undefined;
      last = undefined;
    }
  };
  void readSyncConfig().then(follow, () => undefined);
  const unwatch = watchSync((change) => {
    if ('config' in change) follow(change.config);
  });
  return () => {
    stopped = true;
    unwatch();
    sub?.unsubscribe();
  };
}
