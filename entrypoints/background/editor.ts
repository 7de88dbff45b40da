import type { Browser } from 'wxt/browser';
import { tagCounts, updateNote } from '../../utils/db/repo';
import type { VerbatimDb } from '../../utils/db/schema';
import { normalizeUrl } from '../../utils/extract/url';
import { editorRequests, parseRequest, type EditorProtocol, type Request, type Result } from '../../utils/messages';
import { settle } from '../../utils/rpc';

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'tab' | 'url'>;

type Handlers = {
  [K in keyof EditorProtocol]: (db: VerbatimDb, req: Request<EditorProtocol, K>, pageUrl: string) => Promise<ReturnType<EditorProtocol[K]>>;
};

/** The note the editor names, if it belongs to the page its tab shows. */
async function pageNote(db: VerbatimDb, id: string, pageUrl: string) {
  const note = await db.notes.get(id);
  if (!note || note.url !== pageUrl) throw new Error('no such note on this page');
  return note;
}

const handlers: Handlers = {
  editorOpen: async (db, { id }, pageUrl) => ({ note: await pageNote(db, id, pageUrl), tags: await tagCounts(db) }),
  editorSave: async (db, { id, patch }, pageUrl) => {
    await pageNote(db, id, pageUrl);
    return updateNote(db, id, patch);
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
  editorUrl: string,
  message: unknown,
  sender: Sender,
): Promise<Result<unknown>> | undefined {
  const request = parseRequest(editorRequests, message);
  if (!request) return undefined;
  if (!request.ok) return Promise.resolve(request);
  const senderPage = sender.url?.split(/[?#]/, 1)[0];
  if (sender.id !== extensionId || senderPage !== editorUrl || !sender.tab?.url) {
    return Promise.resolve({ ok: false, error: 'only the note editor in a tab may call this' });
  }
  let pageUrl: string;
  try {
    pageUrl = normalizeUrl(sender.tab.url);
  } catch {
    return Promise.resolve({ ok: false, error: 'a page may only touch its own notes' });
  }
  const handler = handlers[request.type] as (db: VerbatimDb, req: unknown, pageUrl: string) => Promise<unknown>;
  return settle(() => handler(db, request.payload, pageUrl));
}
