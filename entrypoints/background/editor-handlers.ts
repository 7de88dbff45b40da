import { tagCounts, updateNote } from '../../utils/db/repo';
import type { EditorProtocol } from '../../utils/messaging/protocol';
import { noteOfPage, type Handlers } from './caller';

/**
 * The background's answers to the in-page card's note editor (an extension page framed in the
 * card). The router has checked that the sender is that page in a frame of a tab: the note it
 * names must be of the page that tab shows, so a page that frames the editor itself reaches no
 * other page's notes.
 */
export const editorHandlers: Handlers<EditorProtocol> = {
  editorOpen: async (db, { id }, caller) => ({ note: await noteOfPage(db, id, caller), tags: await tagCounts(db) }),
  editorSave: async (db, { id, patch, seen }, caller) => {
    await noteOfPage(db, id, caller);
    return updateNote(db, id, patch, seen);
  },
  editorSignal: async (db, { id, message }, caller) => {
    await noteOfPage(db, id, caller);
    await caller.platform.relay(caller.tabId, id, message);
    return true;
  },
};
