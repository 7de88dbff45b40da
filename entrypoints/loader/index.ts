import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hasSelection, trackUserInput, userInput } from '../../utils/page-input';
import { watchLocation } from '../../utils/watch-location';
import { pinExtensionApi } from './pin';

/**
 * What the manifest puts in every web page, from `document_start`: a few kB, no UI, no
 * anchoring, no Readability. It
 * - pins the extension API before the page has any element that could shadow it (./pin.ts);
 * - follows the user's trusted input (utils/page-input.ts): a selection they make asks for the
 *   page script, which then shows the toolbar;
 * - asks the background once per URL whether the page has notes (one indexed lookup), and asks
 *   for the page script when it has.
 * Everything else (entrypoints/page: highlighter, anchoring, toolbar and card; entrypoints/clip:
 * Readability) is injected by the background into this same isolated world when needed. A page
 * without notes never gets more than this, and sees none of it.
 */
export default defineUnlistedScript(() => {
  pinExtensionApi();
  const state = userInput();
  if (state.loader) return;
  state.loader = true;
  const api = extensionApi();
  if (!api) return;

  // Its two calls (schemas in utils/messages.ts; the envelope is built by hand to stay small).
  const call = async (type: 'hasNotes' | 'loadPage', payload: object): Promise<unknown> => {
    try {
      const reply = (await api.runtime.sendMessage({ verbatim: 1, type, payload })) as { ok?: boolean; value?: unknown } | undefined;
      return reply?.ok ? reply.value : undefined;
    } catch {
      return undefined; // the extension was updated or removed: this loader is orphaned
    }
  };

  let loading: Promise<unknown> | null = null;
  /** Asks the background to inject the page script (once; again only if that failed). */
  const load = () => {
    loading ??= call('loadPage', {}).then((done) => {
      if (done !== true) loading = null;
    });
    return loading;
  };

  let asked = '';
  /** Asks whether this URL has notes (once per URL), and loads the page script if so. */
  const check = async () => {
    if (state.page || asked === location.href) return;
    asked = location.href;
    if ((await call('hasNotes', { url: location.href })) !== true) return;
    // Asked at document_start, answered in parallel with parsing; the notes are drawn once the
    // document is parsed (as a document_idle script would), not against half a page.
    if (document.readyState === 'loading') {
      await new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true }));
    }
    await load();
  };

  trackUserInput(document, { onUserSelection: () => void load() });
  // A selection the user made before this loader ran (it starts with the document, but a
  // reload keeps nothing) needs no special case: the next mouse-up or key is theirs.
  if (hasSelection(document) && state.userSelection) void load();
  void check();
  // Single-page apps: a new URL may have notes. Once the page script runs, it follows URLs itself.
  watchLocation(() => void check(), new AbortController().signal);

  // After an extension page changed notes it asks the tabs to redraw ("refresh"): until the page
  // script runs, the loader answers by asking again whether this page has notes.
  // Only Verbatim's background and extension pages may ask (Firefox gives an extension page shown
  // in a tab a `sender.tab`: it is known by its extension URL, as in utils/rpc.ts serveTab).
  const base = api.runtime.getURL('/');
  api.runtime.onMessage.addListener((message: unknown, sender: { id?: string; tab?: unknown; url?: string }, sendResponse: (r: unknown) => void) => {
    const m = message as { verbatim?: unknown; type?: unknown } | null;
    if (state.page || m?.verbatim !== 1 || m.type !== 'refresh' || sender.id !== api.runtime.id) return false;
    if (sender.tab && !sender.url?.startsWith(base)) return false;
    asked = '';
    void check().then(() => sendResponse({ ok: true, value: true }));
    return true;
  });
});

interface ExtensionApi {
  runtime: {
    id?: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: (m: unknown, s: { id?: string; tab?: unknown; url?: string }, r: (x: unknown) => void) => boolean): void };
  };
}

/** The browser's own promise-based API (Firefox's `browser`, Chrome's `browser` or MV3 `chrome`): no polyfill here. */
function extensionApi(): ExtensionApi | undefined {
  const g = globalThis as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = g.browser?.runtime?.id ? g.browser : g.chrome;
  return api?.runtime?.id ? api : undefined;
}

