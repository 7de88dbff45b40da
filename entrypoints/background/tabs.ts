import { browser } from 'wxt/browser';
import { injectScript, LOADER_SCRIPT } from '../../utils/rpc';

/**
 * Injects the loader into every open web page tab the browser lets us script: on install or
 * update, the browser injects manifest content scripts only into pages loaded afterwards. A tab
 * that refuses (a store page, a PDF viewer) is skipped; the loader's own guard makes a second
 * copy in a tab that has one a no-op.
 */
export async function injectLoaderIntoOpenTabs(): Promise<number> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  const done = await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? false
        : injectScript(tab.id, LOADER_SCRIPT).then(
            () => true,
            () => false,
          ),
    ),
  );
  return done.filter(Boolean).length;
}
