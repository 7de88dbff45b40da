/**
 * A saved copy's images across devices (issue #15). Each image is its own server document,
 * `image:<h>` (h a hash of the page's URL and the image's, through the sealer: an HMAC when
 * encrypted), so a 5 MB clip never makes one document past CouchDB's 8 MB limit; its bytes are
 * base64 beside the sealed metadata, or encrypted as bytes (`Sealer.sealBytes`). The body
 * document lists its images (`images: [{ url, type, size, sha }]`), and a device pulling a body
 * fetches the ones it lacks by id: image documents are not in what the feed applies, so an image
 * never arrives before the page it belongs to. Which images this device has sent, with their
 * revisions and digests, is kept in a `~img:<article id>` row of the `sync` table: a body sent
 * again sends only the images that changed, and its tombstone deletes them on the server.
 * Why documents rather than CouchDB attachments: docs/sync.md (*Saved images*).
 */
import type { Table } from 'dexie';
import * as v from 'valibot';
import type { ArticleBody, LeftOutImage, SavedImage } from '../domain/model';
import { hlcStamp, httpUrl } from '../domain/record-schemas';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES } from '../extract/images';
import type { CouchDoc } from './couch';
import { DOC_VERSION, ImageRefSchema, jsonBytes, MAX_BODY_DOC_BYTES, type BodyRecord, type ImageRef, type Incoming } from './docs';
import type { Run } from './run';
import type { Hlc } from './types';

/** The row of the `sync` table remembering which images of a page this device has on the server. */
export const imageKey = (articleId: string) => `~img:${articleId}`;
interface SentRow {
  key: string;
  /** By image document id: its revision on the server and what it holds. */
  sent: Record<string, { rev: string; sha: string }>;
}
const sentRows = (run: Run) => run.db.sync as unknown as Table<SentRow, string>;

const imageId = (run: Run, pageUrl: string, src: string) => run.sealer.idOf('image', `${pageUrl}\n${src}`);

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const readBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** An image of a body ready to go: its reference and its Blob (read again only when sent). */
export interface Upload {
  ref: ImageRef;
  data: Blob;
}

/**
 * The images of a body as they go: those that sync (an image type, within the per-article cap)
 * and those that stay here, told to the other devices as left out (`tooLarge`), so their reader
 * says why in the image's place.
 */
export async function imagesOf(body: ArticleBody): Promise<{ uploads: Upload[]; leftOut: LeftOutImage[] }> {
  const uploads: Upload[] = [];
  const leftOut: LeftOutImage[] = [];
  for (const image of (body.images ?? []).slice(0, MAX_IMAGES)) {
    const fits = image.data.size <= MAX_IMAGE_BYTES && (IMAGE_TYPES as readonly string[]).includes(image.type) && image.url.length <= 8_192;
    if (!fits) {
      leftOut.push({ url: image.url, reason: 'tooLarge' });
      continue;
    }
    const bytes = await readBytes(image.data);
    uploads.push({ ref: { url: image.url, type: image.type as ImageRef['type'], size: bytes.length, sha: await sha256(bytes) }, data: image.data });
  }
  return { uploads, leftOut };
}

/**
 * Puts a body's images on the server before the body itself (so a device that sees the body
 * finds them): only those not already there with these bytes, and deletes those the body no
 * longer has. A body's tombstone (`uploads` undefined) deletes them all. Each image is one
 * request (at most 7 MB); what is done is remembered at once, so an interrupted push resumes.
 */
export async function pushImages(run: Run, articleId: string, pageUrl: string, hlc: Hlc, uploads: readonly Upload[] | undefined): Promise<void> {
  const key = imageKey(articleId);
  const row: SentRow = (await sentRows(run).get(key)) ?? { key, sent: {} };
  const wanted = new Map<string, Upload>();
  for (const up of uploads ?? []) wanted.set(await imageId(run, pageUrl, up.ref.url), up);
  const save = () => (Object.keys(row.sent).length ? sentRows(run).put(row) : sentRows(run).delete(key));
  for (const [id, up] of wanted) {
    if (row.sent[id]?.sha === up.ref.sha) continue;
    const doc: CouchDoc = { _id: id, type: 'image', hlc, v: DOC_VERSION, data: { page: pageUrl, ...up.ref } };
    const sealed = await run.sealer.seal(doc);
    const bytes = await run.sealer.sealBytes(id, await readBytes(up.data));
    const rev = await putOne(run, { ...sealed, bytes }, row.sent[id]?.rev);
    row.sent[id] = { rev, sha: up.ref.sha };
    await save();
  }
  for (const [id, { rev }] of Object.entries(row.sent)) {
    if (wanted.has(id)) continue;
    // A CouchDB deletion: the bytes leave the server (at its next compaction), not a tombstone of ours.
    await putOne(run, { _id: id, _deleted: true }, rev);
    delete row.sent[id];
    await save();
  }
  if (!Object.keys(row.sent).length) await save();
}

