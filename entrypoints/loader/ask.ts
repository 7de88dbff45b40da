import type { ContentProtocol } from '../../utils/messaging/protocol';
import type { UserInput } from '../../utils/page/page-input';
import { watchLocation } from '../../utils/page/watch-location';
import type { ExtensionApi, LoaderCall } from './api';

/**
 * Firefox only: the loader asks the background whether its page has notes, once per URL.
 * In Chrome the background learns of every navigation from `webNavigation` and injects the page
 * script itself (entrypoints/background/navigation.ts), so the loader never touches the API on a
 * page without notes; Firefox would show a new install warning for `webNavigation`.
 */
export function askForNotes(state: UserInput, api: ExtensionApi, call: LoaderCall, load: () => Promise<unknown>, doc: Document = document): void {
  let asked = '';
  /** Asks whether this URL has notes (once per URL), and loads the page script if so. */
  const check = async () => {
    const href = doc.location?.href ?? '';
    if (state.page || asked === href) return;
    asked = href;
    if ((await call('hasNotes', { url: href })) !== true) return;
    // Asked at document_start, answered in parallel with parsing; the notes are drawn once the
    // document is parsed (as a document_idle script would), not against half a page.
    if (doc.readyState === 'loading') {
      await new Promise((done) => doc.addEventListener('DOMContentLoaded', done, { once: true }));
    }
    await load();
  };
  void check();
  // Single-page apps: a new URL may have notes. Once the page script runs, it follows URLs itself.
  watchLocation(() => void check(), new AbortController().signal);

  // After an extension page changed notes it asks the tabs to redraw ("refresh"): until the page
  // script runs, the loader answers by asking again whether this page has notes.
  // Only Verbatim's background and extension pages may ask (Firefox gives an extension page shown
  // in a tab a `sender.tab`: it is known by its extension URL, as in utils/messaging/rpc.ts serveTab).
  const base = api.runtime.getURL('/');
  const refresh: keyof ContentProtocol = 'refresh';
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const m = message as { verbatim?: unknown; type?: unknown } | null;
    if (state.page || m?.verbatim !== 1 || m.type !== refresh || sender.id !== api.runtime.id) return false;
    if (sender.tab && !sender.url?.startsWith(base)) return false;
    asked = '';
    void check().then(() => sendResponse({ ok: true, value: true }));
    return true;
  });
}
