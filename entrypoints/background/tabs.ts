import { normalizeUrl } from '../../utils/extract/url';
import { pageHasNotes } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { injectScript, LOADER_SCRIPT, PAGE_SCRIPT } from '../../utils/messaging/rpc';
import { webPageTabs } from '../../utils/messaging/tabs';

/**
 * Brings Verbatim into every open web page tab the browser lets us script: on install or update,
 * the browser injects manifest content scripts only into pages loaded afterwards, and reports no
 * navigation for the pages already open. Each tab gets the loader, and a tab whose page has notes
 * the page script too (their notes are drawn without a reload). A tab that refuses (a store page,
 * a PDF viewer) is skipped; each script's own guard makes a second copy a no-op.
 * Resolves to the number of tabs that got the loader.
 */
export async function injectIntoOpenTabs(db: VerbatimDb): Promise<number> {
  const tabs = await webPageTabs();
  const done = await Promise.all(
    tabs.map(async ({ id, url }) => {
      if (id === undefined) return false;
      try {
        await injectScript(id, LOADER_SCRIPT);
      } catch {
        return false;
      }
      try {
        if (url && (await pageHasNotes(db, normalizeUrl(url)))) await injectScript(id, PAGE_SCRIPT);
      } catch {
        // The loader is there: the page script comes with the user's first selection.
      }
      return true;
    }),
  );
  return done.filter(Boolean).length;
}
