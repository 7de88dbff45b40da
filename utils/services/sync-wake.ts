/**
 * Extension pages wake the background to sync after their writes (issue #15). Pages write to
 * IndexedDB themselves; a sleeping service worker hears none of it (Dexie's cross-context change
 * events need it awake), so after each write of synced records made here (told by the change
 * tracking, utils/db/tracking.ts) a page sends `syncSoon`: the message wakes the worker, which
 * syncs 2 s later. Only while sync is on. It reads nothing: a page used to count the changes
 * waiting at every write of the `sync` table, the background's too, which during a large sync
 * meant a read per batch in every open page.
 */
import type { VerbatimDb } from '../db/schema';
import { onLocalWrite } from '../db/tracking';
import { callBackground } from '../messaging/rpc';
import type { SyncConfig } from '../sync/types';
import { readSyncConfig, watchSync } from './sync-config';

/** Starts watching; returns a function that stops. */
export function wakeSyncOnChanges(db: VerbatimDb): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  const follow = (config: SyncConfig | undefined) => {
    if (stopped) return;
    if (config?.enabled && !stop) stop = onLocalWrite(db, () => void callBackground('syncSoon', {}));
    else if (!config?.enabled && stop) {
      stop();
      stop = undefined;
    }
  };
  void readSyncConfig().then(follow, () => undefined);
  const unwatch = watchSync((change) => {
    if ('config' in change) follow(change.config);
  });
  return () => {
    stopped = true;
    unwatch();
    stop?.();
  };
}
