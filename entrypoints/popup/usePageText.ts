import { useEffect, useState } from 'preact/hooks';
import { normalizeUrl } from '../../utils/extract/url';
import { callTab } from '../../utils/messaging/rpc';
import type { PageText } from './suggestions';

/**
 * Page texts read from tabs, once per tab and URL while the popup is open: the suggestions' live
 * query re-runs on every edit and must not ask the page to run Readability again each time.
 */
const pageTexts = new Map<string, Promise<PageText | null>>();

function readPageText(tabId: number, url: string): Promise<PageText | null> {
  const key = `${tabId} ${url}`;
  let text = pageTexts.get(key);
  if (!text) {
    text = callTab(tabId, 'extractArticle', {}).then(
      (reply) => {
        const draft = reply.ok ? reply.value : null;
        // Only the page this popup shows (it may have navigated), and only an article.
        if (!draft?.text || normalizeUrl(draft.url) !== url) return null;
        return { text: draft.text, title: draft.title, ...(draft.lang ? { lang: draft.lang } : {}) };
      },
      () => null,
    );
    pageTexts.set(key, text);
  }
  return text;
}

/**
 * The text of the tab's page when `wanted`, asked for after the popup's first paint (effects run
 * after it): Readability runs in the page, the popup draws meanwhile, and suggestions come when it
 * answers. Undefined until then, and for good if the page cannot answer (no article, a browser page).
 */
export function usePageText(tabId: number, url: string, wanted: boolean): PageText | undefined {
  const [page, setPage] = useState<PageText | undefined>(undefined);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void readPageText(tabId, url).then((p) => {
      if (live && p) setPage(p);
    });
    return () => {
      live = false;
    };
  }, [tabId, url, wanted]);
  return wanted ? page : undefined;
}
