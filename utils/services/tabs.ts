import { pageHasNotes } from '../db/repo';
import type { VerbatimDb } from '../db/schema';
import { normalizeUrl } from '../extract/url';
import { refreshTabs } from '../messaging/tabs';

/**
 * After an extension page changed the library, the tabs showing the pages concerned redraw their
 * notes; one whose page has notes now but only the loader gets the page script (an undo, an
 * import). `urls`: the pages (normalised URLs); every web page tab when absent (an import may
 * touch any page). Every writer of the extension pages comes through here. Never rejects: a tab
 * that cannot redraw is only logged, the library is right.
 */
export async function redrawPages(db: VerbatimDb, urls?: Iterable<string>): Promise<void> {
  const pages = urls && new Set(urls);
  if (pages?.size === 0) return;
  try {
    await refreshTabs(pages && ((tabUrl) => pages.has(normalizeUrl(tabUrl))), (u) => pageHasNotes(db, u));
  } catch (e) {
    console.warn('Verbatim: tabs not redrawn after a change', e);
  }
}
