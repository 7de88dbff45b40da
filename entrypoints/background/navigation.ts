import { browser } from 'wxt/browser';
import { normalizeUrl, isHttpUrl } from '../../utils/extract/url';
import { pageHasNotes } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { PAGE_SCRIPT } from '../../utils/messaging/rpc';

/**
 * The background tells a tab it has notes, so the loader in every page never has to ask (issue
 * #12). Asking meant touching the extension API in every page at `document_start`, and the first
 * touch of `chrome.runtime` builds its bindings in the page's isolated world: about 1 ms of script
 * in every page, with or without notes (docs/benchmarks/page-cost.md). The browser reports each
 * committed navigation of a top-level document instead, here, where one indexed lookup decides,
 * and only a page with notes gets the page script, injected into the very document that committed.
 *
 * Chrome only: `webNavigation` adds no install warning next to the host permissions there, while
 * Firefox would show a new one ("Access browser activity during navigation"), so in Firefox the
 * loader still asks (entrypoints/loader).
 */

/** What a navigation event says (the fields of `webNavigation`'s details this needs). */
export interface Navigation {
  tabId: number;
  frameId: number;
  url: string;
  /** Chrome: the document that committed; the injection goes to it and no other. */
  documentId?: string;
  /** Chrome: `outermost_frame` for a tab's page, prerendered or not (a prerender's frameId is not 0). */
  frameType?: string;
}

/** Injects an extension script into one document of a tab (its top frame when no document is named). */
export type InjectInto = (tabId: number, file: string, documentId?: string) => Promise<void>;

/**
 * Handles one navigation: a top-level http(s) page whose normalised URL has notes gets the page
 * script. Resolves to whether it was injected; never throws (a tab closed or navigated away in
 * the meantime refuses the injection, and that is no error).
 */
export async function onNavigated(db: VerbatimDb, inject: InjectInto, nav: Navigation): Promise<boolean> {
  const topLevel = nav.frameType ? nav.frameType === 'outermost_frame' : nav.frameId === 0;
  if (!topLevel || !isHttpUrl(nav.url)) return false;
  try {
    if (!(await pageHasNotes(db, normalizeUrl(nav.url)))) return false;
    await inject(nav.tabId, PAGE_SCRIPT, nav.documentId);
    return true;
  } catch {
    return false;
  }
}

/**
 * Follows every committed top-level navigation in web pages: a new document (load, reload, back
 * and forward, a page restored from the back/forward cache), and the URL changes of single-page
 * apps (`history.pushState`, hash routes). The page script, once in a page, follows its URL
 * changes itself; a page that reaches a URL with notes gets it here.
 * Returns false where the browser has no `webNavigation` (Firefox's build does not ask for it).
 */
export function watchNavigation(db: VerbatimDb, inject: InjectInto): boolean {
  const nav = (browser as unknown as { webNavigation?: WebNavigation }).webNavigation;
  if (!nav) return false;
  const filter = { url: [{ schemes: ['http', 'https'] }] };
  const listener = (details: Navigation) => onNavigated(db, inject, details);
  nav.onCommitted.addListener(listener, filter);
  nav.onHistoryStateUpdated.addListener(listener, filter);
  nav.onReferenceFragmentUpdated.addListener(listener, filter);
  return true;
}

interface NavigationEvent {
  addListener(listener: (details: Navigation) => unknown, filter?: { url: Array<{ schemes: string[] }> }): void;
}
interface WebNavigation {
  onCommitted: NavigationEvent;
  onHistoryStateUpdated: NavigationEvent;
  onReferenceFragmentUpdated: NavigationEvent;
}
