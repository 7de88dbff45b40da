import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { errorText } from '../domain/storage-full';
import {
  contentReplies,
  contentRequests,
  describeIssues,
  envelope,
  parseRequest,
  type BackgroundProtocol,
  type ContentProtocol,
  type Reply,
  type Request,
  type Result,
} from './protocol';

/**
 * Turns anything thrown into the message a user or a log can read. A storage-full error keeps
 * its name in the text, so the other side of a message can still tell (`describeWriteError`).
 */
export const errorMessage = (e: unknown): string => errorText(e);

/** Runs a handler and answers with its Result: what it throws becomes `{ ok: false }`. */
export const settle = <T>(work: () => Promise<T>): Promise<Result<T>> =>
  Promise.resolve()
    .then(work)
    .then(
      (value) => ({ ok: true as const, value }),
      (e: unknown) => ({ ok: false as const, error: errorMessage(e) }),
    );

/**
 * The page script (or the card's note editor) → background. Never throws: a failure comes back
 * as `{ ok: false }`.
 */
export async function callBackground<K extends keyof BackgroundProtocol>(
  type: K,
  payload: Request<BackgroundProtocol, K>,
): Promise<Result<Reply<BackgroundProtocol, K>>> {
  try {
    const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as
      | Result<Reply<BackgroundProtocol, K>>
      | undefined;
    return reply ?? { ok: false, error: 'no reply from the extension' };
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  }
}

/** The loader, in every page from document_start (entrypoints/loader): declared in the manifest. */
export const LOADER_SCRIPT = '/loader.js';
/** The page script: highlighter, anchoring, toolbar and card (entrypoints/page), loaded on demand. */
export const PAGE_SCRIPT = '/page.js';
/** The clipper: Readability and sanitising (entrypoints/clip), loaded only to clip. */
export const CLIP_SCRIPT = '/clip.js';
/** The citation engine: citeproc-js and the styles (entrypoints/cite), loaded only to copy a citation in the page. */
export const CITE_SCRIPT = '/cite.js';

/**
 * Which script answers each call to a tab. Every page has only the loader (entrypoints/loader);
 * the rest is injected into the same isolated world when first needed. `refresh` and
 * `editorSaid` need none: a page without notes must not get the page script because another page
 * changed (`refreshTabs` brings it where the page has notes now; in Firefox the loader answers
 * `refresh` itself), and a card's frame exists only where the page script runs.
 */
const SCRIPT_FOR: { [K in keyof ContentProtocol]: string | null } = {
  extractArticle: CLIP_SCRIPT,
  fetchImages: CLIP_SCRIPT,
  refresh: null,
  captureSelection: PAGE_SCRIPT,
  notify: PAGE_SCRIPT,
  revealNote: PAGE_SCRIPT,
  editorSaid: null,
  declaredAddresses: PAGE_SCRIPT,
};

/**
 * Injects one of Verbatim's scripts into a tab's top frame, or into the one document named (a no-op for a script already there:
 * each starts once per page). Also how a tab opened before Verbatim was installed gets it.
 */
export async function injectScript(tabId: number, file: string, documentId?: string): Promise<void> {
  // One document (Chrome): the one a navigation event named, not whatever the tab shows by then.
  const target = documentId ? ({ tabId, documentIds: [documentId] } as unknown as { tabId: number }) : { tabId, frameIds: [0] };
  await browser.scripting.executeScript({ target, files: [file as '/page.js'] });
}

/**
 * Extension page → a tab's content script. The reply is validated: the content script runs in
 * a page, so what it sends back is treated as untrusted input.
 * `error: 'unreachable'` means no content script can answer in that tab (a browser page, a
 * store page, or one the browser does not let extensions script).
 */
export async function callTab<K extends keyof ContentProtocol>(
  tabId: number,
  type: K,
  payload: Request<ContentProtocol, K>,
): Promise<Result<Reply<ContentProtocol, K>>> {
  let reply: unknown;
  try {
    const script = SCRIPT_FOR[type];
    if (script) await injectScript(tabId, script);
    reply = await browser.tabs.sendMessage(tabId, envelope(type, payload), { frameId: 0 });
  } catch {
    return { ok: false, error: 'unreachable' };
  }
  if (typeof reply !== 'object' || reply === null) return { ok: false, error: 'unreachable' };
  const result = reply as Result<unknown>;
  if (!result.ok) return { ok: false, error: String(result.error) };
  const parsed = v.safeParse(contentReplies[type], result.value);
  if (!parsed.success) return { ok: false, error: `invalid reply: ${describeIssues(parsed.issues)}` };
  return { ok: true, value: parsed.output as Reply<ContentProtocol, K> };
}

type MessageSender = Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1];

/**
 * Listens for requests. `answer` returns a promise for the messages it takes, undefined for
 * the others. Replies go through `sendResponse` with `return true`: Chrome now defines a native
 * `browser` (so the polyfill steps aside) whose onMessage ignores a listener's returned promise,
 * while `sendResponse` works in Chrome, Firefox and under the polyfill alike.
 * Returns a function that stops listening.
 */
export function onRequest(
  answer: (message: unknown, sender: MessageSender) => Promise<Result<unknown>> | undefined,
): () => void {
  const listener = (message: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void) => {
    const reply = answer(message, sender);
    if (!reply) return false;
    reply.then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: errorMessage(e) }));
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}

/** Handlers for some of the calls an extension page or the background makes to a tab. */
export type TabHandlers = {
  [K in keyof ContentProtocol]?: (req: Request<ContentProtocol, K>) => Reply<ContentProtocol, K> | Promise<Reply<ContentProtocol, K>>;
};

/**
 * A content script answers the calls it has handlers for (the page script and the clipper share
 * a tab, each answering its own), and only from Verbatim's own extension pages and background.
 * Firefox gives an extension page shown in a tab (popup.html, sidepanel.html opened as tabs) a
 * `sender.tab`, Chrome does not: such a sender is recognised by its extension URL instead (a
 * content script's sender URL is always its web page's). Returns a function that stops.
 */
export function serveTab(handlers: TabHandlers): () => void {
  return onRequest((message, sender) => {
    const request = parseRequest(contentRequests, message);
    if (!request) return undefined;
    if (request.ok && !Object.hasOwn(handlers, request.type)) return undefined;
    if (!request.ok) return Promise.resolve(request);
    const ownPage = !sender.tab || (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);
    if (sender.id !== browser.runtime.id || !ownPage) return Promise.resolve({ ok: false, error: 'unknown sender' });
    const handler = handlers[request.type] as (req: unknown) => unknown;
    return settle(async () => handler(request.payload));
  });
}
