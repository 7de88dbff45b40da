import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { savedCopy, setSetting } from '../../utils/db/repo';
import { VerbatimDb } from '../../utils/db/schema';
import type { ArticleDraft } from '../../utils/domain/model';
import { toBase64 } from '../../utils/extract/images';
import { saveClipWithImages } from '../../utils/services/clip';

// A clip saves the article's images with its copy, as Blobs, unless the user turned it off; the
// copy is saved even when the images are not.

const PAGE = 'http://127.0.0.1:8080/post/';
const A = 'http://127.0.0.1:8080/a.png';
const B = 'http://127.0.0.1:8080/b.png';
const draft: ArticleDraft = {
  url: PAGE, title: 'Post', html: `<p>Text</p><img src="${A}"><img src="${B}">`, text: 'Text', wordCount: 1, readingMinutes: 1, imageUrls: [A, B],
};

let db: VerbatimDb;
let asked: Array<{ type: string; payload: unknown }>;
let reply: (payload: { urls: string[] }) => unknown;

beforeEach(() => {
  fakeBrowser.reset();
  db = new VerbatimDb(`test-${crypto.randomUUID()}`);
  asked = [];
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([] as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string; payload: { urls: string[] } }) => {
    asked.push(message);
    return reply(message.payload);
  }) as never);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('clipping an article with images', () => {
  it('stores the images the clipper fetched as Blobs with the copy, and why the others were left out', async () => {
    reply = () => ({
      ok: true,
      value: {
        images: [
          { url: A, type: 'image/png', data: toBase64(new Uint8Array([1, 2, 3])) },
          // Not an image of this article: the page answered for itself, and is not believed.
          { url: 'http://127.0.0.1:8080/other.png', type: 'image/png', data: 'AAAA' },
        ],
        skipped: [{ url: B, reason: 'tooLarge' }],
      },
    });
    const article = await saveClipWithImages(db, 7, draft);
    expect(asked.map((m) => m.type)).toEqual(['fetchImages']);
    expect(asked[0]!.payload).toEqual({ urls: [A, B], maxBytes: 5 * 1024 * 1024 });
    const copy = (await savedCopy(db, article.id))!;
    expect(copy.images.map((i) => [i.url, i.type, i.data.size])).toEqual([[A, 'image/png', 3]]);
    expect(new Uint8Array(await copy.images[0]!.data.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(copy.imagesLeftOut).toEqual([{ url: B, reason: 'tooLarge' }]);
  });

  it('saves the copy without images, each left out, when the tab cannot fetch them', async () => {
    reply = () => ({ ok: false, error: 'unreachable' });
    const article = await saveClipWithImages(db, 7, draft);
    const copy = (await savedCopy(db, article.id))!;
    expect(copy.html).toBe(draft.html);
    expect(copy.images).toEqual([]);
    expect(copy.imagesLeftOut).toEqual([
      { url: A, reason: 'unreachable' },
      { url: B, reason: 'unreachable' },
    ]);
  });

  it('refuses a reply over the cap, and saves the copy without it', async () => {
    reply = () => ({ ok: true, value: { images: [{ url: A, type: 'image/png', data: toBase64(new Uint8Array(5 * 1024 * 1024 + 3)) }], skipped: [] } });
    const copy = (await savedCopy(db, (await saveClipWithImages(db, 7, draft)).id))!;
    expect(copy.images).toEqual([]);
    expect(copy.imagesLeftOut.map((i) => i.url)).toEqual([A, B]);
  });

  it('asks the tab for nothing when image saving is off', async () => {
    await setSetting(db, 'saveImages', false);
    reply = () => {
      throw new Error('not asked');
    };
    const copy = (await savedCopy(db, (await saveClipWithImages(db, 7, draft)).id))!;
    expect(asked).toEqual([]);
    expect([copy.images, copy.imagesLeftOut]).toEqual([[], []]);
  });

  it('replaces an earlier clip’s images with the new clip’s', async () => {
    reply = () => ({ ok: true, value: { images: [{ url: A, type: 'image/png', data: 'AQID' }], skipped: [{ url: B, reason: 'unreachable' }] } });
    const first = await saveClipWithImages(db, 7, draft);
    await setSetting(db, 'saveImages', false);
    const again = await saveClipWithImages(db, 7, draft);
    expect(again.id).toBe(first.id);
    expect((await db.bodies.get(first.id))).toEqual({ id: first.id, html: draft.html, text: draft.text });
  });
});
