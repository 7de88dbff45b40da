/**
 * End-to-end encryption of the synced library (issue #15), WebCrypto only (it runs in the
 * background service worker and in Node's tests alike). The server keeps ids, revisions and
 * ciphertext: each document's body is AES-GCM-256 with a random 96-bit iv and the document's
 * `_id` as additional data (a ciphertext copied under another id does not open), and the ids of
 * articles and bodies are an HMAC of the page URL (the server cannot test a guessed URL).
 *
 * Keys: PBKDF2-SHA-256 (600,000 iterations, OWASP's 2023 figure) over the passphrase and a random
 * 16-byte salt gives 256 bits, which HKDF splits into the AES key and the HMAC key (one slow
 * derivation, two independent keys). Both are non-extractable CryptoKeys: the device keeps them
 * in IndexedDB, never their bytes. The `verbatim:keycheck` document holds the salt, the iteration
 * count and a known text sealed with the AES key, so another browser derives the same keys from
 * the same passphrase and a wrong passphrase is told at once, before anything is written.
 */
import type { CouchClient, CouchDoc } from './couch';
import { SyncFailure } from './http';

/** What the engine asks of the encryption layer, whether it is on or off. */
export interface Sealer {
  readonly encrypted: boolean;
  /** The document as it goes to the server: unchanged when off; `{ _id, _rev, v, enc }` when on. */
  seal(doc: CouchDoc): Promise<CouchDoc>;
  /** The plain body of a server document (without `_id`/`_rev` when it was sealed). Throws when it cannot be opened. */
  open(doc: CouchDoc): Promise<object>;
  /** The server id of a page's article or body (`article:<64 hex>`, a hash of the URL), or of an image (a hash of the page's and the image's URL). */
  idOf(kind: 'article' | 'body' | 'image', url: string): Promise<string>;
  /**
   * An image's bytes as they go to the server, beside the sealed document: base64 when off;
   * `{ iv, ct }` when on, the bytes encrypted as they are (not base64 inside JSON inside base64,
   * which would put a 5 MB image past CouchDB's 8 MB document limit), `<_id>#bytes` as
   * additional data.
   */
  sealBytes(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<unknown>;
  /** The bytes {@link sealBytes} sealed. Throws when they cannot be opened (not base64, another key, altered). */
  openBytes(id: string, sealed: unknown): Promise<Uint8Array<ArrayBuffer>>;
}

/** Well-formed base64: what `atob` alone would let through (whitespace, missing padding) is refused. */
// A plain character class, not groups of four: a regular expression that backtracks over a 7 MB
// string overflows the stack. The length, a multiple of 4, does the grouping.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
function strictBase64(text: unknown): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text)) throw new Error('not well-formed base64');
  return fromBase64(text);
}
const bytesAad = (id: string) => `${id}#bytes`;

export const KEYCHECK_ID = 'verbatim:keycheck';
export const PBKDF2_ITERATIONS = 600_000;
/** Bounds on the count a key check may carry: below, too weak to accept; above, a stall. */
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;
const CHECK_TEXT = 'Verbatim key check v1';
const SEALED_VERSION = 1;

const subtle = () => globalThis.crypto.subtle;
const utf8 = (s: string) => new TextEncoder().encode(s);

function hex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In chunks: String.fromCharCode(...8 MB) would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Without encryption: documents go as they are; article and body ids are the SHA-256 of the URL. */
export function plainSealer(): Sealer {
  return {
    encrypted: false,
    seal: async (doc) => doc,
    async open(doc) {
      if ('enc' in doc) throw new SyncFailure('encryptionMismatch', 'an encrypted document, and encryption is off on this device');
      return doc;
    },
    idOf: async (kind, url) => `${kind}:${hex(await subtle().digest('SHA-256', utf8(url)))}`,
    sealBytes: async (_id, bytes) => toBase64(bytes),
    async openBytes(_id, sealed) {
      if (typeof sealed === 'object' && sealed !== null) throw new SyncFailure('encryptionMismatch', 'encrypted image bytes, and encryption is off on this device');
      return strictBase64(sealed);
    },
  };
}

/** Encryption with keys already unlocked on this device: `[aes, hmac]` as unlockEncryption gave them. */
export function sealerFromKeys(keys: readonly CryptoKey[]): Sealer {
  const [aes, hmac] = keys;
  if (aes?.algorithm.name !== 'AES-GCM' || hmac?.algorithm.name !== 'HMAC') throw new Error('sync keys: expected [AES-GCM, HMAC] keys');
  return {
    encrypted: true,
    async seal(doc) {
      const { _id, _rev, ...body } = doc;
      const enc = await encrypt(aes, _id, JSON.stringify(body));
      return { _id, ...(_rev ? { _rev } : {}), v: SEALED_VERSION, enc };
    },
    async open(doc) {
      const enc = (doc as { enc?: unknown }).enc;
      if (enc === undefined) throw new SyncFailure('encryptionMismatch', 'a document in clear, and the library is encrypted');
      const body: unknown = JSON.parse(await decrypt(aes, doc._id, enc));
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('the decrypted document is not an object');
      return body;
    },
    idOf: async (kind, url) => `${kind}:${hex(await subtle().sign('HMAC', hmac, utf8(url)))}`,
    async sealBytes(id, bytes) {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(bytesAad(id)) }, aes, bytes);
      return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
    },
    async openBytes(id, sealed) {
      const { iv, ct } = (sealed ?? {}) as Partial<Sealed>;
      if (typeof sealed !== 'object' || sealed === null) throw new Error('image bytes in clear, and the library is encrypted');
      const ivBytes = strictBase64(iv);
      const ctBytes = strictBase64(ct);
      try {
        return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: ivBytes, additionalData: utf8(bytesAad(id)) }, aes, ctBytes));
      } catch {
        throw new Error(`cannot decrypt the bytes of ${id}: another key, altered, or moved from another document`);
      }
    },
  };
}

