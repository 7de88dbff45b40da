import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectIntoOpenTabs } from '../../entrypoints/background/tabs';
import type { VerbatimDb } from '../../utils/db/schema';
import { dbPerTest } from '../support/db';
import { highlight } from '../support/library';

let db: VerbatimDb;
dbPerTest((fresh) => (db = fresh));
beforeEach(async () => {
  fakeBrowser.reset();
  await db.notes.add(highlight({ id: crypto.randomUUID(), url: 'https://example.org/noted', exact: 'a passage', selectors: [] }));
});
afterEach(() => vi.restoreAllMocks());

describe('on install or update', () => {
  it('brings the loader into every open web page, and the page script where the page has notes, skipping the tabs that refuse', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 1, url: 'https://example.org/plain' },
      { id: 2, url: 'https://example.org/noted' },
      { id: undefined },
      { id: 4, url: 'https://example.org/noted?utm_medium=mail' },
      { id: 5, url: 'https://example.org/noted' },
    ] as never);
    const injected: Array<[number, string[]]> = [];
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (o: { target: { tabId: number; frameIds: number[] }; files: string[] }) => {
      if (o.target.tabId === 2) throw new Error('Cannot access contents of the page');
      expect(o.target.frameIds).toEqual([0]);
      injected.push([o.target.tabId, o.files]);
      return [];
    }) as never);
    expect(await injectIntoOpenTabs(db)).toBe(3);
    expect(query).toHaveBeenCalledWith({ url: ['http://*/*', 'https://*/*'] });
    expect(injected).toEqual([
      [1, ['/loader.js']],
      [4, ['/loader.js']],
      [5, ['/loader.js']],
      [4, ['/page.js']],
      [5, ['/page.js']],
    ]);
  });
});
