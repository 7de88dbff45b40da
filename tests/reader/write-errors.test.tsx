// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { VerbatimDb } from '../../utils/db/schema';
import { PageHighlights } from '../../utils/page/page-highlights';
import { msg } from '../support/i18n';
import { renderPerTest } from '../support/preact';
import { selectInReader, showReader, storeClipped, stubRangeRects } from '../support/reader';

// The reader's writes: a passage saved from its toolbar is drawn in the tabs showing the article's
// page, and says so in the toolbar when it is not saved; its first draw says so when it fails.

const PAGE = 'https://blog.example/composter/';
const TEXT = 'Le lombricomposteur tient sur un balcon.';
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

let db: VerbatimDb;
let host: HTMLElement;
renderPerTest((t) => ({ db, host } = t));

beforeEach(async () => {
  stubRangeRects();
  await storeClipped(db, { url: PAGE, title: 'Composter' }, { html: `<p>${TEXT}</p>`, text: TEXT });
});

const show = () => showReader(db, host);

/** "lombricomposteur", selected by the mouse. */
const selectPassage = () => selectInReader(host, 'lombricomposteur');

describe('the reader', () => {
  it('has the tabs showing the article’s page draw a passage saved here, as one saved there', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 1, url: `${PAGE}#commentaires` },
      { id: 2, url: 'https://blog.example/autre/' },
    ] as never);
    const asked: number[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number) => {
      asked.push(tabId);
      return { ok: true, value: true };
    }) as never);
    await show();
    await selectPassage();
    await act(() => host.querySelector<HTMLButtonElement>('.reader-toolbar [data-action="highlight"]')!.click());
    await vi.waitFor(() => expect(asked).toEqual([1]));
    expect((await db.notes.toArray()).map((n) => [n.url, n.exact])).toEqual([[PAGE, 'lombricomposteur']]);
  });

  it('says in its toolbar that a passage was not saved when storage is full, and keeps the selection to try again', async () => {
    await show();
    await selectPassage();
    vi.spyOn(db.notes, 'add').mockRejectedValueOnce(quota());
    await act(() => host.querySelector<HTMLButtonElement>('.reader-toolbar [data-action="highlight"]')!.click());
    await vi.waitFor(() => expect(host.querySelector('.reader-toolbar [role="alert"]')?.textContent).toBe(msg('storageFullNotSaved')));
    // The click's own mouseup does not wipe the message.
    await act(() => {
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return new Promise((r) => setTimeout(r, 10));
    });
    expect(host.querySelector('.reader-toolbar [role="alert"]')?.textContent).toBe(msg('storageFullNotSaved'));
    expect(await db.notes.count()).toBe(0);
    expect(document.getSelection()!.toString()).toBe('lombricomposteur');

    // Tried again, saved: the toolbar goes.
    await act(() => host.querySelector<HTMLButtonElement>('.reader-toolbar [data-action="quote"]')!.click());
    await vi.waitFor(() => expect(host.querySelector('.reader-toolbar')).toBeNull());
    expect((await db.notes.toArray()).map((n) => [n.kind, n.exact])).toEqual([['quote', 'lombricomposteur']]);
  });

  it('says when the highlights could not be drawn, and still shows the article', async () => {
    vi.spyOn(PageHighlights.prototype, 'show').mockRejectedValue(new Error('no highlighter'));
    await show();
    await vi.waitFor(() => expect(host.querySelector('.reader [role="alert"]')?.textContent).toBe(msg('highlightsNotShown', 'no highlighter')));
    expect(host.querySelector('.reader-body')!.textContent).toBe(TEXT);
  });
});
