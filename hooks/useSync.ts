import { useEffect, useState } from 'preact/hooks';
import type { VerbatimDb } from '../utils/db/schema';
import { pendingCount } from '../utils/db/tracking';
import { readSyncConfig, readSyncStatus, watchSync } from '../utils/services/sync-config';
import type { SyncConfig, SyncStatus } from '../utils/sync/types';
import { useTableQuery } from './useTableQuery';

export interface SyncState {
  /** False until the setup and status are read. */
  loaded: boolean;
  /** The setup; undefined when sync was never set up. */
  config?: SyncConfig;
  status: SyncStatus;
  /** Local changes not yet on the server, counted live here (the status's count is the background's last). */
  pending: number;
}

/**
 * Sync's setup and status as they change in any context (the background writes the status), with
 * the count of changes waiting read live from the database, so a note saved here shows as
 * waiting at once, even while the background sleeps.
 */
export function useSync(db: VerbatimDb): SyncState {
  const [state, setState] = useState<Omit<SyncState, 'pending'>>({ loaded: false, status: { state: 'off', pending: 0 } });
  useEffect(() => {
    let live = true;
    const stop = watchSync((change) =>
      setState((s) => ({ ...s, ...('config' in change ? { config: change.config } : {}), ...(change.status ? { status: change.status } : {}) })),
    );
    void Promise.all([readSyncConfig(), readSyncStatus()]).then(([config, status]) => {
      if (live) setState({ loaded: true, config, status });
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  const enabled = Boolean(state.config?.enabled);
  // Followed by table, once per stream of writes: the background's sync writes the table batch
  // after batch, and the count is only shown.
  const pending = useTableQuery(db, ['sync'], () => (enabled ? pendingCount(db) : Promise.resolve(0)), [db, enabled], { wait: 100, maxWait: 1_000 }).value;
  return { ...state, pending: pending ?? state.status.pending };
}

/** The current time, again every `ms` (relative times such as "2 minutes ago" move on). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
