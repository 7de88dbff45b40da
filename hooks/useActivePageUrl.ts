import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isHttpUrl, normalizeUrl } from '../utils/extract/url';

/**
 * The normalised URL of the page the reader is looking at: the active tab of the last focused
 * normal window, followed as tabs are switched and pages change.
 */
export function useActivePageUrl(): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const refresh = async () => {
      try {
        const win = await browser.windows.getLastFocused({ windowTypes: ['normal'] });
        const [tab] = await browser.tabs.query({ active: true, windowId: win.id });
        setUrl(tab?.url && isHttpUrl(tab.url) ? normalizeUrl(tab.url) : null);
      } catch {
        setUrl(null);
      }
    };
    void refresh();
    const onUpdated = (_id: number, info: { url?: string; status?: string }) => {
      if (info.url || info.status === 'complete') void refresh();
    };
    const onFocus = () => void refresh();
    browser.tabs.onActivated.addListener(onFocus);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows.onFocusChanged.addListener(onFocus);
    return () => {
      browser.tabs.onActivated.removeListener(onFocus);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows.onFocusChanged.removeListener(onFocus);
    };
  }, []);
  return url;
}
