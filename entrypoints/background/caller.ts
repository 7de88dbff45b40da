import { mayReach } from '../../utils/db/aliases';
import type { VerbatimDb } from '../../utils/db/schema';
import type { EditorMessage, Reply, Request } from '../../utils/messaging/protocol';
import { NoteGoneError } from '../../utils/domain/storage-full';
import { isPageNote } from '../../utils/domain/notes';

/** What the background does to tabs (a seam: tests pass their own). */
export interface Platform {
  /** Injects an extension script (`/page.js`, `/clip.js`) into a tab's top frame. */
  inject(tabId: number, file: string): Promise<void>;
  /** Passes the editor frame's signal to the content script of its tab (the top frame), never the page. */
  relay(tabId: number, id: string, message: EditorMessage): Promise<void>;
}

/**
 * The sender of a call, once the router has checked it (entrypoints/background/router.ts): its
 * tab, and the page that tab shows (normalised URL), the only page whose notes it may touch.
 */
export interface Caller {
  pageUrl: string;
  tabId: number;
  platform: Platform;
}

/** The background's answer to each call of protocol `P`. */
export type Handlers<P> = {
  [K in keyof P]: (db: VerbatimDb, req: Request<P, K>, caller: Caller) => Promise<Reply<P, K>>;
};

/**
 * A note its caller may touch: it must exist and be one the caller's page is shown (its own, or
 * another address of its article: `mayReach`, utils/db/aliases.ts).
 */
export async function noteOfPage(db: VerbatimDb, id: string, { pageUrl }: Caller) {
  const note = await db.notes.get(id);
  // Deleted meanwhile (in another window, or another tab of the page): said as such, in the user's words.
  if (!note) throw new NoteGoneError(id);
  // A note on the page as a whole is the popup's and the side panel's to change, never a page's.
  if (isPageNote(note) || !(await mayReach(db, pageUrl, note.url))) throw new Error('no such note on this page');
  return note;
}
