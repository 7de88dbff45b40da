import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { solidPng as png } from '../support/png';
import { waitFor } from '../support/wait';
import { useSession, type Row, type WebPage } from './fixtures';
import { Reader } from './pages/reader';

// The reader as a place to read, offline: a clipped article's images saved with its copy and
// served from storage (opening it asks the web for nothing), and passages made, opened, changed
// and deleted there with every colour, kind, note and tag.

const PASSAGE = 'A worm bin fits on the smallest balcony';
const LATER = 'Feed them little and often';
const para = (n: number) =>
  `<p>${Array.from({ length: 40 }, (_, i) => `word${n}${i}`).join(' ')}.</p>`;
const ARTICLE = (crossOrigin: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Composting on a balcony</title></head>
<body><article>
<h1>Composting on a balcony</h1>
<p>${PASSAGE}, and it turns kitchen scraps into compost in a few months without any smell at all.</p>
<figure><img src="bin.png" alt="The worm bin" width="320" height="120"><figcaption>The bin, lid open.</figcaption></figure>
${para(1)}
<p>${LATER}: a handful of peelings twice a week is plenty for a small colony of worms.</p>
<figure><img src="huge.png" alt="A very large photograph"></figure>
<figure><img src="${crossOrigin}/leaves.png" alt="Leaves from another site"></figure>
${para(2)}
<figure><img src="soil.png" alt="Finished compost" width="320" height="80"></figure>
${para(3)}
</article></body></html>`;

describe('the reader', () => {
  // A second origin for the cross-origin image: the same server under another name, without CORS.
  let crossOrigin = '';
  const browser = useSession({
    pages: {
      'bin.png': png(320, 120, [120, 170, 90]),
      'soil.png': png(320, 80, [110, 80, 50]),
      // Over the 5 MB per-article cap on its own.
      'huge.png': new Uint8Array(6 * 1024 * 1024),
    },
  });
  let tab: WebPage;
  let reader: Reader;
  let articleId: string;

  beforeAll(async () => {
    crossOrigin = browser.origin.replace('127.0.0.1', 'localhost');
    browser.serve('compost.html', ARTICLE(crossOrigin));
    tab = await browser.open('compost.html');
    const popup = await browser.popup(tab);
    await popup.clip().catch(async (e: unknown) => {
      console.log('POPUP', await popup.page.locator('body').innerText());
      throw e;
    });
    await popup.close();
    const articles = await browser.rows('articles');
    articleId = String(articles.find((a) => String(a.url).endsWith('/compost.html'))!.id);
  });

  it('saves the article’s images with its copy when it is clipped, within the cap', async () => {
    const body = (await browser.rows('bodies')).find((b: Row) => b.id === articleId)!;
    expect((body.images as Array<{ url: string; type: string }>).map((i) => [i.url.replace(browser.origin, ''), i.type])).toEqual([
      ['/bin.png', 'image/png'],
      ['/soil.png', 'image/png'],
    ]);
    expect(body.imagesLeftOut).toEqual([
      { url: `${browser.origin}/huge.png`, reason: 'tooLarge' },
      { url: `${crossOrigin}/leaves.png`, reason: 'unreachable' },
    ]);
  });

  it('shows them offline: served from storage, the others as placeholders, and no request to the web', async () => {
    const context = browser.session.context;
    const heard: string[] = [];
    const listen = (r: Request) => void heard.push(r.url());
    context.on('request', listen);
    try {
      // The interceptor hears the web: loading the page again is heard.
      await tab.page.reload();
      await waitFor(async () => heard.some((u) => u.endsWith('/bin.png')), 5000, 'the page’s own image request heard');
      heard.length = 0;

      reader = await Reader.open(browser.session, articleId);
      await reader.waitImages(2);
      await reader.page.waitForTimeout(500);
      const { shown, missing } = await reader.images();
      expect(shown.map((i) => [i.alt, i.src.startsWith('blob:chrome-extension://'), i.width])).toEqual([
        ['The worm bin', true, 320],
        ['Finished compost', true, 320],
      ]);
      expect(missing).toEqual([
        'Image not saved (over the 5 MB per-article limit). A very large photograph',
        'Image not saved (the page did not let it be fetched). Leaves from another site',
      ]);
      await reader.page.getByText('1 image was over the 5 MB per-article limit and was not saved.', { exact: false }).waitFor();
      // The interceptor heard the reader load (its page and scripts), and nothing from the web;
      // nothing was even attempted and refused by the page's CSP.
      expect(heard.some((u) => u.startsWith(`chrome-extension://${browser.session.extensionId}/reader.html`))).toBe(true);
      expect(heard.filter((u) => /^https?:/i.test(u))).toEqual([]);
      expect(await reader.violations()).toEqual([]);
      await reader.screenshot('reader-images.png', { fullPage: true });
      // The control: a remote image put in the page is refused, and the check above would see it.
      await reader.page.evaluate((src) => document.body.append(Object.assign(document.createElement('img'), { src })), `${browser.origin}/bin.png`);
      await waitFor(async () => (await reader.violations()).some((v) => v.startsWith('img-src')), 5000, 'a remote image refused');
      await reader.page.evaluate(() => document.body.lastElementChild!.remove());
    } finally {
      context.off('request', listen);
    }
  });

  it('makes a green highlight with a note and a tag', async () => {
    await reader.select(PASSAGE);
    await reader.toolbar.locator('[data-color="green"]').click();
    await reader.card.waitFor();
    await reader.card.getByRole('textbox', { name: 'Note' }).fill('Try in spring');
    const tag = reader.card.getByRole('combobox', { name: 'Add a tag' });
    await tag.fill('garden');
    await tag.press('Enter');
    await reader.card.locator('.tag-name', { hasText: 'garden' }).waitFor();
    await reader.screenshot('reader-card.png');
    await reader.page.keyboard.press('Escape');
    await reader.card.waitFor({ state: 'detached' });
    await waitFor(async () => (await browser.rows('notes')).some((n) => n.note === 'Try in spring'), 5000, 'the note saved');
    const [note] = await browser.rows('notes');
    expect(note).toMatchObject({ exact: PASSAGE, kind: 'highlight', color: 'green', note: 'Try in spring', tags: ['garden'] });
  });

  it('opens a drawn passage on a click, to change its kind and colour, and deletes it with an Undo', async () => {
    await reader.openCard('smallest');
    expect(await reader.card.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Try in spring');
    await reader.card.getByRole('radio', { name: 'Quote' }).click();
    await reader.card.locator('[data-color="purple"]').click();
    await waitFor(async () => (await browser.rows('notes'))[0]?.color === 'purple', 5000, 'recoloured');
    const before = (await browser.rows('notes'))[0]!;
    expect(before).toMatchObject({ kind: 'quote', color: 'purple', note: 'Try in spring', tags: ['garden'] });

    await reader.card.getByRole('button', { name: 'Delete' }).click();
    await reader.card.waitFor({ state: 'detached' });
    await waitFor(async () => (await browser.rows('notes')).length === 0, 5000, 'deleted');
    await reader.page.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await browser.rows('notes')).length === 1, 5000, 'restored');
    expect((await browser.rows('notes'))[0]).toEqual(before);
    // Drawn again, and opens again.
    await reader.openCard('smallest');
  });

  it('attaches a note whose passage was lost to the passage selected again in the copy, with Attach here', async () => {
    const url = String((await browser.rows('articles')).find((a) => a.id === articleId)!.url);
    const lost = 'Feed them a little, and not too often';
    await browser.put('notes', {
      id: '00000000-0000-4000-8000-0000000000aa', url, kind: 'highlight', color: 'blue', exact: lost,
      selectors: [{ type: 'TextQuoteSelector', exact: lost }], note: 'How much?', tags: ['worms'],
      createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, orphanedAt: 1_700_000_000_001,
    });
    await reader.page.reload();
    await reader.select(LATER);
    await reader.toolbar.getByRole('button', { name: 'Attach here' }).click();
    await waitFor(async () => (await browser.rows('notes')).some((n) => n.id === '00000000-0000-4000-8000-0000000000aa' && n.exact === LATER), 10_000, 'the note attached');
    const attached = (await browser.rows('notes')).find((n) => n.id === '00000000-0000-4000-8000-0000000000aa')!;
    expect(attached).toMatchObject({ exact: LATER, color: 'blue', note: 'How much?', tags: ['worms'] });
    expect(attached).not.toHaveProperty('orphanedAt');
    // Drawn there now: a click opens its card, with its note.
    await reader.openCard(LATER);
    expect(await reader.card.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('How much?');
    await reader.screenshot('reader-attached.png');
  });
});
