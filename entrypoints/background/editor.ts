import type { Browser } from 'wxt/browser';
import { tagCounts, updateNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/extract/url';
import { editorRequests, parseRequest, type EditorProtocol, type Request, type Result } from '../../utils/messaging/protocol';
import type { EditorMessage } from '../../utils/messaging/protocol';
import { EDITOR_PATH } from '../../utils/note-editor';
import { settle } from '../../utils/messaging/rpc';

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'url'>;

/** Passes the frame's signal to the content script of its tab (the top frame), never the page. */
export type Relay = (tabId: number, id: string, message: EditorMessage) => Promise<void>;

interface Caller {
  pageUrl: string;
  tabId: number;
  relay: Relay;
}

type Handlers = {
  [K in keyof EditorProtocol]: (db: VerbatimDb, req: Request<EditorProtocol, K>, caller: Caller) => Promise<ReturnType<EditorProtocol[K]>>;
};

/** The schemes of extension pages: a content script's sender URL is always its web page's. */
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

/**
 * Whether a sender URL is the editor page. In Chrome it is served at a per-session URL
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

/** The note the editor names, if it belongs to the page its tab shows. */
async function pageNote(db: VerbatimDb, id: string, pageUrl: string) {
  const note = await db.notes.get(id);
  if (!note || note.url !== pageUrl) throw new Error('no such note on this page');
  return note;
}

const handlers: Handlers = {
  editorOpen: async (db, { id }, { pageUrl }) => ({ note: await pageNote(db, id, pageUrl), tags: await tagCounts(db) }),
  editorSave: async (db, { id, patch }, { pageUrl }) => {
    await pageNote(db, id, pageUrl);
    return updateNote(db, id, patch);
  },
  editorSignal: async (db, { id, message }, { pageUrl, tabId, relay }) => {
    await pageNote(db, id, pageUrl);
    await relay(tabId, id, message);
    return true;
  },
};

/**
 * Answers the in-page card's note editor. Only that extension page may call, from a frame of a
 * tab, and only about a note of the page that tab shows: a page that frames the editor itself
 * reaches no other page's notes.
 */
export function handleEditorMessage(
  db: VerbatimDb,
  extensionId: string,
  relay: Relay,
  message: unknown,
  sender: Sender,
): Promise<Result<unknown>> | undefined {
  const request = parseRequest(editorRequests, message);
  if (!request) return undefined;
  if (!request.ok) return Promise.resolve(request);
  const tabId = sender.tab?.id;
  if (sender.id !== extensionId || !isEditorPage(sender.url) || !sender.tab?.url || tabId === undefined) {
    return Promise.resolve({ ok: false, error: 'only the note editor in a tab may call this' });
  }
  let pageUrl: string;
  try {
    pageUrl = normalizeUrl(sender.tab.url);
  } catch {
    return Promise.resolve({ ok: false, error: 'a page may only touch its own notes' });
  }
  const handler = handlers[request.type] as (db: VerbatimDb, req: unknown, caller: Caller) => Promise<unknown>;
  return settle(() => handler(db, request.payload, { pageUrl, tabId, relay }));
}
