import { browser } from 'wxt/browser';
import { normalizeUrl, isHttpUrl, sameOrigin } from '../../utils/extract/url';
import { MAX_CANONICAL_URL } from '../../utils/extract/meta';
import { notesForPage, originMayHaveNotes } from '../../utils/db/aliases';
import { pageHasNotes } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { isPageNote } from '../../utils/domain/notes';
import { MAX_DECLARED } from '../../utils/messaging/protocol';
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

/** Reads, in one document of a tab, the addresses its page declares for itself (canonical, `og:url`, AMP), as absolute URLs. */
export type ReadDeclared = (tabId: number, documentId?: string) => Promise<unknown>;

/**
 * Once a page without notes of its own has loaded: when its origin has notes (or an article names
 * an address of it), reads the addresses the page declares for itself, and gives it the page
 * script if they bring it notes to draw (utils/db/aliases.ts, rule 3: its own origin only). So
 * notes made on an article's canonical page show on another path of the same site that names it
 * as its canonical or its `og:url`, which the URL alone cannot tell. Pages of a site without notes
 * pay nothing more than two indexed lookups. Resolves to whether it injected; never throws.
 */
export async function onLoaded(db: VerbatimDb, read: ReadDeclared, inject: InjectInto, nav: Navigation): Promise<boolean> {
  const topLevel = nav.frameType ? nav.frameType === 'outermost_frame' : nav.frameId === 0;
  if (!topLevel || !isHttpUrl(nav.url)) return false;
  try {
    const url = normalizeUrl(nav.url);
    // A page with notes of its own got the script when it committed (onNavigated).
    if ((await pageHasNotes(db, url)) || !(await originMayHaveNotes(db, url))) return false;
    const found = await read(nav.tabId, nav.documentId);
    const declared = declaredOf(found, url);
    if (declared.length === 0) return false;
    if (!(await notesForPage(db, url, declared)).some((n) => !isPageNote(n))) return false;
    await inject(nav.tabId, PAGE_SCRIPT, nav.documentId);
    return true;
  } catch {
    return false;
  }
}

/** What a page said it declares, checked as the page script's own `pageNotes` request is: http(s), its origin, normalised, three at most. */
function declaredOf(found: unknown, url: string): string[] {
  if (!Array.isArray(found)) return [];
  const out = new Set<string>();
  for (const value of found.slice(0, 8)) {
    if (typeof value !== 'string' || value.length > MAX_CANONICAL_URL || !isHttpUrl(value) || !sameOrigin(value, url)) continue;
    const normal = normalizeUrl(value);
    if (normal !== url) out.add(normal);
  }
  return [...out].slice(0, MAX_DECLARED);
}

/**
 * Runs in the page's document, in the extension's isolated world (serialised by
 * `scripting.executeScript`: nothing from outside it). Reads through the prototypes, which the
 * page cannot shadow with named elements (utils/dom/pristine.ts), and only reads: the page sees
 * nothing of it.
 */
function declaredInPage(): string[] {
  const query = Document.prototype.querySelectorAll;
  const attr = Element.prototype.getAttribute;
  const out: string[] = [];
  const add = (value: string | null) => {
    if (!value) return;
    try {
      out.push(new URL(value.trim(), location.href).href);
    } catch {
      // Not a URL: nothing declared.
    }
  };
  for (const link of query.call(document, 'link[rel][href]')) {
    if (/(?:^|\s)(?:canonical|amphtml)(?:\s|$)/i.test(attr.call(link, 'rel') ?? '')) add(attr.call(link, 'href'));
  }
  for (const meta of query.call(document, 'meta[property][content]')) {
    if ((attr.call(meta, 'property') ?? '').toLowerCase() === 'og:url') add(attr.call(meta, 'content'));
  }
  return out.slice(0, 8);
}

/** Reads a tab's declared addresses with `declaredInPage`, in the document named (its top frame when none is). */
export async function readDeclared(tabId: number, documentId?: string): Promise<unknown> {
  const [result] = await browser.scripting.executeScript({
    target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] },
    func: declaredInPage,
  });
  return result?.result;
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
  nav.onDOMContentLoaded.addListener((details: Navigation) => onLoaded(db, readDeclared, inject, details), filter);
  return true;
}

interface NavigationEvent {
  addListener(listener: (details: Navigation) => unknown, filter?: { url: Array<{ schemes: string[] }> }): void;
}
interface WebNavigation {
  onCommitted: NavigationEvent;
  onHistoryStateUpdated: NavigationEvent;
  onReferenceFragmentUpdated: NavigationEvent;
  onDOMContentLoaded: NavigationEvent;
}
