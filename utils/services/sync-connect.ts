/**
 * The client and sealer for a sync setup (issue #15): the address checked again (a setup stored
 * by an older version, or edited by hand, gets no request it should not), the host permission,
 * and the encryption keys kept on this device.
 */
import { browser } from 'wxt/browser';
import type { VerbatimDb } from '../db/schema';
import { SyncFailure, createClient, type CouchClient } from '../sync/couch';
import { plainSealer, sealerFromKeys, type Sealer } from '../sync/crypto';
import type { SyncConfig } from '../sync/types';
import { checkServerUrl } from '../sync/url';
import { loadSyncKeys } from './sync-config';

/** The pattern `permissions` takes for everything at an origin. */
export const originPattern = (origin: string) => `${origin}/*`;

/** Whether Verbatim may reach `origin` (the install grants every site, unless the user restricted it). */
export async function hasHostAccess(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(origin)] });
  } catch {
    return false;
  }
}

/** The background's client and sealer for `config`; throws a SyncFailure the status can show. */
export async function connectSync(db: VerbatimDb, config: SyncConfig): Promise<{ client: CouchClient; sealer: Sealer }> {
  const url = checkServerUrl(config.url);
  if (!url.ok) throw new SyncFailure(url.error.code, url.error.detail);
  if (!(await hasHostAccess(url.origin))) throw new SyncFailure('noPermission');
  let sealer = plainSealer();
  if (config.encrypted) {
    const keys = await loadSyncKeys(db);
    // Encryption on, but no key here (a profile copied without its database): the passphrase again.
    if (!keys?.length) throw new SyncFailure('encryptionMismatch', 'no key on this device');
    sealer = sealerFromKeys(keys);
  }
  return { client: createClient(config), sealer };
}
