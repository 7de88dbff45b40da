import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { indexText, pageText } from '../../utils/anchoring';

/**
 * Reads a page's text for a check of quotes against their sources (issue #17): injected by the
 * extension page running the check into the background tab it opened on the source
 * (utils/platform/source-tab.ts), never into a page the user is reading. Returns (as
 * `executeScript`'s result) the text exactly as the page script reads it to anchor highlights
 * (utils/anchoring/text.ts: the same root, the same skipped elements, the same block
 * boundaries), and the HTTP status of the page's own load, so a 404 or a 500 is "could not load",
 * not every quote "gone". Sends nothing, listens to nothing, leaves nothing behind.
 */
export default defineUnlistedScript(() => {
  const nav = performance.getEntriesByType('navigation')[0] as (PerformanceEntry & { responseStatus?: number }) | undefined;
  const status = nav?.responseStatus;
  return { ...pageText(indexText(document.body ?? document.documentElement)), ...(status ? { status } : {}) };
});
