import type { Browser } from 'wxt/browser';
import type { VerbatimDb } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/extract/url';
import {
  editorRequests,
  extensionPageRequests,
  loaderRequests,
  pageRequests,
  parseRequest,
  type EditorProtocol,
  type ExtensionPageProtocol,
  type LoaderProtocol,
  type PageProtocol,
  type Request,
  type Reply,
  type Result,
} from '../../utils/messaging/protocol';
import { settle } from '../../utils/messaging/rpc';
import { EDITOR_PATH } from '../../utils/page/note-editor';
import type { Caller, Handlers, Platform } from './caller';
import { editorHandlers } from './editor-handlers';
import { pageHandlers } from './page-handlers';

export type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'frameId' | 'url'>;

/** A message the background may answer; undefined for one that is not Verbatim's. */
export type Router = (message: unknown, sender: Sender) => Promise<Result<unknown>> | undefined;

const requests = { ...loaderRequests, ...pageRequests, ...editorRequests, ...extensionPageRequests };
const handlers: Handlers<LoaderProtocol & PageProtocol & EditorProtocol> = { ...pageHandlers, ...editorHandlers };

/**
 * The background's answers to its own extension pages (sync: entrypoints/background/sync.ts).
 * They touch no page's notes, so they take no database and no caller.
 */
export type ExtensionPageHandlers = {
  [K in keyof ExtensionPageProtocol]: (req: Request<ExtensionPageProtocol, K>) => Promise<Reply<ExtensionPageProtocol, K>>;
};

const noPlatform: Platform = {
  inject: () => Promise.reject(new Error('no scripting here')),
  relay: () => Promise.reject(new Error('no tabs here')),
};

const noSync: ExtensionPageHandlers = {
  syncSoon: async () => true,
  syncNow: () => Promise.reject(new Error('no sync here')),
};

/** The schemes of extension pages: a content script's sender URL is always its web page's. */
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

/**
 * Whether a sender URL is the note editor page. In Chrome it is served at a per-session URL
 * (use_dynamic_url), whose host is not the extension's id: the path and an extension scheme tell
 * it, with `sender.id`, which the browser sets and no page can forge.
 */
export function isEditorPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return EXTENSION_SCHEMES.has(parsed.protocol) && parsed.pathname === EDITOR_PATH;
  } catch {
    return false;
  }
}

/**
 * One of Verbatim's own extension pages (popup, side panel, options, reader): an extension URL.
 * With `sender.id` checked, that rules out content scripts, whose sender URL is always their web
 * page's. (Firefox's moz-extension host is a per-install UUID, not the id, so the scheme decides.)
 */
export function isExtensionPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return EXTENSION_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The page URL a request claims to be about, if it names one. */
function claimedUrl(payload: unknown): string | undefined {
  const p = payload as { url?: unknown; page?: { url?: unknown } };
  const url = p.url ?? p.page?.url;
  return typeof url === 'string' ? url : undefined;
}

type Checked = { ok: true; tabId: number; pageUrl: string } | { ok: false; error: string };

/**
 * A web page's loader or page script: the top frame of a tab, about the page that tab shows. A
 * claimed URL must be the sender's, once both are normalised.
 */
function fromPage(sender: Sender, payload: unknown): Checked {
  const senderUrl = sender.url ?? sender.tab?.url;
  const tabId = sender.tab?.id;
  if (!sender.tab || tabId === undefined || sender.frameId !== 0 || !senderUrl) {
    return { ok: false, error: 'only the top frame of a tab may call this' };
  }
  try {
    // The frame's URL as the browser reports it: Chrome's `sender.url` keeps the URL the document
    // was loaded at, while the tab's follows `history.pushState` (a single-page app's new route).
    // A claim must be one of the two; without a claim, the tab's current URL counts.
    const current = [sender.tab.url, senderUrl].flatMap((u) => (u ? [normalizeUrl(u)] : []));
    const claim = claimedUrl(payload);
    const pageUrl = claim === undefined ? current[0]! : normalizeUrl(claim);
    if (!current.includes(pageUrl)) throw new Error();
    return { ok: true, tabId, pageUrl };
  } catch {
    return { ok: false, error: 'a page may only touch its own notes' };
  }
}

/** The card's note editor: the extension's editor page, in a frame of a tab, about that tab's page. */
function fromEditor(sender: Sender): Checked {
  const tabId = sender.tab?.id;
  if (!isEditorPage(sender.url) || !sender.tab?.url || tabId === undefined) {
    return { ok: false, error: 'only the note editor in a tab may call this' };
  }
  try {
    return { ok: true, tabId, pageUrl: normalizeUrl(sender.tab.url) };
  } catch {
    return { ok: false, error: 'a page may only touch its own notes' };
  }
}

/**
 * The background's one router, built from the protocol's request schemas. A request is parsed
 * (a malformed one is refused, naming the problem), then its sender is checked once: Verbatim's
 * own (`sender.id`, which the browser sets and no page can forge), and the caller its protocol
 * names, the page (loader, page script) or the note editor. Each may only touch the notes of the
 * page its own tab shows. The handlers (./page-handlers.ts, ./editor-handlers.ts) are then told
 * who called (`Caller`). Sync's calls come from Verbatim's extension pages only (`isExtensionPage`)
 * and go to `pages` (entrypoints/background/sync.ts).
 */
export function createRouter(db: VerbatimDb, extensionId: string, platform: Platform = noPlatform, pages: ExtensionPageHandlers = noSync): Router {
  return (message, sender) => {
    const request = parseRequest(requests, message);
    if (!request) return undefined;
    if (!request.ok) return Promise.resolve(request);
    if (sender.id !== extensionId) return Promise.resolve({ ok: false, error: 'unknown sender' });
    if (Object.hasOwn(extensionPageRequests, request.type)) {
      if (!isExtensionPage(sender.url)) return Promise.resolve({ ok: false, error: 'only an extension page may call this' });
      const handler = pages[request.type as keyof ExtensionPageProtocol] as (req: unknown) => Promise<unknown>;
      return settle(() => handler(request.payload));
    }
    const checked = Object.hasOwn(editorRequests, request.type) ? fromEditor(sender) : fromPage(sender, request.payload);
    if (!checked.ok) return Promise.resolve(checked);
    const caller: Caller = { pageUrl: checked.pageUrl, tabId: checked.tabId, platform };
    const handler = handlers[request.type as keyof typeof handlers] as (db: VerbatimDb, req: unknown, caller: Caller) => Promise<unknown>;
    return settle(() => handler(db, request.payload, caller));
  };
}
