/**
 * Saved images through sync (issue #15), end to end in Node: two devices (fake-indexeddb) through
 * a real CouchDB-compatible server the test starts (pouchdb-server, or COUCHDB_URL).
 */
import { Blob as NodeBlob } from 'node:buffer';
import { beforeEach, describe, expect, it } from 'vitest';
import type { VerbatimDb } from '../../utils/db/schema';
import { saveClip } from '../../utils/db/repo';
import { deleteArticleChange } from '../../utils/db/changes';
import type { PageMeta, SavedImage } from '../../utils/domain/model';
import { createClient } from '../../utils/sync/couch';
import { plainSealer, toBase64, unlockEncryption, type Sealer } from '../../utils/sync/crypto';
import { syncOnce } from '../../utils/sync/engine';
import type { SyncConfig } from '../../utils/sync/types';
import { MAX_IMAGE_BYTES } from '../../utils/extract/images';
import { putRaw, serverDocs, syncDevices } from '../support/sync-devices';

const devices = syncDevices('images');
let config: SyncConfig;
let A: VerbatimDb;
let B: VerbatimDb;
beforeEach(() => void ({ config, A, B } = devices.current()));

const plain = plainSealer();
const sync = (db: VerbatimDb, opts: { sealer?: Sealer; fetchFn?: typeof fetch; imageBytes?: number } = {}) =>
  syncOnce({ db, client: createClient(config, opts.fetchFn ?? fetch), sealer: opts.sealer ?? plain, ...(opts.imageBytes ? { imageBytes: opts.imageBytes } : {}) });

const PAGE: PageMeta = { url: 'https://example.com/article', title: 'An article' };
const FIG = 'https://example.com/fig.png';
const PHOTO = 'https://example.com/photo.png';
const HTML = `<p>Body <img src="${FIG}"> and <img src="${PHOTO}"></p>`;

/** A PNG signature and `size` bytes that no other test byte pattern shares. */
function png(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([137, 80, 78, 71, 13, 10, 26, 10]);
  let x = seed;
  for (let i = 8; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}
// Node's Blob: what fake-indexeddb's structured clone keeps.
const blob = (bytes: Uint8Array<ArrayBuffer>) => new NodeBlob([bytes], { type: 'image/png' }) as Blob;
const FIG_BYTES = png(300_000, 1);
const PHOTO_BYTES = png(1_200_000, 2);

async function clip(db: VerbatimDb, text = 'Body') {
  const saved: SavedImage[] = [
    { url: FIG, type: 'image/png', data: blob(FIG_BYTES) },
    { url: PHOTO, type: 'image/png', data: blob(PHOTO_BYTES) },
  ];
  return saveClip(db, { ...PAGE, html: HTML, text, wordCount: 1, readingMinutes: 1 }, { saved, leftOut: [] });
}

async function imagesOn(db: VerbatimDb): Promise<Map<string, { type: string; bytes: Uint8Array }>> {
  const article = await db.articles.where('url').equals(PAGE.url).first();
  const body = article && (await db.bodies.get(article.id));
  const out = new Map<string, { type: string; bytes: Uint8Array }>();
  for (const img of body?.images ?? []) out.set(img.url, { type: img.type, bytes: new Uint8Array(await img.data.arrayBuffer()) });
  return out;
}

/** Byte-identical (vitest's deep equality walks a megabyte element by element). */
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a).equals(Buffer.from(b));


/** Counts the bytes this device sends to `_bulk_docs`. */
function metered(): { fetchFn: typeof fetch; sent: () => number } {
  let sent = 0;
  const fetchFn: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('_bulk_docs') && typeof init?.body === 'string') sent += init.body.length;
    return fetch(input, init);
  };
  return { fetchFn, sent: () => sent };
}

