import type { Browser } from 'wxt/browser';
import { addNote, notesForUrl, recordAnchoring } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/extract/url';
import { backgroundRequests, parseRequest, type BackgroundProtocol, type Request, type Result } from '../../utils/messages';
import { errorMessage } from '../../utils/rpc';

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'frameId' | 'url'>;

type Handlers = {
  [K in keyof BackgroundProtocol]: (
    db: VerbatimDb,
    req: Request<BackgroundProtocol, K>,
  ) => Promise<ReturnType<BackgroundProtocol[K]>>;
};

const handlers: Handlers = {
  pageNotes: (db, { url }) => notesForUrl(db, url),
  saveNote: (db, { page, draft }) => addNote(db, page, draft),
  reportAnchoring: async (db, { url, found, orphaned }) => {
    await recordAnchoring(db, url, found, orphaned);
    return true as const;
  },
};

/** The normalised URL a request claims to be about. */
const claimedUrl = (type: keyof BackgroundProtocol, payload: unknown): string =>
  type === 'saveNote'
    ? (payload as Request<BackgroundProtocol, 'saveNote'>).page.url
    : (payload as Request<BackgroundProtocol, 'pageNotes' | 'reportAnchoring'>).url;

/**
 * Answers a content script. Returns undefined for messages that are not Verbatim's.
 * A content script may only read and write the notes of the page its own tab shows, in the
 * top frame: the claimed URL must be the sender's, once both are normalised.
 */
export function handleMessage(
  db: VerbatimDb,
  extensionId: string,
  message: unknown,
  sender: Sender,
): Promise<Result<unknown>> | undefined {
  const request = parseRequest(backgroundRequests, message);
  if (!request) return undefined;
  if (!request.ok) return Promise.resolve(request);
  if (sender.id !== extensionId) return Promise.resolve({ ok: false, error: 'unknown sender' });
  const senderUrl = sender.url ?? sender.tab?.url;
  if (!sender.tab || sender.frameId !== 0 || !senderUrl) {
    return Promise.resolve({ ok: false, error: 'only the top frame of a tab may call this' });
  }
  let same = false;
  try {
    same = normalizeUrl(senderUrl) === normalizeUrl(claimedUrl(request.type, request.payload));
  } catch {
    same = false;
  }
  if (!same) return Promise.resolve({ ok: false, error: 'a page may only touch its own notes' });
  const handler = handlers[request.type] as (db: VerbatimDb, req: unknown) => Promise<unknown>;
  return handler(db, request.payload).then(
    (value) => ({ ok: true as const, value }),
    (e: unknown) => ({ ok: false as const, error: errorMessage(e) }),
  );
}
