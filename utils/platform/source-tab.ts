import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { PageText } from '../anchoring';
import { offset } from '../domain/record-schemas';
import { MAX_PAGE_TEXT } from '../messaging/protocol';
import { SourceUnavailable, type OpenedSource, type SourceOpener } from '../quotes/check-sources';

/** The script that reads a page's text in a source tab (entrypoints/page-text). */
export const PAGE_TEXT_SCRIPT = '/page-text.js';

/** How long a source page may take to load before it is "could not load". */
export const LOAD_TIMEOUT_MS = 30_000;

/** What the page-text script answers, checked: the page is hostile, and its text is only data. */
const PageTextReply = v.object({
  text: v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT)),
  starts: v.pipe(v.array(offset), v.maxLength(MAX_PAGE_TEXT)),
  breaks: v.pipe(v.array(offset), v.maxLength(MAX_PAGE_TEXT)),
  status: v.optional(v.pipe(v.number(), v.integer())),
});

/** Resolves once the tab has loaded its page; rejects on timeout, on abort, or if the tab goes. */
function loaded(tabId: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: unknown) => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onUpdated = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') done();
    };
    const onRemoved = (id: number) => {
      if (id === tabId) done(new SourceUnavailable({ reason: 'error' }));
    };
    const onAbort = () => done(signal.reason);
    const timer = setTimeout(() => done(new SourceUnavailable({ reason: 'timeout', seconds: Math.round(timeoutMs / 1000) })), timeoutMs);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    // A page served fast may have loaded before the listeners were there.
    browser.tabs.get(tabId).then(
      (tab) => {
        const pending = (tab as { pendingUrl?: string }).pendingUrl;
        if (tab.status === 'complete' && !pending && tab.url && tab.url !== 'about:blank') done();
      },
      () => done(new SourceUnavailable({ reason: 'error' })),
    );
  });
}

/** The text the tab's page reads now, through the page-text script; SourceUnavailable when it cannot be read or its server refused it. */
async function readTab(tabId: number): Promise<PageText> {
  let result: unknown;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [PAGE_TEXT_SCRIPT as '/page.js'] });
    result = injection?.result;
  } catch {
    // An error page, a PDF viewer, a page the browser does not let extensions script.
    throw new SourceUnavailable({ reason: 'error' });
  }
  const reply = v.safeParse(PageTextReply, result);
  if (!reply.success) throw new SourceUnavailable({ reason: 'error' });
  const { status, ...text } = reply.output;
  if (status !== undefined && status >= 400) throw new SourceUnavailable({ reason: 'http', status });
  return text;
}

/**
 * Opens source pages in background tabs (issue #17): `active: false`, so the user stays where
 * they are, and muted. A tab, rather than a `fetch` and a DOMParser, because many pages render
 * their text with scripts, and a tab reads the page exactly as the user's browser shows it, with
 * their cookies, consent and paywall access, as when they made the note. It needs no permission
 * beyond the host access and `scripting` Verbatim already has (no new install warning), and the
 * page's own load is the only network use. Each tab is closed once read, or on timeout, abort or
 * failure; `closeAll` closes those still open (the check's page is going away).
 */
export function sourceTabs(timeoutMs = LOAD_TIMEOUT_MS): { open: SourceOpener; closeAll(): void } {
  const open = new Set<number>();
  const close = async (id: number) => {
    open.delete(id);
    await browser.tabs.remove(id).catch(() => undefined);
  };
  return {
    open: async (url, signal) => {
      if (signal.aborted) throw signal.reason;
      const tab = await browser.tabs.create({ url, active: false }).catch(() => {
        throw new SourceUnavailable({ reason: 'error' });
      });
      const id = tab.id;
      if (id === undefined) throw new SourceUnavailable({ reason: 'error' });
      open.add(id);
      try {
        const ready = loaded(id, timeoutMs, signal);
        // Awaited below: not an unhandled rejection if it fails while the tab is being muted.
        ready.catch(() => undefined);
        await browser.tabs.update(id, { muted: true }).catch(() => undefined);
        await ready;
      } catch (e) {
        await close(id);
        throw e;
      }
      const source: OpenedSource = { read: () => readTab(id), close: () => close(id) };
      return source;
    },
    closeAll: () => {
      for (const id of open) void close(id);
    },
  };
}