describe('saved images', () => {
  it('a clip with two images on A arrives on B with both, byte for byte; pushing the body again does not send them again', async () => {
    const meter = metered();
    await clip(A);
    expect(await sync(A, { fetchFn: meter.fetchFn })).toMatchObject({ refused: 0 });
    const first = meter.sent();
    expect(first).toBeGreaterThan(((FIG_BYTES.length + PHOTO_BYTES.length) * 4) / 3);
    expect((await serverDocs(config)).filter((d) => String(d._id).startsWith('image:'))).toHaveLength(2);

    expect(await sync(B)).toMatchObject({ refused: 0 });
    const onB = await imagesOn(B);
    expect([...onB.keys()]).toEqual([FIG, PHOTO]);
    expect([onB.get(FIG)?.type, onB.get(PHOTO)?.type]).toEqual(['image/png', 'image/png']);
    expect(same(onB.get(FIG)?.bytes, FIG_BYTES) && same(onB.get(PHOTO)?.bytes, PHOTO_BYTES)).toBe(true);

    // The copy clipped again with the same images: the body goes, its images do not.
    await clip(A, 'Body, clipped again');
    expect(await sync(A, { fetchFn: meter.fetchFn })).toMatchObject({ pushed: 2 });
    expect(meter.sent() - first).toBeLessThan(5_000);
    await sync(B);
    expect((await B.bodies.toArray())[0]).toMatchObject({ text: 'Body, clipped again' });
    expect(same((await imagesOn(B)).get(PHOTO)?.bytes, PHOTO_BYTES)).toBe(true);

    // One image changed, one dropped: only the changed one goes, the dropped one leaves the server and B.
    const changed = png(1_000, 3);
    await saveClip(A, { ...PAGE, html: `<p>Body <img src="${FIG}"></p>`, text: 'Less', wordCount: 1, readingMinutes: 1 }, { saved: [{ url: FIG, type: 'image/png', data: blob(changed) }], leftOut: [] });
    const before = meter.sent();
    await sync(A, { fetchFn: meter.fetchFn });
    expect(meter.sent() - before).toBeLessThan(10_000);
    expect((await serverDocs(config)).filter((d) => String(d._id).startsWith('image:'))).toHaveLength(1);
    await sync(B);
    const after = await imagesOn(B);
    expect([...after.keys()]).toEqual([FIG]);
    expect(same(after.get(FIG)?.bytes, changed)).toBe(true);
  });

  it('with encryption the server holds no image bytes in clear, and B with the passphrase gets them', async () => {
    await clip(A);
    const onA = await unlockEncryption(createClient(config), 'correct horse battery staple');
    await sync(A, { sealer: onA.sealer });
    const raw = JSON.stringify(await serverDocs(config));
    // Base64 of a run of bytes starting at a multiple of 3 appears as is in the base64 of the whole.
    for (const bytes of [FIG_BYTES, PHOTO_BYTES]) {
      expect(raw).not.toContain(toBase64(bytes.subarray(3_000, 3_060)));
      expect(raw).not.toContain(toBase64(bytes.subarray(0, 30)));
    }
    expect(raw).not.toContain(FIG);
    const onB = await unlockEncryption(createClient(config), 'correct horse battery staple');
    expect(await sync(B, { sealer: onB.sealer })).toMatchObject({ refused: 0 });
    const images = await imagesOn(B);
    expect(same(images.get(FIG)?.bytes, FIG_BYTES) && same(images.get(PHOTO)?.bytes, PHOTO_BYTES)).toBe(true);
  });

  it('an image at the 5 MB cap, encrypted, stays under CouchDB\'s 8 MB document limit and arrives', async () => {
    const big = png(MAX_IMAGE_BYTES, 4);
    await saveClip(A, { ...PAGE, html: `<p><img src="${PHOTO}"></p>`, text: 'Big', wordCount: 1, readingMinutes: 1 }, { saved: [{ url: PHOTO, type: 'image/png', data: blob(big) }], leftOut: [] });
    const onA = await unlockEncryption(createClient(config), 'correct horse battery staple');
    await sync(A, { sealer: onA.sealer });
    const sizes = (await serverDocs(config)).map((d) => new TextEncoder().encode(JSON.stringify(d)).length);
    expect(Math.max(...sizes)).toBeGreaterThan(MAX_IMAGE_BYTES);
    expect(Math.max(...sizes)).toBeLessThan(8_000_000);
    expect(await sync(B, { sealer: onA.sealer })).toMatchObject({ refused: 0 });
    expect(same((await imagesOn(B)).get(PHOTO)?.bytes, big)).toBe(true);
  });

  it('without encryption, the same pattern is found: the search above would see the bytes', async () => {
    await clip(A);
    await sync(A);
    expect(JSON.stringify(await serverDocs(config))).toContain(toBase64(PHOTO_BYTES.subarray(3_000, 3_060)));
  });

  it('a pull holds at most its budget of fetched images: the batch is stored up to there and the feed read on from there', async () => {
    const pages = ['one', 'two', 'three'].map((name, i) => ({ url: `https://example.com/${name}`, src: `https://example.com/${name}.png`, bytes: png(300_000, 10 + i) }));
    for (const p of pages) {
      await saveClip(A, { url: p.url, title: p.url, html: `<p><img src="${p.src}"></p>`, text: 'x', wordCount: 1, readingMinutes: 1 }, { saved: [{ url: p.src, type: 'image/png', data: blob(p.bytes) }], leftOut: [] });
    }
    await sync(A);
    let feeds = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('_changes')) feeds++;
      return fetch(input, init);
    };
    expect(await sync(B, { fetchFn: counting, imageBytes: 400_000 })).toMatchObject({ pulled: 6, refused: 0 });
    expect(feeds).toBeGreaterThanOrEqual(3);
    for (const p of pages) {
      const article = (await B.articles.where('url').equals(p.url).first())!;
      const images = (await B.bodies.get(article.id))?.images ?? [];
      expect(images).toHaveLength(1);
      expect(same(new Uint8Array(await images[0]!.data.arrayBuffer()), p.bytes)).toBe(true);
    }
  });

  it('a deleted article takes its images with it, on the server and on B', async () => {
    await clip(A);
    await sync(A);
    await sync(B);
    expect((await imagesOn(B)).size).toBe(2);
    await deleteArticleChange(A, (await A.articles.toCollection().first())!.id, true);
    await sync(A);
    expect((await serverDocs(config)).filter((d) => String(d._id).startsWith('image:'))).toHaveLength(0);
    await sync(B);
    expect(await B.articles.count()).toBe(0);
    expect(await B.bodies.count()).toBe(0);
  });

  it('an invalid image document is refused and counted; the copy arrives without it, nothing else changed', async () => {
    await clip(A);
    await sync(A);
    const figId = await plain.idOf('image', `${PAGE.url}\n${FIG}`);
    const photoId = await plain.idOf('image', `${PAGE.url}\n${PHOTO}`);
    const docs = new Map((await serverDocs(config)).map((d) => [d._id, d]));
    const fig = docs.get(figId)!;
    const photo = docs.get(photoId)!;
    // Not base64 (the digest listed still the right one), and a type that is no image.
    await putRaw(config, { ...fig, bytes: `${String(fig.bytes).slice(0, 100)}!!not base64` });
    await putRaw(config, { ...photo, data: { ...(photo.data as object), type: 'text/html' } });
    expect(await sync(B)).toMatchObject({ refused: 2 });
    const article = (await B.articles.where('url').equals(PAGE.url).first())!;
    expect(await B.bodies.get(article.id)).toMatchObject({ html: HTML, images: [] });

    // A body listing an image that is no image type is refused whole: B keeps what it had.
    const body = (await serverDocs(config)).find((d) => String(d._id).startsWith('body:'))!;
    const data = body.data as { images: Array<Record<string, unknown>> };
    await putRaw(config, { ...body, data: { ...data, text: 'changed', images: [{ ...data.images[0], type: 'text/html' }] } });
    expect(await sync(B)).toMatchObject({ refused: 1, pulled: 0 });
    expect(await B.bodies.get(article.id)).toMatchObject({ text: 'Body' });
  });
});
