import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractArticle } from '../../utils/extract';
import { fetchImages } from '../../utils/extract/images';
import { serveTab } from '../../utils/messaging/rpc';

/**
 * The clipper: Readability, metadata and sanitising, injected into a tab's isolated world only
 * when the user clips its article (utils/messaging/rpc.ts `callTab`), never in every page. It answers
 * `extractArticle` and `fetchImages` (the article's images, when it is saved) and nothing else; injected again, it does nothing (one copy per page).
 */
export default defineUnlistedScript(() => {
  const KEY = Symbol.for('verbatim.clip');
  const g = globalThis as Record<symbol, unknown>;
  if (g[KEY]) return;
  g[KEY] = true;
  serveTab({
    extractArticle: () => extractArticle(document, location.href),
    // The page's own fetch: images come as the page gets them, with no host permission of ours.
    fetchImages: ({ urls, maxBytes }) => fetchImages(urls, maxBytes, fetch.bind(globalThis)),
  });
});
