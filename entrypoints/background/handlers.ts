import type { Browser } from 'wxt/browser';
import {
  addNote,
  deleteNote,
  getSettings,
  notesForUrl,
  pageHasNotes,
  recordAnchoring,
  restoreNote,
  updateNote,
} from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { locateAll } from '../../utils/anchoring';
import { normalizeUrl } from '../../utils/extract/url';
import { loaderRequests, pageRequests, parseRequest, type LoaderProtocol, type PageProtocol, type Request, type Result } from '../../utils/messaging/protocol';
import { PAGE_SCRIPT, settle } from '../../utils/messaging/rpc';

type BackgroundProtocol = LoaderProtocol & PageProtocol;
const backgroundRequests = { ...loaderRequests, ...pageRequests };

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'frameId' | 'url'>;

/** What the background does to tabs (a seam: tests pass their own). */
export interface Platform {
  /** Injects an extension script (`/page.js`, `/clip.js`) into a tab's top frame. */
  inject(tabId: number, file: string): Promise<void>;
}

/** The sender, once checked: its tab, and its page (normalised URL), checked against any claim. */
interface Caller {
  pageUrl: string;
  tabId: number;
  platform: Platform;
}

type Handlers = {
  [K in keyof BackgroundProtocol]: (
    db: VerbatimDb,
    req: Request<BackgroundProtocol, K>,
    caller: Caller,
  ) => Promise<ReturnType<BackgroundProtocol[K]>>;
};

const noPlatform: Platform = {
  inject: () => Promise.reject(new Error('no scripting here')),
};

/** A note the sender's page may touch: it must exist and belong to that page. */
async function ownNote(db: VerbatimDb, id: string, pageUrl: string) {
  const note = await db.notes.get(id);
  if (!note || note.url !== pageUrl) throw new Error('no such note on this page');
  return note;
}

const handlers: Handlers = {
  // One indexed lookup: most pages have no notes, and then get nothing more than the loader.
  hasNotes: (db, _req, { pageUrl }) => pageHasNotes(db, pageUrl),
  loadPage: async (_db, _req, { tabId, platform }) => {
    await platform.inject(tabId, PAGE_SCRIPT);
    return true as const;
  },
  pageNotes: (db, _req, { pageUrl }) => notesForUrl(db, pageUrl),
  saveNote: (db, { page, draft }) => addNote(db, page, draft),
  reportAnchoring: async (db, { found, orphaned }, { pageUrl }) => {
    await recordAnchoring(db, pageUrl, found, orphaned);
    return true as const;
  },
  updateNote: async (db, { id, patch }, { pageUrl }) => {
    await ownNote(db, id, pageUrl);
    return updateNote(db, id, patch);
  },
  deleteNote: async (db, { id }, { pageUrl }) => {
    await ownNote(db, id, pageUrl);
    return (await deleteNote(db, id)) ?? null;
  },
  restoreNote: async (db, { note }, { pageUrl }) => {
    if (note.url !== pageUrl) throw new Error('a page may only restore its own notes');
    if (await db.notes.get(note.id)) throw new Error('that note exists already');
    await restoreNote(db, note);
    return true as const;
  },
  colorNames: async (db) => ({ ...(await getSettings(db)).colorNames }),
  // Pure computation on what the page sent: no stored data is read or written.
  locateText: async (_db, { text, starts, breaks, selectors }) =>
    locateAll({ text, starts, breaks }, selectors).map((found) => found && { start: found.start, end: found.end }),
};

/** The page URL a request claims to be about, if it names one. */
function claimedUrl(payload: unknown): string | undefined {
  const p = payload as { url?: unknown; page?: { url?: unknown } };
  const url = p.url ?? p.page?.url;
  return typeof url === 'string' ? url : undefined;
}

/**
 * Answers a content script. Returns undefined for messages that are not Verbatim's.
 * A content script may only read and write the notes of the page its own tab shows, in the
 * top frame: a claimed URL must be the sender's, once both are normalised, and a note named by
 * id must belong to that page.
 */
export function handleMessage(
  db: VerbatimDb,
  extensionId: string,
  message: unknown,
  sender: Sender,
  platform: Platform = noPlatform,
): Promise<Result<unknown>> | undefined {
  const request = parseRequest(backgroundRequests, message);
  if (!request) return undefined;
  if (!request.ok) return Promise.resolve(request);
  if (sender.id !== extensionId) return Promise.resolve({ ok: false, error: 'unknown sender' });
  const senderUrl = sender.url ?? sender.tab?.url;
  const tabId = sender.tab?.id;
  if (!sender.tab || tabId === undefined || sender.frameId !== 0 || !senderUrl) {
    return Promise.resolve({ ok: false, error: 'only the top frame of a tab may call this' });
  }
  let pageUrl: string;
  try {
    // The frame's URL as the browser reports it: Chrome's `sender.url` keeps the URL the document
    // was loaded at, while the tab's follows `history.pushState` (a single-page app's new route).
    // A claim must be one of the two; without a claim, the tab's current URL counts.
    const current = [sender.tab.url, senderUrl].flatMap((u) => (u ? [normalizeUrl(u)] : []));
    const claim = claimedUrl(request.payload);
    pageUrl = claim === undefined ? current[0]! : normalizeUrl(claim);
    if (!current.includes(pageUrl)) throw new Error();
  } catch {
    return Promise.resolve({ ok: false, error: 'a page may only touch its own notes' });
  }
  const handler = handlers[request.type] as (db: VerbatimDb, req: unknown, caller: Caller) => Promise<unknown>;
  return settle(() => handler(db, request.payload, { pageUrl, tabId, platform }));
}
