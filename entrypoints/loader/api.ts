/**
 * The loader's line to the background: its two calls (schemas in utils/messages.ts; the envelope
 * is built by hand, with no polyfill and no valibot, to keep the loader small).
 *
 * Nothing here touches the extension API until a call is made: the first touch of
 * `chrome.runtime` builds its bindings in the page's isolated world, about 1 ms of script, and a
 * page without notes that the user never selects text in must not pay it (issue #12).
 */

export interface ExtensionApi {
  runtime: {
    id?: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: (m: unknown, s: { id?: string; tab?: unknown; url?: string }, r: (x: unknown) => void) => boolean): void;
    };
  };
}

/** The browser's own promise-based API (Firefox's `browser`, Chrome's `browser` or MV3 `chrome`). */
export function extensionApi(global: object = globalThis): ExtensionApi | undefined {
  const g = global as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = g.browser?.runtime?.id ? g.browser : g.chrome;
  return api?.runtime?.id ? api : undefined;
}

export type LoaderCall = (type: 'hasNotes' | 'loadPage', payload: object) => Promise<unknown>;

/** Sends one call; resolves to its value, or undefined for a refusal or an orphaned loader. */
export function caller(api: () => ExtensionApi | undefined = extensionApi): LoaderCall {
  return async (type, payload) => {
    try {
      const runtime = api()?.runtime;
      if (!runtime) return undefined;
      const reply = (await runtime.sendMessage({ verbatim: 1, type, payload })) as { ok?: boolean; value?: unknown } | undefined;
      return reply?.ok ? reply.value : undefined;
    } catch {
      return undefined; // the extension was updated or removed: this loader is orphaned
    }
  };
}

/**
 * Asks the background to inject the page script, once; again only if that failed. Returns the
 * function that asks.
 */
export function pageLoader(call: LoaderCall): () => Promise<unknown> {
  let loading: Promise<unknown> | null = null;
  return () =>
    (loading ??= call('loadPage', {}).then((done) => {
      if (done !== true) loading = null;
    }));
}
