import { browser } from 'wxt/browser';
import { normalizeUrl } from '../extract/url';
import { callTab, injectScript, PAGE_SCRIPT } from './rpc';
import { WEB_PAGES } from './web-pages';

/** Every tab showing a web page (`WEB_PAGES`): the only tabs Verbatim has anything to say to. */
export const webPageTabs = () => browser.tabs.query({ url: [...WEB_PAGES] });

/** The web page tabs whose URL `showing` accepts (a URL it throws on is not accepted). */
async function tabsWhere(showing: (tabUrl: string) => boolean) {
  return (await webPageTabs()).filter((tab) => {
    try {
      return tab.url !== undefined && showing(tab.url);
    } catch {
      return false;
    }
  });
}

/** A tab already showing the page `url` (normalised): an active one if there is one, else the first. */
export async function tabShowing(url: string) {
  const showing = await tabsWhere((tabUrl) => normalizeUrl(tabUrl) === url);
  return showing.find((tab) => tab.active) ?? showing[0];
}

/** Whether a page (normalised URL) has notes: the database's answer, given by the caller. */
export type PageHasNotes = (url: string) => Promise<boolean>;

/**
 * Asks the page script of every web page tab (or of those `showing` accepts) to redraw. A tab
 * where only the loader runs cannot answer (in Chrome the loader listens to nothing): if its page
 * has notes now (`hasNotes`: an import, an undo), it gets the page script, which draws them.
 * Tabs the browser does not let us script are skipped quietly.
 */
export async function refreshTabs(showing: (tabUrl: string) => boolean = () => true, hasNotes?: PageHasNotes): Promise<void> {
  const tabs = await tabsWhere(showing);
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined)
      .map(async (tab) => {
        const reply = await callTab(tab.id!, 'refresh', {});
        if (reply.ok || reply.error !== 'unreachable' || !hasNotes) return;
        try {
          if (await hasNotes(normalizeUrl(tab.url!))) await injectScript(tab.id!, PAGE_SCRIPT);
        } catch {
          // A tab the browser does not let us script, or one closed meanwhile.
        }
      }),
  );
}
