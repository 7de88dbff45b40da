// End-to-end encryption against a real server: what the server holds, what a second browser
// with the passphrase can open, and what nobody can. (IndexedDB: fake-indexeddb, the setup file.)
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type CouchClient, type CouchDoc } from '../../utils/sync/couch';
import { expectPlain, KEYCHECK_ID, plainSealer, sealerFromKeys, unlockEncryption, type Sealer } from '../../utils/sync/crypto';
import { SyncFailure } from '../../utils/sync/http';
import { basicHeader, startCouch, type CouchServer } from '../support/couch-server';

const PASSPHRASE = 'correct horse battery staple';
const NOTE_TEXT = 'A passage only I should read: the mushroom soup recipe';
const PAGE_URL = 'https://example.org/private/diary?entry=42';

let couch: CouchServer;
beforeAll(async () => { couch = await startCouch({ inMemory: true }); }, 60_000);
afterAll(async () => { await couch?.stop(); });

async function freshLibrary(): Promise<CouchClient> {
  return createClient(couch.config(await couch.createDb('crypto')));
}

/** Every document as the server stores it, `_local` ones aside. */
async function serverJson(client: CouchClient): Promise<string> {
  const db = (await client.info()).db_name;
  const res = await fetch(`${couch.url}/${db}/_all_docs?include_docs=true`, { headers: basicHeader(couch.auth) });
  return await res.text();
}

const noteDoc = (id: string): CouchDoc => ({
  _id: `note:${id}`, type: 'note', hlc: '000001700000000:00000:dev', v: 1,
  data: { id, text: NOTE_TEXT, url: PAGE_URL, tags: ['secret-tag'] },
});

async function failureOf(p: Promise<unknown>): Promise<SyncFailure> {
  try { await p; } catch (error) { if (error instanceof SyncFailure) return error; throw error; }
  throw new Error('expected a SyncFailure');
}

describe('unlockEncryption', () => {
  it('seals documents so the server holds none of their text, and a second browser with the passphrase opens them', async () => {
    const first = await freshLibrary();
    const unlocked = await unlockEncryption(first, PASSPHRASE);
    expect(unlocked.created).toBe(true);
    const articleId = await unlocked.sealer.idOf('article', PAGE_URL);
    const sealed = await Promise.all([noteDoc('n1'), { _id: articleId, type: 'article', hlc: 'h', v: 1, data: { url: PAGE_URL, title: 'My diary' } }].map((d) => unlocked.sealer.seal(d)));
    const results = await first.bulkDocs(sealed);
    expect(results.every((r) => r.rev)).toBe(true);

    const stored = await serverJson(first);
    for (const secret of [NOTE_TEXT, 'mushroom', 'secret-tag', PAGE_URL, 'example.org', 'My diary', PASSPHRASE]) expect(stored).not.toContain(secret);
    expect(stored).toContain(KEYCHECK_ID);
    expect(articleId).toMatch(/^article:[0-9a-f]{64}$/);
    // The id is keyed: not the plain SHA-256 a server could compute from a guessed URL.
    expect(articleId).not.toBe(await plainSealer().idOf('article', PAGE_URL));

    // The second browser: another client, only the passphrase in common.
    const second = createClient(couch.config((await first.info()).db_name));
    const other = await unlockEncryption(second, PASSPHRASE);
    expect(other.created).toBe(false);
    expect(await other.sealer.idOf('article', PAGE_URL)).toBe(articleId);
    const [note] = await second.bulkGet(['note:n1']);
    const opened = await other.sealer.open(note!);
    expect(opened).toEqual({ type: 'note', hlc: '000001700000000:00000:dev', v: 1, data: noteDoc('n1').data });
  });

  it('refuses a wrong passphrase and writes nothing', async () => {
    const client = await freshLibrary();
    await unlockEncryption(client, PASSPHRASE);
    const before = await serverJson(client);
    const seqBefore = (await client.info()).update_seq;
    const failure = await failureOf(unlockEncryption(client, 'correct horse battery stapler'));
    expect(failure.code).toBe('wrongPassphrase');
    expect((await client.info()).update_seq).toEqual(seqBefore);
    expect(await serverJson(client)).toBe(before);
  });

  it('keys kept as IndexedDB keeps them (structured clone, never exported) open what they sealed', async () => {
    const client = await freshLibrary();
    const { keys, sealer } = await unlockEncryption(client, PASSPHRASE);
    expect(keys.every((k) => !k.extractable)).toBe(true);
    const idb = new Dexie('crypto-keys-test');
    idb.version(1).stores({ sync: 'key' });
    await idb.table('sync').put({ key: '~key', keys });
    const kept = (await idb.table('sync').get('~key')) as { keys: CryptoKey[] };
    idb.close();
    const restored = sealerFromKeys(kept.keys);
    const sealed = await sealer.seal(noteDoc('n2'));
    expect((await restored.open(sealed)) as { data: unknown }).toMatchObject({ data: { text: NOTE_TEXT } });
    expect(await restored.idOf('body', PAGE_URL)).toBe(await sealer.idOf('body', PAGE_URL));
  });
});

