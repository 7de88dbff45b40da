import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectLoaderIntoOpenTabs } from '../../entrypoints/background/tabs';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('on install or update', () => {
  it('injects the loader into every open web page, skipping the tabs that refuse', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 1 }, { id: 2 }, { id: undefined }, { id: 4 }] as never);
    const injected: Array<[number, string[]]> = [];
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (o: { target: { tabId: number; frameIds: number[] }; files: string[] }) => {
      if (o.target.tabId === 2) throw new Error('Cannot access contents of the page');
      expect(o.target.frameIds).toEqual([0]);
      injected.push([o.target.tabId, o.files]);
      return [];
    }) as never);
    expect(await injectLoaderIntoOpenTabs()).toBe(2);
    expect(query).toHaveBeenCalledWith({ url: ['http://*/*', 'https://*/*'] });
    expect(injected).toEqual([
      [1, ['/loader.js']],
      [4, ['/loader.js']],
    ]);
  });
});
