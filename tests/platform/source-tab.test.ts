import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { PAGE_TEXT_SCRIPT, sourceTabs } from '../../utils/platform/source-tab';
import { SourceUnavailable } from '../../utils/quotes/check-sources';

const URL_A = 'https://blog.example/article';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

/** The ids of the tabs open now, but the fake browser's own first one. */
const openTabs = async () => (await browser.tabs.query({})).map((t) => t.id).filter((id) => id !== 0);

/** Opens `URL_A` and says it has loaded as soon as the tab exists. */
async function openLoaded(tabs: ReturnType<typeof sourceTabs>, signal = new AbortController().signal) {
  const created = new Promise<number>((resolve) => browser.tabs.onCreated.addListener((tab) => resolve(tab.id!)));
  const opening = tabs.open(URL_A, signal);
  const id = await created;
  await new Promise((r) => setTimeout(r, 0));
  await fakeBrowser.tabs.onUpdated.trigger(id, { status: 'complete' }, (await browser.tabs.get(id))!);
  return { source: await opening, id };
}

const reply = (result: unknown) => vi.spyOn(browser.scripting, 'executeScript').mockResolvedValue([{ documentId: 'd', frameId: 0, result }] as never);

describe('sourceTabs', () => {
  it('opens the source in a background tab, reads its text with the page-text script, and closes it', async () => {
    const created = vi.spyOn(browser.tabs, 'create');
    const tabs = sourceTabs(5_000);
    const { source, id } = await openLoaded(tabs);
    expect(created).toHaveBeenCalledWith({ url: URL_A, active: false });
    const inject = reply({ text: 'Trust takes years.', starts: [0], breaks: [0, 18], status: 200 });
    expect(await source.read()).toEqual({ text: 'Trust takes years.', starts: [0], breaks: [0, 18] });
    expect(inject).toHaveBeenCalledWith({ target: { tabId: id, frameIds: [0] }, files: [PAGE_TEXT_SCRIPT] });
    await source.close();
    expect(await openTabs()).toEqual([]);
  });

  it('says a page that does not finish loading in time could not be loaded, and closes its tab', async () => {
    const error = await sourceTabs(50)
      .open(URL_A, new AbortController().signal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailable);
    expect((error as SourceUnavailable).failure).toEqual({ reason: 'timeout', seconds: 0 });
    expect(await openTabs()).toEqual([]);
  });

  it('says a page its server refused (404) could not be loaded, not that its passages are gone', async () => {
    const { source } = await openLoaded(sourceTabs(5_000));
    reply({ text: 'Not found', starts: [0], breaks: [], status: 404 });
    await expect(source.read()).rejects.toMatchObject({ failure: { reason: 'http', status: 404 } });
  });

  it('refuses what the page could make of the script’s answer, and a page that cannot be scripted', async () => {
    const { source } = await openLoaded(sourceTabs(5_000));
    reply({ text: 42, starts: 'x' });
    await expect(source.read()).rejects.toMatchObject({ failure: { reason: 'error' } });
    vi.spyOn(browser.scripting, 'executeScript').mockRejectedValue(new Error('Frame with ID 0 is showing error page'));
    await expect(source.read()).rejects.toMatchObject({ failure: { reason: 'error' } });
  });

  it('stops loading when cancelled, and closeAll closes every tab still open', async () => {
    const stop = new AbortController();
    const tabs = sourceTabs(5_000);
    const opening = tabs.open(URL_A, stop.signal).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 10));
    stop.abort(new Error('cancelled'));
    expect(await opening).toMatchObject({ message: 'cancelled' });
    await openLoaded(tabs);
    tabs.closeAll();
    await new Promise((r) => setTimeout(r, 10));
    expect(await openTabs()).toEqual([]);
  });
});
