/**
 * A clipped article's images, saved with its copy so the reader shows them offline. Pure: the
 * clipper (entrypoints/clip/) gives its `fetch`, the tests a fake one.
 *
 * Where the fetch happens: in the clipper, in the page's isolated world. It fetches as the page
 * does (same-origin images, and cross-origin ones whose server allows CORS), usually from the
 * cache the page just filled; the extension's own pages and background fetch nothing but the sync
 * server the user set up, and no host permission is added for images. Blobs do not cross extension messaging (Chrome
 * re-encodes messages as JSON), so the reply carries base64 within a bound: at most
 * {@link MAX_IMAGE_BYTES} of images (~7 MB of base64), below the 10 MB the article's HTML may
 * already take, in one reply rather than chunks.
 */

import type { LeftOutImage } from '../domain/model';

/** Most image bytes saved per article; images past it are left out (and the reader says so). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Most images looked at per article (a gallery past it is left out). */
export const MAX_IMAGES = 100;
/** Longest image address kept (a longer one, rare and odd, is left as a placeholder). */
export const MAX_IMAGE_URL = 8_192;
/** How long one image may take to arrive before it is given up on. */
const IMAGE_TIMEOUT_MS = 10_000;

/** Image types saved: what `<img>` shows in every browser. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/svg+xml'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Why an image of the article was not saved. */
export const SKIP_REASONS = ['tooLarge', 'unreachable'] as const satisfies ReadonlyArray<LeftOutImage['reason']>;

/** An image as it crosses from the clipper: its bytes in base64. */
export interface FetchedImage {
  url: string;
  type: ImageType;
  /** The image's bytes, base64. */
  data: string;
}

export type SkippedImage = LeftOutImage;

export interface FetchedImages {
  images: FetchedImage[];
  skipped: SkippedImage[];
}

/** The http(s) images of sanitised article markup, in reading order, each once, at most {@link MAX_IMAGES}. */
export function imageUrls(root: ParentNode): string[] {
  const urls = new Set<string>();
  for (const img of root.querySelectorAll('img[src]')) {
    const src = img.getAttribute('src') ?? '';
    if (/^https?:/i.test(src) && src.length <= MAX_IMAGE_URL) urls.add(src);
    if (urls.size >= MAX_IMAGES) break;
  }
  return [...urls];
}

/** The type an image was served with, if it is one {@link IMAGE_TYPES} allows. */
export function imageType(contentType: string | null): ImageType | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return (IMAGE_TYPES as readonly string[]).includes(type) ? (type as ImageType) : undefined;
}

/** Bytes as base64 (chunked: `String.fromCharCode` takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 back to bytes. @throws DOMException on text that is not base64. */
export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** How many bytes base64 text decodes to. */
export const base64Bytes = (data: string): number => Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);

/**
 * Fetches the article's images with the page's own `fetch`, one at a time (the page's server is
 * asked no harder than by a reader scrolling), keeping those that fit `cap` in reading order.
 * An image that fails, is not an image, or takes too long is `unreachable`; one that would pass the
 * cap is `tooLarge` (its size is read from its headers when it says, so it is not downloaded).
 */
export async function fetchImages(urls: readonly string[], cap: number, fetchFn: typeof fetch): Promise<FetchedImages> {
  const images: FetchedImage[] = [];
  const skipped: SkippedImage[] = [];
  let used = 0;
  for (const url of urls.slice(0, MAX_IMAGES)) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), IMAGE_TIMEOUT_MS);
    try {
      const response = await fetchFn(url, { credentials: 'same-origin', cache: 'force-cache', signal: abort.signal, redirect: 'follow' });
      const type = imageType(response.headers.get('content-type'));
      if (!response.ok || !type) {
        skipped.push({ url, reason: 'unreachable' });
        continue;
      }
      const declared = Number(response.headers.get('content-length'));
      if (declared > 0 && used + declared > cap) {
        void response.body?.cancel().catch(() => {});
        skipped.push({ url, reason: 'tooLarge' });
        continue;
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (used + bytes.length > cap) {
        skipped.push({ url, reason: 'tooLarge' });
        continue;
      }
      used += bytes.length;
      images.push({ url, type, data: toBase64(bytes) });
    } catch {
      skipped.push({ url, reason: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
  return { images, skipped };
}
