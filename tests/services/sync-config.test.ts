/**
 * Where sync's secrets live (issue #15): the setup (with the password) in extension storage, the
 * encryption keys as non-extractable CryptoKeys in the `sync` table's `~key` row; neither ever
 * reaches a backup, and the keys are never among the changes sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addNote, setSetting } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { pendingRows } from '../../utils/db/tracking';
import { exportToFile } from '../../utils/export/jobs';
import { KEY_ROW, dropSyncKeys, loadSyncKeys, readSyncConfig, saveSyncKeys, writeSyncConfig } from '../../utils/services/sync-config';
import type { SyncConfig } from '../../utils/sync/types';
import { dbPerTest } from '../support/db';
import { selectorsAt } from '../support/library';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
beforeEach(() => fakeBrowser.reset());

const CONFIG: SyncConfig = {
  enabled: true,
  url: 'https://couch.private-host.example:6984',
  database: 'my-notes-db',
  auth: { kind: 'basic', user: 'reader-ann', password: 'correct horse battery staple' },
  encrypted: true,
};

/** A non-extractable AES key, as unlockEncryption derives them. */
const aesKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

describe('sync’s setup and keys', () => {
  it('keeps the keys usable and unreadable across a reopened database, and forgets them on demand', async () => {
    await saveSyncKeys(db, [await aesKey()]);
    db.close();
    await db.open();
    const [key] = (await loadSyncKeys(db))!;
    expect(key!.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key!)).rejects.toThrow();
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key!, new TextEncoder().encode('note'));
    expect(new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key!, sealed))).toBe('note');
    await dropSyncKeys(db);
    expect(await loadSyncKeys(db)).toBeUndefined();
  });

  it('the JSON backup of a library with sync set up holds neither the password, the user, the server nor the database', async () => {
    await writeSyncConfig(CONFIG);
    await saveSyncKeys(db, [await aesKey()]);
    await addNote(db, { url: 'https://blog.example/a', title: 'An article' }, { kind: 'highlight', color: 'yellow', exact: 'a sentence', selectors: selectorsAt('a sentence', 'before ', ' after', 7) });
    await setSetting(db, 'colorNames', { yellow: 'Idea' });
    const file = await exportToFile(db, 'backup');
    const text = typeof file!.data === 'string' ? file!.data : new TextDecoder().decode(file!.data);
    expect(text).toContain('a sentence');
    for (const secret of ['correct horse', 'reader-ann', 'private-host', 'my-notes-db', 'syncConfig', KEY_ROW]) expect(text).not.toContain(secret);
    expect(await readSyncConfig()).toEqual(CONFIG);
  });

  it('the key row is never among the changes waiting to be sent', async () => {
    await saveSyncKeys(db, [await aesKey()]);
    await addNote(db, { url: 'https://blog.example/a', title: 'An article' }, { kind: 'highlight', color: 'yellow', exact: 'a sentence', selectors: selectorsAt('a sentence', 'before ', ' after', 7) });
    const keys = (await pendingRows(db, 100)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).not.toContain(KEY_ROW);
  });
});
