// @vitest-environment jsdom
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ArticleDraftSchema } from '../../utils/domain/record-schemas';
import { extractArticle } from '../../utils/extract';
import { fetchImages, fromBase64, imageType, imageUrls, MAX_IMAGE_BYTES, MAX_IMAGES, toBase64 } from '../../utils/extract/images';
import { contentReplies, contentRequests } from '../../utils/messaging/protocol';
import { parse } from '../support/dom';

// The images a clip saves with its copy: which ones, fetched how, within what cap.

const markup = (html: string) => {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
};

describe('the images of an article', () => {
  it('are its http(s) images in reading order, each once; inline images and odd addresses are not fetched', () => {
    const root = markup(`
      <p><img src="https://site.example/a.png" alt="A"></p>
      <img src="data:image/png;base64,iVBORw0KGgo=">
      <img src="https://site.example/b.jpg"><img src="https://site.example/a.png">
      <img src="https://site.example/${'x'.repeat(9_000)}.png"><img alt="no source">`);
    expect(imageUrls(root)).toEqual(['https://site.example/a.png', 'https://site.example/b.jpg']);
  });

  it('are at most a hundred', () => {
    const root = markup(Array.from({ length: 150 }, (_, i) => `<img src="https://site.example/${i}.png">`).join(''));
    expect(imageUrls(root)).toHaveLength(MAX_IMAGES);
  });

  it('come with a clipped article, resolved against the page, and pass the message schema', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const url = 'http://127.0.0.1:8080/post/';
    const doc = parse(`<html><head><title>Post</title></head><body><article><h1>Post</h1><p>${words}</p><figure><img src="/img/one.png" alt="One"></figure><p>${words}</p></article></body></html>`, url);
    const draft = extractArticle(doc, url)!;
    expect(draft.imageUrls).toEqual(['http://127.0.0.1:8080/img/one.png']);
    expect(v.safeParse(ArticleDraftSchema, draft).success).toBe(true);
  });
});

describe('the image types saved', () => {
  it.each([
    ['image/png', 'image/png'],
    ['IMAGE/JPEG; charset=binary', 'image/jpeg'],
    ['image/svg+xml', 'image/svg+xml'],
    ['text/html', undefined],
    [null, undefined],
  ])('%s is %s', (header, type) => expect(imageType(header)).toBe(type));
});

describe('base64', () => {
  it('carries every byte value there and back, past the chunk size', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});

/** A fake server: each URL's bytes and type; anything else is a 404. */
function server(files: Record<string, { bytes: number; type?: string; length?: boolean }>, asked: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    const file = files[url];
    if (!file) return new Response('not found', { status: 404, headers: { 'content-type': 'text/html' } });
    if (file.bytes < 0) throw new TypeError('Failed to fetch');
    const headers: Record<string, string> = { 'content-type': file.type ?? 'image/png' };
    if (file.length !== false) headers['content-length'] = String(file.bytes);
    return new Response(new Uint8Array(file.bytes).fill(1), { headers });
  }) as typeof fetch;
}

describe('fetching the images', () => {
  const MB = 1024 * 1024;

  it('keeps images in reading order while they fit the cap; one that would pass it is skipped, a smaller one after it still fits', async () => {
    const fetchFn = server({
      'https://s.example/1.png': { bytes: 2 * MB },
      'https://s.example/2.png': { bytes: 4 * MB },
      'https://s.example/3.png': { bytes: 2 * MB, length: false },
      'https://s.example/4.png': { bytes: 2 * MB },
    });
    const urls = ['https://s.example/1.png', 'https://s.example/2.png', 'https://s.example/3.png', 'https://s.example/4.png'];
    const { images, skipped } = await fetchImages(urls, 5 * MB, fetchFn);
    expect(images.map((i) => i.url)).toEqual(['https://s.example/1.png', 'https://s.example/3.png']);
    expect(fromBase64(images[0]!.data)).toHaveLength(2 * MB);
    expect(skipped).toEqual([
      { url: 'https://s.example/2.png', reason: 'tooLarge' },
      { url: 'https://s.example/4.png', reason: 'tooLarge' },
    ]);
    // What it sends back fits the reply's schema, which bounds the message.
    expect(v.safeParse(contentReplies.fetchImages, { images, skipped }).success).toBe(true);
  });

  it('leaves out what fails, is not found, or is not an image, and goes on', async () => {
    const fetchFn = server({
      'https://s.example/page.png': { bytes: 10, type: 'text/html' },
      'https://s.example/down.png': { bytes: -1 },
      'https://s.example/ok.gif': { bytes: 10, type: 'image/gif' },
    });
    const { images, skipped } = await fetchImages(['https://s.example/gone.png', 'https://s.example/page.png', 'https://s.example/down.png', 'https://s.example/ok.gif'], MAX_IMAGE_BYTES, fetchFn);
    expect(images).toEqual([{ url: 'https://s.example/ok.gif', type: 'image/gif', data: toBase64(new Uint8Array(10).fill(1)) }]);
    expect(skipped.map((s) => s.reason)).toEqual(['unreachable', 'unreachable', 'unreachable']);
  });
});

describe('the clipper’s images on the wire', () => {
  const image = (data: string) => ({ url: 'https://s.example/a.png', type: 'image/png', data });

  it('are refused over the cap, as another type, or as something else than base64', () => {
    const big = toBase64(new Uint8Array(MAX_IMAGE_BYTES));
    expect(v.safeParse(contentReplies.fetchImages, { images: [image(big)], skipped: [] }).success).toBe(true);
    expect(v.safeParse(contentReplies.fetchImages, { images: [image(big), image('AAAA')], skipped: [] }).success).toBe(false);
    expect(v.safeParse(contentReplies.fetchImages, { images: [{ ...image('AAAA'), type: 'text/html' }], skipped: [] }).success).toBe(false);
    expect(v.safeParse(contentReplies.fetchImages, { images: [image('<svg onload=alert(1)>')], skipped: [] }).success).toBe(false);
    expect(v.safeParse(contentReplies.fetchImages, { images: [{ ...image('AAAA'), url: 'javascript:alert(1)' }], skipped: [] }).success).toBe(false);
  });

  it('are asked for within the same bounds', () => {
    expect(v.safeParse(contentRequests.fetchImages, { urls: ['https://s.example/a.png'], maxBytes: MAX_IMAGE_BYTES }).success).toBe(true);
    expect(v.safeParse(contentRequests.fetchImages, { urls: ['https://s.example/a.png'], maxBytes: MAX_IMAGE_BYTES + 1 }).success).toBe(false);
    expect(v.safeParse(contentRequests.fetchImages, { urls: ['file:///etc/passwd'], maxBytes: 1 }).success).toBe(false);
  });
});
