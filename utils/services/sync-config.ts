/**
 * Where sync's setup, status and key live on this device (issue #15), for the options page, the
 * side panel's indicator and the background's runner alike.
 *
 * - The setup (`SyncConfig`, with the password) is in `browser.storage.local` `syncConfig`: not in
 *   IndexedDB, so no backup, export or sync ever reads it; nothing here logs it.
 * - The status (`SyncStatus`) is in `browser.storage.local` `syncStatus`, written by the background
 *   only (and by the options page when the user turns sync off); every page reads and watches it.
 * - The encryption keys are non-extractable CryptoKeys in the `sync` table's `~key` row: IndexedDB
 *   stores a CryptoKey as is (structured clone) without its bytes ever being readable, and backups
 *   read notes, articles, bodies and settings only.
 */
import type { Table } from 'dexie';
import { browser } from 'wxt/browser';
import type { VerbatimDb } from '../db/schema';
import type { SyncConfig, SyncStatus } from '../sync/types';

export const SYNC_CONFIG_KEY = 'syncConfig';
export const SYNC_STATUS_KEY = 'syncStatus';
/** The sync table's row holding the encryption keys (never sent: only `note:`, `article:`… rows are). */
export const KEY_ROW = '~key';

/** What the status is before the user sets sync up, and after they turn it off. */
export const OFF_STATUS: SyncStatus = { state: 'off', pending: 0 };

/** The setup, or undefined when the user never set sync up (off by default). */
export async function readSyncConfig(): Promise<SyncConfig | undefined> {
  const stored = await browser.storage.local.get(SYNC_CONFIG_KEY);
  return stored[SYNC_CONFIG_KEY] as SyncConfig | undefined;
}

export async function writeSyncConfig(config: SyncConfig): Promise<void> {
  await browser.storage.local.set({ [SYNC_CONFIG_KEY]: config });
}

export async function readSyncStatus(): Promise<SyncStatus> {
  const stored = await browser.storage.local.get(SYNC_STATUS_KEY);
  return (stored[SYNC_STATUS_KEY] as SyncStatus | undefined) ?? OFF_STATUS;
}

export async function writeSyncStatus(status: SyncStatus): Promise<void> {
  await browser.storage.local.set({ [SYNC_STATUS_KEY]: status });
}

/**
 * Calls `listener` whenever the setup or the status changes (in any context), with the new value
 * of what changed. Returns a function that stops listening.
 */
export function watchSync(listener: (change: { config?: SyncConfig; status?: SyncStatus }) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const change: { config?: SyncConfig; status?: SyncStatus } = {};
    if (SYNC_CONFIG_KEY in changes) change.config = changes[SYNC_CONFIG_KEY]!.newValue as SyncConfig | undefined;
    if (SYNC_STATUS_KEY in changes) change.status = (changes[SYNC_STATUS_KEY]!.newValue as SyncStatus | undefined) ?? OFF_STATUS;
    if ('config' in change || 'status' in change) listener(change);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

interface KeyRow {
  key: typeof KEY_ROW;
  keys: CryptoKey[];
}

/** The `sync` table (schema v9) as a plain table: the `~key` row is not a SyncRow. */
const syncTable = (db: VerbatimDb) => db.table('sync') as Table<KeyRow, string>;

/** Keeps the keys `unlockEncryption` derived, for the background's syncs. */
export async function saveSyncKeys(db: VerbatimDb, keys: CryptoKey[]): Promise<void> {
  await syncTable(db).put({ key: KEY_ROW, keys });
}

/** The keys kept on this device, or undefined when encryption was never unlocked here. */
export async function loadSyncKeys(db: VerbatimDb): Promise<CryptoKey[] | undefined> {
  return (await syncTable(db).get(KEY_ROW))?.keys;
}

/** Forgets the keys (sync turned off: turning it on again asks for the passphrase). */
export async function dropSyncKeys(db: VerbatimDb): Promise<void> {
  await syncTable(db).delete(KEY_ROW);
}
