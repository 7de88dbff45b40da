import { getSettings, saveClip } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import type { Article, ArticleDraft, LeftOutImage, SavedImage } from '../domain/model';
import { MAX_IMAGE_BYTES, fromBase64, type FetchedImages } from '../extract/images';
import { callTab } from '../messaging/rpc';

/**
 * Saves an article the tab's clipper extracted, with its images unless the user turned image
 * saving off (options). The images are fetched by the clipper in the tab (utils/extract/images.ts
 * says why there), at most {@link MAX_IMAGE_BYTES} per article, and stored as Blobs with the copy;
 * the article is saved even when no image could be fetched (each is then left out, and the reader
 * says so in its place). Rejects, with nothing written, when the copy was not saved.
 */
export async function saveClipWithImages(db: VerbatimDb, tabId: number, draft: ArticleDraft): Promise<Article> {
  const urls = draft.imageUrls ?? [];
  if (!urls.length || (await getSettings(db)).saveImages === false) return saveClip(db, draft);
  const reply = await callTab(tabId, 'fetchImages', { urls, maxBytes: MAX_IMAGE_BYTES });
  return saveClip(db, draft, reply.ok ? storedImages(urls, reply.value) : { saved: [], leftOut: urls.map((url) => ({ url, reason: 'unreachable' })) });
}

/**
 * The clipper's reply as stored: only images the article names (the page answered for itself), as
 * Blobs; every other image of the article left out, unreachable unless the clipper said why.
 */
export function storedImages(urls: readonly string[], reply: FetchedImages): { saved: SavedImage[]; leftOut: LeftOutImage[] } {
  const wanted = new Set(urls);
  const saved = new Map<string, SavedImage>();
  for (const image of reply.images) {
    if (!wanted.has(image.url) || saved.has(image.url)) continue;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = fromBase64(image.data);
    } catch {
      continue;
    }
    saved.set(image.url, { url: image.url, type: image.type, data: new Blob([bytes], { type: image.type }) });
  }
  const reasons = new Map(reply.skipped.map((s) => [s.url, s.reason]));
  const leftOut = urls.filter((url) => !saved.has(url)).map((url): LeftOutImage => ({ url, reason: reasons.get(url) ?? 'unreachable' }));
  return { saved: [...saved.values()], leftOut };
}
