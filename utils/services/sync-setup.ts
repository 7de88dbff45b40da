/**
 * Setting sync up from the options page (issue #15): check the connection and say exactly what
 * is wrong, create a missing database, unlock encryption, turn sync on and off, sync now. The
 * syncs themselves run in the background (utils/services/sync-runner.ts); the page only asks.
 *
 * Nothing here runs until the user clicks: off by default, no request before they set sync up.
 */
import { browser } from 'wxt/browser';
import type { VerbatimDb } from '../db/schema';
import { callBackground } from '../messaging/rpc';
import { createClient, createDatabase, testConnection, type CouchClient } from '../sync/couch';
import { KEYCHECK_ID, unlockEncryption } from '../sync/crypto';
import type { SyncConfig, SyncError, SyncStatus } from '../sync/types';
import { checkServerUrl } from '../sync/url';
import { OFF_STATUS, dropSyncKeys, readSyncConfig, saveSyncKeys, writeSyncConfig, writeSyncStatus } from './sync-config';
import { hasHostAccess, originPattern } from './sync-connect';
import { toSyncError } from './sync-runner';

export { hasHostAccess };

/** A setup whose address is at least well formed: its origin, or why not (before any request). */
export function serverOrigin(url: string): { ok: true; origin: string } | { ok: false; error: SyncError } {
  return checkServerUrl(url.trim());
}

/**
 * Asks the browser for access to `origin` only. Call it first thing in a click handler, before
 * any other await: the browser grants a permission request only during the user's gesture.
 */
export async function askHostAccess(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

export type ConnectionCheck =
  | { ok: true; server: string; database: boolean; encrypted: boolean }
  | { ok: false; error: SyncError };

/** Whether the database holds Verbatim's encryption check: then only its passphrase opens it. */
async function isEncrypted(client: CouchClient): Promise<boolean> {
  return (await client.get(KEYCHECK_ID)) !== undefined;
}

/**
 * Tests a setup: the address (plain http only to a local host), the host permission, then the
 * server (reachable, CouchDB, the sign-in), the database (there or not) and whether it is encrypted.
 */
export async function checkConnection(config: SyncConfig, fetchFn?: typeof fetch): Promise<ConnectionCheck> {
  const url = serverOrigin(config.url);
  if (!url.ok) return url;
  if (!(await hasHostAccess(url.origin))) return { ok: false, error: { code: 'noPermission' } };
  try {
    const tested = await testConnection(config, fetchFn);
    if (!tested.ok) return tested;
    const encrypted = tested.database ? await isEncrypted(createClient(config, fetchFn)) : false;
    return { ok: true, server: tested.server, database: tested.database, encrypted };
  } catch (e) {
    return { ok: false, error: toSyncError(e) };
  }
}

/** Creates the setup's database on the server; null when done, else what went wrong. */
export async function makeDatabase(config: SyncConfig, fetchFn?: typeof fetch): Promise<SyncError | null> {
  try {
    await createDatabase(config, fetchFn);
    return null;
  } catch (e) {
    return toSyncError(e);
  }
}

export type TurnOnResult = { ok: true; status: SyncStatus } | { ok: false; error: SyncError };

/**
 * Turns sync on: checks the connection, unlocks encryption when asked for (or when the database
 * is encrypted: a second browser must give the passphrase; a wrong one is refused and nothing is
 * written here), keeps the keys, stores the setup, then asks the background for a first sync and
 * answers with its status.
 */
export async function turnSyncOn(db: VerbatimDb, config: SyncConfig, passphrase: string, fetchFn?: typeof fetch): Promise<TurnOnResult> {
  const setup: SyncConfig = { ...config, url: config.url.trim().replace(/\/+$/, ''), database: config.database.trim(), enabled: false };
  const check = await checkConnection(setup, fetchFn);
  if (!check.ok) return check;
  if (!check.database) return { ok: false, error: { code: 'noDatabase' } };
  // The server's database decides: an encrypted one cannot be read without its passphrase.
  if (check.encrypted && !setup.encrypted) return { ok: false, error: { code: 'encryptionMismatch' } };
  try {
    if (setup.encrypted) {
      // A wrong passphrase throws here, before anything is stored.
      const { keys } = await unlockEncryption(createClient(setup, fetchFn), passphrase);
      await saveSyncKeys(db, keys);
    } else {
      await dropSyncKeys(db);
    }
  } catch (e) {
    return { ok: false, error: toSyncError(e) };
  }
  await writeSyncConfig({ ...setup, enabled: true });
  const reply = await callBackground('syncNow', {});
  // The background answers with the status; if it could not, the status it writes still shows.
  return { ok: true, status: reply.ok ? reply.value : { state: 'idle', pending: 0 } };
}

/**
 * Turns sync off: the setup is kept (the form shows it again, to turn back on), the key is
 * forgotten (turning on again asks for the passphrase), the library stays as it is here.
 */
export async function turnSyncOff(db: VerbatimDb): Promise<void> {
  const config = await readSyncConfig();
  if (config) await writeSyncConfig({ ...config, enabled: false });
  await dropSyncKeys(db);
  await writeSyncStatus(OFF_STATUS);
}

/** The user's "Sync now": answers once the background is done, with the status. */
export async function syncNow(): Promise<SyncStatus | SyncError> {
  const reply = await callBackground('syncNow', {});
  return reply.ok ? reply.value : { code: 'badResponse', detail: reply.error };
}
