/**
 * Sync's shared shapes (issue #15), type-only: the local change log the database keeps, the
 * documents on the CouchDB server, the user's setup and what the status shows. The design and
 * why: docs/sync.md and docs/decisions/0001-sync-client.md.
 */
import type { NoteVersion } from '../domain/model';

export type { NoteVersion };

/**
 * A hybrid logical clock stamp, as a string that sorts in time order:
 * `<ms, 15 digits>:<counter, 5 digits>:<device id>` (utils/domain/hlc.ts). Its wall-clock part is the
 * device's clock corrected by the offset measured against the server's `Date` header.
 */
export type Hlc = string;

/**
 * One synced record's place in the change log: the `sync` table (schema v9), keyed by the
 * record's sync key. Written by the tracking middleware (utils/db/tracking.ts) in the same
 * transaction as every local write, and by the sync engine when it applies a server version.
 */
export interface SyncRow {
  /** `note:<id>`, `article:<id>`, `body:<article id>`, `setting:<key>`; `~meta` holds the device's clock state. */
  key: string;
  /** The stamp of the version stored here (local or from the server). */
  hlc: Hlc;
  /** Equal to `hlc` while this version waits to be sent; absent once the server has it (a sparse index: the outbox). */
  dirty?: Hlc;
  /** The server revision (`_rev`) this version is based on; absent until the server first had it. */
  rev?: string;
  /** The record was deleted here: a tombstone waiting to be sent, or a delete from the server. */
  deleted?: true;
}

/** The device's clock state, the `~meta` row of the `sync` table. */
export interface SyncMeta {
  key: '~meta';
  /** A random id made once per install: the last part of every stamp, and the checkpoint's name. */
  device: string;
  /** Server time minus this device's clock (ms), measured at the last sync; 0 before any. */
  offset: number;
  /** The highest stamp made or seen here, so stamps never go back (a clock set back, a far-ahead server version). */
  last: Hlc;
}

/** The setting keys that follow the user to every browser; the others stay on the device. */
export const SYNCED_SETTINGS = ['colorNames', 'backupReminder', 'saveImages', 'citationStyle'] as const;

/** How Verbatim signs in to the server. Cookie: `POST /_session` once, then the browser's cookie. */
export type SyncAuth = { kind: 'none' } | { kind: 'basic' | 'cookie'; user: string; password: string };

/** The user's setup, in `browser.storage.local` (`syncConfig`): never in a backup, never synced, never logged. */
export interface SyncConfig {
  enabled: boolean;
  /** The server's base URL (`https://couch.example:6984`), no database. */
  url: string;
  database: string;
  auth: SyncAuth;
  /** End-to-end encryption is on; the key itself is kept apart (a non-extractable CryptoKey in the `sync` table's `~key` row). */
  encrypted: boolean;
}

/** What can go wrong, each with its own message and what to do (i18n `syncError_<code>`). */
export type SyncErrorCode =
  | 'invalidUrl'
  | 'insecure'
  | 'noPermission'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'noDatabase'
  | 'notCouch'
  | 'server'
  | 'badResponse'
  | 'wrongPassphrase'
  | 'encryptionMismatch'
  | 'storageFull';

export interface SyncError {
  code: SyncErrorCode;
  /** Technical detail for the curious (the server's reason, an HTTP status), never credentials. */
  detail?: string;
}

/** What the options page and the side panel's indicator show: `browser.storage.local` `syncStatus`. */
export interface SyncStatus {
  state: 'off' | 'idle' | 'syncing' | 'error';
  lastSyncedAt?: number;
  /** Local changes not yet on the server. */
  pending: number;
  /** Records the server sent that failed validation at the last sync (skipped, nothing local changed). */
  refused?: number;
  error?: SyncError & { at: number };
  /** Backing off: the next attempt. */
  nextRetryAt?: number;
}
