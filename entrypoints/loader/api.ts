import type { Envelope, LoaderProtocol, Reply, Request, Result } from '../../utils/messaging/protocol';

/**
 * The loader's line to the background: its two calls, `LoaderProtocol` (utils/messaging/protocol.ts,
 * with their schemas). The envelope is built by hand, with no polyfill and no valibot, to keep the
 * loader small; its types come from the protocol module (types only: nothing of it is bundled),
 * so a call's name, payload or reply cannot drift from what the background answers.
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

type LoaderCallName = keyof LoaderProtocol;
/** A call's name and payload, as the protocol defines them. */
type LoaderArgs = { [K in LoaderCallName]: [type: K, payload: Request<LoaderProtocol, K>] }[LoaderCallName];

/** One of the loader's calls; resolves to its reply, or undefined for a refusal or an orphaned loader. */
export type LoaderCall = (...args: LoaderArgs) => Promise<Reply<LoaderProtocol, LoaderCallName> | undefined>;

/** Sends one call; resolves to its value, or undefined for a refusal or an orphaned loader. */
export function caller(api: () => ExtensionApi | undefined = extensionApi): LoaderCall {
  return async (type, payload) => {
    try {
      const runtime = api()?.runtime;
      if (!runtime) return undefined;
      const reply = (await runtime.sendMessage({ verbatim: 1, type, payload } satisfies Envelope<LoaderCallName>)) as
        | Result<Reply<LoaderProtocol, LoaderCallName>>
        | undefined;
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