/**
 * Writes one image document based on `rev`. A conflict (another device put the same page's
 * image, or this device's record of it is stale) takes the server's revision and writes again:
 * the same image URL of the same page, the later push holds it.
 */
async function putOne(run: Run, doc: CouchDoc, rev: string | undefined): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    run.signal?.throwIfAborted();
    const [r] = await run.client.bulkDocs([rev ? { ...doc, _rev: rev } : doc], run.signal);
    await run.measured();
    if (r?.rev && !r.error) return r.rev;
    if (r?.error === 'not_found' && doc._deleted) return '';
    if (r?.error !== 'conflict' || attempt > 0) run.fail(r?.error === 'forbidden' || r?.error === 'unauthorized' ? r.error : 'server', `${doc._id}: ${r?.error ?? 'no revision'}`);
    const [current] = await run.client.bulkGet([doc._id], run.signal);
    if (!current && doc._deleted) return '';
    rev = current?._rev;
  }
}

const ImageDocSchema = v.object({
  type: v.literal('image'),
  hlc: hlcStamp,
  v: v.literal(DOC_VERSION),
  data: v.object({ page: httpUrl, ...ImageRefSchema.entries }),
});

/**
 * Gives each incoming body (with a list of images) its images as Blobs: those stored here with
 * the same bytes, the others fetched and checked (the document's id is the one its URLs give, an
 * image type, within the cap, well-formed base64 or a ciphertext this key opens, the size and
 * digest listed). A refused or missing image is counted (`refused`) and left out, or the one
 * stored here for that URL kept: nothing local is lost to it. Fetched images are held in memory
 * until the batch is stored: past `run.imageBytes` (and one body's worth), it stops and gives the
 * number of versions it did (all of them, usually); the caller stores those and leaves the rest.
 */
export async function attachImages(run: Run, incoming: readonly Incoming[]): Promise<number> {
  let fetchedBytes = 0;
  for (const [i, inc] of incoming.entries()) {
    const refs = inc.images;
    if (inc.kind !== 'body' || inc.deleted || !refs || !inc.url) continue;
    const pageUrl = inc.url;
    const article = await run.db.articles.where('url').equals(pageUrl).first();
    const stored = article ? ((await run.db.bodies.get(article.id))?.images ?? []) : [];
    const here = new Map<string, { image: SavedImage; sha?: string }>(stored.map((image) => [image.url, { image }]));
    const held: Array<SavedImage | ImageRef> = [];
    for (const ref of refs) {
      const local = here.get(ref.url);
      if (local && local.image.data.size === ref.size) {
        local.sha ??= await sha256(await readBytes(local.image.data));
        if (local.sha === ref.sha) {
          held.push(local.image);
          continue;
        }
      }
      held.push(ref);
    }
    const need = held.reduce((sum, h) => sum + ('sha' in h ? h.size : 0), 0);
    // Past the budget with images already fetched: this body and the rest wait for the next batch.
    if (fetchedBytes > 0 && fetchedBytes + need > run.imageBytes) return i;
    fetchedBytes += need;
    const images: SavedImage[] = [];
    for (const h of held) {
      if (!('sha' in h)) {
        images.push(h);
        continue;
      }
      const ref = h;
      const local = here.get(ref.url);
      const fetched = await fetchImage(run, pageUrl, ref);
      if (fetched) images.push(fetched);
      else {
        run.counts.refused++;
        if (local) images.push(local.image);
      }
    }
    (inc.record as BodyRecord).images = images;
  }
  return incoming.length;
}

async function fetchImage(run: Run, pageUrl: string, ref: ImageRef): Promise<SavedImage | undefined> {
  const id = await imageId(run, pageUrl, ref.url);
  const [raw] = await run.client.bulkGet([id], run.signal);
  await run.measured();
  if (!raw || raw._deleted || raw._id !== id) return undefined;
  // A 5 MB image is under 7 MB as a document; anything past CouchDB's own limit is not ours.
  if (jsonBytes(raw) > MAX_BODY_DOC_BYTES) return undefined;
  try {
    const { bytes: sealed, ...rest } = raw;
    const opened = v.safeParse(ImageDocSchema, await run.sealer.open(rest as CouchDoc));
    if (!opened.success) return undefined;
    const { page, url, type, size, sha } = opened.output.data;
    if (page !== pageUrl || url !== ref.url || type !== ref.type || size !== ref.size || sha !== ref.sha) return undefined;
    const bytes = await run.sealer.openBytes(id, sealed);
    if (bytes.length !== size || (await sha256(bytes)) !== sha) return undefined;
    return { url, type, data: new Blob([bytes], { type }) };
  } catch {
    return undefined;
  }
}