interface Sealed {
  iv: string;
  ct: string;
}

async function encrypt(key: CryptoKey, id: string, plain: string): Promise<Sealed> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(id) }, key, utf8(plain));
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

async function decrypt(key: CryptoKey, id: string, sealed: unknown): Promise<string> {
  const { iv, ct } = (sealed ?? {}) as Partial<Sealed>;
  if (typeof iv !== 'string' || typeof ct !== 'string') throw new Error('not a sealed document (no iv or ciphertext)');
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64(iv), additionalData: utf8(id) }, key, fromBase64(ct));
  } catch {
    // GCM's tag check cannot tell which: all three mean this ciphertext is not ours for this id.
    throw new Error(`cannot decrypt ${id}: another key, altered, or moved from another document`);
  }
  return new TextDecoder().decode(plain);
}

/** The two keys from the passphrase: PBKDF2 once (the slow part), then HKDF for each use. */
export async function deriveKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<[CryptoKey, CryptoKey]> {
  const material = await subtle().importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  const master = await subtle().importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8(info) });
  const aes = await subtle().deriveKey(hkdf('verbatim/sync/aes-gcm/v1'), master, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const hmac = await subtle().deriveKey(hkdf('verbatim/sync/hmac-ids/v1'), master, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
  return [aes, hmac];
}

interface KeyCheck {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  check: unknown;
}

function readKeyCheck(doc: CouchDoc): KeyCheck {
  const { salt, iterations, check } = doc as { salt?: unknown; iterations?: unknown; check?: unknown };
  if (typeof salt !== 'string' || typeof iterations !== 'number' || !Number.isInteger(iterations)) {
    throw new SyncFailure('badResponse', `${KEYCHECK_ID}: not a key check`);
  }
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) throw new SyncFailure('badResponse', `${KEYCHECK_ID}: ${iterations} iterations`);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64(salt);
  } catch {
    throw new SyncFailure('badResponse', `${KEYCHECK_ID}: salt is not base64`);
  }
  if (bytes.length < 16) throw new SyncFailure('badResponse', `${KEYCHECK_ID}: salt too short`);
  return { salt: bytes, iterations, check };
}

/**
 * Turns the passphrase into the library's keys. The first device (no `verbatim:keycheck` on the
 * server) makes a salt and writes the key check (`created: true`); any other derives with the
 * stored salt and must open the check, else `wrongPassphrase` and nothing is written. `keys` are
 * for the device to keep (IndexedDB stores CryptoKeys as they are) and give to sealerFromKeys.
 */
export async function unlockEncryption(client: CouchClient, passphrase: string): Promise<{ sealer: Sealer; keys: CryptoKey[]; created: boolean }> {
  if (!passphrase) throw new SyncFailure('wrongPassphrase', 'empty passphrase');
  const existing = await client.get(KEYCHECK_ID);
  if (existing) return { ...(await verify(existing, passphrase)), created: false };

  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const keys = await deriveKeys(passphrase, salt, PBKDF2_ITERATIONS);
  const check = await encrypt(keys[0], KEYCHECK_ID, CHECK_TEXT);
  try {
    await client.put({ _id: KEYCHECK_ID, v: SEALED_VERSION, salt: toBase64(salt), iterations: PBKDF2_ITERATIONS, check });
  } catch (error) {
    // Another browser set the library up at the same moment: its salt wins, this passphrase must open it.
    if (error instanceof SyncFailure && error.status === 409) {
      const theirs = await client.get(KEYCHECK_ID);
      if (theirs) return { ...(await verify(theirs, passphrase)), created: false };
    }
    throw error;
  }
  return { sealer: sealerFromKeys(keys), keys, created: true };
}

async function verify(doc: CouchDoc, passphrase: string): Promise<{ sealer: Sealer; keys: CryptoKey[] }> {
  const { salt, iterations, check } = readKeyCheck(doc);
  const keys = await deriveKeys(passphrase, salt, iterations);
  let text: string;
  try {
    text = await decrypt(keys[0], KEYCHECK_ID, check);
  } catch {
    throw new SyncFailure('wrongPassphrase');
  }
  if (text !== CHECK_TEXT) throw new SyncFailure('wrongPassphrase');
  return { sealer: sealerFromKeys(keys), keys };
}

/**
 * For a device with encryption off: throws `encryptionMismatch` when the library on the server
 * is encrypted (a key check exists), so it neither mixes clear documents into it nor refuses
 * every document it pulls one by one.
 */
export async function expectPlain(client: CouchClient): Promise<void> {
  if (await client.get(KEYCHECK_ID)) throw new SyncFailure('encryptionMismatch', 'the library on the server is encrypted');
}
