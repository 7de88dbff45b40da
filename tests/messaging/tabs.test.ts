import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { normalizeUrl } from '../../utils/extract/url';
import { refreshTabs, tabShowing } from '../../utils/messaging/tabs';

const PAGE = 'https://blog.example/article/';
const showingPage = (tabUrl: string) => normalizeUrl(tabUrl) === PAGE;

/** The open tabs, as `tabs.query` gives them for the web page patterns. */
const TABS = [
  { id: 1, url: 'https://other.example/', active: true },
  { id: 2, url: `${PAGE}?utm_source=nl#part-2`, active: false },
  { id: 3, url: 'not a url', active: true },
  { id: 4, url: PAGE, active: true },
  { id: undefined, url: PAGE, active: false },
  { id: 6, active: true },
];

/** What each tab was sent, and the scripts injected into each. */
let sent: Array<[number, string]>;
let injected: Array<[number, string[]]>;
/** The tabs where only the loader runs: they cannot answer. */
let loaderOnly: Set<number>;

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  injected = [];
  loaderOnly = new Set();
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async (q: { url: string[] }) => {
    expect(q).toEqual({ url: ['http://*/*', 'https://*/*'] });
    return TABS;
  }) as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string }) => {
    if (loaderOnly.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
    sent.push([tabId, message.type]);
    return { ok: true, value: true };
  }) as never);
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (o: { target: { tabId: number }; files: string[] }) => {
    injected.push([o.target.tabId, o.files]);
    return [];
  }) as never);
});
afterEach(() => vi.restoreAllMocks());

describe('the tab helpers', () => {
  it('find a tab showing a page by its normalised URL, the active one first', async () => {
    expect((await tabShowing(PAGE))?.id).toBe(4);
    expect((await tabShowing('https://other.example/'))?.id).toBe(1);
    expect(await tabShowing('https://nowhere.example/')).toBeUndefined();
  });

  it('ask every web page tab, or those showing one page, to redraw its notes', async () => {
    await refreshTabs();
    expect(sent.map(([id]) => id).sort()).toEqual([1, 2, 3, 4]);
    sent = [];
    await refreshTabs(showingPage);
    expect(sent.sort()).toEqual([[2, 'refresh'], [4, 'refresh']]);
    expect(injected).toEqual([]);
  });

  it('bring the page script to a tab where only the loader runs, if its page has notes now', async () => {
    loaderOnly = new Set([2, 4]);
    const asked: string[] = [];
    await refreshTabs(showingPage, async (url) => (asked.push(url), url === PAGE));
    expect(asked).toEqual([PAGE, PAGE]);
    expect(injected.sort()).toEqual([[2, ['/page.js']], [4, ['/page.js']]]);
  });
});