describe('a sealed document', () => {
  let sealer: Sealer;
  beforeAll(async () => { sealer = (await unlockEncryption(await freshLibrary(), PASSPHRASE)).sealer; });

  it('does not open once altered, or moved to another id', async () => {
    const sealed = await sealer.seal({ ...noteDoc('n3'), _rev: '1-abc' });
    expect(Object.keys(sealed).sort()).toEqual(['_id', '_rev', 'enc', 'v']);
    const enc = sealed.enc as { iv: string; ct: string };
    const bytes = Buffer.from(enc.ct, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    const altered = { ...sealed, enc: { ...enc, ct: bytes.toString('base64') } };
    await expect(sealer.open(altered)).rejects.toThrow(/cannot decrypt note:n3: another key, altered, or moved/);
    await expect(sealer.open({ ...sealed, _id: 'note:other' })).rejects.toThrow(/cannot decrypt note:other/);
    await expect(sealer.open({ ...sealed, enc: { iv: enc.iv } })).rejects.toThrow(/not a sealed document/);
    expect(await sealer.open(sealed)).toMatchObject({ type: 'note', data: { text: NOTE_TEXT } });
  });

  it('seals the same document differently each time (a fresh iv)', async () => {
    const a = await sealer.seal(noteDoc('n4'));
    const b = await sealer.seal(noteDoc('n4'));
    expect(a.enc).not.toEqual(b.enc);
  });

  it('does not open with another library\'s keys, even with the same passphrase', async () => {
    const other = (await unlockEncryption(await freshLibrary(), PASSPHRASE)).sealer;
    await expect(other.open(await sealer.seal(noteDoc('n5')))).rejects.toThrow(/cannot decrypt/);
  });
});

describe('encryption on one side only', () => {
  it('a clear document in an encrypted library, and a sealed one on a device without encryption, are mismatches', async () => {
    const client = await freshLibrary();
    const { sealer } = await unlockEncryption(client, PASSPHRASE);
    expect((await failureOf(sealer.open(noteDoc('n6')))).code).toBe('encryptionMismatch');
    expect((await failureOf(plainSealer().open(await sealer.seal(noteDoc('n6'))))).code).toBe('encryptionMismatch');
    expect((await failureOf(expectPlain(client))).code).toBe('encryptionMismatch');
    await expect(expectPlain(await freshLibrary())).resolves.toBeUndefined();
  });

  it('without encryption, documents go as they are and page ids are the SHA-256 of the URL', async () => {
    const plain = plainSealer();
    expect(await plain.seal(noteDoc('n7'))).toEqual(noteDoc('n7'));
    // echo -n 'https://example.org/' | sha256sum
    expect(await plain.idOf('article', 'https://example.org/')).toBe('article:8198d1bac40a1033653a78e48800cefc9e6b974ff075c66e5548b5c1e145a2b0');
  });
});

describe('image bytes', () => {
  it('are base64 without encryption (well-formed only), and encrypted as bytes with it, bound to their document id', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    const plain = plainSealer();
    const clear = await plain.sealBytes('image:a', bytes);
    expect(clear).toBe('iVBORw0KGgoA/w==');
    expect(await plain.openBytes('image:a', clear)).toEqual(bytes);
    for (const bad of ['iVBORw0KGgoA/w=', 'iVBORw0K GgoA/w==', 'iVBO!w0KGgoA/w==', 42, undefined]) await expect(plain.openBytes('image:a', bad)).rejects.toThrow();

    const { sealer } = await unlockEncryption(await freshLibrary(), PASSPHRASE);
    const sealed = await sealer.sealBytes('image:a', bytes);
    expect(JSON.stringify(sealed)).not.toContain('iVBORw0KGgo');
    expect(await sealer.openBytes('image:a', sealed)).toEqual(bytes);
    await expect(sealer.openBytes('image:b', sealed)).rejects.toThrow(/cannot decrypt/);
    await expect(sealer.openBytes('image:a', clear)).rejects.toThrow(/in clear/);
    expect((await failureOf(plain.openBytes('image:a', sealed))).code).toBe('encryptionMismatch');
  });
});
